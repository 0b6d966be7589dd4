"""The scoring rules, table-driven: every rule type, hạ chuẩn, totals and the index."""

import pytest

from cchc_xlsx.core.model import Criterion, Level, Plan
from cchc_xlsx.rules.scoring import (Result, index, leaf_max, level_label, level_order_from_label, points,
                               points_formula, score_tree)


def crit(code, rule, declared_max=None, levels=(), parent=None, **kw):
    return Criterion(code=code, parent=parent, title=code, declared_max=declared_max, rule=rule,
                     levels=tuple(levels), **kw)


CHOICE = crit("c", "choice", 0.5, [Level(1, "Có ban hành", 0.5), Level(2, "Không ban hành", 0.0)])
YESNO = crit("y", "yesno", 0.125)
RATIO = crit("r", "ratio", 1.0, rule_points=1.0)
THRESHOLD = crit("t", "threshold", 0.5, rule_points=0.5, rule_threshold=95)
TIERS = crit("k", "tiers", 2.0, [Level(1, "Hoàn thành", 2.0, 0), Level(2, "Chậm 1", 1.5, 1), Level(3, "Chậm 2", 1.0, 2),
                                  Level(4, "Chậm 3", 0.5, 3), Level(5, "Chậm 4 trở lên", 0.0, 4)])
POINTS = crit("p", "points", 15.0)

CASES = [
    (CHOICE, 1, 0.5), (CHOICE, 2, 0.0), (CHOICE, 7, 0.0), (CHOICE, None, 0.0),
    (YESNO, True, 0.125), (YESNO, False, 0.0),
    (RATIO, 80, 0.8), (RATIO, 100, 1.0), (RATIO, 120, 1.0), (RATIO, -5, 0.0),
    (THRESHOLD, 94, 0.0), (THRESHOLD, 96, 0.48), (THRESHOLD, 95, 0.475), (THRESHOLD, 100, 0.5),
    (TIERS, 0, 2.0), (TIERS, 1, 1.5), (TIERS, 3, 0.5), (TIERS, 4, 0.0), (TIERS, 9, 0.0),
    (POINTS, 12.5, 12.5), (POINTS, 16, 15.0), (POINTS, -1, 0.0),
]


@pytest.mark.parametrize("criterion, value, expected", CASES)
def test_points_by_rule(criterion, value, expected):
    assert points(criterion, Result(value)) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("criterion", [CHOICE, YESNO, RATIO, THRESHOLD, TIERS, POINTS])
def test_not_applicable_earns_nothing(criterion):
    assert points(criterion, Result(None, not_applicable=True)) == 0
    assert points(criterion, None) == 0


def test_leaf_max_falls_back_to_levels_then_rule_points():
    assert leaf_max(crit("a", "choice", None, [Level(1, "x", 0.25), Level(2, "y", None)])) == 0.25
    assert leaf_max(crit("b", "ratio", None, rule_points=1.0)) == 1.0


def test_level_labels_carry_their_number_and_stay_short():
    label = level_label(Level(2, "2. Không thực hiện " + "rất dài " * 60, 0.0))
    assert label.startswith("2. Không thực hiện") and len(label) <= 250 and label.endswith("(0 điểm)")
    assert level_order_from_label(label) == 2 and level_order_from_label("Có") is None


def test_formulas_name_their_cells():
    assert points_formula(YESNO, "E7", None) == 'IF(E7="Có",0.125,0)'
    assert points_formula(THRESHOLD, "E7", "F7").startswith(
        'IF(F7="Có",0,IF(ISNUMBER(E7),IF(IF(LEFT(CELL("format",E7),1)="P",E7*100,E7)<95,0,')
    assert points_formula(TIERS, "E7", None).count("IF(MAX(INT(E7),0)>=") == 5


def _tree():
    criteria = (
        Criterion("I", None, "I", 3.5),
        Criterion("I.1", "I", "area", 3.5),
        crit("I.1.1", "choice", 0.5, CHOICE.levels, parent="I.1", not_applicable="hạ chuẩn nếu không giao"),
        crit("I.1.2", "ratio", 1.0, parent="I.1", rule_points=1.0),
        crit("I.1.3", "tiers", 2.0, TIERS.levels, parent="I.1"),
    )
    return Plan(meta={}, units=(), tasks=(), criteria=criteria, periods=())


def test_index_all_max_all_min_and_mixed_by_hand():
    plan = _tree()
    best = {"I.1.1": Result(1), "I.1.2": Result(100), "I.1.3": Result(0)}
    worst = {"I.1.1": Result(2), "I.1.2": Result(0), "I.1.3": Result(7)}
    assert index(score_tree(plan, best)[""].points, score_tree(plan, best)[""].adjusted_max) == 100
    assert index(score_tree(plan, worst)[""].points, score_tree(plan, worst)[""].adjusted_max) == 0
    # I.1.1 hạ chuẩn (0,5 leaves the denominator), 80% of 1,0 and one late task (1,5): 2,3 / 3,0.
    mixed = score_tree(plan, {"I.1.1": Result(None, True), "I.1.2": Result(80), "I.1.3": Result(1)})
    assert mixed[""].adjusted_max == pytest.approx(3.0)
    assert mixed["I.1"].points == pytest.approx(2.3)
    assert index(mixed[""].points, mixed[""].adjusted_max) == pytest.approx(2.3 / 3.0 * 100)


def test_not_applicable_only_where_the_plan_allows_it():
    plan = _tree()
    scores = score_tree(plan, {"I.1.2": Result(50, not_applicable=True)})
    assert scores["I.1.2"].not_applicable_max == 0 and scores["I.1.2"].points == pytest.approx(0.5)
