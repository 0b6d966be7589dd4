"""Which spreadsheet is a return: the one place that decides it (DESIGN.md "Which file is a return").

Only a workbook carrying our ``_meta`` sheet can be a unit's return. A spreadsheet with our data
sheets but no ``_meta`` (answers copied into a new workbook) is still analysed, identified by name,
unless a workbook with ``_meta`` came beside it. Any other spreadsheet (a unit's own statistics
table) is evidence of the return it came with. Only sheet names are read, within the limits.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

from cchc_xlsx import text as labels
from cchc_xlsx.core.values import fold_key

META, SHEETS, OTHER, UNKNOWN = "meta", "sheets", "", "unknown"
RETURN_MARKS = (META, SHEETS, UNKNOWN)   # analysed as a possible return
_NAME_BYTES = 1024 * 1024                # a workbook.xml or content.xml larger than this is not peeked at
_SHEET_NAME = re.compile(rb'<(?:[\w.-]+:)?sheet\b[^>]*?\sname\s*=\s*["\']([^"\']*)["\']')
_ODS_TABLE = re.compile(rb'<table:table\b[^>]*?table:name\s*=\s*["\']([^"\']*)["\']')


def return_mark(data: bytes) -> str:
    """What a spreadsheet's bytes say it is.

    Returns:
        ``"meta"``: it carries our ``_meta`` sheet (a return); ``"sheets"``: our data sheets
        without ``_meta``; ``""``: a spreadsheet of some other kind (evidence); ``"unknown"``: it
        cannot be looked into (encrypted, broken, a format we cannot read): analysed, so that its
        problem is said.
    """
    try:
        names = sheet_names(data)
    except Exception:  # whatever a broken container raises: the analysis will say what is wrong
        return UNKNOWN
    return UNKNOWN if names is None else mark_of(names)


def mark_of(names: list[str]) -> str:
    """``return_mark`` of a workbook whose sheet names are read (the analysis has them anyway)."""
    folded = {fold_key(name) for name in names}
    if fold_key(labels.SHEET_META) in folded:
        return META
    if folded & {fold_key(labels.SHEET_TASKS), fold_key(labels.SHEET_CRITERIA)}:
        return SHEETS
    return OTHER


def sheet_names(data: bytes) -> list[str] | None:
    """The sheet names of an .xlsx/.xlsm/.xlsb, .ods, .fods or .xls; None when they cannot be read."""
    from cchc_xlsx.collect import guard

    if data.startswith(guard.OLE2_MAGIC):
        return _ole_names(data)
    if data.startswith(guard.ZIP_MAGIC):
        return _zip_names(data)
    if guard.is_flat_ods(data):
        return [html.unescape(n.decode("utf-8", "replace")) for n in _ODS_TABLE.findall(data)]
    return None


def _ole_names(data: bytes) -> list[str] | None:
    # An .xls names its sheets in BoundSheet records, 8-bit or UTF-16: look for ours as bytes.
    from cchc_xlsx.collect import guard

    if guard.is_encrypted(data):
        return None
    found = [name for name in (labels.SHEET_META, labels.SHEET_TASKS, labels.SHEET_CRITERIA)
             if name.encode("utf-16-le") in data or (name.isascii() and name.encode("ascii") in data)]
    if found:
        return found
    return [] if _is_workbook_stream(data) else None


def _is_workbook_stream(data: bytes) -> bool:
    # An Excel 97-2003 file names its stream "Workbook" (or "Book"); a .msg or a .doc does not.
    return "Workbook".encode("utf-16-le") in data[:1 << 20] or "Book".encode("utf-16-le") in data[:1 << 20]


def _zip_names(data: bytes) -> list[str] | None:
    from cchc_xlsx.collect import guard

    archive = zipfile.ZipFile(io.BytesIO(data))
    entries = {entry.filename.replace("\\", "/"): entry for entry in archive.infolist()}

    def part(name: str) -> bytes | None:
        entry = entries.get(name)
        if entry is None or entry.file_size > _NAME_BYTES:
            return None
        return guard.read_entry(data, entry)

    if "content.xml" in entries:  # OpenDocument
        if guard.is_encrypted(data):
            return None
        content = part("content.xml")
        return None if content is None else [html.unescape(n.decode("utf-8", "replace"))
                                             for n in _ODS_TABLE.findall(content)]
    workbook = guard.workbook_part(part("_rels/.rels") or b"", set(entries))
    if workbook is None:
        return None
    if workbook.endswith(".bin"):  # .xlsb: a format we cannot read; its sender hears to save as .xlsx
        return None
    content = part(workbook)
    return None if content is None else [html.unescape(n.decode("utf-8", "replace"))
                                         for n in _SHEET_NAME.findall(content)]
