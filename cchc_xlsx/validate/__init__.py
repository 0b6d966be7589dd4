"""Validation of a returned workbook's values: one rule per function, each yielding findings.

Pure: values in, parsed values and findings out. Values are matched to the plan by ``Mã``,
never by position. Every finding names the file, sheet, cell and value, from the catalogue.
Cached formula results in the file are never trusted: points are recomputed.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from cchc_xlsx import text as labels
from cchc_xlsx.core import layout
from cchc_xlsx.rules import GENERIC, kind_of, scoring
from cchc_xlsx.rules.base import POINTS_TOLERANCE
from cchc_xlsx.findings.catalogue import cell_finding
from cchc_xlsx.findings.report import Finding
from cchc_xlsx.core.model import Criterion, Period, Plan, Task
from cchc_xlsx.core.values import (Parsed, clean_typed, fold_key, format_date, format_points, is_blank, normalize_text,
                              parse_date, parse_decimal, parse_percent)

YES_WORDS, NO_WORDS = labels.YES_ANSWERS, labels.NO_ANSWERS
STATUS_BY_KEY = {fold_key(s): s for s in labels.STATUSES}


@dataclass
class Checked:
    """What validation made of one workbook: values to record and findings."""

    task_values: list[dict[str, Any]] = field(default_factory=list)
    criterion_values: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class Context:
    """The file being checked and the place where findings go."""

    def __init__(self, file: str, plan: Plan, unit: str, period: Period, previous: Plan | None = None):
        self.file, self.plan, self.unit, self.period = file, plan, unit, period
        self.checked = Checked()
        # The plan version the workbook was made from, where it is an older one: rows are matched
        # to the current plan by Mã, and what changed in between is reported on its row.
        self.previous = previous
        self.matched = 0  # rows of the file whose Mã is one of the unit's rows in the current plan
        # The dates a completion date may take: from the first period's start to the year's end.
        self.earliest = min((p.start for p in plan.periods), default=dt.date(plan.year, 1, 1))
        self.year_end = dt.date(plan.year, 12, 31)

    def add(self, code: str, *, sheet: str = "", cell: str = "", row_code: str = "", field_name: str = "",
            value: Any = "", **fields: Any) -> None:
        self.checked.findings.append(cell_finding(code, file=self.file, sheet=sheet, cell=cell, row_code=row_code,
                                                  field=field_name, value=_show(value), **fields))


def _show(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return format_date(value if isinstance(value, dt.date) else value.date())
    if isinstance(value, float):
        return format_points(value) if value == value else ""
    return normalize_text(value)


class _Row:
    """One table row: typed access by column key, and cell addresses for findings."""

    __slots__ = ("table", "excel_row", "cells", "values", "code")

    def __init__(self, table, excel_row: int, cells: list[Any], code: str = ""):
        self.table, self.excel_row, self.cells, self.code = table, excel_row, cells, code  # code: its Mã, cleaned
        # Each value is looked up several times: blank cells (None, "", white space, NaN) are left
        # out once, here. This runs for every row of every return, hence the inlined tests.
        width = len(cells)
        values = {}
        for key, col in table.columns.items():
            if col < width:
                value = cells[col]
                if value.__class__ is str:
                    if value and not value.isspace():
                        values[key] = value
                elif value is not None and value == value:  # NaN is the one value unequal to itself
                    values[key] = value
        self.values = values

    def cell(self, key: str) -> str:
        col = self.table.columns.get(key, 0)
        return xl_rowcol_to_cell(self.excel_row - 1, col)

    def percent_format(self, key: str) -> bool | None:
        """Whether this row's ``key`` cell is formatted as a percentage (None: formats not known)."""
        cells = getattr(self.table, "percent", None)
        if cells is None:
            return None
        return (self.excel_row, self.table.columns.get(key, -1)) in cells


