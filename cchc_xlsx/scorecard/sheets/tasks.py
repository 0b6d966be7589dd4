"""``Tiến độ nhiệm vụ``: every task of every unit that receives a workbook, with its overdue or
late flag a formula over the deadline, the status and the cut-off date."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import DEADLINE
from cchc_xlsx.scorecard.data import task_flag, task_rows
from cchc_xlsx.scorecard.sheets.base import FIRST, NAMES, Context
from cchc_xlsx.xlsx import styles

WIDTHS = {"code": 8, "description": 50, "unit": 8, "unit_name": 26, "role": 9, "deadline": 11, "status": 15,
          "completion": 8, "completed_on": 11, "evidence": 32, "flag": 10, "files": 26}


def write(ctx: Context) -> None:
    headers = labels.SC_TASK_HEADERS
    sheet = ctx.header("tasks", headers, WIDTHS, labels.SC_SHEETS["tasks"].upper())
    c = {k: i for i, k in enumerate(headers)}
    ctx.layout.task_cols = c
    rows = task_rows(ctx.data)
    for index, (task, unit, answer) in enumerate(rows):
        _row(ctx, sheet, FIRST + index, c, task, unit, answer)
    last = FIRST + len(rows) - 1
    ctx.layout.task_last = last
    flag = c["flag"]
    sheet.conditional_format(FIRST, flag, last, flag, {"type": "cell", "criteria": "==",
                                                       "value": f'"{labels.FLAG_OVERDUE}"',
                                                       "format": ctx.extra["cf_red"]})
    sheet.conditional_format(FIRST, flag, last, flag, {"type": "cell", "criteria": "==",
                                                       "value": f'"{labels.FLAG_LATE}"',
                                                       "format": ctx.extra["cf_orange"]})
    sheet.conditional_format(FIRST, c["completion"], last, c["completion"], {"type": "data_bar",
                                                                            "bar_solid": True})
    ctx.table_end(sheet, last, len(headers))


def _row(ctx: Context, sheet, row: int, c: dict[str, int], task, unit: str, answer) -> None:
    f, plan = ctx.formats, ctx.plan
    sheet.write_string(row, c["code"], task.code, f.cell)
    sheet.write_string(row, c["description"], task.description, f.cell)
    sheet.write_string(row, c["unit"], unit, f.cell)
    sheet.write_string(row, c["unit_name"], plan.units_by_code[unit].name, f.cell)
    sheet.write_string(row, c["role"], labels.ROLE[task.role_of(unit)], f.cell)
    if task.schedule == DEADLINE and task.deadline:
        sheet.write_datetime(row, c["deadline"], styles.as_datetime(task.deadline), f.date_cell)
    else:
        sheet.write_string(row, c["deadline"], task.timeframe or "", f.cell)
    sheet.write_string(row, c["status"], answer.status or "", f.cell)
    styles.write_value(sheet, row, c["completion"], answer.completion, ctx.extra["pct"], labels.YES, labels.NO)
    if answer.completed_on:
        sheet.write_datetime(row, c["completed_on"], styles.as_datetime(answer.completed_on), f.date_cell)
    else:
        sheet.write_blank(row, c["completed_on"], None, f.date_cell)
    sheet.write_string(row, c["evidence"], answer.evidence or "", f.cell)
    ctx.files(sheet, row, c["files"], ctx.data.evidence_files.get(("task", task.code, unit)))
    ctx.left_out(sheet, row, c, answer.left_out, {k: k for k in ("status", "completion", "completed_on")})
    sheet.set_row(row, styles.row_height({
        "code": task.code, "description": task.description, "unit": unit,
        "role": labels.ROLE[task.role_of(unit)], "unit_name": plan.units_by_code[unit].name,
        "deadline": "" if task.schedule == DEADLINE and task.deadline else task.timeframe or "",
        "status": answer.status or "", "evidence": answer.evidence, "flag": labels.FLAG_OVERDUE}, WIDTHS))
    cell = lambda key: xl_rowcol_to_cell(row, c[key])
    d, g, i = cell("deadline"), cell("status"), cell("completed_on")
    formula = (f'=IF(AND(ISNUMBER({d}),{d}<={NAMES["cutoff"]},{g}<>"{labels.STATUS_DONE}",'
               f'{g}<>"{labels.STATUS_NOT_ARISEN}"),"{labels.FLAG_OVERDUE}",IF(AND({g}="{labels.STATUS_DONE}",'
               f'ISNUMBER({i}),ISNUMBER({d}),{i}>{d}),"{labels.FLAG_LATE}",""))')
    sheet.write_formula(row, c["flag"], formula, f.cell, task_flag(task, answer, ctx.period.cutoff))
