"""Look at a received file's bytes before any parser sees them.

A returned file is untrusted: a 0.8 MB zip can unpack to 200 MB (openpyxl then takes minutes
and gigabytes), and a sheet that declares a cell far away makes python-calamine request the
whole rectangle and abort the process. So: check the container type against the extension,
the zip's declared sizes and entry count against the workspace's limits; inflate every entry no
further than its declared size; and judge each sheet by what it holds, not what it declares: a
sheet that declares a far extent (LibreOffice's dimension to row 1048576, formatted empty rows)
is trimmed to the cells holding values (``trim.py``) and the reader gets that copy, while a
value beyond a unit workbook's extent refuses the file. Pure functions over bytes.
"""

from __future__ import annotations

import html
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

from cchc_xlsx import text as labels
from cchc_xlsx.core.values import size_text
from cchc_xlsx.collect import trim

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
BIFF8_BOF, FILEPASS = b"\x09\x08\x10\x00", b"\x2f\x00"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

# The values of the attributes that place cells and ranges (r="A1", ref="A1:B2", sqref="A1 B2:C3"), in
# either quotes and with spaces around "=", as XML allows; references in either case, with $.
# Only the ranges calamine reads (the sheet's dimension and merged cells), not e.g. data validations.
# The element names without "<", so that a prefixed <x:dimension> is matched too (and fast: a literal start).
_RANGE_ATTRIBUTES = (re.compile(rb'dimension\s[^>]*?ref\s*=\s*["\']([^"\']*)'),
                     re.compile(rb'mergeCell\s[^>]*?ref\s*=\s*["\']([^"\']*)'))
_REF_SPLIT = re.compile(rb'[\s:]+')
_CELL = re.compile(rb'\$?([A-Za-z]{0,3})\$?([0-9]*)')
ODS_REPEAT_LIMIT = 2 ** 20 + 16384  # a whole sheet's empty rows, as LibreOffice writes them
_OFFICE_DOCUMENT = re.compile(rb'Type\s*=\s*["\'][^"\']*/officeDocument["\'][^>]*?Target\s*=\s*["\']([^"\']*)')
_OFFICE_DOCUMENT_2 = re.compile(rb'Target\s*=\s*["\']([^"\']*)["\'][^>]*?Type\s*=\s*["\'][^"\']*/officeDocument["\']')
_ODS_REPEAT = re.compile(rb'number-(rows|columns)-repeated="([0-9]+)"')


@dataclass(frozen=True)
class Refusal:
    """Why a file is not parsed: a finding code and its fields."""

    code: str
    fields: dict


@dataclass(frozen=True)
class Checked:
    """What the guard decided about a file, and the bytes a reader may parse."""

    kind: str | None                 # "xlsx", "xls", "ods", or None when refused
    refusal: Refusal | None
    data: bytes = b""                # what to read: for .xlsx a stored copy of the parts as checked
    trimmed: tuple[str, ...] = ()    # the sheets (zip parts) trimmed in that copy
    parts: dict | None = None        # for .xlsx, those parts by name (the formats are read from them)


class _Refused(Exception):
    def __init__(self, refusal: Refusal):
        super().__init__(refusal.code)
        self.refusal = refusal


def inspect(data: bytes, extension: str, limits: dict[str, int]) -> tuple[str | None, Refusal | None]:
    """Decide how to read ``data`` or why not to (``check`` without the bytes to read).

    Returns:
        (format, None) with format "xlsx", "xls" or "ods", or (None, Refusal).
    """
    checked = check(data, extension, limits)
    return checked.kind, checked.refusal


