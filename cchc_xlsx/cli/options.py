"""Command-line options and helpers shared by every command, named once."""

from __future__ import annotations

from pathlib import Path

import click

from cchc_xlsx.cli.console import secho
from cchc_xlsx.core.errors import InputError, InputProblem
from cchc_xlsx.findings.report import Report
from cchc_xlsx.store.workspace import Workspace
from cchc_xlsx.findings.catalogue import title as finding_title
from cchc_xlsx.text.language import say, severity_text

workspace_option = click.option(
    "-w", "--workspace", "workspace_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
    show_default=True, help="The workspace folder.")
plan_option = click.option(
    "--plan", "plan_path", type=click.Path(exists=True, path_type=Path),
    help="A plan folder of CSV files or a master workbook (default: the workspace's plan, else the shipped plan).")


def period_option(required: bool = True):
    return click.option("--period", "-p", "period_code", required=required,
                        help="The reporting period: a code of the plan's periods table ('cchc plan check' lists them).")


def print_findings(report: Report) -> None:
    for item in report.sorted():
        colour = {"error": "red", "warning": "yellow"}.get(item.severity)
        secho(say("finding", severity=severity_text(item.severity), title=finding_title(item.code),
                  code=item.code, message=item.message), fg=colour)


def open_workspace(directory: Path) -> Workspace:
    """The workspace, or a usage error (exit 2) naming what is wrong."""
    try:
        return Workspace.open(directory)
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc


def workspace_plan(workspace: Workspace, period_code: str | None = None):
    """The workspace's plan; exit 1 when it has errors (listed), 2 when the period is unknown."""
    built = workspace.load_plan()
    report = Report(built.findings)
    if not report.valid:
        print_findings(Report(report.errors))
        raise InputProblem(say("workspace-plan-errors"))
    if period_code is not None and period_code not in {p.code for p in built.plan.periods}:
        codes = ", ".join(p.code for p in built.plan.periods)
        raise click.UsageError(say("unknown-period", period=period_code, codes=codes))
    return built.plan
