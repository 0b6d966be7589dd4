"""What every scorecard sheet shares: the workbook, its formats, the data, the rows other
sheets refer to (``Layout``) and the page setup, held by one ``Context`` passed to each sheet.

A sheet module writes one sheet with ``write(ctx)``; it reads positions from ``ctx.layout``
that earlier sheets recorded there, and records its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from cchc_xlsx import text as labels
from cchc_xlsx.core.values import format_date
from cchc_xlsx.scorecard.data import ScorecardData, rank, unit_index, unit_row
from cchc_xlsx.xlsx import styles, textfit

HEADER_ROW = 3  # 0-based, as in the unit workbooks
FIRST = HEADER_ROW + 1
NAMES = {"points": "TongDiem", "max": "TongDiemToiDa", "index": "ChiSoCCHC", "cutoff": "NgayChotSoLieu"}
MANY_UNITS = 12      # from this many units: matrix, problems per unit, best/worst charts, data sheets not printed
EXTRA_FORMATS = {
    "cf_red": {"bg_color": "#F4B6B6", "fg_color": "#F4B6B6", "pattern": 1, "font_color": "#9C0006"},
    "cf_amber": {"bg_color": "#FFE699", "fg_color": "#FFE699", "pattern": 1, "font_color": "#7F6000"},
    "cf_orange": {"bg_color": "#F8CBAD", "fg_color": "#F8CBAD", "pattern": 1},
    "headline_label": {"bold": True, "font_size": 12},
    "headline": {"bold": True, "font_size": 16, "num_format": "0.00", "border": 1},
    "headline_date": {"bold": True, "font_size": 12, "num_format": styles.DATE_FORMAT, "border": 1},
    "input_points": {"locked": False, "border": 1, "bg_color": styles.INPUT_FILL, "fg_color": styles.INPUT_FILL,
                     "pattern": 1, "num_format": "0.00##"},
    "input_text": {"locked": False, "border": 1, "bg_color": styles.INPUT_FILL, "fg_color": styles.INPUT_FILL,
                   "pattern": 1, "text_wrap": True, "valign": "top"},
    "ratio": {"border": 1, "num_format": "0.0%", "valign": "top"},
    "pct": {"border": 1, "num_format": "0.0", "valign": "top"},
    "int": {"border": 1, "num_format": "0", "valign": "top"},
    "group_ratio": {"bold": True, "border": 1, "num_format": "0.0%", "bg_color": styles.GROUP_FILL,
                    "fg_color": styles.GROUP_FILL, "pattern": 1},
    "link": {"border": 1, "valign": "top", "text_wrap": True, "font_color": "#0563C1", "underline": 1},
}
COLOR_SCALE = {"type": "3_color_scale", "min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"}


@dataclass
class Layout:
    """Where each sheet put what the others' formulas point at (0-based rows and columns)."""

    criteria_rows: dict[str, int] = field(default_factory=dict)    # Chấm điểm: criterion → row
    criteria_cols: dict[str, int] = field(default_factory=dict)
    task_cols: dict[str, int] = field(default_factory=dict)        # Tiến độ nhiệm vụ
    task_last: int = FIRST
    units_cols: dict[str, int] = field(default_factory=dict)       # Xếp loại đơn vị
    unit_rows: dict[str, int] = field(default_factory=dict)
    units_last: int = FIRST
    area_rows: dict[str, int] = field(default_factory=dict)        # Tổng hợp: area → row
    # index_scope = unit: Điểm theo đơn vị (fixed before any sheet is written) and Chỉ số đơn vị
    score_cols: dict[str, int] = field(default_factory=dict)
    score_rows: list[tuple[str, Any]] = field(default_factory=list)  # (unit, leaf) in row order
    unit_blocks: dict[str, tuple[int, int]] = field(default_factory=dict)  # unit → (first, last) row
    scores_last: int = FIRST
    index_cols: dict[str, int] = field(default_factory=dict)
    index_rows: dict[str, int] = field(default_factory=dict)
    index_first: int = FIRST
    index_last: int = FIRST
    index_groups: list = field(default_factory=list)
    score_row_of: dict[tuple[str, str], int] = field(default_factory=dict)  # (unit, leaf) → its row
    risk_last: int = FIRST        # Rủi ro mất điểm: the last row, the column summed on Tổng hợp, the total
    risk_col: int = 5
    risk_total: float = 0.0


