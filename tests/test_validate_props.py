"""Property tests: arbitrary cell values at the validation rules, arbitrary bytes at the guard.

Whatever a returned file holds (text in any script, huge, negative or NaN numbers, booleans,
dates and times where numbers belong, empty cells), validation must not raise, every finding
must come from the catalogue, the points must stay within [0, max], and what it produces must
fit in the ledger. The guard must answer for any bytes, however broken the zip.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cchc_xlsx import text as labels
from cchc_xlsx.rules import scoring
from cchc_xlsx.collect import guard
from cchc_xlsx.collect.read import Table
from cchc_xlsx.findings import catalogue
from cchc_xlsx.findings.catalogue import CATALOGUE, SEVERITY
from cchc_xlsx.store.ledger import Ledger, Submission
from cchc_xlsx.plan import load_plan
from cchc_xlsx.validate import Context, check_criteria, check_tasks
from cchc_xlsx.store.workspace import DEFAULT_LIMITS
from tests.corpus import make_corpus as mc

PLAN = load_plan().plan
PERIOD = PLAN.period("q1")
UNITS = [u.code for u in PLAN.workbook_units() if PLAN.tasks_for(u.code) or PLAN.leaves_scored_by(u.code)]
TASK_COLUMNS = {key: i for i, key in enumerate(labels.TASK_HEADERS)}
CRITERIA_COLUMNS = {key: i for i, key in enumerate(labels.CRITERIA_HEADERS)}
PROFILE = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TYPED = [
    "", " ", "\u00a0", "0", "0,5", "0.5", ",5", "1.234", "1.234,5", "1,234.5", "1,2,3", "-0", "-5", "+7", "1e308",
    "1e309", "nan", "NaN", "inf", "-inf", "80%", "80 %", "%", "150%", "0,8", "99999999999999999999999", "١٢٣",
    "Có", "có ", "CÓ", "x", "Không", "không đạt", "maybe", "Có thể", "Đạt", "1.", "1. ", "2. Mức hai", "0. Không",
    "-1. Âm", "99. Xa", "Hoàn thành", "Hoa\u0300n tha\u0300nh", "hoàn  thành", "Đang thực hiện", "Chưa triển khai",
    "Không phát sinh", "15/02/2022", "31/02/2022", "29/02/2024", "1-3-2022", "27.01.22", "2022-01-27",
    "2022-13-01", "ngày 20 tháng 02 năm 2022", "44607", "44607,5", "0/0/0", "00/00/0000", "=SUM(A1:A9)",
    "=1/0", "#N/A", "#DIV/0!", "TRUE", "\x00", "\ufeff", "𝟙𝟘𝟘", "½", "²", "\u202e100", "a" * 3000,
]


def cell_values():
    """What python-calamine hands over for a cell, and then some."""
    return st.one_of(
        st.none(),
        st.sampled_from(TYPED),
        st.text(max_size=30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.floats(min_value=-1, max_value=2),
        st.integers(min_value=-(10 ** 30), max_value=10 ** 30),
        st.integers(min_value=-5, max_value=200),
        st.booleans(),
        st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
        st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2023, 12, 31)),
        st.times(),
        st.timedeltas(min_value=dt.timedelta(days=-10 ** 6), max_value=dt.timedelta(days=10 ** 6)),
    )


def codes_for(expected: list[str]):
    """Row codes: mostly the plan's own (so rules run), sometimes spelt oddly, unknown, or absent."""
    return st.one_of(st.sampled_from(expected), st.sampled_from(expected).map(lambda c: f" {c}\u00a0"),
                     st.sampled_from(expected).map(str.lower), cell_values())


@st.composite
def task_table(draw):
    unit = draw(st.sampled_from(UNITS))
    codes = [t.code for t in PLAN.tasks_for(unit)]
    rows = []
    count = draw(st.integers(min_value=0, max_value=min(len(codes) + 3, 12)))
    for index in range(count):
        cells = [draw(cell_values()) for _ in TASK_COLUMNS]
        cells[TASK_COLUMNS["code"]] = draw(codes_for(codes))
        if draw(st.booleans()):  # well-typed values half of the time, so the later rules are reached
            cells[TASK_COLUMNS["status"]] = draw(st.sampled_from(labels.STATUSES))
            cells[TASK_COLUMNS["completed_on"]] = draw(st.one_of(
                st.none(), st.datetimes(min_value=dt.datetime(2021, 12, 1), max_value=dt.datetime(2022, 12, 31))))
            cells[TASK_COLUMNS["evidence"]] = draw(st.sampled_from([None, "", " ", "Công văn số 1/STTTT"]))
        width = draw(st.integers(min_value=0, max_value=len(TASK_COLUMNS) + 2))  # short and long rows
        rows.append((5 + index, (cells + [draw(cell_values()) for _ in range(2)])[:width]))
    return unit, Table(labels.SHEET_TASKS, 4, dict(TASK_COLUMNS), rows)


