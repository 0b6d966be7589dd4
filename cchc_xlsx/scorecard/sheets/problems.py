"""``Vấn đề cần xử lý`` (many units): one row per unit with a problem (missing return, overdue or
late tasks), the weakest first."""

from __future__ import annotations

from cchc_xlsx import text as labels
from cchc_xlsx.scorecard.data import task_flag, task_rows
from cchc_xlsx.scorecard.sheets.base import FIRST, Context

WIDTHS = {"unit": 9, "unit_name": 30, "missing": 14, "overdue": 40, "late": 40}


def write(ctx: Context) -> None:
    sheet = ctx.sheets["problems"]
    h = labels.SC_PROBLEMS_HEADERS
    headers = {"unit": h["unit"], "unit_name": h["unit_name"], "missing": labels.SC_PROBLEM_KINDS["missing"],
               "overdue": labels.SC_PROBLEM_KINDS["overdue"], "late": labels.SC_PROBLEM_KINDS["late"]}
    ctx.plain_header(sheet, headers, WIDTHS, labels.SC_PROBLEMS_TITLE)
    f = ctx.formats
    flags = _flags(ctx)
    row = FIRST
    for unit in reversed(ctx.ranked_units()):  # the weakest first: they need the follow-up
        missing = unit.code not in ctx.data.returned
        found = flags.get(unit.code, {"overdue": [], "late": []})
        if not (missing or found["overdue"] or found["late"]):
            continue
        sheet.write_string(row, 0, unit.code, f.cell)
        sheet.write_string(row, 1, unit.name, f.cell)
        sheet.write_string(row, 2, labels.YES if missing else "", f.cell)
        sheet.write_string(row, 3, ", ".join(found["overdue"]), f.cell)
        sheet.write_string(row, 4, ", ".join(found["late"]), f.cell)
        longest = max(len(", ".join(found["overdue"])), len(", ".join(found["late"])), 1)
        sheet.set_row(row, 15 * max(1, -(-longest // 44)))
        row += 1
    last = max(row - 1, FIRST)
    sheet.conditional_format(FIRST, 2, last, 2, {"type": "cell", "criteria": "==",
                                                 "value": f'"{labels.YES}"', "format": ctx.extra["cf_amber"]})
    ctx.table_end(sheet, last, len(headers))


def _flags(ctx: Context) -> dict[str, dict[str, list[str]]]:
    # unit → the codes of its lead tasks overdue and late.
    cutoff = ctx.period.cutoff
    flags: dict[str, dict[str, list[str]]] = {}
    for task, unit, answer in task_rows(ctx.data):
        if task.role_of(unit) != "lead":
            continue
        flag = task_flag(task, answer, cutoff)
        if flag:
            key = "overdue" if flag == labels.FLAG_OVERDUE else "late"
            flags.setdefault(unit, {"overdue": [], "late": []})[key].append(task.code)
    return flags
