"""The scorecard stage: the consolidated workbook for the leadership meeting, its PDF, and
the Office's appraised scores read back into the ledger."""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.values import fold_key, normalize_text, parse_decimal
from cchc_xlsx.scorecard.data import ScorecardData, gather, scores
from cchc_xlsx.scorecard.writer import write_workbook
from cchc_xlsx.store.ledger import Ledger, now_text
from cchc_xlsx.xlsx.writeout import atomic_path


def write_scorecard(path: Path, plan: Plan, ledger: Ledger, period_code: str, bands: dict[str, float],
                    today: dt.date | None = None) -> ScorecardData:
    """Write the scorecard of ``period_code`` to ``path`` atomically; returns the data it shows."""
    data = gather(plan, ledger, period_code)
    from cchc_xlsx.evidence import (
        copy_linked,  # the linked files beside the scorecard, for relative links
    )

    data.evidence_files = copy_linked(ledger, period_code, Path(path).parent / "evidence")
    with atomic_path(path) as temporary:
        write_workbook(temporary, data, bands, plan.meta.get("department", ""), today or dt.date.today())
    return data


def import_appraisal(path: Path, plan: Plan, ledger: Ledger, period_code: str, by: str | None = None) -> int:
    """Read the ``Điểm thẩm định`` column of a scorecard the Office filled in and record it.

    Only changes are recorded (a cleared cell records a removal), with who and when.

    Returns:
        The number of criteria whose appraised score changed.
    """
    import openpyxl

    from cchc_xlsx.scorecard.data import latest_appraisals

    if plan.unit_scope:
        return _import_unit_appraisal(path, plan, ledger, period_code, by)
    workbook = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        sheet = workbook[labels.SC_SHEETS["criteria"]]
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()
    header = next(i for i, r in enumerate(rows) if labels.SC_CRITERIA_HEADERS["code"] in r)
    titles = [fold_key(v) if isinstance(v, str) else "" for v in rows[header]]
    code_col = titles.index(fold_key(labels.SC_CRITERIA_HEADERS["code"]))
    value_col = titles.index(fold_key(labels.SC_CRITERIA_HEADERS["appraised"]))
    current = latest_appraisals(ledger, period_code)
    who, when = by or getpass.getuser(), now_text()
    changed = 0
    with ledger.transaction() as db:
        for row in rows[header + 1:]:
            code = normalize_text(row[code_col]) if code_col < len(row) else ""
            if not code or not plan.has_criterion(code) or not plan.criterion(code).is_leaf:
                continue
            raw = row[value_col] if value_col < len(row) else None
            points = None if raw in (None, "") else parse_decimal(raw).value
            if points == current.get(code):
                continue
            db.execute("INSERT INTO appraisals (period, code, points, appraised_by, appraised_at, source) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (period_code, code, points, who, when, str(path)))
            changed += 1
    return changed


def _import_unit_appraisal(path: Path, plan: Plan, ledger: Ledger, period_code: str, by: str | None) -> int:
    # index_scope = unit: each unit's criterion is appraised on its row of "Điểm theo đơn vị".
    import openpyxl

    from cchc_xlsx.scorecard.data import latest_unit_appraisals

    workbook = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        rows = list(workbook[labels.SC_UNIT_SCORES_SHEET].iter_rows(values_only=True))
    finally:
        workbook.close()
    headers = labels.SC_UNIT_SCORES_HEADERS
    header = next(i for i, r in enumerate(rows) if headers["unit"] in r and headers["code"] in r)
    titles = [fold_key(v) if isinstance(v, str) else "" for v in rows[header]]
    unit_col, code_col, value_col = (titles.index(fold_key(headers[k])) for k in ("unit", "code", "appraised"))
    current = latest_unit_appraisals(ledger, period_code)
    who, when = by or getpass.getuser(), now_text()
    changed = 0
    with ledger.transaction() as db:
        for row in rows[header + 1:]:
            cells = list(row) + [None] * (max(unit_col, code_col, value_col) + 1 - len(row))
            unit, code = normalize_text(cells[unit_col]), normalize_text(cells[code_col])
            if not plan.has_criterion(code) or unit not in plan.scorers_of(code):
                continue
            raw = cells[value_col]
            points = None if raw in (None, "") else parse_decimal(raw).value
            if points == current.get((unit, code)):
                continue
            db.execute("INSERT INTO appraisals (period, unit, code, points, appraised_by, appraised_at, source) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (period_code, unit, code, points, who, when, str(path)))
            changed += 1
    return changed


def headline(data: ScorecardData) -> dict[str, float]:
    """The scorecard's headline: points counted, maximum after hạ chuẩn, index (%)."""
    total = scores(data)[""]
    return {"points": total.final, "max": total.adjusted_max, "index": total.index}


__all__ = ["headline", "import_appraisal", "write_scorecard"]
