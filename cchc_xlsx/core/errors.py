"""The small exception tree. The command line turns an ``exit_code`` error into one line and
that exit code; the page shows it as a message. No click here: the core knows no console."""

from __future__ import annotations


class CchcError(Exception):
    """Base of the errors this package raises on purpose."""

    exit_code = 1

    @property
    def message(self) -> str:
        return str(self)


class InputError(CchcError):
    """The input cannot be used at all (missing folder, unreadable plan, ...)."""


class InputProblem(CchcError):
    """The input had problems that were reported; exit code 1."""

    exit_code = 1


class EnvironmentProblem(CchcError):
    """The machine, not the input: a full disk, a read-only folder, a locked or broken ledger.
    One Vietnamese line (what, where, what to do), exit 1, nothing half-written (issue 10)."""

    exit_code = 1
