"""Checks of a built plan: one function per rule, each yielding findings.

Structural problems (a leaf without a rule, a task without a lead) are errors. Where the
document disagrees with itself (a declared maximum against the sum of its parts) the
finding is a warning: the numbers stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cchc_xlsx import text as labels
from cchc_xlsx.rules import kind_of, scoring
from cchc_xlsx.findings.catalogue import finding
from cchc_xlsx.core.model import DEADLINE, INDEX_SCOPES, Plan
from cchc_xlsx.plan import tables as T
from cchc_xlsx.plan.build import Built
from cchc_xlsx.findings.report import Finding
from cchc_xlsx.core.names import is_safe, safe_name, unsafe_characters
from cchc_xlsx.core.values import format_date, format_points, parse_decimal

TOLERANCE = 1e-9


def check_plan(built: Built) -> list[Finding]:
    """Every check over a built plan, in a stable order."""
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(built))
    return findings


def _tree_structure(built: Built) -> Iterator[Finding]:
    plan, seen = built.plan, set()
    codes = {c.code for c in plan.criteria}
    for criterion in plan.criteria:
        where = built.where("criteria", criterion.code)
        if criterion.parent and criterion.parent not in codes:
            yield finding("plan-unknown-parent", where=where, parent=criterion.parent, code=criterion.code)
        elif plan.in_cycle(criterion.code):
            yield finding("plan-parent-cycle", where=where, code=criterion.code)
        elif criterion.parent and criterion.parent not in seen:
            yield finding("plan-parent-after-child", where=where, parent=criterion.parent, code=criterion.code)
        seen.add(criterion.code)
        has_children = bool(plan.children(criterion.code))
        if has_children and criterion.rule:
            yield finding("plan-group-with-rule", where=where, code=criterion.code)
        if not has_children and not criterion.rule:
            yield finding("plan-leaf-without-rule", where=where, code=criterion.code)


def _leaf_rules(built: Built) -> Iterator[Finding]:
    for criterion in built.plan.leaves():
        yield from _problems(built, criterion, kind_of(criterion).rule_problems(criterion))


def _level_points(built: Built) -> Iterator[Finding]:
    for criterion in built.plan.leaves():
        yield from _problems(built, criterion, kind_of(criterion).level_problems(criterion))


def _problems(built: Built, criterion, problems) -> Iterator[Finding]:
    # What a rule kind demands of its leaf, as findings on the criterion's row (or the level's).
    for problem in problems:
        where = (built.where("criteria", criterion.code) if problem.level is None
                 else built.level_where(criterion.code, problem.level))
        yield finding(problem.code, where=where, code=criterion.code, **problem.fields)


def _declared_maxima(built: Built) -> Iterator[Finding]:
    plan = built.plan
    for criterion in plan.criteria:
        where = built.where("criteria", criterion.code)
        if plan.in_cycle(criterion.code):
            continue  # reported by _tree_structure; its sums have no meaning
        if criterion.is_leaf:
            if criterion.declared_max is None:
                yield finding("plan-max-missing", where=where, code=criterion.code,
                              computed=format_points(scoring.leaf_max(criterion)))
            else:
                yield from _problems(built, criterion, kind_of(criterion).max_problems(criterion))
            continue
        computed = sum(_stated_max(plan, child) for child in plan.children(criterion.code))
        if criterion.declared_max is None:
            yield finding("plan-max-missing", where=where, code=criterion.code, computed=format_points(computed))
        elif abs(criterion.declared_max - computed) > TOLERANCE:
            yield finding("plan-sum-mismatch", where=where, code=criterion.code,
                          declared=format_points(criterion.declared_max), computed=format_points(computed))


def _grand_total(built: Built) -> Iterator[Finding]:
    written = built.plan.meta.get("declared_total", "")
    if not written:
        return
    try:
        declared = parse_decimal(written).value
    except ValueError:
        yield finding("plan-bad-number", where=built.where("plan", "declared_total"), column="declared_total",
                      value=written)
        return
    sections = built.plan.children(None)
    # The document's sections each declare a maximum; compare with those as written, and with the leaves.
    parts = sum(s.declared_max for s in sections if s.declared_max is not None)
    leaves = sum(scoring.leaf_max(c) for c in built.plan.leaves())
    for computed in sorted({round(parts, 9), round(leaves, 9)}):
        if abs(declared - computed) > TOLERANCE:
            yield finding("plan-total-mismatch", where=built.where("plan", "declared_total"),
                          declared=format_points(declared), computed=format_points(computed))


def _tasks(built: Built) -> Iterator[Finding]:
    year = built.plan.year
    for task in built.plan.tasks:
        where = built.where("tasks", task.code)
        if not task.lead:
            yield finding("plan-task-without-lead", where=where, code=task.code)
        if task.schedule == DEADLINE and task.deadline is None:
            yield finding("plan-deadline-missing", where=where, code=task.code)
        if task.deadline and year and task.deadline.year != year:
            yield finding("plan-deadline-outside-year", where=where, code=task.code,
                          deadline=format_date(task.deadline), year=year)


def _scorers(built: Built) -> Iterator[Finding]:
    plan = built.plan
    leaves = plan.leaves()
    if leaves and all(plan.scorer_of(c.code) is None for c in leaves):
        # The responsible column deleted or left empty: the index would be 0 all year. One cause, once.
        yield finding("plan-no-responsible", where=T.csv_name("criteria") if not plan.criteria else
                      built.where("criteria", plan.criteria[0].code), column=labels.PLAN_HEADERS["responsible"])
        return
    for criterion in leaves:
        if plan.scorer_of(criterion.code) is None:
            yield finding("plan-no-scorer", where=built.where("criteria", criterion.code), code=criterion.code)
    if index_scope(plan) != AGENCY_SCOPE:
        return
    for criterion in plan.criteria:
        # In agency scope one unit scores each leaf: several named means all but the first are ignored.
        if len(criterion.responsible) > 1 and plan.leaves(criterion.code):
            yield finding("plan-several-responsible", where=built.where("criteria", criterion.code),
                          code=criterion.code, units=", ".join(criterion.responsible))


AGENCY_SCOPE = "agency"


def index_scope(plan: Plan) -> str:
    """``agency`` (one index, one scorer per leaf; the default) or ``unit`` (see DESIGN.md)."""
    return (plan.meta.get("index_scope") or AGENCY_SCOPE).strip().lower()


def _year(built: Built) -> Iterator[Finding]:
    raw = built.plan.meta.get("year", "")
    if not parse_year(raw):
        yield finding("plan-bad-year", where=built.where("plan", "year"), value=raw)


def _corrections(built: Built) -> Iterator[Finding]:
    plan = built.plan
    for correction in plan.corrections:
        where = built.where("corrections", f"{correction.code}#{correction.field}")
        yield finding("plan-corrected", where=where, code=correction.code, field=field_words(correction.field),
                      printed=correction.printed or "—", used=correction.used or "—", reason=correction.reason,
                      source=correction.where)
        current = _current_value(plan, correction)
        if current is _UNKNOWN:
            continue
        try:
            used = parse_decimal(correction.used).value if correction.used else None
        except ValueError:
            used = correction.used
        if current != used and not (isinstance(current, float) and isinstance(used, float)
                                    and abs(current - used) <= TOLERANCE):
            yield finding("plan-correction-stale", where=where, code=correction.code,
                          field=field_words(correction.field),
                          used=correction.used or "—",
                          current="—" if current is None else format_points(current) if isinstance(current, float)
                          else current)


_UNKNOWN = object()
_LEVEL_FIELD = re.compile(r"^level\s+(\d+)\s+points$")


def level_order(field: str) -> int | None:
    """The level a corrected field names ("level 2 points" → 2), else None."""
    match = _LEVEL_FIELD.match(field.strip())
    return int(match.group(1)) if match else None


def field_words(field: str) -> str:
    """A corrected field as the Office reads it: "level 2 points" → "điểm của mức 2"."""
    match = _LEVEL_FIELD.match(field.strip())
    if match:
        return labels.CORRECTION_LEVEL_POINTS.format(order=match.group(1))
    return labels.CORRECTION_FIELDS.get(field.strip(), field)


def _current_value(plan: Plan, correction) -> object:
    """The plan's value of a corrected field, where the field names one (else _UNKNOWN)."""
    if not plan.has_criterion(correction.code):
        return _UNKNOWN
    criterion = plan.criterion(correction.code)
    if correction.field in ("declared_max", "rule", "rule_points", "rule_threshold"):
        return getattr(criterion, correction.field)
    match = _LEVEL_FIELD.match(correction.field)
    if match:
        order = int(match.group(1))
        return next((lv.points for lv in criterion.levels if lv.order == order), None)
    return _UNKNOWN


