"""Build the collect corpus: broken and awkward returned files, made from freshly generated workbooks.

    python tests/corpus/make_corpus.py             # rewrites tests/corpus/files/ and expected.csv

Every file starts as a unit workbook generated for the shipped 2022 plan, period q1, at a fixed
time; it is then filled in and spoiled the way returned files get spoiled: cell values changed
with openpyxl (as a unit types them), the zip edited by hand (forged cached values, a sheet that
declares a cell at XFD1048576, a zip bomb, ...), converted or encrypted by LibreOffice, or its
bytes broken. Each case declares the findings collect must report for it; this script writes
them to ``expected.csv``, which ``tests/test_corpus.py`` checks.

    python tests/corpus/make_corpus.py --out DIR   # the same into DIR/files and DIR/expected.csv

Reproducible: every zip this script writes is rewritten with fixed entry timestamps and fixed
document dates, so two runs give the same bytes, LibreOffice's conversions included (as a rule); the
two password-protected files differ (encryption uses a random salt). LibreOffice runs with a
fresh profile left at its defaults, as on a unit's PC. Without LibreOffice the converted files are
not made (nor listed), and the encrypted .xlsx is crafted instead (an OLE2 header and the
``EncryptedPackage`` stream name, which is what the guard looks for).

Never open the spoiled files with python-calamine here: some of them are made to abort it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import html
import io
import mailbox
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

import openpyxl  # noqa: E402
from openpyxl.formula.translate import Translator  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

from cchc_xlsx.rules import scoring  # noqa: E402
from cchc_xlsx import text as labels
from cchc_xlsx.generate import generate_period, units_to_generate  # noqa: E402
from cchc_xlsx.xlsx.libreoffice import find_soffice  # noqa: E402
from cchc_xlsx.plan import load_plan  # noqa: E402

FILES = HERE / "files"
NOW = dt.datetime(2022, 3, 1, 8, 0)                 # the workbooks' generation time (_meta)
ZIP_TIME = (2022, 3, 10, 9, 0, 0)                   # every zip entry this script writes
STAMP = "2022-03-10T09:00:00Z"                      # docProps created/modified
MAIL_DATE = dt.datetime(2022, 3, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
EVIDENCE = "Quyết định số 05/QĐ-STTTT ngày 10/01/2022"
XLSX_SUBTYPE = "vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = ("file", "codes", "absent", "unit", "verdict", "values", "description")

PLAN = load_plan().plan
TASKS_SHEET, CRITERIA_SHEET = labels.SHEET_TASKS, labels.SHEET_CRITERIA
DONE, IN_PROGRESS, NOT_STARTED = labels.STATUS_DONE, labels.STATUS_IN_PROGRESS, labels.STATUS_NOT_STARTED


@dataclass
class Case:
    """One corpus item and what collect must say about it."""

    file: str                      # name in files/ (for mail: "box.eml/attachment.xlsx")
    description: str
    codes: list[str] = field(default_factory=list)      # must appear among its findings
    absent: list[str] = field(default_factory=list)     # must not appear
    unit: str = ""
    verdict: str = ""
    values: list[str] = field(default_factory=list)     # "tasks/NV1.1/completion=50.5"


# --- zip surgery ----------------------------------------------------------------------------

def rezip(data: bytes, edits: dict | None = None, add: dict | None = None) -> bytes:
    """The zip ``data`` rewritten with fixed timestamps; ``edits`` map a part name to a function
    of its bytes (returning None drops the part); ``add`` maps new part names to bytes."""
    edits, add = edits or {}, add or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in edits:
                content = edits[info.filename](content)
                if content is None:
                    continue
            if info.filename in ("docProps/core.xml", "meta.xml"):
                content = _fixed_stamps(content)
            target.writestr(_info(info.filename, info.compress_type), content)
        for name, content in add.items():
            target.writestr(_info(name, zipfile.ZIP_DEFLATED), content)
    return out.getvalue()


def _info(name: str, compress_type: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = compress_type
    info.external_attr = 0o600 << 16
    return info


def _fixed_stamps(xml: bytes) -> bytes:
    xml = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + STAMP.encode() + rb"\2", xml)
    return re.sub(rb"(<meta:(?:creation-date|date)>|<dc:date>)[^<]*(<)", rb"\g<1>2022-03-10T09:00:00\2", xml)


def sheet_part(data: bytes, sheet_name: str) -> str:
    """The zip part that holds the sheet called ``sheet_name``."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    for match in re.finditer(r"<sheet\b[^>]*>", workbook):
        tag = match.group(0)
        name = re.search(r'name="([^"]*)"', tag).group(1)
        if html.unescape(name) == sheet_name:
            rel_id = re.search(r'r:id="([^"]*)"', tag).group(1)
            rel = re.search(r'<Relationship\b[^>]*Id="%s"[^>]*>' % re.escape(rel_id), rels).group(0)
            target = re.search(r'Target="([^"]*)"', rel).group(1)
            return target.lstrip("/") if target.startswith("/xl/") else "xl/" + target
    raise KeyError(sheet_name)


def set_cached_values(data: bytes, sheet_name: str, values: dict[str, float]) -> bytes:
    """Give formula cells a cached value, as Excel saves them (openpyxl writes none)."""
    part = sheet_part(data, sheet_name)

    def edit(xml: bytes) -> bytes:
        text = xml.decode("utf-8")
        for ref, value in values.items():
            pattern = re.compile(r'(<c r="%s"[^>]*>)(<f>.*?</f>)(?:<v\s*/>|<v>[^<]*</v>)?(</c>)' % ref)
            text, count = pattern.subn(lambda m: f"{m.group(1)}{m.group(2)}<v>{value!r}</v>{m.group(3)}", text)
            if count != 1:
                raise AssertionError(f"no formula cell {ref} in {part}")
        return text.encode("utf-8")

    return rezip(data, {part: edit})


def edit_sheet_xml(data: bytes, sheet_name: str, edit) -> bytes:
    return rezip(data, {sheet_part(data, sheet_name): edit})


# --- filling workbooks as a unit does -------------------------------------------------------

class Table:
    """A data sheet opened with openpyxl: cells by row code and column key."""

    def __init__(self, sheet, headers: dict[str, str]):
        self.sheet = sheet
        for row in range(1, 31):
            titles = {sheet.cell(row, col).value: col for col in range(1, sheet.max_column + 1)}
            if headers["code"] in titles:
                self.header_row = row
                self.columns = {key: titles[title] for key, title in headers.items() if title in titles}
                break
        else:
            raise AssertionError(f"no header row in {sheet.title}")
        self.rows = {}
        for row in range(self.header_row + 1, sheet.max_row + 1):
            code = sheet.cell(row, self.columns["code"]).value
            if code:
                self.rows[code] = row

    def cell(self, code: str, key: str):
        return self.sheet.cell(self.rows[code], self.columns[key])

    def set(self, code: str, key: str, value) -> None:
        cell = self.cell(code, key)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # text stays text, even "=..." (LIBRARY-FACTS: text that becomes a formula)

    def ref(self, code: str, key: str) -> str:
        return f"{get_column_letter(self.columns[key])}{self.rows[code]}"


class Book:
    """A generated workbook being filled in and spoiled with openpyxl."""

    def __init__(self, data: bytes, unit: str):
        self.workbook = openpyxl.load_workbook(io.BytesIO(data))
        self.unit = unit
        self.answers: dict[str, scoring.Result] = {}

    @property
    def tasks(self) -> Table:
        return Table(self.workbook[TASKS_SHEET], labels.TASK_HEADERS)

    @property
    def criteria(self) -> Table:
        return Table(self.workbook[CRITERIA_SHEET], labels.CRITERIA_HEADERS)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return rezip(buffer.getvalue())

    def save_with_points(self) -> bytes:
        """Saved with the cached points Excel would have computed from ``answers``."""
        data = self.save()
        criteria = self.criteria
        cached = {}
        for leaf in PLAN.leaves_scored_by(self.unit):
            result = self.answers.get(leaf.code)
            cached[criteria.ref(leaf.code, "points")] = float(scoring.leaf_score(PLAN, leaf, result).points)
        return set_cached_values(data, CRITERIA_SHEET, cached)


