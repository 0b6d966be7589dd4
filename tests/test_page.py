"""The Office's page as the clerk's whole workplace (issue 25): each numbered case a test.

HTTP through Starlette's test client (and, where concurrency is the point, the app under a
real uvicorn on 127.0.0.1); the browser side is tests/test_page_browser.py.
"""

from __future__ import annotations

import io
import re
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient

from cchc_xlsx import text as labels
from cchc_xlsx.findings import catalogue
from cchc_xlsx.serve import steps
from cchc_xlsx.serve.app import clerk_words, create_app
from cchc_xlsx.serve.uploads import MAX_NAME, upload_limit, upload_name
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.store.workspace import Workspace
from page_fixtures import PERIOD, TOKEN, client, generated, workspace  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
COMMAND = re.compile(r"\bcchc (accept|status|plan|generate|scorecard|mail|collect|init)\b|--period|\w+Error: |\[Errno")



def sample(unit_name: str, period: str = PERIOD) -> Path:
    return next(p for p in (SAMPLES / period).iterdir() if p.name.endswith(f"{unit_name}.xlsx"))


def post(client, url: str, data: dict | None = None, files=None, headers=None):
    return client.post(url, data={"csrf_token": TOKEN, **(data or {})}, files=files or {"_": ("", b"")},
                       headers=headers, follow_redirects=False)


def run(client, url: str, data: dict | None = None, files=None):
    """POST an action, wait for its job, return the job."""
    response = post(client, url, data, files)
    assert response.status_code == 303, response.text
    runner = client.app_state.runner
    return runner.wait(runner.current, timeout=120)


def upload(client, *paths_or_pairs):
    files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) if isinstance(p, Path)
             else ("files", (p[0], p[1], "application/octet-stream")) for p in paths_or_pairs]
    return run(client, f"/p/{PERIOD}/upload", files=files)


def table_errors(client, unit: str) -> int:
    page = client.get(f"/p/{PERIOD}").text
    row = re.search(rf'<tr data-unit="{unit}" data-state="\w+".*?<td class="errors">(\d+)</td>', page, re.DOTALL)
    return int(row.group(1))


def step_html(page: str, step: str) -> str:
    return re.search(rf'id="step-{step}">(.*?)(?=<li class="step"|</ol>)', page, re.DOTALL).group(1)


# --- 1. clickjacking ----------------------------------------------------------------------

def test_1_no_response_can_be_framed(client, workspace):
    responses = [client.get(f"/p/{PERIOD}"), client.get("/static/style.css"), client.get("/settings"),
                 client.get(f"/p/{PERIOD}/confirm/send"), client.get("/p/nowhere"),
                 post(client, f"/p/{PERIOD}/action/plan"),
                 client.get(f"/p/{PERIOD}", headers={"Host": "evil.example"}),
                 client.post(f"/p/{PERIOD}/upload", content=b"x" * 10, headers={
                     "content-length": str(upload_limit(workspace).body_bytes + 1)})]
    for response in responses:
        assert response.headers["x-frame-options"] == "DENY", response.url
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"], response.url


# --- 2. a refused upload never kills the page ----------------------------------------------

