"""An administrative document laid out as Decree 30/2020/NĐ-CP (Phụ lục I) sets out, with python-docx.

A4, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 (tables 12);
the issuing body (cơ quan chủ quản above, cơ quan ban hành in bold, a short rule below) top
left and the quốc hiệu and tiêu ngữ (underlined) top right; số/ký hiệu left to fill; place and
date in italics; the title bold and centred; the body justified; nơi nhận bottom left and the
signer bottom right. Everything an agency writes comes from its ``plan.csv``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Plan
from cchc_xlsx.xlsx.writeout import atomic_path

FONT = "Times New Roman"
BODY_SIZE = 14
TABLE_SIZE = 12
PAGE = {"width": 210, "height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15}  # mm
TEXT_WIDTH = PAGE["width"] - PAGE["left"] - PAGE["right"]  # 165 mm
HEAD_WIDTHS = (76, TEXT_WIDTH - 76)   # issuing body | quốc hiệu, tiêu ngữ
SIGN_WIDTHS = (85, TEXT_WIDTH - 85)   # nơi nhận | signer


@dataclass(frozen=True)
class Letterhead:
    """What the plan says about who sends the document, and where and when."""

    parent_body: str      # cơ quan chủ quản ("UBND TỈNH SÓC TRĂNG"); may be empty
    issuing_body: str     # cơ quan ban hành ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
    symbol: str           # ký hiệu after the number ("BC-STTTT")
    place: str
    date: dt.date
    signer_title: str
    signer_name: str
    signer_authority: str  # "KT. GIÁM ĐỐC" above the title when a deputy signs; may be empty
    recipients: tuple[str, ...]


def letterhead(plan: Plan, date: dt.date) -> Letterhead:
    """The letterhead from the plan's ``plan.csv`` keys (``parent_body``, ``issuing_body``,
    ``report_symbol``, ``place``, ``signer``, ``signer_title``, ``signer_authority``, ``recipients``
    ``|``-separated), with plain fallbacks (the department, its short name) where a key is absent."""
    meta = plan.meta
    short = meta.get("agency_short", "")
    symbol = meta.get("report_symbol") or (labels.DOC_SYMBOL_DEFAULT.format(short=short) if short else "BC")
    recipients = tuple(r.strip() for r in (meta.get("recipients") or "").split("|") if r.strip())
    return Letterhead(
        parent_body=meta.get("parent_body", "").upper(),
        issuing_body=(meta.get("issuing_body") or meta.get("department", "")).upper(),
        symbol=symbol, place=meta.get("place") or meta.get("issued_place") or meta.get("province", ""),
        date=date, signer_title=meta.get("signer_title", "").upper(), signer_name=meta.get("signer", ""),
        signer_authority=meta.get("signer_authority", "").upper(),
        recipients=recipients or labels.DOC_DEFAULT_RECIPIENTS)


def vi_number(value: float, decimals: int = 2) -> str:
    """A number the Vietnamese way: 75.4567 → "75,46"; 1234.5 → "1.234,50"."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def vi_date(value: dt.date) -> str:
    """"ngày 15 tháng 3 năm 2022"; a day below 10 and the months 1 and 2 with a leading 0 (Decree 30)."""
    day, month = _day_month(value)
    return labels.DOC_DATE.format(day=day, month=month, year=value.year)


def _day_month(value: dt.date) -> tuple[str, str]:
    return f"{value.day:02d}", f"{value.month:02d}" if value.month < 3 else str(value.month)


