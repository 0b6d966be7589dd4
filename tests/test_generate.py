"""Unit workbooks, opened with a second program (openpyxl, LibreOffice) rather than trusted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
import shutil
import subprocess

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_xlsx import text as labels
from cchc_xlsx.core import layout
from cchc_xlsx.rules import scoring
from cchc_xlsx.cli import cli
from cchc_xlsx.generate import generate_period, read_manifest, units_to_generate
from cchc_xlsx.xlsx.libreoffice import XLSX_FILTER, convert, find_soffice
from cchc_xlsx.rules.scoring import Result
from cchc_xlsx.core.values import parse_percent
from tests.conftest import require

NOW = dt.datetime(2022, 3, 1, 8, 0)


@pytest.fixture(scope="module")
def q1_books(tmp_path_factory, shipped):
    outdir = tmp_path_factory.mktemp("q1")
    result = generate_period(shipped.plan, "q1", outdir, units_to_generate(shipped.plan), now=NOW)
    assert result.failures == []
    return result


def header_row(sheet) -> tuple[int, dict[str, int]]:
    for row in sheet.iter_rows(min_row=1, max_row=10):
        values = [c.value for c in row]
        if labels.TASK_HEADERS["code"] in values:
            return row[0].row, {v: i + 1 for i, v in enumerate(values) if v}
    raise AssertionError("no header row")


def input_columns(headers: dict[str, int], keys, titles: dict[str, str]) -> list[int]:
    return [headers[titles[k]] for k in keys]


def test_every_unit_gets_a_workbook_for_every_period(shipped, tmp_path):
    expected = {u.code for u in units_to_generate(shipped.plan)}
    assert expected == {"VP", "TTRA", "BCVT", "TTBC", "TTCNTT", "ISO"}
    for period in shipped.plan.periods:
        result = generate_period(shipped.plan, period.code, tmp_path / period.code,
                                 units_to_generate(shipped.plan), now=NOW)
        assert {w.unit for w in result.written} == expected and not result.failures
        manifest = read_manifest(tmp_path / period.code)
        assert {row["unit"] for row in manifest} == expected


def test_workbook_contract(q1_books, shipped):
    for written in q1_books.written:
        book = openpyxl.load_workbook(written.path)
        assert book.sheetnames[:3] == [labels.SHEET_GUIDE, labels.SHEET_TASKS, labels.SHEET_CRITERIA]
        meta = {row[0].value: row[1].value for row in book[labels.SHEET_META].iter_rows()}
        assert book[labels.SHEET_META].sheet_state == "veryHidden"
        assert meta["unit"] == written.unit and meta["period"] == "q1" and meta["year"] == "2022"
        assert meta["plan_id"] == shipped.plan.plan_id and meta["schema"] == layout.SCHEMA
        assert set(meta) == set(layout.META_KEYS)
        _check_table(book[labels.SHEET_TASKS], labels.TASK_HEADERS, layout.TASK_INPUTS, written.task_rows)
        _check_table(book[labels.SHEET_CRITERIA], labels.CRITERIA_HEADERS, layout.CRITERIA_INPUTS,
                     written.criteria_rows)
        for sheet in book.worksheets:
            if sheet.sheet_state == "visible":
                _check_print(sheet)


def _check_table(sheet, titles: dict[str, str], inputs, rows: int) -> None:
    header, headers = header_row(sheet)
    assert list(headers) == list(titles.values())
    assert sheet.protection.sheet
    validated = set()
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            validated.update((r, c) for r in range(cell_range.min_row, cell_range.max_row + 1)
                             for c in range(cell_range.min_col, cell_range.max_col + 1))
        assert validation.prompt and validation.error
    wanted = set(input_columns(headers, inputs, titles))
    unlocked = set()
    for row in sheet.iter_rows(min_row=header + 1):
        for cell in row:
            if not cell.protection.locked:
                unlocked.add((cell.row, cell.column))
                assert cell.fill.fgColor.rgb.endswith("FFF2CC")
    assert unlocked <= validated, f"{sheet.title}: input cells without validation"
    columns = {c for _, c in unlocked}
    # Every input column has inputs, but hạ chuẩn only where the plan allows it.
    assert wanted - {headers[titles.get("not_applicable", "")] if "not_applicable" in titles else 0} <= columns <= wanted
    assert sheet.freeze_panes and sheet.auto_filter.ref
    assert sheet.print_title_rows == f"${header}:${header}"
    data_rows = [r for r in range(header + 1, sheet.max_row + 1) if sheet.cell(r, 1).value]
    assert len(data_rows) == rows


def _check_print(sheet) -> None:
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.paperSize == 9
    # An absent fitToWidth means 1, its default in the file format.
    assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert "Sở Thông tin và Truyền thông" in sheet.oddHeader.left.text
    assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text


def test_points_cells_are_formulas_with_cached_values(shipped, tmp_path):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "samples"))
    from fill import fill

    from cchc_xlsx.generate import write_unit_workbook

    plan = shipped.plan
    unit, period = plan.units_by_code["VP"], plan.period("q1")
    prefill = fill(plan, unit, period, seed=7)
    path = tmp_path / "vp.xlsx"
    write_unit_workbook(path, plan, unit, period, generated_at=NOW, prefill=prefill)
    formulas = openpyxl.load_workbook(path)[labels.SHEET_CRITERIA]
    cached = openpyxl.load_workbook(path, data_only=True)[labels.SHEET_CRITERIA]
    header, headers = header_row(formulas)
    code_col, column = headers[labels.CRITERIA_HEADERS["code"]], headers[labels.CRITERIA_HEADERS["points"]]
    checked = 0
    for row in range(header + 1, formulas.max_row + 1):
        assert str(formulas.cell(row, column).value).startswith("=")
        code = formulas.cell(row, code_col).value
        if code and plan.has_criterion(code) and plan.criterion(code).is_leaf:
            expected = scoring.points(plan.criterion(code), prefill.results.get(code))
            assert cached.cell(row, column).value == pytest.approx(expected, abs=1e-12), code
            checked += 1
    assert checked == len(plan.leaves_scored_by("VP")) and any(prefill.results.values())


def test_generate_command_and_unknown_unit(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path / "ws")]).exit_code == 0
    result = runner.invoke(cli, ["generate", "-w", str(tmp_path / "ws"), "--period", "h1", "--unit", "VP"])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "ws" / "outbox" / "h1").glob("*.xlsx"))) == 1
    assert runner.invoke(cli, ["generate", "-w", str(tmp_path / "ws"), "-p", "h1", "--unit", "XX"]).exit_code == 2
    assert runner.invoke(cli, ["generate", "-w", str(tmp_path / "ws"), "-p", "q5"]).exit_code == 2


# --- LibreOffice: the formulas equal the Python rules -------------------------------

def _answer_for(criterion, index: int):
    """A cell value for each rule, varied by row, and the Result Python scores it as."""
    rule = criterion.rule
    if rule == scoring.CHOICE:
        level = criterion.levels[index % len(criterion.levels)]
        return scoring.level_label(level), Result(level.order)
    if rule == scoring.YESNO:
        yes = index % 3 != 0
        return (labels.YES if yes else labels.NO), Result(yes)
    if rule in scoring.PERCENT_RULES:
        # (value, cell shows a percentage): 0.8 is 80% typed in a % cell, 1 in a plain cell is 1 %.
        typed, percent_format = [(96, False), (94, False), (100, False), (50, False), (120, False), (0, False),
                                 (0.8, True), (1, False), (1, True), (0.95, True)][index % 10]
        return (typed, percent_format), Result(parse_percent(typed, percent_format).value)
    if rule == scoring.TIERS:
        count = index % 6
        return count, Result(count)
    points = [0.25, 12.5, 99, 0][index % 4]
    return points, Result(points)


def test_formulas_recalculated_by_libreoffice_equal_python(shipped, q1_books, tmp_path):
    require("LibreOffice", find_soffice() is not None)
    plan = shipped.plan
    filled, expected, rules_seen = [], {}, set()
    for written in q1_books.written:
        book = openpyxl.load_workbook(written.path)
        sheet = book[labels.SHEET_CRITERIA]
        header, headers = header_row(sheet)
        col = {key: headers[title] for key, title in labels.CRITERIA_HEADERS.items()}
        for index, row in enumerate(range(header + 1, sheet.max_row + 1)):
            code = sheet.cell(row, col["code"]).value
            if not code or not plan.has_criterion(code) or not plan.criterion(code).is_leaf:
                continue
            criterion = plan.criterion(code)
            value, result = _answer_for(criterion, index)
            if isinstance(value, tuple):
                value, percent_format = value
                if percent_format:
                    sheet.cell(row, col["result"]).number_format = "0%"
            sheet.cell(row, col["result"]).value = value
            if plan.allows_not_applicable(code) and index % 4 == 1:
                sheet.cell(row, col["not_applicable"]).value = labels.YES
                result = Result(result.value, True)
            expected[(written.unit, code)] = scoring.points(criterion, result)
            rules_seen.add(criterion.rule)
        target = tmp_path / "filled" / written.path.name
        target.parent.mkdir(exist_ok=True)
        book.save(target)
        filled.append((written.unit, target))
    # Every kind the shipped plan uses; per_item, which it does not, is recalculated in tests/test_rule_kinds.py.
    assert rules_seen == set(scoring.RULES) - {scoring.PER_ITEM}
    converted = convert([p for _, p in filled], XLSX_FILTER, tmp_path / "recalculated")
    for (unit, _), path in zip(filled, converted):
        sheet = openpyxl.load_workbook(path, data_only=True)[labels.SHEET_CRITERIA]
        header, headers = header_row(sheet)
        code_col, points_col = headers[labels.CRITERIA_HEADERS["code"]], headers[labels.CRITERIA_HEADERS["points"]]
        for row in range(header + 1, sheet.max_row + 1):
            key = (unit, sheet.cell(row, code_col).value)
            if key in expected:
                assert sheet.cell(row, points_col).value == pytest.approx(expected.pop(key), abs=1e-9), key
    assert expected == {}


def test_libreoffice_prints_each_workbook(q1_books, tmp_path, shipped):
    require("LibreOffice", find_soffice() is not None)
    require("pdftotext", shutil.which("pdftotext") is not None)
    pdfs = convert([w.path for w in q1_books.written], "pdf", tmp_path / "pdf")
    for written, pdf in zip(q1_books.written, pdfs):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        unit = shipped.plan.units_by_code[written.unit]
        assert unit.name in text
        pages = text.count("\f")
        rows = written.task_rows + written.criteria_rows
        assert 2 <= pages <= max(6, rows // 3), (written.unit, pages, rows)
