"""``ratio``: (percentage × points) : 100 %. The percentage kinds' shared reading of a cell."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Criterion
from cchc_xlsx.core.values import format_points, parse_percent
from cchc_xlsx.rules.base import PLAN_TOLERANCE, Problem, RuleKind, Validation, clamp, num


class Ratio(RuleKind):
    name = "ratio"
    reads_percent = True

    def points(self, criterion: Criterion, value: Any) -> float:
        return clamp(float(value), 0, 100) * self.rule_points(criterion) / 100

    def formula(self, criterion: Criterion, ref: str) -> str:
        return f"IF(ISNUMBER({ref}),MIN(MAX({percent(ref)},0),100)*{num(self.rule_points(criterion))}/100,0)"

    def text(self, criterion: Criterion) -> str:
        return labels.RULE_RATIO.format(points=format_points(self.rule_points(criterion)))

    def validation(self, criterion: Criterion) -> Validation:
        return Validation("percent", {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100})

    def parse(self, criterion: Criterion, raw: Any, percent_format: bool = False) -> tuple[float, Any]:
        # validate reads a percentage with its cell (values.parse_percent and its findings); this is
        # the same reading for a value on its own.
        parsed = parse_percent(raw, percent_format)
        if parsed.value < 0:
            raise ValueError(raw)
        return parsed.value, parsed

    def max_problems(self, criterion: Criterion) -> Iterator[Problem]:
        points, maximum = criterion.rule_points, criterion.declared_max
        if points is None or maximum is None:
            return
        fields = {"points": format_points(points), "max": format_points(maximum)}
        if points > maximum + PLAN_TOLERANCE:
            # 100 % would earn more than the criterion is worth: a unit scored 2 of 1.
            yield Problem("plan-ratio-above-max", fields)
        elif abs(points - maximum) > PLAN_TOLERANCE:
            yield Problem("plan-ratio-points-differ", fields)


def percent(ref: str) -> str:
    # The rule of values.parse_percent, in Excel: the cell's number format decides. A cell that shows
    # a percentage (CELL "format" code "P0", "P2", ...) holds 80 % as 0.8; a plain cell holds 80.
    return f'IF(LEFT(CELL("format",{ref}),1)="P",{ref}*100,{ref})'
