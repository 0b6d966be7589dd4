"""The ``cchc`` command line: one thin command per stage. Each parses, calls a stage, prints."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import click

from cchc_xlsx import __version__, labels, scoring
from cchc_xlsx.console import echo, secho
from cchc_xlsx.environment import environment_problem
from cchc_xlsx.errors import CchcError, EnvironmentProblem, InputError, InputProblem
from cchc_xlsx.language import choose_from_argv, echo_json, language, say, set_language, state_text, verdict_text
from cchc_xlsx.plan import Built, load_plan
from cchc_xlsx.plan.check import computed_max, max_gaps
from cchc_xlsx.report import Report
from cchc_xlsx.safetext import printable
from cchc_xlsx.mail.commands import mail_command, server_options
from cchc_xlsx.options import (open_workspace, period_option, plan_option, print_findings, workspace_option,
                               workspace_plan)
from cchc_xlsx.workspace import SETTINGS_FILE, Workspace, init_workspace

def _safe_console() -> None:
    # A Windows console may not speak UTF-8: never crash on Vietnamese, replace what it cannot show.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass


def _resolve_plan(workspace_dir: Path, plan_path: Path | None) -> Built:
    if plan_path is None and (workspace_dir / SETTINGS_FILE).exists():
        plan_path = open_workspace(workspace_dir).plan_path
    return load_plan(plan_path)


class _Commands(click.Group):
    """The group of every command, with the one handler of the machine's problems: a full disk, a
    read-only folder, a locked or broken ledger become one Vietnamese line and exit 1, for every
    command (also under click's test runner), never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:  # usage errors quote paths and values: never raw controls
            exc.message = printable(exc.message)
            raise
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except CchcError as exc:
            raise InputProblem(printable(str(exc))) from exc
        except Exception as exc:
            problem = environment_problem(exc)
            if problem is None:
                raise
            raise problem from exc


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cchc")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, expose_value=False, is_eager=True,
              callback=lambda ctx, param, value: value and set_language(value),
              help="Language of the console's lines (default: CCHC_LANG, else vi).")
def cli() -> None:
    """cchc-xlsx: run the yearly administrative-reform (CCHC) cycle through Excel workbooks."""


@cli.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@plan_option
def init_command(directory: Path, plan_path: Path | None) -> None:
    """Create a workspace in DIRECTORY from the shipped 2022 plan, or from --plan."""
    try:
        workspace, built = init_workspace(directory, plan_path)
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc
    plan = built.plan
    echo(say("init-created", root=workspace.root))
    echo(say("init-plan", title=plan.meta.get("title", ""), department=plan.meta.get("department", ""),
                   year=plan.year))
    echo(say("init-counts", tasks=len(plan.tasks), criteria=len(plan.leaves()), units=len(plan.workbook_units())))
    report = Report(built.findings)
    if not report.valid:
        secho(say("init-plan-errors", count=len(report.errors), directory=directory), fg="red")
        print_findings(Report(report.errors))
        sys.exit(1)


@cli.group("plan")
def plan_group() -> None:
    """Check or export the plan's tables."""


