"""Scoring a plan: a leaf's points and formula (by its rule's kind, ``rules/<kind>.py``, where the
Python computation and the Excel formula sit side by side so they cannot drift apart; a test
recalculates the formulas in LibreOffice and compares them with ``points``), hạ chuẩn, the totals
of the criteria tree and the index. No I/O.

The rule names below are data (tests and tables name kinds); nothing outside ``rules/`` branches
on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Mapping

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Criterion, Plan
from cchc_xlsx.core.values import normalize_text
from cchc_xlsx.rules import GENERIC, KINDS, kind_of
from cchc_xlsx.rules.base import LABEL_LIMIT, LevelKind, Result, level_label, level_order_from_label  # noqa: F401

CHOICE = "choice"      # one level among several
YESNO = "yesno"        # an item worth its maximum if done
RATIO = "ratio"        # (percentage × points) : 100%
THRESHOLD = "threshold"  # as RATIO from the threshold up, 0 below it
TIERS = "tiers"        # points by a count (late tasks, ...)
POINTS = "points"      # points entered directly, 0..max
PER_ITEM = "per_item"  # a count: points per item up to the maximum, or a deduction per item from it
RULES = tuple(KINDS)
PERCENT_RULES = tuple(name for name, kind in KINDS.items() if kind.reads_percent)
LEVEL_RULES = tuple(name for name, kind in KINDS.items() if isinstance(kind, LevelKind))


def leaf_max(criterion: Criterion) -> float:
    """A leaf's maximum: as declared, else what its kind makes of its levels or points."""
    return KINDS.get(criterion.rule or "", GENERIC).maximum(criterion)


def points(criterion: Criterion, result: Result | None) -> float:
    """Points a leaf earns for ``result``; hạ chuẩn and empty answers earn 0.

    Out-of-range answers are clamped as the workbook formula clamps them (a percentage to
    0..100, direct points to 0..max, a count to 0 and up); validation reports them.
    """
    if result is None or result.not_applicable or result.value is None:
        return 0.0
    return kind_of(criterion).points(criterion, result.value)


def points_formula(criterion: Criterion, result_ref: str, na_ref: str | None) -> str:
    """The Excel formula (without "=") computing ``points`` from the cells of one row.

    Args:
        criterion: a leaf.
        result_ref: the address of its ``Kết quả`` cell, e.g. ``"E7"``.
        na_ref: the address of its ``Không áp dụng (hạ chuẩn)`` cell, or None where the plan
            does not allow hạ chuẩn.

    Returns:
        A formula that Excel, LibreOffice and WPS evaluate alike.
    """
    core = kind_of(criterion).formula(criterion, result_ref)
    if na_ref:
        return f'IF({na_ref}="{labels.YES}",0,{core})'
    return core


def rule_text(criterion: Criterion, not_applicable: str = "") -> str:
    """How a leaf is scored, in the plan's words, for the ``Cách chấm`` column; with the plan's
    hạ chuẩn condition (``not_applicable``) on a last line where it allows one."""
    text = KINDS.get(criterion.rule or "", GENERIC).text(criterion)
    if not_applicable:
        text = f"{text}\n{labels.NA_CONDITION.format(text=normalize_text(not_applicable))}" if text else \
            labels.NA_CONDITION.format(text=normalize_text(not_applicable))
    return text


# --- totals and the index --------------------------------------------------------------

@dataclass(frozen=True)
class NodeScore:
    """Totals of one node of the criteria tree: ``points`` as self-scored, ``final`` as counted
    (an appraised score, where the Office entered one, replaces the self-score)."""

    code: str
    max: float
    not_applicable_max: float
    points: float
    final: float

    @property
    def adjusted_max(self) -> float:
        """The maximum once hạ chuẩn criteria leave the denominator."""
        return self.max - self.not_applicable_max

    @property
    def ratio(self) -> float:
        """Counted points as a share of the adjusted maximum, 0..1 (0 when nothing applies)."""
        return self.final / self.adjusted_max if self.adjusted_max > 0 else 0.0

    @property
    def index(self) -> float:
        """The CCHC index of this node (of the whole plan for the root ``""``)."""
        return index(self.final, self.adjusted_max)


