"""``Chỉ số đơn vị`` (``index_scope = unit``): one row per unit that scores criteria, its points
and maximum summed from its block of ``Điểm theo đơn vị``, its index, rank, class and groups."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from cchc_xlsx import text as labels
from cchc_xlsx.rules import scoring
from cchc_xlsx.scorecard.data import band, rank, unit_index
from cchc_xlsx.scorecard.sheets.base import FIRST, Context, band_formula, col_range
from cchc_xlsx.xlsx import styles

WIDTHS = {"unit": 9, "unit_name": 34, "groups": 30, "returned": 9, "points": 10, "max": 12, "index": 11,
          "rank": 8, "band": 12}


def write(ctx: Context) -> None:
    plan, layout = ctx.plan, ctx.layout
    groups = [g for g in plan.groups() if any(g.code in u.groups for u in plan.scoring_units())]
    headers = {**labels.SC_UNIT_INDEX_HEADERS, **{f"group:{g.code}": g.code for g in groups}}
    sheet = ctx.sheets["index"]
    ctx.plain_header(sheet, headers, {**WIDTHS, **{f"group:{g.code}": 7 for g in groups}},
                     labels.SC_UNIT_INDEX_TITLE)
    c = {k: i for i, k in enumerate(headers)}
    f, x = ctx.formats, ctx.extra
    units = ctx.index_order()
    figures = {u.code: unit_index(ctx.data, u.code) for u in units}
    indexes = [figures[u.code][2] for u in units]
    first, last = FIRST, FIRST + max(len(units), 1) - 1
    index_range = col_range(None, first, last, c["index"])
    group_names = {g.code: g.name for g in plan.groups()}
    for row, unit in enumerate(units, start=first):
        layout.index_rows[unit.code] = row
        points, maximum, index = figures[unit.code]
        top, bottom = layout.unit_blocks[unit.code]

        def block(key: str, top: int = top, bottom: int = bottom) -> str:
            return col_range(labels.SC_UNIT_SCORES_SHEET, top, bottom, layout.score_cols[key])

        sheet.write_string(row, c["unit"], unit.code, f.cell)
        sheet.write_string(row, c["unit_name"], unit.name, f.cell)
        group_text = ", ".join(group_names.get(g, g) for g in unit.groups)
        sheet.write_string(row, c["groups"], group_text, f.cell)
        sheet.set_row(row, styles.row_height({"groups": group_text, "unit_name": unit.name}, WIDTHS))
        sheet.write_string(row, c["returned"], labels.RETURNED[unit.code in ctx.data.returned], f.cell)
        sheet.write_formula(row, c["points"], f"=SUM({block('final')})", f.points, points)
        sheet.write_formula(row, c["max"], f"=SUM({block('max')})-SUM({block('na_max')})", f.points, maximum)
        e, g = xl_rowcol_to_cell(row, c["points"]), xl_rowcol_to_cell(row, c["max"])
        sheet.write_formula(row, c["index"], "=" + scoring.ranked_index_formula(e, g), x["pct"], index)
        h = xl_rowcol_to_cell(row, c["index"])
        sheet.write_formula(row, c["rank"], f"=RANK({h},{index_range})", x["int"], rank(index, indexes))
        sheet.write_formula(row, c["band"], "=" + band_formula(h, ctx.bands), f.cell, band(index, ctx.bands))
        for group in groups:
            sheet.write_string(row, c[f"group:{group.code}"], "x" if group.code in unit.groups else "", f.cell)
    layout.index_cols, layout.index_first, layout.index_last, layout.index_groups = c, first, last, groups
    sheet.conditional_format(first, c["index"], last, c["index"], {
        "type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"})
    sheet.conditional_format(first, c["returned"], last, c["returned"], {
        "type": "cell", "criteria": "==", "value": f'"{labels.RETURNED[False]}"', "format": x["cf_red"]})
    ctx.table_end(sheet, last, len(headers))
