"""Intake that never refuses an honest return and never stops on a hostile one (issue 10, items
5, 6, 8, 9, 10, 11, 12, 13): odd names, absurd dates, control characters, the Office's own clock,
who may speak for a unit, the machine's problems, links in the inbox, text longer than a cell."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import mailbox
import os
import re
import sqlite3
import subprocess
import threading
import time
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
import python_calamine
from click.testing import CliRunner

from cchc_xlsx.text.language import say, state_text
from cchc_xlsx.cli import cli
from cchc_xlsx.collect import accept_submission, collect_items, collect_paths, held_submissions
from cchc_xlsx.collect.sources import claimed_date
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.core.safetext import cell_text, printable
from cchc_xlsx.store.workspace import SETTINGS_FILE, Workspace, init_workspace
from tests.conftest import require
from tests.corpus import make_corpus as mc
from tests.messages import return_mail

PERIOD = "q1"
CORPUS = Path(__file__).resolve().parent / "corpus" / "files"
XLSX = ("application", mc.XLSX_SUBTYPE)
STRANGER = "ai.do@gmail.com"


@pytest.fixture(scope="module")
def books() -> dict[str, bytes]:
    """Filled workbooks of three units (made once: filling takes a moment)."""
    return {unit: mc.filled(unit).save() for unit in ("TTRA", "VP", "BCVT")}


@pytest.fixture
def ws(tmp_path):
    workspace, built = init_workspace(tmp_path / "ws")
    return workspace, built.plan


def run(*arguments: str):
    return CliRunner().invoke(cli, list(arguments))


def rows(workspace: Workspace, sql: str, parameters: tuple = ()) -> list[dict]:
    with sqlite3.connect(workspace.ledger_path) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute(sql, parameters)]


def message(sender: str, attachments: dict[str, bytes], *, date: str | None = None,
            message_id: str | None = None) -> bytes:
    return return_mail(sender, attachments, subject="Báo cáo CCHC quý I", mime="/".join(XLSX),
                       date=date or format_datetime(dt.datetime(2022, 3, 15, 9, 30, tzinfo=dt.timezone.utc)),
                       message_id=message_id or f"<{hashlib.sha256(repr(attachments).encode()).hexdigest()[:16]}@x>")


def stranger_then_own(workspace, book: bytes) -> None:
    """VP's return mailed first by a stranger, then by VP's own address (1.eml, 2.eml in the inbox)."""
    (workspace.inbox / "1.eml").write_bytes(message(STRANGER, {"VP.xlsx": book}))
    (workspace.inbox / "2.eml").write_bytes(message("vp@stttt.example.vn", {"VP.xlsx": book},
                                                    message_id="<own@stttt.example.vn>"))


def with_text(book: mc.Book, code: str, key: str, text: str) -> bytes:
    """The book saved with ``text`` in one cell, written into the XML as Excel writes it: control
    characters as ``_xHHHH_`` and no length limit (openpyxl refuses the one and cuts the other)."""
    marker = "CCHC-PLACEHOLDER-7Q"
    book.tasks.set(code, key, marker)
    data = book.save()
    encoded = "".join(f"_x{ord(c):04X}_" if ord(c) < 0x20 and c not in "\t\n" else c for c in text)
    encoded = encoded.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    import io
    import zipfile

    parts = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.endswith(".xml")]
    edit = lambda xml: xml.replace(marker.encode(), encoded.encode("utf-8"))  # noqa: E731
    return mc.rezip(data, {name: edit for name in parts})


def assert_one_clear_line(result, *fragments: str, exit_code: int = 1) -> None:
    assert result.exit_code == exit_code, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output, result.output


# --- item 5: a name that is not UTF-8 ---------------------------------------------------------

def test_a_name_that_is_not_utf8_costs_nothing(ws, books):
    workspace, plan = ws
    bad = os.fsencode(workspace.inbox) + b"/Thanh tra S\xf5.xlsx"  # as a Windows zip unpacks on Linux
    with open(bad, "wb") as handle:
        handle.write(books["TTRA"])
    (workspace.inbox / "vp.xlsx").write_bytes(books["VP"])
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    by_unit = {o.unit: o for o in result.outcomes}
    assert set(by_unit) == {"TTRA", "VP"} and by_unit["VP"].verdict == "accepted"
    odd = by_unit["TTRA"]
    assert odd.file_name == "Thanh tra S\ufffd.xlsx" and odd.submission_id is not None
    assert "file-name-not-utf8" in [f["code"] for f in odd.findings]
    (row,) = rows(workspace, "SELECT * FROM submissions WHERE unit = 'TTRA'")
    assert bytes.fromhex(row["raw_source"]) == bad, "the original bytes are kept to find the file again"
    assert row["file_name"] == "Thanh tra S\ufffd.xlsx"
    assert len(rows(workspace, "SELECT * FROM merged_tasks WHERE unit = 'TTRA'")) > 0
    again = run("collect", "-w", str(workspace.root), "-p", PERIOD)  # every re-run used to crash the same way
    assert_one_clear_line(again, "Thanh tra S\ufffd.xlsx", exit_code=0)


def test_one_item_that_cannot_be_recorded_never_rolls_back_the_others(ws, books, monkeypatch):
    workspace, plan = ws
    original = Ledger.record_delivery

    def failing(self, sha256, period, source, *args, **kwargs):
        if source.endswith("odd.xlsx"):
            raise ValueError("something only this item has")
        return original(self, sha256, period, source, *args, **kwargs)

    monkeypatch.setattr(Ledger, "record_delivery", failing)
    (workspace.inbox / "odd.xlsx").write_bytes(books["BCVT"])
    (workspace.inbox / "ttra.xlsx").write_bytes(books["TTRA"])
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    verdicts = {Path(o.source).name: (o.verdict, [f["code"] for f in o.findings]) for o in result.outcomes}
    assert verdicts["odd.xlsx"] == ("rejected", ["file-not-recorded"])
    assert verdicts["ttra.xlsx"][0] == "accepted"
    assert [r["unit"] for r in rows(workspace, "SELECT unit FROM submissions")] == ["TTRA"]


# --- item 6: dates nobody can convert -----------------------------------------------------------

@pytest.mark.parametrize("date", ["Fri, 31 Dec 9999 23:59:59 -1200", "Mon, 1 Jan 0001 00:00:00 +1400",
                                  "not a date", "Thu, 32 Feb 2022 25:61:00 +0700"])
def test_a_date_that_cannot_be_converted_is_no_date(date):
    mail = EmailMessage()
    mail["Date"] = date
    assert claimed_date(mail) is None or isinstance(claimed_date(mail), dt.datetime)


def test_an_eml_dated_9999_is_collected(ws, books):
    workspace, plan = ws
    (workspace.inbox / "9999.eml").write_bytes(
        message("ttra@stttt.example.vn", {"ttra.xlsx": books["TTRA"]}, date="Fri, 31 Dec 9999 23:59:59 -1200"))
    (outcome,) = collect_paths(workspace, plan, PERIOD, [workspace.inbox]).outcomes
    assert (outcome.unit, outcome.verdict) == ("TTRA", "accepted"), outcome.findings
    (row,) = rows(workspace, "SELECT claimed_at, received_at FROM submissions")
    assert row["claimed_at"] is None and row["received_at"].startswith(str(dt.date.today()))


# --- item 9: later is when the Office received it ----------------------------------------------

def test_order_in_an_mbox_wins_over_the_senders_date(ws, books, tmp_path):
    workspace, plan = ws
    early, late = mc.filled("TTRA"), mc.filled("TTRA")
    running = mc.first("TTRA", mc.IN_PROGRESS)
    early.tasks.set(running, "completion", 20)
    late.tasks.set(running, "completion", 90)
    box = mailbox.mbox(str(workspace.inbox / "thu.mbox"))
    for number, (date, book) in enumerate((("Sat, 1 Jan 2099 08:00:00 +0700", early),  # claims the future
                                           ("Tue, 15 Mar 2022 09:00:00 +0700", late)), start=1):
        box.add(mailbox.mboxMessage(message("ttra@stttt.example.vn", {f"v{number}.xlsx": book.save()}, date=date)))
    box.close()
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    assert [o.verdict for o in result.outcomes] == ["accepted", "accepted"]
    (merged,) = rows(workspace, "SELECT completion, submission_id FROM merged_tasks WHERE code = ?", (running,))
    assert merged["completion"] == 90
    claimed = [r["claimed_at"][:4] for r in rows(workspace, "SELECT claimed_at FROM submissions ORDER BY id")]
    assert claimed == ["2099", "2022"], "the sender's date is recorded beside, never used to order"


# --- item 10: who may speak for a unit -----------------------------------------------------------

def test_a_return_from_a_stranger_is_held_until_the_office_accepts_it(ws, books):
    workspace, plan = ws
    root = str(workspace.root)
    (workspace.inbox / "vp.eml").write_bytes(message(f"Ai đó <{STRANGER}>", {"VP quy I.xlsx": books["VP"]}))
    result = run("collect", "-w", root, "-p", PERIOD)
    assert_one_clear_line(result, "held", say("held-line", count=1, period=PERIOD).split(":")[0])
    (row,) = rows(workspace, "SELECT * FROM submissions")
    assert row["hold"] == "sender" and row["unit"] == "VP"
    assert not rows(workspace, "SELECT * FROM merged_tasks"), "held: not merged"
    assert_one_clear_line(run("collect", "-w", root, "-p", PERIOD), exit_code=1)  # still waiting: exit 1 again
    status = run("status", "-w", root, "-p", PERIOD)
    assert_one_clear_line(status, state_text("held"))  # in the console's language
    as_json = run("status", "-w", root, "-p", PERIOD, "--json")
    assert as_json.exit_code == 1 and '"state":"held"' in as_json.output.replace(" ", ""), as_json.output
    assert held_submissions(workspace, PERIOD)[0]["sender"] == STRANGER

    accepted = run("accept", "-w", root, "-p", PERIOD, row["sha256"][:12])
    assert_one_clear_line(accepted, "VP", exit_code=0)
    assert rows(workspace, "SELECT * FROM merged_tasks WHERE unit = 'VP'")
    assert_one_clear_line(run("status", "-w", root, "-p", PERIOD), exit_code=0)
    assert rows(workspace, "SELECT decision, decided_by FROM office_decisions")[0]["decision"] == "accepted"


def test_a_rejected_return_stays_recorded_and_is_never_merged(ws, books):
    workspace, plan = ws
    (workspace.inbox / "vp.eml").write_bytes(message(STRANGER, {"VP.xlsx": books["VP"]}))
    collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    decision = accept_submission(workspace, PERIOD, str(workspace.inbox / "vp.eml"), reject=True)  # the message
    assert decision.decision == "rejected" and decision.unit == "VP"
    assert not rows(workspace, "SELECT * FROM merged_tasks")
    assert len(rows(workspace, "SELECT * FROM submissions")) == 1
    assert not held_submissions(workspace, PERIOD)


def test_meta_of_vp_from_a_stranger_never_replaces_vps_own_return(ws, books):
    workspace, plan = ws
    own = mc.filled("VP")
    forged = mc.filled("VP")
    running = mc.first("VP", mc.IN_PROGRESS)
    own.tasks.set(running, "completion", 40)
    forged.tasks.set(running, "completion", 100)
    (workspace.inbox / "1.eml").write_bytes(message("vp@stttt.example.vn", {"VP.xlsx": own.save()}))
    collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    (workspace.inbox / "2.eml").write_bytes(message(STRANGER, {"VP.xlsx": forged.save()}))
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox / "2.eml"])
    assert [o.verdict for o in result.outcomes] == ["held"] and result.exit_code == 1
    (merged,) = rows(workspace, "SELECT completion FROM merged_tasks WHERE unit = 'VP' AND code = ?", (running,))
    assert merged["completion"] == 40


def test_the_same_bytes_from_the_units_own_address_lift_the_hold(ws, books):
    workspace, plan = ws
    (workspace.inbox / "1.eml").write_bytes(message(STRANGER, {"VP.xlsx": books["VP"]}))
    assert collect_paths(workspace, plan, PERIOD, [workspace.inbox]).exit_code == 1
    (workspace.inbox / "2.eml").write_bytes(message("vp@stttt.example.vn", {"VP.xlsx": books["VP"]},
                                                    message_id="<own@stttt.example.vn>"))
    again = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    assert again.exit_code == 0 and not held_submissions(workspace, PERIOD)
    assert rows(workspace, "SELECT * FROM merged_tasks WHERE unit = 'VP'")
    (decision,) = rows(workspace, "SELECT * FROM office_decisions")
    assert decision["decision"] == "accepted" and "vp@stttt.example.vn" in decision["decided_by"]


def test_contacts_in_cchc_toml_may_speak_for_the_unit_and_office_files_are_trusted(ws, books):
    workspace, plan = ws
    settings = workspace.root / SETTINGS_FILE
    settings.write_text(settings.read_text(encoding="utf-8") + f'VP = {{ email = ["{STRANGER}"] }}\n',
                        encoding="utf-8")
    workspace = Workspace.open(workspace.root)
    (workspace.inbox / "vp.eml").write_bytes(message(STRANGER, {"VP.xlsx": books["VP"]}))
    (workspace.inbox / "ttra.xlsx").write_bytes(books["TTRA"])  # put there by the Office itself
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    assert sorted((o.unit, o.verdict) for o in result.outcomes) == [("TTRA", "accepted"), ("VP", "accepted")]
    assert result.exit_code == 0


def test_accept_names_what_it_cannot_find(ws, books):
    workspace, _ = ws
    result = run("accept", "-w", str(workspace.root), "-p", PERIOD, "deadbeef00")
    assert_one_clear_line(result, "deadbeef00", exit_code=2)


# --- item 8: control characters never reach the terminal or a report cell ----------------------

def test_control_characters_are_shown_escaped_everywhere(ws, books):
    workspace, plan = ws
    data = with_text(mc.filled("TTRA"), mc.first("TTRA", mc.IN_PROGRESS), "status", "\x1b[2K\x1b[32maccepted\r\nxx")
    raw = message("ttra@stttt.example.vn", {"PLACEHOLDER.xlsx": data})
    hostile = "filename*=utf-8''%1B%5B2K%1B%5B32maccepted%1B%5B0m%0D%0Abcvt.xlsx"  # RFC 2231, as a forger writes it
    (workspace.inbox / "a.eml").write_bytes(raw.replace(b'filename="PLACEHOLDER.xlsx"', hostile.encode()))
    result = CliRunner().invoke(cli, ["collect", "-w", str(workspace.root), "-p", PERIOD], color=True)
    assert "Traceback" not in result.output
    assert "\\x1b[2K" in result.output and "\\r\\n" in result.output
    painted = re.sub(r"\x1b\[[0-9;]*m", "", result.output)  # click's own colours are the only ESC left
    assert "\x1b" not in painted and "\r" not in painted
    assert run("scorecard", "-w", str(workspace.root), "-p", PERIOD).exit_code == 0
    assert run("feedback", "-w", str(workspace.root), "-p", PERIOD).exit_code == 0
    reports = workspace.reports(PERIOD)
    written = [reports / "validation.xlsx", reports / "scorecard.xlsx", *(reports / "feedback").glob("*.xlsx")]
    assert len(written) == 3, written
    for path in written:  # python-calamine decodes _x001B_ as Excel shows it (openpyxl leaves it escaped)
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            for row in book.get_sheet_by_name(name).to_python():
                for value in row:
                    assert not (isinstance(value, str) and re.search("[\x00-\x08\x0b-\x1f\x7f]", value)), \
                        (path.name, value)
    assert printable("a\x1bb\nc") == "a\\x1bb\\nc" and cell_text("a\x1bb\nc") == "a\\x1bb\nc"


# --- item 12: links and special files in the inbox ---------------------------------------------

def test_links_and_fifos_in_the_inbox_are_reported_not_followed(ws, books, tmp_path):
    workspace, plan = ws
    inbox = workspace.inbox
    outside = tmp_path / "elsewhere.xlsx"
    outside.write_bytes(books["BCVT"])
    (inbox / "ttra.xlsx").write_bytes(books["TTRA"])
    os.symlink("/proc/self/environ", inbox / "environ.xlsx")
    os.symlink(outside, inbox / "outside.xlsx")
    os.symlink(tmp_path / "gone.xlsx", inbox / "dangling.xlsx")
    os.symlink(inbox / "ttra.xlsx", inbox / "inside.xlsx")
    os.mkfifo(inbox / "pipe.xlsx")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "hidden.xlsx").write_bytes(books["VP"])
    os.symlink(tmp_path / "folder", inbox / "linked-folder")  # a folder link is not walked into
    found: dict = {}
    worker = threading.Thread(target=lambda: found.update(r=collect_paths(workspace, plan, PERIOD, [inbox])))
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "a FIFO must never be opened for reading"
    codes = {Path(o.source).name: (o.verdict, [f["code"] for f in o.findings]) for o in found["r"].outcomes}
    assert codes["environ.xlsx"] == ("rejected", ["file-link-outside"])
    assert codes["outside.xlsx"] == ("rejected", ["file-link-outside"])
    assert codes["dangling.xlsx"] == ("skipped", ["file-link-dangling"])
    assert codes["inside.xlsx"] == ("skipped", ["file-link-inside"])
    assert codes["pipe.xlsx"] == ("rejected", ["file-special"])
    assert codes["ttra.xlsx"][0] == "accepted"
    assert codes["linked-folder"] == ("rejected", ["file-link-outside"]) and "hidden.xlsx" not in codes
    archived = [p.read_bytes() for p in workspace.archive.iterdir()]
    assert archived == [books["TTRA"]], "nothing but the real file is archived"
    assert found["r"].exit_code == 1


# --- item 13: text longer than a cell -------------------------------------------------------------

def test_text_longer_than_a_cell_is_kept_whole_and_said(ws):
    workspace, plan = ws
    book = mc.filled("TTRA")
    code = mc.first("TTRA", mc.IN_PROGRESS)
    long_note = "Khó-khăn " * 4999 + "Khó-khăn."  # 45,000 characters
    (workspace.inbox / "long.xlsx").write_bytes(with_text(book, code, "note", long_note))
    (outcome,) = collect_paths(workspace, plan, PERIOD, [workspace.inbox]).outcomes
    found = [f for f in outcome.findings if f["code"] == "value-too-long"]
    assert outcome.verdict == "warnings" and len(found) == 1, outcome.findings
    assert found[0]["row_code"] == code and "45.000" in found[0]["message"]
    (kept,) = rows(workspace, "SELECT note FROM task_values WHERE code = ?", (code,))
    assert kept["note"] == long_note
    assert_one_clear_line(run("scorecard", "-w", str(workspace.root), "-p", PERIOD), exit_code=0)
    assert_one_clear_line(run("feedback", "-w", str(workspace.root), "-p", PERIOD), exit_code=0)


# --- item 11: the machine's problems ------------------------------------------------------------

def test_settings_saved_with_a_bom_are_read(ws):
    workspace, _ = ws
    settings = workspace.root / SETTINGS_FILE
    settings.write_bytes(b"\xef\xbb\xbf" + settings.read_bytes())
    assert Workspace.open(workspace.root).settings["plan"] == "plan"
    assert run("status", "-w", str(workspace.root), "-p", PERIOD).exit_code == 0


@pytest.mark.parametrize("edit", ['limits = 5\n', 'year = "hai nghìn"\n', '[contacts]\nVP = "x@y.vn"\n',
                                  '[smtp]\nport = "587"\n'], ids=["limits", "year", "contacts", "port"])
def test_settings_of_the_wrong_type_are_named(tmp_path, edit):
    workspace, _ = init_workspace(tmp_path / "ws")
    settings = workspace.root / SETTINGS_FILE
    text = settings.read_text(encoding="utf-8")
    key = edit.split("\n")[-2].split("=")[0].strip()
    section = edit.split("\n")[0] if edit.startswith("[") else None
    if section:  # replace the section's key where it is
        head, _, rest = text.partition(section + "\n")
        rest = "\n".join(line for line in rest.split("\n") if not line.startswith(key + " "))
        text = head + edit + rest
    else:
        text = "\n".join(line for line in text.split("\n") if not re.match(rf"^{key}\s*=|^\[{key}\]", line))
        text = edit + text
        text = re.sub(r"\n\[limits\]\n(.*\n)*?(?=\n#|\n\[)", "\n", text) if key == "limits" else text
    settings.write_text(text, encoding="utf-8")
    result = run("status", "-w", str(workspace.root), "-p", PERIOD)
    assert result.exit_code in (1, 2) and "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def test_a_full_disk_stops_with_one_line_and_nothing_half_written(ws, books, monkeypatch):
    workspace, _ = ws
    (workspace.inbox / "ttra.xlsx").write_bytes(books["TTRA"])
    real = Path.write_bytes

    def full(self, data):
        if self.parent == workspace.archive:
            real(self, data[:100])  # the disk fills part-way through
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    result = run("collect", "-w", str(workspace.root), "-p", PERIOD)
    assert_one_clear_line(result, "Ổ đĩa đã đầy")
    assert not list(workspace.archive.iterdir()), "no half file in the archive"
    assert not rows(workspace, "SELECT * FROM deliveries"), "the batch's receipts were rolled back"


def test_a_locked_ledger_is_named(ws, books, monkeypatch):
    workspace, _ = ws
    Ledger(workspace.ledger_path).close()
    (workspace.inbox / "ttra.xlsx").write_bytes(books["TTRA"])
    monkeypatch.setattr("cchc_xlsx.store.ledger.LOCK_TIMEOUT", 0.2)
    holder = sqlite3.connect(workspace.ledger_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("collect", "-w", str(workspace.root), "-p", PERIOD)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_one_clear_line(result, "đang bị một chương trình khác giữ", str(workspace.ledger_path))


def test_a_corrupt_ledger_is_named_and_left_as_it_is(ws):
    workspace, _ = ws
    junk = b"not a database " * 100
    workspace.ledger_path.write_bytes(junk)
    for command in ("status", "collect", "scorecard"):
        result = run(command, "-w", str(workspace.root), "-p", PERIOD)
        assert_one_clear_line(result, "bị hỏng", str(workspace.ledger_path))
    assert workspace.ledger_path.read_bytes() == junk


def test_output_into_an_unwritable_place_is_named(ws, tmp_path):
    workspace, _ = ws
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for target in (a_file / "scorecard.xlsx", Path("/proc/cchc-nowhere/scorecard.xlsx")):
        result = run("scorecard", "-w", str(workspace.root), "-p", PERIOD, "-o", str(target))
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Hãy" in result.output, result.output


@pytest.mark.parametrize("name", ["text_renamed.xlsx", "zip_bomb.xlsx", "far_cell_xfd1048576.xlsx"])
def test_an_appraisal_file_goes_through_the_guard(ws, name):
    workspace, _ = ws
    result = run("scorecard", "-w", str(workspace.root), "-p", PERIOD, "--import-appraisal", str(CORPUS / name))
    assert_one_clear_line(result, "không dùng được", name)
    assert not (workspace.reports(PERIOD) / "scorecard.xlsx").exists()


@pytest.fixture
def tmpfs(tmp_path):
    """A small tmpfs of our own (root only): a real full disk, and a real read-only mount."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], check=True,
                       capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot mount a tmpfs here (not root, or no mount in this sandbox)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=20)