def task_plan(unit: str) -> list[tuple[str, str]]:
    """(code, status) for a unit's tasks as the filled workbooks have them."""
    plan = []
    for index, task in enumerate(PLAN.tasks_for(unit)):
        if index % 4 == 3:
            plan.append((task.code, IN_PROGRESS))
        elif index % 7 == 5:
            plan.append((task.code, labels.STATUS_NOT_ARISEN))
        else:
            plan.append((task.code, DONE))
    return plan


def good_answer(leaf) -> tuple[object, scoring.Result]:
    """A full-marks answer as a unit types it, and what it means."""
    rule = leaf.rule
    if rule == scoring.CHOICE:
        return scoring.level_label(leaf.levels[0]), scoring.Result(leaf.levels[0].order)
    if rule == scoring.YESNO:
        return labels.YES, scoring.Result(True)
    if rule in scoring.PERCENT_RULES:
        return 100, scoring.Result(100.0)
    if rule == scoring.TIERS:
        return 0, scoring.Result(0)
    maximum = scoring.leaf_max(leaf)
    return maximum, scoring.Result(maximum)


def fill(book: Book) -> Book:
    """Fill every input the way a careful unit does: no finding expected."""
    tasks = book.tasks
    for index, (code, status) in enumerate(task_plan(book.unit)):
        tasks.set(code, "status", status)
        if status == DONE:
            tasks.set(code, "completion", 100)
            tasks.set(code, "completed_on", dt.datetime(2022, 1, 5 + index % 25))
            tasks.set(code, "evidence", f"Công văn số {100 + index}/STTTT-{book.unit} ngày 05/01/2022")
        elif status == IN_PROGRESS:
            tasks.set(code, "completion", 60)
            tasks.set(code, "issues", "Đang chờ ý kiến của UBND tỉnh")
    criteria = book.criteria
    for leaf in PLAN.leaves_scored_by(book.unit):
        typed, meaning = good_answer(leaf)
        criteria.set(leaf.code, "result", typed)
        criteria.set(leaf.code, "evidence", EVIDENCE)
        book.answers[leaf.code] = meaning
    return book


def first(unit: str, status: str, skip: int = 0) -> str:
    """The code of the (skip+1)-th task of ``unit`` filled with ``status``."""
    return [code for code, s in task_plan(unit) if s == status][skip]


def leaf_of(unit: str, rule: str, *, allows_na: bool | None = None, skip: int = 0) -> str:
    found = [c.code for c in PLAN.leaves_scored_by(unit) if c.rule == rule
             and (allows_na is None or PLAN.allows_not_applicable(c.code) == allows_na)
             and scoring.leaf_max(c) > 0]
    return found[skip]


@functools.lru_cache(maxsize=None)
def generated_workbooks(period: str = "q1") -> dict[str, bytes]:
    """Unit code → the bytes of its freshly generated workbook for ``period`` (at the fixed time)."""
    with tempfile.TemporaryDirectory(prefix="cchc-corpus-gen-") as outdir:
        result = generate_period(PLAN, period, Path(outdir), units_to_generate(PLAN), now=NOW, workers=1)
        assert not result.failures, result.failures
        return {w.unit: w.path.read_bytes() for w in result.written}


def filled(unit: str, period: str = "q1") -> Book:
    """A freshly generated workbook of ``unit``, filled in carefully (not saved yet)."""
    return fill(Book(generated_workbooks(period)[unit], unit))


# --- the cases ------------------------------------------------------------------------------

class Corpus:
    def __init__(self, out: Path, workdir: Path):
        self.out, self.workdir = out, workdir
        self.cases: list[Case] = []
        self.generated = generated_workbooks("q1")
        self.generated_h1 = generated_workbooks("h1")
        self.soffice = find_soffice()
        self.to_convert: dict[str, list[tuple[str, bytes, Case]]] = {}

    def book(self, unit: str = "TTRA", period: str = "q1") -> Book:
        return Book((self.generated if period == "q1" else self.generated_h1)[unit], unit)

    def add(self, name: str, data: bytes, description: str, **expect) -> Case:
        case = Case(name, description, **expect)
        (self.out / name).write_bytes(data)
        self.cases.append(case)
        return case

    def container(self, name: str, data: bytes) -> None:
        """A message file: its items are expected one by one (``expect``)."""
        (self.out / name).write_bytes(data)

    def expect(self, name: str, description: str, **expect) -> Case:
        case = Case(name, description, **expect)
        self.cases.append(case)
        return case

    # A spoiled copy of TTRA's filled workbook: ``spoil`` edits it, the file is saved without cached points.
    def variant(self, name: str, spoil, description: str, unit: str = "TTRA", **expect) -> Case:
        book = fill(self.book(unit))
        spoil(book)
        return self.add(name, book.save(), description, unit=expect.pop("unit", unit), **expect)


def make(out: Path) -> list[Case]:
    with tempfile.TemporaryDirectory(prefix="cchc-corpus-") as temporary:
        corpus = Corpus(out, Path(temporary))
        clean_and_typed(corpus)
        task_mistakes(corpus)
        criteria_mistakes(corpus)
        structure(corpus)
        identity(corpus)
        containers(corpus)
        mail(corpus)
        intake(corpus)
        libreoffice(corpus)
        declared_extent(corpus)
        other_period_and_zip(corpus)
        other_programs(corpus)
        return corpus.cases


