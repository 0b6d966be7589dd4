"""``Xu hướng``: each area's ratio and each unit's result (or own index with ``index_scope =
unit``) in the earlier periods, the current period a formula over this scorecard's cells."""

from __future__ import annotations

from cchc_xlsx import text as labels
from cchc_xlsx.scorecard.data import scores, unit_index, unit_row
from cchc_xlsx.scorecard.sheets.base import HEADER_ROW, Context, ref
from cchc_xlsx.xlsx import styles


def write(ctx: Context) -> None:
    sheet = ctx.sheets["trend"]
    f, x, data = ctx.formats, ctx.extra, ctx.data
    periods = [p for p in ctx.plan.periods if p.code in data.trend] + [ctx.period]
    ctx.titles(sheet, labels.SC_TREND_TITLE.upper())
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 1, 46)
    sheet.set_column(2, 2 + len(periods), 12)
    widths = {0: 10, 1: 46, **{col: 12 for col in range(2, 2 + len(periods))}}
    row = HEADER_ROW
    for title, items, key, current in _blocks(ctx):
        sheet.write_string(row, 0, "", f.header)
        sheet.write_string(row, 1, title, f.header)
        for col, period in enumerate(periods, start=2):
            sheet.write_string(row, col, period.name, f.header)
        names = {col: p.name for col, p in enumerate(periods, start=2)}
        sheet.set_row(row, styles.header_height({1: title, **names}, widths, filtered=False))
        for item_code, name in items:
            row += 1
            sheet.write_string(row, 0, item_code, f.cell)
            sheet.write_string(row, 1, name, f.cell)
            sheet.set_row(row, styles.row_height({0: item_code, 1: name}, widths))
            for col, period in enumerate(periods[:-1], start=2):
                sheet.write_number(row, col, data.trend[period.code][key].get(item_code, 0.0), x["pct"])
            formula, value = current(item_code)
            sheet.write_formula(row, 1 + len(periods), formula, x["pct"], value)
        sheet.conditional_format(row - len(items) + 1, 2, row, 1 + len(periods), {
            "type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"})
        row += 2
    ctx.print_setup(sheet, row - 2, 1 + len(periods))


def _blocks(ctx: Context) -> tuple:
    # (title, items, trend key, the current period's formula and value): areas, then units — by
    # their own index with index_scope = unit (what ranks them), else by their Xếp loại result.
    layout, data = ctx.layout, ctx.data
    summary = labels.SC_SHEETS["summary"]
    areas = (labels.SC_TREND_AREA, [(a.code, a.title) for a in ctx.plan.areas()], "areas",
             lambda code: (f"={ref(summary, layout.area_rows[code], 7)}*100", scores(data)[code].ratio * 100))
    if ctx.unit_scope:
        index_sheet, col = labels.SC_UNIT_INDEX_SHEET, layout.index_cols["index"]
        return (areas, (labels.SC_TREND_INDEX, [(u.code, u.name) for u in ctx.index_order()], "index",
                        lambda code: (f"={ref(index_sheet, layout.index_rows[code], col)}",
                                      unit_index(data, code)[2])))
    units_sheet = labels.SC_SHEETS["units"]
    return (areas, (labels.SC_TREND_UNIT, [(u.code, u.name) for u in ctx.plan.workbook_units()], "units",
                    lambda code: (f"={ref(units_sheet, layout.unit_rows[code], layout.units_cols['score'])}",
                                  unit_row(data, code)["score"])))
