"""The look of every workbook we write, in one table of XlsxWriter formats."""

from __future__ import annotations

import datetime as dt
from typing import Any

# Text that came from a user or the plan must stay text: never a formula, URL or number.
SAFE_WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}

FONT = {"font_name": "Times New Roman", "font_size": 11}
INPUT_FILL = "#FFF2CC"   # the shade of cells a unit fills in
GROUP_FILL = "#DDEBF7"
HEADER_FILL = "#1F4E78"

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
    "date": {"num_format": "dd/mm/yyyy", "valign": "top"},
    "date_cell": {"num_format": "dd/mm/yyyy", "valign": "top", "border": 1},
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
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._made:
            self._made[name] = self._workbook.add_format({**FONT, **FORMATS[name]})
        return self._made[name]


LINE_HEIGHT = 15.0  # points per line of 11 pt text
CHARACTERS_PER_WIDTH = 1.45  # Times New Roman 11 fits more than one character per column unit


def row_height(texts: dict[str, Any], widths: dict[str, int]) -> float:
    """A row height that shows all the wrapped text: XlsxWriter cannot measure text, and
    LibreOffice keeps the default height of rows it loads, so wrapped cells would be cut."""
    lines = 1
    for key, value in texts.items():
        if key not in widths or not isinstance(value, str):
            continue
        per_line = max(int(widths[key] * CHARACTERS_PER_WIDTH), 1)
        lines = max(lines, sum(-(-max(len(part), 1) // per_line) for part in value.split("\n")))
    return LINE_HEIGHT * min(lines, 27)  # Excel's row height limit is 409 points


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
