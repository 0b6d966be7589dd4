"""Number formats read cheaply and safely (collect/formats.py), and the decision they drive:
value × format → the percentage meant, or a finding (hypothesis)."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cchc_xlsx import text as labels
from cchc_xlsx.collect import formats
from cchc_xlsx.collect.read import Table
from cchc_xlsx.validate import Context, check_tasks
from cchc_xlsx.store.workspace import DEFAULT_LIMITS


@pytest.mark.parametrize("code, percent", [
    ("0%", True), ("0.00%", True), ("#,##0.0%;[Red]-0.0%", True), ("General", False), ("0.##", False),
    ('0" %"', False), ("0\\%", False), ('"tỷ lệ %" 0', False), ("[$%-409]0", False), ("dd/mm/yyyy", False),
])
def test_percent_codes(code, percent):
    assert formats.is_percent_code(code) is percent


def _xlsx(cells: dict[str, tuple[object, str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = labels.SHEET_TASKS
    for ref, (value, number_format) in cells.items():
        sheet[ref].value, sheet[ref].number_format = value, number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_percent_cells_by_style():
    data = _xlsx({"H5": (0.8, "0%"), "H6": (80, "General"), "E7": (0.5, "0.0%"), "B2": ("x", "@")})
    found = formats.percent_cells(data, "xlsx", [labels.SHEET_TASKS], DEFAULT_LIMITS)
    assert found == {labels.SHEET_TASKS: frozenset({(5, 7), (7, 4)})}


def _rezip(data: bytes, change) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, change(item.filename, source.read(item.filename)))
    return out.getvalue()


def test_cells_without_a_reference_are_placed_by_position():
    data = _xlsx({"A5": (1, "General"), "B5": (0.8, "0%")})
    stripped = _rezip(data, lambda name, body: body.replace(b' r="B5"', b"") if name.endswith("sheet1.xml") else body)
    found = formats.percent_cells(stripped, "xlsx", [labels.SHEET_TASKS], DEFAULT_LIMITS)
    assert found[labels.SHEET_TASKS] == frozenset({(5, 1)})


def test_an_entry_inflating_beyond_the_cap_is_refused_not_read():
    data = _xlsx({"H5": (0.8, "0%")})
    bomb = _rezip(data, lambda name, body: body + b" " * 3_000_000 if name.endswith("sheet1.xml") else body)
    with pytest.raises(formats.FormatsUnreadable):
        formats.percent_cells(bomb, "xlsx", [labels.SHEET_TASKS], {**DEFAULT_LIMITS, "max_uncompressed_bytes": 1_000_000})


def test_malformed_styles_and_entities_are_unreadable_formats():
    data = _xlsx({"H5": (0.8, "0%")})
    broken = _rezip(data, lambda name, body: b"<styleSheet" if name == "xl/styles.xml" else body)
    with pytest.raises(formats.FormatsUnreadable):
        formats.percent_cells(broken, "xlsx", [labels.SHEET_TASKS], DEFAULT_LIMITS)
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><workbook>&e;</workbook>'
    hostile = _rezip(data, lambda name, body: entity if name == "xl/workbook.xml" else body)
    assert formats.percent_cells(hostile, "xlsx", [labels.SHEET_TASKS], DEFAULT_LIMITS) == {}  # never expanded
    with pytest.raises(formats.FormatsUnreadable):
        formats.percent_cells(b"\xd0\xcf\x11\xe0 not really", "xls", [labels.SHEET_TASKS], DEFAULT_LIMITS)


# --- the decision, through validation ------------------------------------------------------

def _completion(shipped, value, percent_format: bool | None):
    plan = shipped.plan
    task = plan.tasks_for("TTRA")[0]
    columns = {key: i for i, key in enumerate(labels.TASK_HEADERS)}
    cells = [None] * len(columns)
    cells[columns["code"]], cells[columns["completion"]] = task.code, value
    cells[columns["status"]] = labels.STATUS_IN_PROGRESS
    percent = None if percent_format is None else frozenset({(5, columns["completion"])} if percent_format else ())
    table = Table(labels.SHEET_TASKS, 4, columns, [(5, cells)], percent=percent)
    ctx = Context("t.xlsx", plan, "TTRA", plan.period("h1"))
    check_tasks(ctx, table)
    [row] = ctx.checked.task_values
    found = [f["code"] for f in ctx.checked.findings if f["field"] == "completion"]
    return row, found


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.one_of(st.integers(-5, 300), st.floats(-1, 300, allow_nan=False, allow_infinity=False)),
       st.sampled_from([True, False, None]))
def test_value_and_format_give_the_meaning_or_a_finding(shipped, value, percent_format):
    row, found = _completion(shipped, value, percent_format)
    percent = round(value * 100, 9) if percent_format else value * 100 if percent_format is None and 0 < value <= 1 else value
    no_checks = [c for c in found if c != "completion-status"]
    if percent < 0 or (percent > 100 and not percent_format):
        assert no_checks == ["completion-invalid"] and row["completion"] is None and row["left_out"] == "completion"
    elif percent > 100:
        assert no_checks == ["percent-above-100"] and row["completion"] is None
    else:
        assert row["completion"] == pytest.approx(percent, abs=1e-9) and row["left_out"] == ""
        expected = ("percent-fraction" if percent_format is False and 0 < value < 1 else
                    "value-ambiguous" if percent_format is None and 0 < value <= 1 else None)
        assert no_checks == ([expected] if expected else [])


def test_formats_not_readable_fall_back_to_the_value_rule_with_a_warning(shipped, tmp_path, monkeypatch):
    from cchc_xlsx.collect.analyse import analyse
    from cchc_xlsx.generate import generate_period, units_to_generate

    plan = shipped.plan
    [unit] = [u for u in units_to_generate(plan) if u.code == "TTRA"]
    path = generate_period(plan, "h1", tmp_path, [unit]).written[0].path
    book = openpyxl.load_workbook(path)
    task = plan.tasks_for("TTRA")[0]
    column = list(labels.TASK_HEADERS).index("completion") + 1
    book[labels.SHEET_TASKS].cell(5, column).value = 0.8
    book.save(path)

    def unreadable(*args):
        raise formats.FormatsUnreadable("test")

    monkeypatch.setattr(formats, "percent_cells", unreadable)
    analysis = analyse(path.read_bytes(), path.name, "", plan, "h1", DEFAULT_LIMITS)
    codes = [f["code"] for f in analysis.findings]
    assert "formats-unknown" in codes and "value-ambiguous" in codes
    assert next(r for r in analysis.task_values if r["code"] == task.code)["completion"] == pytest.approx(80)


def test_strict_open_xml_namespaces():
    data = _xlsx({"H5": (0.8, "0%")})
    spellings = ((b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
                 (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                  b"http://purl.oclc.org/ooxml/officeDocument/relationships"))

    def strict(name, body):
        if name.endswith(".rels"):
            return body
        for transitional, purl in spellings:
            body = body.replace(transitional, purl)
        return body

    found = formats.percent_cells(_rezip(data, strict), "xlsx", [labels.SHEET_TASKS], DEFAULT_LIMITS)
    assert found == {labels.SHEET_TASKS: frozenset({(5, 7)})}


def test_an_older_ledger_gets_the_per_cell_views(tmp_path):
    import sqlite3

    from cchc_xlsx.store.ledger import SCHEMA, Ledger

    path = tmp_path / "ledger.sqlite"
    old = SCHEMA.replace(", json_extract(j.value, '$.left_out') AS left_out", "").replace(
        "COALESCE(v.left_out, '') AS left_out, ", "").replace(" OR v.left_out IS NOT NULL", "")
    with sqlite3.connect(path) as db:
        db.executescript(old)
        views = db.execute("SELECT sql FROM sqlite_master WHERE name = 'merged_tasks'").fetchone()[0]
    assert "left_out" not in views
    with Ledger(path) as ledger:
        columns = [row[1] for row in ledger.query("PRAGMA table_info(merged_tasks)")]
    assert "left_out" in columns


def test_formats_from_the_guards_parts_equal_formats_from_the_file():
    from cchc_xlsx.collect import guard

    data = _xlsx({"H5": (0.8, "0%"), "H6": (80, "General"), "E7": (0.5, "0.0%"), "C9": (0.25, "0.00%")})
    checked = guard.check(data, ".xlsx", DEFAULT_LIMITS)
    from_parts = formats.percent_cells(data, "xlsx", [labels.SHEET_TASKS], DEFAULT_LIMITS, checked.parts)
    assert from_parts == formats.percent_cells(data, "xlsx", [labels.SHEET_TASKS], DEFAULT_LIMITS)
    assert from_parts[labels.SHEET_TASKS] == frozenset({(5, 7), (7, 4), (9, 2)})
