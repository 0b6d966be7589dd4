"""``tiers``: points by a count (late tasks, unlawful documents, ...): the highest tier reached."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Criterion, Level
from cchc_xlsx.core.values import format_points, normalize_text
from cchc_xlsx.rules.base import COUNT_VALIDATION, LEADING_NUMBER, LevelKind, Problem, Validation, num, parse_count


class Tiers(LevelKind):
    name = "tiers"
    levels_count = True

    def points(self, criterion: Criterion, value: Any) -> float:
        count, best = max(int(value), 0), None
        for level in sorted(criterion.levels, key=lambda lv: lv.min_count or 0):
            if (level.min_count or 0) <= count:
                best = level
        return (best.points or 0.0) if best else 0.0

    def formula(self, criterion: Criterion, ref: str) -> str:
        # Nested IFs, highest tier first: "IF(n>=4,0,IF(n>=3,0.5,...))".
        tiers = sorted(criterion.levels, key=lambda lv: lv.min_count or 0, reverse=True)
        return f"IF(ISNUMBER({ref}),{_nest(tiers, f'MAX(INT({ref}),0)')},0)"

    def level_text(self, level: Level) -> str:
        # The tier's own text says what is counted (late tasks, unlawful documents, ...).
        count, points = level.min_count or 0, format_points(level.points or 0.0)
        if normalize_text(level.text):
            return labels.TIER_LINE.format(text=LEADING_NUMBER.sub("", normalize_text(level.text)), count=count,
                                           points=points)
        return f"{labels.TIER_FROM.format(count=count)}: {points}"

    def validation(self, criterion: Criterion) -> Validation:
        return Validation("count", COUNT_VALIDATION)

    def parse(self, criterion: Criterion, raw: Any) -> tuple[int, None]:
        return parse_count(raw)

    def shape_problems(self, criterion: Criterion) -> Iterator[Problem]:
        yield from super().shape_problems(criterion)
        for level in criterion.levels:
            if level.min_count is None:
                yield Problem("plan-tier-count", {"text": level.text}, level.order)


def _nest(tiers_high_first: list[Level], count: str) -> str:
    if not tiers_high_first:
        return "0"
    head, *rest = tiers_high_first
    return f"IF({count}>={head.min_count or 0},{num(head.points)},{_nest(rest, count)})"
