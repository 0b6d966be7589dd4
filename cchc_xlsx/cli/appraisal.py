"""Commands of the year's second half: explain (the Office's rounds are imported by
``cchc scorecard --import-appraisal``)."""

from __future__ import annotations

from pathlib import Path

import click

from cchc_xlsx.cli.console import echo, secho
from cchc_xlsx.cli.group import cli
from cchc_xlsx.cli.options import (
    open_workspace,
    period_option,
    workspace_option,
    workspace_plan,
)
from cchc_xlsx.core.errors import InputProblem
from cchc_xlsx.core.values import format_date
from cchc_xlsx.text.language import say


@cli.command("explain")
@workspace_option
@period_option()
@click.option("--unit", "unit", help="Only this unit's explanation workbook (its code).")
@click.option("--mail", is_flag=True, help="Also write an .eml draft per unit, as 'cchc mail' does.")
def explain_command(workspace_dir: Path, period_code: str, unit: str | None, mail: bool) -> None:
    """One explanation workbook per unit with criteria appraised below its self-score."""
    from cchc_xlsx.app.appraisal import explain

    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    try:
        result = explain(workspace, plan, period_code, unit, mail)
    except KeyError as exc:
        raise click.UsageError(say("explain-unknown-unit", unit=unit, period=period_code)) from exc
    if not result.files:
        echo(say("explain-none"))
        return
    echo(say("explain-wrote", count=len(result.files), folder=result.folder, due=format_date(result.due)))
    for item in result.files:
        echo(say("explain-unit", unit=item.unit, rows=item.rows, path=item.path.name))
    if mail:
        echo(say("explain-drafts", count=result.drafts, folder=result.folder))
        for problem in result.problems:
            secho(f"  {problem.unit or '-'}: {problem.message}", fg="red")
        if result.problems:
            raise InputProblem(say("mail-problems", count=len(result.problems)))
