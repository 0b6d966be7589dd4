"""``Xếp loại đơn vị``: each unit's task counts (COUNTIFS over ``Tiến độ nhiệm vụ``), points
(SUMIFS over ``Chấm điểm``, or over ``Điểm theo đơn vị`` with ``index_scope = unit``), result,
rank and classification."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from cchc_xlsx import text as labels
from cchc_xlsx.rules import scoring
from cchc_xlsx.scorecard.data import band, rank, unit_row
from cchc_xlsx.scorecard.sheets.base import FIRST, Context, band_formula, col_range
from cchc_xlsx.xlsx import styles

WIDTHS = {"unit": 9, "unit_name": 34, "returned": 10, "assigned": 9, "done_on_time": 11, "done_late": 11,
          "overdue": 9, "not_started": 10, "not_arisen": 10, "completion": 11, "points": 9, "max": 9,
          "points_pct": 10, "score": 10, "rank": 8, "band": 12}


def write(ctx: Context) -> None:
    headers = labels.SC_UNIT_HEADERS
    sheet = ctx.header("units", headers, WIDTHS, labels.SC_SHEETS["units"].upper())
    c = {k: i for i, k in enumerate(headers)}
    layout = ctx.layout
    layout.units_cols = c
    units = ctx.ranked_units()
    values = {u.code: unit_row(ctx.data, u.code) for u in units}
    results = [v["score"] for v in values.values()]
    first, last = FIRST, FIRST + len(units) - 1
    tasks, crit = labels.SC_SHEETS["tasks"], labels.SC_SHEETS["criteria"]
    t_range = lambda key: col_range(tasks, FIRST, layout.task_last, layout.task_cols[key])
    c_last = FIRST + len(ctx.plan.criteria) - 1
    c_range = lambda key: col_range(crit, FIRST, c_last, layout.criteria_cols[key])
    if ctx.unit_scope:  # each unit's own points, from its rows of Điểm theo đơn vị
        c_range = ctx.scores_range
    for index, unit in enumerate(units):
        row = first + index
        layout.unit_rows[unit.code] = row
        _row(ctx, sheet, row, c, unit, values[unit.code], results, t_range, c_range, (first, last))
    x = ctx.extra
    sheet.conditional_format(first, c["completion"], last, c["completion"], {"type": "data_bar", "bar_solid": True,
                                                                             "min_type": "num", "min_value": 0,
                                                                             "max_type": "num", "max_value": 100})
    sheet.conditional_format(first, c["score"], last, c["score"], {
        "type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"})
    sheet.conditional_format(first, c["returned"], last, c["returned"], {
        "type": "cell", "criteria": "==", "value": f'"{labels.RETURNED[False]}"', "format": x["cf_red"]})
    layout.units_last = last
    ctx.table_end(sheet, last, len(headers))


def _row(ctx: Context, sheet, row: int, c: dict[str, int], unit, v: dict, results: list[float],
         t_range, c_range, rows: tuple[int, int]) -> None:
    f, x = ctx.formats, ctx.extra
    cell = lambda key: xl_rowcol_to_cell(row, c[key])
    a = cell("unit")
    returned = labels.RETURNED[unit.code in ctx.data.returned]
    sheet.write_string(row, c["unit"], unit.code, f.cell)
    sheet.write_string(row, c["unit_name"], unit.name, f.cell)
    sheet.write_string(row, c["returned"], returned, f.cell)
    sheet.set_row(row, styles.row_height({"unit": unit.code, "unit_name": unit.name, "returned": returned,
                                          "band": band(v["score"], ctx.bands)}, WIDTHS))
    lead = f'{t_range("unit")},{a},{t_range("role")},"{labels.ROLE["lead"]}"'
    count = lambda column, value: f'COUNTIFS({lead},{t_range(column)},"{value}")'
    formulas = {
        "assigned": (f"=COUNTIFS({lead})", v["assigned"]),
        "done_on_time": (f"={count('status', labels.STATUS_DONE)}-{count('flag', labels.FLAG_LATE)}",
                         v["done_on_time"]),
        "done_late": (f"={count('flag', labels.FLAG_LATE)}", v["done_late"]),
        "overdue": (f"={count('flag', labels.FLAG_OVERDUE)}", v["overdue"]),
        "not_started": (f"={count('status', labels.STATUS_NOT_STARTED)}", v["not_started"]),
        "not_arisen": (f"={count('status', labels.STATUS_NOT_ARISEN)}", v["not_arisen"]),
    }
    for key, (formula, value) in formulas.items():
        sheet.write_formula(row, c[key], formula, x["int"], value)
    d, e, f_, i = cell("assigned"), cell("done_on_time"), cell("done_late"), cell("not_arisen")
    sheet.write_formula(row, c["completion"], f"=IF({d}-{i}>0,({e}+{f_})/({d}-{i})*100,0)", x["pct"],
                        v["completion"])
    sheet.write_formula(row, c["points"], f"=SUMIFS({c_range('final')},{c_range('unit')},{a})", f.points,
                        v["points"])
    sheet.write_formula(row, c["max"], f"=SUMIFS({c_range('max')},{c_range('unit')},{a})"
                        f"-SUMIFS({c_range('na_max')},{c_range('unit')},{a})", f.points, v["max"])
    k, l_, j, m = cell("points"), cell("max"), cell("completion"), cell("points_pct")
    sheet.write_formula(row, c["points_pct"], f"=IF({l_}>0,{k}/{l_}*100,0)", x["pct"], v["points_pct"])
    sheet.write_formula(row, c["score"], f"=ROUND(IF({l_}>0,IF({d}-{i}>0,({j}+{m})/2,{m}),{j}),"
                        f"{scoring.INDEX_DECIMALS})", x["pct"], v["score"])  # rounded: equal results rank equal
    n = cell("score")
    scores_range = col_range(None, rows[0], rows[1], c["score"])
    sheet.write_formula(row, c["rank"], f"=RANK({n},{scores_range})", x["int"], rank(v["score"], results))
    sheet.write_formula(row, c["band"], "=" + band_formula(n, ctx.bands), f.cell, band(v["score"], ctx.bands))
