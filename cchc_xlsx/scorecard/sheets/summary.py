"""``Tổng hợp``: the meeting's page — the headline (defined names ``TongDiem``, ``TongDiemToiDa``,
``ChiSoCCHC``), the per-area table, the charts and, with ``index_scope = unit``, the spread of
the units' indexes; all on one A4 page. Written last: it refers to every other sheet."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from cchc_xlsx import text as labels
from cchc_xlsx.rules import scoring
from cchc_xlsx.scorecard.data import appraised_scores, scores, unit_index, unit_row
from cchc_xlsx.scorecard.sheets.base import FIRST, NAMES, Context, col_range, q, ref
from cchc_xlsx.xlsx import styles, textfit

WIDTHS = (10, 46, 13, 13, 13, 13, 13, 13)
CHART_HEIGHT = 320  # pixels: both summary charts
CHART_UNITS = 10     # best and worst N on the chart for many units
HELPER_COL = 10  # column K: the best/worst chart's references, outside the print area
ROUNDS_ROW = 8   # the three indexes side by side (issue 22), then the points at risk
AREA_HEADER_ROW = 12


def write(ctx: Context) -> None:
    sheet = ctx.sheets["summary"]
    x = ctx.extra
    crit = labels.SC_SHEETS["criteria"]
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)
    ctx.titles(sheet, labels.SC_TITLE.format(period=ctx.period.name))
    total = scores(ctx.data)[""]
    values = {"points": total.final, "max": total.adjusted_max, "index": total.index}
    roots = [ctx.layout.criteria_rows[r.code] for r in ctx.plan.children(None)]
    cc = ctx.layout.criteria_cols
    sums = lambda key: ",".join(ref(crit, r, cc[key]) for r in roots)
    cells = {"points": (3, f"=SUM({sums('final')})", values["points"]),
             "max": (4, f"=SUM({sums('max')})-SUM({sums('na_max')})", values["max"]),
             "index": (5, f"=IF({NAMES['max']}>0,{NAMES['points']}/{NAMES['max']}*100,0)", values["index"])}
    for row in range(3, 7):
        sheet.set_row(row, ctx.fit([(labels.SC_HEADLINE["max"], WIDTHS[1], "headline_label"),
                                    ("", WIDTHS[2], "headline")]))
    summary = q(labels.SC_SHEETS["summary"])
    for key, (row, formula, value) in cells.items():
        sheet.write_string(row, 1, labels.SC_HEADLINE[key], x["headline_label"])
        sheet.write_formula(row, 2, formula, x["headline"], value)
        ctx.workbook.define_name(NAMES[key], f"={summary}!$C${row + 1}")
    sheet.write_string(6, 1, labels.SC_HEADLINE["cutoff"], x["headline_label"])
    sheet.write_datetime(6, 2, styles.as_datetime(ctx.period.cutoff), x["headline_date"])
    ctx.workbook.define_name(NAMES["cutoff"], f"={summary}!$C$7")
    sheet.conditional_format(5, 2, 5, 2, {"type": "icon_set", "icon_style": "3_traffic_lights",
                                          "icons": [{"criteria": ">=", "type": "number", "value": 80},
                                                    {"criteria": ">=", "type": "number", "value": 50}]})
    _rounds(ctx, sheet, ROUNDS_ROW)
    _area_table(ctx, sheet, AREA_HEADER_ROW)


def _rounds(ctx: Context, sheet, top: int) -> None:
    # Tự chấm, thẩm định, chính thức side by side, each over the roots of Chấm điểm (the same
    # maximum after hạ chuẩn: the rounds change points, not what applies); then the points at risk.
    f, x = ctx.formats, ctx.extra
    crit = labels.SC_SHEETS["criteria"]
    roots = [ctx.layout.criteria_rows[r.code] for r in ctx.plan.children(None)]
    cc = ctx.layout.criteria_cols
    total = scores(ctx.data)[""]
    values = {"self": scoring.index(total.points, total.adjusted_max),
              "appraised": scoring.index(appraised_scores(ctx.data)[""].final, total.adjusted_max),
              "final": total.index}
    columns = {"self": "self", "appraised": "after_appraisal", "final": "final"}
    sheet.write_string(top + 1, 1, labels.SC_ROUNDS["title"], x["headline_label"])
    for col, key in enumerate(columns, start=2):
        sheet.write_string(top, col, labels.SC_ROUNDS[key], f.header)
        points = ",".join(ref(crit, r, cc[columns[key]]) for r in roots)
        sheet.write_formula(top + 1, col, f"=IF({NAMES['max']}>0,SUM({points})/{NAMES['max']}*100,0)",
                            x["headline"], values[key])
    sheet.set_row(top + 1, ctx.fit([(labels.SC_ROUNDS["title"], WIDTHS[1], "headline_label"),
                                    ("", WIDTHS[2], "headline")]))
    layout = ctx.layout
    risk = col_range(labels.SC_RISK_SHEET, FIRST, layout.risk_last, layout.risk_col)
    sheet.write_string(top + 2, 1, labels.SC_RISK_TOTAL, x["headline_label"])
    sheet.write_formula(top + 2, 2, f"=SUM({risk})", x["headline"], layout.risk_total)
    sheet.set_row(top + 2, ctx.fit([(labels.SC_RISK_TOTAL, WIDTHS[1], "headline_label"),
                                    ("", WIDTHS[2], "headline")]))


def _area_table(ctx: Context, sheet, header_row: int) -> None:
    f, x = ctx.formats, ctx.extra
    headers = labels.SC_AREA_HEADERS
    crit = labels.SC_SHEETS["criteria"]
    cc = ctx.layout.criteria_cols
    for col, text in enumerate(headers.values()):
        sheet.write_string(header_row, col, text, f.header)
    sheet.set_row(header_row, styles.header_height(dict(enumerate(headers.values())),
                                                   dict(enumerate(WIDTHS)), filtered=False))
    areas = ctx.plan.areas()
    for index, area in enumerate(areas):
        row = header_row + 1 + index
        ctx.layout.area_rows[area.code] = row
        source = ctx.layout.criteria_rows[area.code]
        totals = scores(ctx.data)[area.code]
        sheet.write_string(row, 0, area.code, f.cell)
        sheet.write_string(row, 1, area.title, f.cell)
        sheet.set_row(row, styles.row_height({0: area.code, 1: area.title}, dict(enumerate(WIDTHS))))
        for col, key, value in ((2, "max", totals.max), (3, "na_max", totals.not_applicable_max),
                                (5, "self", totals.points), (6, "final", totals.final)):
            sheet.write_formula(row, col, f"={ref(crit, source, cc[key])}", f.points, value)
        c_, d, g = (xl_rowcol_to_cell(row, col) for col in (2, 3, 6))
        e = xl_rowcol_to_cell(row, 4)
        sheet.write_formula(row, 4, f"={c_}-{d}", f.points, totals.adjusted_max)
        sheet.write_formula(row, 7, f"=IF({e}>0,{g}/{e},0)", x["ratio"], totals.ratio)
    first, last = header_row + 1, header_row + len(areas)
    sheet.conditional_format(first, 7, last, 7, {
        "type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"})
    chart_rows = _charts(ctx, sheet, first, last)
    last_row = _below_charts(ctx, sheet, last + 1 + chart_rows)  # unit indexes: their distribution
    # The meeting's page: headline, area table and both charts whole on one A4 page.
    ctx.print_setup(sheet, last_row, len(WIDTHS) - 1, repeat=None, one_page=True)
    sheet.protect("", {"format_columns": True, "format_rows": True})


def _charts(ctx: Context, sheet, first: int, last: int) -> int:
    # Returns the rows the charts cover (default rows are 20 px).
    summary, units = labels.SC_SHEETS["summary"], labels.SC_SHEETS["units"]
    areas = ctx.workbook.add_chart({"type": "bar"})
    areas.add_series({"name": labels.SC_CHART_AREAS, "categories": [summary, first, 0, last, 0],
                      "values": [summary, first, 7, last, 7], "data_labels": {"value": True, "num_format": "0%"}})
    areas.set_title({"name": labels.SC_CHART_AREAS})
    areas.set_legend({"none": True})
    areas.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
    areas.set_y_axis({"reverse": True})
    # Side by side under the table, each as wide as its half of the table.
    pixels = [textfit.column_pixels(w) for w in WIDTHS]
    split = 3  # the area chart under columns A-C, the unit chart under D-H
    sheet.insert_chart(last + 2, 0, areas, {"x_scale": sum(pixels[:split]) / 480, "y_scale": CHART_HEIGHT / 288})
    if ctx.many:  # hundreds of bars are unreadable: the best and the worst
        _many_chart(ctx, sheet, last + 2, split, sum(pixels[split:]) / 480, CHART_HEIGHT / 288)
        return -(-CHART_HEIGHT // 20)
    completion = ctx.workbook.add_chart({"type": "column"})
    uc, units_last = ctx.layout.units_cols, ctx.layout.units_last
    completion.add_series({"name": labels.SC_CHART_UNITS,
                           "categories": [units, FIRST, uc["unit"], units_last, uc["unit"]],
                           "values": [units, FIRST, uc["completion"], units_last, uc["completion"]],
                           "data_labels": {"value": True, "num_format": "0"}})
    completion.set_title({"name": labels.SC_CHART_UNITS})
    completion.set_legend({"none": True})
    completion.set_y_axis({"min": 0, "max": 100})
    sheet.insert_chart(last + 2, split, completion, {"x_scale": sum(pixels[split:]) / 480,
                                                     "y_scale": CHART_HEIGHT / 288})
    return -(-CHART_HEIGHT // 20)


def _many_chart(ctx: Context, sheet, row: int, col: int, x_scale: float, y_scale: float) -> None:
    # The best and the worst N units in one chart, where the summary shows the unit chart: by their
    # index with index_scope = unit, else by their Xếp loại result. The chart reads a small table
    # of references right of the summary's print area.
    layout = ctx.layout
    if ctx.unit_scope:
        source, cols, value_key, first = labels.SC_UNIT_INDEX_SHEET, layout.index_cols, "index", layout.index_first
        units = ctx.index_order()
        values = [unit_index(ctx.data, u.code)[2] for u in units]
    else:
        source, cols, value_key, first = labels.SC_SHEETS["units"], layout.units_cols, "score", FIRST
        units = ctx.ranked_units()
        values = [unit_row(ctx.data, u.code)["score"] for u in units]
    count = min(CHART_UNITS, len(units) // 2)
    picked = list(range(count)) + list(range(len(units) - count, len(units)))
    f, x = ctx.formats, ctx.extra
    sheet.write_string(row - 1, HELPER_COL, labels.SC_CHART_DATA, f.subtitle)
    for offset, index in enumerate(picked):
        source_row = first + index
        sheet.write_formula(row + offset, HELPER_COL, f"={ref(source, source_row, cols['unit'])}", f.cell,
                            units[index].code)
        sheet.write_formula(row + offset, HELPER_COL + 1, f"={ref(source, source_row, cols[value_key])}", x["pct"],
                            values[index])
    summary = labels.SC_SHEETS["summary"]
    bottom = row + len(picked) - 1
    title = labels.SC_CHART_BEST_WORST.format(count=count, what=labels.SC_CHART_WHAT[value_key])
    chart = ctx.workbook.add_chart({"type": "bar"})
    chart.add_series({"name": title, "categories": [summary, row, HELPER_COL, bottom, HELPER_COL],
                      "values": [summary, row, HELPER_COL + 1, bottom, HELPER_COL + 1],
                      "points": [{"fill": {"color": "#63BE7B" if i < count else "#F8696B"}} for i in range(len(picked))],
                      "gap": 40, "data_labels": {"value": True, "num_format": "0", "font": {"size": 7}}})
    chart.set_title({"name": title, "name_font": {"size": 10}})
    chart.set_legend({"none": True})
    chart.set_x_axis({"min": 0, "max": 100})
    chart.set_y_axis({"reverse": True, "num_font": {"size": 7}})
    sheet.insert_chart(row, col, chart, {"x_scale": x_scale, "y_scale": y_scale})


def _below_charts(ctx: Context, sheet, below: int) -> int:
    # With index_scope = unit, the distribution of the units' indexes: beside the headline when the
    # groups are few, else under the charts. Returns the summary's last printed row.
    if not ctx.unit_scope:
        return below
    if len(ctx.layout.index_groups) <= 3:  # rows 2–7, columns D–H are free beside the headline
        _distribution(ctx, sheet, 2, 3)
        return below
    return _distribution(ctx, sheet, below + 1, 1)


def _distribution(ctx: Context, sheet, top: int, left: int) -> int:
    # Best, worst and mean unit index, for all units and each group, in the five columns from
    # left; returns the last row used.
    f, x, layout = ctx.formats, ctx.extra, ctx.layout
    c, first, last = layout.index_cols, layout.index_first, layout.index_last
    name = labels.SC_UNIT_INDEX_SHEET
    idx = col_range(name, first, last, c["index"])
    d = labels.SC_DISTRIBUTION
    small = ctx.workbook.add_format({**styles.FONT, "border": 1, "font_size": 8, "text_wrap": True,
                                     "valign": "vcenter"})
    sheet.write_string(top, left, d["title"], x["headline_label"])
    for col, key in enumerate(("group", "count", "best", "worst", "mean"), start=left):
        sheet.write_string(top + 1, col, d[key], f.header)
    ranked = [(u, unit_index(ctx.data, u.code)[2]) for u in ctx.index_order()]
    rows = [(d["all"], None, [value for _, value in ranked])]
    for group in layout.index_groups:
        rows.append((group.name, group.code, [value for u, value in ranked if group.code in u.groups]))
    for row, (title, code, values) in enumerate(rows, start=top + 2):
        sheet.write_string(row, left, title, small)
        count, best = len(values), max(values, default=0.0)
        worst, mean = min(values, default=0.0), (sum(values) / len(values) if values else 0.0)
        if code is None:
            cells = [f"=COUNT({idx})", f"=MAX({idx})", f"=MIN({idx})", f"=IF(COUNT({idx})>0,AVERAGE({idx}),0)"]
            for col, (formula, value) in enumerate(zip(cells, (count, best, worst, mean)), start=left + 1):
                sheet.write_formula(row, col, formula, x["int"] if col == left + 1 else x["pct"], value)
            continue
        marks = col_range(name, first, last, c[f"group:{code}"])
        sheet.write_formula(row, left + 1, f'=COUNTIF({marks},"x")', x["int"], count)
        sheet.write_array_formula(row, left + 2, row, left + 2, f'{{=MAX(IF({marks}="x",{idx}))}}', x["pct"], best)
        sheet.write_array_formula(row, left + 3, row, left + 3, f'{{=MIN(IF({marks}="x",{idx}))}}', x["pct"], worst)
        sheet.write_formula(row, left + 4, f'=IF(COUNTIF({marks},"x")>0,AVERAGEIF({marks},"x",{idx}),0)',
                            x["pct"], mean)
    return top + 1 + len(rows)
