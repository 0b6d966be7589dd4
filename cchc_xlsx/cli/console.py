"""Every line the command line prints goes through here: control characters in names and values
(an ESC sequence that rewrites a line, CR/LF that break one) are shown escaped, never obeyed.

A reader that stops reading (``cchc collect … | head``) closes the pipe: the command then goes
on quietly to its end (reports written, its own exit code), never "Broken pipe" and exit 1.
"""

from __future__ import annotations

import errno
import os
import sys

import click

from cchc_xlsx.core.safetext import printable

_closed: set[bool] = set()  # err=False / err=True whose reader has gone


def echo(message: object = "", **options) -> None:
    """``click.echo`` of one line, its control characters escaped."""
    _print(click.echo, message, options)


def secho(message: object = "", **options) -> None:
    """``click.secho`` of one line (colour from ``options``), its control characters escaped."""
    _print(click.secho, message, options)


def _print(function, message: object, options: dict) -> None:
    to_err = bool(options.get("err"))
    if to_err in _closed:
        return
    try:
        function(printable(message), **options)
    except OSError as exc:
        if not closed_pipe(exc):
            raise
        _closed.add(to_err)
        _silence(sys.stderr if to_err else sys.stdout)


def closed_pipe(exc: BaseException) -> bool:
    """Whether ``exc`` says the reader of a pipe has gone: EPIPE, or EINVAL as Windows says it."""
    return isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno == errno.EINVAL
                                                and sys.platform == "win32")


def silence_stdout() -> None:
    """Standard output's reader has gone: print nothing more there, and fail no flush at exit."""
    _closed.add(False)
    _silence(sys.stdout)


def _silence(stream) -> None:
    # What is still buffered would fail again when Python flushes at exit: point the descriptor
    # at the null device instead (a stream without one, under a test runner, is left as it is).
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
