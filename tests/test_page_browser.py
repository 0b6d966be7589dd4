"""The Office's page in Debian's chromium (Playwright), as the clerk and as an attacker (issue 25).

A clerk's year through the page alone, at 1366×768, once with the mouse and once with the
keyboard only, keeping a screenshot of each step under the test's tmp_path (``shots/NN-step.png``;
set CCHC_PAGE_SHOTS=DIR to keep a copy there). The page cannot make a workspace (it serves one),
so the year starts from ``cchc init``: an empty workspace, nothing generated, nothing received.
"""

from __future__ import annotations

import base64
import http.server
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from test_serve_browser import ARGS, CHROMIUM, browser  # noqa: F401  (a fixture)

from cchc_xlsx import text as labels
from cchc_xlsx.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "q1"
VIEW = {"width": 1366, "height": 768}


@pytest.fixture
def empty_workspace(tmp_path) -> Path:
    root = tmp_path / "ws"
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    return root


class Server:
    """``cchc serve`` as the clerk starts it, in its own process group (to see its workers)."""

    def __init__(self, root: Path, port: int = 0):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "cchc_xlsx", "serve", "-w", str(root), "--port",
                                         str(port), "--no-browser"], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, env=env, start_new_session=True)
        line = self.process.stdout.readline().decode("utf-8", "replace")
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line
        self.url, self.port = found.group(0), int(found.group(1))
        threading.Thread(target=self.process.stdout.read, daemon=True).start()  # never a full pipe

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)


@pytest.fixture
def served(empty_workspace):
    server = Server(empty_workspace)
    yield server
    server.stop()


class Clerk:
    """Acts on the page with the mouse, or with the keyboard only; a screenshot after each step."""

    def __init__(self, page, keyboard: bool, shots: Path):
        self.page, self.keyboard, self.shots, self.count = page, keyboard, shots, 0
        shots.mkdir(parents=True, exist_ok=True)

    def shot(self, name: str) -> None:
        self.count += 1
        path = self.shots / f"{self.count:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        assert path.stat().st_size > 10_000
        if os.environ.get("CCHC_PAGE_SHOTS"):
            target = Path(os.environ["CCHC_PAGE_SHOTS"]) / ("keyboard" if self.keyboard else "mouse")
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target / path.name)

    def focused(self) -> str:
        return self.page.evaluate("() => { const e = document.activeElement; return e ? "
                                  "(e.closest('[id]') || e).id + ' ' + e.tagName : ''; }")

    def tab_to(self, selector: str, limit: int = 120) -> None:
        """Tab (forward) until ``selector`` has the focus; fail if it is never reached."""
        target = self.page.locator(selector).first
        for _ in range(limit):
            if target.evaluate("e => e === document.activeElement"):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"{selector} is not reachable with Tab (focus: {self.focused()})")

    def press(self, action: str) -> None:
        """Run a stage's button and wait for the page to come back after it."""
        button = f"#action-{action} button[type=submit]"
        if self.keyboard:
            already = self.page.locator(button).evaluate("e => e === document.activeElement")
            if not already:
                self.tab_to(button)
            self.page.keyboard.press("Enter")
        else:
            self.page.click(button)
        self.wait_back(action)

    def wait_back(self, action: str, timeout: int = 120_000) -> None:
        self.page.wait_for_url(re.compile(rf"after={action}&"), timeout=timeout)
        self.page.wait_for_selector("#layout", timeout=timeout)
        state = self.page.get_attribute("#job", "data-state")
        assert state == "done", (action, self.page.inner_text("#job"))

    def choose_files(self, input_selector: str, files: list[Path]) -> None:
        if self.keyboard:
            from playwright.sync_api import TimeoutError as PlaywrightTimeout

            self.tab_to(input_selector)
            for key in ("Space", "Enter", "Space"):  # either opens the picker; a busy machine may drop one
                try:
                    with self.page.expect_file_chooser(timeout=10_000) as chooser:
                        self.page.keyboard.press(key)
                    break
                except PlaywrightTimeout:
                    assert self.page.locator(input_selector).evaluate("e => e === document.activeElement")
            else:
                raise AssertionError(f"no file picker opened from {input_selector} with the keyboard")
            chooser.value.set_files([str(f) for f in files])
        else:
            self.page.set_input_files(input_selector, [str(f) for f in files])