@st.composite
def criteria_table(draw):
    unit = draw(st.sampled_from([u for u in UNITS if PLAN.leaves_scored_by(u)]))
    leaves = PLAN.leaves_scored_by(unit)
    codes = [c.code for c in leaves] + [c.code for c in PLAN.criteria if not c.is_leaf][:5]
    rows = []
    count = draw(st.integers(min_value=0, max_value=12))
    for index in range(count):
        cells = [draw(cell_values()) for _ in CRITERIA_COLUMNS]
        code = draw(codes_for(codes))
        cells[CRITERIA_COLUMNS["code"]] = code
        leaf = next((c for c in leaves if c.code == code), None)
        if leaf is not None and draw(st.booleans()):  # an answer of the row's own kind
            cells[CRITERIA_COLUMNS["result"]] = draw(st.one_of(
                st.sampled_from([scoring.level_label(lv) for lv in leaf.levels] or [labels.YES]),
                st.sampled_from([labels.YES, labels.NO]),
                st.floats(min_value=-10, max_value=200), st.integers(min_value=-3, max_value=20)))
        rows.append((5 + index, cells))
    return unit, Table(labels.SHEET_CRITERIA, 4, dict(CRITERIA_COLUMNS), rows)


def _check_findings(ctx: Context) -> None:
    for finding in ctx.checked.findings:
        assert finding.code in CATALOGUE, finding
        assert finding["severity"] == SEVERITY[finding["code"]]
        assert isinstance(finding["message"], str) and finding["message"]
        assert "{" not in finding["message"].replace(str(finding.value), ""), finding["message"]
        for key in ("sheet", "cell", "row_code", "field", "value"):
            assert isinstance(finding[key], str), (key, finding)


def _record(ctx: Context) -> None:
    """What validation produced must fit in the ledger (no exotic type, no unstorable number)."""
    with Ledger(Path(":memory:")) as ledger:
        ledger.record(Submission(sha256="0" * 64, period="q1", file_name="x.xlsx", source="x.xlsx", unit=ctx.unit,
                                 verdict="accepted", findings=ctx.checked.findings,
                                 task_values=ctx.checked.task_values,
                                 criterion_values=ctx.checked.criterion_values))


@PROFILE
@given(task_table())
def test_task_rules_take_any_cell_values(drawn):
    unit, table = drawn
    ctx = Context("tệp.xlsx", PLAN, unit, PERIOD)
    check_tasks(ctx, table)
    _check_findings(ctx)
    known = {t.code for t in PLAN.tasks_for(unit)}
    seen = set()
    for value in ctx.checked.task_values:
        assert value["code"] in known and value["code"] not in seen
        seen.add(value["code"])
        assert value["status"] in (None, *labels.STATUSES)
        if value["completion"] is not None:
            assert 0 <= value["completion"] <= 100
        if value["completed_on"] is not None:
            assert dt.date.fromisoformat(value["completed_on"]).year in (PLAN.year - 1, PLAN.year)
    _record(ctx)


@PROFILE
@given(criteria_table())
def test_criteria_rules_take_any_cell_values(drawn):
    unit, table = drawn
    ctx = Context("tệp.xlsx", PLAN, unit, PERIOD)
    check_criteria(ctx, table)
    _check_findings(ctx)
    leaves = {c.code: c for c in PLAN.leaves_scored_by(unit)}
    for value in ctx.checked.criterion_values:
        leaf = leaves[value["code"]]
        points = value["points"]
        assert isinstance(points, float) and math.isfinite(points), value
        assert 0 <= points <= scoring.leaf_max(leaf) + 1e-9, (leaf.code, leaf.rule, value)
        if value["not_applicable"]:
            assert PLAN.allows_not_applicable(leaf.code) and points == 0
    _record(ctx)


# --- the guard ----------------------------------------------------------------------------

VALID = mc.filled("ISO").save()


