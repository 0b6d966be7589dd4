"""What the documents sent upward say, from the ledger: the scorecard's own numbers
(``scorecard.data``: the same totals, flags and unit rows, never recomputed differently), plus
the texts units wrote (difficulties, notes) and the points the appraisal rounds decided."""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_xlsx import text as labels
from cchc_xlsx.appraisal import rounds
from cchc_xlsx.core.model import Plan, Task
from cchc_xlsx.core.safetext import cell_text
from cchc_xlsx.scorecard import data as scorecard_data
from cchc_xlsx.scorecard.data import ScorecardData, TaskAnswer
from cchc_xlsx.store.ledger import Ledger


@dataclass(frozen=True)
class DecidedPoints:
    """A leaf's points as the rounds after self-assessment decided them (None: not decided)."""

    appraised: float | None = None   # Điểm thẩm định
    final: float | None = None       # Điểm sau giải trình


def decided_points(ledger: Ledger, plan: Plan, period_code: str) -> dict[str, DecidedPoints]:
    """Leaf code → its appraised and final points, where a round decided them.

    The one place the documents read the appraisal rounds (``appraisal.rounds``): ``Điểm thẩm
    định`` and ``Điểm sau giải trình`` as the Office last imported them. With ``index_scope =
    unit`` a leaf's points are the sum over the units the round decided on it.
    """
    found: dict[str, dict[str, float]] = {}
    for field_name, stage in (("appraised", rounds.APPRAISAL), ("final", rounds.DECISION)):
        if plan.unit_scope:
            for (_, code), points in rounds.latest(ledger, period_code, stage, per_unit=True).items():
                if plan.has_criterion(code):
                    sums = found.setdefault(code, {})
                    sums[field_name] = sums.get(field_name, 0.0) + points
        else:
            for code, points in rounds.latest(ledger, period_code, stage, per_unit=False).items():
                if plan.has_criterion(code):
                    found.setdefault(code, {})[field_name] = points
    return {code: DecidedPoints(**fields) for code, fields in found.items()}


@dataclass
class Difficulty:
    """One text a unit wrote in ``Khó khăn, vướng mắc, đề xuất``, with the tasks it wrote it on."""

    unit: str
    unit_name: str
    text: str
    tasks: list[str] = field(default_factory=list)


def difficulties(plan: Plan, ledger: Ledger, period_code: str) -> list[Difficulty]:
    """Every difficulty and proposal the units' merged returns hold, by unit (table order), each
    distinct text once with the tasks it was written on (document order)."""
    order = {task.code: index for index, task in enumerate(plan.tasks)}
    found: dict[tuple[str, str], Difficulty] = {}
    rows = ledger.query("SELECT unit, code, issues FROM merged_tasks WHERE period = ? AND issues IS NOT NULL "
                        "AND TRIM(issues) != ''", (period_code,))
    for row in sorted(rows, key=lambda r: order.get(r["code"], len(order))):
        text = cell_text(str(row["issues"])).strip()
        unit = plan.units_by_code.get(row["unit"])
        key = (row["unit"], text)
        if key not in found:
            found[key] = Difficulty(row["unit"], unit.name if unit else row["unit"], text)
        found[key].tasks.append(row["code"])
    units = {u.code: i for i, u in enumerate(plan.units)}
    return sorted(found.values(), key=lambda d: units.get(d.unit, len(units)))


def leaf_notes(ledger: Ledger, period_code: str) -> dict[tuple[str, str], str]:
    """(unit, leaf code) → the ``Ghi chú`` the unit wrote on that criterion (its own explanation)."""
    rows = ledger.query("SELECT unit, code, note FROM merged_criteria WHERE period = ? AND note IS NOT NULL "
                        "AND TRIM(note) != ''", (period_code,))
    return {(r["unit"], r["code"]): cell_text(str(r["note"])).strip() for r in rows}


# --- task progress, as the scorecard's Tiến độ and Xếp loại sheets count it -----------------

PROGRESS_KEYS = ("tasks", "on_time", "late", "in_progress", "not_started", "not_arisen", "unreported", "overdue")


def progress_kind(answer: TaskAnswer, flag: str) -> str:
    """One lead row's column: on_time, late, in_progress, not_started, not_arisen or unreported."""
    if answer.status == labels.STATUS_DONE:
        return "late" if flag == labels.FLAG_LATE else "on_time"
    return {labels.STATUS_IN_PROGRESS: "in_progress", labels.STATUS_NOT_STARTED: "not_started",
            labels.STATUS_NOT_ARISEN: "not_arisen"}.get(answer.status, "unreported")


def lead_rows(data: ScorecardData) -> list[tuple[Task, str, TaskAnswer, str]]:
    """(task, lead unit, its answer, flag) for every task and each unit that leads it: what a unit
    answers for (coordinators report to the lead), with the scorecard's overdue/late flag."""
    cutoff = data.plan.period(data.period).cutoff
    return [(task, unit, answer, scorecard_data.task_flag(task, answer, cutoff))
            for task, unit, answer in scorecard_data.task_rows(data) if task.role_of(unit) == "lead"]


def area_progress(data: ScorecardData) -> list[tuple[str, dict[str, int]]]:
    """(area "1. Cải cách thể chế", counts) per task area in plan order, then the total."""
    areas: dict[str, dict[str, int]] = {}
    total = dict.fromkeys(PROGRESS_KEYS, 0)
    for task, _, answer, flag in lead_rows(data):
        name = f"{task.area}. {task.area_title}" if task.area_title else str(task.area)
        counts = areas.setdefault(name, dict.fromkeys(PROGRESS_KEYS, 0))
        for bucket in (counts, total):
            bucket["tasks"] += 1
            bucket[progress_kind(answer, flag)] += 1
            bucket["overdue"] += flag == labels.FLAG_OVERDUE
    return [*areas.items(), (labels.REPORT_TOTAL, total)]


def overdue_rows(data: ScorecardData) -> list[tuple[Task, str, TaskAnswer]]:
    """Every lead row flagged overdue at the period's cut-off, in plan order."""
    return [(task, unit, answer) for task, unit, answer, flag in lead_rows(data) if flag == labels.FLAG_OVERDUE]
