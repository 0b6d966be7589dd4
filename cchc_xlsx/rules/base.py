"""What every kind of scoring rule shares, and the defaults a kind overrides.

A rule kind is one class (XlsxWriter's charts are the model: ``chart.py`` holds what all charts
share, ``chart_bar.py`` and the others override what differs). A kind knows, for a leaf criterion:
its maximum, the points an answer earns (Python) and the Excel formula computing the same number,
its text for the clerk (``Cách chấm``), the data validation generate puts on its input cell, how a
typed answer is parsed (validate), encoded for the ledger and decoded back, how an answer is shown
(feedback, scorecard), and what ``plan check`` demands of it. No I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Criterion, Level
from cchc_xlsx.core.values import Parsed, format_points, normalize_text, parse_decimal

POINTS_TOLERANCE = 1e-6  # a typed score above the maximum by less than this is rounding, not an error
PLAN_TOLERANCE = 1e-9  # plan check: a level's points against the criterion's maximum
LEADING_NUMBER = re.compile(r"^\s*(\d+)\s*[.)]\s*")  # "1. ", "2) " in the plan's level texts

# The input a count takes (tiers, per_item): one validation element shared by every such cell.
COUNT_VALIDATION = {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 1000}


@dataclass(frozen=True)
class Result:
    """What a unit answered for one leaf, already parsed.

    ``value`` is a level order (int) for choice, a bool for yes/no, a percentage for ratio
    and threshold, a count for tiers and per_item, and points for points; ``None`` when left empty.
    """

    value: Any = None
    not_applicable: bool = False


@dataclass(frozen=True)
class Validation:
    """The data validation generate writes on a leaf's result cell.

    ``key`` names its texts in ``labels.VALIDATION``; ``options`` are XlsxWriter's; where
    ``list_items`` is given, the writer puts them on the hidden list sheet and uses that range as
    the list's source; ``fields`` fill the texts' placeholders.
    """

    key: str
    options: dict[str, Any]
    list_items: list[str] | None = None
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """What ``plan check`` reports about one leaf: a finding code and its fields; ``level`` is the
    level's order where the finding belongs on that level's row."""

    code: str
    fields: dict[str, Any] = field(default_factory=dict)
    level: int | None = None


def num(value: float | None) -> str:
    """A number as it goes into an Excel formula."""
    return format(value or 0.0, ".15g")


def clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def parse_count(raw: Any) -> tuple[int, None]:
    """A count typed by a unit: a whole number from 0 up (``ValueError`` otherwise)."""
    parsed = parse_decimal(raw)
    if parsed.value < 0 or parsed.value != int(parsed.value):
        raise ValueError(raw)
    return int(parsed.value), None


class RuleKind:
    """The defaults of a rule kind; each kind's module overrides what differs."""

    name = ""
    reads_percent = False  # validate reads the answer by the cell's number format (values.parse_percent)
    scored_by_levels = False  # the plan lists its levels (levels.csv), the unit picks one
    levels_count = False      # each level starts at a count (``min_count``): the unit enters a count

    # --- the numbers ---------------------------------------------------------------------
    def maximum(self, criterion: Criterion) -> float:
        """A leaf's maximum: as declared, else the best level, else the rule's points."""
        if criterion.declared_max is not None:
            return criterion.declared_max
        level_points = [lv.points for lv in criterion.levels if lv.points is not None]
        if level_points:
            return max(level_points)
        return criterion.rule_points or 0.0

    def rule_points(self, criterion: Criterion) -> float:
        return criterion.rule_points if criterion.rule_points is not None else self.maximum(criterion)

    def points(self, criterion: Criterion, value: Any) -> float:
        """Points an answer (not None, not hạ chuẩn) earns; clamped as the formula clamps it."""
        raise NotImplementedError

    def formula(self, criterion: Criterion, ref: str) -> str:
        """The Excel formula (without "=" and without hạ chuẩn) computing ``points`` from cell ``ref``."""
        raise NotImplementedError

    # --- the workbook --------------------------------------------------------------------
    def text(self, criterion: Criterion) -> str:
        """How the leaf is scored, for the ``Cách chấm`` column."""
        return ""

    def validation(self, criterion: Criterion) -> Validation:
        raise NotImplementedError

    def shown(self, criterion: Criterion, value: Any) -> Any:
        """A parsed answer as it goes back into the result cell (feedback) or a report (None: none)."""
        return value

    # --- reading an answer ---------------------------------------------------------------
    def parse(self, criterion: Criterion, raw: Any) -> tuple[Any, Parsed | None]:
        """A typed answer (already cleaned of typing residue) → (value, how it was read where it
        could mean something else). Raises ``ValueError`` for what the kind cannot take."""
        parsed = parse_decimal(raw)
        if parsed.value < 0:
            raise ValueError(raw)
        return parsed.value, parsed

    def expected(self, criterion: Criterion) -> str:
        """What to type instead of an unusable answer (the ``result-invalid`` finding)."""
        return labels.EXPECTED_RESULT[self.name].format(max=format_points(self.maximum(criterion)))

    def above_max(self, criterion: Criterion, value: Any) -> bool:
        """Whether a usable answer still exceeds what the leaf can be worth (``result-above-max``)."""
        return False

    def renumber(self, made_from: Criterion | None, criterion: Criterion, value: Any) -> Any:
        """An answer given in a workbook of an older plan version (``made_from``), as the current
        plan means it."""
        return value

    def encode(self, value: Any) -> str | None:
        """A parsed answer as text for the ledger ("2", "1"/"0", "96.5")."""
        if value is None:
            return None
        if isinstance(value, bool):
            return "1" if value else "0"
        return repr(value) if isinstance(value, float) else str(value)

    def decode(self, text: str | None) -> Any:
        """The inverse of ``encode``."""
        if text is None or text == "":
            return None
        return self.convert(text)

    def convert(self, text: str) -> Any:
        return float(text)

    # --- plan check ----------------------------------------------------------------------
    def rule_problems(self, criterion: Criterion) -> Iterator[Problem]:
        """What the rule's own columns lack (levels, counts, a threshold, a maximum)."""
        yield from self.shape_problems(criterion)
        if self.lacks_max(criterion):
            yield Problem("plan-leaf-no-max", {"rule": criterion.rule})

    def shape_problems(self, criterion: Criterion) -> Iterator[Problem]:
        return iter(())

    def lacks_max(self, criterion: Criterion) -> bool:
        return criterion.declared_max is None and criterion.rule_points is None

    def level_problems(self, criterion: Criterion) -> Iterator[Problem]:
        """What is wrong with the leaf's levels' points."""
        return iter(())

    def max_problems(self, criterion: Criterion) -> Iterator[Problem]:
        """What disagrees with the leaf's declared maximum (only called where one is declared)."""
        return iter(())


