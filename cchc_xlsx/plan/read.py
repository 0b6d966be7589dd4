"""Read the plan's tables from a folder of CSV files or from the master workbook.

Rows keep their coordinates (file and line, or sheet and row) from the first read on, so
every finding can name the place. Nothing here interprets a value: see ``build``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.findings.catalogue import finding, reason_text
from cchc_xlsx.core.model import Where
from cchc_xlsx.plan.tables import OPTIONAL, OPTIONAL_TABLES, TABLES, columns, csv_name
from cchc_xlsx.findings.report import Finding
from cchc_xlsx.core.values import fold_key, is_blank


@dataclass
class RawRow:
    where: Where
    values: dict[str, Any]


@dataclass
class RawTable:
    name: str
    where: Where
    rows: list[RawRow] = field(default_factory=list)
    present: set[str] = field(default_factory=set)


def read_tables(path: Path) -> tuple[dict[str, RawTable], list[Finding]]:
    """Read every table of a plan from a CSV folder or an .xlsx master workbook.

    Args:
        path: a folder with ``units.csv``, ``tasks.csv``, ... or a workbook from ``cchc plan export``.

    Returns:
        (tables by name, findings about missing tables and columns). A table that could not
        be read is absent from the dict and reported.
    """
    if path.is_dir():
        return _read_csv_folder(path)
    return _read_workbook(path)


def _read_csv_folder(folder: Path) -> tuple[dict[str, RawTable], list[Finding]]:
    tables, findings = {}, []
    by_sheet_name = {fold_key(f.stem): f for f in folder.glob("*.csv")} if folder.is_dir() else {}
    for name in TABLES:
        file = folder / csv_name(name)
        if not file.exists():  # one sheet of the master workbook saved as CSV keeps the sheet's name
            file = by_sheet_name.get(fold_key(labels.PLAN_SHEETS[name]), file)
        where = Where(file.name)
        if not file.exists():
            if name not in OPTIONAL_TABLES:
                findings.append(finding("plan-missing-table", where=where, table=csv_name(name)))
            continue
        try:
            tables[name], notes = _read_csv(name, file)
        except (OSError, csv.Error, _Unusable) as exc:
            findings.append(finding("plan-unreadable", where=where, reason=exc))
            continue
        findings.extend(notes)
        findings.extend(_missing_columns(tables[name]))
    return tables, findings


class _Unusable(ValueError):
    """A CSV file that cannot be read as it was saved (its text is lost or its encoding unknown)."""


# Letters of Vietnamese a code page CSV holds when it was saved from a Vietnamese Windows (cp1258):
# decoded as cp1252 they turn into these Western letters instead.
_CP1258_MARKERS = set("ĐđƯưƠơĂă")
_LOST_LETTER = re.compile(r"\w\?+\w")  # "Ph?ng": Excel wrote "?" for a letter the code page lacks


def _decode(file: Path, data: bytes) -> tuple[str, list[Finding]]:
    """The text of a CSV as people save it: UTF-8 (with or without BOM), UTF-16 ("Unicode text"),
    or a Windows code page, reported so the file is saved again as CSV UTF-8."""
    where = Where(file.name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    text = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    encoding = "Windows-1258"
    if not _CP1258_MARKERS & set(text):
        text, encoding = data.decode("cp1252", errors="replace"), "Windows-1252"
    if _LOST_LETTER.search(text) or "\ufffd" in text:
        raise _Unusable(labels.PLAN_CSV_TEXT_LOST.format(encoding=encoding))
    return text, [finding("plan-csv-encoding", where=where, encoding=encoding)]


def _header_row(rows: list[list[Any]], known: dict[str, str]) -> int:
    """The index of the header among the first rows: the row naming most known columns (a title
    row or two above it is passed over); 0 when none names two."""
    best, best_count = 0, 1
    for index, cells in enumerate(rows[:_HEADER_SEARCH]):
        count = len({known[fold_key(c)] for c in cells if fold_key(c) in known})
        if count > best_count:
            best, best_count = index, count
    return best


_HEADER_SEARCH = 10


def _known_headers(name: str) -> dict[str, str]:
    # English names as shipped and the master workbook's Vietnamese headers, folded.
    known = {}
    for column in columns(name):
        known[fold_key(column)] = column
        known[fold_key(labels.PLAN_HEADERS.get(column, column))] = column
    return known


def _read_csv(name: str, file: Path) -> tuple[RawTable, list[Finding]]:
    table = RawTable(name, Where(file.name))
    text, notes = _decode(file, file.read_bytes())
    known = _known_headers(name)
    # The separator: the one whose header row names most known columns (Excel in a Vietnamese
    # locale writes ";", "Unicode text" writes tabs).
    best = None
    for delimiter in (",", ";", "\t"):
        rows = list(_csv_rows(text, delimiter, limit=_HEADER_SEARCH))
        cells = [r for _, r in rows]
        index = _header_row(cells, known)
        count = len({known[fold_key(c)] for c in cells[index] if fold_key(c) in known}) if cells else 0
        if best is None or count > best[0]:
            best = (count, delimiter, index)
    _, delimiter, header_index = best
    _keyed_rows(table, _csv_rows(text, delimiter), header_index, known, lambda line: Where(file.name, line))
    return table, notes


def _keyed_rows(table: RawTable, rows, header_index: int, known: dict, where) -> None:
    # The header row names the columns; each later non-blank row becomes a RawRow at ``where(line)``.
    keys: list[str | None] = []
    for position, (line, cells) in enumerate(rows):
        if position < header_index:
            continue
        if position == header_index:
            keys = [known.get(fold_key(h)) for h in cells]
            table.present = {k for k in keys if k}
            continue
        if all(is_blank(c) for c in cells):
            continue
        table.rows.append(RawRow(where(line), {k: v for k, v in zip(keys, cells) if k}))


def _csv_rows(text: str, delimiter: str, limit: int | None = None):
    """(line where the row starts, cells) for each row; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    last_line = 0
    for count, cells in enumerate(reader):
        if limit is not None and count >= limit:
            return
        yield last_line + 1, cells
        last_line = reader.line_num


