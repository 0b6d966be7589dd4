"""The meeting pack: every printed row tall enough for its text, the scorecard's first page.

LibreOffice is the oracle: its optimal row height (UNO) for every row of every sheet of every
workbook the tool writes must not exceed the height the workbook gives the row.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from cchc_xlsx import text as labels
from cchc_xlsx.xlsx import styles
from cchc_xlsx.xlsx import textfit
from tests.conftest import require

TOLERANCE = 30  # 1/100 mm: 0.3 mm, below a pixel of print
CACHES = (textfit._face, textfit._em_width, textfit._char_em, textfit._line_em, textfit.count_lines,
          textfit.cell_height, textfit.line_height)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The demo workspace: every kind of workbook the tool writes, and the printed scorecard."""
    from cchc_xlsx.app.demo import run_demo

    target = tmp_path_factory.mktemp("printpack") / "demo"
    run_demo(target)
    return target


def _workbooks(demo: Path) -> dict[str, Path]:
    # Every unit's workbook (each has its own texts), the reports, a feedback workbook.
    reports = demo / "reports" / "h1"
    units = {f"unit {path.stem}": path for path in sorted((demo / "outbox" / "h1").glob("*.xlsx"))}
    return {**units, "validation": reports / "validation.xlsx",
            "scorecard": reports / "scorecard.xlsx", "feedback": sorted((reports / "feedback").glob("*.xlsx"))[0]}


def test_text_measure_grows_with_text_and_shrinks_with_width():
    text = "Thực hiện tuyên truyền CCHC trên Chuyên trang CCHC, Cổng thông tin điện tử của tỉnh và đơn vị"
    assert textfit.count_lines("ngắn", 20) == 1
    assert textfit.count_lines(text, 10) > textfit.count_lines(text, 30) > textfit.count_lines(text, 100)
    assert textfit.count_lines(text, 30, bold=True) >= textfit.count_lines(text, 30)
    assert textfit.count_lines("a\nb\n\nc", 50) == 4
    assert textfit.count_lines("x" * 400, 10) > 5  # a word longer than the line is cut
    assert textfit.row_height([(text * 50, 10)]) == textfit.MAX_ROW_HEIGHT
    assert textfit.line_height(14) > textfit.line_height(11)


def test_text_measure_without_fonts_is_not_shorter(monkeypatch):
    text = "Báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính quý I năm 2022 của Sở " * 3
    title = "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH PHỦ ĐIỆN TỬ, CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)"
    measured = textfit.count_lines(text, 30)
    measured_title = textfit.count_lines(title, 20, bold=True)
    for cached in CACHES:
        cached.cache_clear()
    monkeypatch.setattr(textfit, "_font_dirs", lambda: [])
    monkeypatch.setattr(textfit, "_font_index", lambda: {})
    try:
        assert not textfit.font_found()
        assert textfit.count_lines(text, 30) >= measured
        assert textfit.count_lines(title, 20, bold=True) >= measured_title
    finally:
        for cached in CACHES:
            cached.cache_clear()


def test_every_page_says_department_period_and_date(demo: Path):
    department, period = "Sở Thông tin và Truyền thông", "6 tháng đầu năm 2022"
    for kind, path in _workbooks(demo).items():
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            header, footer = sheet.oddHeader, sheet.oddFooter
            heading = " ".join(part.text or "" for part in (header.left, header.center, header.right))
            foot = " ".join(part.text or "" for part in (footer.left, footer.center, footer.right))
            assert department in heading and period in heading, (kind, sheet.title, heading)
            # The date as text, day first; no &D/&T, which print in the printer's locale.
            assert re.search(r"\d\d/\d\d/\d{4}", foot) and "&D" not in foot + heading, (kind, sheet.title)
            assert "&P" in foot, (kind, sheet.title)
            setup = sheet.page_setup
            assert setup.orientation == "landscape" and setup.paperSize == 9, (kind, sheet.title)
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, (kind, sheet.title)


def test_every_printed_row_is_tall_enough_in_libreoffice(demo: Path, calc_vi):
    # Measured with fonts that have Vietnamese letters (on Debian: fonts-liberation2).
    require("Times New Roman or Liberation Serif 2", textfit.font_found())
    short = []
    for kind, path in _workbooks(demo).items():
        [layout] = calc_vi.edit(path, [{"op": "layout"}])
        for sheet, info in layout.items():
            if not info["visible"]:
                continue
            for row, now, optimal in info["rows"]:
                if optimal > now + TOLERANCE:
                    short.append(f"{kind} {sheet}!{row}: {now} < {optimal}")
    assert not short, "\n".join(short)


def test_scorecard_first_page_is_the_meeting(demo: Path, calc_vi):
    require("pdftotext", shutil.which("pdftotext") is not None)
    pdf = demo / "reports" / "h1" / "scorecard.pdf"
    page1 = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                           check=True).stdout.decode("utf-8")
    for text in labels.SC_HEADLINE.values():
        assert text in page1
    for code in ("I.1", "I.7", "II.1", "II.6"):
        assert re.search(rf"^\s*{re.escape(code)}\s", page1, re.M), code
    assert labels.SC_CHART_AREAS in page1
    book = openpyxl.load_workbook(demo / "reports" / "h1" / "scorecard.xlsx", data_only=True)
    index = book[labels.SC_SHEETS["summary"]]["C6"].value
    assert f"{index:.2f}".replace(".", ",") in page1  # the index, with a decimal comma
    assert dt.date.today().strftime("%d/%m/%Y") in page1  # the date, day first
    # The chart is anchored inside the first page: Tổng hợp prints on one page.
    [layout] = calc_vi.edit(demo / "reports" / "h1" / "scorecard.xlsx", [{"op": "layout"}])
    summary = layout[labels.SC_SHEETS["summary"]]
    first, last, _ = summary["print_area"]
    page_end = min([b - 1 for b in summary["breaks"] if first < b] + [last])
    charts = _chart_rows(demo / "reports" / "h1" / "scorecard.xlsx")
    assert len(charts) == 2
    for top, bottom in charts:
        assert first <= top and bottom <= page_end, (top, bottom, page_end)


def _chart_rows(path: Path) -> list[tuple[int, int]]:
    # The first and last rows (1-based) each chart anchored on the first sheet covers.
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/drawings/drawing1.xml").decode("utf-8")
    anchors = re.findall(r"<xdr:row>(\d+)</xdr:row>\s*<xdr:rowOff>(\d+)</xdr:rowOff>", xml)
    rows = [int(row) + (1 if int(offset) else 0) for row, offset in anchors]  # a zero offset ends above
    return list(zip([r + 1 for r in rows[::2]], rows[1::2]))


def test_sheet_order_puts_the_meeting_first():
    keys = list(labels.SC_SHEETS)
    assert keys[:2] == ["summary", "units"]


def test_dates_print_day_first_in_any_locale():
    assert styles.DATE_FORMAT.replace("\\", "") == "dd/mm/yyyy"
