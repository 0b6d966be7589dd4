"""Read the plan's tables from a folder of CSV files or from the master workbook.

Rows keep their coordinates (file and line, or sheet and row) from the first read on, so
every finding can name the place. Nothing here interprets a value: see ``build``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_xlsx import labels
from cchc_xlsx.errors import finding
from cchc_xlsx.model import Where
from cchc_xlsx.plan.tables import OPTIONAL, TABLES, columns, csv_name
from cchc_xlsx.report import Finding
from cchc_xlsx.values import fold_key, is_blank


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
    for name in TABLES:
        file = folder / csv_name(name)
        where = Where(file.name)
        if not file.exists():
            findings.append(finding("plan-missing-table", where=where, table=csv_name(name)))
            continue
        try:
            tables[name] = _read_csv(name, file)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            findings.append(finding("plan-unreadable", where=where, reason=exc))
            continue
        findings.extend(_missing_columns(tables[name]))
    return tables, findings


def _read_csv(name: str, file: Path) -> RawTable:
    table = RawTable(name, Where(file.name))
    # utf-8-sig: a CSV saved by Excel starts with a byte-order mark.
    with file.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        known = {fold_key(c): c for c in columns(name)}
        keys = [known.get(fold_key(h)) for h in header]
        table.present = {k for k in keys if k}
        last_line = reader.line_num
        for cells in reader:
            line = last_line + 1  # a quoted cell may span lines: the row starts after the last one
            last_line = reader.line_num
            if all(is_blank(c) for c in cells):
                continue
            values = {k: v for k, v in zip(keys, cells) if k}
            table.rows.append(RawRow(Where(file.name, line), values))
    return table


def _read_workbook(file: Path) -> tuple[dict[str, RawTable], list[Finding]]:
    import openpyxl  # only the master workbook needs it

    where = Where(file.name)
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # not a workbook at all (a CSV, an .ods, a broken file): reported, never raised
        return {}, [finding("plan-unreadable", where=where, reason=f"{type(exc).__name__}: {exc}")]
    tables, findings = {}, []
    try:
        sheet_names = {fold_key(s): s for s in workbook.sheetnames}
        for name in TABLES:
            title = labels.PLAN_SHEETS[name]
            sheet_name = sheet_names.get(fold_key(title)) or sheet_names.get(name)
            if sheet_name is None:
                findings.append(finding("plan-missing-table", where=where, table=title))
                continue
            try:
                tables[name] = _read_sheet(name, file.name, workbook[sheet_name])
            except Exception as exc:  # a damaged sheet: the others are still read
                findings.append(finding("plan-unreadable", where=Where(file.name, sheet=sheet_name),
                                        reason=f"{type(exc).__name__}: {exc}"))
                continue
            findings.extend(_missing_columns(tables[name]))
    finally:
        workbook.close()
    return tables, findings


def _read_sheet(name: str, file_name: str, sheet) -> RawTable:
    table = RawTable(name, Where(file_name, sheet=sheet.title))
    known = {}
    for column in columns(name):
        known[fold_key(column)] = column
        known[fold_key(labels.PLAN_HEADERS[column])] = column
    keys: list[str | None] = []
    for row_number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        if row_number == 1:
            keys = [known.get(fold_key(c)) for c in cells]
            table.present = {k for k in keys if k}
            continue
        if all(is_blank(c) for c in cells):
            continue
        values = {k: v for k, v in zip(keys, cells) if k}
        table.rows.append(RawRow(Where(file_name, row_number, sheet.title), values))
    return table


def _missing_columns(table: RawTable) -> list[Finding]:
    return [finding("plan-missing-column", where=table.where, table=table.name,
                    column=labels.PLAN_HEADERS.get(column, column))
            for column in columns(table.name) if column not in table.present and column not in OPTIONAL]
