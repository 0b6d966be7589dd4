"""The whole cycle for a newcomer: `cchc demo`, and the sample returns' planted mistakes."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
from click.testing import CliRunner

from cchc_xlsx import text as labels
from cchc_xlsx.cli import cli

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
COLUMN_OF = {"result-above-max": "result", "value-ambiguous": "completed_on", "evidence-missing": "evidence",
             "status-invalid": "status"}


def test_demo_runs_the_whole_cycle(tmp_path):
    result = CliRunner().invoke(cli, ["demo", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    root = tmp_path / "demo"
    for period in ("q1", "h1"):
        assert len(list((root / "outbox" / period).glob("*.xlsx"))) == 6
        for name in ("validation.xlsx", "scorecard.xlsx"):
            assert (root / "reports" / period / name).exists()
        assert list((root / "reports" / period / "feedback").glob("*.xlsx"))
    assert "index" in result.output and "missing: ISO" in result.output
    assert len(list((root / "archive").iterdir())) == 11  # 5 returns for q1, 6 for h1 (one unit sent twice)
    again = CliRunner().invoke(cli, ["demo", str(root)])
    assert again.exit_code == 2  # never overwrites a workspace


def _cell_of(path: Path, sheet_name: str, row_code: str, column: str) -> str:
    sheet = openpyxl.load_workbook(path)[sheet_name]
    headers = labels.TASK_HEADERS if sheet_name == labels.SHEET_TASKS else labels.CRITERIA_HEADERS
    for row in sheet.iter_rows(min_row=1):
        if row[0].value == row_code:
            titles = [c.value for c in next(sheet.iter_rows(min_row=4, max_row=4))]
            return f"{row[titles.index(headers[column])].column_letter}{row[0].row}"
    raise AssertionError(row_code)


def test_validation_report_lists_the_planted_mistakes_and_nothing_else(tmp_path):
    root = tmp_path / "demo"
    assert CliRunner().invoke(cli, ["demo", str(root)]).exit_code == 0
    with (SAMPLES / "planted.csv").open(encoding="utf-8") as handle:
        planted = list(csv.DictReader(handle))
    for period in ("q1", "h1"):
        report = pd.read_excel(root / "reports" / period / "validation.xlsx",
                               sheet_name=labels.VALIDATION_SHEETS["findings"], header=3, dtype=str,
                               engine="calamine").fillna("")
        headers = labels.VALIDATION_FINDING_HEADERS
        expected = set()
        for row in (p for p in planted if p["period"] == period):
            cell = _cell_of(SAMPLES / period / row["file"], row["sheet"], row["row_code"], COLUMN_OF[row["code"]])
            expected.add((row["unit"], row["file"], row["sheet"], cell, row["code"]))
        found = {(r[headers["unit"]], r[headers["file"]], r[headers["sheet"]], r[headers["cell"]], r[headers["code"]])
                 for _, r in report.iterrows()}
        assert found == expected, period
