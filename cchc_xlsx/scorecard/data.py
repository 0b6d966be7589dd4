"""The scorecard's numbers: gathered from the ledger, computed in Python exactly as the
workbook's formulas compute them, so each formula can be written with its cached value.

``ScorecardData`` is plain data; ``gather`` is the only function that reads the ledger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.appraisal import rounds
from cchc_xlsx.core.model import DEADLINE, Plan, Task
from cchc_xlsx.core.safetext import cell_text
from cchc_xlsx.findings.report import Finding
from cchc_xlsx.rules import kind_of, scoring
from cchc_xlsx.store.ledger import Ledger


@dataclass
class LeafAnswer:
    result: scoring.Result | None = None
    shown: Any = None          # what goes in the Kết quả cell
    evidence: str = ""
    appraised: float | None = None
    left_out: tuple[str, ...] = ()  # the cells of the unit's row whose value was not usable (merged blank)
    reason: str = ""                 # Lý do thẩm định
    decided: float | None = None     # Điểm sau giải trình
    explanation: str = ""            # the unit's Giải trình (its Tài liệu bổ sung appended)

    @property
    def counted(self) -> float | None:
        """What the Office's rounds count instead of the self-score: decided, else appraised."""
        return self.decided if self.decided is not None else self.appraised


@dataclass
class TaskAnswer:
    status: str | None = None
    completion: float | None = None
    completed_on: dt.date | None = None
    evidence: str = ""
    left_out: tuple[str, ...] = ()


@dataclass
class ScorecardData:
    plan: Plan
    period: str
    leaves: dict[str, LeafAnswer] = field(default_factory=dict)
    tasks: dict[tuple[str, str], TaskAnswer] = field(default_factory=dict)   # (task, unit) → answer
    returned: set[str] = field(default_factory=set)
    findings: list[tuple[str, Finding]] = field(default_factory=list)  # (unit, finding)
    trend: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)  # period → {"areas"/"units": {code: %}}
    evidence_files: dict[tuple, list[tuple[str, str]]] = field(default_factory=dict)  # row → [(relative link, name)]
    _task_rows: list | None = field(default=None, repr=False)
    _scores: dict | None = field(default=None, repr=False)
    _lead_rows: dict | None = field(default=None, repr=False)
    # index_scope = unit: (unit, leaf) → that unit's answer; each unit's own tree of totals.
    unit_leaves: dict[tuple[str, str], LeafAnswer] = field(default_factory=dict)
    _unit_scores: dict = field(default_factory=dict, repr=False)
    _answers_by_unit: dict | None = field(default=None, repr=False)
    _appraised_scores: dict | None = field(default=None, repr=False)
    linked: set[tuple[str, str]] = field(default_factory=set)  # (unit, criterion) with a file linked to its row
    _unit_appraised: dict = field(default_factory=dict, repr=False)