def keyed_rows(ctx: Context, table, expected: dict[str, Any], context: set[str] = frozenset(),
               inputs: tuple[str, ...] = (), previous: dict[str, Any] | None = None) -> dict[str, _Row]:
    """Rows by ``Mã``: unknown codes, duplicates and missing rows are reported; ``context`` rows
    (the group rows shown above a unit's criteria) are passed over. With ``previous`` (the unit's
    rows in the version the workbook was made from), rows the current plan removed or added are
    reported as such."""
    found: dict[str, _Row] = {}
    code_column = table.columns.get("code")
    for excel_row, cells in table.rows:
        raw = cells[code_column] if code_column is not None and code_column < len(cells) else None
        if is_blank(raw):  # no Mã
            row = _Row(table, excel_row, cells) if inputs else None
            if row is not None and any(k in row.values for k in inputs):
                ctx.add("row-unknown-code", sheet=table.sheet, cell=row.cell("code"), value="")
            continue
        code = normalize_text(raw)
        if code in context and code not in expected:
            continue
        row = _Row(table, excel_row, cells, code)
        if code not in expected:
            if previous is not None and code in previous:
                ctx.add("row-plan-removed", sheet=table.sheet, cell=row.cell("code"), row_code=code)
            elif any(not is_blank(c) for c in cells[1:]):
                ctx.add("row-unknown-code", sheet=table.sheet, cell=row.cell("code"), value=raw)
            continue
        if code in found:
            ctx.add("row-duplicate", sheet=table.sheet, cell=row.cell("code"), row_code=code,
                    first=found[code].cell("code"))
            continue
        found[code] = row
    for code in expected:
        if code not in found:
            new = previous is not None and code not in previous
            ctx.add("row-plan-new" if new else "row-missing", sheet=table.sheet, row_code=code)
    ctx.matched += len(found)
    return found


def _report_changes(ctx: Context, table, found: dict[str, _Row], previous: dict[str, Any] | None,
                    current: dict[str, Any], compare) -> None:
    # A row that is in both versions but differs: accepted, with a finding on its row.
    if previous is None:
        return
    for code, row in found.items():
        if code not in previous:
            continue
        change = compare(previous[code], current[code])
        if change is None:
            continue
        code_name = "row-plan-rescored" if change.rescored else "row-plan-changed"
        ctx.add(code_name, sheet=table.sheet, cell=row.cell("code"), row_code=code, changes=change.describe())


def _ambiguous(ctx: Context, row: _Row, key: str, parsed: Parsed, raw: Any) -> None:
    if not parsed.note:
        return
    if parsed.note == "plain-fraction":  # 0.8 in a plain cell: 0.8 %, but 80 % was likely meant
        ctx.add("percent-fraction", sheet=row.table.sheet, cell=row.cell(key), row_code=row.code,
                field_name=key, value=raw, percent=format_points(parsed.value),
                meant=format_points(parsed.value * 100))
        return
    meaning = labels.AMBIGUOUS[parsed.note].format(percent=format_points(parsed.value), number=parsed.value,
                                                   date=format_date(parsed.value) if isinstance(parsed.value, dt.date)
                                                   else "")
    ctx.add("value-ambiguous", sheet=row.table.sheet, cell=row.cell(key), row_code=row.code,
            field_name=key, value=raw, meaning=meaning)


def _locked_text(ctx: Context, row: _Row, key: str, code: str, expected: str, older: str | None = None) -> None:
    found = row.values.get(key)
    if older is not None and found is not None and normalize_text(found) == normalize_text(older):
        return  # as the workbook's own version wrote it
    if found is not None and found != expected and normalize_text(found) != normalize_text(expected):
        ctx.add("locked-edited", sheet=row.table.sheet, cell=row.cell(key), row_code=code, field_name=key,
                value=found)


def missing_columns(ctx: Context, table, key: str, missing: list[str]) -> None:
    """Report the columns not found in a data sheet: a missing ``Mã`` or input column is an error
    (its values are lost); a missing column that only shows the plan (``Nhiệm vụ chung``, ...) a
    warning, since every value is still read by ``Mã``."""
    headers = labels.TASK_HEADERS if key == "tasks" else labels.CRITERIA_HEADERS
    required = {headers["code"], *(headers[k] for k in (layout.TASK_INPUTS if key == "tasks"
                                                         else layout.CRITERIA_INPUTS))}
    for column in missing:
        ctx.add("header-missing" if column in required else "header-missing-info", sheet=table.sheet, column=column)


