"""Collect, one behaviour at a time: values land in the merged tables by Mã, a resubmission
supersedes and both stay, mail provenance is recorded, originals are never touched, the archive
keeps one copy per content, and a file that kills its reader costs only itself."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
from pathlib import Path

import pytest

from cchc_xlsx import text as labels
from cchc_xlsx.rules import scoring
from cchc_xlsx.collect import accept_submission, collect_paths
from cchc_xlsx.collect.report import unit_status
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.store.workspace import init_workspace
from tests.corpus import make_corpus as mc
from tests.messages import return_mail

PERIOD = "q1"


@pytest.fixture
def ws(tmp_path):
    workspace, built = init_workspace(tmp_path / "ws")
    return workspace, built.plan


def _rows(ledger_path: Path, sql: str, parameters: tuple = ()) -> list[dict]:
    with sqlite3.connect(ledger_path) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute(sql, parameters)]


def _filled(unit: str = "TTRA") -> mc.Book:
    return mc.filled(unit)


def _write(path: Path, data: bytes, when: dt.datetime | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if when is not None:
        os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def test_filled_values_land_in_the_merged_tables_by_code(ws):
    workspace, plan = ws
    running, done = mc.first("TTRA", mc.IN_PROGRESS), mc.first("TTRA", mc.DONE)
    points, ratio, yesno = (mc.leaf_of("TTRA", r) for r in (scoring.POINTS, scoring.RATIO, scoring.YESNO))
    book = _filled()
    book.tasks.set(running, "completion", 55)
    book.tasks.set(running, "note", "Chờ UBND tỉnh")
    book.tasks.set(done, "evidence", "Công văn số 1/STTTT")
    book.criteria.set(points, "result", "0,25")
    book.criteria.set(ratio, "result", 80)
    book.criteria.set(yesno, "result", labels.NO)
    _write(workspace.inbox / "ttra.xlsx", book.save())

    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    assert [o.verdict for o in result.outcomes] == ["accepted"], result.outcomes[0].findings

    tasks = {r["code"]: r for r in _rows(workspace.ledger_path, "SELECT * FROM merged_tasks WHERE unit = 'TTRA'")}
    assert set(tasks) == {t.code for t in plan.tasks_for("TTRA")}
    for code, status in mc.task_plan("TTRA"):
        assert tasks[code]["status"] == status and tasks[code]["period"] == PERIOD
    assert tasks[running]["completion"] == 55 and tasks[running]["note"] == "Chờ UBND tỉnh"
    assert tasks[done]["completion"] == 100 and tasks[done]["evidence"] == "Công văn số 1/STTTT"
    assert dt.date.fromisoformat(tasks[done]["completed_on"]).year == 2022

    criteria = {r["code"]: r for r in _rows(workspace.ledger_path,
                                            "SELECT * FROM merged_criteria WHERE unit = 'TTRA'")}
    assert set(criteria) == {c.code for c in plan.leaves_scored_by("TTRA")}
    assert criteria[points]["points"] == pytest.approx(0.25)
    assert criteria[ratio]["points"] == pytest.approx(0.8 * scoring.leaf_max(plan.criterion(ratio)))
    assert criteria[yesno]["points"] == 0 and criteria[yesno]["result_value"] == "0"
    full = [c for c in plan.leaves_scored_by("TTRA") if c.code not in (points, ratio, yesno)]
    for leaf in full:
        assert criteria[leaf.code]["points"] == pytest.approx(scoring.leaf_max(leaf)), leaf.code
    assert len({r["submission_id"] for r in [*tasks.values(), *criteria.values()]}) == 1


def test_a_resubmission_supersedes_and_both_stay(ws):
    workspace, plan = ws
    running = mc.first("TTRA", mc.IN_PROGRESS)
    versions = {}
    for completion in (30, 70, 10):
        book = _filled()
        book.tasks.set(running, "completion", completion)
        versions[completion] = book.save()
    march = lambda day: dt.datetime(2022, 3, day, 9, 0)  # noqa: E731
    first = collect_paths(workspace, plan, PERIOD, [_write(workspace.inbox / "v1.xlsx", versions[30], march(10))])
    second = collect_paths(workspace, plan, PERIOD, [_write(workspace.inbox / "v2.xlsx", versions[70], march(12))])
    # "Later" is when the Office received it: a copy made with `cp -p` (an old mtime) that arrives
    # last is the latest; the file's mtime says nothing (issue 10, item 9).
    third = collect_paths(workspace, plan, PERIOD, [_write(workspace.inbox / "v0.xlsx", versions[10], march(5))])
    ids = [r.outcomes[0].submission_id for r in (first, second, third)]
    assert len(set(ids)) == 3 and all(r.outcomes[0].verdict == "accepted" for r in (first, second, third))

    with Ledger(workspace.ledger_path) as ledger:
        assert [r["id"] for r in ledger.submissions(PERIOD)] == ids  # by received time
        assert ledger.latest(PERIOD)["TTRA"]["id"] == ids[2]
        assert all(r["received_at"] >= dt.datetime.now().strftime("%Y-%m-%d") for r in ledger.submissions(PERIOD))
        status = unit_status(ledger, plan, PERIOD).set_index("unit")
    assert status.loc["TTRA", "versions"] == 3 and status.loc["TTRA", "file"] == "v0.xlsx"
    merged = _rows(workspace.ledger_path, "SELECT * FROM merged_tasks WHERE unit = 'TTRA' AND code = ?", (running,))
    assert [(r["completion"], r["submission_id"]) for r in merged] == [(10, ids[2])]
    for submission_id, completion in zip(ids, (30, 70, 10)):  # every version's values are kept
        kept = _rows(workspace.ledger_path, "SELECT completion FROM task_values WHERE submission_id = ? AND code = ?",
                     (submission_id, running))
        assert kept == [{"completion": completion}]


def _mail(sender: str, message_id: str, attachments: dict[str, bytes], subject: str = "Báo cáo CCHC quý I/2022") -> bytes:
    return return_mail(sender, attachments, message_id=message_id, subject=subject)


def test_mail_records_sender_date_and_message_id(ws):
    workspace, plan = ws
    data = _filled().save()
    _write(workspace.inbox / "thu.eml", _mail("Thanh tra Sở <TTRA@stttt.example.vn>", "<q1-ttra-42@stttt.example.vn>",
                                              {"Báo cáo quý I - Thanh tra.xlsx": data}))
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    (outcome,) = result.outcomes
    assert outcome.verdict == "accepted", outcome.findings
    assert outcome.file_name == "Báo cáo quý I - Thanh tra.xlsx"
    (row,) = _rows(workspace.ledger_path, "SELECT * FROM submissions")
    assert row["sender"].lower() == "ttra@stttt.example.vn"
    assert row["message_id"] == "<q1-ttra-42@stttt.example.vn>"
    assert row["file_name"] == "Báo cáo quý I - Thanh tra.xlsx" and row["unit"] == "TTRA"
    assert row["source"].replace(os.sep, "/").endswith("inbox/thu.eml/Báo cáo quý I - Thanh tra.xlsx")
    sent = dt.datetime(2022, 3, 15, 2, 30, tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)
    assert row["claimed_at"] == sent.isoformat(sep=" ")  # the sender's Date:, recorded beside
    assert row["received_at"] >= dt.datetime.now().strftime("%Y-%m-%d")  # when the Office got it: this run
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    (delivery,) = _rows(workspace.ledger_path, "SELECT * FROM deliveries")
    assert delivery["message_id"] == "<q1-ttra-42@stttt.example.vn>"


def test_the_same_bytes_by_mail_and_on_disk_is_one_submission_two_deliveries(ws):
    workspace, plan = ws
    data = _filled().save()
    _write(workspace.inbox / "ttra.xlsx", data)
    _write(workspace.inbox / "thu.eml", _mail("ttra@stttt.example.vn", "<again@x>", {"ttra.xlsx": data}))
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    assert len({o.submission_id for o in result.outcomes}) == 1
    assert len(_rows(workspace.ledger_path, "SELECT * FROM submissions")) == 1
    assert len(_rows(workspace.ledger_path, "SELECT * FROM deliveries")) == 2
    # What the clerk reads: the second arrival is a duplicate, not a second accepted file.
    assert sorted(o.verdict for o in result.outcomes) == ["accepted", "duplicate"]


def _digest(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            if p.is_file() else "folder" for p in sorted(folder.rglob("*"))}


def test_originals_are_never_modified_moved_or_joined_by_other_files(ws):
    workspace, plan = ws
    _write(workspace.inbox / "ttra.xlsx", _filled().save(), dt.datetime(2022, 3, 10, 9, 0))
    _write(workspace.inbox / "sub" / "iso.xlsx", _filled("ISO").save())
    _write(workspace.inbox / "thu.eml", _mail("vp@stttt.example.vn", "<m@x>", {"vp.xlsx": _filled("VP").save()}))
    _write(workspace.inbox / "ghi chú.txt", "không phải bảng tính".encode("utf-8"))
    _write(workspace.inbox / "hỏng.xlsx", b"PK\x03\x04 not really")
    before = _digest(workspace.inbox)
    os.chmod(workspace.inbox / "ttra.xlsx", 0o444)  # a read-only original is fine: collect only reads
    try:
        for _ in range(2):
            collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    finally:
        os.chmod(workspace.inbox / "ttra.xlsx", 0o644)
    assert _digest(workspace.inbox) == before


def test_the_archive_keeps_one_file_per_content(ws):
    workspace, plan = ws
    data = _filled().save()
    _write(workspace.inbox / "ttra.xlsx", data)
    _write(workspace.inbox / "ttra - ban sao.xlsm", data)  # the same bytes, renamed by the unit
    collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    sha = hashlib.sha256(data).hexdigest()
    copies = [p.name for p in workspace.archive.iterdir() if p.name.startswith(sha)]
    assert len(copies) == 1, copies
    assert (workspace.archive / copies[0]).read_bytes() == data


def test_a_file_that_kills_its_reader_is_reported_and_the_others_are_recorded(ws):
    workspace, plan = ws
    # Limits opened wide, so the guard lets through what python-calamine dies of: the process pool
    # is the last line of defence.
    settings = workspace.root / "cchc.toml"
    text = settings.read_text(encoding="utf-8")
    text = re.sub(r"max_sheet_rows = \d+", "max_sheet_rows = 1048576", text)  # the whole Excel grid
    text = re.sub(r"max_sheet_columns = \d+", "max_sheet_columns = 16384", text)
    settings.write_text(text, encoding="utf-8")
    workspace = type(workspace).open(workspace.root)
    assert workspace.limits()["max_sheet_columns"] == 16384
    _write(workspace.inbox / "a.xlsx", _filled("ISO").save())
    _write(workspace.inbox / "b_far_cell.xlsx", (mc.FILES / "far_cell_xfd1048576.xlsx").read_bytes())
    _write(workspace.inbox / "c.xlsx", _filled("TTCNTT").save())
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    verdicts = {o.file_name: (o.verdict, [f["code"] for f in o.findings]) for o in result.outcomes}
    assert verdicts["b_far_cell.xlsx"] == ("rejected", ["file-reader-crashed"])
    assert verdicts["a.xlsx"][0] == verdicts["c.xlsx"][0] == "accepted", verdicts
    assert len(_rows(workspace.ledger_path, "SELECT * FROM submissions")) == 3


def test_a_unit_whose_only_file_was_rejected_is_not_shown_as_missing(tmp_path):
    from cchc_xlsx.collect import collect_paths
    from cchc_xlsx.collect.report import unit_status
    from cchc_xlsx.store.ledger import Ledger
    from cchc_xlsx.store.workspace import init_workspace

    workspace, built = init_workspace(tmp_path / "ws")
    # (an h1 workbook would not do: it is recorded for h1, and q1 still waits for the unit's own)
    other_plan = next((Path(__file__).parent / "corpus" / "files").glob("meta_other_plan.xlsx"))
    collect_paths(workspace, built.plan, "q1", [other_plan])
    with Ledger(workspace.ledger_path) as ledger:
        status = unit_status(ledger, built.plan, "q1").set_index("unit")
    rejected = status[status["state"] == "rejected"]
    assert len(rejected) == 1 and rejected.iloc[0]["error"] >= 1


def test_a_crash_in_one_batch_spares_the_batches_around_it(ws, monkeypatch):
    import cchc_xlsx.collect.run as collect_module

    monkeypatch.setattr(collect_module, "BATCH", 1)  # every file its own batch: batches overlap in the pool
    workspace, plan = ws
    settings = workspace.root / "cchc.toml"
    text = settings.read_text(encoding="utf-8")
    text = re.sub(r"max_sheet_rows = \d+", "max_sheet_rows = 1048576", text)
    text = re.sub(r"max_sheet_columns = \d+", "max_sheet_columns = 16384", text)
    settings.write_text(text, encoding="utf-8")
    workspace = type(workspace).open(workspace.root)
    units = ["ISO", "TTCNTT", "VP", "TTRA", "BCVT"]
    for index, unit in enumerate(units):
        _write(workspace.inbox / f"{index}_{unit}.xlsx", _filled(unit).save())
    _write(workspace.inbox / "2_far_cell.xlsx", (mc.FILES / "far_cell_xfd1048576.xlsx").read_bytes())
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    verdicts = {o.file_name: o.verdict for o in result.outcomes}
    assert verdicts.pop("2_far_cell.xlsx") == "rejected"
    assert set(verdicts.values()) <= {"accepted", "warnings"} and len(verdicts) == 5, verdicts


def test_a_reply_without_meta_is_matched_through_in_reply_to(tmp_path):
    import email.message
    import io

    import openpyxl

    from cchc_xlsx import text as labels
    from cchc_xlsx.collect import collect_paths
    from cchc_xlsx.store.ledger import Ledger
    from cchc_xlsx.store.workspace import init_workspace

    workspace, built = init_workspace(tmp_path / "ws")
    with Ledger(workspace.ledger_path) as ledger:
        ledger.connection.execute("INSERT INTO mail_log (period, unit, kind, message_id) VALUES "
                                  "('q1', 'TTCNTT', 'workbook', '<sent-1@stttt.example.vn>')")
    book = openpyxl.load_workbook(mc.FILES / "meta_removed.xlsx")
    for sheet in book.worksheets:  # no unit name left anywhere: only the reply can tell
        for row in sheet.iter_rows(max_row=3):
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type == "s":
                    cell.value = "Báo cáo"
    data = io.BytesIO()
    book.save(data)
    message = email.message.EmailMessage()
    message["From"], message["Subject"] = "someone@gmail.example", "Re: báo cáo"
    message["In-Reply-To"] = "<sent-1@stttt.example.vn>"
    message.set_content("Gửi lại biểu mẫu.")
    message.add_attachment(data.getvalue(), maintype="application", subtype="octet-stream", filename="bao cao.xlsx")
    eml = tmp_path / "reply.eml"
    eml.write_bytes(message.as_bytes())
    result = collect_paths(workspace, built.plan, "q1", [eml])
    outcome = next(o for o in result.outcomes if o.file_name == "bao cao.xlsx")
    assert outcome.unit == "TTCNTT"
    assert any(f["code"] == "meta-missing" and labels.HOW_IDENTIFIED["reply"] in f["message"] for f in outcome.findings)


def test_openpyxl_parses_through_defusedxml():
    # openpyxl reads the Office's appraisal files and plan workbooks; with defusedxml installed it
    # refuses entity tricks. Keep it a dependency.
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


# --- a return for another period of the plan -------------------------------------------

def _h1_book(unit: str = "TTRA") -> bytes:
    """``unit``'s h1 workbook, one task finished in May: after q1's cut-off, within h1's."""
    book = mc.filled(unit, "h1")
    book.tasks.set(mc.first(unit, mc.DONE), "completed_on", dt.datetime(2022, 5, 20))
    return book.save()


