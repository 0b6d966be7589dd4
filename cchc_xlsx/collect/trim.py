"""Drop what is empty from a sheet's XML, so a reader sees only the cells that hold something.

Spreadsheet programs declare more than a sheet holds: LibreOffice, after a row deletion, writes
``<dimension ref="A1:L1048576">`` and an empty ``<row r="1048576">``; a column formatted down to
row 10,000 leaves 10,000 rows of styled empty cells. python-calamine allocates the whole declared
rectangle (and aborts when it is huge), so the guard hands it a copy of such a sheet with the
dimension gone, empty cells and rows gone, and merged ranges kept only within the cells that hold
a value; every cell kept gets an explicit reference, so nothing moves. A cell holding a value
beyond a unit workbook's extent is reported, not dropped.

One linear scan of the tags, over bytes: a sheet rewritten here is checked again by the guard
afterwards, so XML this does not understand cannot smuggle a far reference through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every tag, one at a time: attribute values cannot hold "<", so each match ends before the next
# "<" and the scan is linear, whatever the bytes (no pattern here spans elements).
_TAG = re.compile(rb"<(/?)((?:[\w.-]+:)?)([\w.-]+)([^<>]*?)(/?)>")
# A value (<v>) or inline text (<t>) with at least one character: what a reader gives back.
_HOLDS = re.compile(rb"<(?:[\w.-]+:)?[vt](?:\s[^<>/]*)?>[^<]")
_R = re.compile(rb"""(?<![\w:.-])r\s*=\s*["']\s*\$?([A-Za-z]*)\$?([0-9]*)\s*["']""")
_DROP_ROW_ATTRS = re.compile(rb"""\s+(?:r|spans)\s*=\s*(?:"[^"]*"|'[^']*')""")
_DROP_R = re.compile(rb"""\s+r\s*=\s*(?:"[^"]*"|'[^']*')""")
_MERGE_REF = re.compile(rb"""(?<![\w:.-])ref\s*=\s*["']([^"']*)["']""")
_CORNER = re.compile(rb"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


@dataclass(frozen=True)
class Trimmed:
    """A sheet's XML without its empty cells, or the first cell beyond the limits that holds a value."""

    xml: bytes
    far: tuple[int, int] | None = None   # (row, column), 1-based, of a value beyond the limits
    rows: int = 0                        # the extent of the cells that hold a value
    columns: int = 0


def column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ch - 64)
    return number


def column_name(number: int) -> str:
    name = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        name = chr(65 + remainder) + name
    return name


def trim(xml: bytes, max_rows: int, max_columns: int) -> Trimmed:
    """Keep only the cells of ``xml`` (a worksheet part) that hold a value.

    Args:
        xml: the sheet's bytes.
        max_rows, max_columns: the extent a unit workbook can have.

    Returns:
        The rewritten sheet and its content's extent, or where a value lies beyond the extent.
        A sheet whose cells hold comments or CDATA comes back unchanged (the guard then refuses it).
    """
    sheet = _Sheet(max_rows, max_columns)
    for tag in _TAG.finditer(xml):
        if sheet.take(tag, xml):
            return Trimmed(xml, sheet.far)
    if sheet.data is None or b"<!" in xml[sheet.data[0]:sheet.data[1]] or b"<?" in xml[sheet.data[0]:sheet.data[1]]:
        return Trimmed(xml)
    edits = [(start, end, b"") for start, end in sheet.dimensions]
    edits.append((*sheet.data, b"<%ssheetData>%s</%ssheetData>" % (sheet.prefix, b"".join(sheet.rows), sheet.prefix)))
    if sheet.merge_block:
        kept = [m for m, ref in sheet.merges if _within(ref, sheet.extent_rows, sheet.extent_columns)]
        block = b'<%smergeCells count="%d">%s</%smergeCells>' % (sheet.merge_prefix, len(kept), b"".join(kept),
                                                               sheet.merge_prefix) if kept else b""
        edits.append((*sheet.merge_block, block))
    out, position = [], 0
    for start, end, replacement in sorted(edits):
        if start < position:  # overlapping elements: XML this does not understand
            return Trimmed(xml)
        out += (xml[position:start], replacement)
        position = end
    out.append(xml[position:])
    return Trimmed(b"".join(out), None, sheet.extent_rows, sheet.extent_columns)


class _Sheet:
    """What the tag scan has seen of one sheet: rows kept, spans to drop, merged ranges."""

    def __init__(self, max_rows: int, max_columns: int):
        self.max_rows, self.max_columns = max_rows, max_columns
        self.prefix = self.merge_prefix = b""
        self.data: tuple[int, int] | None = None       # the sheetData element's span
        self.data_start = -1
        self.dimensions: list[tuple[int, int]] = []
        self.dimension_start = -1
        self.merge_block: tuple[int, int] | None = None
        self.merge_start = -1
        self.merges: list[tuple[bytes, bytes]] = []   # (the mergeCell element, its ref)
        self.rows: list[bytes] = []
        self.row: tuple[bytes, list[bytes]] | None = None  # the open row: its attributes, its kept cells
        self.cell: tuple[bytes, int] | None = None         # the open cell: its attributes, where its content starts
        self.row_number = self.column = self.extent_rows = self.extent_columns = 0
        self.far: tuple[int, int] | None = None

    def take(self, tag: re.Match, xml: bytes) -> bool:
        """Note one tag; True when a value lies beyond the limits (then ``far`` says where)."""
        closing, prefix, name, attributes, empty = tag.groups()
        inside = self.data_start >= 0 and self.data is None
        if name == b"sheetData":
            if not closing and self.data_start < 0:
                self.data_start, self.prefix = tag.start(), prefix
                if empty:
                    self.data = (tag.start(), tag.end())
            elif closing and inside:
                self._close_row()
                self.data = (self.data_start, tag.end())
        elif inside and name == b"row":
            self._close_row()
            if not closing:
                own = _R.search(attributes)
                self.row_number = int(own.group(2)) if own and own.group(2) else self.row_number + 1
                self.row, self.column = (attributes, []), 0
                if empty:
                    self._close_row()
        elif inside and name == b"c" and self.row is not None:
            if not closing:
                self.cell = (attributes, tag.end())
                if empty:
                    return self._close_cell(b"")
            elif self.cell is not None:
                return self._close_cell(xml[self.cell[1]:tag.start()])
        elif not inside:
            self._outside(tag, closing, prefix, name, attributes, empty)
        return False

    def _outside(self, tag: re.Match, closing: bytes, prefix: bytes, name: bytes, attributes: bytes,
                 empty: bytes) -> None:
        if name == b"dimension":
            if not closing and empty:
                self.dimensions.append((tag.start(), tag.end()))
            elif not closing:
                self.dimension_start = tag.start()
            elif self.dimension_start >= 0:
                self.dimensions.append((self.dimension_start, tag.end()))
                self.dimension_start = -1
        elif name == b"mergeCells":
            if not closing:
                self.merge_start, self.merge_prefix = tag.start(), prefix
                if empty:
                    self.merge_block = (tag.start(), tag.end())
            elif self.merge_start >= 0:
                self.merge_block = (self.merge_start, tag.end())
        elif name == b"mergeCell" and not closing:
            ref = _MERGE_REF.search(attributes)
            self.merges.append((b"<%smergeCell%s/>" % (prefix, attributes.rstrip(b"/")), ref.group(1) if ref else b""))

    def _close_cell(self, content: bytes) -> bool:
        attributes, _ = self.cell
        self.cell = None
        where = _R.search(attributes)
        cell_row = int(where.group(2)) if where and where.group(2) else self.row_number
        self.column = column_number(where.group(1)) if where and where.group(1) else self.column + 1
        if not _HOLDS.search(content):
            return False
        if cell_row > self.max_rows or self.column > self.max_columns:
            self.far = (cell_row, self.column)
            return True
        self.extent_rows, self.extent_columns = max(self.extent_rows, cell_row), max(self.extent_columns, self.column)
        self.row[1].append(b'<%sc r="%s%d"%s>%s</%sc>' % (self.prefix, column_name(self.column).encode(), cell_row,
                                                         _DROP_R.sub(b"", attributes), content, self.prefix))
        return False

    def _close_row(self) -> None:
        if self.row is not None and self.row[1]:
            self.rows.append(b'<%srow r="%d"%s>%s</%srow>' % (self.prefix, self.row_number,
                                                             _DROP_ROW_ATTRS.sub(b"", self.row[0]),
                                                             b"".join(self.row[1]), self.prefix))
        self.row, self.cell = None, None


def _within(ref: bytes, rows: int, columns: int) -> bool:
    # A merged range only groups cells; one reaching past the cells that hold values is dropped.
    for corner in ref.split(b":"):
        cell = _CORNER.fullmatch(corner.strip())
        if not cell or int(cell.group(2)) > rows or column_number(cell.group(1)) > columns:
            return False
    return True