def _appraised(scorecard: Path, target: Path) -> Path:
    book = openpyxl.load_workbook(scorecard)
    sheet = book[labels.SC_SHEETS["criteria"]]
    header = next({v: i + 1 for i, v in enumerate(c.value for c in row) if v}
                  for row in sheet.iter_rows(min_row=1, max_row=10)
                  if labels.SC_CRITERIA_HEADERS["code"] in [c.value for c in row])
    column, unit = header[labels.SC_CRITERIA_HEADERS["appraised"]], header[labels.SC_CRITERIA_HEADERS["unit"]]
    for r in [r for r in range(5, sheet.max_row + 1) if sheet.cell(r, unit).value][:3]:
        sheet.cell(r, column).value = 0.25
    book.save(target)
    return target


@pytest.mark.parametrize("keyboard", [False, True], ids=["mouse", "keyboard"])
def test_a_clerks_year_through_the_page_alone(served, browser, empty_workspace, tmp_path, keyboard):
    from mailservers import start_smtp

    from cchc_xlsx.xlsx.libreoffice import find_soffice

    smtp = start_smtp()
    settings = empty_workspace / "cchc.toml"
    page = browser.new_page(viewport=VIEW, accept_downloads=True)
    clerk = Clerk(page, keyboard, tmp_path / "shots")
    try:
        page.goto(served.url)
        assert page.url.endswith("/p/q1")
        clerk.shot("start")
        # mail settings, from the page (never a password)
        if keyboard:
            clerk.tab_to("a.settings-link")
            page.keyboard.press("Enter")
        else:
            page.click("a.settings-link")
        page.wait_for_selector("#settings-form")
        for field, value in (("#smtp-host", "127.0.0.1"), ("#smtp-port", str(smtp.port)), ("#smtp-user", ""),
                             ("#smtp-sender", "vanphong@stttt.soctrang.gov.vn")):
            if keyboard:
                clerk.tab_to(field)
                page.keyboard.press("Control+A")
                page.keyboard.type(value) if value else page.keyboard.press("Delete")
            else:
                page.fill(field, value)
        page.select_option("#smtp-tls", "none") if not keyboard else _select_by_keyboard(clerk, "#smtp-tls", "none")
        clerk.shot("settings")
        if keyboard:
            clerk.tab_to("#settings-save")
            page.keyboard.press("Enter")
        else:
            page.click("#settings-save")
        page.wait_for_selector(".notice .ok")
        assert 'port = ' + str(smtp.port) in settings.read_text(encoding="utf-8")
        page.goto(served.url)

        # 1. prepare: the plan, the workbooks, the mail drafts, then send them after a confirmation
        clerk.press("plan")
        assert re.search(r"after=plan", page.url)
        clerk.shot("plan-checked")
        assert "#action-generate" in clerk.focused() or "action-generate" in clerk.focused(), clerk.focused()
        clerk.press("generate")  # focus was put on it: Enter is enough
        clerk.shot("generated")
        assert "action-mail" in clerk.focused(), clerk.focused()
        clerk.press("mail")
        clerk.shot("mail-drafts")
        if keyboard:
            clerk.tab_to("a#action-send")
            page.keyboard.press("Enter")
        else:
            page.click("a#action-send")
        page.wait_for_selector("#recipients")
        assert page.locator("#recipients tbody tr").count() == 6 and not smtp.inbox.delivered
        clerk.shot("confirm-send")
        if keyboard:
            clerk.tab_to("#confirm-send")
            page.keyboard.press("Enter")
        else:
            page.click("#confirm-send")
        clerk.wait_back("send")
        assert len(smtp.inbox.delivered) == 6
        clerk.shot("sent")

        # 2. collect: the sample returns, dropped (mouse) or chosen (keyboard)
        returns = sorted(SAMPLES.iterdir())
        if keyboard:
            clerk.choose_files("#files", returns)
            assert page.evaluate("getComputedStyle(document.querySelector('label[for=files]')).outlineStyle") != "none"
            clerk.tab_to("#upload button[type=submit]")
            page.keyboard.press("Enter")
        else:
            _drop_files(page, "#upload", returns)
        clerk.wait_back("upload")
        states = {row.get_attribute("data-unit"): row.get_attribute("data-state")
                  for row in page.locator("#units tbody tr").all()}
        assert [u for u, s in states.items() if s == "missing"] == ["ISO"], states
        clerk.shot("collected")

        # 3. correct, 4. score
        assert "action-feedback" in clerk.focused(), clerk.focused()
        clerk.press("feedback")
        clerk.shot("feedback")
        clerk.press("scorecard")
        assert "%" in page.inner_text("#index")
        clerk.shot("scorecard")

        # 5. appraise: the scorecard the council filled in, imported from the page
        appraised = _appraised(empty_workspace / "reports" / "q1" / "scorecard.xlsx", tmp_path / "thẩm định.xlsx")
        clerk.choose_files("#file-appraisal", [appraised])
        if keyboard:
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            clerk.wait_back("appraisal")
        else:
            clerk.press("appraisal")
        assert labels.PAGE["done-appraisal"].format(count=3) in page.inner_text("#step-appraise")
        clerk.shot("appraised")

        # 5-6. explain, the dossier, the report, and print
        for name in ("explain", "dossier", "report"):
            clerk.press(name)
            clerk.shot(name)
        if find_soffice() is not None or os.environ.get("CCHC_REQUIRE_REAL") == "1":
            clerk.press("print")
            assert (empty_workspace / "reports" / "q1" / "scorecard.pdf").read_bytes().startswith(b"%PDF")
            link = page.locator('#step-send-up a[data-name="scorecard.pdf"]')
            assert link.count() == 1
        clerk.shot("sent-up")
        assert not re.search(r"\bcchc (accept|status|plan|generate|scorecard|mail)\b|Error: |\[Errno",
                             page.inner_text("body"))
    finally:
        smtp.stop()


