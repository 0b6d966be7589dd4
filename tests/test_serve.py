"""The Office's page through Starlette's test client: every action, and what it refuses."""

from __future__ import annotations

import io
import re
import shutil
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from cchc_xlsx import text as labels
from cchc_xlsx.cli import cli
from cchc_xlsx.findings import catalogue
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.serve import steps
from cchc_xlsx.serve.app import create_app, upload_name
from cchc_xlsx.serve.jobs import runner_for
from cchc_xlsx.store.workspace import Workspace
from page_fixtures import PERIOD, TOKEN, client, generated, workspace  # noqa: F401  (fixtures)

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "q1"



def sample(unit_name: str) -> Path:
    return next(p for p in SAMPLES.iterdir() if p.name.endswith(f"{unit_name}.xlsx"))


def post(client, url: str, data: dict | None = None, files=None, token: str | None = TOKEN):
    fields = dict(data or {})
    if token is not None:
        fields["csrf_token"] = token
    return client.post(url, data=fields, files=files or {"_": ("", b"")}, follow_redirects=False)


def run(client, url: str, data: dict | None = None, files=None):
    """POST an action, wait for its job, return the job."""
    response = post(client, url, data, files)
    assert response.status_code == 303, response.text
    runner = client.app_state.runner
    return runner.wait(runner.current, timeout=120)


def unit_state(client, unit: str) -> str:
    page = client.get(f"/p/{PERIOD}").text
    row = re.search(rf'<tr data-unit="{unit}" data-state="(\w+)"', page)
    return row.group(1)


def test_the_page_lists_every_unit_in_vietnamese_with_local_assets(client):
    page = client.get("/", follow_redirects=True)
    assert page.status_code == 200 and page.url.path == "/p/q1"
    text = page.text
    assert "Chưa gửi" in text and "Văn phòng" in text
    assert 'enctype="multipart/form-data"' in text and 'type="file"' in text
    assert re.search(r'<input type="hidden" name="csrf_token" value="test-token">', text)
    assert "http://" not in text and "https://" not in text  # no CDN, nothing fetched from elsewhere
    htmx = client.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and b"htmx" in htmx.content[:200]
    for row in steps.ACTIONS.values():
        assert row.title in text, row.name
        if row.confirm:  # sends mail: a confirmation page first
            assert f'href="/p/q1/confirm/{row.name}"' in text
        else:
            assert f'action="/p/q1/action/{row.name}"' in text


def test_every_action_without_a_csrf_token_is_refused(client, workspace):
    names = [*steps.ACTIONS, "upload"]
    for name in names:
        url = f"/p/{PERIOD}/upload" if name == "upload" else f"/p/{PERIOD}/action/{name}"
        for token in (None, "wrong"):
            response = post(client, url, token=token)
            assert response.status_code == 403, (name, token)
            assert labels.PAGE["csrf"] in response.text
    response = post(client, f"/p/{PERIOD}/decide/accept", {"sha256": "0" * 64}, token=None)
    assert response.status_code == 403
    assert client.app_state.runner.current is None  # nothing ran
    # a page from another site cannot post even with a token it guessed right
    foreign = client.post(f"/p/{PERIOD}/action/generate", data={"csrf_token": TOKEN},
                          headers={"Origin": "http://evil.example"}, follow_redirects=False)
    assert foreign.status_code == 403


def test_only_loopback_host_names_are_answered(client):
    assert client.get(f"/p/{PERIOD}", headers={"Host": "evil.example"}).status_code == 400
    assert client.get(f"/p/{PERIOD}", headers={"Host": "localhost:8765"}).status_code == 200


def test_upload_collects_through_the_same_path_and_the_state_changes(client, workspace):
    assert unit_state(client, "TTRA") == "missing"
    path = sample("Thanh tra Sở")
    job = run(client, f"/p/{PERIOD}/upload", files={"files": (path.name, path.read_bytes(), "application/octet-stream")})
    assert job.state == "done", job.lines
    assert unit_state(client, "TTRA") in ("returned", "late")
    assert (workspace.inbox / path.name).read_bytes() == path.read_bytes()
    with Ledger(workspace.ledger_path) as ledger:
        assert ledger.latest(PERIOD)["TTRA"]["file_name"] == path.name
    assert len(list(workspace.archive.iterdir())) == 1
    # the same file again is recorded once
    job = run(client, f"/p/{PERIOD}/upload", files={"files": (path.name, path.read_bytes(), "application/octet-stream")})
    assert any("đã nhận" in line for line in job.lines)


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (80 * 1024 * 1024))
    return buffer.getvalue()