def check(data: bytes, extension: str, limits: dict[str, int]) -> Checked:
    """Decide how to read ``data`` or why not to, judging what the file holds.

    Every zip entry is inflated no further than its declared size; a sheet that declares a far
    extent (a dimension, a merge, empty rows or styled empty cells) is trimmed to the cells that
    hold values; the reader gets a stored zip of the parts so checked. A value beyond a unit
    workbook's extent refuses the file.

    Args:
        data: the file's bytes (one workbook: the limits apply to it, not to its container).
        extension: its extension, lower case, with the dot.
        limits: the workspace's limits (max_file_bytes, max_uncompressed_bytes, max_zip_entries,
            max_sheet_rows, max_sheet_columns).

    Returns:
        ``Checked``: the format and the bytes to read, or the refusal.
    """
    try:
        kind, parsed, trimmed, parts = _check(data, extension, limits)
    except _Refused as refused:
        return Checked(None, refused.refusal)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError, NotImplementedError,
            KeyError, struct.error):
        return Checked(None, Refusal("file-truncated", {}))
    return Checked(kind, None, parsed, trimmed, parts)


def _check(data: bytes, extension: str, limits: dict[str, int]) -> tuple[str, bytes, tuple[str, ...], dict | None]:
    if len(data) > limits["max_file_bytes"]:
        raise _Refused(Refusal("file-too-large", {"size": size_text(len(data)),
                                                  "limit": size_text(limits["max_file_bytes"])}))
    if data.startswith(OLE2_MAGIC):
        if is_encrypted(data):
            raise _Refused(Refusal("file-encrypted", {}))
        if extension == ".xls":
            return "xls", data, (), None
        raise _Refused(Refusal("file-not-spreadsheet", {"expected": extension}))
    if extension in labels.INTAKE_FORMATS:  # .xlsb, .numbers: one clear line, save as .xlsx
        raise _Refused(Refusal("file-format-unsupported", {"format": labels.INTAKE_FORMATS[extension]}))
    if not data.startswith(ZIP_MAGIC):
        if is_flat_ods(data) and extension in (".fods", ".ods"):  # LibreOffice's flat XML: one file, no zip
            refusal = _ods_extent(data)
            if refusal:
                raise _Refused(refusal)
            return "fods", data, (), None
        raise _Refused(Refusal("file-not-spreadsheet", {"expected": extension}))
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        raise _Refused(Refusal("file-truncated", {})) from None
    refusal = _check_sizes(entries, limits)
    if refusal:
        raise _Refused(refusal)
    parts = {entry.filename: entry for entry in entries}
    if "xl/workbook.bin" in parts:  # an Excel binary workbook under another name
        raise _Refused(Refusal("file-format-unsupported", {"format": labels.INTAKE_FORMATS[".xlsb"]}))
    if ("mimetype" in parts and read_entry(data, parts["mimetype"]).strip() == ODS_MIMETYPE) or \
            ("content.xml" in parts and extension == ".ods"):
        if extension != ".ods":
            raise _Refused(Refusal("file-not-spreadsheet", {"expected": extension}))
        if _ods_encrypted(data, parts):
            raise _Refused(Refusal("file-encrypted", {}))
        refusal = _ods_extent(read_entry(data, parts["content.xml"]))
        if refusal:
            raise _Refused(refusal)
        _inflate_all(data, entries)
        return "ods", data, (), None
    if extension not in (".xlsx", ".xlsm") or _workbook_part(data, parts) is None:
        raise _Refused(Refusal("file-not-spreadsheet", {"expected": extension}))
    contents = _inflate_all(data, entries)
    trimmed = _check_extents(contents, limits)
    # The reader gets the parts as checked, never the received zip: a reader of its own may inflate
    # further than declared, and reading stored parts costs it less than inflating them again.
    crcs = {entry.filename: entry.CRC for entry in entries if entry.filename not in trimmed}
    return "xlsx", _stored_zip(contents, crcs), tuple(trimmed), contents


def _workbook_part(data: bytes, parts: dict[str, zipfile.ZipInfo]) -> str | None:
    # Where the package's relationships put its workbook: a valid package may name its parts
    # oddly (workbook.xml at the root, backslashes in names), and is still a spreadsheet.
    if "xl/workbook.xml" in parts:
        return "xl/workbook.xml"
    named = {name.replace("\\", "/"): entry for name, entry in parts.items()}
    rels = named.get("_rels/.rels")
    found = workbook_part(read_entry(data, rels) if rels is not None and rels.file_size < 1 << 20 else b"", set(named))
    return found if found is not None and found.endswith(".xml") else None


