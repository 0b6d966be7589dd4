"""The shipped plan's corrections: each kept with what the document prints, scored as corrected,
listed by ``plan check --json``, and every gap between the leaves and the declared total explained."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from cchc_xlsx.cli import cli
from cchc_xlsx.plan import load_plan
from cchc_xlsx.rules.scoring import Result, leaf_max, points

# (criterion, answer, points): the corrected criteria of the shipped plan, scored.
CORRECTED = [
    ("I.3.1.2", 1, 0.5), ("I.3.1.2", 2, 0.0),                            # "Không tham mưu" earns nothing
    ("I.3.5.2", 1, 0.5), ("I.3.5.2", 2, 0.5), ("I.3.5.2", 3, 0.0),       # no late files: full points
    ("I.3.3.2", True, 0.25), ("I.3.3.2", False, 0.0),
    ("I.5.1.1.2", True, 0.25), ("I.5.1.1.2", False, 0.0),
    ("I.2.2", 0.5, 0.5), ("I.2.2", 0.3, 0.3), ("I.2.2", 2.0, 0.5),       # one leaf, 0 to 0,5
    ("I.1.1", 1, 0.5), ("I.1.1", 2, 0.25), ("I.1.1", 3, 0.0),           # one requirement of two: half
    ("I.6.4", 2, 1.0), ("I.6.4", 3, 0.5), ("I.6.4", 4, 0.0),            # issue 24: L538's numbers read in order
    ("I.6.3.2", 0.4, 0.4), ("I.6.3.2", 1.0, 0.5),                       # issue 24: free points, 0 to 0,5
]


@pytest.mark.parametrize("code, answer, expected", CORRECTED)
def test_corrected_criteria_score_from_their_corrected_levels(shipped, code, answer, expected):
    assert points(shipped.plan.criterion(code), Result(answer)) == pytest.approx(expected)


def test_corrected_maxima_and_the_leaf_that_replaced_the_pbgdpl_items(shipped):
    plan = shipped.plan
    assert [leaf_max(plan.criterion(c)) for c in ("I.3.1.2", "I.3.5.2", "I.3.3.2", "I.5.1.1.2", "I.2.2", "I.1.1")] \
        == [0.5, 0.5, 0.25, 0.25, 0.5, 0.5]
    assert plan.criterion("I.2.2").is_leaf and not plan.has_criterion("I.2.2.1")
    assert sum(leaf_max(c) for c in plan.leaves("I.3.3")) == 0.5 == plan.criterion("I.3.3").declared_max


def test_plan_check_lists_each_correction_as_a_note_and_in_json(shipped):
    corrected = [f for f in shipped.findings if f.code == "plan-corrected"]
    assert len(corrected) == len(shipped.plan.corrections) >= 8 and {f.severity for f in corrected} == {"info"}
    result = CliRunner().invoke(cli, ["plan", "check", "--json"])
    summary = json.loads(result.output)
    assert result.exit_code == 0
    rows = summary["corrections"]
    assert all(set(r) == {"where", "code", "field", "printed", "used", "reason"} for r in rows)
    by_key = {(r["code"], r["field"]): r for r in rows}
    assert by_key[("I.3.1.2", "level 2 points")]["printed"] == "0,5000" and by_key[("I.3.1.2", "level 2 points")]["used"] == "0"
    assert by_key[("I.3.5.2", "level 2 points")]["used"] == "0,5"
    assert {("I.3.3.2", "declared_max"), ("I.5.1.1.2", "declared_max"), ("I.2.2", "rule"),
            ("I.1.1", "level 2 points"), ("I.6.4", "level 4 points"), ("I.6.3.2", "rule")} <= set(by_key)
    # issue 24: the maximum row of I.3.1.2 gives the number L396 prints, as its reason says
    assert by_key[("I.3.1.2", "declared_max")]["printed"] == "0,5000"
    assert by_key[("I.6.4", "level 4 points")]["printed"] == "0,0000" and by_key[("I.6.3.2", "rule")]["used"] == "points"


def test_every_gap_between_the_leaves_and_the_declared_total_is_a_finding(shipped):
    summary = json.loads(CliRunner().invoke(cli, ["plan", "check", "--json"]).output)
    assert summary["sections_declared"] == 100 and summary["total_max"] == pytest.approx(98.5)
    gaps = summary["max_gaps"]
    assert sum(g["gap"] for g in gaps) == pytest.approx(summary["sections_declared"] - summary["total_max"])
    mismatches = {f.where for f in shipped.findings if f.code == "plan-sum-mismatch"}
    assert {str(shipped.where("criteria", g["code"])) for g in gaps} == mismatches
    assert [g["code"] for g in gaps] == ["II.4"]  # 6 declared, nine items of 0,5
    assert "plan-total-mismatch" in {f.code for f in shipped.findings}  # TỔNG CỘNG 64: a warning


def test_a_correction_the_tables_no_longer_match_is_a_warning(plan_copy):
    with (plan_copy / "levels.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["criterion"] == "I.3.1.2" and row["order"] == "2":
            row["points"] = "0,5000"
    with (plan_copy / "levels.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    stale = [f for f in load_plan(plan_copy).findings if f.code == "plan-correction-stale"]
    assert len(stale) == 1 and "I.3.1.2" in stale[0].message


def test_the_master_workbook_keeps_the_corrections_editable(shipped, tmp_path):
    from cchc_xlsx.plan.export import export_plan

    path = export_plan(shipped.plan, tmp_path / "plan.xlsx")
    again = load_plan(path)
    assert again.plan.corrections == shipped.plan.corrections
    assert again.plan.plan_id == shipped.plan.plan_id