class Context:
    """The workbook being written and what its sheets share; passed to each sheet's ``write``."""

    def __init__(self, workbook, data: ScorecardData, bands: dict[str, float], department: str, today: dt.date):
        self.workbook, self.data, self.plan, self.bands, self.today = workbook, data, data.plan, bands, today
        self.period = self.plan.period(data.period)
        self.department = department
        self.formats = styles.Formats(workbook)
        self.extra = {name: workbook.add_format({**styles.FONT, **props}) for name, props in EXTRA_FORMATS.items()}
        self.sheets: dict[str, Any] = {}
        self.layout = Layout()
        self.many = len(self.plan.workbook_units()) >= MANY_UNITS
        self.unit_scope = self.plan.unit_scope

    def add_sheet(self, key: str, name: str) -> Any:
        self.sheets[key] = self.workbook.add_worksheet(name)
        return self.sheets[key]

    # --- headings -----------------------------------------------------------------------

    def header(self, key: str, headers: dict[str, str], widths: dict[str, int], title: str) -> Any:
        """Titles, then the header row sized to its texts; returns the sheet."""
        sheet = self.sheets[key]
        self.titles(sheet, title)
        for col, (name, text) in enumerate(headers.items()):
            sheet.write_string(HEADER_ROW, col, text, self.formats.header)
            sheet.set_column(col, col, widths.get(name, 12))
        sheet.set_row(HEADER_ROW, styles.header_height(headers, {k: widths.get(k, 12) for k in headers}))
        return sheet

    def plain_header(self, sheet, headers: dict[str, str], widths: dict[str, int], title: str) -> None:
        """Titles and a header row of fixed height (the sheets for many units and for unit indexes)."""
        sheet.write_string(0, 0, title, self.formats.title)
        sheet.write_string(1, 0, self.subtitle(), self.formats.subtitle)
        for col, (name, text) in enumerate(headers.items()):
            sheet.write_string(HEADER_ROW, col, text, self.formats.header)
            sheet.set_column(col, col, widths.get(name, 10))
        sheet.set_row(HEADER_ROW, 30)

    def titles(self, sheet, title: str) -> None:
        # Titles are not wrapped (they run across the table): one line each, in their own size.
        sheet.write_string(0, 0, title, self.formats.title)
        sheet.write_string(1, 0, self.subtitle(), self.formats.subtitle)
        sheet.set_row(0, styles.title_height("title"))
        sheet.set_row(1, styles.title_height("subtitle"))

    def subtitle(self) -> str:
        return labels.SC_SUBTITLE.format(department=self.department, cutoff=format_date(self.period.cutoff),
                                         today=format_date(self.today))

    def fit(self, cells: list[tuple[str, float, str]]) -> float:
        """The height of a row of cells in ``EXTRA_FORMATS``."""
        return textfit.row_height([(text, width, {**styles.FONT, **EXTRA_FORMATS[name]})
                                   for text, width, name in cells])

    # --- page setup ---------------------------------------------------------------------

    def print_setup(self, sheet, last_row: int, last_col: int, repeat: int | bool | None = HEADER_ROW,
                    one_page: bool = False) -> None:
        # Every page says whose, which period and when: department and period in the header,
        # the date (as text, not the locale-dependent &D) and page numbers in the footer.
        sheet.hide_gridlines(2)
        if repeat is True:
            repeat = HEADER_ROW
        styles.print_a4(sheet, header=styles.page_header(self.department, self.period.name),
                        footer=styles.page_footer(self.today), repeat_row=None if repeat is False else repeat,
                        area=(0, 0, max(last_row, HEADER_ROW), last_col), one_page=one_page)

    def table_end(self, sheet, last_row: int, columns: int) -> None:
        """Frozen headings, a filter and the page setup of a table sheet."""
        sheet.freeze_panes(FIRST, 2)
        sheet.autofilter(HEADER_ROW, 0, max(last_row, FIRST), columns - 1)
        self.print_setup(sheet, last_row, columns - 1)

    # --- cells shared by several sheets ---------------------------------------------------

    def left_out(self, sheet, row: int, c: dict[str, int], left_out, columns: dict[str, str]) -> None:
        # A cell of the unit's row that was not counted (its value was unusable): a note says so.
        for key in left_out:
            if key in columns:
                sheet.write_comment(row, c[columns[key]], labels.LEFT_OUT_NOTE, {"x_scale": 2, "y_scale": 1.2})

    def files(self, sheet, row: int, col: int, files: list[tuple[str, str]] | None) -> None:
        # A relative link ("evidence/…") keeps working when reports/P/ is copied elsewhere; a cell
        # holds one link, so further files are counted in its text (all are in the evidence pack).
        if not files:
            sheet.write_blank(row, col, None, self.formats.cell)
            return
        target, name = files[0]
        shown = name if len(files) == 1 else labels.EVIDENCE_MORE.format(name=name, more=len(files) - 1)
        tip = "\n".join(n for _, n in files)[:250]
        sheet.write_url(row, col, f"external:{target}", self.extra["link"], shown[:250], tip)

    def scores_range(self, key: str) -> str:
        """A whole column of ``Điểm theo đơn vị`` (absolute), for SUMIFS by unit or by criterion."""
        return col_range(labels.SC_UNIT_SCORES_SHEET, FIRST, self.layout.scores_last, self.layout.score_cols[key])

    # --- orders shared by several sheets ----------------------------------------------------

    def ranked_units(self) -> list:
        """Workbook units by their Xếp loại result, best first (ties in table order)."""
        units = self.plan.workbook_units()
        values = {u.code: unit_row(self.data, u.code)["score"] for u in units}
        return sorted(units, key=lambda u: -values[u.code])

    def unit_ranks(self) -> dict[str, int]:
        values = {u.code: unit_row(self.data, u.code)["score"] for u in self.plan.workbook_units()}
        return {code: rank(v, list(values.values())) for code, v in values.items()}

    def index_order(self) -> list:
        """Scoring units by their own index, best first (``index_scope = unit``)."""
        units = self.plan.scoring_units()
        indexes = {u.code: unit_index(self.data, u.code)[2] for u in units}
        return sorted(units, key=lambda u: -indexes[u.code])


