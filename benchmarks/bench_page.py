"""Benchmark: the Office's period page with 3,000 submissions, and a static file while it renders.

Targets (issue 25): the period page renders in under 1 s; a static file asked for while the page
renders is served in under 0.2 s. The workspace gets the sample returns of ``samples/q1``
collected for real, then the ledger is grown to ``--submissions`` rows by copying them (each copy
a later resubmission of its unit, with its values and findings), as a busy year would leave it.
The server is the page's own app under uvicorn on 127.0.0.1, as ``cchc serve`` runs it.

    python benchmarks/bench_page.py [--submissions 3000]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner

from cchc_xlsx.cli import cli

PERIOD = "q1"


def grow_ledger(ledger: Path, submissions: int) -> int:
    """Copy the recorded submissions (values and findings too) until the ledger holds ``submissions``."""
    connection = sqlite3.connect(ledger)
    try:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(submissions)") if row[1] != "id"]
        originals = [row[0] for row in connection.execute("SELECT id FROM submissions ORDER BY id")]
        count = len(originals)
        copy = 0
        with connection:
            while count < submissions:
                source = originals[copy % len(originals)]
                copy += 1
                values = {c: (f"'{copy:064x}'" if c == "sha256" else
                              f"datetime('2022-03-10 08:00:00', '+{copy} minutes')" if c in ("received_at", "recorded_at")
                              else c) for c in columns}
                cursor = connection.execute(f"INSERT INTO submissions ({', '.join(columns)}) SELECT "
                                            f"{', '.join(values[c] for c in columns)} FROM submissions WHERE id = ?",
                                            (source,))
                connection.execute("INSERT INTO findings SELECT ?, code, severity, sheet, cell, row_code, field, value, "
                                   "message FROM findings WHERE submission_id = ?", (cursor.lastrowid, source))
                count += 1
        return connection.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
    finally:
        connection.close()


def workspace(folder: Path, submissions: int) -> Path:
    root = folder / "ws"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root)]).exit_code == 0
    result = runner.invoke(cli, ["collect", "-w", str(root), "-p", PERIOD, str(ROOT / "samples" / PERIOD)])
    assert result.exit_code in (0, 1), result.output
    grow_ledger(root / "ledger.sqlite", submissions)
    return root


def serve_in_thread(root: Path):
    import uvicorn

    from cchc_xlsx.serve import address, listen
    from cchc_xlsx.serve.app import create_app
    from cchc_xlsx.store.workspace import Workspace

    sock = listen(0)
    server = uvicorn.Server(uvicorn.Config(create_app(Workspace.open(root)), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    return server, thread, address(sock)


def measure(url: str, rounds: int = 3) -> tuple[float, float]:
    """(the page's best time, the static file's worst time while a page renders), in seconds."""
    import httpx

    page_times, static_times = [], []
    with httpx.Client(timeout=120) as client:
        client.get(url + f"p/{PERIOD}")  # warm: templates compiled, plan loaded
        for _ in range(rounds):
            done = {}

            def page(done=done):
                start = time.perf_counter()
                response = client.get(url + f"p/{PERIOD}")
                assert response.status_code == 200
                done["page"] = time.perf_counter() - start

            thread = threading.Thread(target=page)
            thread.start()
            time.sleep(0.05)  # the page is rendering now
            with httpx.Client(timeout=120) as other:
                start = time.perf_counter()
                assert other.get(url + "static/style.css").status_code == 200
                static_times.append(time.perf_counter() - start)
            thread.join()
            page_times.append(done["page"])
    return min(page_times), max(static_times)


def run(submissions: int = 3000) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as folder:
        root = workspace(Path(folder), submissions)
        server, thread, url = serve_in_thread(root)
        try:
            page, static = measure(url)
        finally:
            server.should_exit = True
            thread.join(10)
    return [(f"period page, {submissions} submissions", page, "< 1 s"),
            ("static file while the page renders", static, "< 0.2 s")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=3000)
    args = parser.parse_args()
    for name, seconds, target in run(args.submissions):
        print(f"{name:<45} {seconds:7.3f} s   (target {target})")


if __name__ == "__main__":
    main()