def test_2_one_limit_stated_once_and_a_refusal_is_a_fragment_for_the_message_area(workspace):
    workspace.settings.setdefault("limits", {})["max_file_bytes"] = 300 * 1024
    limit = upload_limit(workspace)
    app = create_app(workspace, csrf_token=TOKEN)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        client.app_state = app.state
        page = client.get(f"/p/{PERIOD}").text
        help_text = re.search(r'id="upload-help">([^<]+)<', page).group(1)
        assert limit.text == "300 KB" and limit.text in help_text
        assert f'data-limit="{limit.bytes}"' in page and f'data-too-large="{limit.refusal}"' in page
        too_big = ("big.xlsx", b"x" * (limit.bytes + 100 * 1024), "application/octet-stream")
        refused = client.post(f"/p/{PERIOD}/upload", data={"csrf_token": TOKEN}, files={"files": too_big},
                              headers={"HX-Request": "true"})
        assert refused.status_code == 413
        assert refused.headers["HX-Retarget"] == "#notice" and refused.headers["HX-Reswap"] == "innerHTML"
        assert "<html" not in refused.text and 'id="job"' not in refused.text  # a fragment, never the panel
        assert limit.refusal in refused.text and re.findall(r"\d+ [KM]B", refused.text) == [limit.text]
        other = post(client, f"/p/{PERIOD}/upload", files={"files": ("notes.pdf", b"%PDF", "x")},
                     headers={"HX-Request": "true"})
        assert other.status_code == 400 and other.headers["HX-Retarget"] == "#notice"
        # the next, small file is taken as if nothing had happened
        path = sample("Thanh tra Sở")
        job = upload(client, path)
        assert job.state == "done", job.lines
    assert not (workspace.inbox / "big.xlsx").exists()


def test_2_uploads_are_streamed_to_disk_and_the_same_bytes_are_one_file(client, workspace):
    path = sample("Văn phòng")
    upload(client, path)
    upload(client, path)
    upload(client, (path.name, path.read_bytes() + b"\0"))  # other bytes, same name: kept beside it
    names = sorted(p.name for p in workspace.inbox.iterdir())
    stem = path.stem
    assert names == sorted([path.name, f"{stem} (2).xlsx"])
    assert not list(workspace.inbox.glob(".upload-*"))


# --- 3. a hard stop leaves nothing locked ---------------------------------------------------

