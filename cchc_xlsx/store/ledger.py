"""The ledger: every submission ever received, the values read from it, and what was sent.

One SQLite file in the workspace. Rows are only ever added: a resubmission supersedes the
earlier one by being later, and both stay. A submission, its values and its findings are
written in one transaction, so a run killed half-way leaves either all of it or none.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_xlsx.findings.report import STORED, Finding

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    period TEXT NOT NULL,
    unit TEXT,                      -- NULL when the file could not be matched to a unit
    plan_id TEXT,
    file_name TEXT NOT NULL,
    source TEXT NOT NULL,
    sender TEXT,
    message_id TEXT,
    received_at TEXT,
    recorded_at TEXT NOT NULL,
    identified_by TEXT,             -- meta, name or none
    verdict TEXT NOT NULL,          -- accepted, warnings, errors (cells left out), rejected (not merged)
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    infos INTEGER NOT NULL DEFAULT 0,
    task_json TEXT NOT NULL DEFAULT '[]',       -- the values read, one object per row (views below)
    criterion_json TEXT NOT NULL DEFAULT '[]',
    UNIQUE (sha256, period)
);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    period TEXT NOT NULL,
    source TEXT NOT NULL,
    sender TEXT,
    message_id TEXT,
    received_at TEXT,
    recorded_at TEXT NOT NULL,
    UNIQUE (sha256, period, source)
);
CREATE TABLE IF NOT EXISTS findings (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    code TEXT NOT NULL, severity TEXT NOT NULL, sheet TEXT, cell TEXT, row_code TEXT, field TEXT,
    value TEXT, message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS appraisals (
    id INTEGER PRIMARY KEY, period TEXT NOT NULL, code TEXT NOT NULL, points REAL, note TEXT,
    appraised_by TEXT, appraised_at TEXT NOT NULL, source TEXT
);
CREATE TABLE IF NOT EXISTS mail_log (
    id INTEGER PRIMARY KEY, period TEXT NOT NULL, unit TEXT NOT NULL, kind TEXT NOT NULL,
    message_id TEXT NOT NULL, file TEXT, attachment_sha256 TEXT, recipient TEXT,
    written_at TEXT, sent_at TEXT, error TEXT
);
CREATE INDEX IF NOT EXISTS submissions_unit ON submissions(period, unit);
CREATE INDEX IF NOT EXISTS findings_submission ON findings(submission_id);
CREATE INDEX IF NOT EXISTS mail_log_current ON mail_log(period, kind, unit);
CREATE INDEX IF NOT EXISTS deliveries_message ON deliveries(message_id);

-- The values read from each submission, one row per task or criterion row of its workbook.
-- Stored as one JSON array per submission (one insert, not hundreds), read as tables here.
CREATE VIEW IF NOT EXISTS task_values AS
SELECT s.id AS submission_id, json_extract(j.value, '$.code') AS code, json_extract(j.value, '$.status') AS status,
       json_extract(j.value, '$.completion') AS completion, json_extract(j.value, '$.completed_on') AS completed_on,
       json_extract(j.value, '$.evidence') AS evidence, json_extract(j.value, '$.issues') AS issues,
       json_extract(j.value, '$.note') AS note, json_extract(j.value, '$.cell_row') AS cell_row,
       json_extract(j.value, '$.valid') AS valid, json_extract(j.value, '$.left_out') AS left_out
FROM submissions s, json_each(s.task_json) j;
CREATE VIEW IF NOT EXISTS criterion_values AS
SELECT s.id AS submission_id, json_extract(j.value, '$.code') AS code,
       json_extract(j.value, '$.result_text') AS result_text, json_extract(j.value, '$.result_value') AS result_value,
       json_extract(j.value, '$.not_applicable') AS not_applicable, json_extract(j.value, '$.evidence') AS evidence,
       json_extract(j.value, '$.note') AS note, json_extract(j.value, '$.points') AS points,
       json_extract(j.value, '$.sheet_points') AS sheet_points, json_extract(j.value, '$.cell_row') AS cell_row,
       json_extract(j.value, '$.valid') AS valid, json_extract(j.value, '$.left_out') AS left_out
FROM submissions s, json_each(s.criterion_json) j;

-- The latest submission of each unit and period that can be merged: later received wins.
CREATE VIEW IF NOT EXISTS latest_submissions AS
SELECT s.* FROM submissions s
WHERE s.verdict != 'rejected' AND s.unit IS NOT NULL AND s.id = (
    SELECT t.id FROM submissions t
    WHERE t.period = s.period AND t.unit = s.unit AND t.verdict != 'rejected'
    ORDER BY COALESCE(t.received_at, t.recorded_at) DESC, t.id DESC LIMIT 1);

-- Tidy tables of accepted values: tasks × units and criteria × units. Merged per cell: a cell whose
-- value could not be used is blank here and named in left_out (comma-separated column keys);
-- the rest of its row counts. (Ledgers written before left_out: a row with an error is left out whole.)
CREATE VIEW IF NOT EXISTS merged_tasks AS
SELECT l.period, l.unit, v.code, v.status, v.completion, v.completed_on, v.evidence, v.issues, v.note,
       COALESCE(v.left_out, '') AS left_out, l.id AS submission_id
FROM latest_submissions l JOIN task_values v ON v.submission_id = l.id WHERE v.valid = 1 OR v.left_out IS NOT NULL;
CREATE VIEW IF NOT EXISTS merged_criteria AS
SELECT l.period, l.unit, v.code, v.result_text, v.result_value, v.not_applicable, v.evidence, v.note, v.points,
       COALESCE(v.left_out, '') AS left_out, l.id AS submission_id
FROM latest_submissions l JOIN criterion_values v ON v.submission_id = l.id WHERE v.valid = 1 OR v.left_out IS NOT NULL;
"""


