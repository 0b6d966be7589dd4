"""Read the Office's rounds from a scorecard it filled in: per criterion of ``Chấm điểm`` (per
unit and criterion of ``Điểm theo đơn vị`` with ``index_scope = unit``) the columns
``Điểm thẩm định``, ``Lý do thẩm định`` and ``Điểm sau giải trình``, found by their titles.
A scorecard written before the reasons and the decision had only the first: the others are
then simply not read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.appraisal.rounds import APPRAISAL, DECISION, Entry, Key
from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.safetext import cell_text
from cchc_xlsx.core.values import fold_key, normalize_text, parse_decimal


def read_entries(path: Path, plan: Plan) -> dict[Key, Entry]:
    """(unit or None, code, stage) → what the Office entered, for every leaf row of the file.

    Raises:
        KeyError, StopIteration: the sheet or its header row is not there.
        ValueError: a points cell holds no number.
    """
    import openpyxl

    sheet_name = labels.SC_UNIT_SCORES_SHEET if plan.unit_scope else labels.SC_SHEETS["criteria"]
    headers = labels.SC_UNIT_SCORES_HEADERS if plan.unit_scope else labels.SC_CRITERIA_HEADERS
    workbook = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        rows = list(workbook[sheet_name].iter_rows(values_only=True))
    finally:
        workbook.close()
    header = next(i for i, r in enumerate(rows) if headers["code"] in r and headers["appraised"] in r)
    titles = [fold_key(v) if isinstance(v, str) else "" for v in rows[header]]
    cols = {key: titles.index(fold_key(headers[key])) for key in ("unit", "code", "appraised", "reason", "decided")
            if key in headers and fold_key(headers[key]) in titles}
    entries: dict[Key, Entry] = {}
    for row in rows[header + 1:]:
        cells = list(row) + [None] * (max(cols.values()) + 1 - len(row))
        code = normalize_text(cells[cols["code"]])
        unit = normalize_text(cells[cols["unit"]]) if plan.unit_scope else None
        if not _scored(plan, unit, code):
            continue
        reason = cell_text(normalize_text(cells[cols["reason"]])) if "reason" in cols else ""
        entries[(unit, code, APPRAISAL)] = Entry(_points(cells[cols["appraised"]]), reason)
        if "decided" in cols:
            entries[(unit, code, DECISION)] = Entry(_points(cells[cols["decided"]]))
    return entries


def _scored(plan: Plan, unit: str | None, code: str) -> bool:
    if not code or not plan.has_criterion(code) or not plan.criterion(code).is_leaf:
        return False
    return unit in plan.scorers_of(code) if plan.unit_scope else True


def _points(raw: Any) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value = parse_decimal(raw).value
    if value is None:
        raise ValueError(f"{raw!r}")
    return float(value)
