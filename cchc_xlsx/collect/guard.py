"""Look at a received file's bytes before any parser sees them.

A returned file is untrusted: a 0.8 MB zip can unpack to 200 MB (openpyxl then takes minutes
and gigabytes), and a sheet that declares a cell far away makes python-calamine request the
whole rectangle and abort the process. So: check the container type against the extension,
the zip's declared sizes and entry count, and the extent every sheet declares, against the
workspace's limits. Pure functions over bytes; they name a finding code or return None.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from cchc_xlsx import labels

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
BIFF8_BOF, FILEPASS = b"\x09\x08\x10\x00", b"\x2f\x00"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

# The values of the attributes that place cells and ranges (r="A1", ref="A1:B2", sqref="A1 B2:C3"), in
# either quotes and with spaces around "=", as XML allows; references in either case, with $.
# Only the ranges calamine reads (the sheet's dimension and merged cells), not e.g. data validations.
_RANGE_ATTRIBUTES = (re.compile(rb'<dimension\s[^>]*?ref\s*=\s*["\']([^"\']*)'),
                     re.compile(rb'<mergeCell\s[^>]*?ref\s*=\s*["\']([^"\']*)'))
_REF_SPLIT = re.compile(rb'[\s:]+')
_CELL = re.compile(rb'\$?([A-Za-z]{0,3})\$?([0-9]{0,7})')
ODS_REPEAT_LIMIT = 2 ** 20 + 16384  # a whole sheet's empty rows, as LibreOffice writes them
_ODS_REPEAT = re.compile(rb'number-(rows|columns)-repeated="([0-9]+)"')


@dataclass(frozen=True)
class Refusal:
    """Why a file is not parsed: a finding code and its fields."""

    code: str
    fields: dict


def inspect(data: bytes, extension: str, limits: dict[str, int]) -> tuple[str | None, Refusal | None]:
    """Decide how to read ``data`` or why not to.

    Args:
        data: the file's bytes.
        extension: its extension, lower case, with the dot.
        limits: the workspace's limits (max_file_bytes, max_uncompressed_bytes, max_zip_entries,
            max_sheet_rows, max_sheet_columns).

    Returns:
        (format, None) with format "xlsx", "xls" or "ods", or (None, Refusal).
    """
    if len(data) > limits["max_file_bytes"]:
        return None, Refusal("file-too-large", {"size": size_text(len(data)), "limit": size_text(limits["max_file_bytes"])})
    if data.startswith(OLE2_MAGIC):
        if ENCRYPTED_MARK in data:
            return None, Refusal("file-encrypted", {})
        if extension == ".xls":
            bof = data.find(BIFF8_BOF)  # the workbook globals: FILEPASS right after BOF means encrypted
            if bof >= 0 and data[bof + 20:bof + 22] == FILEPASS:
                return None, Refusal("file-encrypted", {})
            return "xls", None
        return None, Refusal("file-not-spreadsheet", {"expected": extension})
    if not data.startswith(ZIP_MAGIC):
        return None, Refusal("file-not-spreadsheet", {"expected": extension})
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        return None, Refusal("file-truncated", {})
    refusal = _check_sizes(entries, limits)
    if refusal:
        return None, refusal
    names = {entry.filename for entry in entries}
    try:
        if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
            return ("ods", None) if extension == ".ods" else (None, Refusal("file-not-spreadsheet",
                                                                            {"expected": extension}))
        if "xl/workbook.xml" not in names:
            return None, Refusal("file-not-spreadsheet", {"expected": extension})
        if extension not in (".xlsx", ".xlsm"):
            return None, Refusal("file-not-spreadsheet", {"expected": extension})
        refusal = _check_extents(archive, entries, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError, NotImplementedError):
        return None, Refusal("file-truncated", {})
    return (None, refusal) if refusal else ("xlsx", None)


def _check_sizes(entries: list[zipfile.ZipInfo], limits: dict[str, int]) -> Refusal | None:
    if len(entries) > limits["max_zip_entries"]:
        return Refusal("file-too-expanded", {"detail": labels.GUARD_DETAIL["entries"].format(count=len(entries))})
    declared = sum(entry.file_size for entry in entries)
    if declared > limits["max_uncompressed_bytes"]:
        return Refusal("file-too-expanded", {"detail": labels.GUARD_DETAIL["expanded"].format(size=size_text(declared))})
    return None


def _check_extents(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], limits: dict[str, int]) -> Refusal | None:
    # zipfile stops reading at the declared size, so this read is bounded by the check above.
    max_rows, max_cols = limits["max_sheet_rows"], limits["max_sheet_columns"]
    # Only references long enough to be out of bounds are matched (a column of as many letters as
    # the limit's, a row of as many digits), then compared exactly: a normal sheet has none.
    # Each pattern starts with a literal ('="' of r="A1"/ref="A1:B2", or ':' of a range), which
    # the regex engine finds fast; patterns on a class or an alternation were 30 times slower.
    letters, digits = min(len(_column_name(max_cols)), 3), len(str(max_rows))
    cells = [re.compile(rb'r\s*=\s*["\']\$?([A-Za-z]{%d,3})()\$?[0-9]' % letters),
             re.compile(rb'r\s*=\s*["\']\$?([A-Za-z]{0,3})\$?([0-9]{%d,})' % digits)]
    for entry in entries:
        name = entry.filename
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        xml = archive.read(entry)
        for pattern in cells:
            for match in pattern.finditer(xml):
                if _too_far(match.group(1), match.group(2), max_rows, max_cols):
                    return Refusal("file-too-expanded", {"detail": labels.GUARD_DETAIL["cell"].format(ref=_ref(match.group(1), match.group(2)))})
        for match in (m for pattern in _RANGE_ATTRIBUTES for m in pattern.finditer(xml)):
            for ref in _REF_SPLIT.split(match.group(1)):
                cell = _CELL.fullmatch(ref)
                if cell and _too_far(cell.group(1), cell.group(2), max_rows, max_cols):
                    return Refusal("file-too-expanded", {"detail": labels.GUARD_DETAIL["range"].format(ref=ref.decode("ascii", "replace"))})
    return None


def _column_name(number: int) -> str:
    name = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        name = chr(65 + remainder) + name
    return name


def check_ods_extent(data: bytes, limits: dict[str, int]) -> Refusal | None:
    """ODS repeats rows and columns by count: refuse counts far beyond a unit workbook, except the
    trailing empty rows/columns LibreOffice writes, which calamine skips."""
    try:
        content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return Refusal("file-truncated", {})
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


def _ref(col: bytes | None, row: bytes | None) -> str:
    return (col or b"").decode().upper() + (row or b"").decode()


def size_text(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count / 1024:.0f} KB"
