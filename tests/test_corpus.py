"""The corpus of broken and awkward returned files (tests/corpus/, made by corpus/make_corpus.py).

The whole corpus is collected into one workspace, twice: each file must give the findings
expected.csv lists for it, nothing may crash the run, the archive and the ledger must hold every
file, the inbox must stay byte-identical, and the second run must change nothing. Then the
command line: its exit codes and ``cchc status --json``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xlsx import text as labels
from cchc_xlsx.cli import cli
from cchc_xlsx.collect import collect_paths
from cchc_xlsx.findings.catalogue import CATALOGUE, SEVERITY
from cchc_xlsx.store.workspace import init_workspace

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = CORPUS / "files"
PERIOD = "q1"
TABLES = ("submissions", "deliveries", "findings", "task_values", "criterion_values")
VERDICTS = {"accepted", "warnings", "errors", "rejected", "duplicate", "skipped", "held", "evidence"}


def read_expected() -> list[dict[str, str]]:
    with (CORPUS / "expected.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


EXPECTED = read_expected()


def tree_digest(folder: Path) -> dict[str, tuple[str, int]]:
    """Relative path → (SHA-256, size) of every file under ``folder``."""
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_size)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def table_counts(ledger: Path) -> dict[str, int]:
    with sqlite3.connect(ledger) as db:
        return {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def key_of(source: str, inbox: Path) -> str:
    """An outcome's place relative to the inbox, as expected.csv names it ("box.eml/name.xlsx")."""
    prefix = str(inbox) + os.sep
    assert source.startswith(prefix), source
    return source[len(prefix):].replace(os.sep, "/")


@dataclass(repr=False)
class Collected:
    root: Path
    inbox: Path
    archive: Path
    ledger: Path
    first: dict          # key → Outcome of the first run
    second: dict         # key → Outcome of the second run
    inbox_before: dict
    inbox_after: dict
    counts_first: dict
    counts_second: dict
    archive_first: dict
    archive_second: dict
    first_list: list


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Collected:
    root = tmp_path_factory.mktemp("corpus") / "ws"
    workspace, built = init_workspace(root)
    shutil.copytree(FILES, workspace.inbox, dirs_exist_ok=True)
    inbox_before = tree_digest(workspace.inbox)
    first = collect_paths(workspace, built.plan, PERIOD, [workspace.inbox])
    counts_first, archive_first = table_counts(workspace.ledger_path), tree_digest(workspace.archive)
    second = collect_paths(workspace, built.plan, PERIOD, [workspace.inbox])
    by_key = lambda result: {key_of(o.source, workspace.inbox): o for o in result.outcomes}  # noqa: E731
    return Collected(root, workspace.inbox, workspace.archive, workspace.ledger_path, by_key(first), by_key(second),
                     inbox_before, tree_digest(workspace.inbox), counts_first, table_counts(workspace.ledger_path),
                     archive_first, tree_digest(workspace.archive), first.outcomes)


# --- the corpus itself ---------------------------------------------------------------------

def test_corpus_is_large_and_every_file_is_expected():
    files = sorted(p.name for p in FILES.iterdir())
    keys = [row["file"] for row in EXPECTED]
    assert len(files) >= 35
    assert len(keys) == len(set(keys)), "one expectation per item"
    for name in files:
        assert any(k == name or k.startswith(name + "/") or k.startswith(name + "#") for k in keys), name
    for key in keys:
        container = key.split("/")[0].split("#")[0]
        assert container in files, key
    for row in EXPECTED:
        for code in (row["codes"] + " " + row["absent"]).split():
            assert code in SEVERITY, f"{row['file']}: {code} is not in the catalogue"
        assert row["verdict"] in VERDICTS | {""}


# --- each file ------------------------------------------------------------------------------

def _value_checks(text: str) -> list[tuple[str, str, str, str]]:
    checks = []
    for item in filter(None, (part.strip() for part in text.split(";"))):
        where, _, expected = item.partition("=")
        sheet, code, column = where.split("/")
        checks.append((sheet, code, column, expected))
    return checks


