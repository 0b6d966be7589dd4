"""Actions run one at a time per workspace, in a background thread, with progress to poll.

A second action while one runs is refused with a message naming the running one. Every stage
writes through the ledger's transactions and atomic renames, so a server stopped mid-action
loses nothing: what was committed stays, the rest is redone by running the action again.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from cchc_xlsx import labels
from cchc_xlsx.errors import CchcError


@dataclass
class Job:
    """One action: what it is, how far it got, what it said and wrote."""

    id: str
    action: str
    period: str
    title: str
    state: str = "running"              # running, done, failed
    done: int = 0
    total: int = 0
    lines: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    started: str = field(default_factory=lambda: dt.datetime.now().strftime("%H:%M:%S"))
    finished: str = ""

    def say(self, line: str) -> None:
        self.lines.append(line)

    def progress(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


class Busy(Exception):
    """Another action runs in this workspace."""

    def __init__(self, job: Job):
        super().__init__(job.title)
        self.job = job


class Runner:
    """The actions of one workspace: at most one running, the recent ones kept for the page."""

    KEEP = 20

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.jobs: dict[str, Job] = {}
        self.current: Job | None = None
        self.threads: dict[str, threading.Thread] = {}

    def start(self, action: str, period: str, title: str, work: Callable[[Job], None]) -> Job:
        """Start ``work(job)`` in a thread; raises Busy when another action runs."""
        with self._lock:
            if self.current is not None and self.current.state == "running":
                raise Busy(self.current)
            job = Job(secrets.token_hex(8), action, period, title)
            self.current = job
            self.jobs[job.id] = job
            for old in list(self.jobs)[:-self.KEEP]:
                self.jobs.pop(old, None)
        thread = threading.Thread(target=self._run, args=(job, work), name=f"cchc-{action}", daemon=True)
        self.threads[job.id] = thread
        thread.start()
        return job

    def _run(self, job: Job, work: Callable[[Job], None]) -> None:
        try:
            work(job)
            job.state = "failed" if job.state == "failed" else "done"
        except (CchcError, click.ClickException, OSError) as exc:  # a message the clerk can act on
            job.say(_message(exc))
            job.state = "failed"
        except sqlite3.Error as exc:  # the ledger locked by another program, or damaged: nothing half-written
            job.say(labels.PAGE["ledger-error"].format(reason=exc))
            job.state = "failed"
        except Exception as exc:  # never a traceback on the page; the console keeps it for support
            traceback.print_exc(file=sys.stderr)
            job.say(labels.PAGE["unexpected"].format(reason=f"{type(exc).__name__}: {exc}"))
            job.state = "failed"
        finally:
            job.finished = dt.datetime.now().strftime("%H:%M:%S")
            if job.total and job.state == "done":
                job.done = job.total

    def wait(self, job: Job, timeout: float | None = None) -> Job:
        """Wait for ``job`` to finish (tests, and the server's shutdown)."""
        thread = self.threads.get(job.id)
        if thread is not None:
            thread.join(timeout)
        return job

    def latest(self, period: str) -> Job | None:
        found = [j for j in self.jobs.values() if j.period == period]
        return found[-1] if found else None


def _message(exc: Exception) -> str:
    if isinstance(exc, click.ClickException):
        return exc.format_message()
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or exc}: {exc.filename}"
    return str(exc)


_runners: dict[Path, Runner] = {}
_runners_lock = threading.Lock()


def runner_for(root: Path) -> Runner:
    """The one runner of a workspace folder in this process (two pages on one folder share it)."""
    key = Path(root).resolve()
    with _runners_lock:
        return _runners.setdefault(key, Runner())
