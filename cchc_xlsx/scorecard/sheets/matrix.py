"""``Ma trận nhiệm vụ`` (many units): units × the tasks they lead, one short code per cell."""

from __future__ import annotations

from cchc_xlsx import text as labels
from cchc_xlsx.scorecard.data import TaskAnswer, task_flag, task_rows
from cchc_xlsx.scorecard.sheets.base import FIRST, HEADER_ROW, Context
from cchc_xlsx.xlsx import styles

MATRIX_TASKS_PER_PAGE = 45  # task columns that stay legible on one A4 width


def write(ctx: Context) -> None:
    sheet = ctx.sheets["matrix"]
    f, x, workbook = ctx.formats, ctx.extra, ctx.workbook
    workbook_codes = {u.code for u in ctx.plan.workbook_units()}
    tasks = [t for t in ctx.plan.tasks if any(u in workbook_codes for u in t.lead)]
    units = ctx.ranked_units()
    ranks = ctx.unit_ranks()
    sheet.write_string(0, 0, labels.SC_MATRIX_TITLE, f.title)
    sheet.write_string(1, 0, ctx.subtitle(), f.subtitle)
    fixed = [labels.SC_UNIT_HEADERS["rank"], labels.SC_UNIT_HEADERS["unit"], labels.SC_UNIT_HEADERS["unit_name"]]
    for col, text in enumerate(fixed):
        sheet.write_string(HEADER_ROW, col, text, f.header)
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 9)
    sheet.set_column(2, 2, 28)
    vertical = workbook.add_format({**styles.FONT, "bold": True, "border": 1, "rotation": 90,
                                    "align": "center", "valign": "bottom", "font_size": 8})
    cell_fmt = workbook.add_format({**styles.FONT, "border": 1, "align": "center", "font_size": 8})
    for col, task in enumerate(tasks, start=len(fixed)):
        sheet.write_string(HEADER_ROW, col, task.code, vertical)
    sheet.set_column(len(fixed), len(fixed) + max(len(tasks), 1) - 1, 4.3)
    sheet.set_row(HEADER_ROW, 48)
    answers = {(task.code, unit): answer for task, unit, answer in task_rows(ctx.data)}
    cutoff = ctx.period.cutoff
    codes = labels.SC_MATRIX_CODES
    small = workbook.add_format({**styles.FONT, "border": 1, "font_size": 8})
    for row, unit in enumerate(units, start=FIRST):
        sheet.set_row(row, 12)  # one line of 8-point text: 40 units a page
        sheet.write_number(row, 0, ranks[unit.code], small)
        sheet.write_string(row, 1, unit.code, small)
        sheet.write_string(row, 2, unit.name, small)
        returned = unit.code in ctx.data.returned
        for col, task in enumerate(tasks, start=len(fixed)):
            if unit.code not in task.lead:
                sheet.write_blank(row, col, None, cell_fmt)
                continue
            answer = answers.get((task.code, unit.code), TaskAnswer())
            sheet.write_string(row, col, matrix_code(task, answer, cutoff, returned, codes), cell_fmt)
    last = FIRST + max(len(units), 1) - 1
    last_col = len(fixed) + max(len(tasks), 1) - 1
    legend = workbook.add_format({**styles.FONT, "italic": True, "text_wrap": True, "valign": "top"})
    sheet.merge_range(2, 0, 2, max(last_col, 8), labels.SC_MATRIX_LEGEND, legend)
    sheet.set_row(2, 30)
    for key, fmt in (("overdue", x["cf_red"]), ("late", x["cf_orange"]), ("missing", x["cf_amber"])):
        sheet.conditional_format(FIRST, len(fixed), last, last_col, {
            "type": "cell", "criteria": "==", "value": f'"{codes[key]}"', "format": fmt})
    sheet.freeze_panes(FIRST, len(fixed))
    ctx.print_setup(sheet, last, last_col)
    if len(tasks) > MATRIX_TASKS_PER_PAGE:  # a plan of many tasks: pages side by side, units on each
        sheet.fit_to_pages(-(-len(tasks) // MATRIX_TASKS_PER_PAGE), 0)
        sheet.repeat_columns(0, len(fixed) - 1)


def matrix_code(task, answer: TaskAnswer, cutoff, returned: bool, codes: dict[str, str]) -> str:
    """The short code of one unit's lead task in the matrix (see ``labels.SC_MATRIX_LEGEND``)."""
    flag = task_flag(task, answer, cutoff)
    if flag == labels.FLAG_OVERDUE:
        return codes["overdue"]
    if flag == labels.FLAG_LATE:
        return codes["late"]
    status = answer.status
    if status is None:
        return codes["missing"]
    return {labels.STATUS_DONE: codes["done"], labels.STATUS_IN_PROGRESS: codes["in_progress"],
            labels.STATUS_NOT_STARTED: codes["not_started"], labels.STATUS_NOT_ARISEN: codes["not_arisen"]}.get(
        status, codes["missing"])
