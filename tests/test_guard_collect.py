"""Good returns mixed with the whole corpus, the lying zip included, collected by the command line.

No traceback; every good return accepted; every received file archived and in the ledger; the
inbox byte-identical; and the largest process (collect or one of its workers) stays under 500 MB
although one entry of the lying zip inflates to 1.5 GB (issue 10).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path, PurePath

import pytest

from cchc_xlsx.collect.sources import Received, scan
from cchc_xlsx.store.workspace import init_workspace
from tests.corpus import make_corpus as mc
from tests.test_corpus import FILES, tree_digest

try:
    import resource  # POSIX only: the peak resident size of child processes
except ImportError:  # Windows
    resource = None

PEAK_LIMIT_MB = 500
# Runs a command and prints the largest resident size (KB on Linux) among the processes it waited for.
_MEASURE = ("import resource, subprocess, sys\n"
            "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "sys.stderr.write(done.stdout + done.stderr)\n"
            "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def good_returns() -> dict[str, bytes]:
    """Two careful returns of every unit, all different, cached points as Excel computes them."""
    books = {}
    for unit in sorted(mc.generated_workbooks("q1")):
        for version in (1, 2):
            book = mc.fill(mc.Book(mc.generated_workbooks("q1")[unit], unit))
            book.tasks.set(mc.first(unit, mc.DONE), "note", f"Bản {version}")
            books[f"tot/{unit} - ban {version}.xlsx"] = book.save_with_points()
    return books


@pytest.mark.skipif(resource is None, reason="peak memory is measured with the POSIX resource module")
def test_good_returns_and_the_whole_corpus(tmp_path: Path):
    workspace, _ = init_workspace(tmp_path / "ws")
    inbox = workspace.inbox
    shutil.copytree(FILES, inbox, dirs_exist_ok=True)
    good = good_returns()
    for name, data in good.items():
        (inbox / name).parent.mkdir(exist_ok=True)
        (inbox / name).write_bytes(data)
    before = tree_digest(inbox)

    command = [sys.executable, "-m", "cchc_xlsx", "collect", "-w", str(workspace.root), "-p", "q1"]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, timeout=600)
    code, peak_kb = map(int, done.stdout.split())
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert code == 1, done.stderr[-3000:]  # the corpus has rejected files; everything is still recorded
    print(f"collect: peak {peak_kb / 1024:.0f} MB, {len(good)} good returns")
    assert peak_kb / 1024 < PEAK_LIMIT_MB, f"peak {peak_kb / 1024:.0f} MB"
    assert tree_digest(inbox) == before

    with sqlite3.connect(workspace.ledger_path) as db:
        verdicts = dict(db.execute("SELECT sha256, verdict FROM submissions WHERE period = 'q1'").fetchall())
        delivered = {row[0] for row in db.execute("SELECT sha256 FROM deliveries")}
        # A spreadsheet of a unit's own (not a return: issue 21) is recorded as evidence instead.
        evidence = {row[0] for row in db.execute("SELECT sha256 FROM evidence WHERE period = 'q1'")}
    for name, data in good.items():
        assert verdicts[hashlib.sha256(data).hexdigest()] == "accepted", name
    received = [item for item in scan([inbox]) if isinstance(item, Received)]
    assert len(received) > len(good) + 50
    archived = {p.name for p in workspace.archive.iterdir()}
    for item in received:
        sha = hashlib.sha256(item.data).hexdigest()
        assert sha in delivered and (sha in verdicts or sha in evidence), item.source
        assert f"{sha}{PurePath(item.name).suffix.lower()}" in archived or \
            any(name.startswith(sha) for name in archived), item.source
    lying = hashlib.sha256((FILES / "lying_zip.xlsx").read_bytes()).hexdigest()
    assert verdicts[lying] == "rejected"
