"""Write the messages as .eml drafts and record each in the ledger's ``mail_log``.

An .eml with ``X-Unsent: 1`` opens in Outlook and Thunderbird as a draft ready to send, so the
clerk can send by hand; ``cchc mail --send`` sends the same files over SMTP. Writing is
idempotent: a draft that already carries the current workbook is kept (with its Message-ID),
so a re-run neither duplicates nor re-sends anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

from cchc_xlsx.generate import read_manifest, units_to_generate
from cchc_xlsx.generate.workbook import workbook_file_name
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.mail import log
from cchc_xlsx.mail.common import Problem, problem
from cchc_xlsx.mail.compose import NoAddress, compose_message, contact_text, with_contacts
from cchc_xlsx.core.model import Period, Plan, Unit
from cchc_xlsx.core.names import safe_name
from cchc_xlsx.store.workspace import Workspace
from cchc_xlsx.xlsx.writeout import write_bytes_atomic

MAIL_FOLDER = "mail"
# RFC 5322 lines end in CRLF; Outlook and Thunderbird open such an .eml on every platform.
EML_POLICY = policy.SMTP


@dataclass(frozen=True)
class Draft:
    """One message on disk and in ``mail_log``."""

    unit: str
    kind: str
    path: Path
    message_id: str
    recipient: str
    state: str          # "written" now, "kept" (unsent draft already there) or "sent" (sent earlier)
    log_id: int


@dataclass
class Drafts:
    """What ``write_drafts``/``write_feedback`` did, and what the clerk must fix."""

    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Job:
    # One message to write: to whom, with which file, and anything the template needs.
    unit: Unit
    attachment: Path
    attachment_name: str
    extra: dict = field(default_factory=dict)
    in_reply_to: str | None = None


@dataclass
class _Context:
    # What every message of one run shares.
    workspace: Workspace
    plan: Plan
    period: Period
    kind: str
    folder: Path
    sender: str
    ledger: Ledger
    now: dt.datetime
    current: dict[str, sqlite3.Row]


def mail_folder(workspace: Workspace, period_code: str) -> Path:
    """``outbox/<period>/mail/``, where drafts are written."""
    return workspace.outbox(period_code) / MAIL_FOLDER


def draft_path(workspace: Workspace, stored: str) -> Path:
    """The path of a draft as ``mail_log.file`` stores it (relative to the workspace, or absolute)."""
    path = Path(stored)
    return path if path.is_absolute() else workspace.root / path


def sender_address(workspace: Workspace, plan: Plan) -> str | None:
    """The From address: ``[smtp] sender``, else ``[smtp] user`` if it is an address, else the contact unit's email."""
    smtp = workspace.settings.get("smtp", {}) or {}
    if smtp.get("sender"):
        return smtp["sender"]
    if "@" in (smtp.get("user") or ""):
        return smtp["user"]
    contact_unit = plan.units_by_code.get(plan.meta.get("contact_unit", ""))
    if contact_unit is None:
        return None
    contact_unit = with_contacts(contact_unit, workspace.settings.get("contacts", {}) or {})
    return re.split(r"[,;]", contact_unit.email)[0].strip() or None


def write_drafts(workspace: Workspace, plan: Plan, period_code: str, kind: str = "workbook", *,
                 ledger: Ledger | None = None, now: dt.datetime | None = None) -> Drafts:
    """Write one draft per unit into ``outbox/<period>/mail/`` and record it in ``mail_log``.

    Args:
        workspace: the workspace (settings, outbox, ledger).
        plan: the workspace's plan.
        period_code: the period.
        kind: ``workbook`` (every unit gets its workbook) or ``reminder`` (only units without a
            mergeable submission in the ledger, with their workbook again).
        ledger: an open ledger (default: the workspace's, opened and closed here).
        now: the time written into the messages.

    Returns:
        The drafts written or kept, and the problems (a unit without an address or without a
        workbook is a problem; it is never skipped silently).
    """
    if kind not in ("workbook", "reminder"):
        raise ValueError(f"write_drafts writes workbook or reminder messages, not {kind!r}")
    with log.opened(workspace, ledger) as open_ledger:
        result = Drafts()
        context = _context(workspace, plan, period_code, kind, mail_folder(workspace, period_code), open_ledger,
                           now, result)
        if context is None:
            return result
        for job in _jobs(workspace, plan, context.period, _units_for(plan, kind, period_code, open_ledger)):
            _add(result, job, context)
        return result


