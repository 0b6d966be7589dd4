"""Evidence: the files a unit sends beside its workbook, kept, linked to what they prove, and put
in front of the appraisers.

``EvidenceRun`` is collect's hook: it archives and records each ``Attachment`` as it arrives and,
just before a workbook's submission is recorded, links the files of its return to its rows
(adjusting that workbook's findings). ``evidence_files`` / ``copy_linked`` serve the scorecard and
``write_pack`` the evidence pack. Nothing here executes or parses a file beyond ``sniff``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.core.names import received_name
from cchc_xlsx.findings.catalogue import cell_finding, reason_text
from cchc_xlsx.findings.report import Finding
from cchc_xlsx.evidence.link import Links, Row, cites_files, link
from cchc_xlsx.evidence.sniff import is_dangerous, kept_suffix, name_fits, sniff
from cchc_xlsx.store.ledger import Ledger, now_text
from cchc_xlsx.core.safetext import storable

KEPT, FLAGGED, REFUSED, CONTAINER = "kept", "flagged", "refused", "container"
SHEETS = {"task": labels.SHEET_TASKS, "criterion": labels.SHEET_CRITERIA}
_SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
_MESSAGES = (".eml", ".mbox")


def container_of(item: Any) -> str:
    """The return a received item belongs to: its message, the .zip it came in when that holds
    one workbook (``sources.folder_file``), or the folder it lies in."""
    return getattr(item, "container", "") or str(PurePath(item.source).parent)


def _finding(code: str, file: str, **fields: Any) -> Finding:
    return cell_finding(code, file=file, **fields)


def _size(count: int) -> str:
    from cchc_xlsx.collect.guard import size_text

    return size_text(count)


class EvidenceRun:
    """The evidence side of one collect run (one period)."""

    def __init__(self, ledger: Ledger, archive: Path, period: str, limits: dict[str, int] | None = None):
        self.ledger, self.archive, self.period = ledger, Path(archive), period
        self.limits = limits  # the workspace's, as the scan judged the zips with them
        self.names: dict[str, list[str]] = {}        # container → evidence names received in this run
        self._folders: dict[str, tuple[list[str], int]] = {}
        self.notes: dict[str, list[Finding]] = {}  # container → warnings about its files, for its workbook
        self.linked: set[str] = set()  # containers that came with a workbook in this run
        self._others: dict[str, EvidenceRun] = {}  # period → this run's files seen from another period

    # --- receiving --------------------------------------------------------------------

    def receive(self, item, archived: set[str]) -> tuple[str | None, list[Finding]]:
        """Archive and record one ``Attachment``; returns (sha256 or None, findings for the console).

        Args:
            item: the attachment (its bytes, or the path to read them from).
            archived: the SHA-256s already in the archive (updated).
        """
        sha, findings = self._receive(item, archived)
        warnings = [f for f in findings if f.severity != "info"]
        if warnings:  # the unit hears of a refused or dangerous file in its feedback
            self.notes.setdefault(item.container, []).extend(warnings)
        return sha, findings

    def _receive(self, item, archived: set[str]) -> tuple[str | None, list[Finding]]:
        findings = []
        if _unsafe(item.original_name):
            findings.append(_finding("evidence-name-unsafe", item.name, value=_visible(item.original_name)))
        if not item.expanded:
            self.names.setdefault(item.container, []).append(item.name)
        if item.refused:
            findings.append(_refusal(item))
            if item.data is None and item.path is None:
                self._insert(item, "", "unknown", REFUSED, item.detail)
                return None, findings
        try:
            data = item.data if item.data is not None else _read_file(item.path)
        except OSError as exc:  # gone or locked since the folder was listed: recorded, the run goes on
            item.refused, item.detail = "unreadable", reason_text(exc)
            self._insert(item, "", "unknown", REFUSED, item.detail)
            return None, [*findings, _refusal(item)]
        sha = hashlib.sha256(data).hexdigest()
        kind = sniff(data, item.name)
        dangerous = is_dangerous(kind, item.name)
        suffix = ".bin" if dangerous else kept_suffix(kind, item.name)
        if sha not in archived:
            _archive(self.archive / f"{sha}{suffix}", data)
            archived.add(sha)
        item.data = None  # the batch need not hold it any longer
        state = CONTAINER if item.expanded else FLAGGED if dangerous else KEPT
        self._insert(item, sha, kind, state, item.detail)
        label = labels.EVIDENCE_KINDS.get(kind, kind)
        if dangerous:
            findings.append(_finding("evidence-flagged", item.source, kind=label, value=item.name))
        elif kind in ("rar", "7z", "gzip"):  # it may hold the workbook: the Office must hear of it
            findings.append(_finding("evidence-archive-unopened", item.source, kind=label))
        elif not name_fits(kind, item.name):
            findings.append(_finding("evidence-type-differs", item.source, kind=label, suffix=suffix))
        if not findings:
            findings.append(_finding("evidence-kept", item.source, kind=label, size=_size(len(data))))
        return sha, findings

    def _insert(self, item, sha: str, kind: str, state: str, detail: str) -> None:
        received = item.received_at.isoformat(sep=" ") if item.received_at else None
        with self.ledger.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO evidence (period, container, source, file_name, original_name, sha256, kind, "
                "size, state, detail, sender, message_id, received_at, recorded_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (self.period, _text(item.container), _text(item.source), item.name, _text(item.original_name) or None,
                 sha, kind, item.size, state, _text(detail) or None, _text(item.sender), _text(item.message_id),
                 received, now_text()))

    # --- linking, before a workbook is recorded ----------------------------------------

    def link(self, item, analysis) -> Links | None:
        """Link the files of this workbook's return to its rows and adjust its findings: a file
        that proves a row answers that row's missing evidence; a cell citing a file that did not
        arrive is a warning on that cell; a file linked to nothing is a note (for one return)."""
        container = container_of(item)
        self.linked.add(container)  # its files are this workbook's, whatever becomes of it
        if analysis.unit is None:
            return None
        names, single = self._names(container)
        tasks, criteria = analysis.task_values, analysis.criterion_values
        cited = analysis.cites_files if getattr(analysis, "cites_files", None) is not None else any(
            cites_files(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)) for v in (tasks, criteria))
        if not names and not cited:
            return None  # the common case: nothing to link, nothing cited; no parsing
        rows = _rows("task", tasks) + _rows("criterion", criteria)
        result = link(names, rows)
        linked = {code for _, code in result.linked_rows()}
        analysis.findings[:] = [f for f in analysis.findings
                                if not (f.code == "evidence-missing" and f.row_code in linked)]
        for row, wanted in result.missing:
            analysis.findings.append(cell_finding(
                "evidence-file-missing", file=item.name, sheet=SHEETS[row.kind], cell=_cell(row), row_code=row.code,
                field="evidence", value=wanted))
        if single:
            analysis.findings.extend(self.notes.get(container, []))
            for name in result.unlinked:
                analysis.findings.append(_finding("evidence-unlinked", item.name, value=name))
        else:
            result.unlinked = []  # files of a folder shared by several returns: not this workbook's to claim
        return result

    def record_links(self, submission_id: int | None, unit: str | None, item, result: Links | None,
                     container: str | None = None) -> None:
        """Record the links found for a workbook's submission (same transaction as the submission)."""
        if result is None or submission_id is None:
            return
        container = container if container is not None else container_of(item)
        self.linked.add(container)
        container, now = _text(container), now_text()
        rows = [(submission_id, self.period, container, name, unit, kind, code, how, now)
                for name, kind, code, how in result.links]
        rows += [(submission_id, self.period, container, name, unit, "none", "", "none", now) for name in result.unlinked]
        with self.ledger.transaction() as db:
            db.executemany("INSERT OR IGNORE INTO evidence_links (submission_id, period, container, file_name, unit, "
                           "row_kind, code, how, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def finish(self, plan) -> None:
        """Files that came in a message without a workbook (a unit sending its evidence after its
        return): the unit is the sender's, and the files are linked to the rows of its latest return."""
        emails: dict[str, list[str]] = {}
        for unit in plan.workbook_units():
            if unit.email:
                emails.setdefault(unit.email.lower(), []).append(unit.code)
        latest = None
        for container, names in self.names.items():
            if container in self.linked or not names:
                continue
            senders = {r["sender"] for r in self.ledger.query(
                "SELECT DISTINCT sender FROM evidence WHERE period = ? AND container = ?", (self.period, _text(container)))}
            units = emails.get(next(iter(senders)).lower(), []) if len(senders) == 1 and "" not in senders else []
            if len(units) != 1:
                continue
            latest = latest if latest is not None else self.ledger.latest(self.period)
            submission = latest.get(units[0])
            if submission is None:
                continue
            rows = [Row("task", r["code"], r["evidence"] or "", r["cell_row"]) for r in self.ledger.query(
                "SELECT code, evidence, cell_row FROM task_values WHERE submission_id = ?", (submission["id"],))]
            rows += [Row("criterion", r["code"], r["evidence"] or "", r["cell_row"]) for r in self.ledger.query(
                "SELECT code, evidence, cell_row FROM criterion_values WHERE submission_id = ?", (submission["id"],))]
            self.record_links(submission["id"], units[0], None, link(names, rows), container)

    def for_period(self, period: str) -> "EvidenceRun":
        """The same run's files as another period sees them (a workbook whose _meta names that
        period is recorded there): the names received are shared, links are recorded under it."""
        if period == self.period:
            return self
        if period not in self._others:
            other = EvidenceRun(self.ledger, self.archive, period, self.limits)
            other.names, other.notes, other._folders, other.linked = self.names, self.notes, self._folders, self.linked
            self._others[period] = other
        return self._others[period]

    def copy_received(self, received_for: str, submission_id: int | None) -> None:
        """Record under this run's period the files linked to ``submission_id`` that were recorded
        under ``received_for`` when they arrived (so this period's evidence pack has them too)."""
        if submission_id is None:
            return
        with self.ledger.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO evidence (period, container, source, file_name, original_name, sha256, kind, "
                "size, state, detail, sender, message_id, received_at, recorded_at) "
                "SELECT ?, e.container, e.source, e.file_name, e.original_name, e.sha256, e.kind, e.size, e.state, "
                "e.detail, e.sender, e.message_id, e.received_at, ? FROM evidence e WHERE e.period = ? AND EXISTS "
                "(SELECT 1 FROM evidence_links l WHERE l.submission_id = ? AND l.container = e.container "
                "AND l.file_name = e.file_name) ORDER BY e.id",
                (self.period, now_text(), received_for, submission_id))

    def unit_of(self, container: str, name: str) -> str | None:
        """The unit a received file was linked to (or came with), for the console."""
        rows = self.ledger.query("SELECT DISTINCT unit FROM evidence_links WHERE period = ? AND container = ? AND "
                                 "file_name = ? AND unit IS NOT NULL", (self.period, _text(container), name))
        if not rows:  # it came with a workbook recorded for another period (its _meta's)
            units = {other.unit_of(container, name) for other in self._others.values()} - {None}
            return units.pop() if len(units) == 1 else None
        return rows[0]["unit"] if len(rows) == 1 else None

    def _names(self, container: str) -> tuple[list[str], bool]:
        # A message's files arrive before its workbooks; a folder's are listed from disk, whatever
        # the order they are read in. A folder is one return when it holds one workbook.
        names = list(self.names.get(container, []))
        if "#" in container or "://" in container or PurePath(container).suffix.lower() in _MESSAGES:
            return names, True
        folder = Path(container)
        if container not in self._folders:  # a zip of one workbook is a return of its own (sources.folder_file)
            self._folders[container] = _folder_listing(folder, self.limits) if folder.is_dir() else \
                (_zip_listing(folder)[0], 1) if folder.suffix.lower() == ".zip" and folder.is_file() else ([], 1)
        listed, workbooks = self._folders[container]
        return list(dict.fromkeys(names + listed)), workbooks <= 1


def _read_file(path: str) -> bytes:
    from cchc_xlsx.collect.sources import open_regular

    with open_regular(Path(path)) as stream:  # never through a link planted after the scan
        return stream.read()


def _text(value: str | None) -> str:
    # A name that is not UTF-8 (a Windows zip unpacked on Linux) is stored with U+FFFD, never refused by SQLite.
    return storable(value or "")


def _unsafe(name: str) -> bool:
    # A name that points elsewhere (../, an absolute path, a drive) or hides characters.
    if not name:
        return False
    parts = name.replace("\\", "/").split("/")
    return ".." in parts or name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) is not None or \
        any(not ch.isprintable() for ch in name)