def test_a_zip_bomb_is_guarded_and_the_server_goes_on(client, workspace):
    bomb = _bomb()
    assert len(bomb) < 1024 * 1024
    job = run(client, f"/p/{PERIOD}/upload", files={"files": ("bom.xlsx", bomb, "application/octet-stream")})
    assert job.state == "done"
    assert any("không dùng được" in line for line in job.lines), job.lines
    with Ledger(workspace.ledger_path) as ledger:
        rows = ledger.query("SELECT s.verdict, f.code FROM submissions s JOIN findings f ON f.submission_id = s.id "
                            "WHERE s.file_name = 'bom.xlsx'")
    assert [(r["verdict"], r["code"]) for r in rows] == [("rejected", "file-too-expanded")]
    page = client.get(f"/p/{PERIOD}?severity=error").text
    assert "bom.xlsx" in page and catalogue.kind("file-too-expanded").title_vi in page


def test_uploads_above_the_limits_are_refused_before_reading(workspace):
    workspace.settings.setdefault("limits", {})["max_file_bytes"] = 4096
    app = create_app(workspace, csrf_token=TOKEN)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        big = post(client, f"/p/{PERIOD}/upload", files={"files": ("big.xlsx", b"PK" + b"x" * 5000, "x")})
        assert big.status_code == 400 and "quá lớn" in big.text
        huge = post(client, f"/p/{PERIOD}/upload", files={"files": ("huge.xlsx", b"x" * (2 * 4096 + 2 * 1024 * 1024), "x")})
        assert huge.status_code == 413
        def chunks():  # no Content-Length: counted while it streams
            yield b"--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.xlsx\"\r\n\r\n"
            for _ in range(40):
                yield b"x" * 65536
        streamed = client.post(f"/p/{PERIOD}/upload", content=chunks(),
                               headers={"content-type": "multipart/form-data; boundary=x"})
        assert streamed.status_code == 413
        other = post(client, f"/p/{PERIOD}/upload", files={"files": ("notes.pdf", b"%PDF-1.4", "x")})
        assert other.status_code == 400 and "chỉ nhận tệp" in other.text
    assert not list(workspace.inbox.iterdir())


