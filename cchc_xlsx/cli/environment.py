"""Problems of the machine rather than the input, as one Vietnamese line each (issue 10).

A full disk, a read-only folder, a missing or unwritable output place, a ledger another program
holds locked, a ledger that is not SQLite: ``environment_problem`` turns the exception into an
``EnvironmentProblem`` (exit 1) naming what happened, where, and what to do. The command-line
group calls it once for every command, so none of these reaches a user as a traceback.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.core.errors import EnvironmentProblem
from cchc_xlsx.core.safetext import printable

_OS_KINDS = {errno.ENOSPC: "disk-full", errno.EDQUOT: "disk-full", errno.EROFS: "read-only",
             errno.EACCES: "permission", errno.EPERM: "permission", errno.ENOENT: "not-found",
             errno.EISDIR: "is-directory", errno.ENOTDIR: "not-found"}
_SQLITE_KINDS = (("locked", "ledger-locked"), ("busy", "ledger-locked"), ("full", "ledger-full"),
                 ("readonly", "ledger-readonly"), ("read-only", "ledger-readonly"),
                 ("not a database", "ledger-corrupt"), ("malformed", "ledger-corrupt"),
                 ("file is encrypted", "ledger-corrupt"), ("unable to open", "ledger-readonly"))


def environment_problem(exc: BaseException) -> EnvironmentProblem | None:
    """The one-line message for ``exc`` when it is a problem of the machine, else None."""
    if isinstance(exc, sqlite3.Error):
        return _ledger_problem(exc)
    if isinstance(exc, OSError):
        return _os_problem(exc)
    # A writer's own exception around the OS's (xlsxwriter's FileCreateError carries it as its argument).
    inner = exc.__cause__ or next((a for a in exc.args if isinstance(a, (OSError, sqlite3.Error))), None)
    if isinstance(inner, (OSError, sqlite3.Error)):
        return environment_problem(inner)
    return None


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def _os_problem(exc: OSError) -> EnvironmentProblem:
    path = exc.filename if exc.filename is not None else labels.ENVIRONMENT["unknown-path"]
    kind = _OS_KINDS.get(exc.errno or 0, "os-error")
    if kind == "os-error" and exc.errno == errno.EEXIST:
        kind = "not-a-folder"  # a folder was to be made where a file is
    text = labels.ENVIRONMENT[kind].format(path=path, reason=exc.strerror or type(exc).__name__)
    return EnvironmentProblem(printable(text))


def _ledger_problem(exc: sqlite3.Error) -> EnvironmentProblem:
    reason = str(exc)
    folded = reason.lower()
    kind = next((k for marker, k in _SQLITE_KINDS if marker in folded), "ledger-other")
    path = getattr(exc, "ledger_path", None) or "ledger.sqlite"
    if kind == "ledger-other" and "i/o" in folded and _nearly_full(Path(path).parent):
        kind = "ledger-full"  # SQLite says "disk I/O error" when its -wal or -shm cannot grow
    return EnvironmentProblem(printable(labels.ENVIRONMENT[kind].format(path=path, reason=reason)))
