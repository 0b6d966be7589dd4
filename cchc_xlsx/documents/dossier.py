"""The self-assessment dossier sent upward once a year: the table workbook, the report draft
(.docx), the evidence folders by area and criterion (the evidence stage's pack), one .zip of it all.

``dossier_rows`` gathers one row per criterion from the scorecard's data, the units' evidence
cells (read into number, date and title by ``core.citations``), the evidence pack's files and the
points the appraisal rounds decided (``data.decided_points``).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cchc_xlsx import text as labels
from cchc_xlsx.core.citations import Citation, parse_citation
from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.values import format_points
from cchc_xlsx.documents import data as facts
from cchc_xlsx.documents.decree30 import AdminDocument, letterhead, vi_number
from cchc_xlsx.documents.report import difficulty_list
from cchc_xlsx.evidence import ascii_name
from cchc_xlsx.evidence.pack import Pack, write_pack
from cchc_xlsx.scorecard.data import ScorecardData, gather, scores
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.xlsx.writeout import atomic_path

EVIDENCE_FOLDER = "evidence"
AREA_WIDTHS = (14, 59, 18, 18, 20, 18, 18)


@dataclass
class DossierRow:
    """One criterion of the table: its numbers as counted, its evidence, its explanation."""

    code: str
    title: str
    depth: int
    leaf: bool
    children: list[str] = field(default_factory=list)
    max: float = 0.0
    na: float = 0.0           # the maximum hạ chuẩn takes out of the total
    own: float = 0.0          # Điểm tự đánh giá (the self-score)
    appraised: float | None = None
    final: float | None = None
    counted: float = 0.0      # final, else appraised, else self
    unit: str = ""
    evidence: str = ""
    citation: Citation = field(default_factory=Citation)
    files: list[tuple[str, str]] = field(default_factory=list)   # (link relative to the dossier, name)
    explanation: str = ""


@dataclass
class Dossier:
    """What ``write_dossier`` wrote."""

    folder: Path
    table: Path
    report: Path
    zip: Path
    pack: Pack
    rows: list[DossierRow]
    data: ScorecardData
    decided: bool                    # some points were decided by an appraisal round
    difficulties: list = field(default_factory=list)

    @property
    def totals(self) -> dict[str, float]:
        """The table's totals: max, na, adjusted max, self and counted points, both indexes (%)."""
        roots = [r for r in self.rows if r.depth == 1]
        found = {k: sum(getattr(r, k) for r in roots) for k in ("max", "na", "own", "counted")}
        adjusted = found["max"] - found["na"]
        return {**found, "adjusted": adjusted,
                "index_self": found["own"] / adjusted * 100 if adjusted > 0 else 0.0,
                "index_counted": found["counted"] / adjusted * 100 if adjusted > 0 else 0.0}


def write_dossier(plan: Plan, ledger: Ledger, period_code: str, folder: Path,
                  today: dt.date | None = None) -> Dossier:
    """Write the dossier of ``period_code`` into ``folder``: table, report, evidence, zip.

    Returns:
        The dossier: its files, its rows and the data they came from.
    """
    from cchc_xlsx.documents.table import write_table

    folder = Path(folder)
    today = today or dt.date.today()
    year = plan.year or today.year
    data = gather(plan, ledger, period_code, with_trend=False)
    pack = write_pack(plan, ledger, period_code, folder / EVIDENCE_FOLDER)
    decided = facts.decided_points(ledger, plan, period_code)
    rows = dossier_rows(plan, data, decided, facts.leaf_notes(ledger, period_code), _pack_links(pack))
    dossier = Dossier(folder, folder / labels.DOSSIER_TABLE_NAME.format(year=year),
                      folder / labels.DOSSIER_REPORT_NAME.format(year=year),
                      folder / labels.DOSSIER_ZIP_NAME.format(year=year, period=period_code),
                      pack, rows, data, bool(decided), facts.difficulties(plan, ledger, period_code))
    write_table(dossier, plan, period_code, today)
    _write_report(dossier, plan, period_code, today)
    _zip(dossier)
    return dossier


def _pack_links(pack: Pack) -> dict[str, list[tuple[str, str]]]:
    # Criterion code → [(link from the dossier folder, the file's name as received)].
    links: dict[str, list[tuple[str, str]]] = {}
    for file, target in zip(pack.files, pack.targets):
        if target and file.row_kind == "criterion":
            links.setdefault(file.code, []).append((f"{EVIDENCE_FOLDER}/{target}", file.file_name))
    return links


def dossier_rows(plan: Plan, data: ScorecardData, decided: dict[str, facts.DecidedPoints],
                 notes: dict[tuple[str, str], str], files: dict[str, list[tuple[str, str]]]) -> list[DossierRow]:
    """One row per criterion in document order; branches total their children as the table's formulas do."""
    totals = scores(data)
    rows: dict[str, DossierRow] = {}
    for criterion in plan.criteria:
        row = DossierRow(criterion.code, criterion.title, plan.depth(criterion.code), criterion.is_leaf,
                         [c.code for c in plan.children(criterion.code)])
        if criterion.is_leaf:
            _leaf(plan, data, row, totals[criterion.code], decided.get(criterion.code), notes, files)
        rows[criterion.code] = row
    for criterion in reversed(plan.criteria):  # children come after their parents
        row = rows[criterion.code]
        if not row.leaf:
            parts = [rows[c] for c in row.children]
            for key in ("max", "na", "own", "counted"):
                setattr(row, key, sum(getattr(p, key) for p in parts))  # in order, as Excel's SUM adds
    return list(rows.values())