def test_no_path_from_a_request_is_ever_used(client, workspace):
    (workspace.root / "secret.xlsx").write_bytes(b"secret")
    for url in (f"/p/{PERIOD}/download/..%2F..%2Fcchc.toml", f"/p/{PERIOD}/download/../../cchc.toml",
                f"/p/{PERIOD}/download/%2e%2e%2fsecret.xlsx", "/p/..%2F..%2Fetc/download/abc",
                f"/p/{PERIOD}/download/{'0' * 20}", "/static/..%2F..%2Fcli.py", "/p/..%2Fq1"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"secret" not in response.content and b"department" not in response.content
    path = sample("Văn phòng")
    job = run(client, f"/p/{PERIOD}/upload",
              files={"files": ("../../../evil/../Văn phòng.xlsx", path.read_bytes(), "application/octet-stream")})
    assert job.state == "done"
    assert (workspace.inbox / "Văn phòng.xlsx").exists() and not (workspace.root.parent / "evil").exists()
    assert upload_name("..\\..\\x.xlsx") == "x.xlsx" and upload_name("../") == "tep"
    assert upload_name("NUL.xlsx") == "tep-NUL.xlsx" and upload_name("a<b>:c|?.xlsx") == "a_b_c_.xlsx"
    assert post(client, f"/p/{PERIOD}/decide/accept", {"sha256": "../cchc.toml"}).status_code == 404


def test_two_actions_at_once_the_second_is_refused_with_a_message(client, monkeypatch):
    release, started = threading.Event(), threading.Event()

    def slow(job, request):
        started.set()
        release.wait(30)
        job.say("xong")

    monkeypatch.setitem(steps.ACTIONS, "generate", steps.Row("prepare", "generate", slow))
    first = post(client, f"/p/{PERIOD}/action/generate")
    assert first.status_code == 303 and started.wait(10)
    second = post(client, f"/p/{PERIOD}/action/scorecard")
    assert second.status_code == 409
    assert labels.PAGE["busy"].format(title="Tạo biểu mẫu") in second.text
    path = sample("Văn phòng")
    upload = post(client, f"/p/{PERIOD}/upload", files={"files": (path.name, path.read_bytes(), "x")})
    assert upload.status_code == 409
    # the same workspace served twice in one process shares the one runner
    assert runner_for(client.app_state.workspace.root) is client.app_state.runner
    # the page polls the running job
    job = client.app_state.runner.current
    status = client.get(f"/job/{job.id}?poll=1", headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in status.text and "HX-Redirect" not in status.headers
    release.set()
    client.app_state.runner.wait(job, 10)
    done = client.get(f"/job/{job.id}?poll=1", headers={"HX-Request": "true"})
    assert done.headers.get("HX-Redirect", "").startswith(f"/p/{PERIOD}?after=generate") and "xong" in done.text
    assert run(client, f"/p/{PERIOD}/action/scorecard").state == "done"


def test_every_action_runs_its_stage(client, workspace):
    from mailservers import start_smtp

    for path in sorted(SAMPLES.iterdir()):
        shutil.copy(path, workspace.inbox / path.name)
    smtp = start_smtp()
    try:
        workspace.settings["smtp"] = {"host": "127.0.0.1", "port": smtp.port, "user": "", "tls": "none",
                                      "sender": "vanphong@stttt.example"}
        for name in ("plan", "generate", "mail", "collect", "feedback", "scorecard", "send", "remind"):
            job = run(client, f"/p/{PERIOD}/action/{name}", {"password": "pw-never-kept", "confirmed": "1"})
            assert job.state in ("done", "failed") and job.lines, name
            assert "Traceback" not in " ".join(job.lines)
            assert "pw-never-kept" not in repr(job)
            if name in ("plan", "generate", "collect", "scorecard", "mail"):
                assert job.state == "done", (name, job.lines)
        assert smtp.inbox.delivered  # "send" sent the workbooks' drafts
    finally:
        smtp.stop()
    remind_send = run(client, f"/p/{PERIOD}/action/send-remind", {"confirmed": "1"})
    assert remind_send.state in ("done", "failed")
    assert run(client, f"/p/{PERIOD}/action/evidence").state == "done"
    imap = run(client, f"/p/{PERIOD}/action/imap", {"password": "x"})
    assert imap.state == "failed" and imap.lines  # no [imap] user: a message, not a traceback
    decided = run(client, f"/p/{PERIOD}/decide/accept", {"sha256": "a" * 64})
    assert decided.state in ("done", "failed") and decided.lines
    page = client.get(f"/p/{PERIOD}").text
    assert "Chỉ số CCHC" in page and "điểm" in page and "Chưa có báo cáo" not in page
    assert unit_state(client, "VP") in ("returned", "late")
    assert unit_state(client, "ISO") == "missing"
    # findings filter by unit and severity
    finding = re.compile(r'<tr class="severity-\w+" data-unit="(\w*)" data-severity="(\w+)"')
    everything = set(finding.findall(page))
    assert len({u for u, _ in everything}) > 1 and len({s for _, s in everything}) > 1
    unit, severity = sorted(everything)[0]
    filtered = set(finding.findall(client.get(f"/p/{PERIOD}?unit={unit}&severity={severity}").text))
    assert filtered == {(unit, severity)}
    # every output downloads by its id; the scorecard opens with openpyxl
    ids = dict(re.findall(r'/download/([0-9a-f]{20})" download data-name="([^"]+)"', page))
    assert any(n == "scorecard.xlsx" for n in ids.values()) and any(n.endswith(".eml") for n in ids.values())
    scorecard_id = next(i for i, n in ids.items() if n == "scorecard.xlsx")
    response = client.get(f"/p/{PERIOD}/download/{scorecard_id}")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert labels.SC_SHEETS["summary"] in book.sheetnames


def test_print_runs_libreoffice_from_the_page(client, workspace):
    from conftest import require
    from cchc_xlsx.xlsx.libreoffice import find_soffice

    require("LibreOffice", find_soffice() is not None)
    missing = run(client, f"/p/{PERIOD}/action/print")
    assert missing.state == "failed" and labels.PAGE["print-no-scorecard"] in missing.lines
    assert run(client, f"/p/{PERIOD}/action/scorecard").state == "done"
    job = run(client, f"/p/{PERIOD}/action/print")
    assert job.state == "done", job.lines
    assert (workspace.reports(PERIOD) / "scorecard.pdf").read_bytes().startswith(b"%PDF")


def test_serve_binds_loopback_only_and_a_busy_port_is_a_usage_error(workspace):
    from cchc_xlsx.serve import address, listen

    sock = listen(0)
    try:
        host, port = sock.getsockname()[:2]
        assert host == "127.0.0.1" and address(sock) == f"http://127.0.0.1:{port}/"
        result = CliRunner().invoke(cli, ["serve", "-w", str(workspace.root), "--port", str(port), "--no-browser"])
        assert result.exit_code == 2 and str(port) in result.output
    finally:
        sock.close()


def test_a_dropped_email_is_collected_with_its_attachment(client, workspace):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "bcvt@stttt.example.vn"
    message["To"] = "vanphong@stttt.example.vn"
    message["Subject"] = "Báo cáo CCHC quý I"
    message["Date"] = "Mon, 14 Mar 2022 09:00:00 +0700"
    message["Message-ID"] = "<q1-bcvt@stttt.example.vn>"
    message.set_content("Kính gửi Văn phòng")
    path = sample("Phòng Bưu chính – Viễn thông – Công nghệ thông tin")
    message.add_attachment(path.read_bytes(), maintype="application", subtype="octet-stream", filename=path.name)
    job = run(client, f"/p/{PERIOD}/upload", files={"files": ("bcvt.eml", message.as_bytes(), "message/rfc822")})
    assert job.state == "done", job.lines
    assert unit_state(client, "BCVT") != "missing"
    with Ledger(workspace.ledger_path) as ledger:
        row = ledger.query("SELECT sender, message_id FROM submissions WHERE file_name = ?", (path.name,))[0]
    assert row["sender"] == "bcvt@stttt.example.vn" and row["message_id"] == "<q1-bcvt@stttt.example.vn>"


def test_a_held_return_is_listed_and_the_buttons_call_the_collect_stage(client, workspace, monkeypatch):
    import cchc_xlsx.collect as collect
    from types import SimpleNamespace

    Ledger(workspace.ledger_path).close()  # a held return was recorded: the ledger exists

    sha = "b" * 64
    held = [{"id": 1, "sha256": sha, "file_name": "VP.xlsx", "unit": "VP", "sender": "la@example.com",
             "received_at": "2022-03-15 08:30:00", "claimed_at": None}]
    calls = []

    def accept_submission(workspace, period, file_or_hash, reject=False, by=""):
        calls.append((period, file_or_hash, reject))
        return SimpleNamespace(held=True, file_name="VP.xlsx", unit="VP", sha256=sha,
                               decision="rejected" if reject else "accepted", previous=None)

    monkeypatch.setattr(collect, "held_submissions", lambda workspace, period: held)
    monkeypatch.setattr("cchc_xlsx.serve.actions.accept_submission", accept_submission)
    page = client.get(f"/p/{PERIOD}").text
    assert labels.PAGE["held"] in page and "la@example.com" in page and "15/03/2022 08:30" in page
    assert f'/p/{PERIOD}/decide/accept' in page and f'/p/{PERIOD}/decide/reject' in page
    accepted = run(client, f"/p/{PERIOD}/decide/accept", {"sha256": sha})
    rejected = run(client, f"/p/{PERIOD}/decide/reject", {"sha256": sha})
    assert calls == [(PERIOD, sha, False), (PERIOD, sha, True)]
    assert accepted.state == "done" and "chấp nhận VP.xlsx" in accepted.lines[0]
    assert rejected.state == "done" and "không chấp nhận VP.xlsx" in rejected.lines[0]


def test_serve_prints_the_address_and_opens_the_browser_unless_told_not_to(workspace, monkeypatch):
    import time
    import uvicorn

    opened, served = [], []
    monkeypatch.setattr("cchc_xlsx.text.language._chosen", None)  # serve() makes its process speak Vietnamese
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url))
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: served.append(sockets[0].getsockname()))
    result = CliRunner().invoke(cli, ["serve", "-w", str(workspace.root), "--port", "0"])
    assert result.exit_code == 0, result.output
    host, port = served[0][:2]
    assert host == "127.0.0.1" and f"http://127.0.0.1:{port}/" in result.output
    deadline = time.monotonic() + 5
    while not opened and time.monotonic() < deadline:
        time.sleep(0.05)
    assert opened == [f"http://127.0.0.1:{port}/"]
    opened.clear()
    result = CliRunner().invoke(cli, ["serve", "-w", str(workspace.root), "--port", "0", "--no-browser"])
    assert result.exit_code == 0 and len(served) == 2
    time.sleep(1)
    assert opened == []