def test_a_workbook_of_another_period_is_recorded_for_that_period(ws):
    workspace, plan = ws
    h1 = _h1_book()
    sha = hashlib.sha256(h1).hexdigest()
    _write(workspace.inbox / "TTRA 6 thang.xlsx", h1)
    _write(workspace.inbox / "VP quy I.xlsx", _filled("VP").save())
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    outcome = next(o for o in result.outcomes if o.file_name == "TTRA 6 thang.xlsx")
    assert (outcome.verdict, outcome.unit, outcome.other_period) == ("rejected", "TTRA", "h1")  # never q1's
    assert outcome.other_verdict in ("accepted", "warnings")
    codes = [f["code"] for f in outcome.findings]
    assert codes[:1] == ["meta-other-period"] and "meta-recorded-other-period" in codes
    said = next(f["message"] for f in outcome.findings if f["code"] == "meta-recorded-other-period")
    assert "“h1”" in said and "cchc status --period h1" in said
    rows = {r["period"]: r for r in _rows(workspace.ledger_path, "SELECT * FROM submissions WHERE sha256 = ?", (sha,))}
    assert set(rows) == {"q1", "h1"}
    assert (rows["q1"]["verdict"], rows["q1"]["other_period"]) == ("rejected", "h1")
    assert rows["h1"]["unit"] == "TTRA" and rows["h1"]["verdict"] != "rejected" and rows["h1"]["other_period"] is None
    h1_codes = {r["code"] for r in _rows(workspace.ledger_path, "SELECT code FROM findings WHERE submission_id = ?",
                                         (rows["h1"]["id"],))}
    assert "meta-received-other-period" in h1_codes and "date-after-cutoff" not in h1_codes  # h1's cut-off
    assert {r["period"] for r in _rows(workspace.ledger_path, "SELECT period FROM deliveries WHERE sha256 = ?",
                                       (sha,))} == {"q1", "h1"}
    assert not _rows(workspace.ledger_path, "SELECT * FROM merged_tasks WHERE period = 'q1' AND unit = 'TTRA'")
    assert _rows(workspace.ledger_path, "SELECT * FROM merged_tasks WHERE period = 'h1' AND unit = 'TTRA'")
    with Ledger(workspace.ledger_path) as ledger:
        q1 = unit_status(ledger, plan, "q1").set_index("unit")
        h1 = unit_status(ledger, plan, "h1").set_index("unit")
    assert q1.loc["TTRA", "state"] == "missing" and q1.loc["TTRA", "versions"] == 0  # q1 still waits for TTRA
    assert h1.loc["TTRA", "state"] in ("returned", "late") and h1.loc["TTRA", "file"] == "TTRA 6 thang.xlsx"

    again = collect_paths(workspace, plan, "h1", [workspace.inbox / "TTRA 6 thang.xlsx"])  # later, under h1
    (dup,) = again.outcomes
    assert (dup.verdict, dup.submission_id) == ("duplicate", rows["h1"]["id"])
    assert len(_rows(workspace.ledger_path, "SELECT * FROM submissions WHERE sha256 = ?", (sha,))) == 2
    rerun = collect_paths(workspace, plan, PERIOD, [workspace.inbox])  # and q1 again: nothing new
    assert {o.verdict for o in rerun.outcomes} == {"duplicate"}


