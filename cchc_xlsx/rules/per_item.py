"""``per_item``: the unit enters a count. With ``rule_points`` > 0 each item earns that many points,
up to the maximum ("mỗi sáng kiến được 0,5 điểm, tối đa 1,5 điểm"); with ``rule_points`` < 0 each
item takes that many points off the maximum, never below 0 ("mỗi văn bản trễ hạn trừ 0,25 điểm")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Criterion
from cchc_xlsx.core.values import format_points
from cchc_xlsx.rules.base import COUNT_VALIDATION, Problem, RuleKind, Validation, num, parse_count


class PerItem(RuleKind):
    name = "per_item"

    def maximum(self, criterion: Criterion) -> float:
        # The cap (or the base the deductions start from) is the declared maximum; plan check demands it.
        return criterion.declared_max if criterion.declared_max is not None else 0.0

    def points(self, criterion: Criterion, value: Any) -> float:
        # The same operations in the same order as the formula, so both give the same float.
        count, each, maximum = max(int(value), 0), criterion.rule_points or 0.0, self.maximum(criterion)
        if each >= 0:
            return min(count * each, maximum)
        return max(maximum + count * each, 0.0)

    def formula(self, criterion: Criterion, ref: str) -> str:
        count, each, maximum = f"MAX(INT({ref}),0)", criterion.rule_points or 0.0, self.maximum(criterion)
        if each >= 0:
            core = f"MIN({count}*{num(each)},{num(maximum)})"
        else:
            core = f"MAX({num(maximum)}+{count}*({num(each)}),0)"
        return f"IF(ISNUMBER({ref}),{core},0)"

    def text(self, criterion: Criterion) -> str:
        each = criterion.rule_points or 0.0
        template = labels.RULE_PER_ITEM_EARN if each >= 0 else labels.RULE_PER_ITEM_DEDUCT
        return template.format(points=format_points(abs(each)), max=format_points(self.maximum(criterion)))

    def validation(self, criterion: Criterion) -> Validation:
        return Validation("count", COUNT_VALIDATION)

    def parse(self, criterion: Criterion, raw: Any) -> tuple[int, None]:
        return parse_count(raw)

    def expected(self, criterion: Criterion) -> str:
        return labels.EXPECTED_COUNT

    def convert(self, text: str) -> int:
        return int(text)

    def shape_problems(self, criterion: Criterion) -> Iterator[Problem]:
        if not criterion.rule_points:
            yield Problem("plan-per-item-points")

    def lacks_max(self, criterion: Criterion) -> bool:
        return criterion.declared_max is None