def is_encrypted(data: bytes) -> bool:
    """Whether a file is protected by a password to open: an OOXML or OLE2 file as msoffcrypto-tool
    tells (Excel 97-2003 RC4 and XOR included), or an OpenDocument file whose manifest says so."""
    if data.startswith(OLE2_MAGIC):
        if ENCRYPTED_MARK in data:
            return True
        bof = data.find(BIFF8_BOF)  # the workbook globals: FILEPASS right after BOF means encrypted
        if bof >= 0 and data[bof + 20:bof + 22] == FILEPASS:
            return True
        try:
            import msoffcrypto

            return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
        except Exception:  # not an Office document msoffcrypto knows (a .msg, a broken file): not encrypted
            return False
    if data.startswith(ZIP_MAGIC):
        try:
            entries = {entry.filename: entry for entry in zipfile.ZipFile(io.BytesIO(data)).infolist()}
            return _ods_encrypted(data, entries)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError, struct.error, _Refused):
            return False
    return False


def _ods_encrypted(data: bytes, entries: dict[str, zipfile.ZipInfo]) -> bool:
    # An encrypted OpenDocument file keeps its manifest in clear; it names the encryption per part.
    manifest = entries.get("META-INF/manifest.xml")
    return manifest is not None and manifest.file_size < 1 << 20 and \
        b"encryption-data" in read_entry(data, manifest)


