"""The ``cchc mail`` command, and the IMAP source of ``cchc collect --imap``: parse, call, print.

``cli/__init__.py`` registers ``mail_command`` with ``cli.add_command``. Passwords come from
``CCHC_SMTP_PASSWORD`` / ``CCHC_IMAP_PASSWORD`` or a hidden prompt, are passed to the server
and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import click

from cchc_xlsx.cli.console import echo, secho
from cchc_xlsx.cli.options import (
    open_workspace,
    period_option,
    workspace_option,
    workspace_plan,
)
from cchc_xlsx.collect.sources import Item
from cchc_xlsx.core.errors import InputProblem
from cchc_xlsx.mail.common import (
    TLS_MODES,
    MailError,
    Problem,
    Server,
    password_from_environment,
    server_settings,
)
from cchc_xlsx.mail.drafts import Drafts, current_drafts, write_drafts
from cchc_xlsx.mail.send import SendResult, send_drafts
from cchc_xlsx.store.workspace import Workspace
from cchc_xlsx.text.language import mail_state_text, say

STATES = {"written": "wrote", "kept": "kept", "sent": "sent before"}


def server_options(function):
    """``--host``, ``--port``, ``--user``, ``--tls``: shared by ``mail`` and ``collect --imap``."""
    for option in reversed((
        click.option("--host", help="Mail server host (default: cchc.toml)."),
        click.option("--port", type=click.IntRange(1, 65535), help="Mail server port (default: cchc.toml)."),
        click.option("--user", help="Login name; no login when empty (default: cchc.toml)."),
        click.option("--tls", type=click.Choice(TLS_MODES), help="Connection security (default: cchc.toml)."),
    )):
        function = option(function)
    return function


@click.command("mail")
@workspace_option
@period_option()
@click.option("--send", is_flag=True, help="Also send the drafts over SMTP (only those not sent yet).")
@click.option("--remind", is_flag=True,
              help="Reminders, only to units without a valid returned workbook in the ledger.")
@click.option("--feedback", is_flag=True,
              help="The feedback messages 'cchc feedback' wrote (list them; with --send, send them).")
@server_options
def mail_command(workspace_dir: Path, period_code: str, send: bool, remind: bool, feedback: bool,
                 host: str | None, port: int | None, user: str | None, tls: str | None) -> None:
    """Write one email per unit with its workbook into outbox/PERIOD/mail/ (.eml drafts); --send sends them."""
    if remind and feedback:
        raise click.UsageError(say("remind-or-feedback"))
    workspace = open_workspace(workspace_dir)
    plan = workspace_plan(workspace, period_code)
    kind = "reminder" if remind else "feedback" if feedback else "workbook"
    server = _server(workspace, "smtp", host, port, user, tls) if send else None
    if feedback:
        drafts = current_drafts(workspace, period_code, kind)
    else:
        drafts = write_drafts(workspace, plan, period_code, kind)
    _print_drafts(drafts)
    problems = list(drafts.problems)
    if server is not None:
        password = ask_password(server)
        result = send_drafts(workspace, period_code, server, password, kinds=(kind,))
        _print_sent(result, server)
        problems += result.problems
    _summary(drafts, send)
    if problems:
        raise InputProblem(say("mail-problems", count=len(problems)))


def imap_source(workspace: Workspace, period: str, host: str | None = None, port: int | None = None,
                user: str | None = None, tls: str | None = None, folder: str | None = None,
                since: dt.date | None = None) -> Iterator[Item]:
    """The items of ``cchc collect --imap`` (``collect.sources.imap.imap_items``): bad ``[imap]``
    settings are usage errors, and the password is asked for here, before collect starts.

    Raises:
        click.UsageError: bad ``[imap]`` settings, or no user.
    """
    from cchc_xlsx.collect.sources.imap import imap_items

    server = _server(workspace, "imap", host, port, user, tls)
    if not server.user:
        raise click.UsageError(say("imap-needs-user"))
    return imap_items(workspace, period, host, port, user, tls, folder, since, password=ask_password(server) or "")


def ask_password(server: Server) -> str | None:
    """The password from the environment, else a hidden prompt; None when no user logs in."""
    if not server.user:
        return None
    password = password_from_environment(server.protocol)
    if password is None:
        password = click.prompt(say("password", user=server.user, host=server.host), hide_input=True, err=True)
    return password


def _server(workspace: Workspace, protocol: str, host, port, user, tls) -> Server:
    try:
        return server_settings(workspace.settings, protocol, host=host, port=port, user=user, tls=tls)
    except MailError as exc:
        raise click.UsageError(str(exc)) from exc


def _print_drafts(drafts: Drafts) -> None:
    for draft in drafts.drafts:
        echo(say("mail-draft", state=mail_state_text(draft.state), unit=draft.unit, recipient=draft.recipient,
                       path=draft.path))
    _print_problems(drafts.problems)


def _print_sent(result: SendResult, server: Server) -> None:
    for sent in result.sent:
        echo(say("mail-draft", state=say("mail-sent"), unit=sent.unit, recipient=sent.recipient, path=sent.path))
    _print_problems(result.problems)
    echo(say("mail-sent-count", count=len(result.sent), server=server))


def _print_problems(problems: list[Problem]) -> None:
    for item in problems:
        secho(say("error-line", message=item.message), fg="red", err=True)


def _summary(drafts: Drafts, send: bool) -> None:
    counts = {state: sum(1 for d in drafts.drafts if d.state == state) for state in STATES}
    echo(say("mail-summary", written=counts["written"], kept=counts["kept"], sent=counts["sent"],
                   hint="" if send else say("mail-hint")))