def q(sheet: str) -> str:
    """A sheet name quoted for a formula."""
    return "'" + sheet.replace("'", "''") + "'"


def ref(sheet: str, row: int, col: int, absolute: bool = True) -> str:
    """One cell of another sheet, for a formula."""
    return f"{q(sheet)}!{xl_rowcol_to_cell(row, col, absolute, absolute)}"


def col_range(sheet: str | None, first: int, last: int, col: int) -> str:
    """Rows ``first``..``last`` of one column (absolute), of ``sheet`` or of the sheet written."""
    cells = f"{xl_rowcol_to_cell(first, col, True, True)}:{xl_rowcol_to_cell(last, col, True, True)}"
    return f"{q(sheet)}!{cells}" if sheet else cells


def band_formula(cell: str, bands: dict[str, float]) -> str:
    """The classification of ``cell`` by the workspace's bands, as nested IFs (see ``data.band``)."""
    formula = '""'
    for name, threshold in sorted(bands.items(), key=lambda kv: kv[1]):
        formula = f'IF({cell}>={threshold},"{name}",{formula})'
    return formula


def xl_col(col: int) -> str:
    """The column letters of a 0-based column (cached: called for every cell of large sheets)."""
    if col not in _COLS:
        _COLS[col] = xl_col_to_name(col)
    return _COLS[col]


_COLS: dict[int, str] = {}
