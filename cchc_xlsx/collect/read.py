"""Read a returned workbook's values: the one place a spreadsheet engine is named for collect.

python-calamine reads values only (fast, and it reads .xlsx, .xlsm, .xls and .ods alike);
macros are never run, formulas never evaluated: their cached results are read, then
recomputed by validation. Rows keep their Excel row numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.appraisal.returned import TABLE as EXPLANATION_TABLE
from cchc_xlsx.appraisal.returned import is_explanation
from cchc_xlsx.core.values import fold_key, normalize_text



@dataclass
class Table:
    """One data sheet: its header row and its rows, with 1-based Excel row numbers."""

    sheet: str
    header_row: int
    columns: dict[str, int]            # header key → 0-based column
    rows: list[tuple[int, list[Any]]]  # (excel row, cell values)
    text_above: str = ""               # the title rows above the header (they name the unit)
    percent: frozenset | None = None   # (excel row, column) of percent-formatted cells; None: not known


@dataclass
class WorkbookValues:
    sheet_names: list[str]
    meta: dict[str, str] | None
    tables: dict[str, Table | None] = field(default_factory=dict)  # "tasks"/"criteria" → table (None: missing)
    missing_columns: dict[str, list[str]] = field(default_factory=dict)


def read_values(data: bytes) -> WorkbookValues:
    """Read ``_meta`` and the two data sheets of a unit workbook from its bytes.

    Raises:
        Exception: whatever the engine raises for a file it cannot read (the caller reports it).
    """
    from python_calamine import CalamineWorkbook  # the only engine collect uses on returned files

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    names = list(workbook.sheet_names)
    by_key = {fold_key(n): n for n in names}
    meta = None
    if fold_key(labels.SHEET_META) in by_key:
        rows = workbook.get_sheet_by_name(by_key[fold_key(labels.SHEET_META)]).to_python(skip_empty_area=False)
        meta = {normalize_text(r[0]): normalize_text(r[1]) for r in rows if len(r) >= 2 and normalize_text(r[0])}
    values = WorkbookValues(names, meta)
    tables = [("tasks", labels.SHEET_TASKS, labels.TASK_HEADERS),
              ("criteria", labels.SHEET_CRITERIA, labels.CRITERIA_HEADERS)]
    if is_explanation(meta):  # issue 22: an explanation workbook has its own table
        tables = [EXPLANATION_TABLE]
    for key, sheet_name, headers in tables:
        actual = by_key.get(fold_key(sheet_name))
        if actual is None:
            values.tables[key] = None
            continue
        rows = workbook.get_sheet_by_name(actual).to_python(skip_empty_area=False)
        table, missing = _table(actual, rows, headers)
        values.tables[key] = table
        values.missing_columns[key] = missing
    return values


def _table(sheet: str, rows: list[list[Any]], headers: dict[str, str]) -> tuple[Table | None, list[str]]:
    # The header is the first row (of the first 30) that holds the "Mã" title: a unit may insert rows above it.
    wanted = {fold_key(title): key for key, title in headers.items()}
    code_title = fold_key(headers["code"])
    exact = headers["code"]
    for index, row in enumerate(rows[:30]):
        if exact not in row and not any(isinstance(v, str) and fold_key(v) == code_title for v in row):
            continue
        folded = [fold_key(v) if isinstance(v, str) else "" for v in row]
        columns: dict[str, int] = {}
        for col, title in enumerate(folded):
            if title in wanted and wanted[title] not in columns:
                columns[wanted[title]] = col
        missing = [headers[k] for k in headers if k not in columns]
        text_above = normalize_text(" ".join(v for r in rows[:index] for v in r if isinstance(v, str)))
        body = [(index + 2 + i, r) for i, r in enumerate(rows[index + 1:])]
        return Table(sheet, index + 1, columns, body, text_above), missing
    return None, list(headers.values())
