"""The rounds in the ledger: the Office's appraisal and decision per criterion (per unit and
criterion with ``index_scope = unit``) in ``appraisals``, each import in ``appraisal_imports``,
and the units' returned explanations (``submissions`` of kind ``explanation``).

Rows are only added: a change is a new row with who and when; a cleared cell is a row without
points. The latest row of each (unit, criterion, stage) is what counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from cchc_xlsx.store.ledger import Ledger, now_text

APPRAISAL = "appraisal"   # Điểm thẩm định, Lý do thẩm định
DECISION = "decision"     # Điểm sau giải trình
STAGES = (APPRAISAL, DECISION)
EXPLANATION = "explanation"  # submissions.kind of a returned explanation workbook


@dataclass(frozen=True)
class Entry:
    """What the Office entered for one criterion in one stage (None: nothing, or cleared)."""

    points: float | None
    reason: str = ""


@dataclass(frozen=True)
class Explanation:
    """A unit's answer for one criterion in its latest usable explanation workbook."""

    text: str
    evidence: str
    submission_id: int
    received_at: str


Key = tuple[str | None, str, str]  # (unit or None for the agency, criterion code, stage)


def current(ledger: Ledger, period: str) -> dict[Key, Entry]:
    """The latest entry of every (unit, code, stage) ever recorded for ``period``, cleared ones included."""
    found: dict[Key, Entry] = {}
    for row in ledger.query("SELECT unit, code, points, reason, COALESCE(stage, ?) AS stage FROM appraisals "
                            "WHERE period = ? ORDER BY id", (APPRAISAL, period)):
        found[(row["unit"], row["code"], row["stage"])] = Entry(row["points"], row["reason"] or "")
    return found


def latest(ledger: Ledger, period: str, stage: str, per_unit: bool) -> dict:
    """code (or (unit, code) when ``per_unit``) → points of ``stage``, where entered and not cleared."""
    return {(key[0], key[1]) if per_unit else key[1]: entry.points
            for key, entry in current(ledger, period).items()
            if key[2] == stage and (key[0] is not None) == per_unit and entry.points is not None}


def reasons(ledger: Ledger, period: str) -> dict[tuple[str | None, str], str]:
    """(unit or None, code) → the latest appraisal's reason."""
    return {(key[0], key[1]): entry.reason for key, entry in current(ledger, period).items()
            if key[2] == APPRAISAL and entry.reason}


def record(ledger: Ledger, period: str, entries: dict[Key, Entry], *, file_name: str, sha256: str,
           by: str, source: str) -> int:
    """Record the entries that differ from the ledger's latest; returns how many were recorded.

    An import that changes nothing leaves the ledger as it was (no import row either).
    """
    known = current(ledger, period)
    changed = {key: entry for key, entry in entries.items()
               if entry != known.get(key, Entry(None)) and not (key not in known and entry.points is None
                                                               and not entry.reason)}
    if not changed:
        return 0
    when = now_text()
    with ledger.transaction() as db:
        import_id = db.execute("INSERT INTO appraisal_imports (period, file_name, sha256, imported_by, imported_at, "
                               "changed) VALUES (?, ?, ?, ?, ?, ?)",
                               (period, file_name, sha256, by, when, len(changed))).lastrowid
        db.executemany("INSERT INTO appraisals (period, unit, code, points, reason, stage, appraised_by, appraised_at, "
                       "source, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(period, unit, code, entry.points, entry.reason or None, stage, by, when, source, import_id)
                        for (unit, code, stage), entry in changed.items()])
    return len(changed)


def explanations(ledger: Ledger, period: str) -> dict[tuple[str, str], Explanation]:
    """(unit, code) → the unit's explanation of that criterion, from its latest usable explanation workbook."""
    found: dict[tuple[str, str], Explanation] = {}
    for row in ledger.query("SELECT id, unit, criterion_json, COALESCE(received_at, recorded_at) AS received "
                            "FROM latest_explanations WHERE period = ?", (period,)):
        for value in json.loads(row["criterion_json"] or "[]"):
            if value.get("code") and (value.get("explanation") or value.get("evidence")):
                found[(row["unit"], value["code"])] = Explanation(value.get("explanation") or "",
                                                                  value.get("evidence") or "", row["id"],
                                                                  row["received"])
    return found


def explained(ledger: Ledger, period: str) -> dict[str, str]:
    """unit → when its latest usable explanation workbook was received."""
    return {row["unit"]: row["received"] for row in ledger.query(
        "SELECT unit, COALESCE(received_at, recorded_at) AS received FROM latest_explanations WHERE period = ?",
        (period,))}
