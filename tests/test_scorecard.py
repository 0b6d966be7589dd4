"""The scorecard: formulas recalculated by LibreOffice equal the cached values; the index
against independent computations; the workbook's structure; the PDF."""

from __future__ import annotations

import csv
import shutil
import subprocess
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_xlsx import text as labels
from cchc_xlsx.cli import cli
from cchc_xlsx.xlsx.libreoffice import XLSX_FILTER, convert, find_soffice
from tests.conftest import require

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> Path:
    """A workspace with q1 and h1 collected from the samples, an appraisal imported, the h1 scorecard."""
    root = tmp_path_factory.mktemp("sc") / "ws"
    run("init", str(root))
    run("collect", "-w", str(root), "-p", "q1", str(SAMPLES / "q1"))
    run("collect", "-w", str(root), "-p", "h1", str(SAMPLES / "h1"))
    run("scorecard", "-w", str(root), "-p", "h1")
    scorecard = root / "reports" / "h1" / "scorecard.xlsx"
    appraised = root / "appraised.xlsx"
    book = openpyxl.load_workbook(scorecard)
    sheet = book[labels.SC_SHEETS["criteria"]]
    header = _header(sheet)
    appraised_col = header[labels.SC_CRITERIA_HEADERS["appraised"]]
    unit_col = header[labels.SC_CRITERIA_HEADERS["unit"]]
    done = 0
    for row in range(5, sheet.max_row + 1):
        if sheet.cell(row, unit_col).value and done < 3:
            sheet.cell(row, appraised_col).value = 0.05 * (done + 1)
            done += 1
    book.save(appraised)
    output = run("scorecard", "-w", str(root), "-p", "h1", "--import-appraisal", str(appraised), "--by", "Chánh VP")
    assert "Recorded 3 appraised scores" in output
    return root


def _header(sheet) -> dict[str, int]:
    for row in sheet.iter_rows(min_row=1, max_row=10):
        values = [c.value for c in row]
        if labels.SC_CRITERIA_HEADERS["code"] in values or "Mã" in values or "Mã đơn vị" in values:
            return {v: i + 1 for i, v in enumerate(values) if v}
    raise AssertionError("no header")


def test_structure_names_formulas_formats_and_print(cycle):
    path = cycle / "reports" / "h1" / "scorecard.xlsx"
    book = openpyxl.load_workbook(path)
    # a trend: q1 is in the ledger too; the points at risk (issue 22) after the standard sheets
    assert book.sheetnames == [*labels.SC_SHEETS.values(), labels.SC_RISK_SHEET]
    assert {"TongDiem", "TongDiemToiDa", "ChiSoCCHC"} <= set(book.defined_names)
    summary = book[labels.SC_SHEETS["summary"]]
    for row in (4, 5, 6):
        assert str(summary.cell(row, 3).value).startswith("=")
    criteria = book[labels.SC_SHEETS["criteria"]]
    header = _header(criteria)
    group_rows = [r for r in range(5, criteria.max_row + 1)
                  if not criteria.cell(r, header[labels.SC_CRITERIA_HEADERS["unit"]]).value]
    assert len(group_rows) > 50
    for title in ("max", "na_max", "self", "after_appraisal", "final", "diff", "ratio"):
        col = header[labels.SC_CRITERIA_HEADERS[title]]
        assert all(str(criteria.cell(r, col).value).startswith("=") for r in group_rows), title
    for name in ("summary", "criteria", "tasks", "units", "checks", "trend"):
        sheet = book[labels.SC_SHEETS[name]]
        assert sheet.conditional_formatting, name
        setup = sheet.page_setup
        one_page = name == "summary"  # the meeting's page: fits one page, charts and all
        assert setup.orientation == "landscape" and setup.paperSize == 9, name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert (setup.fitToHeight if setup.fitToHeight is not None else 1) == (1 if one_page else 0), name
        assert sheet.print_area and "Sở Thông tin" in sheet.oddHeader.left.text, name
        assert one_page or sheet.print_title_rows, name
        # The date as text, day first: &D would print in the printer's locale.
        assert "&P" in sheet.oddFooter.center.text and "&D" not in sheet.oddFooter.left.text
        assert re.search(r"\d\d/\d\d/\d{4}", sheet.oddFooter.left.text), name
    assert criteria.row_breaks.brk, "areas start on a new page"


