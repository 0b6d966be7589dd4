"""``Chấm điểm``: the criteria tree, each leaf's self-score a formula over its result, parents
summing their children, and the Office's appraisal column (read back by ``import_appraisal``)."""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from cchc_xlsx import text as labels
from cchc_xlsx.rules import scoring
from cchc_xlsx.scorecard.data import LeafAnswer, appraised_scores, scores, unit_answer
from cchc_xlsx.scorecard.sheets.base import FIRST, Context
from cchc_xlsx.xlsx import styles

WIDTHS = {"code": 10, "title": 48, "unit": 8, "rule": 34, "result": 26, "na": 8, "evidence": 28,
          "max": 8, "na_max": 8, "self": 9, "appraised": 10, "final": 9, "diff": 9, "ratio": 8, "files": 26,
          "reason": 26, "explanation": 30, "decided": 10, "after_appraisal": 10}


def lay_out(ctx: Context) -> None:
    """Fix every criterion's row and the columns: other sheets refer to them."""
    ctx.layout.criteria_cols = {k: i for i, k in enumerate(labels.SC_CRITERIA_HEADERS)}
    for index, criterion in enumerate(ctx.plan.criteria):
        ctx.layout.criteria_rows[criterion.code] = FIRST + index


def write(ctx: Context) -> None:
    headers = labels.SC_CRITERIA_HEADERS
    sheet = ctx.header("criteria", headers, WIDTHS, labels.SC_TITLE.format(period=ctx.period.name))
    lay_out(ctx)
    c = ctx.layout.criteria_cols
    plan = ctx.plan
    breaks = []
    for criterion in plan.criteria:
        row = ctx.layout.criteria_rows[criterion.code]
        depth = len(plan.ancestors(criterion.code))
        if depth == plan.area_level - 1 and row > FIRST + 1:
            breaks.append(row)  # each area starts on a new page
        if criterion.is_leaf:
            _leaf(ctx, sheet, row, c, criterion)
        else:
            _group(ctx, sheet, row, c, criterion, scores(ctx.data)[criterion.code])
        answer = ctx.data.leaves.get(criterion.code, LeafAnswer())
        texts = {"code": criterion.code, "title": criterion.title}
        if criterion.is_leaf:
            texts.update(unit=plan.scorer_of(criterion.code) or "",
                         rule=scoring.rule_text(criterion, plan.not_applicable_text(criterion.code)),
                         result=answer.shown, evidence=answer.evidence, reason=answer.reason,
                         explanation=answer.explanation)
        font = "cell" if criterion.is_leaf else "group"  # parent rows are bold: wider text
        sheet.set_row(row, styles.row_height(texts, WIDTHS, default=font), None, {"level": min(depth, 7)})
    last = FIRST + len(plan.criteria) - 1
    sheet.set_h_pagebreaks(breaks)
    _conditional_formats(ctx, sheet, c, last)
    sheet.protect("", {"autofilter": True, "sort": True, "format_columns": True, "format_rows": True})
    ctx.table_end(sheet, last, len(headers))


def _leaf(ctx: Context, sheet, row: int, c: dict[str, int], criterion) -> None:
    if ctx.unit_scope:
        return _pooled_leaf(ctx, sheet, row, c, criterion)
    f, x, plan = ctx.formats, ctx.extra, ctx.plan
    answer = ctx.data.leaves.get(criterion.code, LeafAnswer())
    totals = scores(ctx.data)[criterion.code]
    scorer = plan.scorer_of(criterion.code) or ""
    allows_na = plan.allows_not_applicable(criterion.code)
    sheet.write_string(row, c["code"], criterion.code, f.cell)
    sheet.write_string(row, c["title"], criterion.title, f.cell)
    sheet.write_string(row, c["unit"], scorer, f.cell)
    sheet.write_string(row, c["rule"], scoring.rule_text(criterion, plan.not_applicable_text(criterion.code)), f.cell)
    styles.write_value(sheet, row, c["result"], answer.shown, f.cell, labels.YES, labels.NO)
    ctx.left_out(sheet, row, c, answer.left_out, {"result": "result", "not_applicable": "na"})
    na = bool(answer.result and answer.result.not_applicable and allows_na)
    sheet.write_string(row, c["na"], labels.YES if na else "", f.cell)
    sheet.write_string(row, c["evidence"], answer.evidence or "", f.cell)
    sheet.write_number(row, c["max"], totals.max, f.points)
    cell = lambda key: xl_rowcol_to_cell(row, c[key])
    if allows_na:
        sheet.write_formula(row, c["na_max"], f'=IF({cell("na")}="{labels.YES}",{cell("max")},0)', f.points,
                            totals.not_applicable_max)
    else:
        sheet.write_number(row, c["na_max"], 0, f.points)
    formula = scoring.points_formula(criterion, cell("result"), cell("na") if allows_na else None)
    sheet.write_formula(row, c["self"], "=" + formula, f.points, totals.points)
    ctx.files(sheet, row, c["files"], ctx.data.evidence_files.get(("criterion", criterion.code)))
    write_rounds(ctx, sheet, row, c, answer, totals, appraised_scores(ctx.data)[criterion.code])
    k, j, d, l_ = cell("appraised"), cell("self"), cell("decided"), cell("final")
    diff = totals.final - totals.points if answer.counted is not None else ""
    sheet.write_formula(row, c["diff"], f'=IF(OR(ISNUMBER({k}),ISNUMBER({d})),{l_}-{j},"")', f.points, diff)
    _ratio(sheet, row, c, totals.ratio, x["ratio"])