class LevelKind(RuleKind):
    """A kind scored by the plan's levels (choice, tiers): its maximum is its best level."""

    scored_by_levels = True

    def lacks_max(self, criterion: Criterion) -> bool:
        return False

    def level_text(self, level: Level) -> str:
        return level_label(level)

    def text(self, criterion: Criterion) -> str:
        return "\n".join(self.level_text(lv) for lv in criterion.levels)

    def convert(self, text: str) -> Any:
        return int(text)

    def shape_problems(self, criterion: Criterion) -> Iterator[Problem]:
        levels = criterion.levels
        if len(levels) < 2:
            yield Problem("plan-too-few-levels", {"count": len(levels)})
        orders = [lv.order for lv in levels]
        if orders != list(range(1, len(levels) + 1)):
            yield Problem("plan-level-order", {"orders": ", ".join(map(str, orders))})

    def level_problems(self, criterion: Criterion) -> Iterator[Problem]:
        maximum = self.maximum(criterion)
        for level in criterion.levels:
            if level.points is None:
                yield Problem("plan-level-no-points", {"text": short(level.text)}, level.order)
            elif level.points > maximum + PLAN_TOLERANCE:
                yield Problem("plan-level-above-max", {"text": short(level.text), "points": format_points(level.points),
                                                       "max": format_points(maximum)}, level.order)


def short(text: str, limit: int = 80) -> str:
    """A level's text cut for a finding's message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


LABEL_LIMIT = 250  # a list item and a MATCH argument must stay under Excel's 255 characters
_LABEL_NUMBER = re.compile(r"^\s*(\d+)\s*\.")  # what the formula reads: digits before the first "."


def level_label(level: Level) -> str:
    """The list item for a level: "2. <text> (0,5 điểm)", kept under Excel's length limit."""
    text = LEADING_NUMBER.sub("", normalize_text(level.text).lstrip("-+ "))
    suffix = f" ({format_points(level.points or 0.0)} {labels.POINTS_WORD})"
    room = LABEL_LIMIT - len(f"{level.order}. ") - len(suffix)
    if len(text) > room:
        text = text[: room - 1].rstrip() + "…"
    return f"{level.order}. {text}{suffix}"


def level_order_from_label(value: Any) -> int | None:
    """The level number a list answer starts with ("2. ..." → 2), or None."""
    match = _LABEL_NUMBER.match(normalize_text(value))
    return int(match.group(1)) if match else None
