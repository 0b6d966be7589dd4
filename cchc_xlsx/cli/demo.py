"""The demo: the whole cycle on the shipped plan and sample returns."""


from __future__ import annotations

from pathlib import Path

import click

from cchc_xlsx import text as labels
from cchc_xlsx.cli.console import echo, secho
from cchc_xlsx.cli.group import cli
from cchc_xlsx.core.errors import (
    InputError,
)
from cchc_xlsx.text.language import (
    language,
    say,
)


@cli.command("demo")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def demo_command(directory: Path) -> None:
    """Run the whole cycle on the shipped plan and the sample returns, in a new DIRECTORY."""
    from cchc_xlsx.app.demo import run_demo

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

