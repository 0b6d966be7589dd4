"""The scoring rules, written once.

For each rule a leaf criterion can have, this module holds both the Python computation
(``points``) and the Excel formula that computes the same number in a workbook
(``points_formula``), side by side so they cannot drift apart; a test recalculates the
formulas in LibreOffice and compares them with ``points``. Totals, hạ chuẩn and the index
are computed here too. No I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Collection, Mapping

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Criterion, Level, Plan
from cchc_xlsx.core.values import format_points, normalize_text

CHOICE = "choice"      # one level among several
YESNO = "yesno"        # an item worth its maximum if done
RATIO = "ratio"        # (percentage × points) : 100%
THRESHOLD = "threshold"  # as RATIO from the threshold up, 0 below it
TIERS = "tiers"        # points by a count (late tasks, ...)
POINTS = "points"      # points entered directly, 0..max
RULES = (CHOICE, YESNO, RATIO, THRESHOLD, TIERS, POINTS)
PERCENT_RULES = (RATIO, THRESHOLD)
LEVEL_RULES = (CHOICE, TIERS)

LABEL_LIMIT = 250  # a list item and a MATCH argument must stay under Excel's 255 characters


@dataclass(frozen=True)
class Result:
    """What a unit answered for one leaf, already parsed.

    ``value`` is a level order (int) for choice, a bool for yes/no, a percentage for ratio
    and threshold, a count for tiers and points for points; ``None`` when left empty.
    """

    value: Any = None
    not_applicable: bool = False


def leaf_max(criterion: Criterion) -> float:
    """A leaf's maximum: as declared, else the best level, else the rule's points."""
    if criterion.declared_max is not None:
        return criterion.declared_max
    level_points = [lv.points for lv in criterion.levels if lv.points is not None]
    if level_points:
        return max(level_points)
    return criterion.rule_points or 0.0


def _rule_points(criterion: Criterion) -> float:
    return criterion.rule_points if criterion.rule_points is not None else leaf_max(criterion)


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def points(criterion: Criterion, result: Result | None) -> float:
    """Points a leaf earns for ``result``; hạ chuẩn and empty answers earn 0.

    Out-of-range answers are clamped as the workbook formula clamps them (a percentage to
    0..100, direct points to 0..max, a count to 0 and up); validation reports them.
    """
    if result is None or result.not_applicable or result.value is None:
        return 0.0
    value = result.value
    rule = criterion.rule
    if rule == CHOICE:
        level = _level(criterion, value)
        return (level.points or 0.0) if level else 0.0
    if rule == YESNO:
        return leaf_max(criterion) if value is True else 0.0
    if rule == RATIO:
        return _clamp(float(value), 0, 100) * _rule_points(criterion) / 100
    if rule == THRESHOLD:
        percent = float(value)
        if percent < (criterion.rule_threshold or 0):
            return 0.0
        return _clamp(percent, 0, 100) * _rule_points(criterion) / 100
    if rule == TIERS:
        return _tier_points(criterion, max(int(value), 0))
    if rule == POINTS:
        return _clamp(float(value), 0, leaf_max(criterion))
    raise ValueError(f"unknown rule {rule!r} for {criterion.code}")


def _level(criterion: Criterion, order: Any) -> Level | None:
    for level in criterion.levels:
        if level.order == order:
            return level
    return None


def _tier_points(criterion: Criterion, count: int) -> float:
    best = None
    for level in sorted(criterion.levels, key=lambda lv: lv.min_count or 0):
        if (level.min_count or 0) <= count:
            best = level
    return (best.points or 0.0) if best else 0.0


# --- the same rules as Excel formulas -------------------------------------------------

def _num(value: float | None) -> str:
    return format(value or 0.0, ".15g")


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
    r = result_ref
    rule = criterion.rule
    if rule == CHOICE:
        # The list items start with the level's number ("2. ..."): pick its points by number.
        choices = ",".join(_num(lv.points) for lv in sorted(criterion.levels, key=lambda lv: lv.order))
        core = f'IFERROR(CHOOSE(VALUE(LEFT({r},FIND(".",{r})-1)),{choices}),0)'
    elif rule == YESNO:
        core = f'IF({r}="{labels.YES}",{_num(leaf_max(criterion))},0)'
    elif rule == RATIO:
        p = _percent(r)
        core = f"IF(ISNUMBER({r}),MIN(MAX({p},0),100)*{_num(_rule_points(criterion))}/100,0)"
    elif rule == THRESHOLD:
        p = _percent(r)
        core = (f"IF(ISNUMBER({r}),IF({p}<{_num(criterion.rule_threshold)},0,"
                f"MIN(MAX({p},0),100)*{_num(_rule_points(criterion))}/100),0)")
    elif rule == TIERS:
        core = f"IF(ISNUMBER({r}),{_tiers_formula(criterion, f'MAX(INT({r}),0)')},0)"
    elif rule == POINTS:
        core = f"IF(ISNUMBER({r}),MIN(MAX({r},0),{_num(leaf_max(criterion))}),0)"
    else:
        raise ValueError(f"unknown rule {rule!r} for {criterion.code}")
    if na_ref:
        return f'IF({na_ref}="{labels.YES}",0,{core})'
    return core


def _percent(ref: str) -> str:
    # The rule of values.parse_percent, in Excel: the cell's number format decides. A cell that shows
    # a percentage (CELL "format" code "P0", "P2", ...) holds 80 % as 0.8; a plain cell holds 80.
    return f'IF(LEFT(CELL("format",{ref}),1)="P",{ref}*100,{ref})'


def _tiers_formula(criterion: Criterion, count: str) -> str:
    # Nested IFs, highest tier first: "IF(n>=4,0,IF(n>=3,0.5,...))".
    return _nest_tiers(sorted(criterion.levels, key=lambda lv: lv.min_count or 0, reverse=True), count)


def _nest_tiers(tiers_high_first: list[Level], count: str) -> str:
    if not tiers_high_first:
        return "0"
    head, *rest = tiers_high_first
    return f"IF({count}>={head.min_count or 0},{_num(head.points)},{_nest_tiers(rest, count)})"


# --- how a rule is shown and typed -----------------------------------------------------

_LEADING_NUMBER = re.compile(r"^\s*(\d+)\s*[.)]\s*")  # "1. ", "2) " in the plan's level texts
_LABEL_NUMBER = re.compile(r"^\s*(\d+)\s*\.")  # what the formula reads: digits before the first "."


def level_label(level: Level) -> str:
    """The list item for a level: "2. <text> (0,5 điểm)", kept under Excel's length limit."""
    text = _LEADING_NUMBER.sub("", normalize_text(level.text).lstrip("-+ "))
    suffix = f" ({format_points(level.points or 0.0)} {labels.POINTS_WORD})"
    room = LABEL_LIMIT - len(f"{level.order}. ") - len(suffix)
    if len(text) > room:
        text = text[: room - 1].rstrip() + "…"
    return f"{level.order}. {text}{suffix}"


