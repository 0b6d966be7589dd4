"""``threshold``: as ``ratio`` from the threshold up, 0 below it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Criterion
from cchc_xlsx.core.values import format_points
from cchc_xlsx.rules.base import Problem, clamp, num
from cchc_xlsx.rules.ratio import Ratio, percent


class Threshold(Ratio):
    name = "threshold"

    def points(self, criterion: Criterion, value: Any) -> float:
        if float(value) < (criterion.rule_threshold or 0):
            return 0.0
        return clamp(float(value), 0, 100) * self.rule_points(criterion) / 100

    def formula(self, criterion: Criterion, ref: str) -> str:
        p = percent(ref)
        return (f"IF(ISNUMBER({ref}),IF({p}<{num(criterion.rule_threshold)},0,"
                f"MIN(MAX({p},0),100)*{num(self.rule_points(criterion))}/100),0)")

    def text(self, criterion: Criterion) -> str:
        return labels.RULE_THRESHOLD.format(threshold=format_points(criterion.rule_threshold),
                                            points=format_points(self.rule_points(criterion)))

    def shape_problems(self, criterion: Criterion) -> Iterator[Problem]:
        threshold = criterion.rule_threshold
        if threshold is None:
            yield Problem("plan-missing-threshold")
        elif 0 < threshold <= 1 or threshold > 100:
            # "95%" typed in Excel is stored as 0.95: a threshold of 0,95 % lets 50 % pass.
            yield Problem("plan-threshold-fraction", {"value": format_points(threshold),
                                                      "percent": format_points(threshold * 100)})