def test_a_workbook_recorded_for_its_period_first_is_named_when_it_reaches_another(ws):
    workspace, plan = ws
    h1 = _write(workspace.inbox / "TTRA.xlsx", _h1_book())
    first = collect_paths(workspace, plan, "h1", [h1])
    assert first.outcomes[0].verdict in ("accepted", "warnings")
    later = collect_paths(workspace, plan, PERIOD, [h1])
    (outcome,) = later.outcomes
    assert (outcome.verdict, outcome.other_period, outcome.other_verdict) == ("rejected", "h1",
                                                                             first.outcomes[0].verdict)
    assert len(_rows(workspace.ledger_path, "SELECT * FROM submissions WHERE period = 'h1'")) == 1


def test_a_period_the_plan_lacks_stays_a_rejection(ws):
    workspace, plan = ws
    book = mc.filled("TTRA", "h1")
    meta = book.workbook[labels.SHEET_META]
    for row in meta.iter_rows():
        if row[0].value == "period":
            row[1].value = "q5"
    _write(workspace.inbox / "TTRA.xlsx", book.save())
    (outcome,) = collect_paths(workspace, plan, PERIOD, [workspace.inbox]).outcomes
    assert outcome.verdict == "rejected" and not outcome.other_period
    assert [f["code"] for f in outcome.findings] == ["meta-other-period"]
    assert {r["period"] for r in _rows(workspace.ledger_path, "SELECT period FROM submissions")} == {"q1"}


