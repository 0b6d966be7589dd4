"""Fill unit workbooks the way units do: realistic statuses, dates, evidence and scores.

Used by ``make_samples.py`` (the checked-in sample returns) and by the benchmarks. The values
go through the same writer as ``cchc generate`` (with a ``Prefill``), so a filled workbook is
byte-for-byte what Excel would hold after a unit typed into the generated one, with cached
formula values.
"""

from __future__ import annotations

import datetime as dt
import random

from cchc_xlsx import text as labels
from cchc_xlsx.rules import scoring
from cchc_xlsx.generate import Prefill
from cchc_xlsx.core.model import DEADLINE, Criterion, Period, Plan, Task, Unit

EVIDENCE = (
    "Kế hoạch số {n}/KH-STTTT ngày {date}",
    "Báo cáo số {n}/BC-STTTT ngày {date}",
    "Quyết định số {n}/QĐ-STTTT ngày {date}",
    "Công văn số {n}/STTTT-VP ngày {date}",
    "https://stttt.soctrang.gov.vn/cchc/{n}",
)


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _evidence(rng: random.Random, date: dt.date) -> str:
    return rng.choice(EVIDENCE).format(n=rng.randint(1, 250), date=date.strftime("%d/%m/%Y"))


def task_values(rng: random.Random, task: Task, unit: Unit, period: Period, diligence: float) -> dict:
    """One task row as a unit fills it: most done or in progress by the period's cut-off."""
    if task.schedule == DEADLINE and task.deadline and task.deadline <= period.cutoff:
        weights = (0.08, 0.12, 0.8 * diligence, 0.0)
    else:
        weights = (0.25, 0.55 * diligence, 0.15, 0.05 if task.conditional else 0.0)
    status = rng.choices(labels.STATUSES, weights=weights)[0]
    values = {"status": status}
    if status == labels.STATUS_DONE:
        done = _date_between(rng, period.start, min(period.cutoff, task.deadline or period.cutoff))
        if rng.random() > diligence and task.deadline:  # some are finished late
            done = min(task.deadline + dt.timedelta(days=rng.randint(1, 20)), period.cutoff)
        values.update(completion=100, completed_on=done, evidence=_evidence(rng, done))
    elif status == labels.STATUS_IN_PROGRESS:
        values.update(completion=rng.choice((20, 30, 50, 60, 75, 80)),
                      evidence=_evidence(rng, period.start) if rng.random() < 0.6 else "")
    elif status == labels.STATUS_NOT_STARTED:
        values.update(completion=0)
    if rng.random() < 0.1:
        values["issues"] = "Chờ hướng dẫn của UBND tỉnh; đề nghị Văn phòng Sở hỗ trợ."
    return values


def criterion_answer(rng: random.Random, plan: Plan, criterion: Criterion, diligence: float) -> tuple:
    """(cell values, Result) for one criterion, as a unit would self-score it."""
    rule = criterion.rule
    good = rng.random() < diligence
    if rule == scoring.CHOICE:
        ordered = sorted(criterion.levels, key=lambda lv: -(lv.points or 0))
        level = ordered[0] if good else rng.choice(ordered)
        return {"result": scoring.level_label(level)}, scoring.Result(level.order)
    if rule == scoring.YESNO:
        return {"result": labels.YES if good else labels.NO}, scoring.Result(good)
    if rule in scoring.PERCENT_RULES:
        percent = rng.choice((100, 98, 96, 100)) if good else rng.choice((80, 90, 94, 60))
        return {"result": percent}, scoring.Result(percent)
    if rule == scoring.TIERS:
        count = 0 if good else rng.randint(1, 4)
        return {"result": count}, scoring.Result(count)
    maximum = scoring.leaf_max(criterion)
    points = round(maximum * (rng.choice((1.0, 0.9, 0.8)) if good else rng.choice((0.5, 0.7))), 2)
    return {"result": points}, scoring.Result(points)


def fill(plan: Plan, unit: Unit, period: Period, seed: int, diligence: float = 0.85,
         not_applicable_share: float = 0.3) -> Prefill:
    """A unit's values for every task and criterion of its workbook, reproducible from ``seed``."""
    rng = random.Random(seed)
    prefill = Prefill()
    for task in plan.tasks_for(unit.code):
        prefill.tasks[task.code] = task_values(rng, task, unit, period, diligence)
    for criterion in plan.leaves_scored_by(unit.code):
        if plan.allows_not_applicable(criterion.code) and rng.random() < not_applicable_share:
            prefill.criteria[criterion.code] = {"not_applicable": labels.YES}
            prefill.results[criterion.code] = scoring.Result(None, True)
            continue
        values, result = criterion_answer(rng, plan, criterion, diligence)
        if scoring.points(criterion, result) > 0:
            values["evidence"] = _evidence(rng, _date_between(rng, period.start, period.cutoff))
        prefill.criteria[criterion.code] = values
        prefill.results[criterion.code] = result
    return prefill
