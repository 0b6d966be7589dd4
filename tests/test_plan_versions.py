"""Plan versions: a plan edited after its workbooks went out still takes every return, row by row."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xlsx.cli import cli
from cchc_xlsx.collect import collect_paths
from cchc_xlsx.collect.analyse import analyse
from cchc_xlsx.plan.versions import load_versions, versions_dir
from cchc_xlsx.store.workspace import Workspace, init_workspace
from tests.corpus import make_corpus as mc

PERIOD = "q1"
EDITED_TASK = "NV1.2"  # led by Thanh tra, coordinated by every other unit: on every unit's sheet


def _edit(table: Path, key: str, column: str, value: str) -> None:
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    for row in rows:
        if row[header[0]] == key:
            row[column] = value
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _edit_level(table: Path, code: str, order: str, points: str) -> None:
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["criterion"] == code and row["order"] == order:
            row["points"] = points
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def returns():
    """Every unit's return of q1, filled from the shipped plan's workbooks."""
    return {u.code: mc.filled(u.code).save() for u in mc.PLAN.workbook_units()}


def _generated_workspace(tmp_path: Path) -> Workspace:
    workspace, _ = init_workspace(tmp_path / "ws")
    result = CliRunner().invoke(cli, ["generate", "-w", str(workspace.root), "-p", PERIOD])
    assert result.exit_code == 0, result.output
    return workspace


def _drop(workspace: Workspace, returns: dict[str, bytes]) -> None:
    for unit, data in returns.items():
        (workspace.inbox / f"{unit}.xlsx").write_bytes(data)


def test_generate_keeps_the_version_and_never_rewrites_it(tmp_path):
    workspace = _generated_workspace(tmp_path)
    plan = workspace.load_plan().plan
    kept = versions_dir(workspace.root) / plan.plan_id / "plan.xlsx"
    assert kept.is_file() and set(load_versions(workspace.root)) == {plan.plan_id}
    before = kept.stat().st_mtime_ns
    CliRunner().invoke(cli, ["generate", "-w", str(workspace.root), "-p", PERIOD])
    assert kept.stat().st_mtime_ns == before


def test_a_moved_deadline_accepts_every_return_with_findings_only_on_the_touched_rows(tmp_path, returns):
    workspace = _generated_workspace(tmp_path)
    old_id = workspace.load_plan().plan.plan_id
    _edit(workspace.plan_path / "tasks.csv", EDITED_TASK, "deadline", "30/11/2022")
    plan = workspace.load_plan().plan
    assert plan.plan_id != old_id
    _drop(workspace, returns)
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox], workers=1)
    assert len(result.outcomes) == len(returns)
    assert {o.verdict for o in result.outcomes} == {"accepted"}, [(o.unit, o.findings) for o in result.outcomes]
    touched = 0
    for outcome in result.outcomes:
        rows = [f for f in outcome.findings if f["code"] != "meta-older-plan"]
        assert [f["code"] for f in outcome.findings if f["code"] == "meta-older-plan"] == ["meta-older-plan"]
        assert all(f["code"] == "row-plan-changed" and f["row_code"] == EDITED_TASK for f in rows), rows
        assert all(f["sheet"] and f["cell"] for f in rows)
        assert all("30/11/2022" in f["message"] for f in rows)
        touched += len(rows)
    assert touched > 0 and touched == sum(1 for u in plan.workbook_units() if plan.tasks_for(u.code)
                          and any(t.code == EDITED_TASK for t in plan.tasks_for(u.code)))

    diff = CliRunner().invoke(cli, ["plan", "diff", "-w", str(workspace.root), "--json"])
    assert diff.exit_code == 0, diff.output
    changes = json.loads(diff.output)
    assert changes["old"] == old_id and changes["new"] == plan.plan_id
    assert [(c["table"], c["code"], c["kind"]) for c in changes["changes"]] == [("tasks", EDITED_TASK, "changed")]
    assert changes["changes"][0]["fields"] == [{"field": "deadline", "old": "31/12/2022", "new": "30/11/2022"}]
    text = CliRunner().invoke(cli, ["plan", "diff", "-w", str(workspace.root)])
    assert EDITED_TASK in text.output and "30/11/2022" in text.output
    check = CliRunner().invoke(cli, ["plan", "check", "-w", str(workspace.root)])
    assert f"{old_id} (1 changes)" in check.output


def test_a_rescored_criterion_is_a_warning_on_its_row_and_a_removed_task_a_note(tmp_path, returns):
    workspace = _generated_workspace(tmp_path)
    _edit_level(workspace.plan_path / "levels.csv", "I.3.1.1", "2", "0,1000")
    plan_folder = workspace.plan_path
    with (plan_folder / "tasks.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with (plan_folder / "tasks.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(r for r in rows if r["code"] != "NV1.4")
    plan = workspace.load_plan().plan
    ttra = {"TTRA": returns["TTRA"]}
    _drop(workspace, ttra)
    outcome = collect_paths(workspace, plan, PERIOD, [workspace.inbox], workers=1).outcomes[0]
    codes = {(f["code"], f["row_code"]) for f in outcome.findings}
    assert ("row-plan-rescored", "I.3.1.1") in codes
    assert ("row-plan-removed", "NV1.4") in codes
    assert outcome.verdict == "warnings"


def test_an_unknown_version_is_matched_by_code_and_refused_only_when_nothing_matches(tmp_path, returns):
    workspace, _ = init_workspace(tmp_path / "ws")  # never generated: no version kept
    _edit(workspace.plan_path / "tasks.csv", EDITED_TASK, "deadline", "30/11/2022")
    plan = workspace.load_plan().plan
    _drop(workspace, {"TTRA": returns["TTRA"]})
    outcome = collect_paths(workspace, plan, PERIOD, [workspace.inbox], workers=1).outcomes[0]
    assert outcome.verdict == "warnings" and "meta-unknown-plan" in {f["code"] for f in outcome.findings}

    # Not one of the unit's rows keeps its Mã in the current plan: the file is refused whole.
    renamed = replace(plan, tasks=tuple(replace(t, code="X" + t.code) for t in plan.tasks),
                      criteria=tuple(replace(c, code="X" + c.code, parent=c.parent and "X" + c.parent)
                                     for c in plan.criteria))
    analysis = analyse(returns["TTRA"], "TTRA.xlsx", "", renamed, PERIOD, workspace.limits())
    assert analysis.verdict == "rejected"
    assert [f["code"] for f in analysis.findings] == ["meta-other-plan"]
    assert analysis.task_values == [] and analysis.criterion_values == []


def test_a_level_picked_in_an_older_version_is_found_again_by_its_text(tmp_path):
    # The 2022 plan as first shipped: I.1.1 had two levels; the correction put a partial level between.
    from cchc_xlsx.generate import write_unit_workbook
    from cchc_xlsx.rules import scoring

    plan = mc.PLAN
    current = plan.criterion("I.1.1")
    old_levels = (replace(current.levels[0], order=1), replace(current.levels[2], order=2))
    old_plan = replace(plan, criteria=tuple(replace(c, levels=old_levels) if c.code == "I.1.1" else c
                                            for c in plan.criteria))
    assert old_plan.plan_id != plan.plan_id
    path = tmp_path / "vp.xlsx"
    write_unit_workbook(path, old_plan, old_plan.units_by_code["VP"], plan.period(PERIOD), generated_at=mc.NOW)
    book = mc.fill(mc.Book(path.read_bytes(), "VP"))
    book.criteria.set("I.1.1", "result", scoring.level_label(old_levels[1]))  # "2. … không đạt yêu cầu nào"
    versions = {old_plan.plan_id: old_plan}
    analysis = analyse(book.save(), "vp.xlsx", "", plan, PERIOD, Workspace(tmp_path).limits(), versions=versions)
    row = next(v for v in analysis.criterion_values if v["code"] == "I.1.1")
    assert row["result_value"] == "3" and row["points"] == 0  # the current plan's "không đạt", not its 0,25
    assert ("row-plan-rescored", "I.1.1") in {(f["code"], f["row_code"]) for f in analysis.findings}
    assert analysis.verdict == "warnings" and "meta-older-plan" in {f["code"] for f in analysis.findings}


@pytest.mark.parametrize("lang, added, units", [("vi", "thêm", "đơn vị"), ("en", "added", "units")])
def test_plan_diff_names_a_unit_added_to_the_plan(tmp_path, lang, added, units):
    workspace = _generated_workspace(tmp_path)
    table = workspace.plan_path / "units.csv"
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.append({**rows[0], "code": "PNV", "name": "Phòng Nội vụ", "aliases": ""})
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    text = CliRunner().invoke(cli, ["--lang", lang, "plan", "diff", "-w", str(workspace.root)])
    assert text.exit_code == 0 and text.exception is None, text.output
    assert any(line.split() == [added, *units.split(), "PNV"] for line in text.output.splitlines()), text.output
