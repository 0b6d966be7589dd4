"""Feedback to units: a fresh copy of the unit's workbook, regenerated from the plan with the
unit's own values filled in, the cells with problems highlighted and commented.

The unit's file is never re-saved (openpyxl would drop what it does not understand): the
workbook is written anew by the generate writer, from the values recorded in the ledger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.core import layout
from cchc_xlsx.findings.report import Finding
from cchc_xlsx.rules import kind_of, scoring
from cchc_xlsx.generate import Prefill, workbook_file_name, write_unit_workbook
from cchc_xlsx.generate.workbook import criteria_rows
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.core.model import Plan
from cchc_xlsx.xlsx.writeout import atomic_path
from cchc_xlsx.core.safetext import cell_text
from cchc_xlsx.core.values import format_points

SHEET_KEYS = {labels.SHEET_TASKS: "tasks", labels.SHEET_CRITERIA: "criteria"}


@dataclass(frozen=True)
class FeedbackFile:
    unit: str
    path: Path
    problems: list[str]  # the messages of the findings, for the covering email


def prefill_from_ledger(plan: Plan, ledger: Ledger, submission_id: int, unit_code: str | None = None
                        ) -> tuple[Prefill, list[str]]:
    """The unit's recorded values of one submission, and comments from its findings.

    Values go back as the tool read them ("co" as "Có", 0.8 in a percent cell as 80), so the
    workbook's formulas compute what the tool computed. Every finding with a row of the workbook
    gets a comment on its cell (the row's ``Mã`` cell when it names no column), its severity first;
    the others are listed on the guide sheet.

    Returns:
        The prefill, and the messages of the findings above info (for the covering email).
    """
    prefill = Prefill()
    for row in ledger.query("SELECT * FROM task_values WHERE submission_id = ?", (submission_id,)):
        completed = dt.date.fromisoformat(row["completed_on"]) if row["completed_on"] else None
        prefill.tasks[row["code"]] = {"status": row["status"], "completion": row["completion"],
                                      "completed_on": completed, "evidence": _cell(row["evidence"]),
                                      "issues": _cell(row["issues"]), "note": _cell(row["note"])}
    for row in ledger.query("SELECT * FROM criterion_values WHERE submission_id = ?", (submission_id,)):
        if not plan.has_criterion(row["code"]):
            continue
        criterion = plan.criterion(row["code"])
        kind = kind_of(criterion)
        value = kind.decode(row["result_value"])
        # The answer as the list or the formula expects it: a level's label, "Có"/"Không", a number.
        prefill.criteria[row["code"]] = {"result": kind.shown(criterion, value),
                                         "evidence": _cell(row["evidence"]), "note": _cell(row["note"]),
                                         "not_applicable": labels.YES if row["not_applicable"] else None}
        prefill.results[row["code"]] = scoring.Result(value, bool(row["not_applicable"]))
    rows = _workbook_rows(plan, unit_code)
    problems = []
    for finding in ledger.findings([submission_id]).get(submission_id, []):
        if finding.severity != "info":
            problems.append(finding.message)  # what the email lists: what to fix or check
        text = cell_text(f"[{labels.SEVERITY[finding.severity]}] {finding.message}")  # the unit's value quoted
        place = _place(finding, rows)
        if place is None:
            prefill.notes.append(text)
            continue
        prefill.comments[place] = "\n".join(filter(None, [prefill.comments.get(place), text]))
        _show_raw_value(prefill, place[0], finding)
    return prefill, problems


def _workbook_rows(plan: Plan, unit_code: str | None) -> dict[str, set[str]] | None:
    # The codes each sheet of the fresh workbook has (None: any code of the plan).
    if unit_code is None:
        return None
    return {"tasks": {t.code for t in plan.tasks_for(unit_code)},
            "criteria": {c.code for c in criteria_rows(plan, unit_code)}}


def _place(finding: Finding, rows: dict[str, set[str]] | None) -> tuple[str, str, str] | None:
    key = SHEET_KEYS.get(finding.sheet)
    code = finding.row_code
    if not key or not code or (rows is not None and code not in rows[key]):
        return None
    headers = labels.TASK_HEADERS if key == "tasks" else labels.CRITERIA_HEADERS
    field = finding.field if finding.field in headers else "code"
    return key, code, field


def _cell(text: str | None) -> str | None:
    # The unit's text as it goes back into a cell: line breaks kept, other control characters escaped.
    return cell_text(text) if text else text


def _show_raw_value(prefill: Prefill, key: str, finding: Finding) -> None:
    # An unusable value was not recorded: put back what the unit typed, so they see what to fix.
    if finding.field not in (layout.TASK_INPUTS if key == "tasks" else layout.CRITERIA_INPUTS):
        return
    values = (prefill.tasks if key == "tasks" else prefill.criteria).setdefault(finding.row_code, {})
    if values.get(finding.field) in (None, "") and finding.value:
        values[finding.field] = _cell(finding.value)


def _risks(plan: Plan, ledger: Ledger, period_code: str) -> list:
    # The period's points at risk (issue 22), as the scorecard's sheet lists them.
    from cchc_xlsx.scorecard.data import gather
    from cchc_xlsx.scorecard.risk import points_at_risk

    return points_at_risk(gather(plan, ledger, period_code, with_trend=False))


def _add_risks(prefill: Prefill, problems: list[str], risks: list) -> None:
    # Each of the unit's points at risk: a comment on its evidence cell, and a line of the email.
    for risk in risks:
        text = labels.FEEDBACK_RISK_NOTE.format(code=risk.code, points=format_points(risk.points),
                                                reason=risk.reason)
        place = ("criteria", risk.code, "evidence")
        prefill.comments[place] = "\n".join(filter(None, [prefill.comments.get(place), text]))
        problems.append(text)


def write_feedback(plan: Plan, ledger: Ledger, period_code: str, outdir: Path, *, password: str = "",
                   now: dt.datetime | None = None) -> list[FeedbackFile]:
    """One annotated workbook per unit whose latest submission has errors or warnings; its points
    at risk (issue 22) commented on their evidence cells and listed for the email too."""
    period = plan.period(period_code)
    written = []
    risks = None
    for unit_code, submission in sorted(ledger.latest(period_code).items()):
        if not (submission["errors"] or submission["warnings"]):
            continue
        unit = plan.units_by_code[unit_code]
        prefill, problems = prefill_from_ledger(plan, ledger, submission["id"], unit_code)
        risks = risks if risks is not None else _risks(plan, ledger, period_code)
        _add_risks(prefill, problems, [r for r in risks if r.unit == unit_code])
        target = outdir / workbook_file_name(plan, unit, period)
        # Dated by the submission, so the same submission always gives the same bytes (and the
        # mail layer does not send a second, identical feedback).
        generated_at = now or dt.datetime.fromisoformat(submission["recorded_at"])
        with atomic_path(target) as temporary:
            write_unit_workbook(temporary, plan, unit, period, generated_at=generated_at, password=password,
                                prefill=prefill)
        written.append(FeedbackFile(unit_code, target, problems))
    return written