def clean_and_typed(c: Corpus) -> None:
    clean = fill(c.book("TTRA")).save_with_points()
    c.add("clean_ttra.xlsx", clean, "filled in carefully, cached points as Excel computes them",
          unit="TTRA", verdict="accepted", absent=["value-ambiguous"])
    c.add("clean_ttra_sent_twice.xlsx", clean, "the same bytes again under another name",
          codes=["file-duplicate"], unit="TTRA", verdict="duplicate")
    c.add("clean_vp.xlsx", fill(c.book("VP")).save_with_points(),
          "Văn phòng filled in carefully (choice, yes/no, ratio, threshold, tiers, points)",
          unit="VP", verdict="accepted", absent=["value-ambiguous"])
    c.add("blank_iso.xlsx", rezip(c.generated["ISO"]), "returned as generated, nothing filled in",
          codes=["status-missing", "result-missing"], unit="ISO", verdict="warnings",
          absent=["row-unknown-code", "row-missing"])

    running = first("TTRA", IN_PROGRESS)
    points, ratio = leaf_of("TTRA", scoring.POINTS), leaf_of("TTRA", scoring.RATIO)
    points2 = leaf_of("TTRA", scoring.POINTS, skip=1)

    def decimal_comma(book: Book) -> None:
        book.tasks.set(running, "completion", "50,5")
        book.criteria.set(points, "result", "0,5")
        book.criteria.set(points2, "result", "0,25")
        book.criteria.set(ratio, "result", "87,5")

    c.variant("typed_decimal_comma.xlsx", decimal_comma, "numbers typed with a decimal comma as text",
              verdict="accepted", absent=["value-ambiguous", "result-invalid", "completion-invalid"],
              values=[f"tasks/{running}/completion=50.5", f"criteria/{points}/points=0.5",
                      f"criteria/{points2}/points=0.25", f"criteria/{ratio}/points=0.875"])

    def percent_sign(book: Book) -> None:
        book.tasks.set(running, "completion", "80%")
        book.criteria.set(ratio, "result", "95 %")

    c.variant("typed_percent_sign.xlsx", percent_sign, "percentages typed as text with a % sign",
              verdict="accepted", absent=["value-ambiguous", "result-invalid", "completion-invalid"],
              values=[f"tasks/{running}/completion=80", f"criteria/{ratio}/points=0.95"])

    def fraction(book: Book) -> None:
        book.tasks.set(running, "completion", 0.8)
        book.criteria.set(ratio, "result", 0.9)

    c.variant("typed_fraction_for_percent.xlsx", fraction,
              "0.8 in a plain cell: 0.8 %, with a warning asking whether 80 % was meant (issue 11)",
              codes=["percent-fraction"], verdict="warnings", absent=["value-ambiguous"],
              values=[f"tasks/{running}/completion=0.8", f"criteria/{ratio}/points=0.009"])

    done = [first("TTRA", DONE, k) for k in range(3)]

    def date_text(book: Book) -> None:
        book.tasks.set(done[0], "completed_on", "15/02/2022")
        book.tasks.set(done[1], "completed_on", "1-3-2022")
        book.tasks.set(done[2], "completed_on", "ngày 20 tháng 02 năm 2022")

    c.variant("typed_date_text.xlsx", date_text,
              "dates typed as dd/mm/yyyy text and in words (1-3-2022 could be 3 January: noted)",
              codes=["value-ambiguous"], verdict="accepted", absent=["date-invalid"],
              values=[f"tasks/{done[0]}/completed_on=2022-02-15", f"tasks/{done[1]}/completed_on=2022-03-01",
                      f"tasks/{done[2]}/completed_on=2022-02-20"])

    def date_serial(book: Book) -> None:
        cell = book.tasks.cell(done[0], "completed_on")
        cell.value, cell.number_format = 44607, "General"      # a date pasted as its serial number
        book.tasks.set(done[1], "completed_on", "44620")       # the serial number as text

    c.variant("typed_date_serial.xlsx", date_serial, "dates as Excel serial numbers (a number, and as text)",
              codes=["value-ambiguous"], verdict="accepted", absent=["date-invalid"],
              values=[f"tasks/{done[0]}/completed_on=2022-02-15", f"tasks/{done[1]}/completed_on=2022-02-28"])

    yesno, choice = leaf_of("TTRA", scoring.YESNO), leaf_of("TTRA", scoring.CHOICE)

    def nfd_spaces(book: Book) -> None:
        nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731 (macOS and some IMEs type this)
        book.tasks.set(done[0], "status", nfd("  Hoàn   thành "))
        book.tasks.set(done[1], "status", nfd("hoàn thành"))
        book.tasks.set(done[1], "evidence", nfd("Công\u00a0văn  số 12/STTTT "))
        book.tasks.set(running, "code", f" {running} ")
        book.criteria.set(yesno, "result", nfd("  có "))
        label = scoring.level_label(PLAN.criterion(choice).levels[0])
        book.criteria.set(choice, "result", nfd(label) + "  ")

    c.variant("typed_nfd_spaces.xlsx", nfd_spaces, "decomposed (NFD) Vietnamese, stray and no-break spaces",
              verdict="accepted", absent=["status-invalid", "result-invalid", "row-unknown-code", "row-missing"],
              values=[f"tasks/{done[0]}/status={DONE}", f"tasks/{done[1]}/status={DONE}",
                      f"tasks/{done[1]}/evidence=Công văn số 12/STTTT", f"tasks/{running}/completion=60",
                      f"criteria/{yesno}/result_value=1", f"criteria/{choice}/result_value=1"])


def task_mistakes(c: Corpus) -> None:
    done, running = first("TTRA", DONE), first("TTRA", IN_PROGRESS)
    done2 = first("TTRA", DONE, 1)

    def setter(*edits):
        def spoil(book: Book) -> None:
            for code, key, value in edits:
                book.tasks.set(code, key, value)
        return spoil

    c.variant("status_not_in_list.xlsx", setter((done, "status", "Xong rồi")), "Tình trạng outside the list",
              codes=["status-invalid"], verdict="errors")
    c.variant("completion_150.xlsx", setter((running, "completion", 150)), "Tỷ lệ hoàn thành 150",
              codes=["completion-invalid"], verdict="errors")
    c.variant("completion_negative.xlsx", setter((running, "completion", -5)), "Tỷ lệ hoàn thành -5",
              codes=["completion-invalid"], verdict="errors")
    c.variant("completion_vs_status.xlsx", setter((done, "completion", 40), (running, "status", NOT_STARTED),
                                                  (running, "completion", 30)),
              "Hoàn thành at 40%, Chưa triển khai at 30%", codes=["completion-status"], verdict="warnings")
    c.variant("done_without_date.xlsx", setter((done, "completed_on", None)), "finished task without a date",
              codes=["date-missing"], verdict="warnings")
    c.variant("date_unparseable.xlsx", setter((done, "completed_on", "giữa tháng 2")), "a date nobody can read",
              codes=["date-invalid"], verdict="errors")
    c.variant("date_outside_year.xlsx", setter((done, "completed_on", dt.datetime(2023, 1, 5))),
              "a date in the next year", codes=["date-outside-year"], verdict="errors")
    c.variant("date_after_cutoff.xlsx", setter((done, "completed_on", dt.datetime(2022, 4, 20))),
              "a date after the q1 cut-off (14/03/2022)", codes=["date-after-cutoff"], verdict="warnings")
    c.variant("evidence_missing_task.xlsx", setter((done2, "evidence", None)), "finished task without evidence",
              codes=["evidence-missing"], verdict="warnings")
    c.variant("locked_task_text_edited.xlsx", setter((done, "description", "Nội dung nhiệm vụ đã bị sửa")),
              "the locked task description typed over", codes=["locked-edited"], verdict="warnings")


def criteria_mistakes(c: Corpus) -> None:
    choice, choice2 = leaf_of("TTRA", scoring.CHOICE), leaf_of("TTRA", scoring.CHOICE, skip=1)
    yesno, ratio, points = leaf_of("TTRA", scoring.YESNO), leaf_of("TTRA", scoring.RATIO), \
        leaf_of("TTRA", scoring.POINTS)
    no_na = leaf_of("TTRA", scoring.CHOICE, allows_na=False)
    with_na = leaf_of("TTRA", scoring.CHOICE, allows_na=True)

    def setter(*edits):
        def spoil(book: Book) -> None:
            for code, key, value in edits:
                book.criteria.set(code, key, value)
        return spoil

    levels = len(PLAN.criterion(choice2).levels)
    c.variant("evidence_missing_criterion.xlsx", setter((choice, "evidence", None)),
              "points claimed without evidence", codes=["evidence-missing"], verdict="warnings")
    not_a_level = f"{levels + 1}. Mức không có trong danh sách"
    c.variant("choice_not_a_level.xlsx", setter((choice, "result", "Đạt yêu cầu"), (choice2, "result", not_a_level)),
              "a choice answer that is none of the row's levels", codes=["result-invalid"], verdict="errors",
              values=[f"criteria/{choice}/points=0"])
    c.variant("yesno_maybe.xlsx", setter((yesno, "result", "Có thể")), "yes/no answered “maybe”",
              codes=["result-invalid"], verdict="errors")
    c.variant("percent_130.xlsx", setter((ratio, "result", 130)), "a percentage of 130",
              codes=["result-invalid"], verdict="errors")
    c.variant("points_above_max.xlsx", setter((points, "result", 3)), "3 points where the maximum is 0,5",
              codes=["result-above-max"], verdict="errors", values=[f"criteria/{points}/points=0.5"])
    c.variant("na_not_allowed.xlsx", setter((no_na, "not_applicable", labels.YES)),
              "hạ chuẩn claimed where the plan does not allow it", codes=["na-not-allowed"], verdict="errors")
    c.variant("na_allowed.xlsx", setter((with_na, "not_applicable", labels.YES), (with_na, "result", None),
                                        (with_na, "evidence", None)),
              "hạ chuẩn where the plan allows it, result left empty", verdict="accepted",
              absent=["result-missing", "na-not-allowed", "evidence-missing"],
              values=[f"criteria/{with_na}/not_applicable=1", f"criteria/{with_na}/points=0"])
    c.variant("locked_criterion_title_edited.xlsx", setter((choice, "title", "Tiêu chí do đơn vị tự đặt")),
              "the locked criterion title typed over", codes=["locked-edited"], verdict="warnings")

    # The cached "Điểm tự chấm" says 0,25 where the answer "Không" earns 0.
    book = fill(c.book("TTRA"))
    book.criteria.set(yesno, "result", labels.NO)
    data = book.save_with_points()  # ``answers`` still hold the clean "Có": the cached value is the stale 0,25
    c.add("points_forged.xlsx", data, "cached Điểm tự chấm differs from the points of the answer",
          codes=["points-differ"], unit="TTRA", verdict="warnings", values=[f"criteria/{yesno}/points=0"])


