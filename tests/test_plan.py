"""The shipped plan and the plan stage: reading, building, checks, export and init."""

from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xlsx.cli import cli
from cchc_xlsx.plan import load_plan
from cchc_xlsx.plan.export import export_plan
from cchc_xlsx.rules.scoring import leaf_max


def _codes(built, severity=None):
    return [f.code for f in built.findings if severity is None or f.severity == severity]


def test_shipped_plan_has_no_errors_and_every_table(shipped):
    plan = shipped.plan
    assert _codes(shipped, "error") == []
    assert [a.code for a in plan.areas()] == [f"I.{i}" for i in range(1, 8)] + [f"II.{i}" for i in range(1, 7)]
    assert {t.area for t in plan.tasks} == set(range(1, 8))
    assert [p.code for p in plan.periods] == ["q1", "h1", "q3", "year"]
    assert {u.code for u in plan.workbook_units()} == {"VP", "TTRA", "BCVT", "TTBC", "TTCNTT", "ISO"}


def test_shipped_plan_keeps_the_documents_inconsistencies_as_warnings(shipped):
    warnings = _codes(shipped, "warning")
    assert "plan-total-mismatch" in warnings  # TỔNG CỘNG 64 against 63 + 37
    assert shipped.plan.meta["declared_total"] == "64,0000"
    assert shipped.plan.criterion("I").declared_max == 63 and shipped.plan.criterion("II").declared_max == 37


def test_periods_and_deadlines_from_the_seed(shipped):
    plan = shipped.plan
    q1 = plan.period("q1")
    assert (q1.start.isoformat(), q1.cutoff.isoformat(), q1.due.isoformat()) == (
        "2021-12-15", "2022-03-14", "2022-03-16")
    assert plan.period("year").due.isoformat() == "2022-12-16"
    deadlines = {t.deadline.isoformat() for t in plan.tasks if t.deadline}
    assert "2022-01-27" in deadlines and "2022-03-31" in deadlines


def test_csv_to_master_workbook_to_model_is_identical(shipped, tmp_path):
    workbook = export_plan(shipped.plan, tmp_path / "plan.xlsx")
    again = load_plan(workbook)
    assert again.plan.content() == shipped.plan.content()
    assert again.plan.plan_id == shipped.plan.plan_id
    assert _codes(again, "error") == []