def test_evidence_of_a_return_for_another_period_goes_with_it(ws):
    workspace, plan = ws
    task = mc.first("TTRA", mc.DONE)
    folder = workspace.inbox / "TTRA"
    _write(folder / "TTRA 6 thang.xlsx", _h1_book())
    _write(folder / f"{task} - bao cao.pdf", b"%PDF-1.4\n%%EOF\n")
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    assert next(o for o in result.outcomes if o.verdict == "evidence").unit == "TTRA"  # the console says whose
    from cchc_xlsx.evidence import evidence_files

    with Ledger(workspace.ledger_path) as ledger:
        h1 = {f.file_name: f for f in evidence_files(ledger, "h1")}
        q1 = evidence_files(ledger, "q1")
    pdf = h1[f"{task} - bao cao.pdf"]
    assert (pdf.unit, pdf.row_kind, pdf.code) == ("TTRA", "task", task)
    assert not _rows(workspace.ledger_path, "SELECT * FROM evidence_links WHERE period = 'q1'")
    assert q1 == []  # received while collecting q1, but h1's: not in q1's pack as nobody's file


def test_the_console_says_where_a_workbook_of_another_period_went(ws, monkeypatch):
    from click.testing import CliRunner

    from cchc_xlsx.cli import cli
    from cchc_xlsx.text.language import say, verdict_text

    workspace, plan = ws
    root = str(workspace.root)
    _write(workspace.inbox / "TTRA 6 thang.xlsx", _h1_book())
    run = lambda *a: CliRunner().invoke(cli, list(a))  # noqa: E731
    result = run("collect", "-w", root, "-p", PERIOD)
    assert result.exit_code == 1 and "Traceback" not in result.output  # not merged into q1: said, exit 1
    with Ledger(workspace.ledger_path) as ledger:
        verdict = ledger.find(hashlib.sha256((workspace.inbox / "TTRA 6 thang.xlsx").read_bytes()).hexdigest(),
                              "h1")["verdict"]
    assert say("collect-other-period", "en", found="h1", period=PERIOD, verdict=verdict_text(verdict, "en")) \
        in result.output
    status = run("status", "-w", root, "-p", "h1", "--json")
    assert status.exit_code == 0
    import json

    states = {r["unit"]: r for r in json.loads(status.output)}
    assert states["TTRA"]["state"] != "missing" and states["TTRA"]["file"] == "TTRA 6 thang.xlsx"
    q1 = {r["unit"]: r for r in json.loads(run("status", "-w", root, "-p", PERIOD, "--json").output)}
    assert q1["TTRA"]["state"] == "missing"
    monkeypatch.setenv("CCHC_LANG", "vi")
    again = run("collect", "-w", root, "-p", "h1")  # the same bytes under h1: a duplicate
    assert again.exit_code == 0, again.output
    assert verdict_text("duplicate", "vi") in again.output
    rerun = run("collect", "-w", root, "-p", PERIOD)  # and under q1 again: said where it is, in Vietnamese
    assert say("collect-other-period", "vi", found="h1", period=PERIOD, verdict=verdict_text(verdict, "vi")) \
        in rerun.output, rerun.output