def _values(path: Path, data_only: bool) -> dict[tuple[str, str], object]:
    book = openpyxl.load_workbook(path, data_only=data_only)
    return {(sheet.title, cell.coordinate): cell.value for sheet in book.worksheets
            for row in sheet.iter_rows() for cell in row}


def test_libreoffice_recalculates_every_formula_to_the_cached_value(cycle, tmp_path):
    require("LibreOffice", find_soffice() is not None)
    path = cycle / "reports" / "h1" / "scorecard.xlsx"
    formulas = {k: v for k, v in _values(path, False).items() if isinstance(v, str) and v.startswith("=")}
    cached = _values(path, True)
    recalculated = _values(convert([path], XLSX_FILTER, tmp_path)[0], True)
    assert len(formulas) > 500
    mismatches = []
    for key in formulas:
        mine, theirs = cached.get(key), recalculated.get(key)
        if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
            ok = abs(mine - theirs) <= 1e-9
        else:  # text, or an empty text result that a reader may give as None or ""
            ok = mine == theirs or (mine in (None, "") and theirs in (None, ""))
        if not ok:
            mismatches.append((key, formulas[key], mine, theirs))
    assert mismatches == []
    flags = [v for (sheet, _), v in cached.items() if sheet == labels.SC_SHEETS["tasks"]]
    assert labels.FLAG_OVERDUE in flags and labels.FLAG_LATE in flags
    summary = [v for (sheet, _), v in cached.items() if sheet == labels.SC_SHEETS["units"]]
    assert labels.RETURNED[False] in summary  # the unit that never returns


# --- the index against independent computations -----------------------------------------

TINY_PLAN = {
    "plan": [("key", "value", "source"), ("title", "Kế hoạch thử", ""), ("department", "Sở Thử nghiệm", ""),
             ("year", "2022", ""), ("contact_unit", "VP", "")],
    "units": [("code", "name", "aliases", "kind", "email", "contact", "receives_workbook", "source"),
              ("VP", "Văn phòng", "", "unit", "vp@example.vn", "", "1", "")],
    "periods": [("code", "name", "start", "cutoff", "due", "source"),
                ("q1", "Quý I/2022", "15/12/2021", "14/03/2022", "16/03/2022", "")],
    "tasks": [("code", "area", "area_title", "number", "description", "products", "lead", "coordinators",
               "timeframe", "schedule", "deadline", "conditional", "note", "source"),
              ("NV1.1", "1", "Chung", "1", "Lập kế hoạch", "Kế hoạch", "VP", "", "Quý I năm 2022", "deadline",
               "31/03/2022", "0", "", "")],
    "criteria": [("code", "parent", "title", "declared_max", "rule", "rule_points", "rule_threshold",
                  "not_applicable", "responsible", "source"),
                 ("I", "", "Kết quả", "", "", "", "", "", "VP", ""),
                 ("I.1", "I", "Lĩnh vực", "", "", "", "", "", "", ""),
                 ("I.1.1", "I.1", "Chọn mức", "0,5", "choice", "", "", "", "", ""),
                 ("I.1.2", "I.1", "Tỷ lệ", "1,0", "ratio", "1,0", "", "", "", ""),
                 ("I.1.3", "I.1", "Hạ chuẩn được", "1,0", "yesno", "", "", "Không phát sinh thì hạ chuẩn", "", ""),
                 ("I.1.4", "I.1", "Chậm nhiệm vụ", "2,0", "tiers", "", "", "", "", "")],
    "levels": [("criterion", "order", "text", "points", "min_count", "source"),
               ("I.1.1", "1", "Đạt", "0,5", "", ""), ("I.1.1", "2", "Không đạt", "0", "", ""),
               ("I.1.4", "1", "Hoàn thành", "2,0", "0", ""), ("I.1.4", "2", "Chậm 1", "1,5", "1", ""),
               ("I.1.4", "3", "Chậm 2 trở lên", "0", "2", "")],
}