def _leaf(plan: Plan, data: ScorecardData, row: DossierRow, total, decision, notes, files) -> None:
    row.max, row.na, row.own = total.max, total.not_applicable_max, total.points
    if decision is not None:
        row.appraised, row.final = decision.appraised, decision.final
    row.counted = next(v for v in (row.final, row.appraised, row.own) if v is not None)
    scorers = plan.scorers_of(row.code)
    row.unit = ", ".join(scorers)
    answers = [(u, data.unit_leaves.get((u, row.code))) for u in scorers] if plan.unit_scope \
        else [(scorers[0] if scorers else "", data.leaves.get(row.code))]
    written = [(u, a.evidence) for u, a in answers if a is not None and a.evidence]
    row.evidence = "\n".join(f"{u}: {e}" if plan.unit_scope else e for u, e in written)
    row.citation = parse_citation(written[0][1]) if written else Citation()
    row.files = files.get(row.code, [])
    unit_notes = [notes[(u, row.code)] for u, _ in answers if (u, row.code) in notes]
    parts = []
    if row.na:
        condition = plan.not_applicable_text(row.code)
        parts.append(labels.DOSSIER_NA_EXPLANATION.format(condition=condition) if condition else labels.DOSSIER_NA)
    elif not row.evidence and not row.files:
        answered = any(a is not None and a.result is not None for _, a in answers)
        parts.append(labels.DOSSIER_NO_EVIDENCE if answered else labels.DOSSIER_NOT_SCORED)
    if parts:
        parts += [labels.DOSSIER_UNIT_NOTE.format(note=n) for n in unit_notes]
    row.explanation = " ".join(parts)


def _write_report(dossier: Dossier, plan: Plan, period_code: str, today: dt.date) -> None:
    period = plan.period(period_code)
    year = plan.year or today.year
    sections = labels.DOSSIER_SECTIONS
    document = AdminDocument(letterhead(plan, today))
    document.title(labels.DOC_REPORT_WORD, labels.DOSSIER_TITLE.format(year=year))
    document.paragraph(labels.DOSSIER_OPENING.format(plan_title=plan.meta.get("title", ""), year=year,
                                                     department=plan.meta.get("department", ""), period=period.name))
    document.heading(sections["organisation"])
    document.narrative(labels.DOSSIER_NARRATIVE["organisation"])
    document.heading(sections["result"])
    document.heading(sections["total"])
    totals = dossier.totals
    document.paragraph(labels.DOSSIER_TOTAL_LINE.format(points=format_points(totals["own"]),
                                                        max=format_points(totals["adjusted"]),
                                                        index=vi_number(totals["index_self"])))
    if dossier.decided:
        document.paragraph(labels.DOSSIER_COUNTED_LINE.format(points=format_points(totals["counted"]),
                                                              max=format_points(totals["adjusted"]),
                                                              index=vi_number(totals["index_counted"])))
    document.heading(sections["by_area"])
    _area_table(document, dossier, plan)
    document.narrative(labels.DOSSIER_NARRATIVE["by_area"])
    document.heading(sections["explanations"])
    explained = [r for r in dossier.rows if r.explanation]
    if not explained:
        document.paragraph(labels.DOC_NONE)
    for row in explained:
        document.bullet(labels.DOSSIER_EXPLANATION.format(code=row.code, title=row.title, text=row.explanation))
    document.heading(sections["difficulties"])
    document.heading(sections["units_wrote"])
    difficulty_list(document, dossier.difficulties)
    document.heading(sections["proposals"])
    document.narrative(labels.DOSSIER_NARRATIVE["proposals"])
    document.paragraph(sections["annex"].format(table=dossier.table.name, folder=EVIDENCE_FOLDER), italic=True)
    document.finish()
    document.save(dossier.report)


def _area_table(document: AdminDocument, dossier: Dossier, plan: Plan) -> None:
    by_code = {r.code: r for r in dossier.rows}
    headers = labels.DOSSIER_AREA_HEADERS
    rows = []
    for area in plan.areas():
        row = by_code[area.code]
        adjusted = row.max - row.na
        rows.append([row.code, row.title, format_points(row.max), format_points(row.na), format_points(row.own),
                     format_points(row.counted), vi_number(row.counted / adjusted * 100 if adjusted > 0 else 0.0)])
    totals = dossier.totals
    rows.append(["", labels.REPORT_TOTAL, format_points(totals["max"]), format_points(totals["na"]),
                 format_points(totals["own"]), format_points(totals["counted"]), vi_number(totals["index_counted"])])
    document.table(list(headers.values()), rows, AREA_WIDTHS, numeric=range(2, 7), bold_rows=[len(rows) - 1])


def _zip(dossier: Dossier) -> None:
    # Everything in the folder under one top folder, so unzipping gives the dossier whole; the links
    # inside are relative, so they work wherever it is unzipped. Written to a temporary name first.
    top = PurePosixPath(ascii_name(dossier.zip.stem))
    with atomic_path(dossier.zip) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(dossier.folder.rglob("*")):
            hidden = any(part.startswith(".") for part in path.relative_to(dossier.folder).parts)
            if path.is_file() and path != dossier.zip and not hidden:  # hidden: temporary files
                archive.write(path, str(top / path.relative_to(dossier.folder).as_posix()))
