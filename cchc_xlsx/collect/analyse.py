"""Analyse one received file: guard, read, identify, validate. Runs in a worker process.

Pure apart from parsing the bytes it is given: it returns what to record, and the parent
process does all writing (archive, ledger), so a worker that dies loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from cchc_xlsx import text as labels
from cchc_xlsx.appraisal.returned import is_explanation, read_explanation
from cchc_xlsx.collect import formats, guard
from cchc_xlsx.collect.read import WorkbookValues, read_values
from cchc_xlsx.findings.catalogue import FILE_FATAL, cell_finding, reason_text
from cchc_xlsx.findings.report import Finding
from cchc_xlsx.core.layout import SCHEMA
from cchc_xlsx.core.model import Plan
from cchc_xlsx.validate import Context, check_criteria, check_tasks, missing_columns
from cchc_xlsx.core.values import fold_key

CONVERTED_FORMATS = {"xls": "Excel 97-2003 (.xls)", "ods": "OpenDocument (.ods)"}


@dataclass
class Analysis:
    """What the parent records for one file."""

    unit: str | None = None
    plan_id: str | None = None
    identified_by: str = "none"
    findings: list[Finding] = field(default_factory=list)
    task_values: list[dict[str, Any]] | str = field(default_factory=list)      # rows, or their JSON
    criterion_values: list[dict[str, Any]] | str = field(default_factory=list)
    cites_files: bool | None = None  # whether an evidence cell names a file (None: not looked at)
    kind: str | None = None  # "explanation" for an explanation workbook (issue 22); None: a return

    @property
    def verdict(self) -> str:
        codes = {f.code for f in self.findings}
        severities = {f.severity for f in self.findings}
        if codes & FILE_FATAL or self.unit is None:
            return "rejected"
        if "error" in severities:
            return "errors"
        return "warnings" if "warning" in severities else "accepted"


def file_finding(code: str, file: str, **fields: Any) -> Finding:
    """A finding about a whole file (no sheet or cell)."""
    return cell_finding(code, file=file, **fields)


def analyse(data: bytes, file_name: str, sender: str, plan: Plan, period_code: str,
            limits: dict[str, int], reply_unit: str | None = None,
            versions: dict[str, Plan] | None = None) -> Analysis:
    """Guard, read, identify and validate one file.

    Args:
        data: the file's bytes.
        file_name: its name as received (messages name it).
        sender: the sender's address for mail, "" otherwise.
        plan: the workspace's plan.
        period_code: the period being collected.
        limits: the workspace's size limits.
        reply_unit: the unit whose message this file came back in answer to (In-Reply-To), if known.
        versions: the workspace's earlier plan versions by ``plan_id`` (``plan/versions/``).
    """
    analysis = Analysis()
    extension = PurePath(file_name).suffix.lower()
    checked = guard.check(data, extension, limits)  # the limits apply to this workbook alone
    kind, refusal = checked.kind, checked.refusal
    if refusal:
        analysis.findings.append(file_finding(refusal.code, file_name, **refusal.fields))
        return analysis
    parts = checked.parts
    try:
        values = read_values(checked.data)  # the parts as the guard checked them, far empty cells dropped
    except Exception as exc:  # any engine error on a bad file is reported, never raised
        analysis.findings.append(file_finding("file-unreadable", file_name, reason=reason_text(exc)))
        return analysis
    del checked  # its copy for the reader is read: a large workbook's memory is held once, not twice
    formats_known = _attach_formats(values, data, kind, limits, parts)
    del parts
    if kind in CONVERTED_FORMATS:
        analysis.findings.append(file_finding("file-converted", file_name, format=CONVERTED_FORMATS[kind]))
    elif extension == ".xlsm":
        analysis.findings.append(file_finding("file-macros", file_name))
    previous = _identify(analysis, values, file_name, sender, plan, period_code, reply_unit, versions or {})
    if analysis.verdict == "rejected":
        return analysis
    if is_explanation(values.meta):  # identified and trusted as a return; its own table (issue 22)
        read_explanation(analysis, values, file_name, plan)
        return analysis
    matched = _validate(analysis, values, file_name, plan, period_code, previous)
    if not formats_known and any(f.code == "value-ambiguous" and f.field in ("completion", "result")
                                 for f in analysis.findings):
        analysis.findings.append(file_finding("formats-unknown", file_name))
    if analysis.plan_id and analysis.plan_id != plan.plan_id and not matched:
        # Made from another plan and not one of its unit's rows is in the current one: refused whole.
        analysis.findings = [f for f in analysis.findings if f.code == "meta-other-period"]
        analysis.findings.append(file_finding("meta-other-plan", file_name, found=analysis.plan_id,
                                              expected=plan.plan_id))
        analysis.task_values, analysis.criterion_values = [], []
    return analysis


def _attach_formats(values: WorkbookValues, data: bytes, kind: str, limits: dict[str, int],
                    parts: dict[str, bytes] | None = None) -> bool:
    # Which cells show a percentage: 0.8 there is 80 %, in a plain cell 0.8 %. False: not known.
    tables = [t for t in values.tables.values() if t is not None]
    try:
        found = formats.percent_cells(data, kind, [t.sheet for t in tables], limits, parts)
    except formats.FormatsUnreadable:
        return False
    for table in tables:
        table.percent = found.get(table.sheet, frozenset())
    return True


def _identify(analysis: Analysis, values: WorkbookValues, file_name: str, sender: str, plan: Plan,
              period_code: str, reply_unit: str | None = None,
              versions: dict[str, Plan] | None = None) -> Plan | None:
    """Who sent the file and from which plan version; returns that version where it is an older
    one the workspace kept (the rows are then matched to the current plan by Mã)."""
    meta = values.meta or {}
    unit = meta.get("unit", "")
    previous = None
    if meta.get("schema") == SCHEMA and meta.get("period") and (
            unit in plan.units_by_code or any(unit in v.units_by_code for v in (versions or {}).values())):
        analysis.unit, analysis.plan_id, analysis.identified_by = unit, meta.get("plan_id"), "meta"
        found_id = meta.get("plan_id")
        if found_id != plan.plan_id:
            previous = (versions or {}).get(found_id)
            code = "meta-older-plan" if previous is not None else "meta-unknown-plan"
            analysis.findings.append(file_finding(code, file_name, found=found_id, expected=plan.plan_id))
        if meta.get("period") != period_code:
            analysis.findings.append(file_finding("meta-other-period", file_name, found=meta.get("period"),
                                                  expected=period_code, value=str(meta.get("period"))))
    else:
        found, how = _match_by_name(values, file_name, sender, plan, reply_unit)
        if found is None:
            analysis.findings.append(file_finding("meta-unidentified", file_name))
            return None
        analysis.unit, analysis.identified_by = found, "name"
        analysis.findings.append(file_finding("meta-missing", file_name, unit=plan.units_by_code[found].name,
                                              how=labels.HOW_IDENTIFIED[how]))
    unit_now = plan.units_by_code.get(analysis.unit)
    expected_sender = unit_now.email.lower() if unit_now else ""
    if sender and expected_sender and sender.lower() != expected_sender:
        analysis.findings.append(file_finding("meta-sender-differs", file_name, unit=unit_now.name, sender=sender))
    return previous


def _match_by_name(values: WorkbookValues, file_name: str, sender: str, plan: Plan,
                   reply_unit: str | None = None) -> tuple[str | None, str]:
    # A unit name found in the title rows, else in the file name, else the sender's address: only
    # an unambiguous match counts. Longer names are tried first ("Văn phòng" inside a longer name).
    units = plan.workbook_units()
    text_above = " ".join(t.text_above for t in values.tables.values() if t)
    for how, text in (("name", text_above), ("file", file_name)):
        folded = fold_key(text)
        hits = {u.code for u in units for name in sorted((u.name, *u.aliases), key=len, reverse=True)
                if len(fold_key(name)) >= 4 and fold_key(name) in folded}
        hits = _drop_contained(hits, units, folded)
        if len(hits) == 1:
            return hits.pop(), how
    by_sender = [u.code for u in units if sender and u.email.lower() == sender.lower()]
    if len(by_sender) == 1:
        return by_sender[0], "sender"
    if reply_unit in plan.units_by_code:
        return reply_unit, "reply"
    return None, "none"


def _drop_contained(hits: set[str], units, folded: str) -> set[str]:
    # "Văn phòng" is contained in no other unit's name here, but a plan may have such pairs: keep
    # the unit whose longest matching name is longest.
    if len(hits) <= 1:
        return hits
    best = {code: max(len(fold_key(n)) for u in units if u.code == code for n in (u.name, *u.aliases)
                      if fold_key(n) in folded) for code in hits}
    longest = max(best.values())
    return {code for code, length in best.items() if length == longest}


def _validate(analysis: Analysis, values: WorkbookValues, file_name: str, plan: Plan, period_code: str,
              previous: Plan | None = None) -> int:
    """Validate the sheets into values and findings; returns how many rows matched the current plan."""
    ctx = Context(file_name, plan, analysis.unit, plan.period(period_code), previous)
    checks = {"tasks": (labels.SHEET_TASKS, check_tasks), "criteria": (labels.SHEET_CRITERIA, check_criteria)}
    for key, (sheet_name, check) in checks.items():
        expected_rows = plan.tasks_for(analysis.unit) if key == "tasks" else plan.leaves_scored_by(analysis.unit)
        if not expected_rows:
            continue
        table = values.tables.get(key)
        if table is None:
            ctx.add("sheet-missing", sheet=sheet_name)
            continue
        missing = values.missing_columns.get(key) or []
        missing_columns(ctx, table, key, missing)
        if labels.TASK_HEADERS["code"] in missing:
            continue
        check(ctx, table)
    analysis.findings.extend(ctx.checked.findings)
    analysis.task_values = ctx.checked.task_values
    analysis.criterion_values = ctx.checked.criterion_values
    return ctx.matched