def _deflate_start(data: bytes, sheet: str) -> int:
    """Where the compressed bytes of ``sheet`` begin in the zip ``data``."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(mc.sheet_part(data, sheet))
    return info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)


# Bytes flipped inside a sheet's deflate stream: zipfile raises zlib.error, not BadZipFile.
DAMAGED_DEFLATE = [(_deflate_start(VALID, mc.TASKS_SHEET) + k, 0x5A) for k in range(40, 80)]


def _answer_is_sane(answer) -> None:
    kind, refusal = answer
    assert (kind is None) != (refusal is None)
    if refusal is not None:
        assert refusal.code in CATALOGUE
        catalogue.message(refusal.code, file="x.xlsx", **refusal.fields)
    else:
        assert kind in ("xlsx", "xls", "ods")


@PROFILE
@given(st.binary(max_size=4096), st.sampled_from([".xlsx", ".xlsm", ".xls", ".ods", ""]))
def test_guard_answers_for_any_bytes(data, extension):
    _answer_is_sane(guard.inspect(data, extension, DEFAULT_LIMITS))


@PROFILE
@given(st.sampled_from([guard.ZIP_MAGIC, guard.OLE2_MAGIC]), st.binary(max_size=2048))
def test_guard_answers_for_any_bytes_after_a_magic_number(magic, rest):
    _answer_is_sane(guard.inspect(magic + rest, ".xlsx", DEFAULT_LIMITS))


def _damaged() -> bytes:
    return (mc.FILES / "corrupt_deflate.xlsx").read_bytes()


@PROFILE
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=len(VALID) - 1), st.integers(min_value=1, max_value=255)),
                min_size=1, max_size=8),
       st.integers(min_value=0, max_value=len(VALID)))
@example(flips=DAMAGED_DEFLATE, cut=len(VALID))
def test_guard_answers_for_a_damaged_workbook(flips, cut):
    data = bytearray(VALID)
    for offset, mask in flips:
        data[offset] ^= mask
    _answer_is_sane(guard.inspect(bytes(data[:cut]), ".xlsx", DEFAULT_LIMITS))


def test_guard_reports_a_damaged_compressed_sheet_as_a_broken_file():
    assert guard.inspect(_damaged(), ".xlsx", DEFAULT_LIMITS) == (None, guard.Refusal("file-truncated", {}))


@PROFILE
@given(st.sampled_from(["r", "ref"]), st.sampled_from(['"', "'"]), st.sampled_from(["=", " = "]),
       st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
       st.integers(min_value=1, max_value=1048576), st.booleans())
def test_guard_refuses_every_spelling_of_a_far_cell(attribute, quote, equals, column, row, lower):
    number = 0
    for letter in column:
        number = number * 26 + ord(letter) - 64
    if number > 16384:
        column, number = "XFD", 16384
    reference = f"{column.lower() if lower else column}{row}"
    if attribute == "r":
        xml = f"<row r={quote}{row}{quote}><c r{equals}{quote}{reference}{quote}><v>1</v></c></row></sheetData>"
        edit = lambda x: x.replace(b"</sheetData>", xml.encode())  # noqa: E731
    else:
        dimension = f"<dimension ref{equals}{quote}A1:{reference}{quote}/>".encode()
        edit = lambda x: re.sub(rb"<dimension [^>]*/>", dimension, x)  # noqa: E731
    data = mc.edit_sheet_xml(VALID, mc.TASKS_SHEET, edit)
    kind, refusal = guard.inspect(data, ".xlsx", DEFAULT_LIMITS)
    beyond = row > DEFAULT_LIMITS["max_sheet_rows"] or number > DEFAULT_LIMITS["max_sheet_columns"]
    if beyond and attribute == "r":  # a value there: refused, naming the cell
        assert refusal is not None and refusal.code == "file-cell-out-of-range", (reference, attribute, quote, equals)
        assert refusal.fields["cell"] == reference.upper()
    else:  # a far dimension over nothing is read without it (issue 10)
        assert kind == "xlsx", (reference, refusal)


@pytest.mark.parametrize("columns", [60, 16384, 20000, 100000])
def test_guard_takes_any_column_limit(columns):
    limits = {**DEFAULT_LIMITS, "max_sheet_columns": columns, "max_sheet_rows": 10 ** 7}
    _answer_is_sane(guard.inspect(VALID, ".xlsx", limits))
    far = (mc.FILES / "far_cell_xfd1048576.xlsx").read_bytes()
    _answer_is_sane(guard.inspect(far, ".xlsx", limits))