def test_a_workbook_of_another_period_from_a_stranger_is_held_there(ws):
    workspace, plan = ws
    _write(workspace.inbox / "ttra.eml", _mail("ai.do@gmail.com", "<h1@x>", {"TTRA.xlsx": _h1_book()}, "Báo cáo 6 tháng"))
    (outcome,) = collect_paths(workspace, plan, PERIOD, [workspace.inbox]).outcomes
    assert (outcome.verdict, outcome.other_period, outcome.other_verdict) == ("rejected", "h1", "held")
    with Ledger(workspace.ledger_path) as ledger:
        (held,) = ledger.held("h1")
        assert not ledger.held("q1")
    finding = next(f for f in ledger_findings(workspace, held["id"]) if f["code"] == "sender-held")
    assert "--period h1" in finding["message"]


def ledger_findings(workspace, submission_id: int) -> list[dict]:
    return _rows(workspace.ledger_path, "SELECT * FROM findings WHERE submission_id = ?", (submission_id,))


def test_a_held_return_of_another_period_is_released_by_its_units_own_copy(ws):
    workspace, plan = ws
    data = _h1_book()
    mail = lambda sender, message_id: _mail(sender, message_id, {"TTRA.xlsx": data}, "Báo cáo 6 tháng")  # noqa: E731

    _write(workspace.inbox / "1.eml", mail("ai.do@gmail.com", "<a@x>"))
    assert collect_paths(workspace, plan, PERIOD, [workspace.inbox]).outcomes[0].other_verdict == "held"
    _write(workspace.inbox / "2.eml", mail("ttra@stttt.example.vn", "<b@x>"))
    later = collect_paths(workspace, plan, PERIOD, [workspace.inbox / "2.eml"])
    assert later.outcomes[0].other_period == "h1" and later.outcomes[0].other_verdict != "held"
    with Ledger(workspace.ledger_path) as ledger:
        assert not ledger.held("h1")


