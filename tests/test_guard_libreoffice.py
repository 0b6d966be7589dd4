"""Honest returns edited in real LibreOffice Calc (through UNO) are collected (issue 10).

After a row deletion LibreOffice writes ``<dimension ref="A1:L1048576">`` and an empty row
1048576; formatting a column down to row 10,000 writes 10,000 rows. Both must be accepted with
every remaining row's values read, the deleted row reported missing.
"""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from calc import XLSX
from cchc_xlsx import text as labels
from cchc_xlsx.collect import collect_paths
from cchc_xlsx.store.workspace import init_workspace
from tests.corpus import make_corpus as mc

PERIOD = "q1"


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> tuple[Path, mc.Book]:
    """TTRA's generated workbook filled in as a unit does, saved (protection kept)."""
    book = mc.fill(mc.Book(mc.generated_workbooks(PERIOD)["TTRA"], "TTRA"))
    path = tmp_path_factory.mktemp("filled") / "TTRA.xlsx"
    path.write_bytes(book.save())
    return path, book


FIELDS = ("status", "completion", "completed_on", "evidence", "issues", "note", "valid")


def _collect(tmp_path: Path, path: Path) -> tuple:
    """Collect ``path`` alone into a new workspace: its outcome and the task values the ledger holds."""
    workspace, built = init_workspace(tmp_path / f"ws-{path.stem}")
    [outcome] = collect_paths(workspace, built.plan, PERIOD, [path], workers=1).outcomes
    with sqlite3.connect(workspace.ledger_path) as db:
        rows = db.execute(f"SELECT code, {', '.join(FIELDS)} FROM task_values WHERE submission_id = ?",
                          (outcome.submission_id,)).fetchall()
    return outcome, {row[0]: row[1:] for row in rows}


def test_a_row_deleted_in_libreoffice_is_accepted_with_that_row_missing(calc_vi, filled, tmp_path: Path):
    source, book = filled
    tasks = book.tasks
    deleted = mc.first("TTRA", mc.DONE, 2)
    edited = tmp_path / "TTRA - đã xóa dòng.xlsx"
    calc_vi.edit(source, [{"op": "unprotect", "sheet": labels.SHEET_TASKS},
                          {"op": "delete_rows", "sheet": labels.SHEET_TASKS, "row": tasks.rows[deleted]},
                          {"op": "save", "path": str(edited), "filter": XLSX}])
    assert b"1048576" in zipfile.ZipFile(edited).read(mc.sheet_part(edited.read_bytes(), labels.SHEET_TASKS)), \
        "LibreOffice no longer declares the whole grid: this test no longer tests the case"
    outcome, read = _collect(tmp_path, edited)
    assert outcome.unit == "TTRA" and outcome.verdict == "warnings", outcome.findings
    codes = {f["code"] for f in outcome.findings}
    assert not codes & {"file-too-expanded", "file-cell-out-of-range"}
    missing = [f for f in outcome.findings if f["code"] == "row-missing"]
    assert len(missing) == 1 and deleted in missing[0]["message"], missing
    _, original = _collect(tmp_path, source)
    assert set(original) - set(read) == {deleted}
    assert read == {code: values for code, values in original.items() if code != deleted}


def test_a_column_formatted_to_row_10000_in_libreoffice_is_accepted(calc_en, filled, tmp_path: Path):
    source, _ = filled
    edited = tmp_path / "TTRA - định dạng.xlsx"
    calc_en.edit(source, [{"op": "unprotect", "sheet": labels.SHEET_TASKS},
                          {"op": "fill", "sheet": labels.SHEET_TASKS, "range": "C1:C10000"},
                          {"op": "fill", "sheet": labels.SHEET_TASKS, "range": "H5:H10000", "color": 0xDDEEFF},
                          {"op": "save", "path": str(edited), "filter": XLSX}])
    assert b'<row r="10000"' in zipfile.ZipFile(edited).read(mc.sheet_part(edited.read_bytes(), labels.SHEET_TASKS))
    outcome, read = _collect(tmp_path, edited)
    assert outcome.unit == "TTRA" and outcome.verdict == "accepted", outcome.findings
    _, original = _collect(tmp_path, source)
    assert len(read) == len(original) > 10 and read == original
