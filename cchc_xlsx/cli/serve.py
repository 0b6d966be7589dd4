"""The Office's page."""


from __future__ import annotations

import sys
from pathlib import Path

import click

from cchc_xlsx.cli.console import echo
from cchc_xlsx.cli.group import cli
from cchc_xlsx.cli.options import (
    open_workspace,
    workspace_option,
    workspace_plan,
)
from cchc_xlsx.text.language import (
    say,
)


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

