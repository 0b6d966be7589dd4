"""``choice``: the unit picks one level among several; the level's points."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cchc_xlsx.core.model import Criterion, Level
from cchc_xlsx.core.values import fold_key, format_points
from cchc_xlsx.rules.base import LevelKind, Problem, Validation, level_label, level_order_from_label, num


class Choice(LevelKind):
    name = "choice"

    def points(self, criterion: Criterion, value: Any) -> float:
        level = _level(criterion, value)
        return (level.points or 0.0) if level else 0.0

    def formula(self, criterion: Criterion, ref: str) -> str:
        # The list items start with the level's number ("2. ..."): pick its points by number.
        choices = ",".join(num(lv.points) for lv in sorted(criterion.levels, key=lambda lv: lv.order))
        return f'IFERROR(CHOOSE(VALUE(LEFT({ref},FIND(".",{ref})-1)),{choices}),0)'

    def validation(self, criterion: Criterion) -> Validation:
        return Validation("choice", {"validate": "list"}, list_items=[level_label(lv) for lv in criterion.levels])

    def shown(self, criterion: Criterion, value: Any) -> Any:
        if value is None:
            return None
        level = _level(criterion, value)
        return level_label(level) if level else None

    def parse(self, criterion: Criterion, raw: Any) -> tuple[Any, None]:
        order = level_order_from_label(raw) if isinstance(raw, str) else None
        if order is None or order not in {lv.order for lv in criterion.levels}:
            raise ValueError(raw)
        return order, None

    def renumber(self, made_from: Criterion | None, criterion: Criterion, value: Any) -> Any:
        """A level picked in a workbook of an older plan version, as the current plan numbers it: the
        list item's number means a level of that version, found again here by its text (a level added
        or removed in between renumbers the others)."""
        if made_from is None or made_from.rule != self.name or made_from.levels == criterion.levels:
            return value
        picked = _level(made_from, value)
        if picked is None:
            return value
        same = [lv.order for lv in criterion.levels if fold_key(lv.text) == fold_key(picked.text)]
        return same[0] if len(same) == 1 else value

    def level_problems(self, criterion: Criterion) -> Iterator[Problem]:
        yield from super().level_problems(criterion)
        written = [lv.points for lv in criterion.levels if lv.points is not None]
        if len(written) >= 2 and len(set(written)) == 1:
            yield Problem("plan-levels-equal", {"points": format_points(written[0])})


def _level(criterion: Criterion, order: Any) -> Level | None:
    for level in criterion.levels:
        if level.order == order:
            return level
    return None