def _drop_files(page, selector: str, paths: list[Path]) -> None:
    """Drop several files at once on an element, as a clerk drags a selection from the Explorer."""
    files = [[p.name, base64.b64encode(p.read_bytes()).decode("ascii")] for p in paths]
    page.evaluate("""([selector, files]) => {
        const transfer = new DataTransfer();
        for (const [name, data] of files) {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            transfer.items.add(new File([bytes], name));
        }
        const target = document.querySelector(selector);
        for (const type of ["dragenter", "dragover", "drop"]) {
            target.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: transfer}));
        }
    }""", [selector, files])


def _select_by_keyboard(clerk: Clerk, selector: str, value: str) -> None:
    clerk.tab_to(selector)
    options = clerk.page.eval_on_selector(selector, "s => Array.from(s.options).map(o => o.value)")
    current = clerk.page.eval_on_selector(selector, "s => s.value")
    step = options.index(value) - options.index(current)
    for _ in range(abs(step)):
        clerk.page.keyboard.press("ArrowDown" if step > 0 else "ArrowUp")
    assert clerk.page.eval_on_selector(selector, "s => s.value") == value


# --- case 1: another local page cannot frame ours ------------------------------------------

def test_1_a_framing_page_gets_nothing(served, browser, tmp_path):
    (tmp_path / "lure.html").write_text(f'<html><body><p>Nhận quà</p><iframe src="{served.url}p/q1" width="900" '
                                        f'height="600" style="opacity:0.01"></iframe></body></html>', encoding="utf-8")
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path), **k)
    lure = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=lure.serve_forever, daemon=True).start()
    from playwright.sync_api import Error as PlaywrightError

    try:
        page = browser.new_page(viewport=VIEW)
        page.goto(f"http://127.0.0.1:{lure.server_address[1]}/lure.html")
        page.wait_for_timeout(1500)
        assert len(page.frames) == 2
        for frame in page.frames:
            try:
                found = frame.query_selector("#units")
            except PlaywrightError:  # a blocked frame is an error page we cannot even look into
                found = None
            assert found is None, frame.url
    finally:
        lure.shutdown()


# --- case 2: a refused upload leaves the page working ---------------------------------------