def test_3_a_lock_left_by_a_dead_server_says_the_action_was_interrupted(workspace):
    import subprocess
    import sys

    holder = subprocess.Popen([sys.executable, "-c", (
        "import time; from pathlib import Path; from cchc_xlsx.serve.jobs import FolderLock; "
        f"lock = FolderLock(Path({str(workspace.root)!r})); "
        "assert lock.acquire({'action': 'collect', 'period': 'q1', 'title': 'Thu nhận từ thư mục inbox', "
        "'started': '09:30:00'}); print('held', flush=True); time.sleep(60)")], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"held"
    finally:
        holder.kill()
        holder.wait(10)
    from cchc_xlsx.serve import jobs

    jobs._runners.clear()  # a new server process
    app = create_app(workspace, csrf_token=TOKEN)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        client.app_state = app.state
        page = client.get(f"/p/{PERIOD}").text
        said = labels.PAGE["interrupted"].format(title="Thu nhận từ thư mục inbox", period="q1", started="09:30:00")
        assert said.replace("“", "&#8220;") in page or said in page.replace("&#34;", '"')
        # a page left open polls the action the stopped server ran: it is told to load itself again
        polled = client.get("/job/0123456789abcdef?poll=1", headers={"HX-Request": "true"})
        assert polled.status_code == 200 and polled.headers["HX-Refresh"] == "true"
        assert run(client, f"/p/{PERIOD}/action/plan").state == "done"
        assert 'id="interrupted"' not in client.get(f"/p/{PERIOD}").text  # the clerk has moved on
    jobs._runners.clear()
    assert jobs.FolderLock(workspace.root).leftover() is None


def test_3_pool_workers_end_with_their_parent(tmp_path):
    import subprocess
    import sys

    # written as a module so the workers can import its function
    (tmp_path / "pooled.py").write_text(
        "import os, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from cchc_xlsx.store.lifetime import die_with_parent, no_inheritance\n"
        "def pid(_):\n    time.sleep(0.2)\n    return os.getpid()\n"
        "if __name__ == '__main__':\n"
        "    no_inheritance()\n"
        "    pool = ProcessPoolExecutor(2, initializer=die_with_parent)\n"
        "    print(' '.join(str(p) for p in set(pool.map(pid, range(8)))), flush=True)\n"
        "    pool.submit(time.sleep, 60)\n"
        "    time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, str(tmp_path / "pooled.py")], stdout=subprocess.PIPE, cwd=tmp_path)
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert workers and all(_alive(pid) for pid in workers)
    parent.kill()  # SIGKILL: no cleanup of its own runs
    parent.wait(10)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead: its parent (gone) never reaped it
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return True


# --- 4. fast at size, and one slow page stops nothing --------------------------------------

def test_4_the_latest_submissions_are_ranked_in_one_pass(client, workspace):
    upload(client, sample("Văn phòng"))
    with Ledger(workspace.ledger_path) as ledger:
        plan = " ".join(str(row[-1]) for row in ledger.query("EXPLAIN QUERY PLAN SELECT * FROM latest_submissions "
                                                                "WHERE period = ?", (PERIOD,)))
        assert not re.search(r"CORRELATED SCALAR SUBQUERY \d+ SEARCH t\b", plan), plan  # none per submission
        assert list(ledger.latest(PERIOD)) == ["VP"] and list(ledger.latest_any(PERIOD)) == ["VP"]


def test_4_a_slow_page_does_not_hold_up_a_static_file(workspace, monkeypatch):
    import httpx
    import uvicorn

    from cchc_xlsx.serve import address, listen
    from cchc_xlsx.serve import app as app_module

    rendering, release = threading.Event(), threading.Event()
    real_view = app_module.period_view

    def slow_view(*args, **kwargs):
        rendering.set()
        release.wait(30)
        return real_view(*args, **kwargs)

    monkeypatch.setattr(app_module, "period_view", slow_view)
    sock = listen(0)
    server = uvicorn.Server(uvicorn.Config(create_app(workspace, csrf_token=TOKEN), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.02)
        url = address(sock)
        page = threading.Thread(target=lambda: httpx.get(url + f"p/{PERIOD}", timeout=60))
        page.start()
        assert rendering.wait(30)
        static = httpx.get(url + "static/style.css", timeout=30)
        assert static.status_code == 200 and not release.is_set()  # served while the page still renders
        release.set()
        page.join(30)
    finally:
        release.set()
        server.should_exit = True
        thread.join(10)


# --- 5. no terminal needed -------------------------------------------------------------------

def _appraised(scorecard: bytes) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(scorecard))
    sheet = book[labels.SC_SHEETS["criteria"]]
    header = next({v: i + 1 for i, v in enumerate(c.value for c in row) if v}
                  for row in sheet.iter_rows(min_row=1, max_row=10)
                  if labels.SC_CRITERIA_HEADERS["code"] in [c.value for c in row])
    column, unit = header[labels.SC_CRITERIA_HEADERS["appraised"]], header[labels.SC_CRITERIA_HEADERS["unit"]]
    rows = [r for r in range(5, sheet.max_row + 1) if sheet.cell(r, unit).value][:2]
    for r in rows:
        sheet.cell(r, column).value = 0.25
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_5_the_appraisal_is_imported_from_the_page(client, workspace):
    upload(client, sample("Văn phòng"), sample("Thanh tra Sở"))
    assert run(client, f"/p/{PERIOD}/action/scorecard").state == "done"
    scorecard = (workspace.reports(PERIOD) / "scorecard.xlsx").read_bytes()
    job = run(client, f"/p/{PERIOD}/action/appraisal",
              files={"file": ("scorecard thẩm định.xlsx", _appraised(scorecard), "application/octet-stream")})
    assert job.state == "done", job.lines
    assert labels.PAGE["appraisal-recorded"].format(count=2, file="scorecard thẩm định.xlsx") in job.lines
    with Ledger(workspace.ledger_path) as ledger:
        assert ledger.query("SELECT COUNT(*) AS n FROM appraisals WHERE period = ?", (PERIOD,))[0]["n"] == 2
    page = client.get(f"/p/{PERIOD}").text
    assert labels.PAGE["done-appraisal"].format(count=2) in page
    refused = post(client, f"/p/{PERIOD}/action/appraisal", files={"file": ("x.xlsx", b"not a workbook", "x")})
    job = client.app_state.runner.wait(client.app_state.runner.current, 60)
    assert refused.status_code == 303 and job.state == "failed" and not COMMAND.search(" ".join(job.lines))


def test_5_mail_settings_are_saved_from_the_page_and_no_password_is_kept(client, workspace):
    page = client.get("/settings").text
    assert 'type="password"' not in page and 'name="smtp-host"' in page
    fields = {"smtp-host": "mail.stttt.soctrang.gov.vn", "smtp-port": "465", "smtp-user": "vanphong",
              "smtp-tls": "ssl", "smtp-sender": "vanphong@stttt.soctrang.gov.vn", "imap-host": "imap.example.vn",
              "imap-port": "993", "imap-user": "vanphong", "imap-tls": "ssl", "imap-folder": "INBOX",
              "password": "never-kept"}
    saved = post(client, "/settings", fields)
    assert saved.status_code == 200 and labels.PAGE["saved-settings"] in saved.text
    text = (workspace.root / "cchc.toml").read_text(encoding="utf-8")
    again = Workspace.open(workspace.root).settings
    assert again["smtp"] == {"host": "mail.stttt.soctrang.gov.vn", "port": 465, "user": "vanphong", "tls": "ssl",
                             "sender": "vanphong@stttt.soctrang.gov.vn"}
    assert again["imap"]["host"] == "imap.example.vn" and "never-kept" not in text and "[limits]" in text
    bad = post(client, "/settings", {**fields, "smtp-port": "99999", "smtp-host": "a b"})
    assert bad.status_code == 400 and "Cổng" in bad.text and Workspace.open(workspace.root).settings == again


def test_5_every_message_in_the_clerks_words(client, workspace):
    from mailservers import free_port

    workspace.settings["smtp"] = {"host": "127.0.0.1", "port": free_port(), "user": "", "tls": "none",
                                  "sender": "vanphong@stttt.example"}
    assert run(client, f"/p/{PERIOD}/action/mail").state == "done"
    refused = run(client, f"/p/{PERIOD}/action/send", {"confirmed": "1"})  # nobody listens on that port
    lines = " ".join(refused.lines)
    assert refused.state == "failed" and "ConnectionRefusedError" in lines  # what the stage said ...
    shown = client.get(f"/job/{refused.id}").text
    assert "ConnectionRefusedError" not in shown and "Errno" not in shown and "Cài đặt thư" in shown  # ... the page says
    # a held return's finding names a button, not a command
    for line in (catalogue.message("sender-held", file="VP.xlsx", sender="la@x.vn", unit="VP", period="q1",
                                   sha="ab12"),
                 labels.PAGE["plan-has-errors"], labels.MAIL_PROBLEMS_VI["server"].format(reason="x"),
                 labels.CONSOLE_LINES["vi"]["print-missing-scorecard"].format(period="q1")):
        assert not COMMAND.search(clerk_words(line)), clerk_words(line)
    page = client.get(f"/p/{PERIOD}").text
    assert not COMMAND.search(page)


def test_5_a_junk_file_in_the_inbox_is_set_aside_never_deleted(client, workspace):
    junk = workspace.inbox / "Thư mời họp.xlsx"
    junk.write_bytes(b"not a return")
    page = client.get(f"/p/{PERIOD}").text
    file_id = re.search(r'name="file" value="([0-9a-f]{20})"', page).group(1)
    moved = post(client, f"/p/{PERIOD}/set-aside", {"file": file_id}, headers={"HX-Request": "true"})
    assert moved.status_code == 200 and "Thư mời họp.xlsx" in moved.text
    assert not junk.exists() and (workspace.set_aside / "Thư mời họp.xlsx").read_bytes() == b"not a return"
    junk.write_bytes(b"another")  # the same name again: kept beside the first, never over it
    post(client, f"/p/{PERIOD}/set-aside", {"file": file_id})
    assert sorted(p.name for p in workspace.set_aside.iterdir()) == ["Thư mời họp (2).xlsx", "Thư mời họp.xlsx"]
    gone = post(client, f"/p/{PERIOD}/set-aside", {"file": file_id}, headers={"HX-Request": "true"})
    assert gone.status_code == 404 and gone.headers["HX-Retarget"] == "#notice"
    assert post(client, f"/p/{PERIOD}/set-aside", {"file": "../cchc.toml"}).status_code == 404


# --- 6. a way through ------------------------------------------------------------------------

def test_6_the_steps_table_orders_the_period_and_says_what_comes_next(client, workspace):
    assert [s for s in steps.STEPS] == ["prepare", "collect", "correct", "score", "appraise", "send-up"]
    order = [row.step for row in steps.ROWS]
    assert order == sorted(order, key=steps.STEPS.index)  # rows in the period's order
    page = client.get(f"/p/{PERIOD}").text
    assert re.search(r'id="next-step">.*?#action-mail', page, re.DOTALL)  # generated by the fixture: mail next
    assert labels.PAGE["done-generate"].format(count=6, total=6) in page
    assert run(client, f"/p/{PERIOD}/action/mail").state == "done"
    upload(client, sample("Văn phòng"))
    page = client.get(f"/p/{PERIOD}").text
    assert re.search(r'id="next-step">.*?#action-feedback', page, re.DOTALL)
    assert labels.PAGE["done-collect"].format(returned=1, total=6) in page
    # each step's files are linked by id, under their step
    collect_step = step_html(page, "collect")
    assert re.search(r'/download/[0-9a-f]{20}" download data-name="validation.xlsx"', collect_step)


def test_6_nothing_is_sent_without_a_confirmation_naming_the_recipients(client, workspace):
    from mailservers import start_smtp

    smtp = start_smtp()
    try:
        workspace.settings["smtp"] = {"host": "127.0.0.1", "port": smtp.port, "user": "", "tls": "none",
                                      "sender": "vanphong@stttt.example"}
        page = client.get(f"/p/{PERIOD}").text
        assert 'href="/p/q1/confirm/send"' in page and 'action="/p/q1/action/send"' not in page
        assert page.count('type="password"') == 1  # the mailbox's, in its own form
        assert re.search(r'id="action-imap".*?type="password".*?</form>', page, re.DOTALL)
        assert run(client, f"/p/{PERIOD}/action/mail").state == "done"
        unconfirmed = run(client, f"/p/{PERIOD}/action/send")
        assert unconfirmed.state == "failed" and labels.PAGE["confirm-needed"] in unconfirmed.lines
        assert not smtp.inbox.delivered
        confirm = client.get(f"/p/{PERIOD}/confirm/send").text
        recipients = re.findall(r"<tr><td>(\w+)</td><td>([^<]+@[^<]+)</td>", confirm)
        assert len(recipients) == 6 and 'name="confirmed" value="1"' in confirm
        assert labels.PAGE["confirm-send"].format(count=6) in confirm
        sent = run(client, f"/p/{PERIOD}/action/send", {"confirmed": "1"})
        assert sent.state == "done", sent.lines
        assert sorted(r for d in smtp.inbox.delivered for r in d.rcpt_tos) == sorted(a for _, a in recipients)
    finally:
        smtp.stop()


# --- 7. results that agree with the table ------------------------------------------------------

def test_7_a_recollect_says_the_tables_counts(client, workspace):
    path = sample("Văn phòng")
    first = upload(client, path)
    errors = table_errors(client, "VP")
    again = run(client, f"/p/{PERIOD}/action/collect")  # the same file, from the inbox, again
    line = next(line for line in again.lines if path.name in line)
    assert f"({errors} lỗi," in line, (line, errors)
    assert any(f"({errors} lỗi," in line for line in first.lines if path.name in line)


def test_7_an_h1_file_dropped_on_the_q1_page_is_said_to_be_recorded_under_h1(client, workspace):
    path = sample("Thanh tra Sở", "h1")
    job = upload(client, path)
    assert job.state == "done", job.lines
    line = next(line for line in job.lines if path.name in line and "inbox" not in line)
    assert "kỳ h1" in line and "không dùng được" not in line
    with Ledger(workspace.ledger_path) as ledger:
        assert "TTRA" in ledger.latest_any("h1")


def test_7_a_long_name_is_cut_in_its_stem_and_a_lock_file_is_refused(client, workspace):
    path = sample("Văn phòng")
    long_name = "Báo cáo " + "rất dài " * 14 + "Văn phòng.xlsx"
    assert len(long_name) >= 126
    name = upload_name(long_name)
    assert len(name) == MAX_NAME and name.endswith(".xlsx")
    job = upload(client, (long_name, path.read_bytes()))
    assert job.state == "done" and (workspace.inbox / name).exists()
    lock = post(client, f"/p/{PERIOD}/upload", files={"files": ("~$CCHC Văn phòng.xlsx", b"\0" * 165, "x")})
    assert lock.status_code == 400 and labels.PAGE["lock-file"].format(file="~$CCHC Văn phòng.xlsx") in lock.text
    assert not list(workspace.inbox.glob("*$*")) and not list(workspace.inbox.glob("_CCHC*"))


# --- the stages of this round's other work: a button each, calling the same stage as the command ---

@pytest.mark.parametrize("name", ["explain", "dossier", "report"])
def test_the_new_stages_have_their_buttons(client, workspace, name):
    row = steps.ACTIONS[name]
    page = client.get(f"/p/{PERIOD}").text
    button = re.search(rf'id="action-{name}".*?</(form|span)>', page, re.DOTALL).group(0)
    assert row.title in button
    upload(client, *sorted((SAMPLES / PERIOD).iterdir()))
    assert run(client, f"/p/{PERIOD}/action/scorecard").state == "done"
    job = run(client, f"/p/{PERIOD}/action/{name}")
    assert job.state in ("done", "failed") and job.lines and not COMMAND.search(" ".join(job.lines))
    if job.state == "done" and job.outputs:
        page = client.get(f"/p/{PERIOD}?after={name}").text
        step = step_html(page, row.step)
        assert any(f'data-name="{Path(path).name}"' in step for path in job.outputs if row.owns(
            Path(path).resolve().relative_to(workspace.root.resolve()).as_posix(), PERIOD))


def test_6_a_stage_skipped_earlier_does_not_hold_the_period_back(client):
    upload(client, sample("Văn phòng"))  # returns came though no mail was written from here
    page = client.get(f"/p/{PERIOD}").text
    assert re.search(r'id="next-step">.*?#action-feedback', page, re.DOTALL)
    assert run(client, f"/p/{PERIOD}/action/scorecard").state == "done"
    page = client.get(f"/p/{PERIOD}?after=scorecard").text
    assert re.search(r'id="next-step">.*?#action-appraisal', page, re.DOTALL)
    assert 'class="suggested"' in re.search(r'id="action-appraisal".*?</form>', page, re.DOTALL).group(0)


def test_6_the_score_step_shows_the_points_at_risk(client):
    risk = pytest.importorskip("cchc_xlsx.scorecard.risk", reason="points at risk come with the appraisal work")
    from cchc_xlsx.scorecard.data import gather

    upload(client, *sorted((SAMPLES / PERIOD).iterdir()))
    workspace = client.app_state.workspace
    with Ledger(workspace.ledger_path) as ledger:
        found = risk.points_at_risk(gather(workspace.load_plan().plan, ledger, PERIOD, with_trend=False))
    page = client.get(f"/p/{PERIOD}").text
    if not found:
        assert 'id="risks"' not in page
        return
    score = step_html(page, "score")
    assert 'id="risks"' in score and f" ở {len(found)} tiêu chí" in score
    assert f">{found[0].code}</td><td>{found[0].unit}</td>" in score