def test_a_stray_copy_for_another_period_never_replaces_its_return_unseen(ws):
    # TTRA's h1 return is in; later, while q1 is collected, an older draft of its h1 workbook turns
    # up: it is kept for h1 but waits for the Office instead of superseding the return.
    workspace, plan = ws
    final, draft = _h1_book(), mc.filled("TTRA", "h1").save()  # the draft: the finished task not yet dated
    assert draft != final
    first = collect_paths(workspace, plan, "h1", [_write(workspace.inbox / "TTRA final.xlsx", final)])
    assert first.outcomes[0].verdict in ("accepted", "warnings")
    (stray,) = collect_paths(workspace, plan, PERIOD, [_write(workspace.inbox / "TTRA nhap.xlsx", draft)]).outcomes
    assert (stray.verdict, stray.other_period, stray.other_verdict) == ("rejected", "h1", "held")
    with Ledger(workspace.ledger_path) as ledger:
        assert ledger.latest("h1")["TTRA"]["file_name"] == "TTRA final.xlsx"  # still the return
        (held,) = ledger.held("h1")
    codes = {f["code"]: f["message"] for f in ledger_findings(workspace, held["id"])}
    assert "period-held" in codes and "TTRA final.xlsx" in codes["period-held"] and "--period h1" in codes["period-held"]
    decision = accept_submission(workspace, PERIOD, "TTRA nhap.xlsx")  # named in q1: decided where it is, h1
    assert (decision.period, decision.held, decision.decision) == ("h1", True, "accepted")
    with Ledger(workspace.ledger_path) as ledger:
        assert ledger.latest("h1")["TTRA"]["file_name"] == "TTRA nhap.xlsx"  # the Office chose it


