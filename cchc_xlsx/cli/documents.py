"""Commands that write the documents sent upward: dossier, report."""

from __future__ import annotations

from pathlib import Path

import click

from cchc_xlsx.cli.console import echo
from cchc_xlsx.cli.group import cli
from cchc_xlsx.cli.options import (
    open_workspace,
    period_option,
    workspace_option,
    workspace_plan,
)
from cchc_xlsx.cli.outputs import _check_output
from cchc_xlsx.text.language import say


@cli.command("dossier")
@workspace_option
@period_option()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the dossier to (default: reports/PERIOD/dossier/).")
def dossier_command(workspace_dir: Path, period_code: str, output: Path | None) -> None:
    """Write the self-assessment dossier: table workbook, report draft (.docx), evidence folders, one .zip."""
    from cchc_xlsx.app.documents import dossier

    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    if output is not None:
        _check_output(workspace, output)
    result = dossier(workspace, plan, period_code, output)
    for path in (result.table, result.report):
        echo(say("wrote", path=path))
    echo(say("dossier-summary", folder=result.folder, leaves=result.leaves, files=result.files, zip=result.zip))
    echo(say("dossier-index", index=result.index_self, counted=result.index_counted))


@cli.command("report")
@workspace_option
@period_option()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write it (default: reports/PERIOD/Bao cao CCHC PERIOD.docx).")
def report_command(workspace_dir: Path, period_code: str, output: Path | None) -> None:
    """Write the periodic CCHC report draft (.docx): progress by area and unit, overdue, difficulties, index."""
    from cchc_xlsx.app.documents import periodic_report

    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    if output is not None:
        _check_output(workspace, output, ".docx")
    result = periodic_report(workspace, plan, period_code, output)
    echo(say("report-summary", path=result.path, overdue=result.overdue, difficulties=result.difficulties))