# --- tasks ----------------------------------------------------------------------------

def check_tasks(ctx: Context, table) -> None:
    """Validate the ``Nhiệm vụ`` sheet into task values and findings."""
    from cchc_xlsx.plan.versions import task_change

    tasks = {t.code: t for t in ctx.plan.tasks_for(ctx.unit)}
    previous = {t.code: t for t in ctx.previous.tasks_for(ctx.unit)} if ctx.previous else None
    found = keyed_rows(ctx, table, tasks, inputs=layout.TASK_INPUTS, previous=previous)
    _report_changes(ctx, table, found, previous, tasks, task_change)
    for code, row in found.items():
        values = _task_row(ctx, row, tasks[code])
        if any(k in row.values for k in layout.TASK_INPUTS):
            ctx.checked.task_values.append(values)  # a row left blank (a task the unit only coordinates) says nothing


def _task_row(ctx: Context, row: _Row, task: Task) -> dict[str, Any]:
    sheet, code = row.table.sheet, task.code
    older = ctx.previous.tasks_for(ctx.unit) if ctx.previous else []
    _locked_text(ctx, row, "description", code, task.description,
                 next((t.description for t in older if t.code == code), None))
    left_out = []  # the cells whose value could not be used: reported, and merged as blank
    status = _status(ctx, row, task)
    if status is False:
        left_out.append("status")
        status = None
    completion = _completion(ctx, row)
    if completion is False:
        left_out.append("completion")
        completion = None
    completed_on = _completed_on(ctx, row, status)
    if completed_on is False:
        left_out.append("completed_on")
        completed_on = None
    if status == labels.STATUS_DONE and completion is None and "completion" not in left_out:
        completion = 100.0
    _completion_matches_status(ctx, row, status, completion)
    evidence = normalize_text(row.values.get("evidence"))
    if status == labels.STATUS_DONE and not evidence and "evidence" in row.table.columns:
        ctx.add("evidence-missing", sheet=sheet, cell=row.cell("evidence"), row_code=code, field_name="evidence",
                what=labels.EVIDENCE_WHAT["task"])
    return {"code": code, "status": status, "completion": completion,
            "completed_on": completed_on.isoformat() if completed_on else None, "evidence": evidence,
            "issues": normalize_text(row.values.get("issues")), "note": normalize_text(row.values.get("note")),
            "cell_row": row.excel_row, "valid": int(not left_out), "left_out": ",".join(left_out)}


def _status(ctx: Context, row: _Row, task: Task) -> str | None | bool:
    raw = row.values.get("status")
    if raw is None:
        if task.role_of(ctx.unit) == "lead" and "status" in row.table.columns:
            ctx.add("status-missing", sheet=row.table.sheet, cell=row.cell("status"), row_code=task.code,
                    field_name="status")
        return None
    # As picked from the list, or typed (with typing residue such as a leading apostrophe).
    status = raw if raw in labels.STATUSES else STATUS_BY_KEY.get(fold_key(clean_typed(raw)))
    if status is None:
        ctx.add("status-invalid", sheet=row.table.sheet, cell=row.cell("status"), row_code=task.code,
                field_name="status", value=raw, allowed=", ".join(labels.STATUSES))
        return False
    return status


def _completion(ctx: Context, row: _Row) -> float | None | bool:
    raw = row.values.get("completion")
    if raw is None:
        return None
    code = row.code
    return percent_input(ctx, row, "completion", lambda: ctx.add(
        "completion-invalid", sheet=row.table.sheet, cell=row.cell("completion"), row_code=code,
        field_name="completion", value=raw))


