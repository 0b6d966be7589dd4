"""Turn the raw tables into the typed ``Plan``, reporting every value that cannot be used."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.rules import KINDS
from cchc_xlsx.findings.catalogue import finding
from cchc_xlsx.core.model import (ALL_UNITS, GROUP, SCHEDULES, UNIT, UNIT_KINDS, Correction, Criterion, Level, Period,
                             Plan, Task, Unit, Where)
from cchc_xlsx.plan import tables as T
from cchc_xlsx.plan.read import RawRow, RawTable
from cchc_xlsx.findings.report import Finding
from cchc_xlsx.core.values import fold_key, is_blank, normalize_text, parse_date, parse_decimal, parse_flag


@dataclass
class Built:
    """The plan, where each of its rows came from, and what was wrong on the way."""

    plan: Plan
    locations: dict[tuple[str, str], Where] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def where(self, table: str, key: str) -> Where | str:
        return self.locations.get((table, key), T.csv_name(table))

    def level_where(self, code: str, order: int) -> Where | str:
        """The row of one level in the levels table (else its criterion's row)."""
        return self.locations.get(("levels", level_key(code, order))) or self.where("criteria", code)


def level_key(code: str, order: int) -> str:
    return f"{code}#{order}"


class _Cells:
    """Typed access to one raw row; each unusable value becomes a finding and ``None``."""

    def __init__(self, table: str, row: RawRow, findings: list[Finding], units: "_UnitIndex | None"):
        self.table, self.row, self.findings, self.units = table, row, findings, units

    def __getitem__(self, column: str) -> Any:
        raw = self.row.values.get(column)
        kind = T.column_type(self.table, column)
        if column == "rule_threshold" and isinstance(raw, str) and raw.strip().endswith("%"):
            raw = raw.strip()[:-1]  # "95%" typed as text is the percentage 95
        if kind == T.LIST:
            return _split(raw)
        if kind == T.UNITS:
            return self._units(column, raw)
        if is_blank(raw):
            return False if kind == T.FLAG else ("" if kind == T.TEXT else None)
        try:
            return _convert(kind, raw)
        except ValueError:
            code = {T.NUMBER: "plan-bad-number", T.INT: "plan-bad-number", T.DATE: "plan-bad-date",
                    T.FLAG: "plan-bad-flag"}[kind]
            self.findings.append(finding(code, where=self.row.where, column=_header(column), value=raw))
            return None

    def required(self, column: str) -> Any:
        value = self[column]
        if value in (None, "") and is_blank(self.row.values.get(column)):
            self.findings.append(finding("plan-missing-value", where=self.row.where, column=_header(column)))
        return value

    def _units(self, column: str, raw: Any) -> tuple[str, ...]:
        codes: list[str] = []
        for name in _split(raw):
            found = self.units.resolve(name) if self.units else None
            if found is None and self.units is not None and not self.units.units:
                continue  # no units table at all: reported once, as its cause
            if found is None:
                self.findings.append(finding("plan-unknown-unit", where=self.row.where, column=_header(column),
                                             value=name))
                continue
            if not found:  # a group no unit belongs to
                self.findings.append(finding("plan-empty-group", where=self.row.where, column=_header(column),
                                             value=name))
            codes.extend(c for c in found if c not in codes)
        return tuple(codes)

    def written(self, column: str) -> tuple[str, ...]:
        """The codes a units column names, a group or "all" kept as its own code (unknown names left out)."""
        codes: list[str] = []
        for name in _split(self.row.values.get(column)):
            unit = self.units.by_key.get(fold_key(name)) if self.units else None
            if unit is not None and unit.code not in codes:
                codes.append(unit.code)
        return tuple(codes)


def _convert(kind: str, raw: Any) -> Any:
    if kind == T.TEXT:
        return normalize_text(raw)
    if kind == T.NUMBER:
        return parse_decimal(raw).value
    if kind == T.INT:
        number = parse_decimal(raw).value
        if number != int(number):
            raise ValueError(raw)
        return int(number)
    if kind == T.DATE:
        return parse_date(raw).value
    if kind == T.FLAG:
        return parse_flag(raw)
    raise ValueError(kind)


def _split(raw: Any) -> tuple[str, ...]:
    if is_blank(raw):
        return ()
    parts = str(raw).replace("\n", "|").split("|")
    return tuple(text for text in (normalize_text(p) for p in parts) if text)


def _header(column: str) -> str:
    return labels.PLAN_HEADERS.get(column, column)


class _UnitIndex:
    """Unit codes by every spelling (code, name, alias), compared after ``fold_key``."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self.by_key: dict[str, Unit] = {}
        for unit in units:
            for name in (unit.code, unit.name, *unit.aliases):
                self.by_key.setdefault(fold_key(name), unit)

    def resolve(self, name: str) -> tuple[str, ...] | None:
        unit = self.by_key.get(fold_key(name))
        if unit is None:
            return None
        if unit.kind == ALL_UNITS:
            return tuple(u.code for u in self.units if u.kind == UNIT)
        if unit.kind == GROUP:
            return tuple(u.code for u in self.units if u.kind == UNIT and unit.code in u.groups)
        return (unit.code,)


def build_plan(tables: dict[str, RawTable], findings: list[Finding] | None = None) -> Built:
    """Build the typed plan from raw tables.

    Args:
        tables: from ``read.read_tables``.
        findings: findings already made while reading; they are kept first.

    Returns:
        A ``Built``: rows that cannot be used are left out and reported.
    """
    findings = list(findings or [])
    locations: dict[tuple[str, str], Where] = {}

    def rows(table: str):
        seen: dict[str, Where] = {}
        for row in tables[table].rows if table in tables else []:
            key_column = T.KEYS.get(table)
            if key_column:
                key = normalize_text(row.values.get(key_column))
                if not key:
                    findings.append(finding("plan-missing-value", where=row.where, column=_header(key_column)))
                    continue
                if key in seen:
                    findings.append(finding("plan-duplicate-code", where=row.where, code=key, first=seen[key]))
                    continue
                seen[key] = row.where
                locations[(table, key)] = _with_origin(row)
            yield row

    meta = {normalize_text(r.values.get("key")): normalize_text(r.values.get("value")) for r in rows("plan")}
    units = [_unit(_Cells("units", r, findings, None), findings) for r in rows("units")]
    units = _resolve_groups([u for u in units if u], findings, locations)
    index = _UnitIndex(units)
    periods = [_period(_Cells("periods", r, findings, index), findings) for r in rows("periods")]
    tasks = [_task(_Cells("tasks", r, findings, index), findings) for r in rows("tasks")]
    levels = _levels(tables, findings, locations)
    criteria = [_criterion(_Cells("criteria", r, findings, index), levels, findings) for r in rows("criteria")]
    corrections = tuple(_correction(r, locations) for r in rows("corrections"))
    plan = Plan(meta=meta, units=tuple(units), tasks=tuple(t for t in tasks if t),
                criteria=tuple(c for c in criteria if c), periods=tuple(p for p in periods if p),
                corrections=corrections)
    for (table, key), where in list(locations.items()):
        if table == "criteria" and not plan.has_criterion(key):
            del locations[(table, key)]
    for code in levels.keys() - {c.code for c in plan.criteria} if "criteria" in tables else ():
        findings.append(finding("plan-unknown-criterion", where=levels[code][0][1], code=code))
    return Built(plan, locations, findings)


_DOCUMENT_PLACE = re.compile(r"[^\[\]]+\.(?:docx|doc|odt) \[[^\]]+\]:\d+", re.IGNORECASE)


def _with_origin(row: RawRow) -> Where:
    # A row ``plan import`` read from a Word document names its table and row there: a finding on
    # the master workbook's row points at the document's row too.
    source = str(row.values.get("source") or "")
    match = _DOCUMENT_PLACE.search(source) if ".doc" in source or ".odt" in source else None
    if match is None or row.where.origin or match.group(0).strip() == str(row.where):
        return row.where
    return replace(row.where, origin=match.group(0).strip())


def _choice(cells: _Cells, column: str, allowed: tuple[str, ...], findings: list[Finding]) -> str | None:
    value = cells[column]
    if value not in allowed:
        findings.append(finding("plan-bad-choice", where=cells.row.where, column=_header(column), value=value,
                                allowed=", ".join(allowed)))
        return None
    return value


def _unit(cells: _Cells, findings: list[Finding]) -> Unit | None:
    kind = _choice(cells, "kind", UNIT_KINDS, findings)
    if kind is None:
        return None
    return Unit(code=cells.required("code"), name=cells.required("name"), aliases=cells["aliases"], kind=kind,
                email=cells["email"], contact=cells["contact"],
                receives_workbook=bool(cells["receives_workbook"]) and kind == UNIT, source=cells["source"],
                groups=cells["groups"])


def _resolve_groups(units: list[Unit], findings: list[Finding], locations: dict) -> list[Unit]:
    # A unit's ``groups`` may name a group by code, name or alias: keep the group's code.
    groups = {fold_key(name): g.code for g in units if g.kind == GROUP for name in (g.code, g.name, *g.aliases)}
    resolved = []
    for unit in units:
        codes: list[str] = []
        for name in unit.groups:
            code = groups.get(fold_key(name))
            if code is None:
                findings.append(finding("plan-unknown-group", where=locations.get(("units", unit.code), "units.csv"),
                                        code=unit.code, value=name))
            elif code not in codes:
                codes.append(code)
        resolved.append(replace(unit, groups=tuple(codes)) if tuple(codes) != unit.groups else unit)
    return resolved


def _period(cells: _Cells, findings: list[Finding]) -> Period | None:
    start, cutoff, due = cells.required("start"), cells.required("cutoff"), cells.required("due")
    if None in (start, cutoff, due):
        return None
    if not start <= cutoff <= due:
        findings.append(finding("plan-period-dates", where=cells.row.where, code=cells["code"], start=start,
                                cutoff=cutoff, due=due))
    return Period(code=cells["code"], name=cells.required("name"), start=start, cutoff=cutoff, due=due,
                  source=cells["source"])


def _task(cells: _Cells, findings: list[Finding]) -> Task | None:
    schedule = _choice(cells, "schedule", SCHEDULES, findings)
    area = cells.required("area")
    lead = cells["lead"]
    coordinators = tuple(c for c in cells["coordinators"] if c not in lead)
    return Task(code=cells["code"], area=area or 0, area_title=cells["area_title"], number=cells["number"],
                description=cells.required("description"), products=cells["products"], lead=lead,
                coordinators=coordinators, timeframe=cells["timeframe"], schedule=schedule or "none",
                deadline=cells["deadline"], conditional=bool(cells["conditional"]), note=cells["note"],
                source=cells["source"], lead_written=cells.written("lead"),
                coordinators_written=cells.written("coordinators"))


def _correction(row: RawRow, locations: dict) -> Correction:
    values = {k: normalize_text(row.values.get(k)) for k in T.columns("corrections")}
    correction = Correction(**values)
    locations.setdefault(("corrections", f"{correction.code}#{correction.field}"), row.where)
    return correction


def _levels(tables: dict[str, RawTable], findings: list[Finding],
            locations: dict | None = None) -> dict[str, list[tuple[Level, Where]]]:
    levels: dict[str, list[tuple[Level, Where]]] = {}
    for row in tables["levels"].rows if "levels" in tables else []:
        cells = _Cells("levels", row, findings, None)
        code = cells.required("criterion")
        order = cells.required("order")
        if not code or order is None:
            continue
        level = Level(order=order, text=cells.required("text"), points=cells["points"],
                      min_count=cells["min_count"], source=cells["source"])
        levels.setdefault(code, []).append((level, row.where))
        if locations is not None:
            locations.setdefault(("levels", level_key(code, order)), _with_origin(row))
    return levels


def _criterion(cells: _Cells, levels: dict, findings: list[Finding]) -> Criterion | None:
    rule = cells["rule"] or None
    if rule is not None and rule not in KINDS:
        findings.append(finding("plan-unknown-rule", where=cells.row.where, value=rule,
                                allowed=", ".join(KINDS)))
        return None
    code = cells["code"]
    own_levels = tuple(sorted((lv for lv, _ in levels.get(code, [])), key=lambda lv: lv.order))
    return Criterion(code=code, parent=cells["parent"] or None, title=cells.required("title"),
                     declared_max=cells["declared_max"], rule=rule, rule_points=cells["rule_points"],
                     rule_threshold=cells["rule_threshold"], not_applicable=cells["not_applicable"],
                     responsible=cells["responsible"], levels=own_levels, source=cells["source"],
                     responsible_written=cells.written("responsible"))