def test_a_read_only_workspace_is_named(tmpfs, books):
    workspace, _ = init_workspace(tmpfs / "ws")
    (workspace.inbox / "ttra.xlsx").write_bytes(books["TTRA"])
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True, timeout=20)
    result = run("collect", "-w", str(workspace.root), "-p", PERIOD)
    assert_one_clear_line(result, "chỉ cho phép đọc")


def test_a_really_full_disk_is_named(tmpfs, books):
    workspace, _ = init_workspace(tmpfs / "ws")
    Ledger(workspace.ledger_path).close()
    for index in range(4):
        (workspace.inbox / f"{index}.xlsx").write_bytes(books["TTRA"] + bytes([index]) * 10)
    filler = tmpfs / "filler"
    with open(filler, "wb", buffering=0) as handle:  # fill the disk, leaving a few kilobytes
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    os.truncate(filler, max(filler.stat().st_size - 8192, 0))
    result = run("collect", "-w", str(workspace.root), "-p", PERIOD)
    assert_one_clear_line(result, "Ổ đĩa đã đầy")
    assert not [p for p in workspace.archive.iterdir() if p.name.startswith(".")], "no partial file left"


# --- over IMAP (a real Dovecot): INTERNALDATE orders, a Date of 9999 stops nothing --------------

