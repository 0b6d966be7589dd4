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


def read_values(data: bytes, kind: str = "") -> WorkbookValues:
    """Read ``_meta`` and the two data sheets of a unit workbook from its bytes.

    python-calamine reads every format it can; an OpenDocument file it refuses (Gnumeric indents
    its XML) and a flat ``.fods`` are read with odfpy through pandas, every value alike.

    Args:
        data: the bytes the guard passed.
        kind: the guard's verdict on them: ``xlsx``, ``xls``, ``ods`` or ``fods``.

    Raises:
        Exception: whatever the engine raises for a file it cannot read (the caller reports it).
    """
    if kind == "fods":
        workbook = _OdfSheets(package_flat_ods(data))
    else:
        try:
            workbook = _CalamineSheets(data)
        except Exception:
            if kind != "ods":
                raise
            workbook = _OdfSheets(data)
    names = list(workbook.sheet_names)
    by_key = {fold_key(n): n for n in names}
    meta = None
    if fold_key(labels.SHEET_META) in by_key:
        rows = workbook.rows(by_key[fold_key(labels.SHEET_META)])
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
        rows = workbook.rows(actual)
        table, missing = _table(actual, rows, headers)
        values.tables[key] = table
        values.missing_columns[key] = missing
    return values


class _CalamineSheets:
    # python-calamine: the only engine collect uses on returned files it can read.
    def __init__(self, data: bytes):
        from python_calamine import CalamineWorkbook

        self.workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        self.sheet_names = list(self.workbook.sheet_names)

    def rows(self, name: str) -> list[list[Any]]:
        return self.workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)


class _OdfSheets:
    # odfpy through pandas: slower, but it reads OpenDocument as any program writes it.
    def __init__(self, data: bytes):
        import pandas as pd

        self.frames = pd.read_excel(io.BytesIO(data), engine="odf", sheet_name=None, header=None, dtype=object)
        self.sheet_names = list(self.frames)

    def rows(self, name: str) -> list[list[Any]]:
        return [[_odf_value(v) for v in row] for row in self.frames[name].itertuples(index=False, name=None)]


def _odf_value(value: Any) -> Any:
    # As calamine gives them: "" for an empty cell, datetime (date at midnight), float for a number.
    import datetime as dt

    import pandas as pd

    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        moment = value.to_pydatetime()
        return moment.date() if moment.time() == dt.time() else moment
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    return value


def package_flat_ods(data: bytes) -> bytes:
    """A flat OpenDocument spreadsheet (.fods, one XML file) as the zip package readers expect:
    its document as ``content.xml``, the whitespace LibreOffice indents it with removed (ODF
    collapses it anyway: a space in a cell is written ``<text:s/>``)."""
    import re
    import zipfile

    content = re.sub(rb"<office:document(\s)", rb"<office:document-content\1", data, count=1)
    content = re.sub(rb"</office:document>\s*$", b"</office:document-content>", content.rstrip())
    content = re.sub(rb">\s+<", b"><", content)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", content)
        package.writestr("META-INF/manifest.xml", _MANIFEST)
    return out.getvalue()


_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
             '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
             'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
             '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
             '</manifest:manifest>')


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
