"""Write the scorecard workbook: every derived number a formula over the cells it summarises,
written with its value computed in Python (``data``), so viewers that do not recalculate show
the right numbers and a person can follow any figure back to its inputs.

The sheets are modules of ``scorecard/sheets``; this module decides which are written and in
what order (a sheet's formulas refer to rows the sheets before it have laid out).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path


from cchc_xlsx.xlsx.fast import new_workbook
from cchc_xlsx import text as labels
from cchc_xlsx.scorecard.data import ScorecardData
from cchc_xlsx.scorecard.sheets import (
    checks,
    criteria,
    matrix,
    problems,
    risk,
    summary,
    tasks,
    trend,
    unit_index,
    unit_scores,
    units,
)
from cchc_xlsx.scorecard.sheets.base import HEADER_ROW, Context


def write_workbook(path: Path, data: ScorecardData, bands: dict[str, float], department: str,
                   today: dt.date) -> None:
    """Write the scorecard of ``data`` to ``path`` (not atomically: see ``write_scorecard``)."""
    workbook = new_workbook(path, in_memory=True)
    ctx = Context(workbook, data, bands, department, today)
    _add_sheets(ctx)
    criteria.write(ctx)
    tasks.write(ctx)
    units.write(ctx)
    checks.write(ctx)
    risk.write(ctx)
    if ctx.unit_scope:
        unit_scores.write(ctx)
        unit_index.write(ctx)
    if ctx.many:
        matrix.write(ctx)
        problems.write(ctx)
        _data_sheets_unprinted(ctx)
    summary.write(ctx)
    if "trend" in ctx.sheets:
        trend.write(ctx)
    ctx.sheets["summary"].activate()
    workbook.close()


def _add_sheets(ctx: Context) -> None:
    # The tabs in their order; the rows of Điểm theo đơn vị are fixed before any sheet is written.
    for key, name in labels.SC_SHEETS.items():
        if key != "trend" or ctx.data.trend:
            ctx.add_sheet(key, name)
    ctx.add_sheet("risk", labels.SC_RISK_SHEET)
    if ctx.unit_scope:
        ctx.add_sheet("index", labels.SC_UNIT_INDEX_SHEET)
        ctx.add_sheet("scores", labels.SC_UNIT_SCORES_SHEET)
        unit_scores.lay_out(ctx)
    if ctx.many:
        ctx.add_sheet("matrix", labels.SC_MATRIX_SHEET)
        ctx.add_sheet("problems", labels.SC_PROBLEMS_SHEET)


def _data_sheets_unprinted(ctx: Context) -> None:
    # Thousands of rows: for filtering and appraising on screen, not for print. Hiding would not
    # do (LibreOffice prints hidden sheets): the print area is the heading and a note.
    for key in ("tasks", "scores"):
        if key in ctx.sheets:
            sheet = ctx.sheets[key]
            sheet.write_string(2, 0, labels.SC_DATA_SHEET_NOTE, ctx.formats.subtitle)
            sheet.print_area(0, 0, HEADER_ROW, 7)
