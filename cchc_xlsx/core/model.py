"""The plan as typed data: units, tasks, the criteria tree and reporting periods. No I/O."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from functools import cached_property

# Unit kinds as the units table names them.
UNIT = "unit"
ALL_UNITS = "all"
EXTERNAL = "external"
GROUP = "group"  # a named set of units (its members name it in their ``groups``); no workbook
UNIT_KINDS = (UNIT, ALL_UNITS, EXTERNAL, GROUP)

# Index scopes (plan.csv ``index_scope``).
AGENCY_SCOPE = "agency"  # one index for the agency; each leaf scored by one unit
UNIT_SCOPE = "unit"      # every responsible unit scores each leaf for itself; an index per unit
INDEX_SCOPES = (AGENCY_SCOPE, UNIT_SCOPE)

# Task schedules.
DEADLINE = "deadline"
RECURRING = "recurring"
NO_DATE = "none"
SCHEDULES = (DEADLINE, RECURRING, NO_DATE)


@dataclass(frozen=True)
class Where:
    """Where a value came from: a file and line, or a workbook sheet and row."""

    file: str
    line: int | None = None
    sheet: str | None = None
    origin: str | None = None  # where the row itself came from (an imported document's table and row)

    def __str__(self) -> str:
        place = f"{self.file}"
        if self.sheet:
            place += f" [{self.sheet}]"
        if self.line is not None:
            place += f":{self.line}"
        if self.origin:
            place += f" ({self.origin})"
        return place


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = UNIT
    email: str = ""
    contact: str = ""
    receives_workbook: bool = True
    source: str = ""
    groups: tuple[str, ...] = ()  # codes of the groups this unit belongs to


@dataclass(frozen=True)
class Period:
    code: str
    name: str
    start: dt.date
    cutoff: dt.date
    due: dt.date
    source: str = ""


@dataclass(frozen=True)
class Task:
    code: str
    area: int
    area_title: str
    number: str
    description: str
    products: tuple[str, ...]
    lead: tuple[str, ...]
    coordinators: tuple[str, ...]
    timeframe: str
    schedule: str
    deadline: dt.date | None
    conditional: bool
    note: str = ""
    source: str = ""
    # The codes as the plan names them (a group or "all" kept as such), for export.
    lead_written: tuple[str, ...] = ()
    coordinators_written: tuple[str, ...] = ()

    def role_of(self, unit_code: str) -> str | None:
        """``"lead"``, ``"coordinator"`` or ``None`` for a unit code."""
        if unit_code in self.lead:
            return "lead"
        if unit_code in self.coordinators:
            return "coordinator"
        return None


@dataclass(frozen=True)
class Level:
    order: int
    text: str
    points: float | None
    min_count: int | None = None
    source: str = ""


@dataclass(frozen=True)
class Criterion:
    code: str
    parent: str | None
    title: str
    declared_max: float | None
    rule: str | None = None
    rule_points: float | None = None
    rule_threshold: float | None = None
    not_applicable: str = ""
    responsible: tuple[str, ...] = ()
    levels: tuple[Level, ...] = ()
    source: str = ""
    responsible_written: tuple[str, ...] = ()  # as the plan names them (groups kept), for export

    @property
    def is_leaf(self) -> bool:
        return self.rule is not None


@dataclass(frozen=True)
class Correction:
    """A number the source document prints that the plan does not use: where, what, both values, why."""

    where: str
    code: str
    field: str
    printed: str
    used: str
    reason: str


@dataclass(frozen=True)
class Plan:
    """One year's plan. Criteria are in document order, parents before children."""

    meta: dict[str, str]
    units: tuple[Unit, ...]
    tasks: tuple[Task, ...]
    criteria: tuple[Criterion, ...]
    periods: tuple[Period, ...]
    corrections: tuple[Correction, ...] = ()

    @cached_property
    def _by_code(self) -> dict[str, Criterion]:
        return {c.code: c for c in self.criteria}

    @cached_property
    def branch_codes(self) -> frozenset[str]:
        """The codes of the criteria that are not leaves (areas and groups of criteria)."""
        return frozenset(c.code for c in self.criteria if not c.is_leaf)

    @cached_property
    def _children(self) -> dict[str | None, list[Criterion]]:
        children: dict[str | None, list[Criterion]] = {}
        for criterion in self.criteria:
            children.setdefault(criterion.parent, []).append(criterion)
        return children

    def criterion(self, code: str) -> Criterion:
        return self._by_code[code]

    def has_criterion(self, code: str) -> bool:
        return code in self._by_code

    def children(self, code: str | None) -> list[Criterion]:
        """The direct children of ``code`` (``None``: the section roots)."""
        return self._children.get(code, [])

    def ancestors(self, code: str) -> list[Criterion]:
        """Parents of ``code``, nearest first."""
        found, seen = [], {code}
        parent = self._by_code[code].parent
        while parent is not None and parent in self._by_code and parent not in seen:  # a cycle ends the walk
            seen.add(parent)
            found.append(self._by_code[parent])
            parent = self._by_code[parent].parent
        return found

    def in_cycle(self, code: str) -> bool:
        """True when following parents from ``code`` comes back to a node already passed."""
        seen, current = set(), code
        while current is not None and current in self._by_code:
            if current in seen:
                return True
            seen.add(current)
            current = self._by_code[current].parent
        return False

    def leaves(self, under: str | None = None) -> list[Criterion]:
        """The scored leaves, in document order, optionally below (or equal to) one node."""
        if under is None:
            return self._leaves_under[None]
        return self._leaves_under.get(under, [])

    @cached_property
    def _leaves_under(self) -> dict[str | None, list[Criterion]]:
        # Every node → its leaves, built in one pass so large plans stay linear.
        under: dict[str | None, list[Criterion]] = {None: []}
        for criterion in self.criteria:
            if criterion.is_leaf:
                for code in (None, criterion.code, *(a.code for a in self.ancestors(criterion.code))):
                    under.setdefault(code, []).append(criterion)
        return under

    @property
    def area_level(self) -> int:
        """The depth of the areas (lĩnh vực): 1, the top-level criteria (default); 2 below sections."""
        text = self.meta.get("area_level", "") or "1"
        return int(text) if text.isdigit() and int(text) >= 1 else 1

    @property
    def index_scope(self) -> str:
        """``agency`` (default): one index; ``unit``: each responsible unit scores for itself."""
        scope = (self.meta.get("index_scope", "") or AGENCY_SCOPE).strip().casefold()
        return scope if scope in INDEX_SCOPES else AGENCY_SCOPE

    @property
    def unit_scope(self) -> bool:
        return self.index_scope == UNIT_SCOPE

    def depth(self, code: str) -> int:
        """1 for a top-level criterion, 2 for its children, ..."""
        return 1 + len(self.ancestors(code))

    def area_of(self, code: str) -> Criterion:
        """The area (the node at ``area_level``, e.g. ``I.3`` in the shipped plan) a criterion belongs to."""
        chain = [self._by_code[code], *self.ancestors(code)]
        level = min(self.area_level, len(chain))
        return chain[-level]

    def areas(self) -> list[Criterion]:
        """The areas in document order: the nodes at ``area_level`` (a shallower leaf stands for itself)."""
        return self._areas

    @cached_property
    def _areas(self) -> list[Criterion]:
        found: list[Criterion] = []
        level = self.area_level

        def walk(code: str | None, depth: int) -> None:
            for child in self.children(code):
                if depth == level or not self.children(child.code):
                    found.append(child)
                else:
                    walk(child.code, depth + 1)

        walk(None, 1)
        return found

    def allows_not_applicable(self, code: str) -> bool:
        """True where the plan lets this criterion, or a group it is in, be hạ chuẩn."""
        chain = [self._by_code[code], *self.ancestors(code)]
        return any(c.not_applicable for c in chain)

    def not_applicable_text(self, code: str) -> str:
        """The plan's hạ chuẩn condition for a criterion: its own, else the nearest group's ("" if none)."""
        for criterion in [self._by_code[code], *self.ancestors(code)]:
            if criterion.not_applicable:
                return criterion.not_applicable
        return ""

    def responsible_for(self, code: str) -> tuple[str, ...]:
        """The responsible units, inherited from the nearest node that names any."""
        for criterion in [self._by_code[code], *self.ancestors(code)]:
            if criterion.responsible:
                return criterion.responsible
        return ()

    def scorer_of(self, code: str) -> str | None:
        """The unit that scores a leaf: the first responsible unit."""
        responsible = self.responsible_for(code)
        return responsible[0] if responsible else None

    def scorers_of(self, code: str) -> tuple[str, ...]:
        """The units that score a leaf: the first responsible one, or with ``index_scope = unit`` every one."""
        found = self._scorers.get(code)
        if found is None:
            if self.unit_scope:
                found = tuple(c for c in self.responsible_for(code)
                              if c in self.units_by_code and self.units_by_code[c].kind == UNIT)
            else:
                scorer = self.scorer_of(code)
                found = (scorer,) if scorer else ()
            self._scorers[code] = found
        return found

    @cached_property
    def _scorers(self) -> dict[str, tuple[str, ...]]:
        return {}  # filled by scorers_of: hundreds of units make it worth keeping

    def scoring_units(self) -> list[Unit]:
        """Units that receive a workbook and score at least one leaf, in table order."""
        return [u for u in self.workbook_units() if self._leaves_by_scorer.get(u.code)]

    def group_members(self, code: str) -> list[Unit]:
        """The workbook units of a group (kind ``group``), in table order."""
        return [u for u in self.workbook_units() if code in u.groups]

    def groups(self) -> list[Unit]:
        return [u for u in self.units if u.kind == GROUP]

    @cached_property
    def units_by_code(self) -> dict[str, Unit]:
        return {u.code: u for u in self.units}

    def workbook_units(self) -> list[Unit]:
        return [u for u in self.units if u.kind == UNIT and u.receives_workbook]

    def period(self, code: str) -> Period:
        for period in self.periods:
            if period.code == code:
                return period
        raise KeyError(code)

    def tasks_for(self, unit_code: str) -> list[Task]:
        return self._tasks_by_unit.get(unit_code, [])

    @cached_property
    def _tasks_by_unit(self) -> dict[str, list[Task]]:
        by_unit: dict[str, list[Task]] = {}
        for task in self.tasks:
            for code in dict.fromkeys((*task.lead, *task.coordinators)):
                by_unit.setdefault(code, []).append(task)
        return by_unit

    def leaves_scored_by(self, unit_code: str) -> list[Criterion]:
        return self._leaves_by_scorer.get(unit_code, [])

    @cached_property
    def _leaves_by_scorer(self) -> dict[str | None, list[Criterion]]:
        by_scorer: dict[str | None, list[Criterion]] = {}
        for leaf in self.leaves():
            for scorer in self.scorers_of(leaf.code) or (None,):
                by_scorer.setdefault(scorer, []).append(leaf)
        return by_scorer

    @property
    def year(self) -> int:
        """The plan's year ("2023", "Năm 2023"); 0 when it names none (``plan check`` reports it)."""
        match = re.search(r"(?<!\d)(\d{4})(?!\d)", str(self.meta.get("year", "") or ""))
        return int(match.group(1)) if match else 0

    @cached_property
    def plan_id(self) -> str:
        """A short hash of what a unit workbook is made of (codes, texts, rules, levels, maxima, periods,
        units): the same plan read from CSV or workbook gives the same id, and correcting an email
        address, a note or a source line does not orphan the workbooks already sent."""
        payload = json.dumps(self._workbook_content(), ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def _workbook_content(self) -> dict:
        content = self.content()
        content.pop("corrections", None)  # the provenance of a value, not what a workbook is made of
        drop = {"units": ("aliases", "email", "contact", "source", "groups"),
                "tasks": ("note", "source", "lead_written", "coordinators_written"),
                "criteria": ("source", "responsible_written"), "periods": ("source",)}
        for table, fields in drop.items():
            content[table] = [{k: v for k, v in row.items() if k not in fields} for row in content[table]]
        for criterion in content["criteria"]:
            criterion["levels"] = [{k: v for k, v in lv.items() if k != "source"} for lv in criterion["levels"]]
        content["meta"] = {"year": str(self.year)}  # "Năm 2022" and "2022" are the same plan
        if self.unit_scope:  # who scores what changes every unit's workbook
            content["meta"]["index_scope"] = self.index_scope
        return content

    def content(self) -> dict:
        """The plan as plain data (what ``plan_id`` hashes and tests compare)."""
        return {
            "meta": dict(sorted(self.meta.items())),
            "units": [asdict(u) for u in self.units],
            "tasks": [asdict(t) for t in self.tasks],
            "criteria": [asdict(c) for c in self.criteria],
            "periods": [asdict(p) for p in self.periods],
            "corrections": [asdict(c) for c in self.corrections],
        }
