"""Write the plan as one editable master workbook: a sheet per table, Vietnamese headers.

``cchc plan check --plan FILE.xlsx`` (and every other command) reads it back into the same
model as the CSV folder it came from.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from cchc_xlsx.xlsx.fast import new_workbook
from cchc_xlsx import text as labels
from cchc_xlsx.xlsx import styles
from cchc_xlsx.core.model import Plan
from cchc_xlsx.plan.tables import DATE, FLAG, LIST, LIST_SEPARATOR, TABLES, UNITS, column_type, columns
from cchc_xlsx.xlsx.writeout import atomic_path

_WIDTHS = {"description": 60, "title": 60, "text": 60, "products": 45, "area_title": 28, "name": 34,
           "aliases": 50, "timeframe": 30, "note": 40, "not_applicable": 40, "value": 50,
           "reason": 70, "printed": 20, "used": 20, "field": 18}


def export_plan(plan: Plan, path: Path, extra_sheets: tuple = ()) -> Path:
    """Write ``plan`` to ``path`` (.xlsx), atomically.

    Args:
        extra_sheets: (sheet name, headers, rows of text) written after the plan's tables, e.g. the
            review sheet of ``plan import``; the plan reader passes over sheets it does not know.

    Returns:
        The path written.
    """

    with atomic_path(path) as temporary:
        workbook = new_workbook(temporary)
        formats = styles.Formats(workbook)
        for table, rows in _rows(plan).items():
            sheet = workbook.add_worksheet(labels.PLAN_SHEETS[table])
            names = columns(table)
            for col, name in enumerate(names):
                sheet.write_string(0, col, labels.PLAN_HEADERS[name], formats.header)
                sheet.set_column(col, col, _WIDTHS.get(name, 14), formats.wrap if _WIDTHS.get(name) else None)
            for row_number, row in enumerate(rows, start=1):
                for col, name in enumerate(names):
                    _write(sheet, row_number, col, row.get(name), column_type(table, name), formats)
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, max(len(rows), 1), len(names) - 1)
        for name, headers, rows in extra_sheets:
            _extra_sheet(workbook.add_worksheet(name), headers, rows, formats)
        workbook.close()
    return path


def _extra_sheet(sheet, headers, rows, formats) -> None:
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, formats.header)
        sheet.set_column(col, col, 60 if col >= len(headers) - 2 else 24, formats.wrap)
    for row_number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            sheet.write_string(row_number, col, str(value))  # text read from a document: never a formula
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)


def _write(sheet, row: int, col: int, value, kind: str, formats) -> None:
    if value is None or value == "" or value == ():
        return
    if kind in (LIST, UNITS):
        sheet.write_string(row, col, LIST_SEPARATOR.join(value))
    elif kind == DATE:
        sheet.write_datetime(row, col, styles.as_datetime(value), formats.date)
    elif kind == FLAG:
        sheet.write_number(row, col, int(bool(value)))
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, str(value))


def _rows(plan: Plan) -> dict[str, list[dict]]:
    levels = [{"criterion": c.code, **asdict(level)} for c in plan.criteria for level in c.levels]
    criteria = [{k: v for k, v in asdict(c).items() if k != "levels"} | _written(c, "responsible")
                for c in plan.criteria]
    tables = {
        "plan": [{"key": k, "value": v} for k, v in plan.meta.items()],
        "units": [asdict(u) for u in plan.units],
        "periods": [asdict(p) for p in plan.periods],
        "tasks": [asdict(t) | _written(t, "lead") | _written(t, "coordinators") for t in plan.tasks],
        "criteria": criteria,
        "levels": levels,
        "corrections": [asdict(c) for c in plan.corrections],
    }
    assert tables.keys() == TABLES.keys()
    return tables


def _written(row, column: str) -> dict:
    # A group or "all" goes back as the plan named it, so next year's new unit is still among its members.
    written = getattr(row, f"{column}_written", ())
    return {column: written} if written else {}