def write_feedback(workspace: Workspace, plan: Plan, period_code: str, unit_code: str, workbook: Path,
                   problems: list, *, in_reply_to: str | None = None, folder: Path | None = None,
                   ledger: Ledger | None = None, now: dt.datetime | None = None) -> Drafts:
    """Write one feedback draft to a unit with its annotated workbook attached (for ``cchc feedback``).

    Args:
        workspace: the workspace.
        plan: the workspace's plan.
        period_code: the period.
        unit_code: the unit the feedback is for.
        workbook: the annotated workbook to attach (its file name is what the unit sees).
        problems: the problems, as texts or findings (their ``message`` is used), listed in the body.
        in_reply_to: the Message-ID of the unit's submission, so the feedback threads under it.
        folder: where the .eml goes (default: beside ``workbook``).
        ledger: an open ledger (default: the workspace's).
        now: the time written into the message.

    Returns:
        The draft (kept when the current feedback draft already carries these same bytes) or a problem.

    Raises:
        KeyError: ``unit_code`` is not a unit of the plan.
    """
    unit = plan.units_by_code[unit_code]
    with log.opened(workspace, ledger) as open_ledger:
        result = Drafts()
        context = _context(workspace, plan, period_code, "feedback", folder or Path(workbook).parent, open_ledger,
                           now, result)
        if context is not None:
            job = _Job(unit, Path(workbook), Path(workbook).name, {"problems": list(problems)}, in_reply_to)
            _add(result, job, context)
        return result


def write_explanation(workspace: Workspace, plan: Plan, period_code: str, unit_code: str, workbook: Path, *,
                      due: str, count: int, ledger: Ledger | None = None, now: dt.datetime | None = None) -> Drafts:
    """Write one draft to a unit with its explanation workbook attached (for ``cchc explain --mail``),
    beside the workbook; the unit's reply (In-Reply-To) identifies it like a return's.

    Args:
        due: the due date as the unit reads it; count: how many criteria it explains.
    """
    unit = plan.units_by_code[unit_code]
    with log.opened(workspace, ledger) as open_ledger:
        result = Drafts()
        context = _context(workspace, plan, period_code, "explanation", Path(workbook).parent, open_ledger, now,
                           result)
        if context is not None:
            _add(result, _Job(unit, Path(workbook), Path(workbook).name, {"due": due, "count": count}), context)
        return result


def current_drafts(workspace: Workspace, period_code: str, kind: str, *, ledger: Ledger | None = None) -> Drafts:
    """The current message of ``kind`` of each unit, as written earlier (``cchc feedback`` writes feedback).

    Returns:
        One draft per unit: ``kept`` (not sent yet) or ``sent``; a problem where an unsent draft's file is gone.
    """
    result = Drafts()
    with log.opened(workspace, ledger) as open_ledger:
        for row in log.current(open_ledger, period_code, kind).values():
            path = draft_path(workspace, row["file"])
            if row["sent_at"] or path.is_file():
                result.drafts.append(_draft_from(row, path, "sent" if row["sent_at"] else "kept"))
            else:
                result.problems.append(problem("draft-missing", row["unit"], file=row["file"]))
    return result


def _context(workspace: Workspace, plan: Plan, period_code: str, kind: str, folder: Path, ledger: Ledger,
             now: dt.datetime | None, result: Drafts) -> _Context | None:
    sender = sender_address(workspace, plan)
    if not sender:
        result.problems.append(problem("no-sender"))
        return None
    return _Context(workspace, plan, plan.period(period_code), kind, folder, sender, ledger,
                    now or dt.datetime.now().replace(microsecond=0), log.current(ledger, period_code, kind))


def _units_for(plan: Plan, kind: str, period_code: str, ledger: Ledger) -> list[Unit]:
    units = units_to_generate(plan)
    if kind == "reminder":
        returned = ledger.latest(period_code)
        units = [unit for unit in units if unit.code not in returned]
    return units