def structure(c: Corpus) -> None:
    def reverse_rows(book: Book) -> None:
        for table in (book.tasks, book.criteria):
            sheet = table.sheet
            rows = sorted(table.rows.values())
            width = sheet.max_column
            saved = [[sheet.cell(r, col).value for col in range(1, width + 1)] for r in rows]
            for target, source, values in zip(rows, reversed(rows), reversed(saved)):
                for col, value in enumerate(values, start=1):
                    if isinstance(value, str) and value.startswith("="):
                        value = Translator(value, origin=f"{get_column_letter(col)}{source}") \
                            .translate_formula(f"{get_column_letter(col)}{target}")
                    sheet.cell(target, col).value = value

    c.variant("rows_sorted_reverse.xlsx", reverse_rows, "both sheets sorted Z→A (rows are matched by Mã)",
              verdict="accepted", absent=["row-missing", "row-unknown-code", "row-duplicate", "locked-edited"],
              values=[f"tasks/{first('TTRA', IN_PROGRESS)}/completion=60",
                      f"criteria/{leaf_of('TTRA', scoring.RATIO)}/points=1"])

    deleted = first("TTRA", DONE, 2)
    c.variant("row_deleted.xlsx", lambda b: b.tasks.sheet.delete_rows(b.tasks.rows[deleted]), "a task row deleted",
              codes=["row-missing"], verdict="warnings")

    def add_row(code: str, copy_of: str | None = None):
        def spoil(book: Book) -> None:
            table = book.tasks
            row = table.sheet.max_row + 1
            source = table.rows[copy_of or first("TTRA", DONE)]
            for col in range(1, table.sheet.max_column + 1):
                table.sheet.cell(row, col).value = table.sheet.cell(source, col).value
            table.sheet.cell(row, table.columns["code"]).value = code
            table.sheet.cell(row, table.columns["completion"]).value = 100
            table.sheet.cell(row, table.columns["note"]).value = "Dòng do đơn vị thêm"
        return spoil

    c.variant("unknown_code_added.xlsx", add_row("NV9.9"), "a row added with a Mã the plan does not have",
              codes=["row-unknown-code"], verdict="warnings")
    duplicated = first("TTRA", IN_PROGRESS)
    c.variant("duplicate_code.xlsx", add_row(duplicated, copy_of=duplicated), "a row copied: its Mã twice",
              codes=["row-duplicate"], verdict="errors")

    def rename(book: Book) -> None:
        book.workbook[TASKS_SHEET].title = "Nhiệm vụ (đã sửa)"

    c.variant("sheet_renamed.xlsx", rename, "the Nhiệm vụ sheet renamed", codes=["sheet-missing"], verdict="errors")
    c.variant("sheet_deleted.xlsx", lambda b: b.workbook.remove(b.workbook[CRITERIA_SHEET]),
              "the Tự chấm điểm sheet deleted", codes=["sheet-missing"], verdict="errors")
    c.variant("header_column_deleted.xlsx",
              lambda b: b.tasks.sheet.delete_cols(b.tasks.columns["status"]),
              "the Tình trạng column deleted (reported once, not as a missing status on every row)",
              codes=["header-missing"], verdict="errors", absent=["status-missing"])
    c.variant("header_rows_inserted.xlsx", lambda b: b.tasks.sheet.insert_rows(1, 2),
              "two rows inserted above the title and header", verdict="accepted",
              absent=["header-missing", "row-missing"],
              values=[f"tasks/{first('TTRA', IN_PROGRESS)}/completion=60"])

    def clear_codes(book: Book) -> None:
        for table in (book.tasks, book.criteria):
            for row in table.rows.values():
                table.sheet.cell(row, table.columns["code"]).value = None

    c.variant("codes_cleared.xlsx", clear_codes, "every row's Mã cleared: no answer can be matched",
              codes=["row-missing", "row-unknown-code"])


def identity(c: Corpus) -> None:
    c.variant("meta_removed.xlsx", lambda b: b.workbook.remove(b.workbook[labels.SHEET_META]),
              "_meta deleted (answers copied into a new workbook): identified by the unit name",
              codes=["meta-missing"], verdict="warnings")

    def meta(key: str, value: str):
        def spoil(book: Book) -> None:
            sheet = book.workbook[labels.SHEET_META]
            for row in sheet.iter_rows():
                if row[0].value == key:
                    row[1].value = value
        return spoil

    c.variant("meta_unknown_plan.xlsx", meta("plan_id", "0123456789abcdef"),
              "_meta from a plan version the workspace never kept: its rows matched by Mã",
              codes=["meta-unknown-plan"], absent=["meta-other-plan", "row-unknown-code"], verdict="warnings")

    def other_plan(book: Book) -> None:
        meta("plan_id", "0123456789abcdef")(book)
        for table in (book.tasks, book.criteria):
            for row in table.rows.values():
                cell = table.sheet.cell(row, table.columns["code"])
                cell.value = f"K{cell.value}"

    c.variant("meta_other_plan.xlsx", other_plan, "_meta from another plan and none of its rows' Mã in this one",
              codes=["meta-other-plan"], verdict="rejected")
    c.variant("meta_unknown_unit.xlsx", meta("unit", "PKT"), "_meta names a unit the plan lacks",
              codes=["meta-missing"], verdict="warnings")
    book = fill(c.book("TTRA", "h1"))
    c.add("meta_other_period.xlsx", book.save(), "the h1 workbook returned while collecting q1",
          codes=["meta-other-period"], unit="TTRA", verdict="rejected")


