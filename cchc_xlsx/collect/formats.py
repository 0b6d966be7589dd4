"""Which cells of a returned workbook are formatted as a percentage.

python-calamine reads values only, and the value 0.8 means 80 % in a cell formatted as a
percentage but 0.8 % in a plain one. So the number formats are read here, cheaply and apart
from calamine: for .xlsx the ``s`` attribute of each cell → ``cellXfs`` → its ``numFmtId``
(built-in 9 and 10, or a custom code with an unquoted ``%``); for .ods the cell's
``office:value-type="percentage"``; for .xls the cell's XF record through xlrd.

The bytes are untrusted: every zip entry is read in chunks up to a cap, XML is parsed by
lxml with entities and network off, and what is kept is bounded by the sheet limits.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable

CHUNK = 65536
PERCENT_BUILTIN = frozenset({9, 10})  # 0% and 0.00%
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # literal text, escaped characters, [colour]/[condition]
_REF = re.compile(r"([A-Za-z]{1,3})([0-9]+)")
MAX_CELLS = 200_000  # percent-formatted cells kept per file: far above any unit workbook

Cells = frozenset  # of (excel row, 0-based column)


class FormatsUnreadable(Exception):
    """The number formats could not be read (the caller falls back to reading values alone)."""


def is_percent_code(code: str) -> bool:
    """True for a number format code that shows a percentage: a ``%`` outside quotes and brackets."""
    return "%" in _QUOTED.sub("", code or "")


def percent_cells(data: bytes, kind: str, sheets: Iterable[str], limits: dict[str, int],
                  parts: dict[str, bytes] | None = None) -> dict[str, Cells]:
    """The percent-formatted cells of the named sheets.

    Args:
        data: the file's bytes (already passed by the guard).
        kind: ``"xlsx"``, ``"ods"`` or ``"xls"``.
        sheets: the sheet names wanted (as the workbook spells them).
        limits: the workspace's limits (max_uncompressed_bytes, max_sheet_rows, max_sheet_columns).
        parts: for .xlsx, the zip's parts as the guard inflated and checked them (then ``data`` is
            not opened again).

    Returns:
        sheet name → the set of (Excel row, 0-based column) of cells formatted as a percentage.

    Raises:
        FormatsUnreadable: the formats of this file cannot be read.
    """
    wanted = set(sheets)
    try:
        if kind == "xlsx":
            return _xlsx(_part_reader(data, parts, limits["max_uncompressed_bytes"]), wanted, limits)
        if kind == "ods":
            return _ods(data, wanted, limits)
        if kind == "xls":
            return _xls(data, wanted, limits)
    except FormatsUnreadable:
        raise
    except Exception as exc:  # a malformed part: values are still read, formats are not known
        raise FormatsUnreadable(type(exc).__name__) from exc
    raise FormatsUnreadable(kind)


def read_capped(archive: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """An entry's bytes, inflated in chunks and refused beyond ``cap`` (a zip may lie about sizes)."""
    parts, total = [], 0
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            total += len(chunk)
            if total > cap:
                raise FormatsUnreadable(f"{name} larger than {cap}")
            parts.append(chunk)
    return b"".join(parts)


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _part_reader(data: bytes, parts: dict[str, bytes] | None, cap: int):
    # A function giving a part's bytes, or None where the zip has no such part.
    if parts is not None:
        return parts.get
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    return lambda name: read_capped(archive, name, cap) if name in names else None


def _parse(content: bytes):
    from lxml import etree

    return etree.fromstring(content, _parser())


def _xlsx(read_part, wanted: set[str], limits: dict[str, int]) -> dict[str, Cells]:
    paths = _sheet_paths(read_part)
    percent_styles = _percent_styles(read_part)
    found: dict[str, Cells] = {}
    for name in wanted:
        path = paths.get(name)
        if path is None:
            continue
        content = read_part(path) if percent_styles else None
        found[name] = _xlsx_cells(content, percent_styles, limits) if content is not None else frozenset()
    return found


