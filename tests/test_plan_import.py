"""``cchc plan import``: the shipped plan typed as an agency's Word document (both layouts, and
their .doc/.odt copies made by LibreOffice Writer) imports back to the shipped plan; documents
that are not a plan, a plan with one annex and a broken merge each give one Vietnamese line."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import require
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from plan_documents import write_plan_document

from cchc_xlsx import text as labels
from cchc_xlsx.cli import cli
from cchc_xlsx.core.model import DEADLINE, NO_DATE, RECURRING
from cchc_xlsx.plan import load_plan
from cchc_xlsx.plan.word.criteria import split_numbers
from cchc_xlsx.plan.word.tasks import schedule_of
from cchc_xlsx.plan.word.units import split_units
from cchc_xlsx.rules.scoring import leaf_max
from cchc_xlsx.xlsx.libreoffice import convert, find_soffice

LAYOUTS = ("lines", "rows")


def _import(document: Path, output: Path):
    return CliRunner().invoke(cli, ["plan", "import", str(document), "-o", str(output)])


def _agreement(shipped, imported) -> dict[str, float]:
    """Shares of the shipped plan the import reproduces, outside the criteria it corrects."""
    corrected = {c.code for c in shipped.corrections}
    leaves = [c for c in shipped.leaves() if c.code not in corrected]
    same_max = [c for c in leaves if imported.has_criterion(c.code) and imported.criterion(c.code).is_leaf
                and leaf_max(imported.criterion(c.code)) == pytest.approx(leaf_max(c))]
    levels = [(c.code, lv.order, lv.points) for c in shipped.criteria if c.code not in corrected for lv in c.levels]
    same_levels = [x for x in levels if imported.has_criterion(x[0]) and any(
        lv.order == x[1] and lv.points == pytest.approx(x[2]) for lv in imported.criterion(x[0]).levels)]
    tasks = {t.code: t for t in imported.tasks}
    same_lead = [t for t in shipped.tasks if t.code in tasks and tasks[t.code].lead == t.lead]
    return {"leaves": len(same_max) / len(leaves), "levels": len(same_levels) / len(levels),
            "tasks": len(same_lead) / len(shipped.tasks)}


def _periods(plan) -> list[tuple]:
    return [(p.code, p.start, p.cutoff, p.due) for p in plan.periods]


def _check_reproduced(shipped, output: Path) -> None:
    imported = load_plan(output).plan
    agreement = _agreement(shipped, imported)
    assert agreement["leaves"] >= 0.95 and agreement["levels"] >= 0.90 and agreement["tasks"] >= 0.95, agreement
    assert _periods(imported) == _periods(shipped) and len(imported.periods) == 4
    assert imported.year == 2022 and imported.meta["department"] == shipped.meta["department"]
    # Every criterion the shipped plan corrects is on the review sheet, with the reason.
    review = openpyxl.load_workbook(output, read_only=True)[labels.REVIEW_SHEET]
    rows = [[str(v or "") for v in r] for r in review.iter_rows(min_row=2, values_only=True)]
    for correction in shipped.corrections:
        assert any(correction.code in r[4] and correction.reason in r[4] for r in rows), correction.code
    assert all(r[0] and r[3] is not None and r[4] for r in rows)


@pytest.fixture(scope="module")
def documents(tmp_path_factory, shipped):
    folder = tmp_path_factory.mktemp("documents")
    return {layout: write_plan_document(shipped.plan, folder / f"ke-hoach-{layout}.docx", layout)
            for layout in LAYOUTS}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_shipped_plan_typed_in_word_imports_back(tmp_path, shipped, documents, layout):
    output = tmp_path / "ke-hoach.xlsx"
    result = _import(documents[layout], output)
    assert result.exit_code == 0, result.output
    _check_reproduced(shipped.plan, output)
    imported = load_plan(output)
    # Corrections the document prints the same doubtful value for are applied and recorded.
    corrected = {(c.code, c.field) for c in imported.plan.corrections}
    assert {("I.3.3.2", "declared_max"), ("I.5.1.1.2", "declared_max"), ("I.3.1.2", "level 2 points")} <= corrected
    assert leaf_max(imported.plan.criterion("I.3.3.2")) == 0.25
    # Findings of the check point at the document's table and row.
    mismatch = next(f for f in imported.findings if f.code == "plan-sum-mismatch")
    assert "II.4" in mismatch.message


def test_findings_point_at_the_documents_table_and_row(tmp_path, shipped):
    document = write_plan_document(shipped.plan, tmp_path / "kh.docx", "rows")
    word = Document(str(document))
    table = word.tables[1]
    row = next(r for r in table.rows if r.cells[0].text == "1.4.2" and r.cells[2].text)
    row.cells[2].text = "năm phẩy"  # a maximum that is not a number
    word.save(str(document))
    output = tmp_path / "kh.xlsx"
    result = _import(document, output)
    assert result.exit_code == 0, result.output
    review = openpyxl.load_workbook(output, read_only=True)[labels.REVIEW_SHEET]
    found = [r for r in review.iter_rows(min_row=2, values_only=True) if r[3] == "năm phẩy"]
    assert found and "I.1.4.2" in found[0][4] and found[0][0] == "Phụ lục 02 (tiêu chí), bảng 2"
    # plan check's finding names the document, its table and the row II.4 is on.
    line = next(f for f in result.output.splitlines() if "plan-sum-mismatch" in f)
    number = int(line.split("bảng 2]:")[1].split(":")[0])
    assert table.rows[number - 1].cells[0].text == "4" and table.rows[number - 1].cells[1].text.startswith(
        "Tác động của cải cách đến công chức")
    # Checked again later from the master workbook, the finding names the workbook's row and the document's.
    again = CliRunner().invoke(cli, ["plan", "check", "--plan", str(output)])
    line = next(f for f in again.output.splitlines() if "plan-sum-mismatch" in f)
    assert "kh.xlsx [Tiêu chí]:" in line and f"(kh.docx [Phụ lục 02 (tiêu chí), bảng 2]:{number})" in line


@pytest.mark.parametrize("layout", LAYOUTS)
def test_init_and_generate_work_on_the_imported_plan(tmp_path, shipped, documents, layout):
    output = tmp_path / "ke-hoach.xlsx"
    assert _import(documents[layout], output).exit_code == 0
    runner = CliRunner()
    init = runner.invoke(cli, ["init", str(tmp_path / "ws"), "--plan", str(output)])
    assert init.exit_code == 0, init.output
    result = runner.invoke(cli, ["generate", "-w", str(tmp_path / "ws"), "--period", "q1", "--unit", "VP"])
    assert result.exit_code == 0, result.output
    workbooks = list((tmp_path / "ws" / "outbox" / "q1").glob("*.xlsx"))
    assert len(workbooks) == 1
    sheet = openpyxl.load_workbook(workbooks[0], read_only=True)["Tự chấm điểm"]
    codes = {r[0] for r in sheet.iter_rows(values_only=True) if r and r[0]}
    scored = {c.code for c in load_plan(output).plan.leaves_scored_by("VP")}
    assert scored and scored <= codes and "I.1.1" in codes
    if layout == "lines":  # the responsible column read: the same leaves as the shipped plan's
        assert scored == {c.code for c in shipped.plan.leaves_scored_by("VP")}


def _writer_available() -> bool:
    # Writer's library beside soffice (Debian libreoffice-writer-nogui; swlo.dll on Windows).
    soffice = find_soffice()
    return soffice is not None and any(soffice.resolve().parent.glob(name) for name in ("libswlo.so", "swlo.dll"))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_doc_and_odt_copies_made_by_libreoffice_writer_import_too(tmp_path, shipped, documents, layout):
    require("LibreOffice Writer (libreoffice-writer-nogui)", _writer_available())
    copies = [convert([documents[layout]], target, tmp_path)[0] for target in ("doc:MS Word 97", "odt")]
    if layout == "lines":  # a Word 97 file someone renamed .docx is read as the .doc it is
        renamed = tmp_path / "renamed.docx"
        renamed.write_bytes(copies[0].read_bytes())
        copies.append(renamed)
    for copy in copies:
        output = tmp_path / f"{copy.stem}-{copy.suffix[1:]}.xlsx"
        result = _import(copy, output)
        assert result.exit_code == 0, (copy.name, result.output)
        _check_reproduced(shipped.plan, output)


# --- documents that cannot be read as a plan: one Vietnamese line, no traceback ---------------

def _one_line(result, expected: str, code: int) -> None:
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert expected in result.output and len(result.output.strip().splitlines()) <= 2


CORPUS = Path(__file__).parent / "corpus" / "plan_documents"
with (CORPUS / "expected.csv").open(encoding="utf-8", newline="") as _handle:
    REFUSED = list(csv.DictReader(_handle))


@pytest.mark.parametrize("case", REFUSED, ids=[c["file"] for c in REFUSED])
def test_documents_that_cannot_be_read_as_a_plan(tmp_path, case):
    # Not a plan, one annex, a broken merge, a damaged file (tests/corpus/make_plan_documents.py).
    document = tmp_path / case["file"]
    document.write_bytes((CORPUS / case["file"]).read_bytes())
    _one_line(_import(document, tmp_path / "out.xlsx"), case["says"], int(case["exit_code"]))
    assert not (tmp_path / "out.xlsx").exists()


def test_a_broken_merge_in_a_whole_plan(tmp_path, documents):
    document = Document(str(documents["lines"]))
    first = document.tables[0].rows[0].cells[0]._tc
    merge = OxmlElement("w:vMerge")
    merge.set(qn("w:val"), "continue")  # merged with a cell above the table's first row
    first.get_or_add_tcPr().append(merge)
    broken = tmp_path / "hong.docx"
    document.save(str(broken))
    _one_line(_import(broken, tmp_path / "out.xlsx"), "bảng 1, dòng 1, cột 1", 1)


def test_a_file_that_is_not_a_word_document_is_a_usage_error(tmp_path):
    text = tmp_path / "ke-hoach.txt"
    text.write_text("KẾ HOẠCH", encoding="utf-8")
    result = _import(text, tmp_path / "out.xlsx")
    assert result.exit_code == 2 and "không phải văn bản Word" in result.output


def test_unknown_unit_names_become_new_units_listed_for_review(tmp_path, shipped):
    document = write_plan_document(shipped.plan, tmp_path / "kh.docx", "lines")
    word = Document(str(document))
    cell = word.tables[0].rows[1].cells[3]
    cell.text = "Phòng Kế hoạch – Tài chính"
    word.save(str(document))
    output = tmp_path / "kh.xlsx"
    result = _import(document, output)
    assert result.exit_code == 0, result.output
    plan = load_plan(output).plan
    new = [u for u in plan.units if u.name == "Phòng Kế hoạch – Tài chính"]
    assert new and plan.tasks[0].lead == (new[0].code,)
    review = openpyxl.load_workbook(output, read_only=True)[labels.REVIEW_SHEET]
    assert any(r[3] == "Phòng Kế hoạch – Tài chính" and new[0].code in r[4]
               for r in review.iter_rows(min_row=2, values_only=True))


@pytest.mark.parametrize("printed", ["0,5", "0,50", "0,5000", "0.5"])
def test_numbers_as_clerks_type_them(tmp_path, printed):
    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện cải cách hành chính năm 2022")
    tasks = document.add_table(rows=2, cols=4)
    for col, text in enumerate(["Nhiệm vụ cụ thể", "Chủ trì", "Phối hợp", "Thời gian"]):
        tasks.rows[0].cells[col].text = text
    for col, text in enumerate(["1. Rà soát văn bản", "Văn phòng", "Thanh tra Sở", "Thường xuyên"]):
        tasks.rows[1].cells[col].text = text
    criteria = document.add_table(rows=3, cols=3)
    for r, values in enumerate([["Điểm tối đa", "STT", "Tiêu chí"], [printed, "1", "Cải cách thể chế"],
                                [f"{printed}\n{printed}\n0", "1.1", "Ban hành kế hoạch"]]):
        for col, text in enumerate(values):
            lines = text.split("\n")
            criteria.rows[r].cells[col].text = lines[0]
            for extra in lines[1:]:
                criteria.rows[r].cells[col].add_paragraph(extra)
    criteria.rows[2].cells[2].add_paragraph("- Có ban hành")
    criteria.rows[2].cells[2].add_paragraph("- Không ban hành")
    path = tmp_path / "kh.docx"
    document.save(str(path))
    assert _import(path, tmp_path / "kh.xlsx").exit_code == 1  # no periods in the text: an error, still written
    plan = load_plan(tmp_path / "kh.xlsx", check=False).plan
    leaf = plan.criterion("1.1")
    assert leaf.rule == "choice" and [lv.points for lv in leaf.levels] == [0.5, 0.0] and leaf.declared_max == 0.5
    assert plan.tasks[0].lead == ("VP",) and plan.tasks[0].schedule == RECURRING


@pytest.mark.parametrize("timeframe, schedule, deadline", [
    ("Năm 2022", DEADLINE, dt.date(2022, 12, 31)), ("Thường xuyên", RECURRING, None),
    ("Quý I năm 2022", DEADLINE, dt.date(2022, 3, 31)), ("Quý I-II năm 2022", DEADLINE, dt.date(2022, 6, 30)),
    ("Trong quý IV/2022", DEADLINE, dt.date(2022, 12, 31)), ("Theo quy định của UBND tỉnh", NO_DATE, None),
    ("Trong vòng 30 ngày (chậm nhất là ngày 27/01/2022)", DEADLINE, dt.date(2022, 1, 27)), ("", NO_DATE, None),
])
def test_timeframes_as_the_annex_writes_them(timeframe, schedule, deadline):
    assert schedule_of(timeframe, 2022) == (schedule, deadline)



def test_a_password_protected_document(tmp_path):
    corpus = Path(__file__).parent / "corpus" / "files" / "password_protected.xlsx"
    protected = tmp_path / "ke-hoach.docx"
    protected.write_bytes(corpus.read_bytes())  # an encrypted Office file is an OLE2 container whatever its name
    _one_line(_import(protected, tmp_path / "out.xlsx"), "có mật khẩu", 1)


@pytest.mark.parametrize("header", [["STT", "Thời gian thực hiện", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp"],
                                    ["TT", "Thời hạn", "Nội dung công việc", "Đơn vị thực hiện", "Đơn vị phối hợp"]])
def test_tasks_numbered_in_their_own_column_and_a_table_continued_without_header(tmp_path, header):
    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện cải cách hành chính năm 2022")
    first = document.add_table(rows=2, cols=5)
    for col, text in enumerate(header):
        first.rows[0].cells[col].text = text
    for col, text in enumerate(["1", "Quý I năm 2022", "Rà soát văn bản", "Thanh tra", "Văn phòng"]):
        first.rows[1].cells[col].text = text
    document.add_paragraph("")
    second = document.add_table(rows=1, cols=5)  # the clerk split the table at a page, header not repeated
    for col, text in enumerate(["2", "Thường xuyên", "Tiếp nhận hồ sơ", "Văn phòng", "Các phòng"]):
        second.rows[0].cells[col].text = text
    criteria = document.add_table(rows=2, cols=3)
    for r, values in enumerate([["STT", "Tiêu chí", "Điểm"], ["1", "Ban hành kế hoạch", "1,0"]]):
        for col, text in enumerate(values):
            criteria.rows[r].cells[col].text = text
    document.add_paragraph("- Báo cáo Quý I/2022: Thời gian chốt số liệu báo cáo tính từ ngày 15/12/2021 đến ngày "
                           "14/3/2022. Hạn gửi chậm nhất là vào ngày 16 của tháng cuối kỳ báo cáo.")
    path = tmp_path / "kh.docx"
    document.save(str(path))
    result = _import(path, tmp_path / "kh.xlsx")
    assert result.exit_code == 0, result.output
    plan = load_plan(tmp_path / "kh.xlsx").plan
    assert [(t.code, t.lead, t.schedule) for t in plan.tasks] == [("NV1.1", ("TTRA",), DEADLINE),
                                                                    ("NV1.2", ("VP",), RECURRING)]
    assert _periods(plan) == [("q1", dt.date(2021, 12, 15), dt.date(2022, 3, 14), dt.date(2022, 3, 16))]
    assert plan.criterion("1").rule == "yesno" and plan.criterion("1").responsible


@pytest.mark.parametrize("points, maximum, levels", [
    (["0,5000 0,0000"], None, [0.5, 0.0]),            # two numbers typed on one line, no maximum
    (["0,5", "0,5", "0"], 0.5, [0.5, 0.0]),           # the maximum, then a number per level
    (["0,5000", "0,5000", ""], 0.5, [0.5, None]),     # the last level's number left blank
])
def test_points_lines_beside_levels(tmp_path, points, maximum, levels):
    document, cells = _one_task_one_criterion("1. Rà soát")
    cells[0].text = "1"
    cells[1].text = "Ban hành kế hoạch"
    for line in ("- Có ban hành", "- Không ban hành"):
        cells[1].add_paragraph(line)
    cells[2].text = points[0]
    for line in points[1:]:
        cells[2].add_paragraph(line)
    path = tmp_path / "kh.docx"
    document.save(str(path))
    _import(path, tmp_path / "kh.xlsx")
    leaf = load_plan(tmp_path / "kh.xlsx", check=False).plan.criterion("1")
    assert leaf.declared_max == maximum and [lv.points for lv in leaf.levels] == levels


# --- the reader's small parsers, on any text a clerk may type ---------------------------------

_words = st.text(alphabet="abcđêôơưăâ ÁẢÃẠÊỆỐỜ,-–()0123456789/%.", min_size=0, max_size=40)


@given(_words, st.integers(min_value=2000, max_value=2100))
def test_a_timeframe_never_breaks_the_reader(text, year):
    schedule, deadline = schedule_of(text, year)
    assert schedule in (DEADLINE, RECURRING, NO_DATE) and (deadline is None) == (schedule != DEADLINE)


@given(st.lists(st.decimals(min_value=0, max_value=100, places=4, allow_nan=False), min_size=1, max_size=6))
def test_numbers_typed_on_one_line_come_apart_in_order(numbers):
    typed = [format(n, "f").replace(".", ",") for n in numbers]
    assert split_numbers([" ".join(typed)]) == typed


@given(st.lists(st.sampled_from(["Văn phòng", "Thanh tra Sở", "Các phòng, đơn vị thuộc Sở", "Trung tâm CNTT&TT",
                                 "Phòng BC – VT-CNTT"]), min_size=1, max_size=4),
       st.sampled_from(["\n", "; ", "\n- "]))
def test_unit_names_split_at_lines_and_semicolons_never_at_commas(names, separator):
    assert split_units(separator.join(names)) == names


def test_a_doc_without_libreoffice_says_to_save_as_docx(tmp_path, monkeypatch):
    import cchc_xlsx.xlsx.libreoffice as office

    monkeypatch.setattr(office, "find_soffice", lambda: None)
    document = tmp_path / "ke-hoach.doc"
    document.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # a Word 97 file's first bytes
    _one_line(_import(document, tmp_path / "out.xlsx"), "lưu thành .docx", 1)


def test_units_from_another_plan_name_the_units(tmp_path, shipped, plan_copy):
    units = plan_copy / "units.csv"
    units.write_text(units.read_text(encoding="utf-8").replace("Văn phòng Sở,unit", "Văn phòng Sở | Phòng KH-TC,unit"),
                     encoding="utf-8")
    document = write_plan_document(shipped.plan, tmp_path / "kh.docx", "lines")
    word = Document(str(document))
    word.tables[0].rows[1].cells[3].text = "Phòng KH-TC"
    word.save(str(document))
    output = tmp_path / "kh.xlsx"
    result = CliRunner().invoke(cli, ["plan", "import", str(document), "-o", str(output), "--units", str(plan_copy)])
    assert result.exit_code == 0, result.output
    plan = load_plan(output).plan
    assert plan.tasks[0].lead == ("VP",) and not [u for u in plan.units if u.name == "Phòng KH-TC"]


def test_uncoded_lines_adding_up_to_the_maximum_are_items_not_levels(tmp_path):
    document, cells = _one_task_one_criterion("1. Báo cáo định kỳ")
    cells[0].text, cells[1].text, cells[2].text = "1.3", "Thực hiện chế độ báo cáo định kỳ", "1,0000"
    for quarter in ("Quý I", "Quý II", "Quý III", "Năm"):
        cells[1].add_paragraph(f"- Báo cáo {quarter} đúng hạn")
        cells[2].add_paragraph("0,2500")
    path = tmp_path / "kh.docx"
    document.save(str(path))
    _import(path, tmp_path / "kh.xlsx")
    plan = load_plan(tmp_path / "kh.xlsx", check=False).plan
    items = plan.children("1.3")
    assert [(c.code, c.rule, c.declared_max) for c in items] == [(f"1.3.{n}", "yesno", 0.25) for n in range(1, 5)]
    assert not plan.criterion("1.3").is_leaf and items[0].title == "Báo cáo Quý I đúng hạn"


def _one_task_one_criterion(task: str):
    """A Word document with a tasks table of one task (led by Văn phòng) and a criteria table
    whose one body row is left to the test: (the document, that row's cells)."""
    document = Document()
    tasks = document.add_table(rows=2, cols=2)
    for r, values in enumerate([["Nhiệm vụ cụ thể", "Chủ trì"], [task, "Văn phòng"]]):
        for col, text in enumerate(values):
            tasks.rows[r].cells[col].text = text
    criteria = document.add_table(rows=2, cols=3)
    for col, text in enumerate(["STT", "Tiêu chí", "Điểm tối đa"]):
        criteria.rows[0].cells[col].text = text
    return document, criteria.rows[1].cells