def percent_input(ctx: Context, row: _Row, key: str, invalid) -> float | bool:
    """A percentage cell read by its number format (``values.parse_percent``): the percent, or
    False after reporting it (``invalid()`` for what is not a number, or below 0; above 100 %
    has its own finding, showing the percentage the cell displayed)."""
    raw = row.values.get(key)
    percent_format = row.percent_format(key)
    try:
        parsed = parse_percent(raw, percent_format)
    except ValueError:
        invalid()
        return False
    shown_as_percent = (percent_format and not isinstance(raw, str)) or (isinstance(raw, str) and "%" in raw)
    if parsed.value < 0 or (parsed.value > 100 and not shown_as_percent):
        invalid()
        return False
    if parsed.value > 100:  # "120%" typed, or 1.2 in a percent cell: the unit saw 120 %
        shown = raw if isinstance(raw, str) else f"{format_points(parsed.value)}%"
        ctx.add("percent-above-100", sheet=row.table.sheet, cell=row.cell(key), row_code=row.code,
                field_name=key, value=shown)
        return False
    _ambiguous(ctx, row, key, parsed, raw)
    return parsed.value


def _completed_on(ctx: Context, row: _Row, status: str | None) -> dt.date | None | bool:
    raw, sheet, code = row.values.get("completed_on"), row.table.sheet, row.code
    if raw is None:
        if status == labels.STATUS_DONE and "completed_on" in row.table.columns:
            ctx.add("date-missing", sheet=sheet, cell=row.cell("completed_on"), row_code=code,
                    field_name="completed_on")
        return None
    try:
        parsed = parse_date(raw)
    except ValueError:
        ctx.add("date-invalid", sheet=sheet, cell=row.cell("completed_on"), row_code=code,
                field_name="completed_on", value=raw)
        return False
    _ambiguous(ctx, row, "completed_on", parsed, raw)
    date, year = parsed.value, ctx.plan.year
    if not ctx.earliest <= date <= ctx.year_end:
        ctx.add("date-outside-year", sheet=sheet, cell=row.cell("completed_on"), row_code=code,
                field_name="completed_on", value=date, year=year)
        return False
    if date > ctx.period.cutoff:
        ctx.add("date-after-cutoff", sheet=sheet, cell=row.cell("completed_on"), row_code=code,
                field_name="completed_on", value=date, cutoff=format_date(ctx.period.cutoff))
    return date


def _completion_matches_status(ctx: Context, row: _Row, status: str | None, completion: float | None) -> None:
    if status is None or completion is None:
        return
    odd = ((status == labels.STATUS_DONE and completion < 100)
           or (status == labels.STATUS_NOT_STARTED and completion > 0)
           or (status == labels.STATUS_IN_PROGRESS and completion >= 100))
    if odd:
        ctx.add("completion-status", sheet=row.table.sheet, cell=row.cell("completion"),
                row_code=row.code, field_name="completion", value=completion, status=status)


# --- criteria -------------------------------------------------------------------------

def check_criteria(ctx: Context, table) -> None:
    """Validate the ``Tự chấm điểm`` sheet into criterion values and findings."""
    from cchc_xlsx.plan.versions import criterion_change

    leaves = {c.code: c for c in ctx.plan.leaves_scored_by(ctx.unit)}
    groups = ctx.plan.branch_codes
    previous = {c.code: c for c in ctx.previous.leaves_scored_by(ctx.unit)} if ctx.previous else None
    if ctx.previous:
        groups = groups | ctx.previous.branch_codes
    found = keyed_rows(ctx, table, leaves, groups, layout.CRITERIA_INPUTS, previous=previous)
    _report_changes(ctx, table, found, previous, leaves, criterion_change)
    for code, row in found.items():
        ctx.checked.criterion_values.append(_criterion_row(ctx, row, leaves[code]))