def _sheet_paths(read_part) -> dict[str, str]:
    workbook, rels = read_part("xl/workbook.xml"), read_part("xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        raise FormatsUnreadable("workbook.xml missing")
    if len(workbook) + len(rels) > CACHED_PART_BYTES:
        return _sheet_paths_of.__wrapped__(workbook, rels)
    return _sheet_paths_of(workbook, rels)


# The same bytes give the same answer: a thousand returns of one template share these parts, so
# each is parsed once per process. Only parts of a usual size are kept (a bloated one is parsed
# each time), so the caches hold at most 64 × 256 KB.
CACHED_PART_BYTES = 256 * 1024


@functools.lru_cache(maxsize=64)
def _sheet_paths_of(workbook_xml: bytes, rels_xml: bytes) -> dict[str, str]:
    # workbook.xml names each sheet and its relationship id; the relationships give the part.
    workbook, rels = _parse(workbook_xml), _parse(rels_xml)
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{{{RELS}}}Relationship")}
    paths = {}
    for sheet in workbook.iter(f"{{{_namespace(workbook)}}}sheet"):
        # r:id, in the transitional or the strict namespace (Excel's "Strict Open XML" files)
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id") and "relationships" in k), "")
        target = targets.get(rid, "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        paths[sheet.get("name")] = path
    return paths


def _percent_styles(read_part) -> frozenset[int]:
    styles = read_part("xl/styles.xml")
    if styles is None:
        return frozenset()
    return _percent_styles_of(styles) if len(styles) <= CACHED_PART_BYTES else _percent_styles_of.__wrapped__(styles)


@functools.lru_cache(maxsize=64)
def _percent_styles_of(styles_xml: bytes) -> frozenset[int]:
    styles = _parse(styles_xml)
    main = _namespace(styles)
    codes = {int(f.get("numFmtId", -1)): f.get("formatCode", "") for f in styles.iter(f"{{{main}}}numFmt")}
    xfs = styles.find(f"{{{main}}}cellXfs")
    if xfs is None:
        return frozenset()
    percent = set()
    for index, xf in enumerate(xfs.iterfind(f"{{{main}}}xf")):
        number = int(xf.get("numFmtId", 0) or 0)
        if number in PERCENT_BUILTIN or (number in codes and is_percent_code(codes[number])):
            percent.add(index)
    return frozenset(percent)


def _namespace(root) -> str:
    # The spreadsheetml namespace the file uses: transitional (MAIN) or strict.
    return root.tag[1:].partition("}")[0] if root.tag.startswith("{") else MAIN


def _xlsx_cells(xml: bytes, percent_styles: frozenset[int], limits: dict[str, int]) -> Cells:
    # A regex finds the few attributes s="N" of a percent style (a scan of the bytes, ~20 times faster
    # than parsing every cell), then reads the reference of the <c> element each one belongs to.
    # Cells written without a reference (allowed, rare) are placed by parsing the sheet instead.
    # The pattern starts with a literal (s="), which the regex engine finds fast; a class first was 30x slower.
    styles = b"|".join(str(n).encode() for n in sorted(percent_styles))
    pattern = re.compile(rb's(?:="(?:%s)"|=\'(?:%s)\')' % (styles, styles))
    max_rows, max_cols = limits["max_sheet_rows"], limits["max_sheet_columns"]
    found: set[tuple[int, int]] = set()
    for match in pattern.finditer(xml):
        if not xml[match.start() - 1:match.start()].isspace():
            continue  # ...s="9" ending another attribute's name
        start = xml.rfind(b"<", 0, match.start())
        tag = _TAG.match(xml, start)
        if not tag or tag.group(1) != b"c":
            continue  # a row's or column's default style, not a cell's
        end = xml.find(b">", start)
        ref = _CELL_REF.search(xml, start, end)
        if ref is None:
            return _xlsx_cells_parsed(xml, percent_styles, limits)
        row, col = int(ref.group(2)), _column(ref.group(1).decode("ascii"))
        if row <= max_rows and col < max_cols:
            found.add((row, col))
            if len(found) > MAX_CELLS:
                raise FormatsUnreadable("too many cells")
    return frozenset(found)


_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_CELL_REF = re.compile(rb'\sr\s*=\s*["\']\$?([A-Za-z]{1,3})\$?([0-9]{1,7})["\']')


def _xlsx_cells_parsed(xml: bytes, percent_styles: frozenset[int], limits: dict[str, int]) -> Cells:
    from lxml import etree

    max_rows, max_cols = limits["max_sheet_rows"], limits["max_sheet_columns"]
    found: set[tuple[int, int]] = set()
    row, col = 0, -1
    for event, element in etree.iterparse(io.BytesIO(xml), events=("start", "end"), resolve_entities=False,
                                          no_network=True, load_dtd=False):
        if not isinstance(element.tag, str) or not element.tag.endswith(("}row", "}c")):
            continue
        if element.tag.endswith("}row"):
            if event == "start":
                row = int(element.get("r") or row + 1)
                col = -1
            else:
                element.clear()
            continue
        if event != "start":
            continue
        ref = _REF.fullmatch((element.get("r") or "").replace("$", ""))
        col = _column(ref.group(1)) if ref else col + 1
        if ref:
            row = int(ref.group(2))
        style = element.get("s")
        if style and int(style) in percent_styles and row <= max_rows and col < max_cols:
            found.add((row, col))
            if len(found) > MAX_CELLS:
                raise FormatsUnreadable("too many cells")
    return frozenset(found)


def _column(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number - 1


def _ods(data: bytes, wanted: set[str], limits: dict[str, int]) -> dict[str, Cells]:
    # LibreOffice marks a value shown as a percentage on the cell itself: office:value-type="percentage".
    from lxml import etree

    archive = zipfile.ZipFile(io.BytesIO(data))
    content = read_capped(archive, "content.xml", limits["max_uncompressed_bytes"])
    max_rows, max_cols = limits["max_sheet_rows"], limits["max_sheet_columns"]
    table_tag, row_tag = f"{{{ODS_TABLE}}}table", f"{{{ODS_TABLE}}}table-row"
    cell_tags = (f"{{{ODS_TABLE}}}table-cell", f"{{{ODS_TABLE}}}covered-table-cell")
    repeat_rows, repeat_cols = f"{{{ODS_TABLE}}}number-rows-repeated", f"{{{ODS_TABLE}}}number-columns-repeated"
    found: dict[str, set] = {}
    current, row = None, 0
    for event, element in etree.iterparse(io.BytesIO(content), events=("start", "end"),
                                          tag=(table_tag, row_tag, *cell_tags), resolve_entities=False,
                                          no_network=True, load_dtd=False):
        if element.tag == table_tag:
            if event == "start":
                name = element.get(f"{{{ODS_TABLE}}}name")
                current, row = (found.setdefault(name, set()) if name in wanted else None), 0
            else:
                element.clear()
            continue
        if event != "end":
            continue
        if element.tag == row_tag:
            count = int(element.get(repeat_rows, 1) or 1)
            if current is not None:
                cols = [c for c in _ods_row_percent(element, cell_tags, repeat_cols, max_cols)]
                for extra in range(min(count, max(max_rows - row, 0))):
                    current.update((row + 1 + extra, c) for c in cols)
                if sum(len(v) for v in found.values()) > MAX_CELLS:
                    raise FormatsUnreadable("too many cells")
            row += count
            element.clear()
    return {name: frozenset(cells) for name, cells in found.items()}


def _ods_row_percent(row, cell_tags, repeat_cols: str, max_cols: int) -> list[int]:
    cols, col = [], 0
    for cell in row:
        if cell.tag not in cell_tags:
            continue
        count = int(cell.get(repeat_cols, 1) or 1)
        if cell.get(f"{{{ODS_OFFICE}}}value-type") == "percentage":
            cols.extend(range(col, min(col + count, max_cols)))
        col += count
    return cols


def _xls(data: bytes, wanted: set[str], limits: dict[str, int]) -> dict[str, Cells]:
    try:
        import xlrd
    except ImportError as exc:
        raise FormatsUnreadable("xlrd") from exc
    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO())
    percent_xfs = {index for index, xf in enumerate(book.xf_list)
                   if is_percent_code(getattr(book.format_map.get(xf.format_key), "format_str", ""))}
    found = {}
    max_rows, max_cols = limits["max_sheet_rows"], limits["max_sheet_columns"]
    for name in book.sheet_names():
        if name not in wanted:
            continue
        sheet = book.sheet_by_name(name)
        found[name] = frozenset((r + 1, c) for r in range(min(sheet.nrows, max_rows))
                                for c in range(min(sheet.row_len(r), max_cols))
                                if sheet.cell_type(r, c) == xlrd.XL_CELL_NUMBER
                                and sheet.cell_xf_index(r, c) in percent_xfs)
    return found
