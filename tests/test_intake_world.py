"""Returns as the world sends them (issue 21): a unit's own tables beside its return, Outlook's
TNEF and .msg, a genuine return passed through Gnumeric and LibreOffice's flat XML, the words a
clerk reads, a closed pipe, the same file by two paths, a unit with nothing assigned.

The corpus (tests/corpus) holds the sample files of other projects; here the cases are built
and run through the real programs (ssconvert, LibreOffice through UNO) where the issue asks."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_xlsx import text as labels
from cchc_xlsx.cli import cli
from cchc_xlsx.collect import collect_paths
from cchc_xlsx.collect.identify import META, OTHER, SHEETS, UNKNOWN, return_mark
from cchc_xlsx.collect.report import unit_status
from cchc_xlsx.collect.sources import Attachment, Contained, message_items, scan
from cchc_xlsx.collect.sources.message import msg_items
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.store.workspace import init_workspace
from cchc_xlsx.text.language import verdict_text
from tests.conftest import require
from tests.corpus import make_corpus as mc
from tests.messages import return_mail
from tests.tnef import winmail_dat
from page_fixtures import client, generated, workspace  # noqa: F401  (fixtures of the page)

PERIOD = "q1"
SAMPLES = Path(__file__).resolve().parent / "corpus" / "samples"
TTRA_ADDRESS = "ttra@stttt.example.vn"
XLSX_MIME = "application/" + mc.XLSX_SUBTYPE
# What a clerk must never read in a sentence: our sheet's name, a reader's name, a zip part's path.
TECHNICAL = ("_meta", "CalamineError", "xl/_rels", "Traceback", "BadZipFile")


@pytest.fixture(scope="module")
def books() -> dict[str, bytes]:
    return {unit: mc.filled(unit).save() for unit in ("TTRA", "VP")}


@pytest.fixture
def ws(tmp_path):
    workspace, built = init_workspace(tmp_path / "ws")
    return workspace, built.plan


def own_table(title: str = "Số liệu") -> bytes:
    """A spreadsheet a unit keeps for itself: none of our sheets."""
    book = openpyxl.Workbook()
    book.active.title = title
    book.active.append(["Chỉ tiêu", "Quý I"])
    book.active.append(["Hồ sơ tiếp nhận", 120])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def query(workspace, sql: str, parameters: tuple = ()) -> list[dict]:
    with sqlite3.connect(workspace.ledger_path) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute(sql, parameters)]


def merged_criteria(workspace, unit: str) -> int:
    return len(query(workspace, "SELECT * FROM merged_criteria WHERE unit = ?", (unit,)))


# --- case 1: only a workbook with our _meta is a return -----------------------------------------

def test_identify_tells_a_return_from_a_units_own_table(books):
    assert return_mark(books["TTRA"]) == META
    assert return_mark(own_table()) == OTHER
    assert return_mark(own_table(labels.SHEET_TASKS)) == SHEETS  # answers copied into a new workbook
    assert return_mark(b"") == UNKNOWN and return_mark(b"PK\x03\x04broken") == UNKNOWN
    assert return_mark((SAMPLES / "calamine_password.xls").read_bytes()) == UNKNOWN  # said to be protected


@pytest.mark.parametrize("return_first", [True, False], ids=["return-first", "table-first"])
def test_a_units_own_tables_never_replace_its_return_in_a_mail(ws, books, return_first):
    workspace, plan = ws
    tables = [("So lieu thong ke.xlsx", own_table(), XLSX_MIME)]
    tables += [(f"picture{i}.xlsx", own_table(f"Ảnh {i}"), XLSX_MIME) for i in range(20)]  # 21 attachments of its own
    attached = [("Thanh tra quy I.xlsx", books["TTRA"], XLSX_MIME)]
    attached = attached + tables if return_first else tables + attached
    (workspace.inbox / "ttra.eml").write_bytes(return_mail(TTRA_ADDRESS, attached))
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    by_name = {o.file_name: o for o in result.outcomes}
    assert by_name["Thanh tra quy I.xlsx"].verdict == "accepted" and by_name["Thanh tra quy I.xlsx"].unit == "TTRA"
    for name, _, _ in tables:
        outcome = by_name[name]
        assert outcome.verdict == "evidence", (name, outcome.verdict)
        assert "file-not-return" in [f.code for f in outcome.findings]
        assert outcome.unit == "TTRA"  # evidence of that return
    with Ledger(workspace.ledger_path) as ledger:
        latest = ledger.latest(PERIOD)
    assert latest["TTRA"]["file_name"] == "Thanh tra quy I.xlsx"
    assert merged_criteria(workspace, "TTRA") == len(plan.leaves_scored_by("TTRA"))
    assert len(query(workspace, "SELECT * FROM submissions")) == 1  # no table became a submission
    kept = query(workspace, "SELECT file_name FROM evidence WHERE file_name LIKE '%.xlsx'")
    assert {r["file_name"] for r in kept} == {name for name, _, _ in tables}


def test_a_copy_without_meta_beside_the_return_is_evidence_too(books):
    stripped = openpyxl.load_workbook(io.BytesIO(books["TTRA"]))
    del stripped[labels.SHEET_META]
    out = io.BytesIO()
    stripped.save(out)
    raw = return_mail(TTRA_ADDRESS, [("ttra.xlsx", books["TTRA"]), ("ttra - ban cu.xlsx", out.getvalue())])
    items = list(message_items(raw, "box.eml"))
    returns = [i for i in items if isinstance(i, Contained)]
    beside = [i for i in items if isinstance(i, Attachment) and i.note]
    assert [i.name for i in returns] == ["ttra.xlsx"]
    assert [(i.name, i.note) for i in beside] == [("ttra - ban cu.xlsx", "file-beside-return")]


def test_a_units_own_table_in_a_folder_and_in_a_zip_is_evidence(ws, books):
    workspace, plan = ws
    (workspace.inbox / "ttra.xlsx").write_bytes(books["TTRA"])
    (workspace.inbox / "Thanh tra - so lieu.xlsx").write_bytes(own_table())  # names the unit: still not a return
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("VP quy I.xlsx", books["VP"])
        package.writestr("Van phong - thong ke.xlsx", own_table())
    (workspace.inbox / "vp.zip").write_bytes(archive.getvalue())
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    by_name = {o.file_name: o for o in result.outcomes}
    for name in ("Thanh tra - so lieu.xlsx", "Van phong - thong ke.xlsx"):
        assert by_name[name].verdict == "evidence"
        assert "file-not-return" in [f.code for f in by_name[name].findings]
    assert by_name["ttra.xlsx"].unit == "TTRA" and by_name["VP quy I.xlsx"].unit == "VP"
    assert by_name["Van phong - thong ke.xlsx"].unit == "VP"  # the zip is VP's return
    assert {r["unit"] for r in query(workspace, "SELECT unit FROM submissions")} == {"TTRA", "VP"}


# --- case 2: Outlook ----------------------------------------------------------------------------

def test_a_return_inside_winmail_dat_is_the_return(ws, books):
    workspace, plan = ws
    tnef = winmail_dat({"Thanh tra quy I.xlsx": books["TTRA"], "scan.pdf": b"%PDF-1.4\n%%EOF\n"})
    (workspace.inbox / "outlook.eml").write_bytes(
        return_mail(TTRA_ADDRESS, [("winmail.dat", tnef, "application/ms-tnef")]))
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    by_name = {o.file_name: o for o in result.outcomes}
    assert by_name["Thanh tra quy I.xlsx"].verdict == "accepted", by_name["Thanh tra quy I.xlsx"].findings
    assert by_name["Thanh tra quy I.xlsx"].unit == "TTRA"
    assert by_name["scan.pdf"].verdict == "evidence" and by_name["scan.pdf"].unit == "TTRA"
    assert by_name["winmail.dat"].verdict == "evidence"
    (row,) = query(workspace, "SELECT * FROM submissions")
    assert row["sender"] == TTRA_ADDRESS and row["source"].endswith("outlook.eml/Thanh tra quy I.xlsx")
    with Ledger(workspace.ledger_path) as ledger:
        status = unit_status(ledger, plan, PERIOD).set_index("unit")
    assert status.loc["TTRA", "state"] != "missing"


def test_a_winmail_dat_named_otherwise_is_known_by_its_bytes(books):
    tnef = winmail_dat({"ttra.xlsx": books["TTRA"]})
    raw = return_mail(TTRA_ADDRESS, [("ATT00001.bin", tnef, "application/octet-stream")])
    assert [i.name for i in message_items(raw, "m.eml") if isinstance(i, Contained)] == ["ttra.xlsx"]


def test_tnefparse_samples_come_out_file_by_file():
    raw = return_mail(TTRA_ADDRESS, [("winmail.dat", (SAMPLES / "tnefparse_one_file.tnef").read_bytes(),
                                      "application/ms-tnef")])
    items = list(message_items(raw, "m.eml"))
    names = [i.name for i in items if isinstance(i, Attachment)]
    assert names == ["winmail.dat", "AUTHORS"]
    assert [i.reason for i in items if not isinstance(i, Attachment)] == ["no-attachment"]


def test_an_outlook_msg_is_read_as_a_message():
    data = (SAMPLES / "msg_extractor_strange_date.msg").read_bytes()
    items = msg_items(data, "inbox/saved.msg")
    assert [(i.source, i.reason) for i in items] == [("inbox/saved.msg", "no-attachment")]


def test_an_outlook_msg_in_the_inbox_is_said_not_kept_opaque(ws):
    workspace, plan = ws
    shutil.copy(SAMPLES / "msg_extractor_strange_date.msg", workspace.inbox / "bao cao.msg")
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    (outcome,) = result.outcomes
    assert outcome.verdict == "skipped" and [f.code for f in outcome.findings] == ["file-no-attachment"]


# --- case 3: a genuine return from another program ------------------------------------------------

def _values(workspace) -> dict:
    tasks = query(workspace, "SELECT code, status, completion, completed_on, evidence, issues, note "
                             "FROM task_values ORDER BY code")
    criteria = query(workspace, "SELECT code, result_value, result_text, not_applicable, points, evidence, note "
                                "FROM criterion_values ORDER BY code")
    return {"tasks": tasks, "criteria": criteria}


def _collected(tmp_path: Path, name: str, data: bytes):
    workspace, built = init_workspace(tmp_path / name.replace(".", "-"))
    (workspace.inbox / name).write_bytes(data)
    result = collect_paths(workspace, built.plan, PERIOD, [workspace.inbox])
    return workspace, result


@pytest.mark.parametrize("suffix", ["ods", "xls", "xlsx"])
def test_a_return_saved_by_gnumeric_is_read_with_every_value(tmp_path, suffix):
    require("Gnumeric (ssconvert)", shutil.which("ssconvert") is not None)
    book = mc.fill(mc.Book(mc.generated_workbooks("q1")["BCVT"], "BCVT"))
    book.tasks.set(mc.first("BCVT", mc.IN_PROGRESS), "completion", 45)
    original = book.save()
    source, target = tmp_path / "bcvt.xlsx", tmp_path / f"bcvt-gnumeric.{suffix}"
    source.write_bytes(original)
    subprocess.run(["ssconvert", str(source), str(target)], check=True, capture_output=True, timeout=300)
    reference, _ = _collected(tmp_path, "bcvt.xlsx", original)
    converted, second = _collected(tmp_path, target.name, target.read_bytes())
    (outcome,) = second.outcomes
    assert outcome.unit == "BCVT" and outcome.verdict in ("accepted", "warnings"), outcome.findings
    assert not [f for f in outcome.findings if f.severity == "error"], outcome.findings
    assert _values(converted) == _values(reference)


def test_a_return_saved_as_flat_fods_by_libreoffice_is_read_with_every_value(tmp_path, calc_vi):
    book = mc.fill(mc.Book(mc.generated_workbooks("q1")["ISO"], "ISO"))
    book.tasks.set(mc.first("ISO", mc.IN_PROGRESS), "completion", 85)
    original = book.save()
    source, target = tmp_path / "iso.xlsx", tmp_path / "iso.fods"
    source.write_bytes(original)
    calc_vi.edit(source, [{"op": "save", "path": str(target), "filter": "OpenDocument Spreadsheet Flat XML"}])
    assert not target.read_bytes().startswith(b"PK")  # one XML file, no zip
    reference, _ = _collected(tmp_path, "iso.xlsx", original)
    converted, result = _collected(tmp_path, "iso.fods", target.read_bytes())
    (outcome,) = result.outcomes
    assert outcome.unit == "ISO" and "file-converted" in [f.code for f in outcome.findings]
    assert not [f for f in outcome.findings if f.severity == "error"], outcome.findings
    reference_values, converted_values = _values(reference), _values(converted)
    assert converted_values["tasks"] == reference_values["tasks"]
    # LibreOffice recalculates the points on load: every typed answer is equal, the points too.
    assert converted_values["criteria"] == reference_values["criteria"]


# --- cases 4 and 5: formats we cannot read, and the words a clerk reads -----------------------------

def test_the_console_speaks_vietnamese_and_keeps_technical_words_out_of_sentences(ws, books):
    workspace, _ = ws
    broken = mc.rezip(books["VP"], {mc.sheet_part(books["VP"], labels.SHEET_TASKS):
                                    lambda xml: xml.replace(b"</sheetData>", b"<row><c r='A9'><v>1</sheetData>")})
    (workspace.inbox / "vp.xlsx").write_bytes(broken)  # a workbook calamine refuses mid-sheet
    (workspace.inbox / "bang rieng.xlsx").write_bytes(own_table())
    shutil.copy(SAMPLES / "calamine_base.xlsb", workspace.inbox / "bao cao.xlsb")
    shutil.copy(SAMPLES / "calamine_password.ods", workspace.inbox / "mat khau.ods")
    (workspace.inbox / "ttra.eml").write_bytes(return_mail(TTRA_ADDRESS, [("note.txt", b"x", "text/plain")]))
    result = CliRunner().invoke(cli, ["collect", "-w", str(workspace.root), "-p", PERIOD], env={"CCHC_LANG": "vi"})
    assert result.exit_code == 1 and "Traceback" not in result.output
    output = result.output
    for word in TECHNICAL:
        assert word not in output, (word, output)
    assert not [line for line in output.splitlines() if line.startswith("evidence")]
    assert [line for line in output.splitlines() if line.startswith(verdict_text("evidence", "vi") + " ")]
    assert "bảng tính riêng của đơn vị" in output                     # why the own table is not the return
    assert "lưu lại dạng .xlsx" in output and "Excel nhị phân" in output  # .xlsb: one clear line
    assert "mật khẩu" in output                                        # the .ods named password-protected
    assert "thư không có tệp bảng tính" in output                      # the mail without a workbook
    (unreadable,) = query(workspace, "SELECT f.message, f.value FROM findings f WHERE f.code = 'file-unreadable'")
    assert not any(word in unreadable["message"] for word in TECHNICAL)
    assert unreadable["value"], "what the reader said is kept in the ledger"
    report = openpyxl.load_workbook(workspace.reports(PERIOD) / "validation.xlsx")
    sheet = report[labels.VALIDATION_SHEETS["findings"]]
    headers = [c.value for c in sheet[4]]
    column = headers.index(labels.INTAKE_DETAIL_HEADER)
    details = [row[column] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert unreadable["value"] in details


# --- case 6: small ones ------------------------------------------------------------------------

def test_a_reader_that_stops_reading_costs_no_broken_pipe(ws, books, tmp_path):
    workspace, _ = ws
    for index in range(3):
        (workspace.inbox / f"bang {index}.xlsx").write_bytes(own_table(f"Bảng {index}"))
    (workspace.inbox / "ttra.xlsx").write_bytes(books["TTRA"])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "cchc_xlsx", "collect", "-w", str(workspace.root), "-p", PERIOD],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.readline()  # `| head -1`: one line read, then the pipe is closed
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8", "replace")
    code = process.wait(timeout=300)
    assert "Broken pipe" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert code == 0, stderr  # the run itself went well: its own exit code
    assert (workspace.reports(PERIOD) / "validation.xlsx").is_file()  # and it went to its end


def test_the_same_evidence_file_by_two_paths_is_one_row(ws, books, monkeypatch):
    workspace, plan = ws
    (workspace.inbox / "ttra.xlsx").write_bytes(books["TTRA"])
    (workspace.inbox / "scan.pdf").write_bytes(b"%PDF-1.4\n% scan\n%%EOF\n")
    collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    monkeypatch.chdir(workspace.root)
    collect_paths(workspace, plan, PERIOD, [Path("inbox")])
    collect_paths(workspace, plan, PERIOD, [Path("inbox") / ".." / "inbox" / "scan.pdf"])
    assert len(query(workspace, "SELECT * FROM evidence WHERE file_name = 'scan.pdf'")) == 1


def test_a_unit_with_nothing_assigned_is_neither_missing_nor_reminded(tmp_path):
    plan_dir = tmp_path / "plan"
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates" / "plan", plan_dir)
    with (plan_dir / "units.csv").open("a", encoding="utf-8") as units:
        units.write("VPHD,Văn phòng HĐND-UBND,,unit,vphd@stttt.example.vn,,1,\n")
    with (plan_dir / "tasks.csv").open(encoding="utf-8", newline="") as handle:  # no task for "every unit"
        tasks = list(csv.DictReader(handle))
    with (plan_dir / "tasks.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(tasks[0]))
        writer.writeheader()
        writer.writerows({**row, "coordinators": "", "lead": "Văn phòng" if "Các phòng" in row["lead"] else row["lead"]}
                         for row in tasks)
    workspace, built = init_workspace(tmp_path / "ws", plan_dir)
    assert "VPHD" in {u.code for u in built.plan.workbook_units()}
    with Ledger(workspace.ledger_path) as ledger:
        status = unit_status(ledger, built.plan, PERIOD)
    assert "VPHD" not in set(status["unit"]) and "TTRA" in set(status["unit"])
    result = CliRunner().invoke(cli, ["mail", "-w", str(workspace.root), "-p", PERIOD, "--remind"])
    assert "VPHD" not in result.output and "Văn phòng HĐND-UBND" not in result.output


def test_a_scan_of_a_msg_and_an_eml_gives_the_same_shape(tmp_path, books):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.eml").write_bytes(return_mail(TTRA_ADDRESS, [("ttra.xlsx", books["TTRA"])]))
    shutil.copy(SAMPLES / "msg_extractor_strange_date.msg", inbox / "b.msg")
    items = list(scan([inbox]))
    received = [i for i in items if isinstance(i, Contained)]
    assert [i.name for i in received] == ["ttra.xlsx"] and received[0].received_at is not None
    assert received[0].claimed_at is not None  # the sender's Date:, kept apart from when the Office received it


def test_a_return_in_an_outlook_msg_is_the_return(ws, books):
    from tests.outlook import outlook_msg

    workspace, plan = ws
    headers = {"From": f"Thanh tra Sở <{TTRA_ADDRESS}>", "Message-ID": "<outlook-1@stttt.example.vn>",
               "Date": "Tue, 15 Mar 2022 09:30:00 +0700"}
    saved = outlook_msg({"Thanh tra quy I.xlsx": books["TTRA"], "So lieu.xlsx": own_table(),
                         "scan.pdf": b"%PDF-1.4\n%%EOF\n"}, headers)
    (workspace.inbox / "Báo cáo CCHC.msg").write_bytes(saved)
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    by_name = {o.file_name: o for o in result.outcomes}
    assert by_name["Thanh tra quy I.xlsx"].verdict == "accepted" and by_name["Thanh tra quy I.xlsx"].unit == "TTRA"
    assert by_name["So lieu.xlsx"].verdict == "evidence" and by_name["scan.pdf"].verdict == "evidence"
    (row,) = query(workspace, "SELECT * FROM submissions")
    assert row["sender"] == TTRA_ADDRESS and row["message_id"] == "<outlook-1@stttt.example.vn>"
    assert row["claimed_at"].startswith("2022-03-15") and row["received_at"] != row["claimed_at"]
    assert row["hold"] is None  # from the unit's own address: not held


def test_an_attached_msg_inside_a_mail_is_opened_too(books):
    from tests.outlook import outlook_msg

    inner = outlook_msg({"ttra.xlsx": books["TTRA"]})
    raw = return_mail(TTRA_ADDRESS, [("chuyen tiep.msg", inner, "application/vnd.ms-outlook")])
    items = list(message_items(raw, "fwd.eml"))
    assert [(i.name, i.sender) for i in items if isinstance(i, Contained)] == [("ttra.xlsx", TTRA_ADDRESS)]


def test_the_files_of_an_outlook_msg_are_linked_to_its_return(ws):
    from tests.outlook import outlook_msg

    workspace, plan = ws
    book = mc.fill(mc.Book(mc.generated_workbooks("q1")["TTRA"], "TTRA"))
    task = plan.tasks_for("TTRA")[0].code
    saved = outlook_msg({"ttra.xlsx": book.save(), f"{task} - ke hoach.pdf": b"%PDF-1.4\n%%EOF\n"},
                        {"From": TTRA_ADDRESS, "Message-ID": "<outlook-2@x>"})
    (workspace.inbox / "ttra.msg").write_bytes(saved)
    collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    links = query(workspace, "SELECT file_name, unit, code FROM evidence_links WHERE row_kind = 'task'")
    assert {(r["file_name"], r["unit"], r["code"]) for r in links} == {(f"{task} - ke hoach.pdf", "TTRA", task)}


def test_every_item_of_the_corpus_not_used_says_why_in_one_vietnamese_line(tmp_path):
    workspace, _ = init_workspace(tmp_path / "ws")
    shutil.copytree(Path(__file__).resolve().parent / "corpus" / "files", workspace.inbox, dirs_exist_ok=True)
    result = CliRunner().invoke(cli, ["collect", "-w", str(workspace.root), "-p", PERIOD], env={"CCHC_LANG": "vi"})
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.output.splitlines()
    not_used = (verdict_text("skipped", "vi"), verdict_text("rejected", "vi"))
    items = [i for i, line in enumerate(lines) if line.startswith(not_used)]
    assert len(items) > 20
    for index in items:
        reason = lines[index + 1] if index + 1 < len(lines) else ""
        assert reason.startswith("    ") and reason.strip(), (lines[index], reason)
        assert not any(word in reason for word in TECHNICAL), reason
    for line in lines:
        assert not line.startswith("evidence "), line


def test_status_json_into_a_closed_pipe_ends_quietly(ws, books):
    workspace, plan = ws
    (workspace.inbox / "ttra.xlsx").write_bytes(books["TTRA"])
    collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    command = [sys.executable, "-m", "cchc_xlsx", "status", "-w", str(workspace.root), "-p", PERIOD, "--json"]
    # Standard output is a pipe already closed at the other end: every write fails with EPIPE.
    reader, writer = os.pipe()
    os.close(reader)
    done = subprocess.run(command, stdout=writer, stderr=subprocess.PIPE, env=env, timeout=120, check=False)
    os.close(writer)
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Broken pipe" not in stderr and "Traceback" not in stderr, stderr
    assert done.returncode == 0, stderr


def test_an_item_not_taken_is_in_the_ledger_and_in_validation_xlsx(ws):
    workspace, plan = ws
    (workspace.inbox / "chi co anh.eml").write_bytes(return_mail(TTRA_ADDRESS, [("anh.jpg", b"\xff\xd8\xff", "image/jpeg")]))
    (workspace.inbox / "~$bao cao.xlsx").write_bytes(b"lock")
    for _ in range(2):  # a re-run notes nothing twice
        collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    notes = query(workspace, "SELECT file_name, code, severity FROM intake_notes WHERE period = ?", (PERIOD,))
    assert sorted((n["file_name"], n["code"]) for n in notes) == [("chi co anh.eml", "file-no-attachment"),
                                                                  ("~$bao cao.xlsx", "file-skipped-lock")]
    from cchc_xlsx.app.stages import validation_report

    _, report = validation_report(workspace, plan, PERIOD)
    sheet = openpyxl.load_workbook(report)[labels.VALIDATION_SHEETS["findings"]]
    codes = {row[list(labels.VALIDATION_FINDING_HEADERS).index("code")] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert {"file-no-attachment", "file-skipped-lock"} <= codes


def test_the_same_message_by_two_paths_gives_one_evidence_row(ws, books, tmp_path):
    workspace, plan = ws
    raw = return_mail(TTRA_ADDRESS, [("ttra.xlsx", books["TTRA"]), ("scan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")],
                      message_id="<same@stttt.example.vn>")
    (workspace.inbox / "thu.eml").write_bytes(raw)
    exported = tmp_path / "export"
    exported.mkdir()
    (exported / "Bao cao (ban luu).eml").write_bytes(raw)  # the clerk saved the same mail again elsewhere
    collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    collect_paths(workspace, plan, PERIOD, [exported])
    assert len(query(workspace, "SELECT * FROM evidence WHERE file_name = 'scan.pdf'")) == 1
    assert len(query(workspace, "SELECT * FROM submissions")) == 1


def test_a_mail_with_only_a_units_own_table_says_no_return_came(ws):
    workspace, plan = ws
    (workspace.inbox / "so lieu.eml").write_bytes(return_mail(TTRA_ADDRESS, [("So lieu.xlsx", own_table(), XLSX_MIME)]))
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    by_name = {o.file_name: o for o in result.outcomes}
    assert by_name["So lieu.xlsx"].verdict == "evidence"
    assert [f.code for f in by_name["so lieu.eml"].findings] == ["file-no-return"]
    assert not query(workspace, "SELECT * FROM submissions")  # the table replaced nothing


def test_the_page_takes_every_kind_of_file_collect_reads(client):
    from cchc_xlsx.collect.sources import MESSAGE_EXTENSIONS, SPREADSHEET_EXTENSIONS
    from cchc_xlsx.serve.uploads import UPLOAD_EXTENSIONS

    page = client.get(f"/p/{PERIOD}").text
    accepted = page.split('id="files"')[1].split('accept="')[1].split('"')[0].split(",")
    assert sorted(accepted) == sorted(UPLOAD_EXTENSIONS) == sorted(SPREADSHEET_EXTENSIONS + MESSAGE_EXTENSIONS)
    assert {".msg", ".fods"} <= set(UPLOAD_EXTENSIONS)
