"""Commands that write the period's outputs: scorecard, print, evidence."""


from __future__ import annotations

from pathlib import Path

import click

from cchc_xlsx import text as labels
from cchc_xlsx.cli.console import echo, secho
from cchc_xlsx.cli.group import cli
from cchc_xlsx.cli.options import (
    open_workspace,
    period_option,
    workspace_option,
    workspace_plan,
)
from cchc_xlsx.core.errors import (
    InputProblem,
)
from cchc_xlsx.store.workspace import Workspace
from cchc_xlsx.text.language import (
    say,
)


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
    from cchc_xlsx.app.appraisal import import_appraisal
    from cchc_xlsx.app.stages import scorecard, scorecard_line

    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    if appraisal:
        recorded = import_appraisal(workspace, plan, period_code, appraisal, by)
        echo(say("appraisal-recorded", count=recorded.changed, path=appraisal))
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


@cli.command("print")
@workspace_option
@period_option()
def print_command(workspace_dir: Path, period_code: str) -> None:
    """Print the period's scorecard to reports/PERIOD/scorecard.pdf with LibreOffice."""
    from cchc_xlsx.app.stages import print_scorecard

    workspace = open_workspace(workspace_dir)
    try:
        pdf = print_scorecard(workspace, period_code)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from exc
    echo(say("wrote", path=pdf))


@cli.command("evidence")
@workspace_option
@period_option()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the pack to (default: reports/PERIOD/evidence-pack/).")
def evidence_command(workspace_dir: Path, period_code: str, output: Path | None) -> None:
    """Export the evidence pack: linked files by area and criterion, with an index workbook."""
    from cchc_xlsx.evidence.pack import write_pack
    from cchc_xlsx.store.ledger import Ledger

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