IMAP_PASSWORD = "imap-Intake-5"


@pytest.fixture(scope="module")
def dovecot_server(tmp_path_factory):
    from tests.mailservers import find_dovecot, start_dovecot

    require("Dovecot", find_dovecot() is not None)
    server = start_dovecot(tmp_path_factory.mktemp("dovecot"), IMAP_PASSWORD)
    yield server
    server.stop()


def test_imap_internaldate_orders_and_a_date_of_9999_is_harmless(dovecot_server, ws, monkeypatch):
    workspace, plan = ws
    account = dovecot_server.add_user()
    running = mc.first("TTRA", mc.IN_PROGRESS)
    first, second = mc.filled("TTRA"), mc.filled("TTRA")
    first.tasks.set(running, "completion", 25)
    second.tasks.set(running, "completion", 75)
    day = lambda d: time.mktime((2022, 3, d, 9, 0, 0, 0, 0, -1))  # noqa: E731
    # Received first but claiming the far future (9999, beyond what a datetime converts); then the real one.
    account.append([message("ttra@stttt.example.vn", {"v1.xlsx": first.save()},
                            date="Fri, 31 Dec 9999 23:59:59 -1200")], when=day(10))
    account.append([message("ttra@stttt.example.vn", {"v2.xlsx": second.save()},
                            date="Tue, 1 Mar 2022 08:00:00 +0700")], when=day(12))
    settings = workspace.root / SETTINGS_FILE
    text = settings.read_text(encoding="utf-8").replace('host = "localhost"\nport = 993\nuser = ""\ntls = "ssl"',
                                                       f'host = "{account.host}"\nport = {account.port}\n'
                                                       f'user = "{account.user}"\ntls = "none"')
    settings.write_text(text, encoding="utf-8")
    monkeypatch.setenv("CCHC_IMAP_PASSWORD", account.password)
    result = run("collect", "-w", str(workspace.root), "-p", PERIOD, "--imap")
    assert_one_clear_line(result, "v1.xlsx", "v2.xlsx", exit_code=0)
    received = rows(workspace, "SELECT file_name, received_at, claimed_at FROM submissions ORDER BY id")
    assert [r["received_at"][:10] for r in received] == ["2022-03-10", "2022-03-12"]  # INTERNALDATE
    assert received[0]["claimed_at"] is None and received[1]["claimed_at"].startswith("2022-03-01")
    (merged,) = rows(workspace, "SELECT completion FROM merged_tasks WHERE code = ?", (running,))
    assert merged["completion"] == 75