def gather(plan: Plan, ledger: Ledger, period_code: str, with_trend: bool = True) -> ScorecardData:
    """Everything the scorecard shows for one period, from the latest accepted submissions."""
    data = ScorecardData(plan, period_code)
    latest = ledger.latest(period_code)
    data.returned = set(latest)
    for row in ledger.query("SELECT * FROM merged_criteria WHERE period = ?", (period_code,)):
        if not plan.has_criterion(row["code"]) or row["unit"] not in plan.scorers_of(row["code"]):
            continue
        criterion = plan.criterion(row["code"])
        kind = kind_of(criterion)
        value = kind.decode(row["result_value"])
        left_out = _left_out(row)
        shown = None if "result" in left_out else _shown(kind.shown(criterion, value), row["result_text"])
        answer = LeafAnswer(scoring.Result(value, bool(row["not_applicable"])), shown,
                            cell_text(row["evidence"] or ""), left_out=left_out)
        if plan.unit_scope:
            data.unit_leaves[(row["unit"], row["code"])] = answer
        else:
            data.leaves[row["code"]] = answer
    for row in ledger.query("SELECT * FROM merged_tasks WHERE period = ?", (period_code,)):
        data.tasks[(row["code"], row["unit"])] = TaskAnswer(
            row["status"], row["completion"],
            dt.date.fromisoformat(row["completed_on"]) if row["completed_on"] else None,
            cell_text(row["evidence"] or ""), _left_out(row))
    _gather_rounds(data, ledger)
    data.linked = {(row["unit"], row["code"]) for row in ledger.query(
        "SELECT l.unit, l.code FROM evidence_links l JOIN latest_submissions s ON s.id = l.submission_id "
        "WHERE l.period = ? AND l.row_kind = 'criterion' AND l.how != 'none'", (period_code,))}
    # Findings of what is merged, and of the units whose every file was rejected: they need them most.
    shown = {**ledger.latest_any(period_code), **latest}
    by_id = {row["id"]: row for row in shown.values()}
    data.findings = [(by_id[sid]["unit"], f) for sid, found in ledger.findings(list(by_id)).items() for f in found]
    if with_trend:
        for period in plan.periods:
            if period.code == period_code:
                break
            if ledger.latest(period.code):
                earlier = gather(plan, ledger, period.code, with_trend=False)
                data.trend[period.code] = {"areas": {a.code: scores(earlier)[a.code].ratio * 100
                                                     for a in plan.areas()},
                                           "units": {u.code: unit_row(earlier, u.code)["score"]
                                                     for u in plan.workbook_units()}}
                if plan.unit_scope:
                    data.trend[period.code]["index"] = {u.code: unit_index(earlier, u.code)[2]
                                                        for u in plan.scoring_units()}
    return data


def _gather_rounds(data: ScorecardData, ledger: Ledger) -> None:
    # The Office's appraisal (with its reason) and decision, and the units' explanations (issue 22).
    plan, period = data.plan, data.period
    for stage, attribute in ((rounds.APPRAISAL, "appraised"), (rounds.DECISION, "decided")):
        for code, points in rounds.latest(ledger, period, stage, per_unit=False).items():
            if plan.has_criterion(code) and not plan.unit_scope:
                setattr(data.leaves.setdefault(code, LeafAnswer()), attribute, points)
        for key, points in rounds.latest(ledger, period, stage, per_unit=True).items():
            if plan.unit_scope and plan.has_criterion(key[1]) and key[0] in plan.scorers_of(key[1]):
                setattr(data.unit_leaves.setdefault(key, LeafAnswer()), attribute, points)
    for (unit, code), reason in rounds.reasons(ledger, period).items():
        answer = _answer_of(data, unit, code)
        if answer is not None:
            answer.reason = reason
    for (unit, code), said in rounds.explanations(ledger, period).items():
        mine = plan.unit_scope or (plan.has_criterion(code) and plan.scorer_of(code) == unit)
        answer = _answer_of(data, unit if plan.unit_scope else None, code) if mine else None
        if answer is not None:
            answer.explanation = "\n".join(filter(None, (said.text, said.evidence)))


def _answer_of(data: ScorecardData, unit: str | None, code: str) -> LeafAnswer | None:
    # The leaf's answer (created when the Office's rounds name it), None where the plan has no such row.
    plan = data.plan
    if not plan.has_criterion(code) or not plan.criterion(code).is_leaf:
        return None
    if plan.unit_scope:
        if unit is None or unit not in plan.scorers_of(code):
            return None
        return data.unit_leaves.setdefault((unit, code), LeafAnswer())
    return data.leaves.setdefault(code, LeafAnswer()) if unit is None else None


def _left_out(row) -> tuple[str, ...]:
    # Merged per cell: the columns of this row left out (blank here, reported in the findings).
    return tuple(filter(None, (row["left_out"] or "").split(",")))


def latest_appraisals(ledger: Ledger, period_code: str) -> dict[str, float]:
    """code → the latest appraised points (cleared ones left out)."""
    return rounds.latest(ledger, period_code, rounds.APPRAISAL, per_unit=False)


