"""Commands of the period's cycle: generate, collect, status, feedback, accept."""


from __future__ import annotations

import sys
from pathlib import Path

import click

from cchc_xlsx.cli.console import echo, secho
from cchc_xlsx.cli.group import cli
from cchc_xlsx.cli.mail import server_options
from cchc_xlsx.cli.options import (
    open_workspace,
    period_option,
    workspace_option,
    workspace_plan,
)
from cchc_xlsx.core.errors import (
    InputProblem,
)
from cchc_xlsx.core.safetext import printable
from cchc_xlsx.store.workspace import Workspace
from cchc_xlsx.text.language import (
    echo_json,
    say,
    state_text,
    verdict_text,
)


def _progress(total: int, label: str):
    """A progress bar on a terminal, nothing when output is redirected."""
    return click.progressbar(length=max(total, 1), label=label, file=sys.stderr) if sys.stderr.isatty() \
        else _NoProgress()


class _NoProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    pos = 0

    def update(self, n):
        pass


@cli.command("generate")
@workspace_option
@period_option()
@click.option("--unit", "unit_code", help="Only this unit's workbook (a code of the plan's units table).")
def generate_command(workspace_dir: Path, period_code: str, unit_code: str | None) -> None:
    """Write one workbook per unit for a period into outbox/PERIOD/."""
    from cchc_xlsx.generate import generate_period, units_to_generate

    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    try:
        units = units_to_generate(plan, unit_code)
    except KeyError:
        codes = ", ".join(u.code for u in units_to_generate(plan))
        raise click.UsageError(say("unknown-unit", unit=unit_code, codes=codes)) from None
    with _progress(len(units), say("progress-generate")) as bar:
        result = generate_period(plan, period_code, workspace.outbox(period_code), units,
                                 password=workspace.settings.get("sheet_password", ""),
                                 progress=lambda unit: bar.update(1))
    for item in result.written:
        echo(say("generate-item", path=item.path, tasks=item.task_rows, criteria=item.criteria_rows))
    for unit, reason in result.failures:
        secho(say("error-unit", unit=unit, reason=reason), fg="red")
    echo(say("generate-summary", count=len(result.written), manifest=result.manifest))
    if result.failures:
        raise InputProblem(say("generate-failed", count=len(result.failures)))


@cli.command("collect")
@workspace_option
@period_option()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--imap", "use_imap", is_flag=True, help="Fetch the replies from an IMAP mailbox instead.")
@click.option("--folder", help="With --imap: the mailbox folder (default: cchc.toml, INBOX).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]),
              help="With --imap: only messages since this date.")
@server_options
def collect_command(workspace_dir: Path, period_code: str, paths: tuple[Path, ...], use_imap: bool,
                    folder: str | None, since, host: str | None, port: int | None, user: str | None,
                    tls: str | None) -> None:
    """Ingest returned files (default: the workspace's inbox/), validate and merge them.

    PATHS may be files, folders, .eml or .mbox files. Exit 1 when any file had errors
    (everything is still recorded).
    """
    from cchc_xlsx.collect import collect_items, scan

    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    if use_imap and paths:
        raise click.UsageError(say("paths-or-imap"))
    if use_imap:
        from cchc_xlsx.cli.mail import imap_items
        from cchc_xlsx.mail.common import MailError

        try:
            items = list(imap_items(workspace, period_code, host, port, user, tls, folder,
                                    since.date() if since else None))
        except MailError as exc:
            raise InputProblem(str(exc)) from exc
    else:
        folders = list(paths) or [workspace.inbox]
        # Streamed: files are read batch by batch, never all at once.
        items = scan(folders, workspace.limits()["max_file_bytes"], workspace.limits())
        total = sum(1 for p in folders for _ in (p.rglob("*") if p.is_dir() else [p]))
    with _progress(total if not use_imap else len(items), say("progress-collect")) as bar:
        result = collect_items(workspace, plan, period_code, items,
                               progress=lambda done: bar.update(max(done - bar.pos, 0)))
    _finish_collect(workspace, plan, period_code, result)


def _finish_collect(workspace: Workspace, plan, period_code: str, result) -> None:
    from cchc_xlsx.app.stages import validation_report

    for outcome in result.outcomes:
        counts = {s: sum(1 for f in outcome.findings if f.severity == s) for s in ("error", "warning", "info")}
        colour = {"rejected": "red", "errors": "red", "warnings": "yellow", "held": "yellow"}.get(outcome.verdict)
        secho(say("collect-item", verdict=verdict_text(outcome.verdict), unit=outcome.unit or "-",
                        file=outcome.file_name, errors=counts["error"], warnings=counts["warning"]), fg=colour)
        for finding in outcome.findings:
            if finding.code == "meta-recorded-other-period":
                continue  # said below, in the console's language
            held_here = finding.code in ("sender-held", "period-held") and outcome.verdict == "held"
            if finding.severity == "error" or outcome.verdict == "rejected" or held_here \
                    or (outcome.verdict == "evidence" and finding.severity == "warning"):  # refused, dangerous
                echo(f"    {finding.message}")
        if outcome.released_by:  # a hold lifted by the same bytes from a trusted source
            secho(say("collect-released", by=outcome.released_by, file=outcome.file_name, unit=outcome.unit or "-",
                      period=outcome.other_period or period_code), fg="green")
        if outcome.other_period:  # rejected here, recorded for the period its _meta names
            secho(say("collect-other-period", found=outcome.other_period, period=period_code,
                      verdict=verdict_text(outcome.other_verdict)), fg="yellow")
    status, report = validation_report(workspace, plan, period_code)
    echo(say("collect-summary", **result.tally()))
    missing = status[status["state"] == "missing"]["unit"].tolist()
    if missing:
        secho(say("missing", units=", ".join(missing)), fg="yellow")
    _print_held(workspace, period_code)
    echo(say("report", path=report))
    if result.exit_code:
        sys.exit(result.exit_code)