def test_imap_return_from_a_stranger_is_held(dovecot_server, ws, books, monkeypatch):
    workspace, plan = ws
    account = dovecot_server.add_user()
    account.append([message(STRANGER, {"VP.xlsx": books["VP"]}), message("vp@stttt.example.vn", {})])
    from cchc_xlsx.collect.sources.imap import imap_items

    settings = workspace.root / SETTINGS_FILE
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'host = "localhost"\nport = 993\nuser = ""\ntls = "ssl"',
        f'host = "{account.host}"\nport = {account.port}\nuser = "{account.user}"\ntls = "none"'), encoding="utf-8")
    workspace = Workspace.open(workspace.root)
    result = collect_items(workspace, plan, PERIOD, imap_items(workspace, PERIOD, password=account.password))
    held = [o for o in result.outcomes if o.verdict == "held"]
    assert [o.unit for o in held] == ["VP"] and result.exit_code == 1
    assert held[0].source.startswith("imap://") and not rows(workspace, "SELECT * FROM merged_tasks")


# --- the ledger of an earlier version opens unchanged --------------------------------------------

def test_an_earlier_ledger_is_migrated_additively(tmp_path, books):
    from cchc_xlsx.store import ledger as ledger_module

    path = tmp_path / "ledger.sqlite"
    with sqlite3.connect(path) as db:  # SCHEMA is what earlier versions created; the rest is migration
        db.executescript(ledger_module.SCHEMA)
        db.execute("INSERT INTO submissions (sha256, period, unit, file_name, source, recorded_at, verdict) "
                   "VALUES ('ab', 'q1', 'VP', 'vp.xlsx', 'inbox/vp.xlsx', '2022-03-01 08:00:00', 'accepted')")
    with Ledger(path) as ledger:
        assert ledger.latest("q1")["VP"]["file_name"] == "vp.xlsx"
        columns = {row[1] for row in ledger.query("PRAGMA table_info(submissions)")}
        assert {"claimed_at", "raw_source", "hold"} <= columns
    with Ledger(path) as ledger:  # a second open changes nothing
        assert len(ledger.query("SELECT * FROM submissions")) == 1