# Views that SCHEMA defines anew when a ledger holds an older definition (they hold no data):
# view → a word today's definition has.
VIEW_MARKS = {"task_values": "left_out", "criterion_values": "left_out", "merged_tasks": "left_out",
              "merged_criteria": "left_out"}


def _drop_outdated_views(connection: sqlite3.Connection) -> None:
    # Only a ledger made by an older version pays for this (DDL waits for the write lock).
    rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'").fetchall()
    for name, sql in rows:
        if name in VIEW_MARKS and VIEW_MARKS[name] not in (sql or ""):
            connection.execute(f"DROP VIEW IF EXISTS {name}")


LOCK_TIMEOUT = 30  # seconds to wait for another command holding the ledger before saying so


JOURNAL_MODES = ("auto", "wal", "delete")
# Folders that a sync client mirrors elsewhere: two machines may open the same ledger through them.
SYNC_FOLDERS = ("onedrive", "dropbox", "google drive", "googledrive", "my drive", "drivefs", "icloud drive",
                "iclouddrive", "box sync", "nextcloud", "owncloud", "seafile", "synology drive")


def journal_mode_for(path: Path, setting: str | None = None) -> str:
    """The SQLite journal mode for a ledger at ``path``: WAL on a local disk, DELETE on a network
    share or in a synced folder (WAL needs shared memory that neither provides).

    Args:
        path: the ledger file.
        setting: ``[ledger] journal_mode`` of cchc.toml (auto, wal, delete); default: read from the
            cchc.toml beside the ledger, else auto.
    """
    setting = (setting or _journal_setting(Path(path))).lower()
    if setting in ("wal", "delete"):
        return setting.upper()
    return "DELETE" if on_shared_storage(Path(path)) else "WAL"