class AdminDocument:
    """One document: the letterhead on creation, then the title, body and tables, then ``finish``."""

    def __init__(self, head: Letterhead):
        self.head = head
        self.doc = Document()
        self._page()
        self._styles()
        self._letterhead()

    # --- page, fonts --------------------------------------------------------------------

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(PAGE["width"]), Mm(PAGE["height"])
        section.top_margin, section.bottom_margin = Mm(PAGE["top"]), Mm(PAGE["bottom"])
        section.left_margin, section.right_margin = Mm(PAGE["left"]), Mm(PAGE["right"])
        # Page numbers centred at the top from page 2 on (page 1 carries none).
        section.different_first_page_header_footer = True
        number = section.header.paragraphs[0]
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        number._p.append(field)

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(BODY_SIZE)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):  # Vietnamese letters in every script slot
            fonts.set(qn(key), FONT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)

    # --- the top of the first page ---------------------------------------------------------

    def _letterhead(self) -> None:
        head = self.head
        table = self._grid(2, HEAD_WIDTHS, borders=False)
        _no_cell_margins(table)  # the quốc hiệu takes the whole width of its column
        left, right = table.cell(0, 0), table.cell(0, 1)
        if head.parent_body:
            self._line(left, head.parent_body, size=12)
        self._line(left, head.issuing_body, size=12, bold=True, rule=True)
        self._line(right, labels.DOC_NATION, size=12, bold=True)
        self._line(right, labels.DOC_MOTTO, size=14, bold=True, underline=True)
        self._line(table.cell(1, 0), labels.DOC_NUMBER.format(symbol=head.symbol), size=13, before=6)
        day, month = _day_month(head.date)
        place_date = labels.DOC_PLACE_DATE.format(place=head.place, day=day, month=month, year=head.date.year)
        self._line(table.cell(1, 1), place_date, size=14, italic=True, before=6)

    def title(self, word: str, subject: str) -> None:
        """The kind of document ("BÁO CÁO") and its subject, bold and centred."""
        self._centred(word, size=14, bold=True, before=18)
        self._centred(subject, size=14, bold=True, after=12)

    # --- the body --------------------------------------------------------------------------

    def heading(self, text: str) -> None:
        """A section heading ("I. KẾT QUẢ ..."), bold, indented like the body."""
        paragraph = self._body_paragraph()
        paragraph.add_run(text).bold = True

    def paragraph(self, text: str, *, italic: bool = False) -> None:
        """A body paragraph: justified, first line indented."""
        run = self._body_paragraph().add_run(text)
        run.italic = italic

    def bullet(self, text: str) -> None:
        """A "- " item of a list, as administrative documents write them."""
        self._body_paragraph().add_run(f"- {text}")

    def narrative(self, what: str) -> None:
        """A marked place the Office writes in: highlighted, in brackets."""
        run = self._body_paragraph().add_run(labels.DOC_NARRATIVE.format(what=what))
        run.italic = True
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[object]], widths: Sequence[float],
              numeric: Iterable[int] = (), bold_rows: Iterable[int] = (), size: int = TABLE_SIZE) -> None:
        """A bordered table: a bold header row, one row per item; ``numeric`` columns right-aligned.

        Args:
            headers: the column titles.
            rows: the cells' texts (anything; shown with ``str``).
            widths: each column's width in mm (together, the text width).
            numeric: indexes of the columns to right-align.
            bold_rows: indexes (in ``rows``) of rows to set in bold (totals).
            size: the font size (points); a table of many narrow columns takes 11.
        """
        rows = [list(r) for r in rows]
        numeric, bold_rows = set(numeric), set(bold_rows)
        table = self._grid(len(headers), widths, borders=True, count=len(rows) + 1)
        for col, text in enumerate(headers):
            self._line(table.cell(0, col), text, size=size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for index, values in enumerate(rows, start=1):
            for col, value in enumerate(values):
                align = WD_ALIGN_PARAGRAPH.RIGHT if col in numeric else WD_ALIGN_PARAGRAPH.LEFT
                self._line(table.cell(index, col), "" if value is None else str(value), size=size,
                           bold=index - 1 in bold_rows, align=align)
        _repeat_header(table.rows[0])
        self.doc.add_paragraph().paragraph_format.space_after = Pt(6)

    # --- the end: nơi nhận and signer -----------------------------------------------------

    def finish(self) -> None:
        """Nơi nhận bottom left (12 bold italic, items 11), the signer bottom right (14 bold)."""
        head = self.head
        self.doc.add_paragraph()
        table = self._grid(2, SIGN_WIDTHS, borders=False, count=1)
        left, right = table.cell(0, 0), table.cell(0, 1)
        self._line(left, labels.DOC_RECIPIENTS, size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for index, recipient in enumerate(head.recipients):
            end = "." if index == len(head.recipients) - 1 else ";"
            self._line(left, f"- {recipient.rstrip('.;')}{end}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        if head.signer_authority:
            self._line(right, head.signer_authority, size=14, bold=True)
        self._line(right, head.signer_title, size=14, bold=True)
        for _ in range(4):  # room for the signature and the seal
            self._line(right, "", size=14)
        self._line(right, head.signer_name, size=14, bold=True)

    def save(self, path: Path) -> Path:
        """Write the document atomically (a temporary name, then renamed into place)."""
        with atomic_path(Path(path)) as temporary:
            self.doc.save(str(temporary))
        return Path(path)

    # --- helpers ---------------------------------------------------------------------------

    def _body_paragraph(self):
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Mm(10)
        fmt.space_before, fmt.space_after = Pt(3), Pt(3)
        fmt.line_spacing = 1.15
        return paragraph

    def _centred(self, text: str, size: int, bold: bool = False, before: int = 0, after: int = 0) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before, paragraph.paragraph_format.space_after = Pt(before), Pt(after)
        run = paragraph.add_run(text)
        run.bold, run.font.size = bold, Pt(size)

    def _grid(self, columns: int, widths: Sequence[float], borders: bool, count: int = 2):
        table = self.doc.add_table(rows=count, cols=columns)
        if borders:
            table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for row in table.rows:
            for col, width in enumerate(widths):
                row.cells[col].width = Mm(width)
        for col, width in enumerate(widths):
            table.columns[col].width = Mm(width)
        return table

    @staticmethod
    def _line(cell, text: str, size: int, bold: bool = False, italic: bool = False, underline: bool = False,
              rule: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER, before: int = 0) -> None:
        # A cell starts with one empty paragraph: the first line goes there, the next ones after it.
        paragraph = cell.paragraphs[0] if len(cell.paragraphs) == 1 and not cell.paragraphs[0].text \
            and not cell.paragraphs[0].runs else cell.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_before = Pt(before)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline, run.font.size = bold, italic, underline, Pt(size)
        if rule:
            _short_rule(cell)


def _short_rule(cell) -> None:
    # The short line under the issuing body: an empty paragraph with a top border, indented to a third.
    paragraph = cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(22)
    fmt.space_before = Pt(2)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def _no_cell_margins(table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _repeat_header(row) -> None:
    # The header row repeats on every page a long table runs over.
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