def parse_year(raw: str) -> int | None:
    """The year of the plan: "2023", "Năm 2023", "2023.0"; None when it holds no year."""
    match = re.search(r"(?<!\d)(\d{4})(?!\d)", str(raw or ""))
    return int(match.group(1)) if match and 1900 < int(match.group(1)) < 2200 else None


def _stated_max(plan: Plan, criterion) -> float:
    # A child counts with its own declared maximum where it has one, so a mismatch is reported
    # once, where it is, and not again at every ancestor.
    if criterion.declared_max is not None:
        return criterion.declared_max
    return scoring.leaf_max(criterion) if criterion.is_leaf else sum(
        _stated_max(plan, child) for child in plan.children(criterion.code))


def computed_max(plan: Plan, code: str) -> float:
    """A node's maximum as the sum of its leaves' maxima."""
    return sum(scoring.leaf_max(c) for c in plan.leaves(code))


def _settings(built: Built) -> Iterator[Finding]:
    meta = built.plan.meta
    scope = meta.get("index_scope", "")
    if scope and scope.strip().casefold() not in INDEX_SCOPES:
        yield finding("plan-bad-setting", where=built.where("plan", "index_scope"), key="index_scope", value=scope,
                      allowed=", ".join(INDEX_SCOPES))
    level = meta.get("area_level", "")
    if level and not (level.isdigit() and int(level) >= 1):
        yield finding("plan-bad-setting", where=built.where("plan", "area_level"), key="area_level", value=level,
                      allowed="1, 2, 3…")
    for area in built.plan.areas():
        if built.plan.depth(area.code) < built.plan.area_level:
            yield finding("plan-area-level", where=built.where("criteria", area.code), level=built.plan.area_level,
                          code=area.code)


