"""A returned explanation workbook, as collect reads it: its ``_meta`` says ``kind = explanation``;
the unit is identified and trusted as for a return (collect does that), then each row of
``Giải trình`` becomes a value {code, explanation, evidence} of the submission, recorded with
``kind = explanation`` so it never replaces the unit's return. ``evidence`` (its Tài liệu bổ
sung) links the files mailed with it to the criterion, as a return's evidence cell does."""

from __future__ import annotations

from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.appraisal.rounds import EXPLANATION
from cchc_xlsx.core.layout import TEXT_LIMIT
from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.safetext import cell_text
from cchc_xlsx.core.values import normalize_text
from cchc_xlsx.findings.catalogue import cell_finding

TABLE = ("explanation", labels.SHEET_EXPLAIN, labels.EXPLAIN_HEADERS)  # what read_values reads for it


def is_explanation(meta: dict[str, str] | None) -> bool:
    """Whether a workbook's ``_meta`` names it an explanation workbook."""
    return bool(meta) and normalize_text(meta.get("kind", "")).casefold() == EXPLANATION


def read_explanation(analysis: Any, values: Any, file_name: str, plan: Plan) -> None:
    """Fill ``analysis`` (collect's, its unit identified) from the explanation table in ``values``."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    analysis.kind = EXPLANATION
    table = values.tables.get("explanation")
    if table is None or "code" not in table.columns:
        analysis.findings.append(cell_finding("sheet-missing", file=file_name, sheet=labels.SHEET_EXPLAIN))
        return
    mine = _criteria_of(plan, analysis.unit)
    rows = []
    for excel_row, cells in table.rows:
        code = normalize_text(_cell(table, cells, "code"))
        if not code:
            continue
        if code not in mine:
            cell = xl_rowcol_to_cell(excel_row - 1, table.columns["code"])
            analysis.findings.append(cell_finding("explain-row-unknown", file=file_name, sheet=table.sheet, cell=cell,
                                                  row_code=code, value=code))
            continue
        said = {key: cell_text(normalize_text(_cell(table, cells, key)))[:TEXT_LIMIT] for key in ("explanation", "evidence")}
        # No cell_row: the evidence findings would name a cell of a return's criteria sheet, not this one.
        rows.append({"code": code, **said, "valid": 1})
    if not any(r["explanation"] or r["evidence"] for r in rows):
        analysis.findings.append(cell_finding("explain-empty", file=file_name))
    analysis.criterion_values, analysis.task_values = rows, []


def _cell(table: Any, cells: list, key: str) -> Any:
    col = table.columns.get(key)
    return cells[col] if col is not None and col < len(cells) else None


def _criteria_of(plan: Plan, unit: str | None) -> set[str]:
    # The leaves the unit answers for: its own with index_scope = unit, those it scores otherwise.
    return {c.code for c in plan.leaves_scored_by(unit)} if unit else set()
