"""The documents sent upward (issue 23): the self-assessment dossier and the periodic report,
built after a cycle (the demo, then a return with evidence, difficulties and notes, then an
appraisal) and checked against the ledger; LibreOffice converts both to PDF; page 1 of the report
matches a stored rendering; the PNG the README shows is made here.

With CCHC_UPDATE_SCREENSHOT=1 the test refreshes docs/report-page1.png and the stored rendering
tests/reference/report-page1.txt.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from docx.shared import Pt
from hypothesis import given
from hypothesis import strategies as st

from cchc_xlsx import text as labels
from cchc_xlsx.app.demo import run_demo
from cchc_xlsx.app.documents import dossier, periodic_report
from cchc_xlsx.cli import cli
from cchc_xlsx.collect import collect_paths
from cchc_xlsx.core.citations import Citation, parse_citation
from cchc_xlsx.documents.decree30 import vi_date, vi_number
from cchc_xlsx.rules import scoring
from cchc_xlsx.store.workspace import Workspace
from cchc_xlsx.xlsx.libreoffice import XLSX_FILTER, convert, find_soffice
from tests.conftest import require
from tests.corpus import make_corpus as mc
from tests.test_agency import district  # noqa: F401  (the fixture: a unit-scope plan after a cycle)

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "reference" / "report-page1.txt"
PICTURE = ROOT / "docs" / "report-page1.png"
UPDATE = os.environ.get("CCHC_UPDATE_SCREENSHOT") == "1"
TODAY = dt.date(2022, 6, 16)
Q1_DAY = dt.date(2022, 3, 16)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CITED = "Kế hoạch số 12/KH-STTTT ngày 15/3/2022 về việc triển khai công tác cải cách hành chính"
DIFFICULTY = "Thiếu kinh phí in tài liệu tuyên truyền; đề nghị Sở bổ sung dự toán."
NOTE = "Đơn vị chưa nhận được văn bản hướng dẫn của tỉnh."


# --- the citation reader ----------------------------------------------------------------

@pytest.mark.parametrize("text, number, date, title", [
    (CITED, "12/KH-STTTT", dt.date(2022, 3, 15), "triển khai công tác cải cách hành chính"),
    ("KH 12/KH-STTTT ngày 15/3/2022 về kiểm tra CCHC.", "12/KH-STTTT", dt.date(2022, 3, 15), "kiểm tra CCHC"),
    ("Quyết định 125/2021/QĐ-UBND, 05/02/2022: ban hành quy chế", "125/2021/QĐ-UBND", dt.date(2022, 2, 5),
     "ban hành quy chế"),
    ("Công văn số 247/STTTT-VP ngày 15 tháng 12 năm 2021", "247/STTTT-VP", dt.date(2021, 12, 15), ""),
    ("Báo cáo số 113 / BC - STTTT ngày 15.12.2021 V/v kết quả", "113/BC-STTTT", dt.date(2021, 12, 15), "kết quả"),
    ("https://stttt.soctrang.gov.vn/cchc/123", "", None, ""),
    ("Biên bản kiểm tra.pdf", "", None, ""),
    ("ngày 31/02/2022 (sai ngày)", "", None, ""),
    ("", "", None, ""),
])
def test_citation_read_where_written_that_way(text, number, date, title):
    found = parse_citation(text)
    assert (found.number, found.date, found.title) == (number, date, title)
    assert found.found == bool(number or date)


def test_citation_of_a_non_text_is_empty():
    assert parse_citation(None) == Citation() and parse_citation(12.5) == Citation()


_SYMBOLS = st.sampled_from(["KH-STTTT", "BC-STTTT", "QĐ-UBND", "STTTT-VP", "NĐ-CP", "TB-VP"])
_TITLES = st.text(alphabet="abcdeghiklmnoptuvxyàáảãạăâêôơưđ ", min_size=1, max_size=40).map(str.strip).filter(
    lambda t: t and "về" not in t.split() and "v/v" not in t)


@given(number=st.integers(1, 99999), symbol=_SYMBOLS, date=st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)),
       title=_TITLES, kind=st.sampled_from(["Kế hoạch số ", "KH ", "", "Quyết định "]),
       words=st.booleans(), separator=st.sampled_from([" về việc ", " về ", " V/v "]))
def test_citation_round_trip(number, symbol, date, title, kind, words, separator):
    written = f"ngày {date.day} tháng {date.month} năm {date.year}" if words else \
        f"ngày {date.day:02d}/{date.month}/{date.year}"
    found = parse_citation(f"{kind}{number}/{symbol} {written}{separator}{title}")
    assert (found.number, found.date, found.title) == (f"{number}/{symbol}", date, " ".join(title.split()))


@given(st.text(max_size=200))
def test_citation_never_raises(text):
    found = parse_citation(text)
    assert isinstance(found.number, str) and isinstance(found.title, str)


def test_numbers_and_dates_the_vietnamese_way():
    assert vi_number(75.4567) == "75,46" and vi_number(1234.5) == "1.234,50" and vi_number(0) == "0,00"
    assert vi_date(dt.date(2022, 3, 15)) == "ngày 15 tháng 3 năm 2022"
    assert vi_date(dt.date(2022, 2, 5)) == "ngày 05 tháng 02 năm 2022"  # Decree 30: below 10, and months 1-2


# --- a cycle, and both documents built after it --------------------------------------------

def _rows(ledger: Path, sql: str, parameters: tuple = ()) -> list[dict]:
    with sqlite3.connect(ledger) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute(sql, parameters)]


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    """The demo (q1, h1), then VP's later h1 return with a cited file, a file named by its code,
    a difficulty and a note; then two criteria appraised in the scorecard."""
    base = tmp_path_factory.mktemp("documents")
    run_demo(base / "ws")
    root = base / "ws"
    # The letterhead keys as this tree ships them (the installed package may be another checkout).
    shutil.copy(ROOT / "templates" / "plan" / "plan.csv", root / "plan" / "plan.csv")
    workspace = Workspace.open(root)
    plan = workspace.load_plan().plan
    vp = mc.filled("VP", "h1")
    leaves = [c for c in plan.leaves_scored_by("VP") if scoring.leaf_max(c) > 0]
    cited, by_code, noted = leaves[0].code, leaves[1].code, leaves[2].code
    vp.criteria.set(cited, "evidence", CITED)
    vp.criteria.set(by_code, "evidence", None)
    vp.criteria.set(noted, "evidence", None)
    vp.criteria.set(noted, "note", NOTE)
    task = plan.tasks_for("VP")[0].code
    vp.tasks.set(task, "issues", DIFFICULTY)
    folder = base / "VP h1"
    folder.mkdir()
    (folder / "VP 6 thang.xlsx").write_bytes(vp.save())
    (folder / "KH 12-KH-STTTT.pdf").write_bytes(PDF + b"cited")
    (folder / f"{by_code} - Bao cao.pdf").write_bytes(PDF + b"by code")
    collect_paths(workspace, plan, "h1", [folder])
    _run("scorecard", "-w", str(root), "-p", "h1")
    book = openpyxl.load_workbook(root / "reports" / "h1" / "scorecard.xlsx")
    sheet = book[labels.SC_SHEETS["criteria"]]
    header_row = next(r for r in range(1, 12) if sheet.cell(r, 1).value == labels.SC_CRITERIA_HEADERS["code"])
    header = {sheet.cell(header_row, c).value: c for c in range(1, sheet.max_column + 1)}
    appraised = {cited: 0.0, noted: 0.0}
    for row in range(header_row + 1, sheet.max_row + 1):
        code = sheet.cell(row, header[labels.SC_CRITERIA_HEADERS["code"]]).value
        if code in appraised:
            sheet.cell(row, header[labels.SC_CRITERIA_HEADERS["appraised"]]).value = appraised[code]
    book.save(base / "appraised.xlsx")
    _run("scorecard", "-w", str(root), "-p", "h1", "--import-appraisal", str(base / "appraised.xlsx"))
    built = dossier(workspace, plan, "h1", today=TODAY)
    reports = {p: periodic_report(workspace, plan, p, today=Q1_DAY if p == "q1" else TODAY) for p in ("q1", "h1")}
    return {"root": root, "plan": plan, "workspace": workspace, "dossier": built, "reports": reports,
            "cited": cited, "by_code": by_code, "noted": noted, "appraised": appraised, "task": task}


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _table_rows(path: Path) -> tuple[dict[str, dict], list[tuple], object]:
    book = openpyxl.load_workbook(path)
    sheet = book[labels.DOSSIER_SHEET]
    header = {sheet.cell(4, c).value: c for c in range(1, sheet.max_column + 1)}
    keys = {key: header[title] for key, title in labels.DOSSIER_HEADERS.items() if title in header}
    rows, rest = {}, []
    for row in range(5, sheet.max_row + 1):
        values = {key: sheet.cell(row, col) for key, col in keys.items()}
        if values["code"].value:
            rows[values["code"].value] = values
        else:
            rest.append(tuple(sheet.cell(row, c).value for c in range(1, sheet.max_column + 1)))
    return rows, rest, sheet


def test_dossier_table_holds_every_leaf_as_the_ledger_has_it(cycle):
    plan, root, built = cycle["plan"], cycle["root"], cycle["dossier"]
    merged = {r["code"]: r for r in _rows(root / "ledger.sqlite", "SELECT * FROM merged_criteria WHERE period = 'h1'")}
    rows, _, _ = _table_rows(built.table)
    assert set(rows) == {c.code for c in plan.criteria}
    self_total = max_total = na_total = 0.0
    for leaf in plan.leaves():
        row, answer = rows[leaf.code], merged.get(leaf.code)
        na = bool(answer and answer["not_applicable"] and plan.allows_not_applicable(leaf.code))
        expected = 0.0 if na or answer is None else scoring.points(
            leaf, scoring.Result(_value(leaf, answer["result_value"]), bool(answer["not_applicable"])))
        assert row["max"].value == pytest.approx(scoring.leaf_max(leaf)), leaf.code
        assert row["self"].value == pytest.approx(expected), leaf.code
        assert (row["na"].value or 0) == pytest.approx(scoring.leaf_max(leaf) if na else 0), leaf.code
        assert row["unit"].value == plan.scorer_of(leaf.code)
        if answer and answer["evidence"]:
            assert row["evidence"].value == answer["evidence"]
        if na or not (answer and answer["evidence"]) and leaf.code != cycle["by_code"]:
            assert row["explanation"].value, f"{leaf.code} has no evidence: it needs an explanation"
        self_total += expected
        max_total += scoring.leaf_max(leaf)
        na_total += scoring.leaf_max(leaf) if na else 0
    totals = built.dossier.totals
    assert totals["own"] == pytest.approx(self_total) and totals["max"] == pytest.approx(max_total)
    assert totals["index_self"] == pytest.approx(self_total / (max_total - na_total) * 100)
    assert built.index_self == pytest.approx(totals["index_self"])


def _value(leaf, stored):
    from cchc_xlsx.validate import decode_result

    return decode_result(leaf, stored)


def test_dossier_shows_the_appraised_points_and_counts_them(cycle):
    built, root = cycle["dossier"], cycle["root"]
    rows, rest, _ = _table_rows(built.table)
    for code, points in cycle["appraised"].items():
        assert rows[code]["appraised"].value == points
        assert rows[code]["counted"].value.startswith("=IF(")
    others = [c for c in rows if c not in cycle["appraised"] and rows[c]["appraised"].value is not None]
    assert others == [c for c in others if rows[c]["code"].value not in cycle["plan"].branch_codes] == []
    ledger = _rows(root / "ledger.sqlite", "SELECT code, points FROM appraisals WHERE period = 'h1' ORDER BY id")
    assert {r["code"]: r["points"] for r in ledger} == cycle["appraised"]
    # The counted index is the scorecard's (which counts appraised points in place of self-scores).
    from cchc_xlsx.scorecard import headline
    from cchc_xlsx.scorecard.data import gather
    from cchc_xlsx.store.ledger import Ledger

    with Ledger(root / "ledger.sqlite") as ledger_:
        expected = headline(gather(cycle["plan"], ledger_, "h1", with_trend=False))
    assert built.index_counted == pytest.approx(expected["index"])
    assert built.index_counted < built.index_self
    titles = [r[1] for r in rest]
    assert labels.DOSSIER_TOTALS["index_counted"] in titles and labels.DOSSIER_TOTALS["index_self"] in titles


def test_dossier_evidence_citation_and_relative_links(cycle, tmp_path):
    built = cycle["dossier"]
    rows, _, _ = _table_rows(built.table)
    cited = rows[cycle["cited"]]
    assert cited["number"].value == "12/KH-STTTT"
    assert cited["date"].value.date() == dt.date(2022, 3, 15)
    assert cited["doc_title"].value == "triển khai công tác cải cách hành chính"
    for code in (cycle["cited"], cycle["by_code"]):
        link = rows[code]["files"].hyperlink
        assert link is not None and not Path(link.target).is_absolute(), code
        assert (built.folder / link.target.replace("\\", "/")).is_file(), link.target
        assert link.target.replace("\\", "/").startswith("evidence/")
    assert "Đơn vị ghi: " + NOTE in rows[cycle["noted"]]["explanation"].value
    # The zip holds it all, and its links work wherever it is unzipped.
    with zipfile.ZipFile(built.zip) as archive:
        archive.extractall(tmp_path)
    [top] = list(tmp_path.iterdir())
    unzipped, _, _ = _table_rows(top / built.table.name)
    target = unzipped[cycle["cited"]]["files"].hyperlink.target.replace("\\", "/")
    assert (top / target).read_bytes() == PDF + b"cited"
    assert (top / built.report.name).is_file() and (top / "evidence" / "index.xlsx").is_file()


def test_dossier_totals_recalculate_to_their_cached_values(cycle, tmp_path):
    require("LibreOffice", find_soffice() is not None)
    built = cycle["dossier"]
    copy = tmp_path / "table.xlsx"
    shutil.copy(built.table, copy)
    [recalculated] = convert([copy], XLSX_FILTER, tmp_path / "out")
    cached = openpyxl.load_workbook(built.table, data_only=True)[labels.DOSSIER_SHEET]
    fresh = openpyxl.load_workbook(recalculated, data_only=True)[labels.DOSSIER_SHEET]
    formulas = openpyxl.load_workbook(built.table)[labels.DOSSIER_SHEET]
    checked = 0
    for row in formulas.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                assert fresh[cell.coordinate].value == pytest.approx(cached[cell.coordinate].value), cell.coordinate
                checked += 1
    assert checked > len(cycle["plan"].criteria) / 2


def test_report_lists_progress_overdue_and_difficulties_from_the_ledger(cycle):
    plan, root = cycle["plan"], cycle["root"]
    overdue_seen = 0
    for period_code, result in cycle["reports"].items():
        text = _docx_text(result.path)
        period = plan.period(period_code)
        merged = {(r["code"], r["unit"]): r for r in _rows(
            root / "ledger.sqlite", "SELECT * FROM merged_tasks WHERE period = ?", (period_code,))}
        units = {u.code for u in plan.workbook_units()}
        overdue = [(t, u) for t in plan.tasks for u in t.lead if u in units and t.schedule == "deadline"
                   and t.deadline <= period.cutoff
                   and (merged.get((t.code, u)) or {}).get("status") not in (labels.STATUS_DONE,
                                                                             labels.STATUS_NOT_ARISEN)]
        assert result.overdue == len(overdue)
        for task, unit in overdue:
            assert re.search(rf"{re.escape(task.code)} \| [^\n]*{re.escape(plan.units_by_code[unit].name)}", text), \
                task.code
        overdue_seen += len(overdue)
        for row in merged.values():
            if row["issues"]:
                name = plan.units_by_code[row["unit"]].name
                line = next((ln for ln in text.splitlines() if ln.startswith(f"- {name} (") and row["issues"] in ln),
                            None)
                assert line is not None and row["code"] in line, (row["unit"], row["code"])
        # Done (on time, late), by area: the same counts as the lead rows of the ledger.
        leads = [(t, u) for t in plan.tasks for u in t.lead if u in units]
        done = sum(1 for t, u in leads if (merged.get((t.code, u)) or {}).get("status") == labels.STATUS_DONE)
        total_row = next(ln for ln in text.splitlines() if ln.startswith(labels.REPORT_TOTAL + " | "))
        cells = total_row.split(" | ")
        assert int(cells[1]) == len(leads) and int(cells[2]) + int(cells[3]) == done
        assert labels.DOC_NARRATIVE.format(what=labels.REPORT_NARRATIVE["next"]) in text
        assert vi_number(result.index) + "%" in text
    assert overdue_seen > 0
    assert DIFFICULTY in _docx_text(cycle["reports"]["h1"].path)
    assert DIFFICULTY in _docx_text(cycle["dossier"].report)


def test_both_follow_decree_30(cycle):
    plan = cycle["plan"]
    for path in (cycle["dossier"].report, cycle["reports"]["q1"].path):
        document = Document(str(path))
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
        margins = [round(m.mm, 1) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                            section.right_margin)]
        assert 20 <= margins[0] <= 25 and 20 <= margins[1] <= 25 and 30 <= margins[2] <= 35 and 15 <= margins[3] <= 20
        normal = document.styles["Normal"].font
        assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)
        head = document.tables[0]
        left, right = head.cell(0, 0), head.cell(0, 1)
        assert [p.text for p in left.paragraphs][:2] == [plan.meta["parent_body"].upper(),
                                                         plan.meta["issuing_body"].upper()]
        nation, motto = right.paragraphs[0].runs[0], right.paragraphs[1].runs[0]
        assert nation.text == labels.DOC_NATION and nation.bold
        assert motto.text == labels.DOC_MOTTO and motto.underline and motto.bold
        assert head.cell(1, 0).text.startswith("Số:") and plan.meta["report_symbol"] in head.cell(1, 0).text
        place_date = head.cell(1, 1).paragraphs[0].runs[0]
        assert place_date.italic and place_date.text.startswith(plan.meta["place"] + ", ngày ")
        title = next(p for p in document.paragraphs if p.text == labels.DOC_REPORT_WORD)
        assert title.runs[0].bold and title.alignment == 1  # centred
        sign = document.tables[-1]
        assert sign.cell(0, 0).paragraphs[0].text == labels.DOC_RECIPIENTS
        recipients = [r.strip() for r in plan.meta["recipients"].split("|")]
        assert all(any(r in p.text for p in sign.cell(0, 0).paragraphs) for r in recipients)
        signer = [p.text for p in sign.cell(0, 1).paragraphs if p.text]
        assert signer == [plan.meta["signer_title"].upper(), plan.meta["signer"]]


def test_commands_write_both(cycle, tmp_path):
    root = cycle["root"]
    output = _run("dossier", "-w", str(root), "-p", "h1", "-o", str(tmp_path / "hs"))
    assert (tmp_path / "hs").is_dir() and "zip" in output
    assert len(list((tmp_path / "hs").glob("*.zip"))) == 1
    output = _run("report", "-w", str(root), "-p", "q1", "-o", str(tmp_path / "bc.docx"))
    assert (tmp_path / "bc.docx").is_file() and "overdue" in output
    refused = CliRunner().invoke(cli, ["report", "-w", str(root), "-p", "q1", "-o", str(tmp_path / "bc.pdf")])
    assert refused.exit_code == 2


def test_libreoffice_converts_both_and_page_one_matches_the_reference(cycle, tmp_path):
    require("LibreOffice Writer", find_soffice() is not None and _writer_available())
    require("poppler-utils", shutil.which("pdftotext") is not None and shutil.which("pdftoppm") is not None)
    sources = [cycle["reports"]["q1"].path, cycle["dossier"].report]
    copies = []
    for index, source in enumerate(sources):  # ASCII names: soffice under a C locale
        copies.append(tmp_path / f"doc{index}.docx")
        shutil.copy(source, copies[-1])
    report_pdf, dossier_pdf = convert(copies, "pdf", tmp_path / "pdf")
    for pdf in (report_pdf, dossier_pdf):
        assert pdf.read_bytes().startswith(b"%PDF") and _pages(pdf) >= 1
    page = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(report_pdf), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")
    rendered = _comparable(page)
    assert labels.DOC_NATION in page and labels.DOC_MOTTO in page
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(report_pdf), str(prefix)], check=True)
    [picture] = list(tmp_path.glob("page*.png"))
    from PIL import Image

    with Image.open(picture) as image:
        assert abs(image.height / image.width - 297 / 210) < 0.01
    if UPDATE:
        REFERENCE.parent.mkdir(exist_ok=True)
        REFERENCE.write_text(rendered, encoding="utf-8")
        shutil.copy(picture, PICTURE)
    assert rendered == REFERENCE.read_text(encoding="utf-8")


_DATE = re.compile(r"ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d{4}")


def _comparable(page: str) -> str:
    # The place-and-date line aside (its date), the page as pdftotext lays it out, lines right-trimmed.
    return "\n".join(_DATE.sub("ngày … tháng … năm …", line).rstrip() for line in page.splitlines()).strip() + "\n"


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _writer_available() -> bool:
    soffice = find_soffice()
    program = Path(os.path.realpath(soffice)).parent if soffice else None
    return bool(program and any(program.glob("libswlo.*")))


def test_unit_scope_plan_builds_both(district, tmp_path):  # noqa: F811  (the imported fixture)
    """index_scope = unit (the district's plan): every unit scores a leaf for itself; the dossier
    shows the pooled points, as the scorecard's ``Chấm điểm`` does."""
    from cchc_xlsx.scorecard.data import gather, scores
    from cchc_xlsx.store.ledger import Ledger

    workspace = Workspace.open(district)
    plan = workspace.load_plan().plan
    built = dossier(workspace, plan, "t3", tmp_path / "hs", today=TODAY)
    report = periodic_report(workspace, plan, "t3", tmp_path / "bc.docx", today=TODAY)
    with Ledger(workspace.ledger_path) as ledger:
        pooled = scores(gather(plan, ledger, "t3", with_trend=False))
    assert built.dossier.totals["own"] == pytest.approx(pooled[""].points)
    assert built.index_self == pytest.approx(pooled[""].index)
    rows, _, _ = _table_rows(built.table)
    leaf = next(c for c in plan.leaves() if len(plan.scorers_of(c.code)) > 1)
    assert rows[leaf.code]["unit"].value == ", ".join(plan.scorers_of(leaf.code))
    assert report.path.is_file() and report.index == pytest.approx(pooled[""].index)


def test_final_points_after_explanation_count_first(cycle, tmp_path, monkeypatch):
    """``decided_points`` is the one seam to the appraisal rounds: a final point there (Điểm sau giải
    trình) is shown and counted before the appraised one."""
    from cchc_xlsx.documents import data as facts

    code = cycle["cited"]
    leaf_max = scoring.leaf_max(cycle["plan"].criterion(code))
    decided = {code: facts.DecidedPoints(appraised=0.0, final=leaf_max)}
    monkeypatch.setattr(facts, "decided_points", lambda ledger, plan, period: decided)
    built = dossier(cycle["workspace"], cycle["plan"], "h1", tmp_path / "hs", today=TODAY)
    rows, _, _ = _table_rows(built.table)
    assert rows[code]["appraised"].value == 0 and rows[code]["final"].value == leaf_max
    row = next(r for r in built.dossier.rows if r.code == code)
    assert row.counted == leaf_max
    others = built.dossier.totals["counted"] - leaf_max
    assert others == pytest.approx(sum(r.own for r in built.dossier.rows if r.leaf and r.code != code))