def containers(c: Corpus) -> None:
    clean = fill(c.book("TTCNTT")).save()
    c.add("macro_enabled.xlsm", rezip(clean, {"[Content_Types].xml": lambda x: x.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")}),
        "saved as .xlsm (values read, macros never run)", codes=["file-macros"], unit="TTCNTT", verdict="accepted")
    base = fill(c.book("TTRA")).save()
    c.add("truncated.xlsx", base[: len(base) // 2], "half a download", codes=["file-truncated"], verdict="rejected")

    def corrupt(data: bytes) -> bytes:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo(sheet_part(data, TASKS_SHEET))
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        spoiled = bytearray(data)
        for offset in range(start + 40, start + 80):
            spoiled[offset] ^= 0x5A
        return bytes(spoiled)

    c.add("corrupt_deflate.xlsx", corrupt(base), "a zip whose sheet's compressed data is damaged",
          codes=["file-truncated"], verdict="rejected")

    lists = sheet_part(base, labels.SHEET_LISTS)
    bomb = b'<?xml version="1.0"?><worksheet><!--' + b"0" * (60 * 1024 * 1024) + b"--></worksheet>"
    c.add("zip_bomb.xlsx", rezip(base, {lists: lambda _: bomb}), "a 60 MB sheet in a small zip",
          codes=["file-too-expanded"], verdict="rejected")
    far = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'
    c.add("far_cell_xfd1048576.xlsx", edit_sheet_xml(base, TASKS_SHEET, lambda x: x.replace(b"</sheetData>", far)),
          "a cell at XFD1048576 (python-calamine would abort)", codes=["file-cell-out-of-range"], verdict="rejected")
    # The same cell written as XML allows too: single quotes, lower case; and a row with no cell references.
    quoted = b"<row r='1048576'><c r='XFD1048576' t='n'><v>1</v></c></row></sheetData>"
    c.add("far_cell_single_quotes.xlsx",
          edit_sheet_xml(base, TASKS_SHEET, lambda x: x.replace(b"</sheetData>", quoted)),
          "a cell at XFD1048576 with its attributes in single quotes (valid XML)", codes=["file-cell-out-of-range"],
          verdict="rejected")
    lower = b'<row r="1048576"><c r="xfd1048576" t="n"><v>1</v></c></row></sheetData>'
    c.add("far_cell_lowercase.xlsx", edit_sheet_xml(base, TASKS_SHEET, lambda x: x.replace(b"</sheetData>", lower)),
          "a cell at xfd1048576 in lower case (python-calamine accepts it)", codes=["file-cell-out-of-range"],
          verdict="rejected")
    rows_only = b'<row r="100000"><c t="n"><v>1</v></c></row></sheetData>'
    c.add("far_row_without_cell_refs.xlsx",
          edit_sheet_xml(base, TASKS_SHEET, lambda x: x.replace(b"</sheetData>", rows_only)),
          "row 100000 whose cell has no reference (r is optional): 100000 rows to allocate",
          codes=["file-cell-out-of-range"], verdict="rejected")

    def whole_grid_dimension(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)

    def whole_grid_merge(xml: bytes) -> bytes:
        return re.sub(rb'<mergeCells count="(\d+)">', lambda m: b'<mergeCells count="%d">' % (int(m.group(1)) + 1)
                      + b'<mergeCell ref="A40:XFD1048576"/>', xml)

    # The guard judges what a sheet holds: these declare the whole grid and hold nothing there.
    c.add("dimension_whole_grid.xlsx", edit_sheet_xml(base, TASKS_SHEET, whole_grid_dimension),
          "a dimension over the whole grid, nothing there (read without it)", unit="TTRA", verdict="accepted",
          absent=["file-too-expanded", "file-cell-out-of-range"])
    c.add("merge_whole_grid.xlsx", edit_sheet_xml(base, CRITERIA_SHEET, whole_grid_merge),
          "a merged range over the whole grid, nothing in it (read without it)", unit="TTRA", verdict="accepted",
          absent=["file-too-expanded", "file-cell-out-of-range"])
    entity = (b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
              b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
              b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>')

    def laughs(xml: bytes) -> bytes:
        xml = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)
        return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + entity + \
            re.sub(rb"<t>", b"<t>&h;", xml, count=1)

    c.add("xml_entity_bomb.xlsx", rezip(base, {"xl/sharedStrings.xml": laughs}),
          "shared strings declaring a billion-laughs entity", absent=["file-reader-crashed"])
    c.add("text_renamed.xlsx", "Kính gửi Văn phòng,\r\nĐơn vị gửi báo cáo quý I.\r\n".encode("utf-8"),
          "a text file named .xlsx", codes=["file-not-spreadsheet"], verdict="rejected")
    c.add("empty.xlsx", b"", "an empty file", codes=["file-not-spreadsheet"], verdict="rejected")
    c.add("~$clean_ttra.xlsx", b"\x0bNguyen Van A" + b" " * 41 + b"\x0b\x00N\x00g\x00u\x00y\x00" + b"\x00" * 100,
          "Excel's lock file", codes=["file-skipped-lock"], verdict="skipped")
    c.add("scan.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
          "a PDF next to the workbooks: kept as evidence (issue 16)", codes=["evidence-kept"], verdict="evidence")


def mail(c: Corpus) -> None:
    bcvt = fill(c.book("BCVT")).save()
    ttcntt = fill(c.book("TTCNTT"))
    ttcntt.tasks.set(first("TTCNTT", IN_PROGRESS), "note", "Gửi kèm báo cáo của Phòng BC-VT-CNTT")
    ttcntt = ttcntt.save()
    message = _message("Phòng BC-VT-CNTT <bcvt@stttt.example.vn>", "<corpus-1@stttt.example.vn>",
                       "Báo cáo CCHC quý I/2022 - Phòng BC-VT-CNTT và Trung tâm CNTT-TT")
    message.add_attachment(bcvt, maintype="application", subtype=XLSX_SUBTYPE,
                           filename="Báo cáo CCHC quý I - BCVT.xlsx")
    message.add_attachment(ttcntt, maintype="application", subtype="octet-stream", filename="TTCNTT quy I.xlsx")
    message.set_boundary("cchc-corpus-boundary-1")
    c.container("two_attachments.eml", bytes(message))
    c.expect("two_attachments.eml/Báo cáo CCHC quý I - BCVT.xlsx", "BCVT's workbook from BCVT's address",
             unit="BCVT", verdict="accepted", absent=["meta-sender-differs"])
    c.expect("two_attachments.eml/TTCNTT quy I.xlsx", "TTCNTT's workbook sent from BCVT's address: held for the Office",
             codes=["meta-sender-differs", "sender-held"], unit="TTCNTT", verdict="held")

    ttbc = fill(c.book("TTBC"))
    ttbc.tasks.set(first("TTBC", DONE), "issues", "Không có")
    iso = fill(c.book("ISO"))
    iso.tasks.set(first("ISO", DONE), "note", "Gửi từ hộp thư cá nhân")
    box_path = c.workdir / "two_messages.mbox"
    box = mailbox.mbox(str(box_path))
    for index, (sender, data, name) in enumerate(
            (("Phòng TT-BC-XB <ttbc@stttt.example.vn>", ttbc.save(), "TTBC quý I.xlsx"),
             ("Nguyễn Văn A <nguyenvana.iso@gmail.com>", iso.save(), "ISO - quy I.xlsx")), start=1):
        message = _message(sender, f"<corpus-mbox-{index}@example.vn>", f"Báo cáo CCHC quý I ({index})")
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
        message.set_boundary(f"cchc-corpus-boundary-mbox-{index}")
        entry = mailbox.mboxMessage(bytes(message))
        entry.set_from("MAILER-DAEMON", time.gmtime(MAIL_DATE.timestamp()))
        box.add(entry)
    box.close()
    c.container("two_messages.mbox", box_path.read_bytes())
    c.expect("two_messages.mbox#1/TTBC quý I.xlsx", "TTBC's workbook by mail", unit="TTBC", verdict="accepted",
             absent=["meta-sender-differs"])
    c.expect("two_messages.mbox#2/ISO - quy I.xlsx", "ISO's workbook from a personal address: held for the Office",
             codes=["meta-sender-differs", "sender-held"], unit="ISO", verdict="held")

    message = _message("Văn phòng <vp@stttt.example.vn>", "<corpus-2@stttt.example.vn>", "Bản scan báo cáo")
    message.add_attachment(b"%PDF-1.4\n%%EOF\n", maintype="application", subtype="pdf", filename="bao cao.pdf")
    message.set_boundary("cchc-corpus-boundary-2")
    c.container("only_pdf.eml", bytes(message))
    c.expect("only_pdf.eml/bao cao.pdf", "the PDF attachment: kept as evidence (issue 16)", codes=["evidence-kept"],
             verdict="evidence")
    c.expect("only_pdf.eml", "a message with a PDF and no workbook", codes=["file-no-attachment"], verdict="skipped")


def raw_text(book: Book, code: str, key: str, text: str) -> bytes:
    """``book`` saved with ``text`` in one task cell as Excel writes it: control characters as
    ``_xHHHH_``, and no 32,767-character cut (openpyxl refuses the one and does the other)."""
    marker = "CCHC-CORPUS-PLACEHOLDER"
    book.tasks.set(code, key, marker)
    data = book.save()
    encoded = "".join(f"_x{ord(ch):04X}_" if ord(ch) < 0x20 and ch not in "\t\n" else ch for ch in text)
    encoded = html.escape(encoded, quote=False).encode("utf-8")
    parts = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.endswith(".xml")]
    return rezip(data, {name: (lambda xml: xml.replace(marker.encode(), encoded)) for name in parts})


def intake(c: Corpus) -> None:
    """Odd and hostile items of issue 10: an absurd Date:, a unit's workbook from a stranger's
    address, text longer than a cell, control characters in a cell."""
    ttra = fill(c.book("TTRA")).save()
    message = _message("Thanh tra Sở <ttra@stttt.example.vn>", "<corpus-9999@stttt.example.vn>", "Báo cáo quý I")
    message.replace_header("Date", "Fri, 31 Dec 9999 23:59:59 -1200")
    message.add_attachment(ttra, maintype="application", subtype=XLSX_SUBTYPE, filename="Thanh tra quy I.xlsx")
    message.set_boundary("cchc-corpus-boundary-9999")
    c.container("date_year_9999.eml", bytes(message))
    c.expect("date_year_9999.eml/Thanh tra quy I.xlsx", "Date: 31 Dec 9999 -1200 (overflows on conversion): collected",
             unit="TTRA", verdict="accepted")

    vp = fill(c.book("VP"))
    vp.tasks.set(first("VP", IN_PROGRESS), "completion", 100)
    message = _message("Người lạ <nguoi.la@gmail.com>", "<corpus-stranger@gmail.com>", "Báo cáo CCHC Văn phòng")
    message.add_attachment(vp.save(), maintype="application", subtype=XLSX_SUBTYPE, filename="Van phong quy I.xlsx")
    message.set_boundary("cchc-corpus-boundary-stranger")
    c.container("vp_from_stranger.eml", bytes(message))
    c.expect("vp_from_stranger.eml/Van phong quy I.xlsx",
             "VP's workbook (_meta says VP) mailed from an address that is not VP's: held, not merged",
             codes=["sender-held", "meta-sender-differs"], unit="VP", verdict="held")

    book = fill(c.book("TTRA"))
    c.add("text_longer_than_a_cell.xlsx", raw_text(book, first("TTRA", IN_PROGRESS), "note", "Ghi chú dài. " * 3000),
          "a note of about 39,000 characters (a cell holds 32,767): kept whole, said in a finding",
          codes=["value-too-long"], unit="TTRA", verdict="warnings")

    book = fill(c.book("TTRA"))
    c.add("control_characters.xlsx",
          raw_text(book, first("TTRA", IN_PROGRESS), "note", "\x1b[2K\x1b[32mđã nhận\x1b[0m\r\nGhi chú"),
          "an ESC sequence and CR/LF in a note: read, escaped wherever shown", unit="TTRA", verdict="accepted")


def _message(sender: str, message_id: str, subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Văn phòng <vp@stttt.example.vn>"
    message["Subject"] = subject
    message["Date"] = format_datetime(MAIL_DATE)
    message["Message-ID"] = message_id
    message.set_content("Kính gửi Văn phòng,\n\nĐơn vị gửi báo cáo kết quả thực hiện CCHC quý I/2022.\n\n"
                        "Trân trọng.")
    return message


def libreoffice(c: Corpus) -> None:
    """Files a unit saved with LibreOffice: re-saved .xlsx, .ods, .xls, password-protected."""
    ttbc = fill(c.book("TTBC")).save()
    bcvt = fill(c.book("BCVT"))
    bcvt.tasks.set(first("BCVT", IN_PROGRESS), "completion", 45)
    iso = fill(c.book("ISO"))
    iso.tasks.set(first("ISO", IN_PROGRESS), "completion", 70)
    ttcntt = fill(c.book("TTCNTT"))
    ttcntt.tasks.set(first("TTCNTT", IN_PROGRESS), "completion", 20)
    protected = fill(c.book("TTRA"))
    protected.tasks.set(first("TTRA", IN_PROGRESS), "completion", 35)
    protected = protected.save()
    if c.soffice is None:
        print("LibreOffice not found: the re-saved, .ods, .xls and encrypted .xls files are not made",
              file=sys.stderr)
        c.add("password_protected.xlsx", _crafted_encrypted(), "an encrypted workbook (crafted OLE2 container)",
              codes=["file-encrypted"], verdict="rejected")
        return
    made = _convert(c, {"libreoffice_resaved": ttbc}, "xlsx")
    c.add("libreoffice_resaved.xlsx", rezip(made["libreoffice_resaved"]),
          "re-saved by LibreOffice (its own XML, recalculated cached points)", unit="TTBC", verdict="accepted",
          absent=["points-differ", "file-converted"])
    made = _convert(c, {"libreoffice": bcvt.save()}, "ods")
    c.add("libreoffice.ods", rezip(made["libreoffice"]), "saved as .ods by LibreOffice",
          codes=["file-converted"], unit="BCVT", verdict="warnings", absent=["points-differ"])
    made = _convert(c, {"libreoffice": ttcntt.save(), "xls_renamed": iso.save()}, "xls")
    c.add("libreoffice.xls", made["libreoffice"], "saved as Excel 97-2003 .xls by LibreOffice",
          codes=["file-converted"], unit="TTCNTT", verdict="warnings")
    c.add("xls_renamed.xlsx", made["xls_renamed"], "an .xls file renamed .xlsx",
          codes=["file-not-spreadsheet"], verdict="rejected")
    python = _uno_python()
    if python is None:
        c.add("password_protected.xlsx", _crafted_encrypted(), "an encrypted workbook (crafted OLE2 container)",
              codes=["file-encrypted"], verdict="rejected")
        return
    c.add("password_protected.xlsx", _encrypt(c, python, protected, "xlsx", "Calc MS Excel 2007 XML"),
          "saved with a password to open (LibreOffice, ECMA-376 encryption)", codes=["file-encrypted"],
          verdict="rejected")
    c.add("password_protected.xls", _encrypt(c, python, protected, "xls", "MS Excel 97"),
          "an .xls saved with a password to open", codes=["file-encrypted"], verdict="rejected")


def _convert(c: Corpus, files: dict[str, bytes], extension: str) -> dict[str, bytes]:
    """Convert with a fresh LibreOffice profile left at its defaults, as a unit's LibreOffice is."""
    source = c.workdir / f"to-{extension}"
    target = c.workdir / f"as-{extension}"
    source.mkdir()
    for stem, data in files.items():
        (source / f"{stem}.xlsx").write_bytes(data)
    profile = c.workdir / f"profile-{extension}"
    subprocess.run([str(c.soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", extension, "--outdir", str(target), *sorted(str(p) for p in source.iterdir())],
                   check=True, capture_output=True, timeout=300)
    return {stem: (target / f"{stem}.{extension}").read_bytes() for stem in files}


def _uno_python() -> str | None:
    for candidate in (sys.executable, "/usr/bin/python3", str(Path(str(find_soffice())).parent / "python")):
        try:
            done = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return candidate
    return None


def _encrypt(c: Corpus, python: str, data: bytes, extension: str, filter_name: str) -> bytes:
    source = c.workdir / f"plain-{extension}.xlsx"
    target = c.workdir / f"encrypted.{extension}"
    source.write_bytes(data)
    subprocess.run([python, str(HERE / "lo_encrypt.py"), str(source), str(target), filter_name, "matkhau",
                    str(c.soffice)], check=True, capture_output=True, timeout=300)
    return target.read_bytes()


def _crafted_encrypted() -> bytes:
    # What the guard looks for: the OLE2 signature, then the stream name of ECMA-376 encryption.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    return header + b"\x00" * 480 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024


def declared_extent(c: Corpus) -> None:
    """Sheets that declare more than they hold (issue 10): read what they hold; a value far away
    is named; a zip entry that inflates past its declared size is refused before any reader."""
    deleted, running = first("TTRA", DONE, 2), first("TTRA", IN_PROGRESS, 1)
    book = fill(c.book("TTRA"))
    book.tasks.sheet.delete_rows(book.tasks.rows[deleted])
    # What LibreOffice 7.4 writes after a row deletion: the dimension and an empty row at the grid's end.
    empty_last = (b'<row r="1048576" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
                  b'outlineLevel="0" collapsed="false"></row></sheetData>')

    def libreoffice_extent(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:L1048576"', xml)
        return xml.replace(b"</sheetData>", empty_last)

    c.add("libreoffice_row_deleted.xlsx", edit_sheet_xml(book.save(), TASKS_SHEET, libreoffice_extent),
          "a row deleted, saved as LibreOffice does: dimension A1:L1048576 and an empty row 1048576",
          codes=["row-missing"], unit="TTRA", verdict="warnings",
          absent=["file-too-expanded", "file-cell-out-of-range"], values=[f"tasks/{running}/completion=60"])

    base = fill(c.book("TTRA")).save()
    c.add("formatted_rows_10000.xlsx", edit_sheet_xml(base, TASKS_SHEET, _formatted_to(10000)),
          "columns formatted down to row 10,000 (borders, fills: styled empty cells and rows)",
          unit="TTRA", verdict="accepted", absent=["file-too-expanded", "file-cell-out-of-range"],
          values=[f"tasks/{running}/completion=60"])
    note = b'<c r="C6000" t="inlineStr"><is><t>Ghi ch\xc3\xba</t></is></c>'
    c.add("value_below_formatted_rows.xlsx", edit_sheet_xml(base, TASKS_SHEET, _formatted_to(10000, {6000: note})),
          "formatted rows to 10,000 and a note typed in C6000, beyond a unit workbook's extent",
          codes=["file-cell-out-of-range"], verdict="rejected")
    c.add("lying_zip.xlsx", _lying_zip(base, sheet_part(base, TASKS_SHEET), 20 * 1024, 1536 * 1024 * 1024),
          "its central directory declares a 20 KB sheet (CRC of those 20 KB); the stream inflates to 1.5 GB",
          codes=["file-too-expanded"], verdict="rejected")


def _formatted_to(last: int, extra: dict[int, bytes] | None = None):
    """An edit adding styled empty cells in columns C and H on every row after the last one, to ``last``."""
    extra = extra or {}

    def edit(xml: bytes) -> bytes:
        style = re.search(rb'<c r="C\d+" s="(\d+)"', xml).group(1)  # a bordered input cell's style
        start = max(int(r) for r in re.findall(rb'<row r="(\d+)"', xml)) + 1
        rows = []
        for row in range(start, last + 1):
            cells = b"".join(b'<c r="%s%d" s="%s"/>' % (col.encode(), row, style) for col in "CH")
            rows.append(b'<row r="%d" spans="1:12">%s%s</row>' % (row, cells, extra.get(row, b"")))
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:L%d"' % last, xml)
        return xml.replace(b"</sheetData>", b"".join(rows) + b"</sheetData>")

    return edit


def _lying_zip(data: bytes, part: str, declared: int, inflated: int) -> bytes:
    """``data`` rewritten by hand so that ``part``'s central directory entry declares ``declared``
    bytes with the CRC of its first ``declared`` bytes, while its deflate stream goes on to
    ``inflated`` bytes (the sheet's start, then spaces)."""
    import struct
    import zlib

    source = zipfile.ZipFile(io.BytesIO(data))
    out, central = io.BytesIO(), io.BytesIO()
    dos_time = (ZIP_TIME[3] << 11) | (ZIP_TIME[4] << 5) | (ZIP_TIME[5] // 2)
    dos_date = ((ZIP_TIME[0] - 1980) << 9) | (ZIP_TIME[1] << 5) | ZIP_TIME[2]
    for info in source.infolist():
        content = source.read(info)
        if info.filename == part:
            head = content[:declared]
            crc, size = zlib.crc32(head), declared
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            pieces = [packer.compress(head)]
            filler = b" " * (1 << 20)
            for _ in range((inflated - declared) // len(filler)):
                pieces.append(packer.compress(filler))
            stream = b"".join(pieces) + packer.flush()
        else:
            crc, size = zlib.crc32(content), len(content)
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            stream = packer.compress(content) + packer.flush()
        name = info.filename.encode("utf-8")
        offset = out.tell()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0x800, 8, dos_time, dos_date, crc, len(stream),
                              size, len(name), 0) + name + stream)
        central.write(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0x800, 8, dos_time, dos_date, crc,
                                  len(stream), size, len(name), 0, 0, 0, 0, 0o600 << 16, offset) + name)
    start, directory = out.tell(), central.getvalue()
    count = len(source.infolist())
    out.write(directory + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


def other_period_and_zip(c: Corpus) -> None:
    """A workbook of another period of the plan, and a .zip holding one unit's return among the
    other units' files."""
    book = fill(c.book("TTCNTT", "h1"))
    book.tasks.set(first("TTCNTT", DONE), "completed_on", dt.datetime(2022, 5, 20))
    c.add("h1_finished_in_may.xlsx", book.save(),
          "TTCNTT's h1 workbook (a task finished in May) while collecting q1: recorded for h1, rejected here",
          codes=["meta-other-period", "meta-recorded-other-period"], unit="TTCNTT", verdict="rejected")

    task = PLAN.tasks_for("ISO")[0].code
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in ((f"ISO/{task} - bao cao.pdf", b"%PDF-1.4\n% ISO\n%%EOF\n"),
                           ("ISO/ISO quy I.xlsx", fill(c.book("ISO")).save())):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2022, 3, 1, 8, 0, 0)), data)
    c.add("iso_return.zip", buffer.getvalue(), "ISO's workbook and a PDF zipped together, among other units' files",
          codes=["evidence-kept"], verdict="evidence")
    c.expect("iso_return.zip/ISO quy I.xlsx", "the workbook of the zip: the zip is its return", unit="ISO")
    c.expect(f"iso_return.zip/{task} - bao cao.pdf", "named by ISO's task code: linked to that task of ISO's return",
             codes=["evidence-kept"], unit="ISO", verdict="evidence")


SAMPLES = HERE / "samples"


def other_programs(c: Corpus) -> None:
    """Returns as the world sends them (issue 21): Outlook's .msg and TNEF, a unit's own table beside
    its return, Gnumeric's and LibreOffice's other formats, passwords, formats we cannot read, and
    valid packages with odd part names. Other projects' sample files come from samples/."""
    ttra = fill(c.book("TTRA"))
    ttra.tasks.set(first("TTRA", IN_PROGRESS), "completion", 55)
    ttra = ttra.save()
    own_table = _own_table()
    message = _message("Thanh tra Sở <ttra@stttt.example.vn>", "<corpus-own-table@stttt.example.vn>",
                       "Báo cáo CCHC quý I và số liệu thống kê")
    message.add_attachment(ttra, maintype="application", subtype=XLSX_SUBTYPE, filename="Thanh tra quy I.xlsx")
    message.add_attachment(own_table, maintype="application", subtype=XLSX_SUBTYPE, filename="So lieu thong ke.xlsx")
    message.set_boundary("cchc-corpus-boundary-own-table")
    c.container("own_table_beside_return.eml", bytes(message))
    c.expect("own_table_beside_return.eml/Thanh tra quy I.xlsx", "the return, a statistics table attached after it",
             unit="TTRA", verdict="accepted", values=[f"tasks/{first('TTRA', IN_PROGRESS)}/completion=55"])
    c.expect("own_table_beside_return.eml/So lieu thong ke.xlsx",
             "the unit's own table beside its return: evidence of that return, never its replacement",
             codes=["file-not-return", "evidence-kept"], unit="TTRA", verdict="evidence")

    from tests.tnef import winmail_dat

    vp = fill(c.book("VP"))
    vp.tasks.set(first("VP", IN_PROGRESS), "completion", 65)
    message = _message("Văn phòng <vp@stttt.example.vn>", "<corpus-tnef@stttt.example.vn>", "Báo cáo quý I (Outlook)")
    message.add_attachment(winmail_dat({"Van phong quy I.xlsx": vp.save()}), maintype="application",
                           subtype="ms-tnef", filename="winmail.dat")
    message.set_boundary("cchc-corpus-boundary-tnef")
    c.container("outlook_rich_text.eml", bytes(message))
    c.expect("outlook_rich_text.eml/winmail.dat", "Outlook's rich-text envelope (TNEF): opened, kept",
             codes=["evidence-kept"], verdict="evidence")
    c.expect("outlook_rich_text.eml/Van phong quy I.xlsx", "VP's return inside winmail.dat: collected as VP's",
             unit="VP", verdict="accepted", values=[f"tasks/{first('VP', IN_PROGRESS)}/completion=65"])

    message = _message("Văn phòng <vp@stttt.example.vn>", "<corpus-tnef-sample@stttt.example.vn>", "Tài liệu")
    message.add_attachment((SAMPLES / "tnefparse_two_files.tnef").read_bytes(), maintype="application",
                           subtype="ms-tnef", filename="winmail.dat")
    message.set_boundary("cchc-corpus-boundary-tnef-sample")
    c.container("outlook_two_files.eml", bytes(message))
    c.expect("outlook_two_files.eml/winmail.dat", "tnefparse's two-files.tnef as a winmail.dat", verdict="evidence")
    c.expect("outlook_two_files.eml/AUTHORS", "its first file", verdict="evidence")
    c.expect("outlook_two_files.eml/README", "its second file", verdict="evidence")
    c.expect("outlook_two_files.eml", "no return in it: said", codes=["file-no-attachment"], verdict="skipped")

    from tests.outlook import outlook_msg

    bcvt = fill(c.book("BCVT"))
    bcvt.tasks.set(first("BCVT", IN_PROGRESS), "completion", 75)
    c.container("outlook_return.msg", outlook_msg(
        {"BCVT quy I.xlsx": bcvt.save(), "Cong van.pdf": b"%PDF-1.4\n% BCVT\n%%EOF\n"},
        {"From": "Phòng BC-VT-CNTT <bcvt@stttt.example.vn>", "Message-ID": "<corpus-outlook@stttt.example.vn>",
         "Date": format_datetime(MAIL_DATE)}))
    c.expect("outlook_return.msg/BCVT quy I.xlsx", "BCVT's return in a mail Outlook saved as .msg",
             unit="BCVT", verdict="accepted", values=[f"tasks/{first('BCVT', IN_PROGRESS)}/completion=75"])
    c.expect("outlook_return.msg/Cong van.pdf", "the .msg's other attachment: evidence of that return",
             codes=["evidence-kept"], unit="BCVT", verdict="evidence")
    c.add("outlook_saved.msg", (SAMPLES / "msg_extractor_strange_date.msg").read_bytes(),
          "an Outlook .msg (msg-extractor's strangeDate.msg) without attachments: read as a message, said",
          codes=["file-no-attachment"], verdict="skipped")

    ttbc = fill(c.book("TTBC"))
    ttbc.tasks.set(first("TTBC", IN_PROGRESS), "completion", 35)
    message = _message("Phòng TT-BC-XB <ttbc@stttt.example.vn>", "<corpus-tables@stttt.example.vn>",
                       "Báo cáo quý I kèm các bảng số liệu")
    tables = ("calamine_any_sheets.xlsx", "calamine_base.ods", "calamine_table_multiple.xlsx")
    for name in tables[:2]:
        message.add_attachment((SAMPLES / name).read_bytes(), maintype="application", subtype="octet-stream",
                               filename=name)
    message.add_attachment(ttbc.save(), maintype="application", subtype=XLSX_SUBTYPE, filename="TTBC quy I.xlsx")
    message.add_attachment((SAMPLES / tables[2]).read_bytes(), maintype="application", subtype="octet-stream",
                           filename=tables[2])
    message.set_boundary("cchc-corpus-boundary-tables")
    c.container("return_among_other_programs_tables.eml", bytes(message))
    c.expect("return_among_other_programs_tables.eml/TTBC quy I.xlsx",
             "TTBC's return among spreadsheets other programs wrote (python-calamine's test files)",
             unit="TTBC", verdict="accepted", values=[f"tasks/{first('TTBC', IN_PROGRESS)}/completion=35"])
    for name in tables:
        c.expect(f"return_among_other_programs_tables.eml/{name}", "another program's spreadsheet beside the return",
                 codes=["file-not-return"], unit="TTBC", verdict="evidence")
    for name in ("issue139.xlsx", "any_sheets.xls", "base.xls"):
        c.add(f"calamine_{name}", (SAMPLES / f"calamine_{name}").read_bytes(),
              "a spreadsheet from another program's test suite in the inbox: not a return, kept as evidence",
              codes=["file-not-return"], verdict="evidence")
    for name in ("issue_530", "minimal_package"):
        c.add(f"calamine_{name}.xlsx", (SAMPLES / f"calamine_{name}.xlsx").read_bytes(),
              "a valid OOXML package with odd part names (calamine's tests): a spreadsheet, not ours: evidence",
              codes=["file-not-return"], absent=["file-not-spreadsheet"], verdict="evidence")
    for suffix in ("xls", "ods", "xlsx"):
        c.add(f"calamine_password.{suffix}", (SAMPLES / f"calamine_password.{suffix}").read_bytes(),
              f"python-calamine's password-protected .{suffix}", codes=["file-encrypted"], verdict="rejected")
    c.add("calamine_base.xlsb", (SAMPLES / "calamine_base.xlsb").read_bytes(),
          "an Excel binary workbook: one line asking to save as .xlsx", codes=["file-format-unsupported"],
          verdict="rejected")
    c.add("numbers_sheet.numbers", _numbers_package(), "an Apple Numbers file: one line asking to save as .xlsx",
          codes=["file-format-unsupported"], verdict="rejected")

    if shutil.which("ssconvert"):
        ttcntt = fill(c.book("TTCNTT"))
        ttcntt.tasks.set(first("TTCNTT", IN_PROGRESS), "completion", 15)
        for suffix, expect in (("ods", {"codes": ["file-converted"], "verdict": "warnings"}),
                               ("xls", {"codes": ["file-converted"], "verdict": "warnings"}),
                               ("xlsx", {"verdict": "accepted", "absent": ["file-converted"]})):
            c.add(f"gnumeric.{suffix}", _gnumeric(c, ttcntt.save(), suffix),
                  f"TTCNTT's return saved by Gnumeric as .{suffix}: every value read", unit="TTCNTT",
                  values=[f"tasks/{first('TTCNTT', IN_PROGRESS)}/completion=15"], **expect)
    else:
        print("Gnumeric (ssconvert) not found: its files are not made", file=sys.stderr)
    if c.soffice is not None:
        iso = fill(c.book("ISO"))
        iso.tasks.set(first("ISO", IN_PROGRESS), "completion", 85)
        made = _convert(c, {"libreoffice_flat": iso.save()}, "fods")
        c.add("libreoffice_flat.fods", made["libreoffice_flat"], "ISO's return saved as flat XML (.fods) by LibreOffice",
              codes=["file-converted"], unit="ISO", verdict="warnings",
              values=[f"tasks/{first('ISO', IN_PROGRESS)}/completion=85"])


def _own_table() -> bytes:
    # A statistics table as a unit keeps it: no _meta, none of our sheets.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    sheet.append(["Chỉ tiêu", "Quý I"])
    sheet.append(["Hồ sơ tiếp nhận", 120])
    out = io.BytesIO()
    book.save(out)
    return rezip(out.getvalue())


def _numbers_package() -> bytes:
    # What an Apple Numbers file holds: a zip of .iwa parts, no workbook part.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("Index/Document.iwa", b"\x00" * 64), ("Metadata/Properties.plist", b"<plist/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_TIME), data)
    return out.getvalue()


def _gnumeric(c: Corpus, data: bytes, suffix: str) -> bytes:
    source = c.workdir / f"gnumeric-in-{suffix}.xlsx"
    target = c.workdir / f"gnumeric-out.{suffix}"
    source.write_bytes(data)
    subprocess.run(["ssconvert", str(source), str(target)], check=True, capture_output=True, timeout=300)
    return target.read_bytes()


def write_expected(cases: list[Case], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(COLUMNS)
        for case in sorted(cases, key=lambda c: c.file):
            out.writerow([case.file, " ".join(case.codes), " ".join(case.absent), case.unit, case.verdict,
                          "; ".join(case.values), case.description])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE,
                        help="folder for files/ and expected.csv (default: tests/corpus, the checked-in corpus)")
    out = parser.parse_args(argv).out
    files = out / "files"
    if files.exists():
        shutil.rmtree(files)
    files.mkdir(parents=True)
    cases = make(files)
    write_expected(cases, out / "expected.csv")
    print(f"{len(list(files.iterdir()))} files, {len(cases)} expectations in {out / 'expected.csv'}")


if __name__ == "__main__":
    main()