def write_rounds(ctx: Context, sheet, row: int, c: dict[str, int], answer: LeafAnswer, totals, appraised) -> None:
    """The Office's rounds of one leaf row (here and on ``Điểm theo đơn vị``): appraised points and
    reason, the unit's explanation and the decided points as entered, then the points after
    appraisal and the final points (decided, else appraised, else self) as formulas."""
    f, x = ctx.formats, ctx.extra
    for key, value in (("appraised", answer.appraised), ("decided", answer.decided)):
        if value is not None:
            sheet.write_number(row, c[key], value, x["input_points"])
        else:
            sheet.write_blank(row, c[key], None, x["input_points"])
    sheet.write_string(row, c["reason"], answer.reason, x["input_text"])
    sheet.write_string(row, c["explanation"], answer.explanation, f.cell)
    cell = lambda key: xl_rowcol_to_cell(row, c[key])
    k, j, d = cell("appraised"), cell("self"), cell("decided")
    sheet.write_formula(row, c["after_appraisal"], f"=IF(ISNUMBER({k}),{k},{j})", f.points, appraised.final)
    sheet.write_formula(row, c["final"], f"=IF(ISNUMBER({d}),{d},IF(ISNUMBER({k}),{k},{j}))", f.points,
                        totals.final)


def _pooled_leaf(ctx: Context, sheet, row: int, c: dict[str, int], criterion) -> None:
    # index_scope = unit: every unit scores the leaf; its rows of Điểm theo đơn vị summed by SUMIFS.
    f, plan = ctx.formats, ctx.plan
    totals = scores(ctx.data)[criterion.code]
    code_cell = xl_rowcol_to_cell(row, c["code"])
    sheet.write_string(row, c["code"], criterion.code, f.cell)
    sheet.write_string(row, c["title"], criterion.title, f.cell)
    sheet.write_string(row, c["unit"], labels.SC_POOLED_UNITS.format(count=len(plan.scorers_of(criterion.code))),
                       f.cell)
    sheet.write_string(row, c["rule"], scoring.rule_text(criterion), f.cell)
    for key in ("result", "na", "appraised", "reason", "explanation", "decided"):
        sheet.write_blank(row, c[key], None, f.cell)
    scorers = plan.scorers_of(criterion.code)
    with_evidence = sum(1 for u in scorers if unit_answer(ctx.data, u, criterion.code).evidence)
    sheet.write_string(row, c["evidence"], labels.SC_POOLED_EVIDENCE.format(count=with_evidence, total=len(scorers)),
                       f.cell)
    after = appraised_scores(ctx.data)[criterion.code].final
    for key, value in (("max", totals.max), ("na_max", totals.not_applicable_max), ("self", totals.points),
                       ("after_appraisal", after), ("final", totals.final)):
        sheet.write_formula(row, c[key], f"=SUMIFS({ctx.scores_range(key)},{ctx.scores_range('code')},"
                            f"{code_cell})", f.points, value)
    j, l_ = xl_rowcol_to_cell(row, c["self"]), xl_rowcol_to_cell(row, c["final"])
    sheet.write_formula(row, c["diff"], f"={l_}-{j}", f.points, totals.final - totals.points)
    _ratio(sheet, row, c, totals.ratio, ctx.extra["ratio"])


def _ratio(sheet, row: int, c: dict[str, int], value: float, fmt) -> None:
    h, i, l_ = (xl_rowcol_to_cell(row, c[k]) for k in ("max", "na_max", "final"))
    sheet.write_formula(row, c["ratio"], f"=IF({h}-{i}>0,{l_}/({h}-{i}),0)", fmt, value)


def _group(ctx: Context, sheet, row: int, c: dict[str, int], criterion, totals) -> None:
    f = ctx.formats
    children = [ctx.layout.criteria_rows[ch.code] for ch in ctx.plan.children(criterion.code)]
    sheet.write_string(row, c["code"], criterion.code, f.group)
    sheet.write_string(row, c["title"], criterion.title, f.group)
    for key in ("unit", "rule", "result", "na", "evidence", "appraised", "files", "reason", "explanation",
                "decided"):
        sheet.write_blank(row, c[key], None, f.group)
    after = appraised_scores(ctx.data)[criterion.code].final
    for key, value in (("max", totals.max), ("na_max", totals.not_applicable_max), ("self", totals.points),
                       ("after_appraisal", after), ("final", totals.final)):
        cells = ",".join(xl_rowcol_to_cell(r, c[key]) for r in children)
        sheet.write_formula(row, c[key], f"=SUM({cells})", f.group_points, value)
    j, l_ = xl_rowcol_to_cell(row, c["self"]), xl_rowcol_to_cell(row, c["final"])
    sheet.write_formula(row, c["diff"], f"={l_}-{j}", f.group_points, totals.final - totals.points)
    _ratio(sheet, row, c, totals.ratio, ctx.extra["group_ratio"])


def _conditional_formats(ctx: Context, sheet, c: dict[str, int], last: int) -> None:
    x = ctx.extra
    col = lambda key: xl_col_to_name(c[key])
    first = FIRST + 1
    sheet.conditional_format(FIRST, c["ratio"], last, c["ratio"], {
        "type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"})
    sheet.conditional_format(FIRST, c["final"], last, c["final"], {
        "type": "formula", "criteria": f"=${col('final')}{first}>${col('max')}{first}+1E-9", "format": x["cf_red"]})
    # Missing evidence (points claimed, neither a text nor a file) is highlighted beside the score.
    for key in ("evidence", "files"):
        sheet.conditional_format(FIRST, c[key], last, c[key], {
            "type": "formula", "format": x["cf_amber"],
            "criteria": f'=AND(${col("unit")}{first}<>"",${col("self")}{first}>0,LEN(${col("evidence")}{first})=0,'
                        f'LEN(${col("files")}{first})=0)'})