def latest_unit_appraisals(ledger: Ledger, period_code: str) -> dict[tuple[str, str], float]:
    """(unit, code) → the latest appraised points of one unit's criterion (``index_scope = unit``)."""
    return rounds.latest(ledger, period_code, rounds.APPRAISAL, per_unit=True)


def _shown(shown, text):
    # The answer as its kind shows it; what the unit typed where the answer no longer reads.
    return shown if shown is not None else (text or None)


# --- the numbers, as the formulas compute them ------------------------------------------

def scores(data: ScorecardData) -> dict[str, scoring.NodeScore]:
    """Every node's totals (``""``: the whole plan), computed once with the scoring rules."""
    if data._scores is None and data.plan.unit_scope:
        data._scores = scoring.pool_trees(data.plan, [unit_scores(data, u.code) for u in data.plan.scoring_units()])
    if data._scores is None:
        results = {code: leaf.result for code, leaf in data.leaves.items() if leaf.result is not None}
        counted = {code: leaf.counted for code, leaf in data.leaves.items() if leaf.counted is not None}
        data._scores = scoring.score_tree(data.plan, results, counted)
    return data._scores


def appraised_scores(data: ScorecardData) -> dict[str, scoring.NodeScore]:
    """Every node's totals after appraisal only (``final``: appraised, else self), for the index
    ``thẩm định`` beside the self-assessed and the official one."""
    if data._appraised_scores is None and data.plan.unit_scope:
        data._appraised_scores = scoring.pool_trees(
            data.plan, [unit_scores(data, u.code, appraised_only=True) for u in data.plan.scoring_units()])
    if data._appraised_scores is None:
        results = {code: leaf.result for code, leaf in data.leaves.items() if leaf.result is not None}
        appraised = {code: leaf.appraised for code, leaf in data.leaves.items() if leaf.appraised is not None}
        data._appraised_scores = scoring.score_tree(data.plan, results, appraised)
    return data._appraised_scores


def unit_scores(data: ScorecardData, unit_code: str, appraised_only: bool = False) -> dict[str, scoring.NodeScore]:
    """One unit's own tree of totals (``index_scope = unit``): only the leaves it scores count;
    ``appraised_only``: the decision left out (the index after appraisal)."""
    if data._answers_by_unit is None:  # indexed once: hundreds of units
        data._answers_by_unit = {}
        for (unit, code), leaf in data.unit_leaves.items():
            data._answers_by_unit.setdefault(unit, {})[code] = leaf
    cache = data._unit_appraised if appraised_only else data._unit_scores
    if unit_code not in cache:
        mine = data._answers_by_unit.get(unit_code, {})
        results = {code: leaf.result for code, leaf in mine.items() if leaf.result is not None}
        counted = {code: leaf.appraised if appraised_only else leaf.counted for code, leaf in mine.items()}
        counted = {code: points for code, points in counted.items() if points is not None}
        only = {c.code for c in data.plan.leaves_scored_by(unit_code)}
        cache[unit_code] = scoring.score_tree(data.plan, results, counted, only)
    return cache[unit_code]


def unit_answer(data: ScorecardData, unit_code: str, code: str) -> LeafAnswer:
    return data.unit_leaves.get((unit_code, code)) or LeafAnswer()


def task_flag(task: Task, answer: TaskAnswer, cutoff: dt.date) -> str:
    """Overdue: past its deadline at the cut-off and not finished; late: finished after its deadline."""
    deadline = task.deadline if task.schedule == DEADLINE else None
    status = answer.status
    if deadline and deadline <= cutoff and status not in (labels.STATUS_DONE, labels.STATUS_NOT_ARISEN):
        return labels.FLAG_OVERDUE
    if deadline and status == labels.STATUS_DONE and answer.completed_on and answer.completed_on > deadline:
        return labels.FLAG_LATE
    return ""