def _read_workbook(file: Path) -> tuple[dict[str, RawTable], list[Finding]]:
    import openpyxl  # only the master workbook needs it

    where = Where(file.name)
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # not a workbook at all (a CSV, an .ods, a broken file): reported, never raised
        return {}, [finding("plan-unreadable", where=where, reason=reason_text(exc))]
    tables, findings = {}, []
    try:
        sheet_names = {fold_key(s): s for s in workbook.sheetnames}
        for name in TABLES:
            title = labels.PLAN_SHEETS[name]
            sheet_name = sheet_names.get(fold_key(title)) or sheet_names.get(name)
            if sheet_name is None:
                if name not in OPTIONAL_TABLES:
                    findings.append(_missing_sheet(where, title, workbook.sheetnames))
                continue
            try:
                tables[name] = _read_sheet(name, file.name, workbook[sheet_name])
            except Exception as exc:  # a damaged sheet: the others are still read
                findings.append(finding("plan-unreadable", where=Where(file.name, sheet=sheet_name),
                                        reason=reason_text(exc)))
                continue
            findings.extend(_missing_columns(tables[name]))
    finally:
        workbook.close()
    return tables, findings


def _missing_sheet(where: Where, title: str, sheet_names: list[str]) -> Finding:
    # A renamed sheet: name the sheets that are not a known table, so the cause is plain.
    known = {fold_key(t) for t in labels.PLAN_SHEETS.values()} | {fold_key(t) for t in TABLES}
    others = [s for s in sheet_names if fold_key(s) not in known]
    if others:
        return finding("plan-missing-sheet", where=where, table=title, others=", ".join(f"“{s}”" for s in others))
    return finding("plan-missing-table", where=where, table=title)


def _read_sheet(name: str, file_name: str, sheet) -> RawTable:
    table = RawTable(name, Where(file_name, sheet=sheet.title))
    known = _known_headers(name)
    rows = list(sheet.iter_rows(values_only=True))
    header_index = _header_row([list(r) for r in rows], known)
    _keyed_rows(table, enumerate(rows, start=1), header_index, known,
                lambda row_number: Where(file_name, row_number, sheet.title))
    return table


def _missing_columns(table: RawTable) -> list[Finding]:
    return [finding("plan-missing-column", where=table.where, table=table.name,
                    column=labels.PLAN_HEADERS.get(column, column))
            for column in columns(table.name)
            if column not in table.present and column not in OPTIONAL and table.name not in OPTIONAL_TABLES]
