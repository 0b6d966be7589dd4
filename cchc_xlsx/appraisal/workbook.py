"""Write one unit's explanation workbook (DESIGN.md "Appraisal and explanation"): a guide with
the due date, the sheet ``Giải trình`` with one row per criterion appraised below the unit's
self-score (locked) and the inputs ``Giải trình của đơn vị`` and ``Tài liệu bổ sung``, and the very
hidden ``_meta`` of a unit workbook with ``kind = explanation``; protected, validated, print-ready.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


from cchc_xlsx.xlsx.fast import new_workbook
from cchc_xlsx import __version__
from cchc_xlsx import text as labels
from cchc_xlsx.appraisal.rounds import EXPLANATION
from cchc_xlsx.core import layout
from cchc_xlsx.core.model import Period, Plan, Unit
from cchc_xlsx.core.values import format_date
from cchc_xlsx.xlsx import styles

WIDTHS = {"code": 10, "title": 40, "max": 8, "self": 9, "appraised": 10, "reason": 32, "explanation": 44,
          "evidence": 32}
INPUTS = ("explanation", "evidence")
PROTECTION = {"autofilter": True, "sort": True, "format_columns": True, "format_rows": True,
              "select_locked_cells": True, "select_unlocked_cells": True}


@dataclass(frozen=True)
class ExplainRow:
    """One criterion to explain: as the scorecard shows it."""

    code: str
    title: str
    max: float
    self_points: float
    appraised: float
    reason: str


def write_explanation(path: Path, plan: Plan, unit: Unit, period: Period, rows: list[ExplainRow], *,
                      due: dt.date, generated_at: dt.datetime, contact: str = "", password: str = "") -> None:
    """Write the explanation workbook of ``unit`` to ``path`` (not atomically: the caller renames).

    Args:
        path, plan, unit, period: where, and for whom.
        rows: the criteria appraised below the unit's self-score.
        due: when the explanation is due (written in the guide).
        generated_at: recorded in ``_meta``; dates the pages, so the same inputs give the same bytes.
        contact: whom to ask, as the guide says it.
        password: the sheet protection password ("" protects without one).
    """
    workbook = new_workbook(path, in_memory=True)
    workbook.set_properties({"created": generated_at, "title": labels.EXPLAIN_FILE_TITLE,
                             "company": plan.meta.get("department", "")})
    formats = styles.Formats(workbook)
    page = (styles.page_header(plan.meta.get("department", ""), f"{unit.name} — {period.name}"),
            styles.page_footer(generated_at.date()))
    facts = {"unit": unit.name, "period": period.name, "count": str(len(rows)), "due": format_date(due),
             "contact": contact}
    _guide(workbook, formats, facts, password, page)
    _table(workbook, formats, plan, unit, period, rows, password, page)
    _meta(workbook, plan, unit, period, generated_at, password)
    workbook.close()


def _guide(workbook, formats, facts: dict[str, str], password: str, page) -> None:
    sheet = workbook.add_worksheet(labels.SHEET_GUIDE)
    widths = {"label": 28, "text": 100}
    sheet.set_column(0, 0, widths["label"])
    sheet.set_column(1, 1, widths["text"])
    sheet.write_string(0, 0, labels.EXPLAIN_GUIDE_TITLE, formats.title)
    sheet.set_row(0, styles.title_height())
    row = 2
    for label, template in labels.EXPLAIN_GUIDE_FACTS:
        text = template.format(**facts)
        sheet.write_string(row, 0, label, formats.bold)
        sheet.write_string(row, 1, text, formats.wrap)
        sheet.set_row(row, styles.row_height({"label": label, "text": text}, widths, {"label": "bold"},
                                             default="wrap"))
        row += 1
    for step in labels.EXPLAIN_GUIDE_STEPS:
        row += 1
        sheet.write_string(row, 1, step, formats.wrap)
        sheet.set_row(row, styles.row_height({"text": step}, widths, default="wrap"))
    sheet.protect(password, PROTECTION)
    styles.print_a4(sheet, header=page[0], footer=page[1])
    sheet.activate()


def _table(workbook, formats, plan: Plan, unit: Unit, period: Period, rows: list[ExplainRow], password: str,
           page) -> None:
    sheet = workbook.add_worksheet(labels.SHEET_EXPLAIN)
    headers = labels.EXPLAIN_HEADERS
    last_col = len(headers) - 1
    sheet.merge_range(0, 0, 0, last_col, labels.EXPLAIN_TITLE, formats.title)
    subtitle = labels.SUBTITLE.format(unit=unit.name, period=period.name, department=plan.meta.get("department", ""))
    sheet.merge_range(1, 0, 1, last_col, subtitle, formats.subtitle)
    sheet.set_row(0, styles.title_height("title"))
    sheet.set_row(1, styles.title_height("subtitle"))
    for col, (key, title) in enumerate(headers.items()):
        sheet.write_string(layout.HEADER_ROW, col, title, formats.header)
        sheet.set_column(col, col, WIDTHS[key])
    sheet.set_row(layout.HEADER_ROW, styles.header_height(headers, WIDTHS))
    c = {key: i for i, key in enumerate(headers)}
    for row, item in enumerate(rows, start=layout.FIRST_DATA_ROW):
        for key, text in (("code", item.code), ("title", item.title), ("reason", item.reason)):
            sheet.write_string(row, c[key], text, formats.cell)
        for key, value in (("max", item.max), ("self", item.self_points), ("appraised", item.appraised)):
            sheet.write_number(row, c[key], value, formats.points)
        for key in INPUTS:
            sheet.write_blank(row, c[key], None, formats.input)
        sheet.set_row(row, styles.row_height({"code": item.code, "title": item.title, "reason": item.reason},
                                             WIDTHS))
    first, last = layout.FIRST_DATA_ROW, layout.FIRST_DATA_ROW + max(len(rows), 1) - 1
    title, prompt, error = labels.EXPLAIN_VALIDATION
    for key in INPUTS:
        sheet.data_validation(first, c[key], last, c[key], {
            "validate": "length", "criteria": "<=", "value": layout.TEXT_LIMIT, "input_title": title,
            "input_message": prompt.format(limit=layout.TEXT_LIMIT), "error_title": title,
            "error_message": error.format(limit=layout.TEXT_LIMIT), "error_type": "stop"})
    sheet.freeze_panes(first, 2)
    sheet.autofilter(layout.HEADER_ROW, 0, last, last_col)
    sheet.protect(password, PROTECTION)
    styles.print_a4(sheet, header=page[0], footer=page[1], repeat_row=layout.HEADER_ROW)
    sheet.print_area(0, 0, last, last_col)


def _meta(workbook, plan: Plan, unit: Unit, period: Period, generated_at: dt.datetime, password: str) -> None:
    # A unit workbook's identity (collect's identity and trust rules apply), and what kind it is.
    sheet = workbook.add_worksheet(labels.SHEET_META)
    values = {"schema": layout.SCHEMA, "plan_id": plan.plan_id, "year": str(plan.year), "period": period.code,
              "unit": unit.code, "generated_at": generated_at.isoformat(timespec="seconds"),
              "tool_version": __version__, "kind": EXPLANATION}
    for row, key in enumerate((*layout.META_KEYS, "kind")):
        sheet.write_string(row, 0, key)
        sheet.write_string(row, 1, values[key])
    sheet.protect(password, PROTECTION)
    sheet.very_hidden()