def task_rows(data: ScorecardData) -> list[tuple[Task, str, TaskAnswer]]:
    """Every (task, unit) pair of units that receive a workbook: leads first, then coordinators."""
    if data._task_rows is None:
        units = {u.code for u in data.plan.workbook_units()}
        data._task_rows = [(task, unit, data.tasks.get((task.code, unit), TaskAnswer()))
                           for task in data.plan.tasks for unit in (*task.lead, *task.coordinators) if unit in units]
    return data._task_rows


def _lead_rows(data: ScorecardData, unit_code: str) -> list[tuple[Task, TaskAnswer]]:
    if data._lead_rows is None:
        data._lead_rows = {}
        for task, unit, answer in task_rows(data):
            if task.role_of(unit) == "lead":
                data._lead_rows.setdefault(unit, []).append((task, answer))
    return data._lead_rows.get(unit_code, [])


def unit_row(data: ScorecardData, unit_code: str) -> dict[str, Any]:
    """One unit's counts, rates and result, as the Xếp loại formulas compute them."""
    cutoff = data.plan.period(data.period).cutoff
    # A unit answers for the tasks it leads; those it coordinates are the lead's to report.
    rows = _lead_rows(data, unit_code)
    flags = [task_flag(t, a, cutoff) for t, a in rows]
    statuses = [a.status for _, a in rows]
    assigned = len(rows)
    done = statuses.count(labels.STATUS_DONE)
    late = sum(1 for s, f in zip(statuses, flags) if s == labels.STATUS_DONE and f == labels.FLAG_LATE)
    not_arisen = statuses.count(labels.STATUS_NOT_ARISEN)
    base = assigned - not_arisen
    completion = done / base * 100 if base > 0 else 0.0
    if data.plan.unit_scope:
        points, maximum = _own_points(data, unit_code)
    else:
        leaves = [c.code for c in data.plan.leaves_scored_by(unit_code)]
        totals = [scores(data)[code] for code in leaves]
        points = sum(t.final for t in totals)
        maximum = sum(t.max for t in totals) - sum(t.not_applicable_max for t in totals)
    points_pct = points / maximum * 100 if maximum > 0 else 0.0
    # A unit with no task of its own to count is judged by its points alone (and the reverse).
    if maximum > 0:
        score = (completion + points_pct) / 2 if base > 0 else points_pct
    else:
        score = completion
    return {"assigned": assigned, "done_on_time": done - late, "done_late": late,
            "overdue": flags.count(labels.FLAG_OVERDUE), "not_started": statuses.count(labels.STATUS_NOT_STARTED),
            "not_arisen": not_arisen, "completion": completion, "points": points, "max": maximum,
            "points_pct": points_pct,
            "score": float(round(score, scoring.INDEX_DECIMALS))}


def _own_points(data: ScorecardData, unit_code: str) -> tuple[float, float]:
    # As the SUMIFS over the unit's rows of the per-unit sheet add them: in document order.
    tree = unit_scores(data, unit_code)
    totals = [tree[c.code] for c in data.plan.leaves_scored_by(unit_code)]
    return (sum(t.final for t in totals),
            sum(t.max for t in totals) - sum(t.not_applicable_max for t in totals))


def unit_index(data: ScorecardData, unit_code: str) -> tuple[float, float, float]:
    """(points, maximum after the unit's own hạ chuẩn, index %) of one unit, as ``Chỉ số đơn vị`` shows."""
    points, maximum = _own_points(data, unit_code)
    return points, maximum, scoring.ranked_index(points, maximum)


def band(score: float, bands: dict[str, float]) -> str:
    """The classification of a result (%) by the workspace's bands, highest first."""
    for name, threshold in sorted(bands.items(), key=lambda kv: -kv[1]):
        if score >= threshold:
            return name
    return ""


def rank(value: float, values: list[float]) -> int:
    """As Excel's RANK (descending): 1 + how many are greater."""
    return 1 + sum(1 for v in values if v > value)
