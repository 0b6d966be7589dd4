"""Write one unit's workbook for one period (the layout of DESIGN.md "Unit workbook").

The same writer serves ``feedback``: given a ``Prefill`` it fills in the unit's own values,
highlights the cells with problems and comments on them, instead of re-saving the unit's file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlsxwriter.utility import xl_range, xl_rowcol_to_cell

from cchc_xlsx.xlsx.fast import new_workbook
from cchc_xlsx import __version__
from cchc_xlsx import text as labels
from cchc_xlsx.core import layout
from cchc_xlsx.rules import kind_of, scoring
from cchc_xlsx.xlsx import styles
from cchc_xlsx.xlsx.styles import row_height
from cchc_xlsx.core.model import DEADLINE, Criterion, Period, Plan, Task, Unit
from cchc_xlsx.core.names import safe_name
from cchc_xlsx.core.values import format_date

TASK_WIDTHS = {"code": 8, "area_title": 18, "description": 46, "products": 30, "role": 10, "deadline": 12,
               "status": 16, "completion": 11, "completed_on": 12, "evidence": 32, "issues": 26, "note": 16}
CRITERIA_WIDTHS = {"code": 10, "title": 50, "max": 9, "rule": 42, "result": 30, "not_applicable": 12,
                   "evidence": 32, "note": 16, "points": 10}
PROTECTION = {"autofilter": True, "sort": True, "format_columns": True, "format_rows": True,
              "select_locked_cells": True, "select_unlocked_cells": True}


@dataclass
class Prefill:
    """A unit's values to write back into a fresh workbook, and comments on problem cells.

    ``tasks`` and ``criteria`` map a row's code to {column key: value as it goes in the cell};
    ``results`` are the parsed criteria answers (for the formulas' cached values);
    ``comments`` map (``"tasks"`` or ``"criteria"``, code, column key) to the text to show.
    """

    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    criteria: dict[str, dict[str, Any]] = field(default_factory=dict)
    results: dict[str, scoring.Result] = field(default_factory=dict)
    comments: dict[tuple[str, str, str], str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # problems that belong to no cell: listed on the guide sheet


@dataclass(frozen=True)
class WrittenWorkbook:
    unit: str
    path: Path
    task_rows: int
    criteria_rows: int


def workbook_file_name(plan: Plan, unit: Unit, period: Period) -> str:
    """A name a person recognises, safe on Windows: "CCHC 2022 - Quý I-2022 - Văn phòng.xlsx"."""
    name = labels.FILE_NAME.format(year=plan.year, period=safe_name(period.name), unit=safe_name(unit.name))
    return safe_name(name[:-5]) + name[-5:] if name.endswith(".xlsx") else safe_name(name)


def criteria_rows(plan: Plan, unit_code: str) -> list[Criterion]:
    """The leaves a unit scores, with their ancestors for context, in document order."""
    wanted: set[str] = set()
    for leaf in plan.leaves_scored_by(unit_code):
        wanted.add(leaf.code)
        wanted.update(a.code for a in plan.ancestors(leaf.code))
    return [c for c in plan.criteria if c.code in wanted]


def write_unit_workbook(path: Path, plan: Plan, unit: Unit, period: Period, *, generated_at: dt.datetime,
                        password: str = "", prefill: Prefill | None = None) -> WrittenWorkbook:
    """Write the workbook of ``unit`` for ``period`` to ``path``.

    Args:
        path: the .xlsx file to write (the caller makes it atomic).
        plan: the plan.
        unit: a unit that receives a workbook.
        period: the reporting period.
        generated_at: recorded in ``_meta``.
        password: the sheet protection password ("" protects without one).
        prefill: the unit's values and comments, for feedback; None for a blank workbook.

    Returns:
        The path and the number of task and criteria rows written.
    """
    writer = _UnitWorkbook(path, plan, unit, period, password, prefill or Prefill())
    return writer.write(generated_at)


class _UnitWorkbook:
    def __init__(self, path: Path, plan: Plan, unit: Unit, period: Period, password: str, prefill: Prefill):
        self.path, self.plan, self.unit, self.period = path, plan, unit, period
        self.password, self.prefill = password, prefill
        self.workbook = new_workbook(path, in_memory=True)
        self.formats = styles.Formats(self.workbook)
        self.department = plan.meta.get("department", "")
        self.list_items: list[str] = []
        self.validations: dict[str, dict] = {}
        self.dated = dt.date.today()

    def write(self, generated_at: dt.datetime) -> WrittenWorkbook:
        # Dated by generated_at, not the clock, so the same inputs always give the same bytes.
        self.dated = generated_at.date()
        self.workbook.set_properties({"created": generated_at, "title": labels.CRITERIA_TITLE,
                                      "company": self.department})
        self._guide()
        tasks = self.plan.tasks_for(self.unit.code)
        criteria = criteria_rows(self.plan, self.unit.code)
        self._tasks_sheet(tasks)
        self._criteria_sheet(criteria)
        self._lists_sheet()
        self._meta(generated_at)
        self.workbook.close()
        return WrittenWorkbook(self.unit.code, self.path, len(tasks), len(criteria))

    # --- shared pieces ----------------------------------------------------------------

    def _page_setup(self, sheet, repeat_row: int | None) -> None:
        header = labels.PAGE_HEADER.format(department=_escape(self.department), unit=_escape(self.unit.name),
                                           period=_escape(self.period.name))
        styles.print_a4(sheet, header=header, footer=styles.page_footer(self.dated), repeat_row=repeat_row)

    def _titles(self, sheet, title: str, width: int, widths: dict[str, int]) -> None:
        sheet.merge_range(0, 0, 0, width - 1, title, self.formats.title)
        subtitle = labels.SUBTITLE.format(unit=self.unit.name, period=self.period.name, department=self.department)
        sheet.merge_range(1, 0, 1, width - 1, subtitle, self.formats.subtitle)
        across = {"all": sum(widths.values())}  # merged over the table
        sheet.set_row(0, row_height({"all": title}, across, default="title"))
        sheet.set_row(1, row_height({"all": subtitle}, across, default="subtitle"))

    def _headers(self, sheet, headers: dict[str, str], widths: dict[str, int]) -> None:
        for col, key in enumerate(headers):
            sheet.write_string(layout.HEADER_ROW, col, headers[key], self.formats.header)
            sheet.set_column(col, col, widths[key])
        sheet.set_row(layout.HEADER_ROW, styles.header_height(headers, widths))

    def _finish_table(self, sheet, last_row: int, columns: int) -> None:
        self._flush_validations(sheet)
        sheet.freeze_panes(layout.FIRST_DATA_ROW, 1)
        sheet.autofilter(layout.HEADER_ROW, 0, max(last_row, layout.FIRST_DATA_ROW), columns - 1)
        sheet.protect(self.password, PROTECTION)
        self._page_setup(sheet, layout.HEADER_ROW)

    def _validate(self, sheet, first: int, col: int, last: int, kind: str, options: dict, **fields) -> None:
        # Cells with the same rule share one validation (one XML element with many ranges):
        # a workbook of a hundred criteria then carries a handful, not hundreds.
        key = (kind, repr(sorted(options.items())), repr(sorted(fields.items())))
        entry = self.validations.setdefault(sheet.name, {}).setdefault(key, (kind, options, fields, []))
        entry[3].append((first, col, last))

    def _flush_validations(self, sheet) -> None:
        for kind, options, fields, ranges in self.validations.pop(sheet.name, {}).values():
            title, prompt, error = labels.VALIDATION[kind]
            first, col, last = ranges[0]
            multi = " ".join(xl_range(a, c, b, c) for a, c, b in ranges)
            sheet.data_validation(first, col, last, col, {
                **options, "multi_range": multi, "input_title": title[:32],
                "input_message": prompt.format(**fields)[:255], "error_title": title[:32],
                "error_message": error.format(**fields)[:255], "error_type": "stop"})

    def _list_range(self, items: list[str]) -> str:
        # Long lists go on the hidden list sheet: Excel refuses an inline list over 255 characters.
        first = len(self.list_items) + 1
        self.list_items.extend(items)
        return f"='{labels.SHEET_LISTS}'!$A${first}:$A${len(self.list_items)}"

    def _lists_sheet(self) -> None:
        sheet = self.workbook.add_worksheet(labels.SHEET_LISTS)
        for row, item in enumerate(self.list_items):
            sheet.write_string(row, 0, item)
        sheet.set_column(0, 0, 120)
        sheet.hide()

    def _locked(self, sheet_key: str, code: str, column: str, kind: str = "cell"):
        # A locked cell that feedback comments on is shaded like a flagged input.
        flagged = (sheet_key, code, column) in self.prefill.comments
        return getattr(self.formats, f"{kind}_flag" if flagged else kind)

    def _comment(self, sheet, row: int, col: int, sheet_key: str, code: str, column: str) -> bool:
        text = self.prefill.comments.get((sheet_key, code, column))
        if text:
            sheet.write_comment(row, col, text, {"x_scale": 2.5, "y_scale": 2})
        return bool(text)

    # --- sheets -----------------------------------------------------------------------

    def _guide(self) -> None:
        sheet = self.workbook.add_worksheet(labels.SHEET_GUIDE)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 100)
        sheet.write_string(0, 0, labels.GUIDE_TITLE, self.formats.title)
        sheet.set_row(0, styles.title_height())
        guide_widths = {"label": 28, "text": 100}
        contact_unit = self.plan.units_by_code.get(self.plan.meta.get("contact_unit", ""))
        contact = f"{contact_unit.name} — {contact_unit.email}" if contact_unit else ""
        facts = {"unit": self.unit.name, "period": self.period.name, "start": format_date(self.period.start),
                 "cutoff": format_date(self.period.cutoff), "due": format_date(self.period.due),
                 "plan_title": self.plan.meta.get("title", ""), "contact": contact}
        row = 2
        for label, template in labels.GUIDE_FACTS:
            sheet.write_string(row, 0, label, self.formats.bold)
            sheet.write_string(row, 1, template.format(**facts), self.formats.wrap)
            sheet.set_row(row, row_height({"label": label, "text": template.format(**facts)}, guide_widths,
                                          {"label": "bold"}, default="wrap"))
            row += 1
        row += 1
        for step in labels.GUIDE_STEPS:
            sheet.write_string(row, 1, step, self.formats.wrap)
            sheet.set_row(row, row_height({"text": step}, guide_widths, default="wrap"))
            row += 1
        if self.prefill.notes:
            row += 1
            sheet.write_string(row, 0, labels.FEEDBACK_LIST_TITLE, self.formats.bold)
            for number, note in enumerate(self.prefill.notes, start=1):
                row += 1
                sheet.write_string(row, 0, f"{number}.", self.formats.wrap)
                sheet.write_string(row, 1, note, self.formats.wrap)
                sheet.set_row(row, row_height({"note": note}, {"note": 100}))
        sheet.protect(self.password, PROTECTION)
        self._page_setup(sheet, None)
        sheet.activate()

    def _tasks_sheet(self, tasks: list[Task]) -> None:
        sheet = self.workbook.add_worksheet(labels.SHEET_TASKS)
        headers = labels.TASK_HEADERS
        cols = {key: i for i, key in enumerate(headers)}
        self._titles(sheet, labels.TASKS_TITLE, len(headers), TASK_WIDTHS)
        self._headers(sheet, headers, TASK_WIDTHS)
        f = self.formats
        row = layout.FIRST_DATA_ROW
        for task in tasks:
            values = self.prefill.tasks.get(task.code, {})
            sheet.write_string(row, cols["code"], task.code, self._locked("tasks", task.code, "code"))
            sheet.write_string(row, cols["area_title"], task.area_title, f.cell)
            sheet.write_string(row, cols["description"], task.description,
                               self._locked("tasks", task.code, "description"))
            sheet.write_string(row, cols["products"], "\n".join(f"- {p}" for p in task.products), f.cell)
            sheet.write_string(row, cols["role"], labels.ROLE[task.role_of(self.unit.code)], f.cell)
            if task.schedule == DEADLINE and task.deadline:
                sheet.write_datetime(row, cols["deadline"], styles.as_datetime(task.deadline), f.date_cell)
            else:
                sheet.write_string(row, cols["deadline"], task.timeframe or labels.SCHEDULE_TEXT[task.schedule],
                                   f.cell)
            for key in layout.TASK_INPUTS:
                flagged = self._comment(sheet, row, cols[key], "tasks", task.code, key)
                self._write_input(sheet, row, cols[key], values.get(key), key, flagged)
            for key in headers:  # feedback on a locked cell (an edited task text, a missing row): a note
                if key not in layout.TASK_INPUTS:
                    self._comment(sheet, row, cols[key], "tasks", task.code, key)
            texts = {"code": task.code, "area_title": task.area_title, "description": task.description,
                     "products": "\n".join(f"- {p}" for p in task.products),
                     "role": labels.ROLE[task.role_of(self.unit.code)], **values}
            if not (task.schedule == DEADLINE and task.deadline):  # else a date: one line
                texts["deadline"] = task.timeframe or labels.SCHEDULE_TEXT[task.schedule]
            sheet.set_row(row, row_height(texts, TASK_WIDTHS))
            row += 1
        last = row - 1
        if tasks:
            self._task_validations(sheet, cols, layout.FIRST_DATA_ROW, last)
        self._finish_table(sheet, last, len(headers))

    def _write_input(self, sheet, row: int, col: int, value: Any, key: str, flagged: bool) -> None:
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        kind = "number" if key == "completion" or is_number else "date" if key == "completed_on" else "text"
        fmt = getattr(self.formats, styles.INPUT_FORMATS[kind, flagged])
        styles.write_value(sheet, row, col, value, fmt, labels.YES, labels.NO)

    def _task_validations(self, sheet, cols: dict[str, int], first: int, last: int) -> None:
        year = self.plan.year
        earliest = min((p.start for p in self.plan.periods), default=dt.date(year, 1, 1))
        self._validate(sheet, first, cols["status"], last, "status",
                       {"validate": "list", "source": list(labels.STATUSES)})
        self._validate(sheet, first, cols["completion"], last, "completion",
                       {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 100})
        self._validate(sheet, first, cols["completed_on"], last, "completed_on",
                       {"validate": "date", "criteria": "between", "minimum": styles.as_datetime(earliest),
                        "maximum": dt.datetime(year, 12, 31)}, year=year)
        for key in ("evidence", "issues", "note"):
            self._validate(sheet, first, cols[key], last, "text",
                           {"validate": "length", "criteria": "<=", "value": layout.TEXT_LIMIT},
                           limit=layout.TEXT_LIMIT)

    def _criteria_sheet(self, criteria: list[Criterion]) -> None:
        sheet = self.workbook.add_worksheet(labels.SHEET_CRITERIA)
        headers = labels.CRITERIA_HEADERS
        cols = {key: i for i, key in enumerate(headers)}
        self._titles(sheet, labels.CRITERIA_TITLE, len(headers), CRITERIA_WIDTHS)
        self._headers(sheet, headers, CRITERIA_WIDTHS)
        rows = {c.code: layout.FIRST_DATA_ROW + i for i, c in enumerate(criteria)}
        scores = {c.code: scoring.leaf_score(self.plan, c, self.prefill.results.get(c.code))
                  for c in criteria if c.is_leaf}
        for criterion in criteria:
            row = rows[criterion.code]
            depth = len(self.plan.ancestors(criterion.code))
            texts = {"code": criterion.code, "title": criterion.title}
            if criterion.is_leaf:
                self._leaf_row(sheet, row, cols, criterion, scores[criterion.code])
                texts.update(self.prefill.criteria.get(criterion.code, {}),  # measured as _leaf_row writes it
                             rule=scoring.rule_text(criterion, self.plan.not_applicable_text(criterion.code)))
            else:
                children = [rows[c.code] for c in self.plan.children(criterion.code) if c.code in rows]
                self._group_row(sheet, row, cols, criterion, children, scores, depth)
            font = "cell" if criterion.is_leaf else "group"  # parent rows are bold: wider text
            sheet.set_row(row, row_height(texts, CRITERIA_WIDTHS, default=font), None, {"level": min(depth, 7)})
        total_row = layout.FIRST_DATA_ROW + len(criteria)
        roots = [rows[c.code] for c in criteria if c.parent is None or c.parent not in rows]
        self._total_row(sheet, total_row, cols, roots, criteria, scores)
        self._finish_table(sheet, total_row - 1, len(headers))

    def _leaf_row(self, sheet, row: int, cols: dict[str, int], criterion: Criterion, score) -> None:
        f = self.formats
        values = self.prefill.criteria.get(criterion.code, {})
        sheet.write_string(row, cols["code"], criterion.code, self._locked("criteria", criterion.code, "code"))
        sheet.write_string(row, cols["title"], criterion.title, self._locked("criteria", criterion.code, "title"))
        sheet.write_number(row, cols["max"], scoring.leaf_max(criterion), f.points)
        sheet.write_string(row, cols["rule"], scoring.rule_text(criterion, self.plan.not_applicable_text(criterion.code)),
                           f.cell)
        for key in ("result", "evidence", "note"):
            flagged = self._comment(sheet, row, cols[key], "criteria", criterion.code, key)
            self._write_input(sheet, row, cols[key], values.get(key), key, flagged)
        self._result_validation(sheet, row, cols["result"], criterion)
        allows_na = self.plan.allows_not_applicable(criterion.code)
        na_cell = None
        if allows_na:
            flagged = self._comment(sheet, row, cols["not_applicable"], "criteria", criterion.code, "not_applicable")
            self._write_input(sheet, row, cols["not_applicable"], values.get("not_applicable"), "not_applicable",
                              flagged)
            self._validate(sheet, row, cols["not_applicable"], row, "not_applicable",
                           {"validate": "list", "source": [labels.YES]})
            na_cell = xl_rowcol_to_cell(row, cols["not_applicable"])
        else:
            sheet.write_blank(row, cols["not_applicable"], None, f.cell)
        for key in ("evidence", "note"):
            self._validate(sheet, row, cols[key], row, "text",
                           {"validate": "length", "criteria": "<=", "value": layout.TEXT_LIMIT},
                           limit=layout.TEXT_LIMIT)
        formula = scoring.points_formula(criterion, xl_rowcol_to_cell(row, cols["result"]), na_cell)
        sheet.write_formula(row, cols["points"], "=" + formula,
                            self._locked("criteria", criterion.code, "points", "points"), score.points)
        for key in ("code", "title", "max", "rule", "points", *(() if allows_na else ("not_applicable",))):
            self._comment(sheet, row, cols[key], "criteria", criterion.code, key)  # feedback on a locked cell

    def _result_validation(self, sheet, row: int, col: int, criterion: Criterion) -> None:
        validation = kind_of(criterion).validation(criterion)
        options = validation.options
        if validation.list_items is not None:
            options = {**options, "source": self._list_range(validation.list_items)}
        self._validate(sheet, row, col, row, validation.key, options, **validation.fields)

    def _group_row(self, sheet, row: int, cols: dict[str, int], criterion: Criterion, children: list[int],
                   scores: dict, depth: int) -> None:
        f = self.formats
        sheet.write_string(row, cols["code"], criterion.code, f.group)
        sheet.write_string(row, cols["title"], criterion.title, f.group)
        for key in ("rule", "result", "not_applicable", "evidence", "note"):
            sheet.write_blank(row, cols[key], None, f.group)
        max_cells = ",".join(xl_rowcol_to_cell(r, cols["max"]) for r in children)
        point_cells = ",".join(xl_rowcol_to_cell(r, cols["points"]) for r in children)
        leaves = [c for c in self.plan.leaves(criterion.code) if self.unit.code in self.plan.scorers_of(c.code)]
        sheet.write_formula(row, cols["max"], f"=SUM({max_cells})", f.group_points,
                            sum(scoring.leaf_max(c) for c in leaves))
        sheet.write_formula(row, cols["points"], f"=SUM({point_cells})", f.group_points,
                            sum(scores[c.code].points for c in leaves))

    def _total_row(self, sheet, row: int, cols: dict[str, int], roots: list[int], criteria: list[Criterion],
                   scores: dict) -> None:
        f = self.formats
        leaves = [c for c in criteria if c.is_leaf]
        sheet.write_string(row, cols["code"], "", f.group)
        sheet.write_string(row, cols["title"], labels.TOTAL_ROW, f.group)
        sheet.set_row(row, row_height({"title": labels.TOTAL_ROW}, CRITERIA_WIDTHS, default="group"))
        for key in ("rule", "result", "not_applicable", "evidence", "note"):
            sheet.write_blank(row, cols[key], None, f.group)
        if not roots:
            sheet.write_number(row, cols["max"], 0, f.group_points)
            sheet.write_number(row, cols["points"], 0, f.group_points)
            return
        max_cells = ",".join(xl_rowcol_to_cell(r, cols["max"]) for r in roots)
        point_cells = ",".join(xl_rowcol_to_cell(r, cols["points"]) for r in roots)
        sheet.write_formula(row, cols["max"], f"=SUM({max_cells})", f.group_points,
                            sum(scoring.leaf_max(c) for c in leaves))
        sheet.write_formula(row, cols["points"], f"=SUM({point_cells})", f.group_points,
                            sum(scores[c.code].points for c in leaves))

    def _meta(self, generated_at: dt.datetime) -> None:
        sheet = self.workbook.add_worksheet(labels.SHEET_META)
        values = {"schema": layout.SCHEMA, "plan_id": self.plan.plan_id, "year": str(self.plan.year),
                  "period": self.period.code, "unit": self.unit.code,
                  "generated_at": generated_at.isoformat(timespec="seconds"), "tool_version": __version__}
        for row, key in enumerate(layout.META_KEYS):
            sheet.write_string(row, 0, key)
            sheet.write_string(row, 1, values[key])
        sheet.protect(self.password, PROTECTION)
        sheet.very_hidden()


def _escape(text: str) -> str:
    # "&" starts a control code in Excel page headers.
    return text.replace("&", "&&")
