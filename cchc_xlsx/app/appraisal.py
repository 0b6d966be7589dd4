"""The year's second half as the command line and the Office's page run it: the Office's
rounds imported from its scorecard, and the explanation workbooks (with their drafts)."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.core.errors import InputProblem
from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.names import safe_name
from cchc_xlsx.core.safetext import printable
from cchc_xlsx.findings import catalogue
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.store.workspace import Workspace
from cchc_xlsx.text.language import say

EXPLAIN_FOLDER = "explain"


@dataclass
class AppraisalResult:
    """What an import recorded: how many (criterion, round) entries changed, from which file."""

    path: Path
    changed: int


@dataclass
class ExplainFile:
    unit: str
    path: Path
    rows: int


@dataclass
class ExplainResult:
    """The explanation workbooks written, when they are due, and the drafts (with ``mail``)."""

    folder: Path
    due: dt.date
    files: list[ExplainFile] = field(default_factory=list)
    drafts: int = 0
    problems: list = field(default_factory=list)  # mail.common.Problem


def import_appraisal(workspace: Workspace, plan: Plan, period_code: str, path: Path,
                     by: str | None = None) -> AppraisalResult:
    """Record the Office's rounds entered in a scorecard file: ``Điểm thẩm định`` with ``Lý do thẩm
    định`` and ``Điểm sau giải trình``; only what changed, with who and when (the same file twice
    records nothing the second time).

    Raises:
        InputProblem: the file is refused by the guard or is not a readable scorecard.
    """
    from cchc_xlsx.appraisal.importing import read_entries
    from cchc_xlsx.appraisal.rounds import record

    guard_appraisal(workspace, path)
    try:
        entries = read_entries(path, plan)
    except (KeyError, ValueError, StopIteration, OSError) as exc:
        raise InputProblem(say("appraisal-unreadable", file=path, reason=exc)) from exc
    with Ledger(workspace.ledger_path) as ledger:
        changed = record(ledger, period_code, entries, file_name=path.name,
                         sha256=hashlib.sha256(path.read_bytes()).hexdigest(), by=by or getpass.getuser(),
                         source=str(path))
    return AppraisalResult(path, changed)


def guard_appraisal(workspace: Workspace, path: Path) -> None:
    """The appraisal file is as foreign as a unit's return: the same guard judges it before any reader.

    Raises:
        InputProblem: too large, not a spreadsheet, or refused by the guard (the message says why).
    """
    from cchc_xlsx.collect import guard

    limits = workspace.limits()
    if path.stat().st_size > limits["max_file_bytes"]:
        reason = catalogue.message("file-too-large", file=path.name, size=guard.size_text(path.stat().st_size),
                                                          limit=guard.size_text(limits["max_file_bytes"]))
        raise InputProblem(printable(labels.ENVIRONMENT["appraisal-refused"].format(path=path, reason=reason)))
    kind, refusal = guard.inspect(path.read_bytes(), path.suffix.lower(), limits)
    if refusal is None and kind != "xlsx":  # the appraisal is entered in our own scorecard.xlsx
        refusal = guard.Refusal("file-not-spreadsheet", {"expected": ".xlsx"})
    if refusal is not None:
        fields = {"file": path.name, "sheet": "", "cell": "", "value": "", "code": "", **refusal.fields}
        reason = catalogue.message(refusal.code, **fields)
        raise InputProblem(printable(labels.ENVIRONMENT["appraisal-refused"].format(path=path, reason=reason)))


def explain(workspace: Workspace, plan: Plan, period_code: str, unit: str | None = None,
            mail: bool = False, today: dt.date | None = None) -> ExplainResult:
    """Write ``outbox/P/explain/<unit>.xlsx`` for each unit with a criterion appraised below its
    self-score (only ``unit``'s when given), and with ``mail`` an .eml draft beside each.

    Args:
        today: the day the due date counts from (``[explain] days`` working days later).

    Raises:
        KeyError: ``unit`` has nothing to explain.
    """
    from cchc_xlsx.appraisal.workbook import write_explanation
    from cchc_xlsx.mail.compose import contact_text
    from cchc_xlsx.scorecard.data import gather
    from cchc_xlsx.xlsx.writeout import atomic_path

    today = today or dt.date.today()
    result = ExplainResult(workspace.outbox(period_code) / EXPLAIN_FOLDER,
                           add_working_days(today, workspace.explain_days()))
    with Ledger(workspace.ledger_path) as ledger:
        data = gather(plan, ledger, period_code, with_trend=False)
    rows = explain_rows(data)
    if unit is not None:
        chosen = {code: items for code, items in rows.items() if code.casefold() == unit.casefold()}
        if not chosen:
            raise KeyError(unit)
        rows = chosen
    now = dt.datetime.combine(today, dt.time(8, 0))
    period = plan.period(period_code)
    for code, items in rows.items():
        target = result.folder / f"{safe_name(code)}.xlsx"
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as temporary:
            write_explanation(temporary, plan, plan.units_by_code[code], period, items, due=result.due,
                              generated_at=now, contact=contact_text(plan),
                              password=workspace.settings.get("sheet_password", ""))
        result.files.append(ExplainFile(code, target, len(items)))
    if mail:
        _drafts(workspace, plan, period_code, result)
    return result


def _drafts(workspace: Workspace, plan: Plan, period_code: str, result: ExplainResult) -> None:
    from cchc_xlsx.core.values import format_date
    from cchc_xlsx.mail.drafts import write_explanation as write_draft

    with Ledger(workspace.ledger_path) as ledger:
        for item in result.files:
            drafts = write_draft(workspace, plan, period_code, item.unit, item.path, due=format_date(result.due),
                                 count=item.rows, ledger=ledger)
            result.drafts += len(drafts.drafts)
            result.problems += drafts.problems


def explain_rows(data) -> dict[str, list]:
    """unit → its criteria appraised below its self-score, in plan order (``ExplainRow``)."""
    from cchc_xlsx.appraisal.workbook import ExplainRow
    from cchc_xlsx.rules.scoring import leaf_max
    from cchc_xlsx.scorecard.data import scores, unit_scores

    plan = data.plan
    found: dict[str, list] = {}
    for leaf in plan.leaves():
        if plan.unit_scope:
            pairs = [(u, data.unit_leaves.get((u, leaf.code)), unit_scores(data, u)[leaf.code].points)
                     for u in plan.scorers_of(leaf.code)]
        else:
            scorer = plan.scorer_of(leaf.code)
            pairs = [(scorer, data.leaves.get(leaf.code), scores(data)[leaf.code].points)] if scorer else []
        for unit, answer, self_points in pairs:
            if answer is None or answer.appraised is None or answer.appraised >= self_points - 1e-9:
                continue
            found.setdefault(unit, []).append(ExplainRow(leaf.code, leaf.title, leaf_max(leaf), self_points,
                                                         answer.appraised, answer.reason))
    return found


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``days`` working days (Monday to Friday) after ``start``."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day
