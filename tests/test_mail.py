"""Mail: drafts, sending through a real SMTP server (aiosmtpd), fetching from a real IMAP server (Dovecot)."""

from __future__ import annotations

import datetime as dt
import email
import hashlib
import re
import shutil
import ssl
import time
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from click.testing import CliRunner

import cchc_xlsx.collect
from cchc_xlsx.cli import cli
from cchc_xlsx.collect.sources import Received, Skipped, scan
from cchc_xlsx.generate import generate_period, read_manifest
from cchc_xlsx.store.ledger import Ledger, Submission
from cchc_xlsx.mail import compose, log
from cchc_xlsx.cli.mail import mail_command
from cchc_xlsx.collect.sources.imap import imap_items
from cchc_xlsx.mail.common import PROBLEMS, MailError, Server, server_settings
from cchc_xlsx.mail.compose import XLSX_TYPE, compose_message, with_contacts
from cchc_xlsx.mail.drafts import mail_folder, write_drafts, write_feedback
from cchc_xlsx.collect.sources.imap import fetch_imap, imap_date, mailbox_name
from cchc_xlsx.mail.send import send_drafts
from cchc_xlsx.store.workspace import Workspace
from tests.conftest import require
from tests.mailservers import ImapAccount, SmtpInbox, find_dovecot, self_signed_certificate, start_dovecot, start_smtp

# The SMTPS test server is encrypted from the first byte, which aiosmtpd does not count as TLS for AUTH.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

PERIOD = "q1"
UNITS = ("VP", "TTRA", "BCVT", "TTBC", "TTCNTT", "ISO")
SMTP_USER = "vanphong"
SMTP_PASSWORD = "mật-khẩu-Gửi-7391"   # non-ASCII on purpose: smtplib alone cannot send it
IMAP_PASSWORD = "imap-Secret-7"


# --- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def generated_workspace(tmp_path_factory) -> Path:
    """A workspace with the q1 workbooks generated, made once through the command line."""
    root = tmp_path_factory.mktemp("template") / "ws"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root)]).exit_code == 0
    result = runner.invoke(cli, ["generate", "-w", str(root), "--period", PERIOD])
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def workspace(generated_workspace, tmp_path) -> Workspace:
    """A fresh copy of the generated workspace for one test."""
    root = tmp_path / "ws"
    shutil.copytree(generated_workspace, root)
    return Workspace.open(root)


@pytest.fixture
def smtp():
    """aiosmtpd on 127.0.0.1, plain, no login."""
    server = start_smtp()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def dovecot_server(tmp_path_factory):
    """A private Dovecot on 127.0.0.1, started once for this module."""
    require("Dovecot", find_dovecot() is not None)
    base = tmp_path_factory.mktemp("dovecot")
    server = start_dovecot(base, IMAP_PASSWORD, self_signed_certificate(base))
    yield server
    server.stop()


@pytest.fixture
def dovecot(dovecot_server) -> ImapAccount:
    """A new IMAP user with an empty mailbox."""
    return dovecot_server.add_user()