def read_entry(data: bytes, entry: zipfile.ZipInfo) -> bytes:
    """The bytes of one zip entry, inflated no further than the size its central directory declares.

    ``ZipExtFile.read()`` inflates a whole stream before cutting it to the declared size (a 20 KB
    entry can inflate to 1.5 GB first); here zlib is asked for one byte more than declared, so a
    stream that goes on is caught at that byte, and a stream that ends short or fails its CRC is
    reported as a broken file.

    Raises:
        _Refused: an encrypted entry, a compression method no spreadsheet uses, or a lying size.
        zipfile.BadZipFile: a damaged or truncated entry.
    """
    if entry.flag_bits & 0x1:
        raise _Refused(Refusal("file-encrypted", {}))
    header = data[entry.header_offset:entry.header_offset + 30]
    if len(header) < 30 or header[:4] != ZIP_MAGIC:
        raise zipfile.BadZipFile("bad local header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = entry.header_offset + 30 + name_length + extra_length
    raw = data[start:start + entry.compress_size]
    if len(raw) < entry.compress_size:
        raise zipfile.BadZipFile("truncated entry")
    if entry.compress_type == zipfile.ZIP_STORED:
        content = raw
    elif entry.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        # Output stops at max_length; below it zlib has used all the input or reached the stream's end.
        content = inflater.decompress(raw, entry.file_size + 1)
        if len(content) <= entry.file_size and not inflater.eof:
            raise zipfile.BadZipFile("truncated stream")
    else:
        raise _Refused(Refusal("file-not-spreadsheet", {"expected": ".xlsx"}))
    if len(content) > entry.file_size:
        raise _Refused(Refusal("file-too-expanded", {"detail": labels.GUARD_DETAIL_LYING.format(
            part=entry.filename, size=size_text(entry.file_size))}))
    if len(content) < entry.file_size or zlib.crc32(content) != entry.CRC:
        raise zipfile.BadZipFile("size or CRC differs")
    return content


def _inflate_all(data: bytes, entries: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    # Every entry, not only the sheets: a reader may open any of them, and none may lie.
    contents: dict[str, bytes] = {}
    for entry in entries:
        contents[entry.filename] = read_entry(data, entry)
    return contents


def _check_sizes(entries: list[zipfile.ZipInfo], limits: dict[str, int]) -> Refusal | None:
    if len(entries) > limits["max_zip_entries"]:
        return Refusal("file-too-expanded", {"detail": labels.GUARD_DETAIL["entries"].format(count=len(entries))})
    declared = sum(entry.file_size for entry in entries)
    if declared > limits["max_uncompressed_bytes"]:
        return Refusal("file-too-expanded", {"detail": labels.GUARD_DETAIL["expanded"].format(size=size_text(declared))})
    return None


def _check_extents(contents: dict[str, bytes], limits: dict[str, int]) -> list[str]:
    """Trim every sheet that declares something beyond a unit workbook's extent (in place, in
    ``contents``); return the trimmed parts. Raises _Refused for a value that lies there."""
    max_rows, max_cols = limits["max_sheet_rows"], limits["max_sheet_columns"]
    patterns = _far_patterns(max_rows, max_cols)
    trimmed = []
    for name, xml in contents.items():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")) and b"sheetData" not in xml:
            continue  # a sheet, wherever an odd package keeps it, holds sheetData
        if _far_reference(xml, patterns, max_rows, max_cols) is None:
            continue
        result = trim.trim(xml, max_rows, max_cols)
        if result.far:
            row, column = result.far
            raise _Refused(Refusal("file-cell-out-of-range", {
                "sheet": _sheet_names(contents).get(name, name), "cell": f"{trim.column_name(column)}{row}",
                "rows": max_rows, "columns": trim.column_name(max_cols)}))
        left = _far_reference(result.xml, patterns, max_rows, max_cols)
        if left is not None:  # XML the trimming did not understand: refuse rather than guess
            raise _Refused(Refusal("file-too-expanded", {"detail": left}))
        contents[name] = result.xml
        trimmed.append(name)
    return trimmed


def _far_patterns(max_rows: int, max_cols: int) -> list[re.Pattern]:
    # Only references long enough to be out of bounds are matched (a column of as many letters as
    # the limit's, or a row of as many digits), then compared exactly: a normal sheet has none.
    # The pattern starts with a literal ('r' of r="A1"), which the regex engine finds fast; one
    # pattern with the alternation inside costs less than two patterns.
    letters, digits = min(len(trim.column_name(max_cols)), 3), len(str(max_rows))
    return [re.compile(rb'r\s*=\s*["\']\$?([A-Za-z]{%d,3}\$?[0-9]+|[A-Za-z]{0,3}\$?[0-9]{%d,})' % (letters, digits))]


def _far_reference(xml: bytes, patterns: list[re.Pattern], max_rows: int, max_cols: int) -> str | None:
    # The first reference beyond the limits, as the detail of a refusal; None for a normal sheet.
    for pattern in patterns:
        for match in pattern.finditer(xml):
            cell = _CELL.fullmatch(match.group(1))
            if cell and _too_far(cell.group(1), cell.group(2), max_rows, max_cols):
                return _place(cell.group(1), cell.group(2))
    for match in (m for pattern in _RANGE_ATTRIBUTES for m in pattern.finditer(xml)):
        for ref in _REF_SPLIT.split(match.group(1)):
            cell = _CELL.fullmatch(ref)
            if cell and _too_far(cell.group(1), cell.group(2), max_rows, max_cols):
                return labels.GUARD_DETAIL["range"].format(ref=ref.decode("ascii", "replace"))
    return None


def _place(col: bytes | None, row: bytes | None) -> str:
    # A row's own r="1048576" is a row, not a cell: say which it is.
    col_text, row_text = (col or b"").decode("ascii", "replace").upper(), (row or b"").decode("ascii", "replace")
    if col_text and row_text:
        return labels.GUARD_DETAIL["cell"].format(ref=col_text + row_text)
    if row_text:
        return labels.GUARD_DETAIL_ROW.format(row=row_text)
    return labels.GUARD_DETAIL_COLUMN.format(column=col_text)


_SHEET_TAG = re.compile(rb"<(?:[\w.-]+:)?sheet\b[^>]*>")
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b[^>]*>")
_ATTRIBUTE = r"""(?<![\w.-]){}\s*=\s*["']([^"']*)["']"""


def _sheet_names(contents: dict[str, bytes]) -> dict[str, str]:
    """Zip part → the sheet's name as the unit sees it (for messages)."""
    targets = {}
    for tag in _RELATIONSHIP.findall(contents.get("xl/_rels/workbook.xml.rels", b"")):
        rel_id, target = re.search(_ATTRIBUTE.format("Id").encode(), tag), re.search(_ATTRIBUTE.format("Target").encode(), tag)
        if rel_id and target:
            path = target.group(1).decode("utf-8", "replace")
            targets[rel_id.group(1)] = path.lstrip("/") if path.startswith("/") else "xl/" + path
    names = {}
    for tag in _SHEET_TAG.findall(contents.get("xl/workbook.xml", b"")):
        name, rel_id = re.search(_ATTRIBUTE.format("name").encode(), tag), re.search(_ATTRIBUTE.format(r"r:id").encode(), tag)
        if name and rel_id and rel_id.group(1) in targets:
            names[targets[rel_id.group(1)]] = html.unescape(name.group(1).decode("utf-8", "replace"))
    return names


def _stored_zip(contents: dict[str, bytes], crcs: dict[str, int] | None = None) -> bytes:
    """The copy a reader parses: every part as checked (inflated within its size), stored.

    Written by hand: the parts are in memory already and a stored zip is headers around them,
    which costs less than letting the reader inflate them all over again."""
    local, central, offset = [], [], 0
    for name, content in contents.items():
        encoded = name.encode("utf-8")
        crc, size = (crcs or {}).get(name) or zlib.crc32(content), len(content)
        header = struct.pack("<4sHHHHHIIIHH", ZIP_MAGIC, 20, 0x800, 0, 0, 0x21, crc, size, size, len(encoded), 0)
        local += (header, encoded, content)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0x800, 0, 0, 0x21, crc, size,
                                   size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
        offset += len(header) + len(encoded) + size
    directory = b"".join(central)
    if offset > 0xFFFFFFFF or len(contents) > 0xFFFF:  # beyond a plain zip: let zipfile write zip64
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
            for name, content in contents.items():
                target.writestr(name, content)
        return out.getvalue()
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(contents), len(contents), len(directory), offset, 0)
    return b"".join(local) + directory + end


def check_ods_extent(data: bytes, limits: dict[str, int]) -> Refusal | None:
    """ODS repeats rows and columns by count: refuse counts far beyond a unit workbook, except the
    trailing empty rows/columns LibreOffice writes, which calamine skips."""
    try:
        entries = {entry.filename: entry for entry in zipfile.ZipFile(io.BytesIO(data)).infolist()}
        return _ods_extent(read_entry(data, entries["content.xml"]))
    except _Refused as refused:
        return refused.refusal
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error):
        return Refusal("file-truncated", {})