def test_a_second_page_on_the_same_workspace_waits_for_the_first(tmp_path):
    import subprocess
    import sys

    from cchc_xlsx.serve.jobs import Busy, FolderLock, Runner

    release = threading.Event()
    first, second = Runner(tmp_path), Runner(tmp_path)  # two servers on one folder
    job = first.start("generate", PERIOD, "Tạo biểu mẫu", lambda job: release.wait(10))
    with pytest.raises(Busy) as busy:
        second.start("scorecard", PERIOD, "Lập bảng tổng hợp", lambda job: None)
    assert busy.value.job.title == labels.PAGE["other-page"]
    release.set()
    first.wait(job, 10)
    assert second.wait(second.start("scorecard", PERIOD, "Lập bảng tổng hợp", lambda job: None), 10).state == "done"
    # a server killed mid-action leaves no lock behind: the operating system drops it
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from cchc_xlsx.serve.jobs import FolderLock; "
        f"lock = FolderLock(Path({str(tmp_path)!r})); assert lock.acquire(); print('held', flush=True); "
        "time.sleep(60)")],
        stdout=subprocess.PIPE)
    assert holder.stdout.readline().strip() == b"held"
    assert not FolderLock(tmp_path).acquire()
    holder.kill()
    holder.wait(10)
    lock = FolderLock(tmp_path)
    assert lock.acquire()
    lock.release()