def configure(workspace: Workspace, section: str, **values) -> Workspace:
    """Set keys of one table of cchc.toml, as a clerk would edit it; returns the reopened workspace."""
    path = workspace.root / "cchc.toml"
    lines, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        header = re.match(r"^\[(\w+)\]", line)
        if header:
            current = header.group(1)
        key = re.match(r"^(\w+)\s*=", line)
        if current == section and key and key.group(1) in values:
            value = values.pop(key.group(1))
            line = f"{key.group(1)} = {value}" if isinstance(value, int) else f'{key.group(1)} = "{value}"'
        lines.append(line)
        if header and current == section and section == "contacts":
            lines.extend(f"{code} = {value}" for code, value in values.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Workspace.open(workspace.root)


def use_smtp(workspace: Workspace, port: int, *, user: str = "", tls: str = "none") -> Workspace:
    return configure(workspace, "smtp", host="127.0.0.1", port=port, user=user, tls=tls, sender="vp@stttt.example.vn")


def workbooks(workspace: Workspace) -> dict[str, tuple[str, bytes]]:
    """unit → (file name, bytes) of the generated workbooks."""
    outbox = workspace.outbox(PERIOD)
    return {row["unit"]: (row["file"], (outbox / row["file"]).read_bytes()) for row in read_manifest(outbox)}


def rfc2047(raw: bytes, header: str) -> str:
    """A header of a raw message decoded the way mail programs decode it."""
    value = email.message_from_bytes(raw, policy=policy.compat32)[header]
    return str(make_header(decode_header(value)))


def spreadsheet_parts(message: EmailMessage) -> list[EmailMessage]:
    return [part for part in message.iter_attachments()]


def mail(*args: str, env: dict | None = None, input: str | None = None):
    return CliRunner().invoke(mail_command, list(args), env=env, input=input)


def plan_of(workspace: Workspace):
    return workspace.load_plan().plan


# --- composing --------------------------------------------------------------------------------

def test_message_has_vietnamese_subject_body_and_rfc2231_attachment(workspace):
    plan = plan_of(workspace)
    unit = plan.units_by_code["BCVT"]
    period = plan.period(PERIOD)
    name, data = workbooks(workspace)["BCVT"]
    message = compose_message(plan, unit, period, "workbook", name, data, sender="vp@stttt.example.vn",
                              now=dt.datetime(2022, 3, 1, 8, 0))
    raw = message.as_bytes(policy=policy.SMTP)
    assert raw.isascii(), "every header and body line is 7-bit"
    assert b"filename*0*=utf-8''" in raw, "the Vietnamese file name is encoded per RFC 2231"

    back = email.message_from_bytes(raw, policy=policy.default)
    assert back["Subject"] == f"[CCHC 2022] Biểu mẫu báo cáo Quý I/2022 — {unit.name} (hạn 16/03/2022)"
    assert [a.addr_spec for a in back["To"].addresses] == ["bcvt@stttt.example.vn"]
    # Decoded per RFC 2047 (blanks between encoded words dropped), as mail programs show it; Python's
    # own address parser keeps such a blank inside a display name.
    assert rfc2047(raw, "To") == f"{unit.name} <bcvt@stttt.example.vn>"
    assert rfc2047(raw, "From") == "Sở Thông tin và Truyền thông tỉnh Sóc Trăng <vp@stttt.example.vn>"
    assert back["Message-ID"].endswith("@stttt.example.vn>") and ".q1.BCVT.workbook" in back["Message-ID"]
    body = back.get_body(("plain",)).get_content()
    for text in (unit.name, "Quý I/2022", "16/03/2022", "14/03/2022", "Văn phòng — vp@stttt.example.vn", name):
        assert text in body
    (part,) = spreadsheet_parts(back)
    assert part.get_filename() == name
    assert (part.get_content_maintype(), part.get_content_subtype()) == XLSX_TYPE
    assert part.get_content() == data


def test_feedback_lists_the_problems_and_threads_under_the_submission(workspace):
    plan = plan_of(workspace)
    problems = ["Trang “Nhiệm vụ”, ô G7: chưa chọn tình trạng.", "Trang “Tự chấm điểm”, ô E9: chưa có kết quả."]
    message = compose_message(plan, plan.units_by_code["ISO"], plan.period(PERIOD), "feedback", "Góp ý.xlsx", b"x",
                              sender="vp@stttt.example.vn", extra={"problems": problems},
                              in_reply_to="<reply-1@iso.example.vn>")
    assert "(2 nội dung)" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "1. " + problems[0] in body and "2. " + problems[1] in body
    assert message["In-Reply-To"] == "<reply-1@iso.example.vn>"


def test_contacts_in_cchc_toml_win_over_the_plan(workspace):
    plan = plan_of(workspace)
    unit = with_contacts(plan.units_by_code["TTRA"], {"ttra": {"email": "thanhtra@soctrang.gov.vn"}})
    assert unit.email == "thanhtra@soctrang.gov.vn"
    workspace = configure(workspace, "contacts", TTRA='{ email = "thanhtra@soctrang.gov.vn", contact = "Chị Lan" }')
    result = write_drafts(workspace, plan, PERIOD)
    draft = next(d for d in result.drafts if d.unit == "TTRA")
    assert draft.recipient == "thanhtra@soctrang.gov.vn"
    parsed = email.message_from_bytes(draft.path.read_bytes(), policy=policy.default)
    assert parsed["To"].addresses[0].addr_spec == "thanhtra@soctrang.gov.vn"


# --- drafts -----------------------------------------------------------------------------------

def test_drafts_one_per_unit_recorded_in_the_ledger(workspace):
    result = mail("-w", str(workspace.root), "--period", PERIOD)
    assert result.exit_code == 0, result.output
    folder = mail_folder(workspace, PERIOD)
    files = sorted(folder.glob("*.eml"))
    assert [f.name for f in files] == sorted(f"{code}-workbook.eml" for code in UNITS)
    books = workbooks(workspace)
    with Ledger(workspace.ledger_path) as ledger:
        rows = {row["unit"]: row for row in ledger.query("SELECT * FROM mail_log")}
    assert set(rows) == set(UNITS)
    for code, row in rows.items():
        message = email.message_from_bytes((workspace.root / row["file"]).read_bytes(), policy=policy.default)
        assert message["X-Unsent"] == "1", "Outlook and Thunderbird open it as a draft"
        assert message["Message-ID"] == row["message_id"] and row["kind"] == "workbook" and not row["sent_at"]
        assert row["attachment_sha256"] == hashlib.sha256(books[code][1]).hexdigest()
        (part,) = spreadsheet_parts(message)
        assert (part.get_filename(), part.get_content()) == books[code]


def test_rerun_keeps_drafts_and_a_new_workbook_makes_a_new_draft(workspace):
    plan = plan_of(workspace)
    first = {d.unit: d for d in write_drafts(workspace, plan, PERIOD).drafts}
    again = write_drafts(workspace, plan, PERIOD)
    assert {d.state for d in again.drafts} == {"kept"}
    assert {d.unit: d.message_id for d in again.drafts} == {u: d.message_id for u, d in first.items()}

    unit = plan.units_by_code["VP"]
    generate_period(plan, PERIOD, workspace.outbox(PERIOD), [unit], now=dt.datetime(2022, 3, 2, 9, 0))
    third = {d.unit: d for d in write_drafts(workspace, plan, PERIOD).drafts}
    assert third["VP"].state == "written" and third["VP"].path.name == "VP-workbook-2.eml"
    assert first["VP"].path.exists(), "an earlier draft is never overwritten"
    with Ledger(workspace.ledger_path) as ledger:
        pending = log.unsent(ledger, PERIOD, ["workbook"])
    assert {row["message_id"] for row in pending if row["unit"] == "VP"} == {third["VP"].message_id}


def test_unit_without_address_is_reported_not_skipped(workspace):
    workspace = configure(workspace, "contacts", ISO='{ email = "" }', TTBC='{ email = "ttbc at stttt" }')
    result = mail("-w", str(workspace.root), "--period", PERIOD)
    assert result.exit_code == 1
    assert "ISO (Tổ thư ký ISO) has no email address" in result.output
    assert "'ttbc at stttt' is not an email address" in result.output
    written = {p.name for p in mail_folder(workspace, PERIOD).glob("*.eml")}
    assert written == {f"{code}-workbook.eml" for code in UNITS if code not in ("ISO", "TTBC")}


def test_missing_workbook_is_reported(workspace):
    name, _ = workbooks(workspace)["TTCNTT"]
    (workspace.outbox(PERIOD) / name).unlink()
    result = write_drafts(workspace, plan_of(workspace), PERIOD)
    assert [(p.code, p.unit) for p in result.problems] == [("no-workbook", "TTCNTT")]
    assert len(result.drafts) == 5


def test_reminders_only_to_units_without_a_mergeable_submission(workspace):
    with Ledger(workspace.ledger_path) as ledger:
        ledger.record(Submission("a" * 64, PERIOD, "vp.xlsx", "inbox/vp.xlsx", unit="VP", verdict="accepted"))
        ledger.record(Submission("b" * 64, PERIOD, "ttra.xlsx", "inbox/ttra.xlsx", unit="TTRA", verdict="warnings"))
        ledger.record(Submission("c" * 64, PERIOD, "iso.xlsx", "inbox/iso.xlsx", unit="ISO", verdict="rejected"))
    now = dt.datetime(2022, 3, 17, 8, 0)
    result = write_drafts(workspace, plan_of(workspace), PERIOD, "reminder", now=now)
    assert result.ok
    assert sorted(d.unit for d in result.drafts) == ["BCVT", "ISO", "TTBC", "TTCNTT"]
    message = email.message_from_bytes(result.drafts[0].path.read_bytes(), policy=policy.default)
    assert message["Subject"].startswith("[CCHC 2022] Nhắc gửi báo cáo Quý I/2022")
    assert "Thời hạn gửi báo cáo là ngày 16/03/2022" in message.get_body(("plain",)).get_content()
    assert result.drafts[0].path.name.endswith("-reminder-2022-03-17.eml")


def test_feedback_draft_for_cchc_feedback(workspace, tmp_path):
    plan = plan_of(workspace)
    annotated = workspace.reports(PERIOD) / "feedback" / "CCHC 2022 - Quý I-2022 - Thanh tra Sở (góp ý).xlsx"
    annotated.parent.mkdir(parents=True)
    annotated.write_bytes(workbooks(workspace)["TTRA"][1])
    result = write_feedback(workspace, plan, PERIOD, "TTRA", annotated, ["Ô G7: chưa chọn tình trạng."],
                            in_reply_to="<r1@ttra>")
    (draft,) = result.drafts
    assert draft.path.parent == annotated.parent and draft.kind == "feedback"
    again = write_feedback(workspace, plan, PERIOD, "TTRA", annotated, ["Ô G7: chưa chọn tình trạng."])
    assert again.drafts[0].state == "kept", "the same annotated workbook is not written (or sent) twice"


def test_feedback_drafts_are_sent_with_mail_feedback_send(workspace, smtp):
    use_smtp(workspace, smtp.port)
    annotated = workspace.reports(PERIOD) / "feedback" / "CCHC 2022 - Quý I-2022 - Tổ thư ký ISO.xlsx"
    annotated.parent.mkdir(parents=True)
    annotated.write_bytes(workbooks(workspace)["ISO"][1])
    write_feedback(workspace, plan_of(workspace), PERIOD, "ISO", annotated, ["Ô G7: chưa chọn tình trạng."],
                   in_reply_to="<r9@iso.example.vn>")
    listed = mail("-w", str(workspace.root), "--period", PERIOD, "--feedback")
    assert listed.exit_code == 0 and "kept" in listed.output and not smtp.inbox.delivered
    sent = mail("-w", str(workspace.root), "--period", PERIOD, "--feedback", "--send")
    assert sent.exit_code == 0, sent.output
    (delivered,) = smtp.inbox.delivered
    assert delivered.rcpt_tos == ["iso@stttt.example.vn"]
    assert delivered.message["In-Reply-To"] == "<r9@iso.example.vn>"
    assert spreadsheet_parts(delivered.message)[0].get_filename() == annotated.name
    assert mail("-w", str(workspace.root), "--period", PERIOD, "--feedback", "--send").exit_code == 0
    assert len(smtp.inbox.delivered) == 1
    assert mail("-w", str(workspace.root), "--period", PERIOD, "--feedback", "--remind").exit_code == 2


# --- sending over SMTP ------------------------------------------------------------------------

def test_every_unit_receives_its_workbook_byte_identical(workspace, smtp):
    use_smtp(workspace, smtp.port)
    result = mail("-w", str(workspace.root), "--period", PERIOD, "--send")
    assert result.exit_code == 0, result.output
    books = workbooks(workspace)
    plan = plan_of(workspace)
    received = {d.rcpt_tos[0]: d for d in smtp.inbox.delivered}
    assert len(smtp.inbox.delivered) == len(UNITS)
    for code in UNITS:
        unit = plan.units_by_code[code]
        delivered = received[unit.email]
        assert delivered.mail_from == "vp@stttt.example.vn"
        message = delivered.message
        assert message["X-Unsent"] is None, "a sent message is no draft"
        assert message["Subject"] == f"[CCHC 2022] Biểu mẫu báo cáo Quý I/2022 — {unit.name} (hạn 16/03/2022)"
        (part,) = spreadsheet_parts(message)
        assert part.get_filename() == books[code][0]
        assert part.get_content() == books[code][1]
    with Ledger(workspace.ledger_path) as ledger:
        assert all(row["sent_at"] and not row["error"] for row in ledger.query("SELECT * FROM mail_log"))
    again = mail("-w", str(workspace.root), "--period", PERIOD, "--send")
    assert again.exit_code == 0 and "0 messages sent" in again.output
    assert len(smtp.inbox.delivered) == len(UNITS), "a re-run sends nothing twice"


def delivered_units(inbox: SmtpInbox) -> list[str]:
    return sorted(re.search(r"\.q1\.(\w+)\.", d.message["Message-ID"]).group(1) for d in inbox.delivered)


def test_rerun_after_the_server_refused_one_delivers_each_exactly_once(workspace, smtp):
    use_smtp(workspace, smtp.port)
    smtp.inbox.reject = {3}
    first = mail("-w", str(workspace.root), "--period", PERIOD, "--send")
    assert first.exit_code == 1
    assert "554 5.6.0 refused by the test server" in first.output
    assert len(smtp.inbox.delivered) == 5, "one refusal does not stop the others"
    with Ledger(workspace.ledger_path) as ledger:
        failed = ledger.query("SELECT * FROM mail_log WHERE sent_at IS NULL")
    assert len(failed) == 1 and "554" in failed[0]["error"]

    second = mail("-w", str(workspace.root), "--period", PERIOD, "--send")
    assert second.exit_code == 0, second.output
    assert delivered_units(smtp.inbox) == sorted(UNITS)


def test_rerun_after_a_crash_midway_delivers_each_exactly_once(workspace, smtp):
    plan = plan_of(workspace)
    write_drafts(workspace, plan, PERIOD)
    server = Server("smtp", "127.0.0.1", smtp.port, tls="none")

    def crash_after_two(sent):
        if len(smtp.inbox.delivered) == 2:
            raise KeyboardInterrupt  # the clerk pressed Ctrl+C, or the PC went down

    with pytest.raises(KeyboardInterrupt):
        send_drafts(workspace, PERIOD, server, after_each=crash_after_two)
    assert len(smtp.inbox.delivered) == 2
    result = send_drafts(workspace, PERIOD, server)
    assert result.ok and len(result.sent) == 4
    assert delivered_units(smtp.inbox) == sorted(UNITS)


def test_a_deleted_draft_is_reported_then_written_anew(workspace, smtp):
    use_smtp(workspace, smtp.port)
    plan = plan_of(workspace)
    drafts = {d.unit: d for d in write_drafts(workspace, plan, PERIOD).drafts}
    drafts["ISO"].path.unlink()  # the clerk tidied the folder
    first = mail("-w", str(workspace.root), "--period", PERIOD, "--send")
    assert first.exit_code == 0 and len(smtp.inbox.delivered) == 6, "mail writes the missing draft before sending"
    assert drafts["ISO"].path.exists()

    result = send_drafts(workspace, PERIOD, Server("smtp", "127.0.0.1", smtp.port, tls="none"))
    assert result.ok and not result.sent


def test_a_draft_gone_at_send_time_is_a_problem_and_the_rest_go(workspace, smtp):
    drafts = {d.unit: d for d in write_drafts(workspace, plan_of(workspace), PERIOD).drafts}
    drafts["TTRA"].path.unlink()
    result = send_drafts(workspace, PERIOD, Server("smtp", "127.0.0.1", smtp.port, tls="none"))
    assert [(p.code, p.unit) for p in result.problems] == [("draft-missing", "TTRA")]
    assert len(result.sent) == 5


def test_unreachable_server_is_one_problem_and_nothing_is_marked_sent(workspace):
    write_drafts(workspace, plan_of(workspace), PERIOD)
    server = Server("smtp", "127.0.0.1", 1, tls="none")  # nothing listens on port 1
    result = send_drafts(workspace, PERIOD, server)
    assert [p.code for p in result.problems] == ["server"] and not result.sent
    with Ledger(workspace.ledger_path) as ledger:
        assert len(log.unsent(ledger, PERIOD, ["workbook"])) == len(UNITS)


def test_reminders_are_sent_only_to_units_still_missing(workspace, smtp):
    use_smtp(workspace, smtp.port)
    with Ledger(workspace.ledger_path) as ledger:
        ledger.record(Submission("a" * 64, PERIOD, "vp.xlsx", "inbox/vp.xlsx", unit="VP", verdict="accepted"))
    result = mail("-w", str(workspace.root), "--period", PERIOD, "--remind", "--send")
    assert result.exit_code == 0, result.output
    assert len(smtp.inbox.delivered) == 5 and "vp@stttt.example.vn" not in {d.rcpt_tos[0] for d in smtp.inbox.delivered}
    again = mail("-w", str(workspace.root), "--period", PERIOD, "--remind", "--send")
    assert again.exit_code == 0 and len(smtp.inbox.delivered) == 5, "a same-day re-run is a resume, not a new round"


@pytest.fixture(params=["starttls", "ssl"])
def tls_smtp(request, tmp_path, monkeypatch):
    """aiosmtpd with STARTTLS (or SMTPS) and AUTH, with a certificate the tool is made to trust."""
    made = self_signed_certificate(tmp_path)
    if made is None:
        pytest.skip("openssl is not installed (needed for a test certificate)")
    cert, key = made
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # ssl.create_default_context() in the tool trusts it
    server = start_smtp(user=SMTP_USER, password=SMTP_PASSWORD, tls_context=context,
                        implicit_tls=request.param == "ssl")
    server.tls = request.param
    yield server
    server.stop()


def test_tls_and_auth_with_password_from_environment(workspace, tls_smtp):
    use_smtp(workspace, tls_smtp.port, user=SMTP_USER, tls=tls_smtp.tls)
    result = mail("-w", str(workspace.root), "--period", PERIOD, "--send", env={"CCHC_SMTP_PASSWORD": SMTP_PASSWORD})
    assert result.exit_code == 0, result.output
    assert len(tls_smtp.inbox.delivered) == len(UNITS) and tls_smtp.inbox.logins == [SMTP_USER]


def test_refused_login_stops_the_run_with_exit_1(workspace, tls_smtp):
    use_smtp(workspace, tls_smtp.port, user=SMTP_USER, tls=tls_smtp.tls)
    result = mail("-w", str(workspace.root), "--period", PERIOD, "--send", env={"CCHC_SMTP_PASSWORD": "wrong"})
    assert result.exit_code == 1
    assert "cannot send through smtp://vanphong@127.0.0.1" in result.output and "535" in result.output
    assert not tls_smtp.inbox.delivered


def test_no_password_in_any_file_or_output(workspace, tls_smtp):
    """The password is typed at the prompt, used, refused once (errors are stored) — and found nowhere."""
    use_smtp(workspace, tls_smtp.port, user=SMTP_USER, tls=tls_smtp.tls)
    outputs = []
    for password, env in (("not-" + SMTP_PASSWORD, {"CCHC_SMTP_PASSWORD": "not-" + SMTP_PASSWORD}),
                          (SMTP_PASSWORD, {"CCHC_SMTP_PASSWORD": None})):
        result = mail("-w", str(workspace.root), "--period", PERIOD, "--send", env=env, input=password + "\n")
        outputs.append(result.output)
    assert "'***' is not the password" in outputs[0], "the server repeated the password; the tool masked it"
    assert "Password for vanphong at 127.0.0.1" in outputs[1], "without the variable it prompts"
    assert len(tls_smtp.inbox.delivered) == len(UNITS)

    secrets = [SMTP_PASSWORD.encode("utf-8"), ("not-" + SMTP_PASSWORD).encode("utf-8")]
    with Ledger(workspace.ledger_path) as ledger:
        dump = "\n".join(ledger.connection.iterdump()).encode("utf-8")
    files = [path.read_bytes() for path in workspace.root.rglob("*") if path.is_file()]
    for blob in [*files, dump, *(o.encode("utf-8") for o in outputs)]:
        for secret in secrets:
            assert secret not in blob
    assert any(b"X-Unsent" in blob for blob in files), "the drafts were among the files searched"


def test_command_line_usage_errors(workspace, tmp_path):
    assert mail("-w", str(workspace.root), "--period", "q9").exit_code == 2
    assert mail("-w", str(workspace.root), "--period", PERIOD, "--tls", "tls1").exit_code == 2
    assert mail("-w", str(tmp_path / "nowhere"), "--period", PERIOD).exit_code == 2
    assert mail("-w", str(workspace.root)).exit_code == 2


def test_server_settings_follow_the_options_then_cchc_toml():
    settings = {"smtp": {"host": "mail.soctrang.gov.vn", "port": 587, "user": "vp", "tls": "starttls"}}
    assert server_settings(settings, "smtp") == Server("smtp", "mail.soctrang.gov.vn", 587, "vp", "starttls")
    assert server_settings(settings, "smtp", tls="ssl").port == 465, "the port follows a changed TLS mode"
    assert server_settings(settings, "smtp", tls="ssl", port=2465).port == 2465
    assert server_settings(settings, "smtp", user="").user == ""
    assert server_settings({}, "imap") == Server("imap", "localhost", 993, "", "ssl")


def test_imap_names():
    assert imap_date(dt.date(2022, 3, 5)) == "05-Mar-2022"
    assert mailbox_name("INBOX") == '"INBOX"'
    assert mailbox_name("Báo cáo & CCHC") == '"B&AOE-o c&AOE-o &- CCHC"'


# --- fetching from IMAP -----------------------------------------------------------------------

def reply(unit_email: str, files: list[tuple[str, bytes]], *, subject: str = "Re: Biểu mẫu báo cáo",
          in_reply_to: str = "", message_id: str | None = None, date: str = "Thu, 10 Mar 2022 09:15:00 +0700") -> bytes:
    """A reply as a unit's mail program sends it."""
    message = EmailMessage()
    message["From"] = f"Đơn vị <{unit_email}>"
    message["To"] = "vp@stttt.example.vn"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = message_id or make_msgid(domain=unit_email.split("@")[1])
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    message.set_content("Văn phòng Sở xem file đính kèm.")
    for name, data in files:
        message.add_attachment(data, maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1], filename=name)
    return message.as_bytes(policy=policy.SMTP)


