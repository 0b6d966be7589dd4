"""``Điểm theo đơn vị`` (``index_scope = unit``): one row per (unit, leaf) the units score, each
self-score a formula over the unit's result, and the Office's appraisal column per unit."""

from __future__ import annotations

from cchc_xlsx import text as labels
from cchc_xlsx.rules import scoring
from cchc_xlsx.scorecard.data import unit_answer, unit_scores
from cchc_xlsx.scorecard.sheets.base import FIRST, Context, xl_col
from cchc_xlsx.scorecard.sheets.criteria import write_rounds
from cchc_xlsx.xlsx import styles

WIDTHS = {"unit": 9, "code": 10, "title": 44, "result": 24, "na": 8, "evidence": 26, "max": 8,
          "na_max": 8, "self": 9, "appraised": 10, "final": 9, "reason": 26, "explanation": 30, "decided": 10,
          "after_appraisal": 10}


def lay_out(ctx: Context) -> None:
    """Fix the rows before any sheet is written: Chấm điểm's SUMIFS and Xếp loại point here."""
    layout = ctx.layout
    layout.score_cols = {k: i for i, k in enumerate(labels.SC_UNIT_SCORES_HEADERS)}
    row = FIRST
    for unit in ctx.plan.scoring_units():
        leaves = ctx.plan.leaves_scored_by(unit.code)
        layout.unit_blocks[unit.code] = (row, row + len(leaves) - 1)
        layout.score_rows.extend((unit.code, leaf) for leaf in leaves)
        layout.score_row_of.update({(unit.code, leaf.code): row + i for i, leaf in enumerate(leaves)})
        row += len(leaves)
    layout.scores_last = max(row - 1, FIRST)


def write(ctx: Context) -> None:
    headers = labels.SC_UNIT_SCORES_HEADERS
    sheet = ctx.sheets["scores"]
    ctx.plain_header(sheet, headers, WIDTHS, labels.SC_UNIT_SCORES_SHEET.upper())
    c, f, x = ctx.layout.score_cols, ctx.formats, ctx.extra
    yes = labels.YES
    templates: dict[str, tuple] = {}
    letters = {k: xl_col(c[k]) for k in ("result", "na", "max", "na_max", "self", "appraised")}
    for row, (unit_code, leaf) in enumerate(ctx.layout.score_rows, start=FIRST):
        answer = unit_answer(ctx.data, unit_code, leaf.code)
        totals = unit_scores(ctx.data, unit_code)[leaf.code]
        if leaf.code not in templates:
            allows_na = ctx.plan.allows_not_applicable(leaf.code)
            # One formula per leaf with placeholders, the row filled in per unit: no per-cell rebuilding.
            formula = scoring.points_formula(leaf, "\x01", "\x02" if allows_na else None)
            templates[leaf.code] = (allows_na, "=" + formula)
        allows_na, template = templates[leaf.code]
        n = str(row + 1)
        cell = {k: letter + n for k, letter in letters.items()}
        sheet.write_string(row, c["unit"], unit_code, f.cell)
        sheet.write_string(row, c["code"], leaf.code, f.cell)
        sheet.write_string(row, c["title"], leaf.title, f.cell)
        styles.write_value(sheet, row, c["result"], answer.shown, f.cell, labels.YES, labels.NO)
        na = bool(answer.result and answer.result.not_applicable and allows_na)
        sheet.write_string(row, c["na"], yes if na else "", f.cell)
        sheet.write_string(row, c["evidence"], answer.evidence or "", f.cell)
        sheet.write_number(row, c["max"], totals.max, f.points)
        if allows_na:
            sheet.write_formula(row, c["na_max"], f'=IF({cell["na"]}="{yes}",{cell["max"]},0)', f.points,
                                totals.not_applicable_max)
        else:
            sheet.write_number(row, c["na_max"], 0, f.points)
        sheet.write_formula(row, c["self"], template.replace("\x01", cell["result"]).replace("\x02", cell["na"]),
                            f.points, totals.points)
        write_rounds(ctx, sheet, row, c, answer, totals, unit_scores(ctx.data, unit_code, appraised_only=True)[leaf.code])
    last = ctx.layout.scores_last
    sheet.conditional_format(FIRST, c["final"], last, c["final"], {
        "type": "formula", "format": x["cf_red"],
        "criteria": f"=${xl_col(c['final'])}{FIRST + 1}>${xl_col(c['max'])}{FIRST + 1}+1E-9"})
    sheet.protect("", {"autofilter": True, "sort": True, "format_columns": True, "format_rows": True})
    ctx.table_end(sheet, last, len(headers))