def _file_names(built: Built) -> Iterator[Finding]:
    # Codes become folder and file names (outbox/<period>/, drafts <unit>-...eml).
    for table, rows in (("units", built.plan.units), ("periods", built.plan.periods)):
        for row in rows:
            chars = unsafe_characters(row.code)
            if chars or not is_safe(row.code):
                yield finding("plan-unsafe-name", where=built.where(table, row.code), code=row.code,
                              chars=" ".join(chars) or "…", safe=safe_name(row.code))


def max_gaps(built: Built) -> list[dict]:
    """Every node whose declared maximum differs from what its parts add up to (each reported by a
    ``plan-sum-mismatch`` finding): together they explain the leaves' sum against the declared total."""
    plan, gaps = built.plan, []
    for criterion in plan.criteria:
        if criterion.is_leaf or criterion.declared_max is None or plan.in_cycle(criterion.code):
            continue
        computed = sum(_stated_max(plan, child) for child in plan.children(criterion.code))
        if abs(criterion.declared_max - computed) > TOLERANCE:
            gaps.append({"code": criterion.code, "declared": criterion.declared_max, "computed": round(computed, 9),
                         "gap": round(criterion.declared_max - computed, 9)})
    return gaps


CHECKS = (_year, _tree_structure, _leaf_rules, _level_points, _declared_maxima, _grand_total, _tasks, _scorers,
          _corrections, _settings, _file_names)