def _criterion_row(ctx: Context, row: _Row, criterion: Criterion) -> dict[str, Any]:
    sheet, code = row.table.sheet, criterion.code
    older = ctx.previous.criterion(code).title if ctx.previous and ctx.previous.has_criterion(code) else None
    _locked_text(ctx, row, "title", code, criterion.title, older)
    not_applicable = _not_applicable(ctx, row, criterion)
    value, valid = parse_result(ctx, row, criterion)
    left_out = [] if valid else ["result"]
    if not not_applicable and row.values.get("not_applicable") is not None \
            and fold_key(clean_typed(row.values.get("not_applicable"))) not in NO_WORDS:
        left_out.append("not_applicable")  # a mark that is not counted
    if value is None and not not_applicable and valid and "result" in row.table.columns:
        ctx.add("result-missing", sheet=sheet, cell=row.cell("result"), row_code=code, field_name="result")
    result = scoring.Result(value, not_applicable)
    points = scoring.leaf_score(ctx.plan, criterion, result).points
    evidence = normalize_text(row.values.get("evidence"))
    if points > 0 and not evidence and "evidence" in row.table.columns:
        ctx.add("evidence-missing", sheet=sheet, cell=row.cell("evidence"), row_code=code, field_name="evidence",
                what=labels.EVIDENCE_WHAT["criterion"])
    sheet_points = _number_or_none(row.values.get("points"))
    if sheet_points is not None and abs(sheet_points - points) > POINTS_TOLERANCE:
        ctx.add("points-differ", sheet=sheet, cell=row.cell("points"), row_code=code, field_name="points",
                value=sheet_points, expected=format_points(points))
    return {"code": code, "result_text": _show(row.values.get("result")), "result_value": encode_result(value),
            "not_applicable": int(not_applicable), "evidence": evidence, "note": normalize_text(row.values.get("note")),
            "points": points, "sheet_points": sheet_points, "cell_row": row.excel_row, "valid": int(valid),
            "left_out": ",".join(left_out)}


def _not_applicable(ctx: Context, row: _Row, criterion: Criterion) -> bool:
    raw = row.values.get("not_applicable")
    if raw is None:
        return False
    key = fold_key(clean_typed(raw))
    if key in NO_WORDS:
        return False
    if key not in YES_WORDS:
        ctx.add("value-ambiguous", sheet=row.table.sheet, cell=row.cell("not_applicable"), row_code=criterion.code,
                field_name="not_applicable", value=raw, meaning=labels.NO)
        return False
    if not ctx.plan.allows_not_applicable(criterion.code):
        ctx.add("na-not-allowed", sheet=row.table.sheet, cell=row.cell("not_applicable"), row_code=criterion.code,
                field_name="not_applicable", value=raw)
        return False
    return True


def parse_result(ctx: Context, row: _Row, criterion: Criterion) -> tuple[Any, bool]:
    """The typed answer of a criterion row and whether it is usable (invalid answers are reported)."""
    raw = row.values.get("result")
    if raw is None:
        return None, True
    kind, made_from = kind_of(criterion), _made_from(ctx, criterion)

    def invalid() -> None:
        ctx.add("result-invalid", sheet=row.table.sheet, cell=row.cell("result"), row_code=criterion.code,
                field_name="result", value=raw, expected=kind.expected(criterion))

    if kind.reads_percent:
        percent = percent_input(ctx, row, "result", invalid)
        return (None, False) if percent is False else (percent, True)
    try:
        # Read as the workbook's own plan version had the criterion, where the rule is the same.
        as_made = made_from if made_from is not None and made_from.rule == criterion.rule else criterion
        value, parsed = kind.parse(as_made, clean_typed(raw))
    except ValueError:
        invalid()
        return None, False
    if parsed is not None:
        _ambiguous(ctx, row, "result", parsed, raw)
    value = kind.renumber(made_from, criterion, value)
    if kind.above_max(criterion, value):
        ctx.add("result-above-max", sheet=row.table.sheet, cell=row.cell("result"), row_code=criterion.code,
                field_name="result", value=raw, max=format_points(kind.maximum(criterion)))
    return value, True


def _made_from(ctx: Context, criterion: Criterion) -> Criterion | None:
    # The criterion in the plan version the workbook was made from, where that is an older one.
    previous = ctx.previous
    if previous is not None and previous.has_criterion(criterion.code):
        return previous.criterion(criterion.code)
    return None


def _number_or_none(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    try:
        return parse_decimal(value).value
    except ValueError:
        return None


def encode_result(value: Any) -> str | None:
    """A parsed answer as text for the ledger ("2", "1"/"0", "96.5")."""
    return GENERIC.encode(value)


def decode_result(criterion: Criterion, text: str | None) -> Any:
    """The inverse of ``encode_result`` for a criterion's rule."""
    return kind_of(criterion).decode(text)
