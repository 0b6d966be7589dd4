"""``points``: the unit enters its points directly, 0..max."""

from __future__ import annotations

from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Criterion
from cchc_xlsx.core.values import format_points
from cchc_xlsx.rules.base import POINTS_TOLERANCE, RuleKind, Validation, clamp, num


class Points(RuleKind):
    name = "points"

    def points(self, criterion: Criterion, value: Any) -> float:
        return clamp(float(value), 0, self.maximum(criterion))

    def formula(self, criterion: Criterion, ref: str) -> str:
        return f"IF(ISNUMBER({ref}),MIN(MAX({ref},0),{num(self.maximum(criterion))}),0)"

    def text(self, criterion: Criterion) -> str:
        return labels.RULE_POINTS.format(max=format_points(self.maximum(criterion)))

    def validation(self, criterion: Criterion) -> Validation:
        maximum = self.maximum(criterion)
        return Validation("points", {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": maximum},
                          fields={"max": format_points(maximum)})

    def above_max(self, criterion: Criterion, value: Any) -> bool:
        return value > self.maximum(criterion) + POINTS_TOLERANCE