def fill_up(folder: Path, leave: int = 8192) -> None:
    """Fill the file system of ``folder``, leaving about ``leave`` bytes."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
        except OSError:
            pass
    os.truncate(filler, max(filler.stat().st_size - leave, 0))


def test_a_scorecard_onto_a_full_disk_leaves_nothing_behind(tmpfs, ws, books):
    workspace, plan = ws
    (workspace.inbox / "ttra.xlsx").write_bytes(books["TTRA"])
    collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    fill_up(tmpfs)
    result = run("scorecard", "-w", str(workspace.root), "-p", PERIOD, "-o", str(tmpfs / "out" / "scorecard.xlsx"))
    assert_one_clear_line(result, "Ổ đĩa đã đầy")
    assert [p.name for p in tmpfs.rglob("*") if p.is_file()] == ["filler"], "no half-written scorecard"


# --- the helpers, table-driven -------------------------------------------------------------------

@pytest.mark.parametrize("text, shown, in_cell", [
    ("Báo cáo quý I.xlsx", "Báo cáo quý I.xlsx", "Báo cáo quý I.xlsx"),
    ("\x1b[2Kok", "\\x1b[2Kok", "\\x1b[2Kok"),
    ("a\r\nb\tc", "a\\r\\nb\\tc", "a\\r\nb\tc"),
    ("x\u202eslx.exe", "x\\u202eslx.exe", "x\\u202eslx.exe"),   # a right-to-left override
    ("S\udcf5.xlsx", "S\ufffd.xlsx", "S\ufffd.xlsx"),          # an undecodable byte of a file name
    ("\x9b31m", "\\x9b31m", "\\x9b31m"),                        # the one-byte CSI
])
def test_printable_and_cell_text(text, shown, in_cell):
    assert printable(text) == shown
    assert cell_text(text) == in_cell


@pytest.mark.parametrize("exc, expected", [
    (OSError(errno.ENOSPC, "No space left on device", "/ws/archive/x"), "Ổ đĩa đã đầy: không ghi được /ws/archive/x"),
    (OSError(errno.EROFS, "Read-only file system", "/ws"), "chỉ cho phép đọc"),
    (PermissionError(errno.EACCES, "Permission denied", "/ws/reports"), "Không có quyền"),
    (sqlite3.OperationalError("database is locked"), "đang bị một chương trình khác giữ"),
    (sqlite3.DatabaseError("file is not a database"), "bị hỏng"),
    (sqlite3.DatabaseError("database disk image is malformed"), "bị hỏng"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "chỉ cho phép đọc"),
    (sqlite3.OperationalError("database or disk is full"), "Ổ đĩa đã đầy"),
])
def test_each_machine_problem_is_one_vietnamese_line(exc, expected):
    from cchc_xlsx.cli.environment import environment_problem

    problem = environment_problem(exc)
    assert problem is not None and problem.exit_code == 1
    assert expected in problem.message and "\n" not in problem.message
    assert environment_problem(ValueError("a bug")) is None, "a bug stays a bug"


# --- a hold lifted by the same bytes from a trusted source says so --------------------

def test_the_copy_that_lifts_a_hold_says_it_released_it(ws, books):
    workspace, plan = ws
    root = str(workspace.root)
    (workspace.inbox / "1.eml").write_bytes(message(STRANGER, {"VP.xlsx": books["VP"]}))
    assert run("collect", "-w", root, "-p", PERIOD).exit_code == 1
    (workspace.inbox / "2.eml").write_bytes(message("vp@stttt.example.vn", {"VP.xlsx": books["VP"]},
                                                    message_id="<own@stttt.example.vn>"))
    result = run("collect", "-w", root, "-p", PERIOD)
    assert_one_clear_line(result, say("collect-released", by="vp@stttt.example.vn", file="VP.xlsx", unit="VP",
                                      period=PERIOD), exit_code=0)
    assert "released  VP" in result.output  # the item's verdict (tests run in English)
    again = run("collect", "-w", root, "-p", PERIOD)  # already released: only duplicates now
    assert again.exit_code == 0 and "released  VP" not in again.output and "duplicate" in again.output
    (decision,) = rows(workspace, "SELECT * FROM office_decisions")
    assert decision["decided_by"] == "cchc: vp@stttt.example.vn"
    status = run("status", "-w", root, "-p", PERIOD, "--json")
    assert status.exit_code == 0 and '"state":"held"' not in status.output.replace(" ", "")


def test_a_trusted_copy_in_the_same_run_releases_the_held_one(ws, books):
    workspace, plan = ws
    root = str(workspace.root)
    stranger_then_own(workspace, books["VP"])
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    verdicts = [(o.file_name, o.verdict, o.unit) for o in result.outcomes]
    assert verdicts == [("VP.xlsx", "warnings", "VP"), ("VP.xlsx", "released", "VP")], verdicts  # no longer held
    released = result.outcomes[1]
    assert released.submission_id == result.outcomes[0].submission_id
    assert [f["code"] for f in released.findings] == ["hold-released"]
    assert "vp@stttt.example.vn" in released.findings[0]["message"]
    assert result.exit_code == 0 and result.held == 0 and not held_submissions(workspace, PERIOD)
    assert rows(workspace, "SELECT * FROM merged_tasks WHERE unit = 'VP'")
    english = run("status", "-w", root, "-p", PERIOD)
    assert_one_clear_line(english, exit_code=0)
    assert "held" not in english.output


def test_a_copy_the_office_puts_in_its_folder_releases_a_held_return_in_english(ws, books):
    workspace, plan = ws
    root = str(workspace.root)
    (workspace.inbox / "1.eml").write_bytes(message(STRANGER, {"VP.xlsx": books["VP"]}))
    (workspace.inbox / "VP ban in.xlsx").write_bytes(books["VP"])  # put there by the Office itself
    result = run("collect", "-w", root, "-p", PERIOD)
    source = str(workspace.inbox / "VP ban in.xlsx")
    assert_one_clear_line(result, say("collect-released", "en", by=source, file="VP ban in.xlsx", unit="VP",
                                      period=PERIOD), exit_code=0)
    (decision,) = rows(workspace, "SELECT * FROM office_decisions")
    assert decision["decided_by"] == f"cchc: {source}"


def test_the_released_line_in_vietnamese(ws, books, monkeypatch):
    monkeypatch.setenv("CCHC_LANG", "vi")
    workspace, _ = ws
    root = str(workspace.root)
    stranger_then_own(workspace, books["VP"])
    result = run("collect", "-w", root, "-p", PERIOD)
    assert_one_clear_line(result, "đã gỡ giữ", say("collect-released", "vi", by="vp@stttt.example.vn",
                                                   file="VP.xlsx", unit="VP", period=PERIOD), exit_code=0)


def test_a_hold_lifted_in_the_same_run_is_not_announced_as_waiting_and_the_summary_adds_up(ws, books):
    workspace, _ = ws
    root = str(workspace.root)
    stranger_then_own(workspace, books["VP"])
    result = run("collect", "-w", root, "-p", PERIOD)
    assert result.exit_code == 0, result.output
    assert "cchc accept" not in result.output  # nothing waits: no line asks the Office to accept it
    assert say("collect-summary", "en", items=2, accepted=0, warnings=1, errors=0, rejected=0, held=0, released=1,
               duplicate=0, evidence=0, skipped=0) in result.output
