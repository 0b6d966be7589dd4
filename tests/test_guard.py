"""The guard judges what a file holds, not what it declares (issue 10).

A sheet that declares a far extent over nothing (LibreOffice's dimension to row 1048576, rows
formatted to 10,000) is read from a trimmed copy that gives the same values; a value far away is
refused with its sheet and cell named; a zip entry is never inflated past its declared size.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_xlsx.collect import guard, trim
from cchc_xlsx.collect.read import read_values
from cchc_xlsx.findings import catalogue
from cchc_xlsx.store.workspace import DEFAULT_LIMITS
from tests.corpus import make_corpus as mc

FILES = mc.FILES
LIMITS = DEFAULT_LIMITS
READABLE = sorted(p for p in FILES.glob("*.xlsx")
                  if guard.check(p.read_bytes(), ".xlsx", LIMITS).kind == "xlsx")


def _sheets(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {n: archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")}


def _trim_everything(data: bytes) -> bytes:
    # Every sheet trimmed, as the guard trims the sheets that declare a far extent.
    archive = zipfile.ZipFile(io.BytesIO(data))
    contents = {n: archive.read(n) for n in archive.namelist()}
    for name in _sheets(data):
        result = trim.trim(contents[name], LIMITS["max_sheet_rows"], LIMITS["max_sheet_columns"])
        assert result.far is None, name
        contents[name] = result.xml
    return guard._stored_zip(contents)


@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.name)
def test_a_trimmed_copy_reads_the_same_values(path: Path):
    data = path.read_bytes()
    assert read_values(_trim_everything(data)) == read_values(data)


@pytest.mark.parametrize("name, sheet", [("libreoffice_row_deleted.xlsx", mc.TASKS_SHEET),
                                         ("formatted_rows_10000.xlsx", mc.TASKS_SHEET),
                                         ("dimension_whole_grid.xlsx", mc.TASKS_SHEET),
                                         ("merge_whole_grid.xlsx", mc.CRITERIA_SHEET)])
def test_a_far_extent_over_nothing_is_trimmed_before_the_reader(name: str, sheet: str):
    data = (FILES / name).read_bytes()
    checked = guard.check(data, ".xlsx", LIMITS)
    part = mc.sheet_part(data, sheet)
    assert checked.kind == "xlsx" and checked.trimmed == (part,)
    xml = _sheets(checked.data)[part]
    assert b"<dimension" not in xml and b"1048576" not in xml and b"XFD" not in xml
    assert max(int(r) for r in re.findall(rb'<row r="(\d+)"', xml)) < 100
    # The other sheets are passed on as they were.
    assert {n: x for n, x in _sheets(checked.data).items() if n != part} == \
        {n: x for n, x in _sheets(data).items() if n != part}


def test_a_normal_workbook_is_passed_on_part_for_part():
    data = (FILES / "clean_vp.xlsx").read_bytes()
    checked = guard.check(data, ".xlsx", LIMITS)
    assert checked.kind == "xlsx" and checked.trimmed == ()
    original, copy = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(checked.data))
    assert copy.testzip() is None and copy.namelist() == original.namelist()
    assert all(copy.read(n) == original.read(n) for n in original.namelist())


@pytest.mark.parametrize("name, cell", [("far_cell_xfd1048576.xlsx", "XFD1048576"),
                                        ("far_cell_lowercase.xlsx", "XFD1048576"),
                                        ("far_row_without_cell_refs.xlsx", "A100000"),
                                        ("value_below_formatted_rows.xlsx", "C6000")])
def test_a_value_far_away_is_refused_naming_sheet_and_cell(name: str, cell: str):
    checked = guard.check((FILES / name).read_bytes(), ".xlsx", LIMITS)
    assert checked.kind is None
    assert checked.refusal == guard.Refusal("file-cell-out-of-range", {
        "sheet": mc.TASKS_SHEET, "cell": cell, "rows": LIMITS["max_sheet_rows"], "columns": "BH"})
    message = catalogue.message("file-cell-out-of-range", file=name, **checked.refusal.fields)
    assert f"ô {cell}" in message and mc.TASKS_SHEET in message and "biểu mẫu" in message
    assert "ô 1048576" not in message


def test_a_row_reference_is_never_called_a_cell():
    # The safety net's detail for a far row that the trimming could not read.
    patterns = guard._far_patterns(5000, 60)
    assert guard._far_reference(b'<row r="1048576"></row>', patterns, 5000, 60) == "dòng 1048576"
    assert guard._far_reference(b'<c r="XFD7"/>', patterns, 5000, 60) == "ô XFD7"


def test_trimming_keeps_every_cell_in_its_place():
    xml = (b'<worksheet><dimension ref="A1:XFD1048576"/><sheetData>'
           b'<row><c t="inlineStr"><is><t>a</t></is></c><c s="1"/><c><v>3</v></c></row>'   # row 1: A1, C1
           b'<row r="3" spans="1:3"><c r="B3" s="2"/><c r="C3"><v>7</v></c></row>'
           b'<row><c r="B4"><f>1+1</f></c></row>'                                          # a formula, no value
           b'<row r="9000"><c r="A9000" s="3"/></row><row r="1048576"></row>'
           b'</sheetData><mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="A2:C9000"/>'
           b'<mergeCell ref="A40:XFD1048576"/></mergeCells></worksheet>')
    result = trim.trim(xml, 5000, 60)
    assert result.far is None and (result.rows, result.columns) == (3, 3)
    assert result.xml == (b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c>'
                          b'<c r="C1"><v>3</v></c></row><row r="3"><c r="C3"><v>7</v></c></row></sheetData>'
                          b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>')


def test_trimming_reads_prefixed_elements():
    xml = (b'<x:worksheet xmlns:x="s"><x:dimension ref="A1:L1048576"/><x:sheetData><x:row r="2">'
           b'<x:c r="B2"><x:v>5</x:v></x:c><x:c r="C2" s="1"/></x:row><x:row r="1048576"/></x:sheetData>'
           b'</x:worksheet>')
    result = trim.trim(xml, 5000, 60)
    assert result.xml == (b'<x:worksheet xmlns:x="s"><x:sheetData><x:row r="2"><x:c r="B2"><x:v>5</x:v></x:c>'
                          b'</x:row></x:sheetData></x:worksheet>')


def test_a_prefixed_far_dimension_is_seen():
    data = mc.edit_sheet_xml((FILES / "clean_ttra.xlsx").read_bytes(), mc.TASKS_SHEET, lambda x: re.sub(
        rb'<dimension ref="[^"]*"\s*/>', b'<x:dimension xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" ref="A1:XFD1048576"/>', x))
    checked = guard.check(data, ".xlsx", LIMITS)
    assert checked.kind == "xlsx" and checked.trimmed


# --- zip entries: inflated no further than declared ------------------------------------------

def test_the_lying_zip_is_refused_without_inflating_it():
    data = (FILES / "lying_zip.xlsx").read_bytes()
    part = mc.sheet_part(data, mc.TASKS_SHEET)
    entry = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    assert entry.file_size == 20 * 1024 and len(data) < 2 * 1024 * 1024
    with pytest.raises(guard._Refused) as refused:
        guard.read_entry(data, entry)
    assert refused.value.refusal.code == "file-too-expanded"
    assert part in refused.value.refusal.fields["detail"]
    assert guard.check(data, ".xlsx", LIMITS).refusal == refused.value.refusal


def _zip(content: bytes, declared: int | None = None, crc: int | None = None, method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", content)
    data = out.getvalue()
    entry = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    if declared is not None:
        entry.file_size = declared
    if crc is not None:
        entry.CRC = crc
    return data, entry


def test_an_honest_entry_reads_whole():
    content = b"<worksheet>" + b"x" * 100000 + b"</worksheet>"
    for method in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        data, entry = _zip(content, method=method)
        assert guard.read_entry(data, entry) == content


def test_an_entry_that_inflates_short_or_fails_its_crc_is_a_broken_file():
    content = b"<worksheet>" + b"x" * 1000 + b"</worksheet>"
    data, entry = _zip(content, declared=len(content) + 10)
    with pytest.raises(zipfile.BadZipFile):
        guard.read_entry(data, entry)
    data, entry = _zip(content, crc=zlib.crc32(content) ^ 1)
    with pytest.raises(zipfile.BadZipFile):
        guard.read_entry(data, entry)


def test_an_entry_that_inflates_past_its_size_is_refused():
    content = b"<worksheet>" + b"x" * 1000 + b"</worksheet>"
    data, entry = _zip(content, declared=100, crc=zlib.crc32(content[:100]))
    with pytest.raises(guard._Refused):
        guard.read_entry(data, entry)


def test_limits_apply_to_the_workbook_given():
    data = (FILES / "clean_ttra.xlsx").read_bytes()
    assert guard.check(data, ".xlsx", {**LIMITS, "max_file_bytes": len(data)}).kind == "xlsx"
    refused = guard.check(data, ".xlsx", {**LIMITS, "max_file_bytes": len(data) - 1}).refusal
    assert refused.code == "file-too-large"
    declared = sum(e.file_size for e in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert guard.check(data, ".xlsx", {**LIMITS, "max_uncompressed_bytes": declared - 1}).refusal.code == \
        "file-too-expanded"


def test_an_ods_content_is_read_within_its_size():
    data = (FILES / "libreoffice.ods").read_bytes()
    assert guard.check(data, ".ods", LIMITS).kind == "ods"
    assert guard.check_ods_extent(data, LIMITS) is None


# --- trimming never moves a value: python-calamine reads the same cells before and after -------

_WORKBOOK = {
    "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                           b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                           b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
                           b'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
                           b'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
                           b'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                           b'spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
                       b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                       b'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                                  b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
                                  b'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                                  b'Target="worksheets/sheet1.xml"/></Relationships>',
}

_cell = st.tuples(st.sampled_from(["value", "text", "styled", "formula"]), st.booleans(), st.integers(0, 2))
_row = st.tuples(st.booleans(), st.integers(0, 2), st.lists(_cell, max_size=5))


def _sheet(rows) -> bytes:
    # Rows and cells with or without their reference, some skipping ahead, some holding nothing.
    out, row_number = [], 0
    for with_ref, skip, cells in rows:
        row_number += 1 + skip
        parts, column = [], 0
        for kind, cell_ref, cell_skip in cells:
            column += 1 + (cell_skip if cell_ref else 0)
            ref = f' r="{trim.column_name(column)}{row_number}"' if cell_ref and with_ref else ""
            if not with_ref and cell_ref:  # a cell reference needs its row's number
                column -= cell_skip
            body = {"value": f"<v>{row_number * 100 + column}</v>", "formula": "<f>1+1</f>",
                    "text": f"<is><t>t{row_number}.{column}</t></is>", "styled": None}[kind]
            tag = ' t="inlineStr"' if kind == "text" else ""
            parts.append(f"<c{ref}{tag}>{body}</c>" if body else f'<c{ref} s="0"/>')
        out.append(f'<row{f" r={chr(34)}{row_number}{chr(34)}" if with_ref else ""}>{"".join(parts)}</row>')
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><dimension ref="A1:L1048576"/><sheetData>{"".join(out)}'
            '<row r="1048576"></row></sheetData></worksheet>').encode()


def _cells(sheet: bytes) -> dict[tuple[int, int], object]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(guard._stored_zip({**_WORKBOOK, "xl/worksheets/sheet1.xml": sheet})))
    rows = book.get_sheet_by_name("S").to_python(skip_empty_area=False)
    return {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row) if v not in ("", None)}


@settings(max_examples=60, deadline=None)
@given(st.lists(_row, max_size=8))
def test_trimming_keeps_what_calamine_reads(rows):
    sheet = _sheet(rows)
    trimmed = trim.trim(sheet, 5000, 60)
    assert trimmed.far is None
    assert b"1048576" not in trimmed.xml
    assert _cells(trimmed.xml) == _cells(sheet.replace(b'<row r="1048576"></row>', b"")
                                         .replace(b'<dimension ref="A1:L1048576"/>', b""))
