"""Drop what is empty from a sheet's XML, so a reader sees only the cells that hold something.

Spreadsheet programs declare more than a sheet holds: LibreOffice, after a row deletion, writes
``<dimension ref="A1:L1048576">`` and an empty ``<row r="1048576">``; a column formatted down to
row 10,000 leaves 10,000 rows of styled empty cells. python-calamine allocates the whole declared
rectangle (and aborts when it is huge), so the guard hands it a copy of such a sheet with the
dimension gone, empty cells and rows gone, and merged ranges kept only within the cells that hold
a value; every cell kept gets an explicit reference, so nothing moves. A cell holding a value
beyond a unit workbook's extent is reported, not dropped.

Pure functions over bytes, with regular expressions: a sheet rewritten here is checked again by
the guard afterwards, so XML this does not understand cannot smuggle a far reference through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PREFIX = rb"(?:[\w.-]+:)?"  # a namespace prefix some writers put on every element (x:row)
_SHEET_DATA = re.compile(rb"<(" + _PREFIX + rb")sheetData\b[^>]*?(?:/>|>(.*?)</\1sheetData\s*>)", re.S)
_ROW = re.compile(rb"<" + _PREFIX + rb"row\b([^>]*?)(?:/>|>(.*?)</" + _PREFIX + rb"row\s*>)", re.S)
_CELL = re.compile(rb"<" + _PREFIX + rb"c\b([^>]*?)(?:/>|>(.*?)</" + _PREFIX + rb"c\s*>)", re.S)
# A value (<v>) or inline text (<t>) with at least one character: what a reader gives back.
_HOLDS = re.compile(rb"<" + _PREFIX + rb"[vt]\b[^>/]*>[^<]")
_R = re.compile(rb"""(?<![\w:.-])r\s*=\s*["']\s*\$?([A-Za-z]*)\$?([0-9]*)\s*["']""")
_DROP_ROW_ATTRS = re.compile(rb"""\s+(?:r|spans)\s*=\s*(?:"[^"]*"|'[^']*')""")
_DROP_R = re.compile(rb"""\s+r\s*=\s*(?:"[^"]*"|'[^']*')""")
_DIMENSION = re.compile(rb"<" + _PREFIX + rb"dimension\b[^>]*?(?:/>|>.*?</" + _PREFIX + rb"dimension\s*>)", re.S)
_MERGES = re.compile(rb"<(" + _PREFIX + rb")mergeCells\b[^>]*?(?:/>|>(.*?)</\1mergeCells\s*>)", re.S)
_MERGE = re.compile(rb"<" + _PREFIX + rb"mergeCell\b[^>]*?/>|<" + _PREFIX + rb"mergeCell\b.*?</" + _PREFIX
                    + rb"mergeCell\s*>", re.S)
_MERGE_REF = re.compile(rb"""ref\s*=\s*["']([^"']*)["']""")
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
        The rewritten sheet, its content's extent, or where a value lies beyond the extent.
    """
    found = _SHEET_DATA.search(xml)
    body = (found.group(2) or b"") if found else b""
    prefix = found.group(1).decode("ascii") if found else ""
    rows, extent_rows, extent_columns = [], 0, 0
    row_number = 0
    for row in _ROW.finditer(body):
        attributes = row.group(1)
        own = _R.search(attributes)
        row_number = int(own.group(2)) if own and own.group(2) else row_number + 1
        cells, column = [], 0
        for cell in _CELL.finditer(row.group(2) or b""):
            where = _R.search(cell.group(1))
            cell_row = int(where.group(2)) if where and where.group(2) else row_number
            column = column_number(where.group(1)) if where and where.group(1) else column + 1
            content = cell.group(2)
            if not content or not _HOLDS.search(content):
                continue
            if cell_row > max_rows or column > max_columns:
                return Trimmed(xml, (cell_row, column))
            extent_rows, extent_columns = max(extent_rows, cell_row), max(extent_columns, column)
            cells.append(b'<%sc r="%s%d"%s>%s</%sc>' % (prefix.encode(), column_name(column).encode(), cell_row,
                                                       _DROP_R.sub(b"", cell.group(1)), content, prefix.encode()))
        if cells:
            rows.append(b'<%srow r="%d"%s>%s</%srow>' % (prefix.encode(), row_number,
                                                        _DROP_ROW_ATTRS.sub(b"", attributes), b"".join(cells),
                                                        prefix.encode()))
    if found:
        head, tail = xml[:found.start()], xml[found.end():]
        data = b"<%ssheetData>%s</%ssheetData>" % (prefix.encode(), b"".join(rows), prefix.encode())
    else:
        head, tail, data = xml, b"", b""
    head = _DIMENSION.sub(b"", head)
    tail = _MERGES.sub(lambda m: _kept_merges(m, extent_rows, extent_columns), _DIMENSION.sub(b"", tail))
    return Trimmed(head + data + tail, None, extent_rows, extent_columns)


def _kept_merges(found: re.Match, rows: int, columns: int) -> bytes:
    # A merged range only groups cells; one reaching past the cells that hold values is dropped.
    prefix = found.group(1)
    kept = [m.group(0) for m in _MERGE.finditer(found.group(2) or b"") if _within(m.group(0), rows, columns)]
    if not kept:
        return b""
    return b'<%smergeCells count="%d">%s</%smergeCells>' % (prefix, len(kept), b"".join(kept), prefix)


def _within(merge: bytes, rows: int, columns: int) -> bool:
    ref = _MERGE_REF.search(merge)
    if not ref:
        return False
    corners = ref.group(1).split(b":")
    for corner in corners:
        cell = _CORNER.fullmatch(corner.strip())
        if not cell or int(cell.group(2)) > rows or column_number(cell.group(1)) > columns:
            return False
    return True
