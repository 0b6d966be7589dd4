"""The Office's page in a real browser: Debian's chromium, headless, driven by Playwright.

The server is ``cchc serve`` itself, started as the clerk starts it. The test drops a returned
workbook on the page, sees the unit's state change, writes and downloads the scorecard and
opens it with openpyxl. With CCHC_UPDATE_SCREENSHOT=1 it also refreshes docs/serve-page.png.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_xlsx import text as labels
from cchc_xlsx.cli import cli
from conftest import require

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "q1"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def sample(unit_name: str) -> Path:
    return next(p for p in SAMPLES.iterdir() if p.name.endswith(f"{unit_name}.xlsx"))


@pytest.fixture
def workspace(tmp_path) -> Path:
    root = tmp_path / "ws"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root)]).exit_code == 0
    assert runner.invoke(cli, ["generate", "-w", str(root), "-p", "q1"]).exit_code == 0
    return root


class Served:
    def __init__(self, root: Path):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "cchc_xlsx", "serve", "-w", str(root), "--port", "0",
                                         "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                                        start_new_session=True)
        line = self.process.stdout.readline().decode("utf-8", "replace")
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, line
        self.url = found.group(0)

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.process.poll() is None:
            if sig == signal.SIGKILL:  # the server and its collect workers, all at once
                os.killpg(self.process.pid, sig)
            else:
                self.process.send_signal(sig)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


@pytest.fixture
def served(workspace):
    server = Served(workspace)
    yield server
    server.stop()


@pytest.fixture
def browser():
    require("chromium", Path(CHROMIUM).exists())
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


def _drop(page, selector: str, path: Path) -> None:
    """Drop a file on an element, as a clerk drags it from the Explorer."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    page.evaluate("""([selector, name, data]) => {
        const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name, {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}));
        const target = document.querySelector(selector);
        for (const type of ["dragenter", "dragover", "drop"]) {
            target.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: transfer}));
        }
    }""", [selector, path.name, data])


def test_drop_a_return_see_the_state_change_download_the_scorecard(served, browser, workspace, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 1080}, accept_downloads=True)
    page.goto(served.url)
    assert page.url.endswith("/p/q1")
    row = page.locator('#units tr[data-unit="TTRA"]')
    assert row.get_attribute("data-state") == "missing"
    assert labels.STATE["missing"] in row.inner_text()

    _drop(page, "#upload", sample("Thanh tra Sở"))
    page.wait_for_selector('#units tr[data-unit="TTRA"]:not([data-state="missing"])', timeout=60_000)
    assert page.locator('#units tr[data-unit="TTRA"]').get_attribute("data-state") in ("returned", "late")
    assert page.locator('#units tr[data-unit="VP"]').get_attribute("data-state") == "missing"

    # two more returns chosen with the file picker, then the scorecard
    page.set_input_files("#files", [str(sample("Văn phòng")), str(sample("Trung tâm Công nghệ thông tin và Truyền thông"))])
    page.click("#upload button[type=submit]")
    page.wait_for_selector('#units tr[data-unit="VP"]:not([data-state="missing"])', timeout=60_000)
    page.wait_for_selector("#job[data-state=done]", timeout=60_000)
    page.click(f"#action-scorecard button:has-text('{labels.PAGE_ACTIONS['scorecard']}')")
    link = page.locator('a[data-name="scorecard.xlsx"]')
    link.wait_for(timeout=60_000)
    assert "Chỉ số CCHC" in page.inner_text("#index") and "%" in page.inner_text("#index")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    saved = tmp_path / "downloaded.xlsx"
    download.save_as(saved)
    book = openpyxl.load_workbook(saved)
    assert labels.SC_SHEETS["summary"] in book.sheetnames

    page.goto(served.url + "p/q1")
    shot = tmp_path / "serve-page.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    if os.environ.get("CCHC_UPDATE_SCREENSHOT") == "1":
        shutil.copy(shot, ROOT / "docs" / "serve-page.png")


def _wait_for_receipts(ledger: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True, timeout=0.1)
            try:
                if connection.execute("SELECT COUNT(*) FROM deliveries").fetchone()[0]:
                    return
            finally:
                connection.close()
        except sqlite3.Error:
            pass
        time.sleep(0.005)


def test_stopping_the_server_mid_action_loses_nothing(served, workspace):
    import httpx

    page = httpx.get(served.url + "p/q1").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in sorted(SAMPLES.iterdir())]
    response = httpx.post(served.url + "p/q1/upload", data={"csrf_token": token}, files=files,
                          headers={"Origin": served.url.rstrip("/")})
    assert response.status_code in (200, 303)
    _wait_for_receipts(workspace / "ledger.sqlite")  # the files are being analysed now
    served.stop(signal.SIGKILL)  # as hard as a power cut on the server's side
    # what was committed is whole; the uploads are in inbox/; collecting again finishes the work
    connection = sqlite3.connect(workspace / "ledger.sqlite") if (workspace / "ledger.sqlite").exists() else None
    if connection is not None:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.close()
    assert len([p for p in (workspace / "inbox").iterdir() if p.suffix == ".xlsx"]) == len(files)
    result = CliRunner().invoke(cli, ["collect", "-w", str(workspace), "-p", "q1"])
    assert result.exit_code in (0, 1), result.output
    status = CliRunner().invoke(cli, ["status", "-w", str(workspace), "-p", "q1", "--json"])
    import json

    states = {row["unit"]: row["state"] for row in json.loads(status.output)}
    assert [u for u, s in states.items() if s == "missing"] == ["ISO"]