def level_order_from_label(value: Any) -> int | None:
    """The level number a list answer starts with ("2. ..." → 2), or None."""
    match = _LABEL_NUMBER.match(normalize_text(value))
    return int(match.group(1)) if match else None


def rule_text(criterion: Criterion, not_applicable: str = "") -> str:
    """How a leaf is scored, in the plan's words, for the ``Cách chấm`` column; with the plan's
    hạ chuẩn condition (``not_applicable``) on a last line where it allows one."""
    text = _rule_text(criterion)
    if not_applicable:
        text = f"{text}\n{labels.NA_CONDITION.format(text=normalize_text(not_applicable))}" if text else \
            labels.NA_CONDITION.format(text=normalize_text(not_applicable))
    return text


def _rule_text(criterion: Criterion) -> str:
    rule = criterion.rule
    maximum = format_points(leaf_max(criterion))
    if rule in LEVEL_RULES:
        lines = [level_label(lv) for lv in criterion.levels]
        if rule == TIERS:
            # The tier's own text says what is counted (late tasks, unlawful documents, ...).
            lines = [labels.TIER_LINE.format(text=_LEADING_NUMBER.sub("", normalize_text(lv.text)), count=lv.min_count or 0,
                                             points=format_points(lv.points or 0.0)) if normalize_text(lv.text)
                     else f"{labels.TIER_FROM.format(count=lv.min_count or 0)}: {format_points(lv.points or 0.0)}"
                     for lv in criterion.levels]
        return "\n".join(lines)
    if rule == YESNO:
        return labels.RULE_YESNO.format(max=maximum)
    if rule == RATIO:
        return labels.RULE_RATIO.format(points=format_points(_rule_points(criterion)))
    if rule == THRESHOLD:
        return labels.RULE_THRESHOLD.format(threshold=format_points(criterion.rule_threshold),
                                            points=format_points(_rule_points(criterion)))
    if rule == POINTS:
        return labels.RULE_POINTS.format(max=maximum)
    return ""


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