def test_only_the_office_lifts_a_hold_on_a_stray_copy_for_another_period(ws):
    workspace, plan = ws
    final, draft = _h1_book(), mc.filled("TTRA", "h1").save()
    collect_paths(workspace, plan, "h1", [_write(workspace.inbox / "TTRA final.xlsx", final)])
    stray = _write(workspace.inbox / "TTRA nhap.xlsx", draft)
    assert collect_paths(workspace, plan, PERIOD, [stray]).outcomes[0].other_verdict == "held"
    # collected again, from the Office's folder (trusted) and from the unit's own address: still waiting
    again = collect_paths(workspace, plan, PERIOD, [stray]).outcomes[0]
    under_h1 = collect_paths(workspace, plan, "h1", [stray]).outcomes[0]
    _write(workspace.inbox / "own.eml", _mail("ttra@stttt.example.vn", "<own@x>", {"TTRA nhap.xlsx": draft}))
    by_mail = collect_paths(workspace, plan, PERIOD, [workspace.inbox / "own.eml"]).outcomes[0]
    assert not (again.released_by or under_h1.released_by or by_mail.released_by)
    assert again.other_verdict == by_mail.other_verdict == "held"
    with Ledger(workspace.ledger_path) as ledger:
        assert ledger.latest("h1")["TTRA"]["file_name"] == "TTRA final.xlsx"
        assert len(ledger.held("h1")) == 1


def test_a_strangers_and_the_units_copy_of_a_stray_file_still_wait_for_the_office(ws):
    workspace, plan = ws
    final, draft = _h1_book(), mc.filled("TTRA", "h1").save()
    collect_paths(workspace, plan, "h1", [_write(workspace.inbox / "TTRA final.xlsx", final)])
    mails = workspace.inbox / "mail"
    mails.mkdir()
    _write(mails / "1.eml", _mail("ai.do@gmail.com", "<a@x>", {"TTRA.xlsx": draft}))
    _write(mails / "2.eml", _mail("ttra@stttt.example.vn", "<b@x>", {"TTRA.xlsx": draft}))
    outcomes = collect_paths(workspace, plan, PERIOD, [mails]).outcomes
    assert not any(o.released_by for o in outcomes)
    assert [(o.other_period, o.other_verdict) for o in outcomes] == [("h1", "held")] * 2  # both say where, and why
    sha = hashlib.sha256(draft).hexdigest()
    delivered = {r["source"] for r in _rows(workspace.ledger_path, "SELECT source FROM deliveries WHERE sha256 = ? "
                                                                    "AND period = 'h1'", (sha,))}
    assert any(s.endswith("1.eml/TTRA.xlsx") for s in delivered) and any(s.endswith("2.eml/TTRA.xlsx")
                                                                          for s in delivered)
    with Ledger(workspace.ledger_path) as ledger:
        assert ledger.latest("h1")["TTRA"]["file_name"] == "TTRA final.xlsx"
        (held,) = ledger.held("h1")
    assert held["hold"] == "period"
    assert {"period-held", "sender-held"} <= {f["code"] for f in ledger_findings(workspace, held["id"])}