def on_shared_storage(path: Path) -> bool:
    """True for a UNC path (\\\\server\\share), a mapped network drive, or a known sync folder."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    parts = text.lower().replace("\\", "/").split("/")
    if any(part.startswith(SYNC_FOLDERS) for part in parts):
        return True
    return _network_drive(text)


def _network_drive(text: str) -> bool:
    # A drive letter mapped to a share (Windows only: GetDriveTypeW says DRIVE_REMOTE).
    if len(text) < 2 or text[1] != ":":
        return False
    try:
        import ctypes

        return ctypes.windll.kernel32.GetDriveTypeW(f"{text[0]}:\\") == 4
    except (AttributeError, OSError):
        return False


def _journal_setting(path: Path) -> str:
    import tomllib

    try:
        settings = tomllib.loads((path.parent / "cchc.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "auto"
    value = (settings.get("ledger") or {}).get("journal_mode", "auto")
    return value if isinstance(value, str) and value.lower() in JOURNAL_MODES else "auto"


def now_text() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")


@dataclass
class Submission:
    """A submission about to be recorded, with its values and findings."""

    sha256: str
    period: str
    file_name: str
    source: str
    unit: str | None = None
    plan_id: str | None = None
    sender: str = ""
    message_id: str = ""
    received_at: str | None = None
    identified_by: str = "none"
    verdict: str = "rejected"
    findings: list[Finding] = field(default_factory=list)
    task_values: list[dict[str, Any]] | str = field(default_factory=list)       # rows, or their JSON
    criterion_values: list[dict[str, Any]] | str = field(default_factory=list)

    claimed_at: str | None = None   # the sender's own date (Date:), beside when the Office received it
    raw_source: str = ""               # hex of the source's bytes (path, name) when not UTF-8
    hold: str | None = None          # why it waits for the Office ("sender"), None when trusted
    other_period: str | None = None  # its _meta names this period of the plan, where it was recorded instead
    kind: str | None = None          # "explanation" for a returned explanation workbook (issue 22); None: a return

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


class Ledger:
    """The workspace's ledger.sqlite."""

    def __init__(self, path: Path, journal_mode: str | None = None):
        self.path = Path(path)
        self.connection = None
        try:
            self.connection = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
            self.connection.row_factory = sqlite3.Row
            self.connection.execute("PRAGMA foreign_keys = ON")
            # WAL: a commit needs no flush of the whole file, and a killed process loses no committed row.
            # On a network share or a synced folder WAL's shared memory is unsafe: DELETE there.
            self.journal_mode = journal_mode or journal_mode_for(self.path)
            self.connection.execute(f"PRAGMA journal_mode = {self.journal_mode}")
            self.connection.execute("PRAGMA synchronous = NORMAL")
            _drop_outdated_views(self.connection)
            self.connection.executescript(SCHEMA)
            _migrate(self.connection)
            self.connection.executescript(EVIDENCE_SCHEMA)
            self.connection.executescript(APPRAISAL_SCHEMA)
            self.connection.executescript(INTAKE_SCHEMA)
        except sqlite3.Error as exc:  # locked, read-only, corrupt: the message names this file
            if self.connection is not None:
                self.connection.close()
            exc.ledger_path = self.path
            raise

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction; nested uses join the outer one, so a caller can group several records."""
        if self.connection.in_transaction:
            yield self.connection
            return
        try:
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
            except BaseException:
                if self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")
                raise
            self.connection.execute("COMMIT")
        except sqlite3.Error as exc:
            exc.ledger_path = self.path
            raise

    @contextmanager
    def savepoint(self) -> Iterator[sqlite3.Connection]:
        """Part of a transaction that can fail alone: on an exception only its own writes are undone."""
        self.connection.execute("SAVEPOINT item")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK TO item")
            self.connection.execute("RELEASE item")
            raise
        self.connection.execute("RELEASE item")

    def find(self, sha256: str, period: str) -> sqlite3.Row | None:
        return self.connection.execute("SELECT * FROM submissions WHERE sha256 = ? AND period = ?",
                                       (sha256, period)).fetchone()

    def record_delivery(self, sha256: str, period: str, source: str, sender: str, message_id: str,
                        received_at: str | None, claimed_at: str | None = None, raw_source: str = "") -> bool:
        """Note that these bytes arrived (again) from ``source``; False when this was already known.

        ``received_at`` is when the Office received them; ``claimed_at`` the sender's own date.
        """
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO deliveries (sha256, period, source, sender, message_id, received_at, "
                "recorded_at, claimed_at, raw_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (sha256, period, source, sender, message_id, received_at, now_text(), claimed_at, raw_source))
            return cursor.rowcount == 1

    def note_item(self, period: str, source: str, file_name: str, finding: Finding) -> None:
        """Record why an item looked at was not taken (a message without a workbook, a lock file, a
        file that could not be read): once per period, source and reason."""
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO intake_notes (period, source, file_name, code, severity, message, value, "
                       "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (period, source, file_name, finding.code, finding.severity, finding.message,
                        str(finding.value or "") or None, now_text()))

    def record(self, submission: Submission) -> int:
        """Record a submission with its values and findings in one transaction; returns its id.

        The same bytes for the same period are recorded once: a second call returns the first id.
        Its delivery is recorded separately, before the file is parsed (``record_delivery``).
        """
        with self.transaction() as db:
            existing = db.execute("SELECT id FROM submissions WHERE sha256 = ? AND period = ?",
                                  (submission.sha256, submission.period)).fetchone()
            if existing:
                return existing["id"]
            s = submission
            cursor = db.execute(
                "INSERT INTO submissions (sha256, period, unit, plan_id, file_name, source, sender, message_id, "
                "received_at, recorded_at, identified_by, verdict, errors, warnings, infos, task_json, "
                "criterion_json, claimed_at, raw_source, hold, other_period, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (s.sha256, s.period, s.unit, s.plan_id, s.file_name, s.source, s.sender, s.message_id,
                 s.received_at, now_text(), s.identified_by, s.verdict, s.count("error"), s.count("warning"),
                 s.count("info"), values_json(s.task_values), values_json(s.criterion_values), s.claimed_at,
                 s.raw_source, s.hold, s.other_period, s.kind))
            submission_id = cursor.lastrowid
            if s.findings:
                db.executemany(_INSERT_FINDING, [(submission_id, *f.stored()) for f in s.findings])
            return submission_id

    def submissions(self, period: str, columns: str = "*") -> list[sqlite3.Row]:
        """The period's submissions in the order received; ``columns`` (a fixed list, never from a
        request) leaves out the stored values where they are not needed."""
        return self.connection.execute(
            f"SELECT {columns} FROM submissions WHERE period = ? ORDER BY COALESCE(received_at, recorded_at), id",
            (period,)).fetchall()

    def latest(self, period: str) -> dict[str, sqlite3.Row]:
        """unit → its latest mergeable submission."""
        rows = self.connection.execute("SELECT * FROM latest_submissions WHERE period = ?", (period,)).fetchall()
        return {row["unit"]: row for row in rows}

    def latest_any(self, period: str) -> dict[str, sqlite3.Row]:
        """unit → its latest submission, mergeable or not (a rejected file is still news; one
        recorded for the other period its _meta names is that period's news)."""
        rows = self.connection.execute(
            "SELECT s.* FROM submissions s JOIN (SELECT t.id, ROW_NUMBER() OVER (PARTITION BY t.unit ORDER BY "
            "COALESCE(t.received_at, t.recorded_at) DESC, t.id DESC) AS latest_rank FROM submissions t "
            "WHERE t.period = ? AND t.unit IS NOT NULL AND t.other_period IS NULL AND t.kind IS NULL) r "
            "ON r.id = s.id WHERE r.latest_rank = 1", (period,)).fetchall()
        return {row["unit"]: row for row in rows}

    def held(self, period: str) -> list[sqlite3.Row]:
        """Submissions of ``period`` waiting for the Office's decision (``cchc accept``), oldest first."""
        return self.connection.execute(
            "SELECT s.* FROM submissions s WHERE s.period = ? AND s.hold IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM office_decisions d WHERE d.submission_id = s.id) "
            "ORDER BY COALESCE(s.received_at, s.recorded_at), s.id", (period,)).fetchall()

    def decision(self, submission_id: int) -> str | None:
        """The Office's latest decision on a held submission: "accepted", "rejected" or None."""
        row = self.connection.execute("SELECT decision FROM office_decisions WHERE submission_id = ? "
                                      "ORDER BY id DESC LIMIT 1", (submission_id,)).fetchone()
        return row["decision"] if row else None

    def decide(self, submission_id: int, decision: str, by: str = "") -> None:
        """Record the Office's decision on a held submission (a new row: decisions are never overwritten)."""
        if decision not in ("accepted", "rejected"):
            raise ValueError(decision)
        with self.transaction() as db:
            db.execute("INSERT INTO office_decisions (submission_id, decision, decided_by, decided_at) "
                       "VALUES (?, ?, ?, ?)", (submission_id, decision, by, now_text()))

    def replied_unit(self, message_id: str) -> str | None:
        """The unit of the message (written or sent by mail) that ``message_id`` names, if ours."""
        if not message_id:
            return None
        row = self.connection.execute("SELECT unit FROM mail_log WHERE message_id = ? ORDER BY id DESC LIMIT 1",
                                      (message_id.strip(),)).fetchone()
        return row["unit"] if row else None

    def findings(self, submission_ids: Iterable[int]) -> dict[int, list[Finding]]:
        """submission id → its findings as recorded (the file named is the submission's), in order."""
        ids = list(submission_ids)
        found: dict[int, list[Finding]] = {}
        if not ids:
            return found
        marks = ",".join("?" * len(ids))
        rows = self.connection.execute(
            f"SELECT f.*, s.file_name FROM findings f JOIN submissions s ON s.id = f.submission_id "
            f"WHERE f.submission_id IN ({marks}) ORDER BY f.rowid", ids).fetchall()
        for row in rows:
            found.setdefault(row["submission_id"], []).append(Finding.from_stored(row, row["file_name"]))
        return found

    def query(self, sql: str, parameters: tuple = ()) -> list[sqlite3.Row]:
        return self.connection.execute(sql, parameters).fetchall()


# --- additive migrations (issue 10): a ledger of any earlier version opens unchanged -------------

_COLUMNS = {
    # other_period: its _meta names that period of the plan, where it was recorded instead
    # kind (issue 22): "explanation" for a returned explanation workbook, NULL for a return
    "submissions": (("claimed_at", "TEXT"), ("raw_source", "TEXT"), ("hold", "TEXT"), ("other_period", "TEXT"),
                    ("kind", "TEXT")),
    "deliveries": (("claimed_at", "TEXT"), ("raw_source", "TEXT")),
    "appraisals": (("unit", "TEXT"),  # issue 13: appraised per unit with index_scope = unit
                   # issue 22: the round ("appraisal", or "decision" for Điểm sau giải trình), its reason, the import
                   ("stage", "TEXT"), ("reason", "TEXT"), ("import_id", "INTEGER")),
}
_DECISIONS = """
CREATE TABLE IF NOT EXISTS office_decisions (
    id INTEGER PRIMARY KEY, submission_id INTEGER NOT NULL REFERENCES submissions(id),
    decision TEXT NOT NULL, decided_by TEXT, decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS office_decisions_submission ON office_decisions(submission_id);
"""
# Later received wins, among what may be merged: not rejected, and not held unless the Office accepted it.
# Ranked in one pass (ROW_NUMBER): a subquery per row took seconds at 3,000 submissions (issue 25).
_LATEST = """
CREATE VIEW latest_submissions AS
SELECT s.* FROM submissions s JOIN (
    SELECT t.id, ROW_NUMBER() OVER (PARTITION BY t.period, t.unit
                                    ORDER BY COALESCE(t.received_at, t.recorded_at) DESC, t.id DESC) AS latest_rank
    FROM submissions t
    WHERE t.verdict != 'rejected' AND t.unit IS NOT NULL AND t.kind IS NULL
      AND (t.hold IS NULL OR (SELECT d.decision FROM office_decisions d WHERE d.submission_id = t.id
                              ORDER BY d.id DESC LIMIT 1) = 'accepted')) r ON r.id = s.id
WHERE r.latest_rank = 1;
"""


# issue 22: each unit's latest explanation that may be used (trusted, or accepted by the Office).
_EXPLANATIONS = """
CREATE VIEW latest_explanations AS
SELECT s.* FROM submissions s
WHERE s.verdict != 'rejected' AND s.unit IS NOT NULL AND s.kind = 'explanation' AND s.id = (
    SELECT t.id FROM submissions t
    WHERE t.period = s.period AND t.unit = s.unit AND t.verdict != 'rejected' AND t.kind = 'explanation'
      AND (t.hold IS NULL OR (SELECT d.decision FROM office_decisions d WHERE d.submission_id = t.id
                              ORDER BY d.id DESC LIMIT 1) = 'accepted')
    ORDER BY COALESCE(t.received_at, t.recorded_at) DESC, t.id DESC LIMIT 1);
"""
# today's latest_submissions counts returns only (issue 22) and ranks them in one pass (issue 25)
VIEW_MARKS_LATEST = ("kind IS NULL", "ROW_NUMBER")


def _migrate(db: sqlite3.Connection) -> None:
    # Columns are added where missing and the view is replaced when it predates holds; nothing is
    # dropped or rewritten, so every earlier ledger keeps all its rows. Checked first, then done
    # under a write lock and checked again: two commands opening an old ledger at once both succeed.
    if not _needs_migration(db):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for table, columns in _COLUMNS.items():
            present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns:
                if name not in present:
                    db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
        for statement in filter(str.strip, _DECISIONS.split(";")):
            db.execute(statement)
        if _old_view(db):
            db.execute("DROP VIEW IF EXISTS latest_submissions")
            db.execute(_LATEST)
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'latest_explanations'").fetchone():
            db.execute(_EXPLANATIONS)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _needs_migration(db: sqlite3.Connection) -> bool:
    for table, columns in _COLUMNS.items():
        present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if any(name not in present for name, _ in columns):
            return True
    decisions = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'office_decisions'").fetchone()
    explanations = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'latest_explanations'").fetchone()
    return decisions is None or explanations is None or _old_view(db)


def _old_view(db: sqlite3.Connection) -> bool:
    view = db.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'latest_submissions'").fetchone()
    return view is None or any(mark not in view[0] for mark in ("office_decisions", *VIEW_MARKS_LATEST))


_INSERT_FINDING = (f"INSERT INTO findings (submission_id, {', '.join(STORED)}) "
                   f"VALUES ({','.join('?' * (len(STORED) + 1))})")


def values_json(rows: list[dict[str, Any]] | str) -> str:
    """The JSON the ledger keeps for a submission's rows (already JSON when a worker made it)."""
    return rows if isinstance(rows, str) else json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


# --- appraisal rounds (issue 22): each import of the Office's scorecard, beside its rows in appraisals ---
APPRAISAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS appraisal_imports (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    imported_by TEXT,
    imported_at TEXT NOT NULL,
    changed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS appraisals_period ON appraisals(period, code);
"""


# --- evidence files (issue 16): added tables only, so an older ledger simply gains them ---------
EVIDENCE_SCHEMA = """
CREATE TABLE IF NOT EXISTS evidence (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    container TEXT NOT NULL,        -- the message, or folder, of the return it came with
    source TEXT NOT NULL,           -- where exactly: path, "message/name", "zip/name"
    file_name TEXT NOT NULL,        -- as received, made safe (no folders, no control characters)
    original_name TEXT,
    sha256 TEXT NOT NULL,           -- '' when refused unread
    kind TEXT NOT NULL,             -- sniffed from its bytes: pdf, jpeg, docx, zip, exe, ...
    size INTEGER NOT NULL,
    state TEXT NOT NULL,            -- kept, flagged (can run code: never copied out), refused, container
    detail TEXT,
    sender TEXT, message_id TEXT, received_at TEXT,
    recorded_at TEXT NOT NULL,
    UNIQUE (period, source, sha256, size)
);
CREATE TABLE IF NOT EXISTS evidence_links (
    id INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    period TEXT NOT NULL,
    container TEXT NOT NULL,
    file_name TEXT NOT NULL,
    unit TEXT,
    row_kind TEXT NOT NULL,         -- task, criterion, or none (received, linked to nothing)
    code TEXT NOT NULL DEFAULT '',
    how TEXT NOT NULL,              -- cited (named in its Tài liệu kiểm chứng cell), code (named by the row's code), none
    recorded_at TEXT NOT NULL,
    UNIQUE (submission_id, container, file_name, row_kind, code)
);
CREATE INDEX IF NOT EXISTS evidence_container ON evidence(period, container, file_name);
CREATE INDEX IF NOT EXISTS evidence_links_container ON evidence_links(period, container, file_name);
-- Each received file with the unit of the return it came with and the rows it was linked to.
CREATE VIEW IF NOT EXISTS evidence_received AS
SELECT e.*,
       (SELECT l.unit FROM evidence_links l WHERE l.period = e.period AND l.container = e.container
          AND l.file_name = e.file_name AND l.unit IS NOT NULL ORDER BY l.id DESC LIMIT 1) AS unit,
       (SELECT group_concat(l.row_kind || ' ' || l.code || ' (' || l.how || ')', '; ') FROM evidence_links l
          WHERE l.period = e.period AND l.container = e.container AND l.file_name = e.file_name
          AND l.how != 'none') AS links
FROM evidence e;
"""
# Items looked at and not taken, and why (issue 21): nothing received goes unsaid, nor unrecorded.
INTAKE_SCHEMA = """
CREATE TABLE IF NOT EXISTS intake_notes (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    source TEXT NOT NULL,           -- what was looked at: a path, "box.mbox#2", "imap://…;UID=7"
    file_name TEXT NOT NULL,
    code TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,
    value TEXT,                     -- what a reader said, for whoever helps the Office
    recorded_at TEXT NOT NULL,
    UNIQUE (period, source, code)
);
"""
