"""``Rủi ro mất điểm``: the leaves whose self-score may be lost at appraisal (``scorecard/risk.py``),
largest first, each self-score a reference to its cell of ``Chấm điểm`` (or ``Điểm theo đơn vị``);
the total is on ``Tổng hợp``."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from cchc_xlsx import text as labels
from cchc_xlsx.scorecard.risk import points_at_risk
from cchc_xlsx.scorecard.sheets.base import FIRST, Context, ref
from cchc_xlsx.xlsx import styles

WIDTHS = {"code": 10, "title": 48, "unit": 9, "self": 10, "reason": 60, "at_risk": 12}


def write(ctx: Context) -> None:
    headers = labels.SC_RISK_HEADERS
    sheet = ctx.header("risk", headers, WIDTHS, labels.SC_RISK_TITLE)
    c = {k: i for i, k in enumerate(headers)}
    f, layout = ctx.formats, ctx.layout
    risks = points_at_risk(ctx.data)
    for row, risk in enumerate(risks, start=FIRST):
        sheet.write_string(row, c["code"], risk.code, f.cell)
        sheet.write_string(row, c["title"], risk.title, f.cell)
        sheet.write_string(row, c["unit"], risk.unit, f.cell)
        sheet.write_formula(row, c["self"], "=" + _self_cell(ctx, risk), f.points, risk.points)
        sheet.write_string(row, c["reason"], risk.reason, f.cell)
        sheet.write_formula(row, c["at_risk"], "=" + xl_rowcol_to_cell(row, c["self"]), f.points, risk.points)
        sheet.set_row(row, styles.row_height({"code": risk.code, "title": risk.title, "reason": risk.reason}, WIDTHS))
    layout.risk_last = FIRST + max(len(risks), 1) - 1
    layout.risk_col = c["at_risk"]
    layout.risk_total = sum(r.points for r in risks)
    sheet.conditional_format(FIRST, c["at_risk"], layout.risk_last, c["at_risk"], {
        "type": "data_bar", "bar_solid": True, "bar_color": "#F8696B"})
    ctx.table_end(sheet, layout.risk_last, len(headers))


def _self_cell(ctx: Context, risk) -> str:
    layout = ctx.layout
    if ctx.unit_scope:
        return ref(labels.SC_UNIT_SCORES_SHEET, layout.score_row_of[(risk.unit, risk.code)], layout.score_cols["self"])
    return ref(labels.SC_SHEETS["criteria"], layout.criteria_rows[risk.code], layout.criteria_cols["self"])