def _ods_extent(content: bytes) -> Refusal | None:
    for match in _ODS_REPEAT.finditer(content):
        count = int(match.group(2))
        if count > ODS_REPEAT_LIMIT:
            return Refusal("file-too-expanded", {"detail": labels.GUARD_DETAIL["repeated"].format(count=count)})
    return None


def _too_far(col: bytes | None, row: bytes | None, max_rows: int, max_cols: int) -> bool:
    if row:
        if int(row) > max_rows:
            return True
    if col:
        number = 0
        for ch in col.upper():
            number = number * 26 + (ch - 64)
        if number > max_cols:
            return True
    return False


def is_flat_ods(data: bytes) -> bool:
    """A flat OpenDocument spreadsheet (.fods): one XML file, sniffed by its content."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<?xml") and b"office:document" in head and b"opendocument.spreadsheet" in head


def workbook_part(rels: bytes, names: set[str]) -> str | None:
    """The workbook part of an OOXML package: where ``_rels/.rels`` points (a valid package may
    put it anywhere, e.g. ``workbook.xml`` at the root), else ``xl/workbook.xml``."""
    for pattern in (_OFFICE_DOCUMENT, _OFFICE_DOCUMENT_2):
        found = pattern.search(rels)
        if found:
            target = html.unescape(found.group(1).decode("utf-8", "replace")).replace("\\", "/").lstrip("/")
            if target in names:
                return target
    for name in ("xl/workbook.xml", "xl/workbook.bin"):
        if name in names:
            return name
    return None
