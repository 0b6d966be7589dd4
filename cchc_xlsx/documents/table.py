"""The dossier's table workbook: the criteria tree with maxima, self-scores, decided points,
evidence (number, date, title, a relative link to the file) and explanations; every total a
formula written with its computed value; print-ready like our other workbooks."""

from __future__ import annotations

import datetime as dt

from xlsxwriter.utility import xl_rowcol_to_cell

from cchc_xlsx.xlsx.fast import new_workbook
from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.safetext import cell_text
from cchc_xlsx.xlsx import styles
from cchc_xlsx.xlsx.writeout import atomic_path

HEADER_ROW = 3
WIDTHS = {"code": 11, "title": 46, "unit": 9, "max": 9, "na": 11, "self": 10, "appraised": 10, "final": 11,
          "counted": 10, "evidence": 34, "number": 15, "date": 11, "doc_title": 28, "files": 26, "explanation": 34}
POINT_KEYS = ("max", "na", "self", "appraised", "final", "counted")
DECIDED_KEYS = ("appraised", "final", "counted")
INDEX_FORMAT = {"num_format": "0.00", "bold": True, "border": 1, "valign": "top"}


def columns(decided: bool) -> list[str]:
    """The table's columns; the decided points' only once a round has decided some."""
    return [k for k in labels.DOSSIER_HEADERS if decided or k not in DECIDED_KEYS]


def write_table(dossier, plan: Plan, period_code: str, today: dt.date) -> None:
    """Write ``dossier.table`` (atomically) from ``dossier.rows``."""
    keys = columns(dossier.decided)
    col = {key: index for index, key in enumerate(keys)}
    with atomic_path(dossier.table) as temporary:
        workbook = new_workbook(temporary)
        formats = styles.Formats(workbook)
        extra = {"link": workbook.add_format({**styles.FONT, "border": 1, "valign": "top", "text_wrap": True,
                                              "font_color": "#0563C1", "underline": 1}),
                 "index": workbook.add_format({**styles.FONT, **INDEX_FORMAT})}
        sheet = workbook.add_worksheet(labels.DOSSIER_SHEET)
        _head(sheet, formats, plan, period_code, today, keys)
        row_of = {r.code: HEADER_ROW + 1 + i for i, r in enumerate(dossier.rows)}
        for row in dossier.rows:
            _row(sheet, formats, extra, row, row_of, col)
        last = _totals(sheet, formats, extra, dossier, row_of, col)
        _print_setup(sheet, plan, period_code, today, keys, last)
        workbook.close()


def _head(sheet, formats, plan: Plan, period_code: str, today: dt.date, keys: list[str]) -> None:
    year = plan.year or today.year
    sheet.write_string(0, 0, labels.DOSSIER_TABLE_TITLE.format(year=year), formats.title)
    sheet.write_string(1, 0, labels.DOSSIER_TABLE_SUBTITLE.format(
        department=plan.meta.get("department", ""), period=plan.period(period_code).name,
        today=today.strftime("%d/%m/%Y")), formats.subtitle)
    headers = {k: labels.DOSSIER_HEADERS[k] for k in keys}
    widths = {k: WIDTHS[k] for k in keys}
    for index, key in enumerate(keys):
        sheet.write_string(HEADER_ROW, index, headers[key], formats.header)
        sheet.set_column(index, index, WIDTHS[key])
    sheet.set_row(HEADER_ROW, styles.header_height(headers, widths, filtered=False))


