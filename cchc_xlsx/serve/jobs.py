"""Actions run one at a time per workspace, in a background thread, with progress to poll.

A second action while one runs is refused with a message naming the running one. Every stage
writes through the ledger's transactions and atomic renames, so a server stopped mid-action
loses nothing: what was committed stays, the rest is redone by running the action again.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from cchc_xlsx import text as labels
from cchc_xlsx.core.errors import CchcError


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


class FolderLock:
    """An exclusive lock on a file in the workspace, held while an action runs: a second page
    (another ``cchc serve`` on the same folder) cannot start one meanwhile. The operating system
    drops the lock when the process ends, however it ends: a stopped server leaves none behind
    (its pool workers end with it and never inherit the file: store/lifetime.py).

    While held, the file says which action runs; emptied when the action ends. A file found not
    empty and not locked is an action that a stopped server left unfinished (``leftover``)."""

    NAME = ".cchc-action.lock"

    def __init__(self, root: Path):
        self.path = Path(root) / self.NAME
        self.handle = None

    def acquire(self, about: dict | None = None) -> bool:
        try:
            handle = open(self.path, "a+b")
        except OSError:  # a read-only folder: nothing can be written there anyway, the action will say so
            return True
        try:
            _lock_file(handle)
        except OSError:
            handle.close()
            return False
        self.handle = handle
        if about is not None:
            self._write(json.dumps(about, ensure_ascii=False).encode("utf-8"))
        return True

    def release(self) -> None:
        if self.handle is not None:
            try:
                self._write(b"")
                _unlock_file(self.handle)
            finally:
                self.handle.close()
                self.handle = None

    def leftover(self) -> dict | None:
        """The action a stopped server left unfinished (then forgotten), or None."""
        if not self.path.exists() or not self.acquire():
            return None
        try:
            self.handle.seek(0)
            text = self.handle.read(4096)
            found = json.loads(text) if text.strip() else None
        except (OSError, ValueError):
            found = None
        finally:
            self.release()
        return found if isinstance(found, dict) else None

    def _write(self, data: bytes) -> None:
        try:
            self.handle.truncate(0)
            self.handle.write(data)
            self.handle.flush()
        except OSError:  # the note is a courtesy; the lock itself holds
            pass


if sys.platform == "win32":
    import msvcrt

    def _lock_file(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock_file(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock_file(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_file(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class Runner:
    """The actions of one workspace: at most one running, the recent ones kept for the page."""

    KEEP = 20

    def __init__(self, root: Path | None = None) -> None:
        self._lock = threading.Lock()
        self.jobs: dict[str, Job] = {}
        self.current: Job | None = None
        self.threads: dict[str, threading.Thread] = {}
        self.folder_lock = FolderLock(root) if root is not None else None
        self.interrupted = self.folder_lock.leftover() if self.folder_lock is not None else None

    def start(self, action: str, period: str, title: str, work: Callable[[Job], None]) -> Job:
        """Start ``work(job)`` in a thread; raises Busy when another action runs (here or in
        another page on the same workspace)."""
        with self._lock:
            if self.current is not None and self.current.state == "running":
                raise Busy(self.current)
            job = Job(secrets.token_hex(8), action, period, title)
            about = {"action": action, "period": period, "title": title, "started": job.started}
            if self.folder_lock is not None and not self.folder_lock.acquire(about):
                raise Busy(Job("", action, period, labels.PAGE["other-page"]))
            self.interrupted = None  # the clerk has moved on
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
            self._work(job, work)
        finally:
            if self.folder_lock is not None:
                self.folder_lock.release()

    def _work(self, job: Job, work: Callable[[Job], None]) -> None:
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
        return _runners.setdefault(key, Runner(key))