def _edit_csv(path: Path, row_index: int, column: str, value: str) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row_index][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return row_index + 1  # the line number, header being line 1


def test_misspelt_unit_names_file_and_line(plan_copy):
    line = _edit_csv(plan_copy / "tasks.csv", 3, "lead", "Phòng Thanh tro")
    built = load_plan(plan_copy)
    unknown = [f for f in built.findings if f.code == "plan-unknown-unit"]
    assert len(unknown) == 1 and unknown[0].severity == "error"
    assert unknown[0].where == f"tasks.csv:{line}" and "Phòng Thanh tro" in unknown[0].message


def test_nfd_unit_names_resolve(plan_copy):
    _edit_csv(plan_copy / "tasks.csv", 3, "lead", unicodedata.normalize("NFD", "Văn phòng"))
    assert "plan-unknown-unit" not in _codes(load_plan(plan_copy))


def test_duplicate_codes_and_bad_numbers_are_reported(plan_copy):
    with (plan_copy / "criteria.csv").open(encoding="utf-8") as handle:
        second_code = list(csv.reader(handle))[2][0]
    _edit_csv(plan_copy / "criteria.csv", 3, "code", second_code)
    _edit_csv(plan_copy / "levels.csv", 1, "points", "nửa điểm")
    codes = _codes(load_plan(plan_copy), "error")
    assert "plan-duplicate-code" in codes and "plan-bad-number" in codes


def test_a_declared_maximum_against_its_children_is_a_warning(plan_copy):
    _edit_csv(plan_copy / "criteria.csv", 2, "declared_max", "99,0000")
    built = load_plan(plan_copy)
    mismatches = [f for f in built.findings if f.code == "plan-sum-mismatch" and "99" in f.message]
    assert mismatches and mismatches[0].severity == "warning"


def test_missing_table_and_broken_workbook_are_findings_not_tracebacks(plan_copy, tmp_path):
    (plan_copy / "levels.csv").unlink()
    assert "plan-missing-table" in _codes(load_plan(plan_copy))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert _codes(load_plan(broken)) == ["plan-unreadable", "plan-checks-skipped"]  # the cause alone, then a note


def test_plan_check_json_contract(shipped):
    result = CliRunner().invoke(cli, ["plan", "check", "--json"])
    summary = json.loads(result.output)
    assert result.exit_code == 0
    assert summary["tasks"] == len(shipped.plan.tasks) == len(summary["task_list"])
    assert summary["criteria"] == len(shipped.plan.leaves())
    assert summary["total_max"] == pytest.approx(sum(leaf_max(c) for c in shipped.plan.leaves()))
    area = summary["areas"][0]
    assert set(area) == {"code", "title", "max", "declared_max"} and area["declared_max"] == 14.5
    assert all(set(f) >= {"severity", "where", "message"} for f in summary["findings"])


def test_plan_check_exit_code_on_errors(plan_copy):
    _edit_csv(plan_copy / "tasks.csv", 1, "lead", "")
    result = CliRunner().invoke(cli, ["plan", "check", "--plan", str(plan_copy)])
    assert result.exit_code == 1 and "plan-task-without-lead" in result.output


def test_init_creates_the_workspace_and_refuses_to_overwrite(tmp_path):
    runner = CliRunner()
    target = tmp_path / "ws"
    assert runner.invoke(cli, ["init", str(target)]).exit_code == 0
    for name in ("cchc.toml", "plan/tasks.csv", "inbox", "outbox", "archive", "reports"):
        assert (target / name).exists()
    settings = (target / "cchc.toml").read_text(encoding="utf-8")
    assert [line for line in settings.splitlines() if line.startswith("password")] == []
    again = runner.invoke(cli, ["init", str(target)])
    assert again.exit_code == 2 and "already" in again.output
    check = runner.invoke(cli, ["plan", "check", "-w", str(target)])
    assert check.exit_code == 0


def test_init_from_a_master_workbook(shipped, tmp_path):
    workbook = export_plan(shipped.plan, tmp_path / "plan.xlsx")
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "ws"), "--plan", str(workbook)])
    assert result.exit_code == 0
    assert (tmp_path / "ws" / "plan" / "plan.xlsx").exists()


def test_a_criterion_that_is_its_own_ancestor_is_an_error_not_a_hang(plan_copy):
    with (plan_copy / "criteria.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    code, parent = header.index("code"), header.index("parent")
    area = next(i for i, r in enumerate(rows) if r[code] == "I.1")
    rows[area][parent] = "I.1.1"  # I.1 under its own child I.1.1 under I.1
    with (plan_copy / "criteria.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    assert "plan-parent-cycle" in _codes(load_plan(plan_copy), "error")


def test_a_file_that_is_not_a_plan_is_a_finding(tmp_path):
    text = tmp_path / "tasks.csv"
    text.write_text("code,description\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", "check", "--plan", str(text)])
    assert result.exit_code == 1 and "plan-unreadable" in result.output and "Traceback" not in result.output


def test_settings_of_the_wrong_type_are_refused_with_their_key(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path / "ws")]).exit_code == 0
    settings = tmp_path / "ws" / "cchc.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('"Xuất sắc" = 90', '"Xuất sắc" = "90"'),
                        encoding="utf-8")
    result = runner.invoke(cli, ["generate", "-w", str(tmp_path / "ws"), "-p", "q1"])
    assert result.exit_code == 2 and "bands.Xuất sắc" in result.output