def _email(sender: str, path: Path) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "vanphong@stttt.example.vn", "Báo cáo CCHC"
    message["Date"], message["Message-ID"] = "Mon, 14 Mar 2022 09:00:00 +0700", "<q1-return@example.com>"
    message.set_content("Kính gửi Văn phòng")
    message.add_attachment(path.read_bytes(), maintype="application", subtype="octet-stream", filename=path.name)
    return message.as_bytes()


def test_a_return_from_a_stranger_is_held_until_the_office_accepts_it_on_the_page(client, workspace):
    path = sample("Văn phòng")
    job = run(client, f"/p/{PERIOD}/upload", files={"files": ("vp.eml", _email("la@example.com", path), "x")})
    assert job.state == "done", job.lines
    assert unit_state(client, "VP") == "held"
    page = client.get(f"/p/{PERIOD}").text
    assert "Chờ Văn phòng xác nhận" in page and "la@example.com" in page
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', page).group(1)
    accepted = run(client, f"/p/{PERIOD}/decide/accept", {"sha256": sha})
    assert accepted.state == "done", accepted.lines
    assert unit_state(client, "VP") in ("returned", "late")
    assert 'id="held"' not in client.get(f"/p/{PERIOD}").text  # nothing waits any more



try:  # the district plan of tests/test_agency.py (index_scope = unit): its workspace fixture, reused
    from test_agency import PERIOD as DISTRICT_PERIOD, _index_sheet, district  # noqa: F401
except ImportError:  # pragma: no cover
    district = None


@pytest.mark.skipif(district is None, reason="the district plan comes with the agency work")
def test_with_an_index_per_unit_the_page_shows_each_units_as_the_scorecard(district):
    sheet = _index_sheet(district)
    app = create_app(Workspace.open(district), csrf_token=TOKEN)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        page = client.get(f"/p/{DISTRICT_PERIOD}").text
    shown = dict(re.findall(r'<tr data-unit="([^"]+)" data-state="\w+" class="[^"]*">.*?<td class="unit-index">'
                            r'([0-9,]*)%?</td>', page, re.S))
    indexed = {code: text for code, text in shown.items() if text}
    assert len(indexed) >= 5
    for code, text in indexed.items():
        assert float(text.replace(",", ".")) == pytest.approx(sheet[code]["index"], abs=0.006), code