def _row(sheet, formats, extra, row, row_of: dict[str, int], col: dict[str, int]) -> None:
    at = row_of[row.code]
    text_format = formats.cell if row.leaf else formats.group
    number_format = formats.points if row.leaf else formats.group_points
    texts = {"code": row.code, "title": row.title, "unit": row.unit, "evidence": row.evidence,
             "number": row.citation.number, "doc_title": row.citation.title, "explanation": row.explanation}
    for key, value in texts.items():
        if key in col:
            sheet.write_string(at, col[key], cell_text(value or ""), text_format)
    values = {"max": row.max, "na": row.na, "self": row.own, "appraised": row.appraised, "final": row.final,
              "counted": row.counted}
    for key in POINT_KEYS:
        if key not in col:
            continue
        if not row.leaf and key in ("appraised", "final"):
            sheet.write_blank(at, col[key], None, number_format)
        elif not row.leaf:
            cells = ",".join(xl_rowcol_to_cell(row_of[c], col[key]) for c in row.children)
            sheet.write_formula(at, col[key], f"=SUM({cells})", number_format, values[key])
        elif key == "counted":
            final, appraised, own = (xl_rowcol_to_cell(at, col[k]) for k in ("final", "appraised", "self"))
            sheet.write_formula(at, col[key], f'=IF({final}<>"",{final},IF({appraised}<>"",{appraised},{own}))',
                                number_format, row.counted)
        else:
            styles.write_value(sheet, at, col[key], values[key], number_format, labels.YES, labels.NO)
    date_format = formats.date_cell
    if row.citation.date:
        sheet.write_datetime(at, col["date"], styles.as_datetime(row.citation.date), date_format)
    else:
        sheet.write_blank(at, col["date"], None, text_format)
    _files(sheet, extra["link"] if row.files else text_format, row, at, col["files"])
    heights = {k: v for k, v in texts.items() if k in col}
    sheet.set_row(at, styles.row_height(heights, {k: WIDTHS[k] for k in heights},
                                        default="cell" if row.leaf else "group"))


def _files(sheet, fmt, row, at: int, column: int) -> None:
    # One link per cell: the first file, its name saying how many more the criterion's folder holds.
    if not row.files:
        sheet.write_blank(at, column, None, fmt)
        return
    target, name = row.files[0]
    shown = name if len(row.files) == 1 else labels.DOSSIER_FILES_MORE.format(name=name, more=len(row.files) - 1)
    sheet.write_url(at, column, f"external:{target}", fmt, cell_text(shown))


def _totals(sheet, formats, extra, dossier, row_of: dict[str, int], col: dict[str, int]) -> int:
    at = HEADER_ROW + 1 + len(dossier.rows)
    roots = [r.code for r in dossier.rows if r.depth == 1]
    totals = dossier.totals
    cached = {"max": totals["max"], "na": totals["na"], "self": totals["own"], "counted": totals["counted"]}
    titles = labels.DOSSIER_TOTALS
    sheet.write_string(at, col["title"], titles["total"], formats.group)
    for key, value in cached.items():
        if key in col:
            cells = ",".join(xl_rowcol_to_cell(row_of[c], col[key]) for c in roots)
            sheet.write_formula(at, col[key], f"=SUM({cells})", formats.group_points, value)
    total = {k: xl_rowcol_to_cell(at, col[k]) for k in cached if k in col}
    adjusted = xl_rowcol_to_cell(at + 1, col["max"])
    sheet.write_string(at + 1, col["title"], titles["adjusted"], formats.group)
    sheet.write_formula(at + 1, col["max"], f"={total['max']}-{total['na']}", formats.group_points,
                        totals["adjusted"])
    sheet.write_string(at + 2, col["title"], titles["index_self"], formats.group)
    sheet.write_formula(at + 2, col["self"], f"=IF({adjusted}>0,{total['self']}/{adjusted}*100,0)", extra["index"],
                        totals["index_self"])
    if "counted" in col:
        sheet.write_string(at + 3, col["title"], titles["index_counted"], formats.group)
        sheet.write_formula(at + 3, col["counted"], f"=IF({adjusted}>0,{total['counted']}/{adjusted}*100,0)",
                            extra["index"], totals["index_counted"])
        return at + 3
    return at + 2


def _print_setup(sheet, plan: Plan, period_code: str, today: dt.date, keys: list[str], last: int) -> None:
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    styles.print_a4(sheet, header=styles.page_header(plan.meta.get("department", ""), plan.period(period_code).name),
                    footer=styles.page_footer(today), repeat_row=HEADER_ROW, area=(0, 0, last, len(keys) - 1))