def index(points_total: float, adjusted_max: float) -> float:
    """The CCHC index: points ÷ (maximum − maxima of criteria not applicable) × 100."""
    return points_total / adjusted_max * 100 if adjusted_max > 0 else 0.0


INDEX_DECIMALS = 9  # a unit's index is rounded so equal results rank equal, not by the last bit of a float


def ranked_index(points_total: float, adjusted_max: float) -> float:
    """The index as ranked between units: ``index`` rounded to ``INDEX_DECIMALS`` (Excel's ROUND)."""
    value = index(points_total, adjusted_max)
    return float(round(value, INDEX_DECIMALS))


def ranked_index_formula(points_ref: str, max_ref: str) -> str:
    """``ranked_index`` as an Excel formula (without "=")."""
    return f"ROUND(IF({max_ref}>0,{points_ref}/{max_ref}*100,0),{INDEX_DECIMALS})"


def score_tree(plan: Plan, results: Mapping[str, Result],
               appraised: Mapping[str, float] | None = None,
               only: Collection[str] | None = None) -> dict[str, NodeScore]:
    """Totals for every node, from the leaves' results (a missing result earns 0).

    Args:
        plan: the plan.
        results: leaf code → Result.
        appraised: leaf code → the Office's appraised points, counted instead of the self-score.
        only: the leaves that count (one unit's, with ``index_scope = unit``); the others count
            nothing, neither points nor maximum. None: every leaf.

    Returns:
        code → NodeScore for every criterion, leaves included, plus ``""`` for the whole plan.
    """
    scores: dict[str, NodeScore] = {}
    for criterion in reversed(plan.criteria):  # children come after their parents
        if criterion.is_leaf and only is not None and criterion.code not in only:
            scores[criterion.code] = NodeScore(criterion.code, 0.0, 0.0, 0.0, 0.0)
        elif criterion.is_leaf:
            scores[criterion.code] = leaf_score(plan, criterion, results.get(criterion.code),
                                                (appraised or {}).get(criterion.code))
        else:
            scores[criterion.code] = _sum(criterion.code, [scores[c.code] for c in plan.children(criterion.code)])
    scores[""] = _sum("", [scores[c.code] for c in plan.children(None)])
    return scores


def leaf_score(plan: Plan, criterion: Criterion, result: Result | None,
               appraised: float | None = None) -> NodeScore:
    """One leaf's maximum, hạ chuẩn, points for ``result``, and what counts (``appraised`` if given)."""
    maximum = leaf_max(criterion)
    not_applicable = bool(result and result.not_applicable and plan.allows_not_applicable(criterion.code))
    if result and result.not_applicable and not not_applicable:
        result = Result(result.value)  # a hạ chuẩn mark the plan does not allow is ignored, as the formula does
    earned = 0.0 if not_applicable else points(criterion, result)
    return NodeScore(criterion.code, maximum, maximum if not_applicable else 0.0, earned,
                     earned if appraised is None else appraised)


def pool_trees(plan: Plan, trees: list[Mapping[str, NodeScore]]) -> dict[str, NodeScore]:
    """The agency's totals when each unit scores for itself: each leaf summed over ``trees`` (in
    their order, as the SUMIFS over the per-unit rows adds them), then up the tree as ``score_tree``."""
    scores: dict[str, NodeScore] = {}
    for criterion in reversed(plan.criteria):
        if criterion.is_leaf:
            scores[criterion.code] = _sum(criterion.code, [t[criterion.code] for t in trees])
        else:
            scores[criterion.code] = _sum(criterion.code, [scores[c.code] for c in plan.children(criterion.code)])
    scores[""] = _sum("", [scores[c.code] for c in plan.children(None)])
    return scores


def _sum(code: str, parts: list[NodeScore]) -> NodeScore:
    # Summed in order, as Excel's SUM does, so cached values equal recalculated ones to the last bit.
    return NodeScore(code, sum(p.max for p in parts), sum(p.not_applicable_max for p in parts),
                     sum(p.points for p in parts), sum(p.final for p in parts))
