"""The page's buttons: each runs the same stage function as its ``cchc`` command (the steps
table, serve/steps.py, lists them in the period's order).

Each action is ``work(job, request)``: it reports lines and progress on the job (Vietnamese, as
the page shows them) and lists the files it wrote. Passwords arrive in the request, are handed
to the mail server and are never kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.app import stages
from cchc_xlsx.collect import accept_submission
from cchc_xlsx.core.errors import InputProblem
from cchc_xlsx.findings.report import Report
from cchc_xlsx.serve.jobs import Job
from cchc_xlsx.store.workspace import Workspace
from cchc_xlsx.text.language import say, verdict_text

VI = "vi"


@dataclass
class ActionRequest:
    """What a button sends: the period, and the fields of its form (never a path)."""

    workspace: Workspace
    period: str
    password: str | None = None
    send: bool = False
    sha256: str = ""
    paths: list[Path] = field(default_factory=list)   # uploads, already saved into inbox/
    confirmed: bool = False                             # the clerk confirmed the list of recipients


def _plan(workspace: Workspace):
    built = workspace.load_plan()
    if not Report(built.findings).valid:
        raise InputProblem(labels.PAGE["plan-has-errors"])
    return built.plan


def generate(job: Job, request: ActionRequest) -> None:
    from cchc_xlsx.generate import generate_period, units_to_generate

    workspace, period = request.workspace, request.period
    plan = _plan(workspace)
    units = units_to_generate(plan)
    job.progress(0, len(units))
    result = generate_period(plan, period, workspace.outbox(period), units,
                             password=workspace.settings.get("sheet_password", ""),
                             progress=lambda unit: job.progress(job.done + 1))
    for item in result.written:
        job.outputs.append(item.path)
    for unit, reason in result.failures:
        job.say(say("error-unit", VI, unit=unit, reason=reason))
    job.say(say("generate-summary", VI, count=len(result.written), manifest=result.manifest.name
                if result.manifest else ""))
    if result.failures:
        job.state = "failed"


def _mail(job: Job, request: ActionRequest, kind: str, send: bool) -> None:
    from cchc_xlsx.mail.common import MailError, server_settings
    from cchc_xlsx.mail.drafts import write_drafts
    from cchc_xlsx.mail.send import send_drafts
    from cchc_xlsx.text.language import mail_state_text

    workspace, period = request.workspace, request.period
    plan = _plan(workspace)
    drafts = write_drafts(workspace, plan, period, kind)
    for draft in drafts.drafts:
        job.say(say("mail-draft", VI, state=mail_state_text(draft.state, VI), unit=draft.unit,
                    recipient=draft.recipient, path=draft.path.name))
        job.outputs.append(draft.path)
    problems = list(drafts.problems)
    if send:
        try:
            server = server_settings(workspace.settings, "smtp")
        except MailError as exc:
            raise InputProblem(str(exc)) from exc
        job.progress(0, len(drafts.drafts))
        result = send_drafts(workspace, period, server, request.password or None, kinds=(kind,),
                             after_each=lambda sent: job.progress(job.done + 1))
        for sent in result.sent:
            job.say(say("mail-draft", VI, state=say("mail-sent", VI), unit=sent.unit, recipient=sent.recipient,
                        path=sent.path.name))
        job.say(say("mail-sent-count", VI, count=len(result.sent), server=server))
        problems += result.problems
    for problem in problems:
        job.say(problem_text(problem))
    if problems:
        job.state = "failed"


def problem_text(problem) -> str:
    """A mail problem as the page says it (the console's names a command)."""
    template = labels.PAGE_MAIL_PROBLEMS.get(problem.code)
    return template.format(unit=problem.unit) if template else problem.message


def mail(job: Job, request: ActionRequest) -> None:
    _mail(job, request, "workbook", False)


def send(job: Job, request: ActionRequest) -> None:
    _confirmed(request)
    _mail(job, request, "workbook", True)


def remind(job: Job, request: ActionRequest) -> None:
    _mail(job, request, "reminder", False)


def send_remind(job: Job, request: ActionRequest) -> None:
    _confirmed(request)
    _mail(job, request, "reminder", True)


def _confirmed(request: ActionRequest) -> None:
    # Nothing leaves by mail without the clerk having seen whom it goes to.
    if not request.confirmed:
        raise InputProblem(labels.PAGE["confirm-needed"])


def _report_collect(job: Job, done: stages.Collected, request: ActionRequest) -> None:
    result = done.result
    counts = _submission_counts(request.workspace, [o.submission_id for o in result.outcomes if o.submission_id])
    for outcome in result.outcomes:
        if outcome.other_period:  # rightly recorded under the period its _meta names
            job.say(labels.PAGE["collect-other-period"].format(
                file=outcome.file_name, found=outcome.other_period,
                verdict=verdict_text(outcome.other_verdict or "accepted", VI)))
            continue
        errors, warnings = counts.get(outcome.submission_id) or (
            sum(1 for f in outcome.findings if f.severity == "error"),
            sum(1 for f in outcome.findings if f.severity == "warning"))
        job.say(labels.PAGE["collect-item"].format(verdict=verdict_text(outcome.verdict, VI),
                                                   unit=outcome.unit or "-", file=outcome.file_name,
                                                   errors=errors, warnings=warnings))
        for finding in outcome.said():  # why an item is not used, as the console says it
            job.say(f"    {finding.message}")
    job.say(say("collect-summary", VI, **result.tally()))
    missing = done.status[done.status["state"] == "missing"]["unit"].tolist()
    if missing:
        job.say(say("missing", VI, units=", ".join(missing)))
    job.outputs.append(done.report)


def _submission_counts(workspace: Workspace, ids: list[int]) -> dict[int, tuple[int, int]]:
    # What the units' table shows is the ledger's count of the submission's findings: say the same,
    # also for a file received again (its findings were counted the first time).
    from cchc_xlsx.store.ledger import Ledger

    if not ids:
        return {}
    with Ledger(workspace.ledger_path) as ledger:
        rows = ledger.query(f"SELECT id, errors, warnings FROM submissions WHERE id IN ({','.join('?' * len(ids))})",
                            tuple(ids))
    return {row["id"]: (row["errors"], row["warnings"]) for row in rows}


def _collect_paths(job: Job, request: ActionRequest, paths: list[Path]) -> None:
    from cchc_xlsx.collect import scan

    workspace, period = request.workspace, request.period
    plan = _plan(workspace)
    job.progress(0, sum(1 for p in paths for _ in (p.rglob("*") if p.is_dir() else [p])))
    items = scan(paths, workspace.limits()["max_file_bytes"])
    _report_collect(job, stages.collect(workspace, plan, period, items, progress=lambda n: job.progress(n)),
                    request)


def collect_inbox(job: Job, request: ActionRequest) -> None:
    request.workspace.inbox.mkdir(parents=True, exist_ok=True)
    _collect_paths(job, request, [request.workspace.inbox])


def upload(job: Job, request: ActionRequest) -> None:
    _collect_paths(job, request, request.paths)


def collect_imap(job: Job, request: ActionRequest) -> None:
    from cchc_xlsx.collect.sources.imap import imap_items
    from cchc_xlsx.mail.common import MailError

    workspace, period = request.workspace, request.period
    plan = _plan(workspace)
    try:
        items = list(imap_items(workspace, period, password=request.password or ""))
    except MailError as exc:
        raise InputProblem(str(exc)) from exc
    job.progress(0, len(items))
    _report_collect(job, stages.collect(workspace, plan, period, items, progress=lambda n: job.progress(n)),
                    request)


def feedback(job: Job, request: ActionRequest) -> None:
    done = stages.feedback(request.workspace, _plan(request.workspace), request.period)
    for problem in done.problems:
        job.say(problem_text(problem))
    for item in done.files:
        job.say(say("feedback-item", VI, unit=item.unit, count=len(item.problems), path=item.path.name))
        job.outputs.append(item.path)
    job.say(say("feedback-summary", VI, files=len(done.files), drafts=done.drafts, folder="reports/"
                f"{request.period}/feedback"))


def scorecard(job: Job, request: ActionRequest) -> None:
    plan = _plan(request.workspace)
    result = stages.scorecard(request.workspace, plan, request.period)
    job.say(say("wrote", VI, path=result.path.name))
    job.say(stages.scorecard_line(result, plan, VI))
    job.outputs.append(result.path)


def explain(job: Job, request: ActionRequest) -> None:
    # ``cchc explain --mail``: the explanation workbooks and their drafts (issue 22).
    from cchc_xlsx.app.appraisal import explain as write_explanations
    from cchc_xlsx.core.values import format_date

    result = write_explanations(request.workspace, _plan(request.workspace), request.period, mail=True)
    if not result.files:
        job.say(say("explain-none", VI))
        return
    job.say(say("explain-wrote", VI, count=len(result.files), folder=f"outbox/{request.period}/explain",
                due=format_date(result.due)))
    for item in result.files:
        job.say(say("explain-unit", VI, unit=item.unit, rows=item.rows, path=item.path.name))
        job.outputs.append(item.path)
    for problem in result.problems:
        job.say(problem_text(problem))


def print_pdf(job: Job, request: ActionRequest) -> None:
    try:
        pdf = stages.print_scorecard(request.workspace, request.period)
    except FileNotFoundError as exc:
        raise InputProblem(labels.PAGE["print-no-scorecard"]) from exc
    job.say(say("wrote", VI, path=pdf.name))
    job.outputs.append(pdf)


def evidence(job: Job, request: ActionRequest) -> None:
    # ``cchc evidence``: the evidence pack (the evidence stage, where this version has it).
    from cchc_xlsx.evidence.pack import write_pack  # type: ignore[import-not-found]
    from cchc_xlsx.store.ledger import Ledger

    plan = _plan(request.workspace)
    folder = request.workspace.reports(request.period) / "evidence-pack"
    with Ledger(request.workspace.ledger_path) as ledger:
        pack = write_pack(plan, ledger, request.period, folder)
    job.say(labels.PAGE["evidence-done"].format(count=len(pack.files), copied=pack.copied))
    job.outputs.append(pack.index)


def accept(job: Job, request: ActionRequest) -> None:
    _decide(job, request, reject=False)


def reject(job: Job, request: ActionRequest) -> None:
    _decide(job, request, reject=True)


def _decide(job: Job, request: ActionRequest, reject: bool) -> None:
    # The Office's decision on a held return: the collect stage's own function (``cchc accept``).
    decision = accept_submission(request.workspace, request.period, request.sha256, reject=reject)
    if not decision.held:
        job.say(labels.PAGE["not-held"].format(file=decision.file_name))
        return
    job.say(labels.PAGE["rejected" if reject else "accepted"].format(file=decision.file_name,
                                                                       unit=decision.unit or "-"))
    stages.validation_report(request.workspace, _plan(request.workspace), request.period)


def plan_check(job: Job, request: ActionRequest) -> None:
    from cchc_xlsx.findings.catalogue import title as finding_title
    from cchc_xlsx.text.language import severity_text

    built = request.workspace.load_plan()
    report = Report(built.findings)
    for item in report.sorted():
        job.say(say("finding", VI, severity=severity_text(item.severity, VI), title=finding_title(item.code, VI),
                    code=item.code, message=item.message))
    job.say(say("plan-summary", VI, errors=report.count("error"), warnings=report.count("warning"),
                infos=report.count("info")))
    if not report.valid:
        job.state = "failed"


def appraisal(job: Job, request: ActionRequest) -> None:
    """``cchc scorecard --import-appraisal FILE``: the appraised points of the uploaded scorecard,
    then the scorecard written again with them."""
    from cchc_xlsx.app.appraisal import import_appraisal

    workspace, period = request.workspace, request.period
    plan = _plan(workspace)
    path = request.paths[0]
    done = import_appraisal(workspace, plan, period, path, by=None)
    job.say(labels.PAGE["appraisal-recorded"].format(count=done.changed, file=path.name))
    scorecard(job, request)


def dossier(job: Job, request: ActionRequest) -> None:
    from cchc_xlsx.app.documents import dossier as dossier_stage

    _wrote(job, dossier_stage(request.workspace, _plan(request.workspace), request.period))


def periodic_report(job: Job, request: ActionRequest) -> None:
    from cchc_xlsx.app.documents import periodic_report as report_stage

    _wrote(job, report_stage(request.workspace, _plan(request.workspace), request.period))


def _wrote(job: Job, result) -> None:
    # The new stages return a result with ``paths``, one ``path``, or ``files`` each with its ``path``.
    paths = list(getattr(result, "paths", None) or [p for p in [getattr(result, "path", None)] if p]
                 or [f.path for f in getattr(result, "files", None) or [] if getattr(f, "path", None)])
    for path in paths:
        job.say(labels.PAGE["wrote"].format(file=Path(path).name))
        job.outputs.append(Path(path))


@dataclass(frozen=True)
class Decision:
    """The Office's decision on a held return: a button of the held returns' table."""

    name: str
    work: Callable[[Job, ActionRequest], None]

    @property
    def title(self) -> str:
        return labels.PAGE_ACTIONS[self.name]


DECISIONS = {"accept": Decision("accept", accept), "reject": Decision("reject", reject)}