@pytest.mark.parametrize("row", EXPECTED, ids=[row["file"] for row in EXPECTED])
def test_file_gives_its_expected_findings(collected, row):
    outcome = collected.first.get(row["file"])
    assert outcome is not None, f"no outcome for {row['file']}; outcomes: {sorted(collected.first)}"
    codes = [f["code"] for f in outcome.findings]
    summary = f"{row['file']}: {outcome.verdict} {codes}"
    for code in row["codes"].split():
        assert code in codes, f"expected {code}; {summary}"
    for code in row["absent"].split():
        assert code not in codes, f"unexpected {code}; {summary}"
    if row["unit"]:
        assert outcome.unit == row["unit"], summary
    if row["verdict"]:
        assert outcome.verdict == row["verdict"], summary
    if row["verdict"] == "accepted":
        assert not [f for f in outcome.findings if f["severity"] in ("error", "warning")], summary
    checks = _value_checks(row["values"])
    if checks:
        assert outcome.submission_id is not None, summary
        with sqlite3.connect(collected.ledger) as db:
            db.row_factory = sqlite3.Row
            for sheet, code, column, expected in checks:
                table = {"tasks": "task_values", "criteria": "criterion_values"}[sheet]
                found = db.execute(f"SELECT {column} FROM {table} WHERE submission_id = ? AND code = ?",
                                   (outcome.submission_id, code)).fetchall()
                assert len(found) == 1, f"{sheet}/{code}: {len(found)} rows; {summary}"
                value = found[0][0]
                try:
                    number = float(expected)
                except ValueError:
                    assert value == expected, f"{sheet}/{code}/{column} = {value!r}, expected {expected!r}"
                else:
                    assert value is not None and math.isclose(float(value), number, abs_tol=1e-9), \
                        f"{sheet}/{code}/{column} = {value!r}, expected {expected!r}"


def test_every_item_has_one_outcome_and_nothing_crashed(collected):
    expected = {row["file"] for row in EXPECTED}
    assert set(collected.first) == expected
    assert len(collected.first_list) == len(expected)
    for key, outcome in collected.first.items():
        assert outcome.verdict in VERDICTS, (key, outcome.verdict)
        assert outcome.findings or outcome.verdict == "accepted", key
        codes = {f["code"] for f in outcome.findings}
        # The guard must refuse dangerous files before a reader sees them: no reader ever died.
        assert "file-reader-crashed" not in codes, key
        for finding in outcome.findings:
            assert finding.code in CATALOGUE, finding
            assert finding["severity"] == SEVERITY[finding["code"]], finding
            assert finding["message"] and "Traceback" not in finding["message"], finding
        if outcome.verdict in ("rejected", "skipped", "evidence"):
            continue
        assert outcome.unit, key


def test_files_that_name_cells_point_at_them(collected):
    # A finding about a cell names its sheet and an A1 address, and the message says both.
    for key, outcome in collected.first.items():
        for finding in outcome.findings:
            if finding["cell"]:
                assert finding["sheet"] in (labels.SHEET_TASKS, labels.SHEET_CRITERIA), (key, finding)
                assert finding["cell"] in finding["message"] and finding["sheet"] in finding["message"], finding


# --- archive, ledger, inbox, re-run ------------------------------------------------------------

def test_archive_holds_every_received_spreadsheet_once(collected):
    received = {o.sha256 for o in collected.first.values() if o.sha256}
    archived: dict[str, list[str]] = {}
    for name, (digest, _) in collected.archive_first.items():
        stem = name.split(".")[0]
        archived.setdefault(stem, []).append(name)
        assert digest == stem, f"{name} does not hold the bytes its name says"
    assert set(archived) == received
    assert all(len(names) == 1 for names in archived.values()), \
        {s: n for s, n in archived.items() if len(n) > 1}


def test_ledger_records_every_submission_once(collected):
    received = {o.sha256 for o in collected.first.values() if o.sha256 and o.verdict != "evidence"}
    with sqlite3.connect(collected.ledger) as db:
        rows = db.execute("SELECT sha256, COUNT(*) FROM submissions WHERE period = ? GROUP BY sha256",
                          (PERIOD,)).fetchall()
        deliveries = {tuple(r) for r in db.execute("SELECT sha256, source FROM deliveries WHERE period = ?",
                                                   (PERIOD,))}
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert {sha for sha, _ in rows} == received
    assert all(count == 1 for _, count in rows)
    for outcome in collected.first.values():
        if outcome.sha256 and outcome.verdict != "evidence":  # evidence has its own table (test_evidence)
            assert (outcome.sha256, outcome.source) in deliveries, outcome.source
            assert outcome.submission_id is not None, outcome.source


def test_inbox_is_byte_identical(collected):
    assert collected.inbox_after == collected.inbox_before
    assert collected.inbox_before == tree_digest(FILES)


