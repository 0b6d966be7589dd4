"""``yesno``: an item worth its maximum if done, 0 if not."""

from __future__ import annotations

from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Criterion
from cchc_xlsx.core.values import fold_key, format_points
from cchc_xlsx.rules.base import RuleKind, Validation, num


class YesNo(RuleKind):
    name = "yesno"

    def points(self, criterion: Criterion, value: Any) -> float:
        return self.maximum(criterion) if value is True else 0.0

    def formula(self, criterion: Criterion, ref: str) -> str:
        return f'IF({ref}="{labels.YES}",{num(self.maximum(criterion))},0)'

    def text(self, criterion: Criterion) -> str:
        return labels.RULE_YESNO.format(max=format_points(self.maximum(criterion)))

    def validation(self, criterion: Criterion) -> Validation:
        return Validation("yesno", {"validate": "list", "source": [labels.YES, labels.NO]})

    def shown(self, criterion: Criterion, value: Any) -> Any:
        if value is None:
            return None
        return labels.YES if value else labels.NO

    def parse(self, criterion: Criterion, raw: Any) -> tuple[bool, None]:
        key = fold_key(raw)
        if key in labels.YES_ANSWERS:
            return True, None
        if key in labels.NO_ANSWERS:
            return False, None
        raise ValueError(raw)

    def convert(self, text: str) -> bool:
        return text == "1"