def test_2_a_refused_upload_shows_a_message_and_the_page_goes_on(empty_workspace, browser, tmp_path):
    settings = empty_workspace / "cchc.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"max_file_bytes = \d+", "max_file_bytes = 204800", text), encoding="utf-8")
    server = Server(empty_workspace)
    try:
        page = browser.new_page(viewport=VIEW)
        errors, posts = [], []
        page.on("console", lambda m: errors.append(m.text) if "targetError" in m.text else None)
        page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
        page.goto(server.url + "p/q1")
        page.evaluate("document.body.addEventListener('htmx:targetError', () => document.body.dataset.broken = '1')")
        help_text = page.inner_text("#upload-help")
        assert "200 KB" in help_text
        big = tmp_path / "lớn.xlsx"
        big.write_bytes(b"PK" + os.urandom(300 * 1024))
        # the browser checks the one limit first: nothing is sent
        page.set_input_files("#files", [str(big)])
        page.click("#upload button[type=submit]")
        page.wait_for_selector("#notice .error")
        assert "200 KB" in page.inner_text("#notice") and not posts
        # past the browser's check, the server refuses: the message area says so, #job stays
        page.evaluate("document.getElementById('upload').dataset.limit = '999999999'; "
                      "document.getElementById('notice').innerHTML = ''")
        page.set_input_files("#files", [str(big)])
        page.click("#upload button[type=submit]")
        page.locator("#notice .error", has_text="200 KB").wait_for(timeout=30_000)
        assert posts and page.locator("#job").count() == 1
        # the next, small file is taken
        page.set_input_files("#files", [str(SAMPLES / "CCHC 2022 - Quý I-2022 - Thanh tra Sở.xlsx")])
        page.click("#upload button[type=submit]")
        page.wait_for_url(re.compile(r"after=upload&"), timeout=120_000)
        assert page.get_attribute("#job", "data-state") == "done"
        assert page.locator('#units tr[data-unit="TTRA"]').get_attribute("data-state") != "missing"
        assert page.evaluate("document.body.dataset.broken") is None and not errors
    finally:
        server.stop()


# --- case 3: a hard stop leaves nothing behind ------------------------------------------------

def _group(pgid: int) -> list[int]:
    # The live (not zombie) processes of a process group, from /proc.
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL], ids=["TERM", "HUP", "KILL"])
def test_3_a_server_stopped_mid_collect_leaves_no_worker_port_or_lock(empty_workspace, sig):
    import httpx

    from cchc_xlsx.serve.jobs import FolderLock

    assert CliRunner().invoke(cli, ["generate", "-w", str(empty_workspace), "-p", "q1"]).exit_code == 0
    inbox = empty_workspace / "inbox"
    for copy in range(60):  # many files: the collect is still running when the server stops
        for path in SAMPLES.iterdir():
            (inbox / f"{copy:03d} {path.name}").write_bytes(path.read_bytes() + b"\0" * (copy + 1))
    server = Server(empty_workspace)
    page = httpx.get(server.url + "p/q1").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    started = httpx.post(server.url + "p/q1/action/collect", data={"csrf_token": token},
                         headers={"Origin": server.url.rstrip("/")})
    assert started.status_code in (200, 303)
    deadline = time.monotonic() + 60
    while len(_group(server.process.pid)) < 3 and time.monotonic() < deadline:  # the server and its workers
        time.sleep(0.05)
    workers = _group(server.process.pid)
    assert len(workers) >= 3, workers
    os.kill(server.process.pid, sig)  # the server alone: its workers must follow by themselves
    server.process.wait(30)
    deadline = time.monotonic() + 15
    while _group(server.process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _group(server.process.pid) == []
    with socket.socket() as probe:  # the port is free again
        probe.bind(("127.0.0.1", server.port))
    # the lock is free, and the next start says the collect was interrupted
    again = Server(empty_workspace, server.port)
    try:
        page = httpx.get(again.url + "p/q1").text
        assert 'id="interrupted"' in page and labels.PAGE_ACTIONS["collect"] in page
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        done = httpx.post(again.url + "p/q1/action/plan", data={"csrf_token": token},
                          headers={"Origin": again.url.rstrip("/")})
        assert done.status_code in (200, 303) and "busy" not in done.text
    finally:
        again.stop()
    lock = FolderLock(empty_workspace)
    assert lock.acquire()
    lock.release()
    connection = sqlite3.connect(empty_workspace / "ledger.sqlite")
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
