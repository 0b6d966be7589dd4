"""Every line the command line prints goes through here: control characters in names and values
(an ESC sequence that rewrites a line, CR/LF that break one) are shown escaped, never obeyed."""

from __future__ import annotations

import click

from cchc_xlsx.core.safetext import printable


def echo(message: object = "", **options) -> None:
    """``click.echo`` of one line, its control characters escaped."""
    click.echo(printable(message), **options)


def secho(message: object = "", **options) -> None:
    """``click.secho`` of one line (colour from ``options``), its control characters escaped."""
    click.secho(printable(message), **options)