def _visible(text: str) -> str:
    # A hostile name is shown, never obeyed: control characters as \xNN, so no terminal or cell acts on them.
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


def _refusal(item) -> dict[str, Any]:
    if item.refused == "too-large":
        return _finding("evidence-refused", item.source, size=_size(item.size), limit=item.detail)
    if item.refused == "zip-bomb":
        return _finding("evidence-zip-bomb", item.source, limit=item.detail)
    if item.refused == "unreadable":
        return _finding("file-unreadable", item.source, reason=item.detail)
    return _finding("evidence-zip-refused", item.source,
                    reason=labels.EVIDENCE_ZIP_REASONS.get(item.refused, item.detail or item.refused))


def _archive(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(data)
    os.replace(partial, path)


def _rows(kind: str, values: Any) -> list[Row]:
    rows = json.loads(values) if isinstance(values, str) else values or []
    return [Row(kind, r["code"], r.get("evidence") or "", r.get("cell_row")) for r in rows if r.get("code")]


def _cell(row: Row) -> str:
    from xlsxwriter.utility import xl_col_to_name

    headers = labels.TASK_HEADERS if row.kind == "task" else labels.CRITERIA_HEADERS
    column = list(headers).index("evidence")
    return f"{xl_col_to_name(column)}{row.cell_row}" if row.cell_row else ""


def _folder_listing(folder: Path, limits: dict[str, int] | None = None) -> tuple[list[str], int]:
    """The evidence names in a folder (and in its zips), and how many workbooks it holds."""
    from cchc_xlsx.collect.sources import SYSTEM_FILES, is_lock_file, zip_workbooks

    names, workbooks = [], 0
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return [], 1
    for path in children:
        if path.is_symlink() or not path.is_file() or is_lock_file(path.name) or path.name.lower() in SYSTEM_FILES:
            continue
        suffix = path.suffix.lower()
        if suffix in _SPREADSHEETS:
            workbooks += 1
        elif suffix in _MESSAGES:
            continue
        elif suffix == ".zip":
            if zip_workbooks(path, limits=limits) != 1:  # one workbook: that zip is its own return, not the folder's
                members, inside = _zip_listing(path)
                names += members
                workbooks += inside
        else:
            names.append(received_name(path.name))
    return names, workbooks


def _zip_listing(path: Path) -> tuple[list[str], int]:
    """The evidence names in a .zip on disk, and how many workbooks it holds."""
    import zipfile

    names, workbooks = [], 0
    try:
        with zipfile.ZipFile(path) as archive:
            members = [e.filename for e in archive.infolist()[:1000] if not e.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        members = []
    for member in members:
        if PurePath(member).suffix.lower() in _SPREADSHEETS:
            workbooks += 1
        elif not member.startswith("__MACOSX/"):
            names.append(received_name(member))
    return names, workbooks


# --- what the reports show ----------------------------------------------------------------

@dataclass(frozen=True)
class EvidenceFile:
    """One received file and what it was linked to (one per link; unlinked files once)."""

    unit: str
    row_kind: str          # task, criterion, none
    code: str
    how: str               # cited, code, none
    file_name: str
    sha256: str
    kind: str
    size: int
    state: str
    source: str
    received_at: str
    detail: str

    @property
    def copyable(self) -> bool:
        return self.state == KEPT and bool(self.sha256)


def evidence_files(ledger: Ledger, period: str) -> list[EvidenceFile]:
    """Every file received for ``period``: one entry per row it proves (links of each unit's
    latest submission), or one unlinked entry; refused and flagged files too."""
    files = ledger.query("SELECT * FROM evidence WHERE period = ? AND state != ? ORDER BY id", (period, CONTAINER))
    # Each unit's latest return, and its latest explanation (issue 22): its files prove criteria too.
    latest = {row["id"] for row in ledger.query("SELECT id FROM latest_submissions WHERE period = ? UNION "
                                                "SELECT id FROM latest_explanations WHERE period = ?", (period, period))}
    links: dict[tuple[str, str], list] = {}
    for row in ledger.query("SELECT * FROM evidence_links WHERE period = ? ORDER BY id", (period,)):
        links.setdefault((row["container"], row["file_name"]), []).append(row)
    newest: dict[tuple[str, str], Any] = {}
    for row in files:  # the same name in the same return sent again with other bytes: the newest counts
        newest[(row["container"], row["file_name"])] = row
    for key in _moved(ledger, period):  # files of a return recorded for its own period: that period's
        if not any(link["how"] != "none" for link in links.get(key, [])):
            newest.pop(key, None)
    found = []
    for key, row in newest.items():
        mine = [link for link in links.get(key, []) if link["submission_id"] in latest]
        linked = [link for link in mine if link["how"] != "none"]
        unit = next((link["unit"] for link in mine if link["unit"]), "") or ""
        common = dict(file_name=row["file_name"], sha256=row["sha256"], kind=row["kind"], size=row["size"],
                      state=row["state"], source=row["source"], received_at=row["received_at"] or row["recorded_at"],
                      detail=row["detail"] or "")
        if linked:
            seen = set()
            for link_row in linked:
                ident = (link_row["unit"], link_row["row_kind"], link_row["code"])
                if ident not in seen:
                    seen.add(ident)
                    found.append(EvidenceFile(link_row["unit"] or "", link_row["row_kind"], link_row["code"],
                                              link_row["how"], **common))
        else:
            found.append(EvidenceFile(unit, "none", "", "none", **common))
    return found


def _moved(ledger: Ledger, period: str) -> set[tuple[str, str]]:
    # (container, name) of the files that came with a workbook of another period (its _meta's),
    # as recorded with its submission there (collect's _record_elsewhere).
    rows = ledger.query(
        "SELECT DISTINCT l.container, l.file_name FROM submissions s JOIN submissions t "
        "ON t.sha256 = s.sha256 AND t.period = s.other_period JOIN evidence_links l ON l.submission_id = t.id "
        "WHERE s.period = ? AND s.other_period IS NOT NULL", (period,))
    return {(r["container"], r["file_name"]) for r in rows}


def ascii_name(text: str, limit: int = 80) -> str:
    """A file name any system and zip tool takes: Vietnamese letters without marks, no spaces."""
    text = unicodedata.normalize("NFKD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", text)).strip("-._")
    return text[:limit].rstrip("-._") or "tep"


def safe_copy_name(file: EvidenceFile) -> str:
    """``UNIT_CODE_original.ext``: readable, unique per content, safe on Windows and USB sticks."""
    stem, suffix = PurePath(file.file_name).stem, kept_suffix(file.kind, file.file_name)
    if file.code and stem.casefold().startswith(file.code.casefold()):  # "I.1.2 - Ke hoach": the code once
        stem = stem[len(file.code):] or stem
    parts = [p for p in (file.unit, file.code) if p]
    return "_".join([*(ascii_name(p, 20) for p in parts), ascii_name(stem, 60)]) + "-" + file.sha256[:6] + suffix


def archived_path(archive: Path, sha256: str) -> Path | None:
    """Where the archive keeps these bytes (named by their SHA-256, with some extension)."""
    return next((p for p in sorted(archive.glob(f"{sha256}.*")) if not p.name.endswith(".part")), None)


def copy_linked(ledger: Ledger, period: str, target: Path) -> dict[tuple, list[tuple[str, str]]]:
    """Copy each linked, harmless file into ``target`` under its safe name.

    Returns:
        (kind, code) for criteria and (kind, code, unit) for tasks → [(relative link, shown name)],
        links relative to ``target``'s parent ("evidence/VP_I.1.2_Ke-hoach-1a2b3c.pdf").
    """
    archive = Path(ledger.path).parent / "archive"
    found: dict[tuple, list[tuple[str, str]]] = {}
    for file in evidence_files(ledger, period):
        if file.row_kind == "none" or not file.copyable:
            continue
        source = archived_path(archive, file.sha256)
        if source is None:
            continue
        name = safe_copy_name(file)
        _copy(source, target / name)
        key = ("criterion", file.code) if file.row_kind == "criterion" else ("task", file.code, file.unit)
        found.setdefault(key, []).append((f"{target.name}/{name}", file.file_name))
    return found


def _copy(source: Path, target: Path) -> None:
    if target.exists() and target.stat().st_size == source.stat().st_size:
        return  # named by its content: already there
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, partial)
    os.replace(partial, target)


__all__ = ["EvidenceFile", "EvidenceRun", "container_of", "copy_linked", "evidence_files", "safe_copy_name"]