@pytest.fixture
def mailbox(workspace, dovecot):
    """The clerk's mailbox holding the units' replies; returns (messages as appended, workbooks)."""
    books = workbooks(workspace)
    vp_reply = reply("vp@stttt.example.vn", [books["VP"]], in_reply_to="<q1.VP@stttt.example.vn>")
    messages = [
        vp_reply,
        reply("ttra@stttt.example.vn", [books["TTRA"]]),
        reply("bcvt@stttt.example.vn", [], subject="Re: Biểu mẫu — đơn vị sẽ gửi sau"),
        reply("ttbc@stttt.example.vn", [books["TTBC"], books["TTCNTT"]], subject="Gửi 2 biểu mẫu"),
        vp_reply,  # the same message delivered twice
    ]
    dovecot.append(messages)
    return messages, books


def imap(dovecot, **options):
    return list(fetch_imap(dovecot.host, dovecot.port, dovecot.user, dovecot.password, "none", **options))


def test_fetch_yields_the_attachments_like_a_folder_of_eml(mailbox, dovecot, tmp_path):
    messages, books = mailbox
    items = imap(dovecot)
    received = [i for i in items if isinstance(i, Received)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [(r.name, r.data, r.sender) for r in received] == [
        (*books["VP"], "vp@stttt.example.vn"), (*books["TTRA"], "ttra@stttt.example.vn"),
        (*books["TTBC"], "ttbc@stttt.example.vn"), (*books["TTCNTT"], "ttbc@stttt.example.vn"),
        (*books["VP"], "vp@stttt.example.vn")]  # the duplicate: collect knows it by its content
    assert received[0].source == f"imap://{dovecot.user}@127.0.0.1:{dovecot.port}/INBOX;UID=1/{books['VP'][0]}"
    assert received[0].in_reply_to == "<q1.VP@stttt.example.vn>"
    assert received[2].message_id == received[3].message_id, "two workbooks of one message"
    assert [(s.reason, s.source.rsplit(";", 1)[1]) for s in skipped] == [("no-attachment", "UID=3")]

    folder = tmp_path / "eml"
    folder.mkdir()
    for number, raw in enumerate(messages, start=1):
        (folder / f"{number}.eml").write_bytes(raw)
    from_folder = [i for i in scan([folder]) if isinstance(i, Received)]
    # The sender's Date: is the same either way; received_at is when the Office got it (INTERNALDATE, or the run).
    strip = lambda r: (r.name, r.data, r.sender, r.claimed_at, r.message_id, r.in_reply_to)  # noqa: E731
    assert [strip(r) for r in received] == [strip(r) for r in from_folder]


def test_second_fetch_with_the_ledger_downloads_nothing_again(mailbox, dovecot, workspace):
    with Ledger(workspace.ledger_path) as ledger:
        for item in imap(dovecot, ledger=ledger, period=PERIOD):
            if isinstance(item, Received):
                ledger.record_delivery(hashlib.sha256(item.data).hexdigest(), PERIOD, item.source, item.sender,
                                       item.message_id, str(item.received_at))
        again = imap(dovecot, ledger=ledger, period=PERIOD)
        assert not [i for i in again if isinstance(i, Received)]
        assert [i.reason for i in again] == ["no-attachment"], "only the message without attachment is looked at"
        other_period = imap(dovecot, ledger=ledger, period="h1")
        assert len([i for i in other_period if isinstance(i, Received)]) == 5


def test_since_and_a_vietnamese_folder(workspace, dovecot):
    books = workbooks(workspace)
    client = dovecot.client()
    assert client.create(mailbox_name("Báo cáo CCHC"))[0] == "OK"
    client.logout()
    old = time.mktime((2022, 3, 1, 8, 0, 0, 0, 0, -1))
    dovecot.append([reply("iso@stttt.example.vn", [books["ISO"]])], folder=mailbox_name("Báo cáo CCHC"), when=old)
    dovecot.append([reply("vp@stttt.example.vn", [books["VP"]])], folder=mailbox_name("Báo cáo CCHC"))
    items = imap(dovecot, folder="Báo cáo CCHC")
    assert [i.name for i in items] == [books["ISO"][0], books["VP"][0]]
    assert "/B%C3%A1o%20c%C3%A1o%20CCHC;UID=1/" in items[0].source
    recent = imap(dovecot, folder="Báo cáo CCHC", since=dt.date.today() - dt.timedelta(days=1))
    assert [i.name for i in recent] == [books["VP"][0]]


def test_imap_login_refused_or_folder_missing(dovecot):
    with pytest.raises(MailError) as refused:
        list(fetch_imap(dovecot.host, dovecot.port, dovecot.user, "wrong-password", "none"))
    assert f"cannot read imap://{dovecot.user}@127.0.0.1" in str(refused.value) and "wrong-password" not in str(refused.value)
    with pytest.raises(MailError, match="cannot open folder 'Không có'"):
        imap(dovecot, folder="Không có")


@pytest.mark.parametrize("tls", ["starttls", "ssl"])
def test_fetch_over_tls(mailbox, dovecot, tls):
    if not dovecot.certificate:
        pytest.skip("openssl is not installed (needed for a test certificate)")
    port = dovecot.port if tls == "starttls" else dovecot.imaps_port
    with pytest.raises(MailError, match="CERTIFICATE_VERIFY_FAILED"):
        list(fetch_imap(dovecot.host, port, dovecot.user, dovecot.password, tls))  # an unknown certificate
    trusted = ssl.create_default_context(cafile=str(dovecot.certificate))
    items = list(fetch_imap(dovecot.host, port, dovecot.user, dovecot.password, tls, context=trusted))
    assert len([i for i in items if isinstance(i, Received)]) == 5


def test_imap_items_uses_the_workspace_settings(mailbox, dovecot, workspace, monkeypatch):
    workspace = configure(workspace, "imap", host=dovecot.host, port=dovecot.port, user=dovecot.user, tls="none")
    monkeypatch.setenv("CCHC_IMAP_PASSWORD", dovecot.password)
    items = list(imap_items(workspace, PERIOD))
    assert len([i for i in items if isinstance(i, Received)]) == 5


@pytest.mark.skipif(not hasattr(cchc_xlsx.collect, "collect_items"), reason="collect.collect_items is not there yet")
def test_collect_from_imap_equals_collect_from_a_folder(mailbox, dovecot, workspace, generated_workspace, tmp_path):
    messages, _ = mailbox
    folder = tmp_path / "eml"
    folder.mkdir()
    for number, raw in enumerate(messages, start=1):
        (folder / f"{number}.eml").write_bytes(raw)
    by_folder = Workspace.open(shutil.copytree(generated_workspace, tmp_path / "by-folder"))
    cchc_xlsx.collect.collect_items(by_folder, plan_of(by_folder), PERIOD, scan([folder]))
    by_imap = configure(workspace, "imap", host=dovecot.host, port=dovecot.port, user=dovecot.user, tls="none")
    cchc_xlsx.collect.collect_items(by_imap, plan_of(by_imap), PERIOD,
                                    imap_items(by_imap, PERIOD, password=dovecot.password))

    def submissions(ws: Workspace) -> list[tuple]:
        with Ledger(ws.ledger_path) as ledger:
            rows = ledger.submissions(PERIOD)
        return sorted((r["unit"], r["sha256"], r["file_name"], r["sender"], r["message_id"], r["claimed_at"],
                       r["verdict"], r["errors"], r["warnings"], r["infos"]) for r in rows)

    assert submissions(by_imap) == submissions(by_folder)
    assert len(submissions(by_imap)) == 4


def test_problem_catalogue_names_every_code_used():
    source = "".join(path.read_text(encoding="utf-8") for path in Path(compose.__file__).parent.glob("*.py"))
    used = set(re.findall(r'problem\("([a-z-]+)"', source))
    assert used <= set(PROBLEMS)