@plan_group.command("check")
@workspace_option
@plan_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
def plan_check_command(workspace_dir: Path, plan_path: Path | None, as_json: bool) -> None:
    """Check the plan tables; exit 1 when there are errors."""
    built = _resolve_plan(workspace_dir, plan_path)
    report = Report(built.findings)
    summary = plan_check_summary(built)
    if as_json:
        echo_json(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    else:
        echo(say("plan-counts", tasks=summary["tasks"], criteria=summary["criteria"], total=summary["total_max"],
                       sections=summary["sections_declared"]))
        for gap in summary["max_gaps"]:
            echo(say("plan-gap", gap=gap["gap"], code=gap["code"], declared=gap["declared"],
                           computed=gap["computed"]))
        for area in summary["areas"]:
            declared = "" if area["declared_max"] is None else say("plan-declared", declared=area["declared_max"])
            echo(say("plan-area", code=area["code"], max=float(area["max"]), declared=declared, title=area["title"]))
        print_findings(report)
        echo(say("plan-summary", errors=report.count("error"), warnings=report.count("warning"),
                       infos=report.count("info")))
        if plan_path is None and (workspace_dir / SETTINGS_FILE).exists():
            _versions_section(workspace_dir, built.plan)
    if not report.valid:
        sys.exit(1)


def _versions_section(workspace_dir: Path, plan) -> None:
    # Workbooks already sent stay valid after an edit; say how far the plan moved from them.
    from cchc_xlsx.plan.versions import diff_plans, load_versions

    versions = load_versions(workspace_dir)
    others = {k: v for k, v in versions.items() if k != plan.plan_id}
    if not others:
        return
    changed = {k: len(diff_plans(v, plan)) for k, v in others.items()}
    listed = ", ".join(say("plan-version-changes", id=k, count=n) for k, n in changed.items())
    echo(say("plan-versions-other", listed=listed))


def plan_check_summary(built: Built) -> dict:
    """The JSON object of ``cchc plan check --json`` (shape in DESIGN.md)."""
    plan = built.plan
    leaves = plan.leaves()
    return {
        "plan_id": plan.plan_id,
        "title": plan.meta.get("title", ""),
        "department": plan.meta.get("department", ""),
        "year": plan.year,
        "tasks": len(plan.tasks),
        "criteria": len(leaves),
        "total_max": round(sum(scoring.leaf_max(c) for c in leaves), 9),
        "declared_total": plan.meta.get("declared_total", ""),
        # The leaves' sum against what the sections declare: each gap is a plan-sum-mismatch finding.
        "sections_declared": round(sum(s.declared_max or 0 for s in plan.children(None)), 9),
        "max_gaps": max_gaps(built),
        "corrections": [{"where": c.where, "code": c.code, "field": c.field, "printed": c.printed, "used": c.used,
                         "reason": c.reason} for c in plan.corrections],
        "areas": [{"code": a.code, "title": a.title, "max": round(computed_max(plan, a.code), 9),
                   "declared_max": a.declared_max} for a in plan.areas()],
        "index_scope": plan.index_scope,
        "area_level": plan.area_level,
        "units": [{"code": u.code, "name": u.name, "kind": u.kind, "receives_workbook": u.receives_workbook,
                   "groups": list(u.groups)} for u in plan.units],
        "periods": [{"code": p.code, "name": p.name, "cutoff": p.cutoff, "due": p.due} for p in plan.periods],
        "task_list": [{"code": t.code, "area": t.area, "number": t.number, "description": t.description,
                       "lead": list(t.lead), "coordinators": list(t.coordinators), "timeframe": t.timeframe,
                       "schedule": t.schedule, "deadline": t.deadline, "conditional": t.conditional}
                      for t in plan.tasks],
        "criterion_list": [{"code": c.code, "parent": c.parent, "title": c.title, "declared_max": c.declared_max,
                            "rule": c.rule, "max": scoring.leaf_max(c) if c.is_leaf else None,
                            "not_applicable": bool(c.not_applicable), "scorer": plan.scorer_of(c.code),
                            "scorers": list(plan.scorers_of(c.code)) if c.is_leaf else []}
                           for c in plan.criteria],
        "findings": [{"severity": f.severity, "code": f.code, "where": f.where, "message": f.message}
                     for f in built.findings],
    }


@plan_group.command("export")
@workspace_option
@plan_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The .xlsx file to write.")
def plan_export_command(workspace_dir: Path, plan_path: Path | None, output: Path) -> None:
    """Write the plan as one editable master workbook (--plan accepts it back)."""
    from cchc_xlsx.plan.export import export_plan

    if output.suffix.lower() != ".xlsx":
        raise click.UsageError(say("master-not-xlsx"))
    built = _resolve_plan(workspace_dir, plan_path)
    export_plan(built.plan, output)
    echo(say("wrote", path=output))
    if not Report(built.findings).valid:
        raise InputProblem(say("plan-export-has-errors"))


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
        from cchc_xlsx.mail.commands import imap_items
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
    from cchc_xlsx.stages import validation_report

    for outcome in result.outcomes:
        counts = {s: sum(1 for f in outcome.findings if f["severity"] == s) for s in ("error", "warning", "info")}
        colour = {"rejected": "red", "errors": "red", "warnings": "yellow", "held": "yellow"}.get(outcome.verdict)
        secho(say("collect-item", verdict=verdict_text(outcome.verdict), unit=outcome.unit or "-",
                        file=outcome.file_name, errors=counts["error"], warnings=counts["warning"]), fg=colour)
        for finding in outcome.findings:
            if finding["code"] == "meta-recorded-other-period":
                continue  # said below, in the console's language
            held_here = finding["code"] in ("sender-held", "period-held") and outcome.verdict == "held"
            if finding["severity"] == "error" or outcome.verdict == "rejected" or held_here \
                    or (outcome.verdict == "evidence" and finding["severity"] == "warning"):  # refused, dangerous
                echo(f"    {finding['message']}")
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
    from cchc_xlsx.ledger import Ledger

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
    if _print_held(workspace, period_code):
        sys.exit(1)


@cli.command("feedback")
@workspace_option
@period_option()
def feedback_command(workspace_dir: Path, period_code: str) -> None:
    """For each unit with problems: its workbook annotated, plus an .eml to send it back."""
    from cchc_xlsx.stages import feedback

    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    done = feedback(workspace, plan, period_code)
    for problem in done.problems:
        secho(say("error-line", message=problem.message), fg="red", err=True)
    for item in done.files:
        echo(say("feedback-item", unit=item.unit, count=len(item.problems), path=item.path))
    echo(say("feedback-summary", files=len(done.files), drafts=done.drafts, folder=done.folder))


@cli.command("scorecard")
@workspace_option
@period_option()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write it (default: reports/PERIOD/scorecard.xlsx).")
@click.option("--import-appraisal", "appraisal", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="First record the appraised scores entered in this scorecard file.")
@click.option("--by", help="Who appraised (with --import-appraisal; default: the logged-in user).")
def scorecard_command(workspace_dir: Path, period_code: str, output: Path | None, appraisal: Path | None,
                      by: str | None) -> None:
    """Write the consolidated scorecard workbook (live formulas, formats, charts, print setup)."""
    from cchc_xlsx.ledger import Ledger
    from cchc_xlsx.scorecard import import_appraisal
    from cchc_xlsx.stages import scorecard, scorecard_line

    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    if appraisal:
        _guard_appraisal(workspace, appraisal)
        with Ledger(workspace.ledger_path) as ledger:
            try:
                changed = import_appraisal(appraisal, plan, ledger, period_code, by)
            except (KeyError, ValueError, StopIteration, OSError) as exc:
                raise InputProblem(say("appraisal-unreadable", file=appraisal, reason=exc)) from exc
        echo(say("appraisal-recorded", count=changed, path=appraisal))
    if output is not None:
        _check_output(workspace, output, ".xlsx")
    result = scorecard(workspace, plan, period_code, output)
    echo(say("wrote", path=result.path))
    echo(scorecard_line(result, plan))


def _check_output(workspace: Workspace, output: Path, suffix: str | None = None) -> None:
    # An output never replaces what the workspace keeps (ledger, archive, inbox, plan, outbox).
    if workspace.overwrites_records(output):
        raise click.UsageError(say("output-protected", path=output))
    if suffix and output.suffix.lower() != suffix:
        raise click.UsageError(say("output-suffix", path=output, suffix=suffix))


def _guard_appraisal(workspace: Workspace, path: Path) -> None:
    # The appraisal file is as foreign as a unit's return: the same guard judges it before any reader.
    from cchc_xlsx.collect import guard

    limits = workspace.limits()
    if path.stat().st_size > limits["max_file_bytes"]:
        reason = labels.MESSAGES["file-too-large"].format(file=path.name, size=guard.size_text(path.stat().st_size),
                                                          limit=guard.size_text(limits["max_file_bytes"]))
        raise InputProblem(printable(labels.ENVIRONMENT["appraisal-refused"].format(path=path, reason=reason)))
    kind, refusal = guard.inspect(path.read_bytes(), path.suffix.lower(), limits)
    if refusal is None and kind != "xlsx":  # the appraisal is entered in our own scorecard.xlsx
        refusal = guard.Refusal("file-not-spreadsheet", {"expected": ".xlsx"})
    if refusal is not None:
        fields = {"file": path.name, "sheet": "", "cell": "", "value": "", "code": "", **refusal.fields}
        reason = labels.MESSAGES[refusal.code].format(**fields)
        raise InputProblem(printable(labels.ENVIRONMENT["appraisal-refused"].format(path=path, reason=reason)))


@cli.command("print")
@workspace_option
@period_option()
def print_command(workspace_dir: Path, period_code: str) -> None:
    """Print the period's scorecard to reports/PERIOD/scorecard.pdf with LibreOffice."""
    from cchc_xlsx.stages import print_scorecard

    workspace = open_workspace(workspace_dir)
    try:
        pdf = print_scorecard(workspace, period_code)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from exc
    echo(say("wrote", path=pdf))


@cli.command("demo")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def demo_command(directory: Path) -> None:
    """Run the whole cycle on the shipped plan and the sample returns, in a new DIRECTORY."""
    from cchc_xlsx.demo import run_demo

    try:
        result = run_demo(directory, mail_drafts=_demo_mail_drafts())
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc
    echo(say("demo-workspace", root=result.root))
    for what, paths in result.files.items():
        folders = sorted({str(p.parent) for p in paths})
        what = labels.DEMO_OUTPUTS[language()].get(what, what)
        echo(say("demo-files", count=len(paths), what=what, folders=", ".join(folders)))
    for period, index in result.index.items():
        problems = ", ".join(f"{unit} ({count})" for unit, count in result.problems[period].items()) or say("none")
        missing = ", ".join(result.missing[period]) or say("none")
        echo(say("demo-period", period=period, index=index, problems=problems, missing=missing))
    for key, fields in result.notes:
        secho(f"  {say(key, **fields)}", fg="yellow")
    echo(say("demo-open", path=result.root / "reports" / "h1" / "scorecard.xlsx"))


def _demo_mail_drafts():
    from cchc_xlsx.mail import write_drafts

    return lambda workspace, plan, period: [d.path for d in write_drafts(workspace, plan, period).drafts]


@cli.command("evidence")
@workspace_option
@period_option()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the pack to (default: reports/PERIOD/evidence-pack/).")
def evidence_command(workspace_dir: Path, period_code: str, output: Path | None) -> None:
    """Export the evidence pack: linked files by area and criterion, with an index workbook."""
    from cchc_xlsx.evidence.pack import write_pack
    from cchc_xlsx.ledger import Ledger

    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    if output is not None:
        _check_output(workspace, output)
    output = output or workspace.reports(period_code) / "evidence-pack"
    try:
        with Ledger(workspace.ledger_path) as ledger:
            pack = write_pack(plan, ledger, period_code, output)
    except OSError as exc:
        raise InputProblem(say("evidence-cannot-write", path=output, reason=exc)) from exc
    unlinked = [f for f in pack.files if f.how == "none"]
    held = [f for f in pack.files if f.state != "kept"]
    echo(say("evidence-summary", count=len(pack.files), copied=pack.copied, folder=pack.folder))
    for file in unlinked:
        secho(f"  {labels.EVIDENCE_HOW['none']}: {file.unit or '-'}  {file.file_name}", fg="yellow")
    for file in held:
        secho(f"  {labels.EVIDENCE_STATES.get(file.state, file.state)}: {file.file_name}", fg="red")
    echo(say("evidence-index", path=pack.index))


cli.add_command(mail_command)


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


@plan_group.command("diff")
@workspace_option
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON list instead of text.")
def plan_diff_command(workspace_dir: Path, old: str | None, new: str | None, as_json: bool) -> None:
    """List what changed between two plan versions.

    OLD and NEW are plan_ids (or a unique start of one) of the versions the workspace kept
    (plan/versions/), "current", or a plan folder / master workbook. By default OLD is the
    version generated from most recently and NEW the workspace's current plan.
    """
    from cchc_xlsx.plan.versions import diff_plans, load_versions, resolve_version, versions_dir

    workspace = open_workspace(workspace_dir)
    current = workspace.load_plan().plan
    if old is None:
        kept = sorted((p for p in versions_dir(workspace.root).glob("*/saved_at.txt")),
                      key=lambda p: p.read_text(encoding="utf-8"))
        others = [p.parent.name for p in kept if p.parent.name != current.plan_id]
        if not others:
            ids = ", ".join(load_versions(workspace.root)) or "none"
            echo(say("plan-diff-none", ids=ids))
            return
        old = others[-1]

    def pick(name: str | None):
        if name and Path(name).exists():
            return load_plan(Path(name), check=False).plan
        found = resolve_version(workspace.root, name, current)
        if found is None:
            ids = ", ".join(load_versions(workspace.root)) or "none"
            raise click.UsageError(say("unknown-version", name=name, ids=ids))
        return found

    before, after = pick(old), pick(new)
    changes = diff_plans(before, after)
    if as_json:
        echo_json(json.dumps({"old": before.plan_id, "new": after.plan_id,
                              "changes": [{"table": c.table, "code": c.code, "kind": c.kind,
                                           "fields": [{"field": f, "old": o, "new": n} for f, o, n in c.fields]}
                                          for c in changes]}, ensure_ascii=False, indent=2))
        return
    echo(say("plan-diff-head", old=before.plan_id, new=after.plan_id, count=len(changes)))
    for change in changes:
        detail = f"  {change.describe()}" if change.fields else ""
        words = labels.PLAN_DIFF_WORDS[language()]
        echo(say("plan-diff-row", kind=f"{words.get(change.kind, change.kind):<8}",
                 table=f"{words.get(change.table, change.table):<9}",
                 code=change.code, detail=detail))


@cli.command("serve")
@workspace_option
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
def serve_command(workspace_dir: Path, port: int, no_browser: bool) -> None:
    """The Office's page on 127.0.0.1: the whole cycle from a browser, on this workspace."""
    from cchc_xlsx.serve import address, listen, serve

    workspace = open_workspace(workspace_dir)
    workspace_plan(workspace)
    try:
        sock = listen(port)
    except OSError as exc:
        raise click.UsageError(say("serve-port-busy", port=port)) from exc
    echo(say("serve-address", url=address(sock)))
    sys.stdout.flush()  # the address before the server's first line, even into a pipe
    serve(workspace, sock, open_browser=not no_browser)


def main() -> None:
    """Entry point of the ``cchc`` console script."""
    _safe_console()
    arguments = choose_from_argv(sys.argv[1:])  # --lang may come after the command too
    try:
        cli(args=arguments, prog_name="cchc")
    except CchcError as exc:  # an input or output the user can fix: a message, not a traceback
        secho(say("error", message=exc), fg="red", err=True)
        sys.exit(1)
    except (OSError, sqlite3.Error) as exc:  # the machine's problem outside a command (the group has the rest)
        problem: EnvironmentProblem | None = environment_problem(exc)
        if problem is None:
            raise
        problem.show()
        sys.exit(problem.exit_code)