def test_a_rejected_file_in_the_other_period_does_not_hold_the_units_first_usable_return(ws):
    workspace, plan = ws
    broken = mc.filled("TTRA", "h1")  # made from another plan, none of its rows in this one: rejected in h1
    for row in broken.workbook[labels.SHEET_META].iter_rows():
        if row[0].value == "plan_id":
            row[1].value = "0123456789abcdef"
    for table in (broken.tasks, broken.criteria):
        for excel_row in table.rows.values():
            cell = table.sheet.cell(excel_row, table.columns["code"])
            cell.value = f"K{cell.value}"
    collect_paths(workspace, plan, "h1", [_write(workspace.inbox / "TTRA cu.xlsx", broken.save())])
    with Ledger(workspace.ledger_path) as ledger:
        assert "TTRA" not in ledger.latest("h1")
    (outcome,) = collect_paths(workspace, plan, PERIOD, [_write(workspace.inbox / "TTRA.xlsx", _h1_book())]).outcomes
    assert outcome.other_period == "h1" and outcome.other_verdict in ("accepted", "warnings")  # not held


def test_a_trusted_copy_in_the_same_run_names_the_period_it_was_merged_into(ws):
    workspace, plan = ws
    data = _h1_book()
    _write(workspace.inbox / "1.eml", _mail("ai.do@gmail.com", "<a@x>", {"TTRA.xlsx": data}))
    _write(workspace.inbox / "2.eml", _mail("ttra@stttt.example.vn", "<b@x>", {"TTRA.xlsx": data}))
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    copy = next(o for o in result.outcomes if o.source.endswith("2.eml/TTRA.xlsx"))
    assert (copy.verdict, copy.other_period, copy.released_by) == ("released", "h1", "ttra@stttt.example.vn")
    sha = hashlib.sha256(data).hexdigest()
    sources = {r["source"] for r in _rows(workspace.ledger_path, "SELECT source FROM deliveries WHERE sha256 = ? "
                                                                  "AND period = 'h1'", (sha,))}
    assert any(s.endswith("2.eml/TTRA.xlsx") for s in sources)  # the trusted copy reached h1 too
    with Ledger(workspace.ledger_path) as ledger:
        assert not ledger.held("h1")


def test_a_hold_lifted_from_another_periods_run_and_an_office_refusal_are_said(ws):
    workspace, plan = ws
    data = _h1_book()
    _write(workspace.inbox / "1.eml", _mail("ai.do@gmail.com", "<a@x>", {"TTRA.xlsx": data}))
    assert collect_paths(workspace, plan, "h1", [workspace.inbox / "1.eml"]).outcomes[0].verdict == "held"
    _write(workspace.inbox / "2.eml", _mail("ttra@stttt.example.vn", "<b@x>", {"TTRA.xlsx": data}))
    (lifted,) = collect_paths(workspace, plan, PERIOD, [workspace.inbox / "2.eml"]).outcomes
    assert (lifted.other_period, lifted.released_by) == ("h1", "ttra@stttt.example.vn")
    assert lifted.other_verdict in ("accepted", "warnings")

    _write(workspace.inbox / "3.eml", _mail("ai.khac@gmail.com", "<c@x>", {"TTRA.xlsx": _h1_book("VP")}))
    assert collect_paths(workspace, plan, "h1", [workspace.inbox / "3.eml"]).outcomes[0].verdict == "held"
    accept_submission(workspace, "h1", str(workspace.inbox / "3.eml"), reject=True)
    (refused,) = collect_paths(workspace, plan, PERIOD, [workspace.inbox / "3.eml"]).outcomes
    assert (refused.other_period, refused.other_verdict) == ("h1", "rejected")  # as the Office decided


def test_a_ledger_of_the_previous_version_gains_other_period(tmp_path):
    from cchc_xlsx.store import ledger as ledger_module

    path = tmp_path / "ledger.sqlite"
    with sqlite3.connect(path) as db:  # as an earlier version left it: holds, but no other_period
        db.executescript(ledger_module.SCHEMA)
        db.execute("ALTER TABLE submissions ADD COLUMN claimed_at TEXT")
        db.execute("ALTER TABLE submissions ADD COLUMN raw_source TEXT")
        db.execute("ALTER TABLE submissions ADD COLUMN hold TEXT")
        db.execute("INSERT INTO submissions (sha256, period, unit, file_name, source, recorded_at, verdict) "
                   "VALUES ('ab', 'q1', 'VP', 'vp.xlsx', 'inbox/vp.xlsx', '2022-03-01 08:00:00', 'rejected')")
    with Ledger(path) as ledger:
        columns = {row[1] for row in ledger.query("PRAGMA table_info(submissions)")}
        assert "other_period" in columns
        assert ledger.latest_any("q1")["VP"]["file_name"] == "vp.xlsx"