def _jobs(workspace: Workspace, plan: Plan, period: Period, units: list[Unit]) -> list[_Job]:
    # The manifest names the file generate wrote; without one, generate's naming rule does.
    outbox = workspace.outbox(period.code)
    listed = {row["unit"]: row["file"] for row in read_manifest(outbox)}
    jobs = []
    for unit in units:
        name = listed.get(unit.code) or workbook_file_name(plan, unit, period)
        jobs.append(_Job(unit, outbox / name, name))
    return jobs


def _add(result: Drafts, job: _Job, context: _Context) -> None:
    outcome = _write_one(job, context)
    if isinstance(outcome, Draft):
        result.drafts.append(outcome)
    else:
        result.problems.append(outcome)


def _write_one(job: _Job, context: _Context) -> Draft | Problem:
    contacts = context.workspace.settings.get("contacts", {}) or {}
    unit = with_contacts(job.unit, contacts)
    if not job.attachment.is_file():
        return problem("no-workbook", unit.code, file=job.attachment.name, folder=job.attachment.parent,
                       period=context.period.code)
    data = job.attachment.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    kept = _reusable(context.current.get(unit.code), digest, context)
    if kept is not None:
        return kept
    try:
        message = compose_message(
            context.plan, unit, context.period, context.kind, job.attachment_name, data, sender=context.sender,
            reply_to=(context.workspace.settings.get("smtp", {}) or {}).get("reply_to"),
            extra={"contact": contact_text(context.plan, contacts), **job.extra},
            in_reply_to=job.in_reply_to, now=context.now)
    except NoAddress as exc:
        if exc.address:
            return problem("bad-address", unit.code, name=unit.name, address=exc.address)
        return problem("no-address", unit.code, name=unit.name)
    return _save(message, unit, digest, context)


def _reusable(row: sqlite3.Row | None, digest: str, context: _Context) -> Draft | None:
    # The current message already carries these bytes: keep it rather than write (and later send) another.
    if row is None or row["attachment_sha256"] != digest:
        return None
    path = draft_path(context.workspace, row["file"])
    if row["sent_at"]:
        # A reminder sent on an earlier day may be repeated; one sent today means this run is a re-run.
        if context.kind == "reminder" and row["sent_at"][:10] != context.now.date().isoformat():
            return None
        return _draft_from(row, path, "sent")
    return _draft_from(row, path, "kept") if path.is_file() else None


def _draft_from(row: sqlite3.Row, path: Path, state: str) -> Draft:
    return Draft(row["unit"], row["kind"], path, row["message_id"], row["recipient"] or "", state, row["id"])


def _save(message: EmailMessage, unit: Unit, digest: str, context: _Context) -> Draft:
    # The draft is on disk before the ledger names it, so a logged draft always has its file.
    message["X-Unsent"] = "1"
    path = _free_name(context.folder, _file_stem(unit, context))
    write_bytes_atomic(path, message.as_bytes(policy=EML_POLICY))
    recipient = ", ".join(address.addr_spec for address in message["To"].addresses)
    log_id = log.record_written(context.ledger, period=context.period.code, unit=unit.code, kind=context.kind,
                                message_id=str(message["Message-ID"]), file=_relative(context.workspace, path),
                                attachment_sha256=digest, recipient=recipient)
    return Draft(unit.code, context.kind, path, str(message["Message-ID"]), recipient, "written", log_id)


def _file_stem(unit: Unit, context: _Context) -> str:
    stem = f"{safe_name(unit.code)}-{context.kind}"
    return f"{stem}-{context.now.date().isoformat()}" if context.kind != "workbook" else stem


def _free_name(folder: Path, stem: str) -> Path:
    # Never overwrite an earlier draft: it may be the record of what was sent.
    candidate = folder / f"{stem}.eml"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}.eml"
        number += 1
    return candidate


def _relative(workspace: Workspace, path: Path) -> str:
    # Stored relative to the workspace, so a moved workspace still finds its drafts.
    try:
        return path.resolve().relative_to(workspace.root.resolve()).as_posix()
    except ValueError:
        return str(path)