@cli.command("status")
@workspace_option
@period_option()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def status_command(workspace_dir: Path, period_code: str, as_json: bool) -> None:
    """Per unit: returned or missing, when, which file, findings by severity, versions."""
    from cchc_xlsx.collect.report import unit_status
    from cchc_xlsx.store.ledger import Ledger

    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    with Ledger(workspace.ledger_path) as ledger:
        status = unit_status(ledger, plan, period_code)
    if as_json:
        echo_json(status.to_json(orient="records", force_ascii=False, indent=2))
        if (status["state"] == "held").any():
            sys.exit(1)  # a return waits for the Office's decision (cchc accept)
        return
    period = plan.period(period_code)
    echo(say("status-period", period=period.name, due=f"{period.due:%d/%m/%Y}"))
    for row in status.itertuples():
        colour = "red" if row.state == "missing" or row.error else "yellow" if row.state in ("late", "held") \
            else None
        secho(say("status-row", unit=row.unit, state=state_text(row.state), received=row.received_at,
                        errors=row.error, warnings=row.warning, versions=row.versions, file=row.file), fg=colour)
    _print_explained(workspace, period_code, status)
    if _print_held(workspace, period_code):
        sys.exit(1)


def _print_explained(workspace, period_code: str, status) -> None:
    # Issue 22: who has returned an explanation of the appraisal, and who was asked and has not.
    from cchc_xlsx.app.appraisal import EXPLAIN_FOLDER
    from cchc_xlsx.core.names import safe_name

    explained = status[status["explained"] != ""]["unit"].tolist()
    folder = workspace.outbox(period_code) / EXPLAIN_FOLDER
    asked = [code for code in status["unit"] if (folder / f"{safe_name(code)}.xlsx").is_file()]
    waiting = [code for code in asked if code not in explained]
    if explained:
        echo(say("status-explained", units=", ".join(explained)))
    if waiting:
        echo(say("status-not-explained", units=", ".join(waiting)))


@cli.command("feedback")
@workspace_option
@period_option()
def feedback_command(workspace_dir: Path, period_code: str) -> None:
    """For each unit with problems: its workbook annotated, plus an .eml to send it back."""
    from cchc_xlsx.app.stages import feedback

    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    done = feedback(workspace, plan, period_code)
    for problem in done.problems:
        secho(say("error-line", message=problem.message), fg="red", err=True)
    for item in done.files:
        echo(say("feedback-item", unit=item.unit, count=len(item.problems), path=item.path))
    echo(say("feedback-summary", files=len(done.files), drafts=done.drafts, folder=done.folder))


def _print_held(workspace: Workspace, period_code: str) -> int:
    """List the returns waiting for the Office; their number."""
    from cchc_xlsx.collect import held_submissions

    held = held_submissions(workspace, period_code)
    if held:
        secho(say("held-line", count=len(held), period=period_code), fg="yellow")
        for row in held:
            echo(say("held-item", unit=row["unit"] or "-", file=row["file_name"], sender=row["sender"] or "?",
                     sha=row["sha256"][:12]))
    return len(held)


@cli.command("accept")
@workspace_option
@period_option()
@click.argument("file_or_hash", metavar="FILE-or-HASH")
@click.option("--reject", is_flag=True, help="Reject the return instead: it stays archived, never merged.")
@click.option("--by", help="Who decided (default: the logged-in user).")
def accept_command(workspace_dir: Path, period_code: str, file_or_hash: str, reject: bool, by: str | None) -> None:
    """The Office's decision on a return held because its sender is not among the unit's contacts.

    FILE-or-HASH: the file as received, its SHA-256 (the first 12 digits 'cchc status' shows
    suffice), or its file name. Exit 1 while other returns of the period still wait.
    """
    from cchc_xlsx.collect import SubmissionNotFound, accept_submission

    workspace = open_workspace(workspace_dir)
    workspace_plan(workspace, period_code)
    try:
        decision = accept_submission(workspace, period_code, file_or_hash, reject=reject, by=by or "")
    except SubmissionNotFound as exc:
        raise click.UsageError(printable(str(exc))) from None
    fields = {"file": decision.file_name, "unit": decision.unit or "-", "sha": decision.sha256[:12],
              "period": decision.period or period_code}
    if not decision.held:
        echo(say("not-held", **fields))
    else:
        if decision.previous:
            echo(say("already", **fields, decision=say(f"decision-{decision.previous}")))
        secho(say(decision.decision, **fields), fg="green" if not reject else "yellow")
    if _print_held(workspace, period_code):
        sys.exit(1)

