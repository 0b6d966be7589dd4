"""Killing collect half-way and running it again: no submission lost, none recorded twice.

``python -m cchc_xlsx collect`` runs as a subprocess on ~150 workbooks; once the ledger holds
some but not all of them, the process and its workers get SIGKILL (as a closed laptop lid or the
task manager would do); a second run completes the job. The ledger must then hold each file once,
pass SQLite's integrity check, and the archive must hold every file.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from cchc_xlsx.store.workspace import init_workspace
from tests.corpus import make_corpus as mc

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="SIGKILL of a process group is POSIX")

FILES = 150
PERIOD = "q1"
ATTEMPTS = 4


def distinct_workbooks(count: int) -> list[tuple[str, bytes]]:
    """``count`` valid workbooks of all units whose bytes differ: the first task's completion differs."""
    generated = mc.generated_workbooks("q1")
    units = sorted(generated)
    books = []
    for index in range(count):
        unit = units[index % len(units)]
        data = generated[unit]
        part = mc.sheet_part(data, mc.TASKS_SHEET)
        value = index // len(units)

        def fill(xml: bytes, value=value) -> bytes:
            # The first data row's completion cell (column H, row 5), written blank by the generator.
            spoiled, count_ = re.subn(rb'<c r="H5"( s="\d+")?/>', rb'<c r="H5"\1><v>%d</v></c>' % value, xml)
            assert count_ == 1
            return spoiled

        books.append((f"{unit}-{index:03d}.xlsx", mc.rezip(data, {part: fill})))
    assert len({hashlib.sha256(d).digest() for _, d in books}) == count
    return books


@pytest.fixture(scope="module")
def books() -> list[tuple[str, bytes]]:
    return distinct_workbooks(FILES)


def _count(ledger: Path) -> int | None:
    if not ledger.exists():
        return None
    try:
        with sqlite3.connect(f"{ledger.as_uri()}?mode=ro", uri=True, timeout=0.05) as db:
            return db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or locked for a moment
        return None


def _command(root: Path) -> list[str]:
    return [sys.executable, "-m", "cchc_xlsx", "collect", "-w", str(root), "-p", PERIOD, str(root / "inbox")]


def _kill_half_way(root: Path) -> int | None:
    """Run collect and SIGKILL it (with its workers) once some but not all submissions are recorded.

    Returns the submissions recorded at the kill, or None when the run finished first.
    """
    ledger = root / "ledger.sqlite"
    process = subprocess.Popen(_command(root), start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, cwd=root)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            count = _count(ledger)
            if count is not None and 0 < count < FILES:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
                return count
            if process.poll() is not None:
                return None
            time.sleep(0.002)
        pytest.fail("collect recorded nothing within 60 s")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    return None


def test_killed_collect_rerun_loses_nothing_and_records_nothing_twice(tmp_path, books):
    killed_at = None
    for attempt in range(ATTEMPTS):
        root = tmp_path / f"ws{attempt}"
        workspace, _ = init_workspace(root)
        for name, data in books:
            (workspace.inbox / name).write_bytes(data)
        killed_at = _kill_half_way(root)
        if killed_at is not None:
            break
    assert killed_at is not None, "collect always finished before it could be killed"

    with sqlite3.connect(root / "ledger.sqlite") as db:  # consistent right after the kill
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        after_kill = db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
        orphans = db.execute("SELECT COUNT(*) FROM task_values WHERE submission_id NOT IN "
                             "(SELECT id FROM submissions)").fetchone()[0]
    assert 0 < after_kill < FILES and orphans == 0

    rerun = subprocess.run(_command(root), capture_output=True, timeout=300, cwd=root)
    assert rerun.returncode in (0, 1), rerun.stderr.decode("utf-8", "replace")[-2000:]
    assert b"Traceback" not in rerun.stderr

    expected = {hashlib.sha256(data).hexdigest(): name for name, data in books}
    with sqlite3.connect(root / "ledger.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = dict(db.execute("SELECT sha256, COUNT(*) FROM submissions WHERE period = ? GROUP BY sha256",
                                 (PERIOD,)).fetchall())
        units = dict(db.execute("SELECT sha256, unit FROM submissions").fetchall())
        deliveries = db.execute("SELECT sha256, source, COUNT(*) FROM deliveries GROUP BY sha256, source") \
            .fetchall()
        values = dict(db.execute("SELECT submission_id, COUNT(*) FROM task_values GROUP BY submission_id")
                      .fetchall())
        ids = dict(db.execute("SELECT sha256, id FROM submissions").fetchall())
    assert set(counts) == set(expected), f"lost: {sorted(set(expected) - set(counts))[:5]}"
    assert all(n == 1 for n in counts.values())
    assert {sha for sha, _, _ in deliveries} == set(expected) and all(n == 1 for *_, n in deliveries)
    for sha, name in expected.items():
        assert units[sha] == name.split("-")[0], name       # identified, not a half-read record
        assert values.get(ids[sha], 0) >= 1, name           # its values came with it

    archived = {p.name.split(".")[0]: p for p in (root / "archive").iterdir() if not p.name.startswith(".")}
    assert set(archived) == set(expected)
    for sha, path in archived.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha


def test_the_workbooks_differ_only_in_a_value():
    name, data = distinct_workbooks(7)[6]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(mc.sheet_part(data, mc.TASKS_SHEET))
    assert b'<c r="H5" s=' in xml and b"<v>1</v></c>" in xml and name.endswith("-006.xlsx")