def test_rerun_changes_nothing(collected):
    assert collected.counts_second == collected.counts_first
    assert collected.archive_second == collected.archive_first
    assert set(collected.second) == set(collected.first)
    for key, outcome in collected.second.items():
        if collected.first[key].verdict == "evidence":
            assert outcome.verdict == "evidence", (key, outcome.verdict)
        elif collected.first[key].sha256:
            assert outcome.verdict == "duplicate", (key, outcome.verdict)
            assert outcome.submission_id is not None
        else:
            assert outcome.verdict == "skipped", (key, outcome.verdict)


def test_the_same_bytes_twice_in_one_run_is_a_duplicate(collected):
    twice = [row["file"] for row in EXPECTED if row["verdict"] == "duplicate"]
    assert twice
    for key in twice:
        outcome = collected.first[key]
        assert outcome.verdict == "duplicate", (key, outcome.verdict)
        assert "file-duplicate" in [f["code"] for f in outcome.findings]


# --- the command line ------------------------------------------------------------------------

def _workspace_with(tmp_path: Path, names: list[str]) -> Path:
    root = tmp_path / "ws"
    workspace, _ = init_workspace(root)
    for name in names:
        shutil.copy2(FILES / name, workspace.inbox / name)
    return root


CLEAN = sorted({row["file"].split("/")[0] for row in EXPECTED if row["verdict"] in ("accepted", "warnings")
                and row["file"].endswith((".xlsx", ".xlsm")) and "/" not in row["file"]})


def test_cli_exit_code_1_for_the_corpus(tmp_path):
    root = _workspace_with(tmp_path, [p.name for p in FILES.iterdir()])
    result = CliRunner().invoke(cli, ["collect", "-w", str(root), "-p", PERIOD])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert (root / "reports" / PERIOD / "validation.xlsx").is_file()


def test_cli_exit_code_0_for_clean_files_and_status_json(tmp_path):
    assert "clean_ttra.xlsx" in CLEAN and "clean_vp.xlsx" in CLEAN
    root = _workspace_with(tmp_path, CLEAN)
    result = CliRunner().invoke(cli, ["collect", "-w", str(root), "-p", PERIOD])
    assert result.exit_code == 0, result.output
    again = CliRunner().invoke(cli, ["collect", "-w", str(root), "-p", PERIOD, str(root / "inbox")])
    assert again.exit_code == 0, again.output
    status = CliRunner().invoke(cli, ["status", "-w", str(root), "-p", PERIOD, "--json"])
    assert status.exit_code == 0, status.output
    rows = {row["unit"]: row for row in json.loads(status.output)}
    assert set(rows) == {"VP", "TTRA", "BCVT", "TTBC", "TTCNTT", "ISO"}
    returned = {row["unit"] for row in EXPECTED if row["file"] in CLEAN and row["unit"]}
    for unit, row in rows.items():
        assert row["state"] in ("returned", "late") if unit in returned else row["state"] == "missing", row
        for column in ("file", "received_at", "versions", "error", "warning", "info"):
            assert column in row
    assert rows["TTRA"]["versions"] >= 2 and rows["TTRA"]["error"] == 0
    assert rows["VP"]["file"] == "clean_vp.xlsx" and rows["VP"]["versions"] == 1


@pytest.mark.parametrize("arguments", [
    ["collect", "-p", "q9"],                       # a period the plan does not have
    ["collect"],                                   # no period
    ["collect", "-p", PERIOD, "does-not-exist.xlsx"],
    ["status", "-p", "q9"],
    ["collect", "-p", PERIOD, "--no-such-option"],
], ids=["unknown-period", "no-period", "missing-path", "status-unknown-period", "unknown-option"])
def test_cli_usage_errors_exit_2(tmp_path, arguments):
    root = _workspace_with(tmp_path, [])
    result = CliRunner().invoke(cli, [arguments[0], "-w", str(root), *arguments[1:]])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def test_cli_usage_error_for_a_folder_that_is_not_a_workspace(tmp_path):
    result = CliRunner().invoke(cli, ["collect", "-w", str(tmp_path / "nowhere"), "-p", PERIOD])
    assert result.exit_code == 2, result.output
    result = CliRunner().invoke(cli, ["status", "-w", str(tmp_path), "-p", PERIOD, "--json"])
    assert result.exit_code == 2, result.output
