"""The command group: one handler of errors and the machine's problems for every command."""


from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click

from cchc_xlsx import __version__
from cchc_xlsx.cli.console import closed_pipe, secho, silence_stdout
from cchc_xlsx.cli.environment import environment_problem
from cchc_xlsx.cli.options import (
    open_workspace,
)
from cchc_xlsx.core.errors import (
    CchcError,
    EnvironmentProblem,
)
from cchc_xlsx.core.safetext import printable
from cchc_xlsx.plan import Built, load_plan
from cchc_xlsx.store.workspace import SETTINGS_FILE
from cchc_xlsx.text.language import (
    choose_from_argv,
    say,
    set_language,
)


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


class CommandFailed(click.ClickException):
    """A stage's error as click shows it: one line, exit 1."""

    exit_code = 1


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
            raise CommandFailed(printable(str(exc))) from exc
        except Exception as exc:
            if closed_pipe(exc):  # the reader stopped reading (`cchc status --json | head`): nothing is wrong
                silence_stdout()
                raise click.exceptions.Exit(0) from None
            problem = environment_problem(exc)
            if problem is None:
                raise
            raise CommandFailed(str(problem)) from exc


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cchc")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, expose_value=False, is_eager=True,
              callback=lambda ctx, param, value: value and set_language(value),
              help="Language of the console's lines (default: CCHC_LANG, else vi).")
def cli() -> None:
    """cchc-xlsx: run the yearly administrative-reform (CCHC) cycle through Excel workbooks."""




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
        secho(say("error", message=problem), fg="red", err=True)
        sys.exit(problem.exit_code)

