"""The look of every workbook we write, in one table of XlsxWriter formats."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.xlsx import textfit

# Text that came from a user or the plan must stay text: never a formula, URL or number.
SAFE_WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}

FONT = {"font_name": "Times New Roman", "font_size": 11}
INPUT_FILL = "#FFF2CC"   # the shade of cells a unit fills in
GROUP_FILL = "#DDEBF7"
HEADER_FILL = "#1F4E78"

# Dates with literal slashes: the same dd/mm/yyyy in Excel and LibreOffice, whatever the
# computer's date separator (Excel's built-in date format follows the Windows locale).
DATE_FORMAT = 'dd\\/mm\\/yyyy'
# name → XlsxWriter format properties. Fills are solid patterns with both colours set, so
# Excel and LibreOffice show them alike.
FORMATS = {
    "title": {"bold": True, "font_size": 14},
    "subtitle": {"italic": True},
    "bold": {"bold": True},
    "header": {"bold": True, "font_color": "#FFFFFF", "bg_color": HEADER_FILL, "fg_color": HEADER_FILL,
               "pattern": 1, "text_wrap": True, "valign": "vcenter", "align": "center", "border": 1},
    "wrap": {"text_wrap": True, "valign": "top"},
    "cell": {"text_wrap": True, "valign": "top", "border": 1},
    "group": {"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": GROUP_FILL,
              "fg_color": GROUP_FILL, "pattern": 1},
    "group_points": {"bold": True, "valign": "top", "border": 1, "bg_color": GROUP_FILL, "fg_color": GROUP_FILL,
                     "pattern": 1, "num_format": "0.00##"},
    "points": {"valign": "top", "border": 1, "num_format": "0.00##"},
    "percent": {"valign": "top", "border": 1, "num_format": "0.0%"},
    "date": {"num_format": DATE_FORMAT, "valign": "top"},
    "date_cell": {"num_format": DATE_FORMAT, "valign": "top", "border": 1},
    "input": {"locked": False, "text_wrap": True, "valign": "top", "border": 1, "bg_color": INPUT_FILL,
              "fg_color": INPUT_FILL, "pattern": 1},
    # General, not "0.##" (Excel shows 80 as "80."): 80 shows as 80 in Excel and LibreOffice alike, and typing
    # "80%" turns a General cell into a percent cell in both, so collect reads its format and knows 0.8 is 80 %.
    "input_number": {"locked": False, "valign": "top", "border": 1, "bg_color": INPUT_FILL, "fg_color": INPUT_FILL,
                     "pattern": 1},
    "input_date": {"locked": False, "valign": "top", "border": 1, "bg_color": INPUT_FILL, "fg_color": INPUT_FILL,
                   "pattern": 1, "num_format": "dd/mm/yyyy"},
}
FLAG_FILL = "#F8CBAD"  # an input cell with a problem (feedback)
FORMATS.update({
    "input_flag": {**FORMATS["input"], "bg_color": FLAG_FILL, "fg_color": FLAG_FILL},
    "input_flag_number": {**FORMATS["input_number"], "bg_color": FLAG_FILL, "fg_color": FLAG_FILL},
    "input_flag_date": {**FORMATS["input_date"], "bg_color": FLAG_FILL, "fg_color": FLAG_FILL},
})
FORMATS.update({  # a locked cell that feedback comments on (issue 11)
    "cell_flag": {**FORMATS["cell"], "bg_color": FLAG_FILL, "fg_color": FLAG_FILL, "pattern": 1},
    "points_flag": {**FORMATS["points"], "bg_color": FLAG_FILL, "fg_color": FLAG_FILL, "pattern": 1},
})
# (kind of input, has a problem) → format name
INPUT_FORMATS = {
    ("text", False): "input", ("number", False): "input_number", ("date", False): "input_date",
    ("text", True): "input_flag", ("number", True): "input_flag_number", ("date", True): "input_flag_date",
}


class Formats:
    """The formats of ``FORMATS`` created once for one XlsxWriter workbook: ``Formats(wb).header``."""

    def __init__(self, workbook):
        self._workbook = workbook
        self._made: dict[str, object] = {}

    def __getattr__(self, name: str):
        # Called only for a format not made yet: once made it is an attribute, found directly.
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._made:
            self._made[name] = self._workbook.add_format({**FONT, **FORMATS[name]})
        setattr(self, name, self._made[name])
        return self._made[name]


def font_of(name: str) -> dict[str, Any]:
    """The font properties (name, size, bold, italic) of format ``name`` of ``FORMATS``."""
    props = {**FONT, **FORMATS[name]}
    return {key: props[key] for key in ("font_name", "font_size", "bold", "italic") if key in props}


@functools.lru_cache(maxsize=None)
def _font_key(name: str) -> tuple:
    return textfit.font_key(font_of(name))


def row_height(texts: dict[str, Any], widths: dict[str, float], fonts: dict[str, str] | None = None,
               default: str = "cell", minimum: float = 0.0) -> float:
    """The height (points) of a row that shows all its wrapped text, in Excel and LibreOffice.

    XlsxWriter cannot measure text, and LibreOffice keeps the height of the rows it loads, so
    every row with wrapped text gets its height from here (measured by ``textfit``).

    Args:
        texts: column key → the cell's value (only text is measured).
        widths: column key → width in Excel units; keys without a width are skipped.
        fonts: column key → the name of the cell's format in ``FORMATS`` (default ``default``).
        default: the format of the cells not in ``fonts``.
        minimum: the least height to return.
    """
    try:
        return _row_height(tuple(texts.items()), tuple(widths.items()), tuple(fonts.items()) if fonts else (),
                           default, minimum)
    except TypeError:  # an unhashable value: measured without the cache
        return _row_height.__wrapped__(tuple(texts.items()), tuple(widths.items()),
                                       tuple(fonts.items()) if fonts else (), default, minimum)


@functools.lru_cache(maxsize=1 << 14)
def _row_height(texts: tuple, widths: tuple, fonts: tuple, default: str, minimum: float) -> float:
    # Rows repeat across workbooks (a task in every unit's workbook): measured once per process.
    widths, fonts = dict(widths), dict(fonts)
    base = _font_key(default)
    height = max(minimum, textfit.cell_height("", 1.0, *base))
    for key, value in texts:
        if value and isinstance(value, str) and key in widths:
            font = _font_key(fonts[key]) if key in fonts else base
            if widths[key] >= 5 and len(value) * font[0] < widths[key] * textfit.SURELY_FITS and "\n" not in value:
                continue  # short enough to fit one line whatever its letters
            height = max(height, textfit.cell_height(value, float(widths[key]), *font))
    return min(round(height, 2), textfit.MAX_ROW_HEIGHT)


def header_height(headers: dict[str, str], widths: dict[str, float], filtered: bool = True) -> float:
    """The height of a header row in the ``header`` format; ``filtered``: it has AutoFilter buttons."""
    room = {key: max(width - textfit.FILTER_BUTTON_WIDTH, 1) if filtered else width for key, width in widths.items()}
    return row_height(headers, room, default="header")


def title_height(name: str = "title") -> float:
    """The height of a one-line row in format ``name`` (a title, a subtitle)."""
    return textfit.row_height([("", 1, font_of(name))])


def page_footer(date: dt.date) -> str:
    """The page footer: the date as text (never ``&D``, which prints in the printer's locale)
    and the page numbers."""
    return labels.PAGE_FOOTER.format(date=date.strftime("%d/%m/%Y"))


def page_header(left: str, right: str) -> str:
    """A page header with ``left`` and ``right`` texts ("&" escaped: it starts an Excel code)."""
    return f"&L{left.replace('&', '&&')}&R{right.replace('&', '&&')}"


def as_datetime(value: dt.date) -> dt.datetime:
    """XlsxWriter writes datetimes: a date at midnight."""
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def write_value(sheet, row: int, col: int, value: Any, fmt, yes: str, no: str) -> None:
    """Write a value by its type: blank, yes/no text for a bool, number, date, else always text
    (never a formula or a link, whatever the text looks like)."""
    if value is None or value == "":
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        sheet.write_string(row, col, yes if value else no, fmt)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value, fmt)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, as_datetime(value), fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def print_a4(sheet, *, header: str, footer: str, repeat_row: int | None = None,
             area: tuple[int, int, int, int] | None = None, one_page: bool = False) -> None:
    """Every workbook we print the same way: A4 landscape, one page wide (and tall with
    ``one_page``), the same margins, a header row repeated atop every page.

    Args:
        sheet: an XlsxWriter worksheet.
        header: the page header (``page_header``), saying whose and which period.
        footer: the page footer (``page_footer``), saying when, with page numbers.
        repeat_row: the 0-based row repeated on every page, if any.
        area: the print area (first row, first col, last row, last col), if any.
        one_page: fit on one page, tall as well as wide.
    """
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 1 if one_page else 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.7)
    if repeat_row is not None:
        sheet.repeat_rows(repeat_row)
    if area is not None:
        sheet.print_area(*area)
    sheet.set_header(header)
    sheet.set_footer(footer)