def _tiny_workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    folder.mkdir()
    for table, rows in TINY_PLAN.items():
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    root = tmp_path / "ws"
    run("init", str(root), "--plan", str(folder))
    run("generate", "-w", str(root), "-p", "q1")
    return root


def _answer(root: Path, answers: dict[str, tuple]) -> float:
    """Fill the unit's workbook, collect it, write the scorecard; return its ChiSoCCHC."""
    generated = next((root / "outbox" / "q1").glob("*.xlsx"))
    book = openpyxl.load_workbook(generated)
    sheet = book[labels.SHEET_CRITERIA]
    for row in range(1, sheet.max_row + 1):
        code = sheet.cell(row, 1).value
        if code in answers:
            result, not_applicable = answers[code]
            sheet.cell(row, 5).value = result
            sheet.cell(row, 6).value = labels.YES if not_applicable else None
            sheet.cell(row, 7).value = "Quyết định số 1/QĐ-STN ngày 01/03/2022"
    returned = root / "inbox" / f"{len(list((root / 'inbox').iterdir()))}.xlsx"
    book.save(returned)
    run("collect", "-w", str(root), "-p", "q1", str(returned))
    run("scorecard", "-w", str(root), "-p", "q1")
    summary = openpyxl.load_workbook(root / "reports" / "q1" / "scorecard.xlsx", data_only=True)
    return summary[labels.SC_SHEETS["summary"]]["C6"].value


def test_index_all_maximum_all_minimum_and_a_mixed_case_by_hand(tmp_path):
    root = _tiny_workspace(tmp_path)
    best = {"I.1.1": ("1. Đạt (0,5 điểm)", False), "I.1.2": (100, False), "I.1.3": (labels.YES, False),
            "I.1.4": (0, False)}
    assert _answer(root, best) == pytest.approx(100)
    worst = {"I.1.1": ("2. Không đạt (0 điểm)", False), "I.1.2": (0, False), "I.1.3": (labels.NO, False),
             "I.1.4": (5, False)}
    assert _answer(root, worst) == pytest.approx(0)
    # By hand: 0,5 + 80% × 1,0 + (hạ chuẩn: 1,0 leaves the maximum) + one late task 1,5
    # = 2,8 points of 0,5 + 1,0 + 2,0 = 3,5 → 80 %.
    mixed = {"I.1.1": ("1. Đạt (0,5 điểm)", False), "I.1.2": ("80%", False), "I.1.3": (None, True),
             "I.1.4": (1, False)}
    assert _answer(root, mixed) == pytest.approx(80)


def test_print_writes_a_pdf_with_department_and_period(cycle, tmp_path):
    require("LibreOffice", find_soffice() is not None)
    require("pdftotext", shutil.which("pdftotext") is not None)
    output = run("print", "-w", str(cycle), "-p", "h1")
    pdf = cycle / "reports" / "h1" / "scorecard.pdf"
    assert pdf.exists(), output
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Sở Thông tin và Truyền thông" in text and "6 tháng đầu năm 2022" in text
    assert labels.SC_HEADLINE["index"] in text


def test_print_without_a_scorecard_is_a_usage_error(tmp_path):
    run("init", str(tmp_path / "ws"))
    result = CliRunner().invoke(cli, ["print", "-w", str(tmp_path / "ws"), "-p", "q1"])
    assert result.exit_code == 2
