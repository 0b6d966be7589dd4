"""The collect stage: receive, archive, record, analyse, merge.

For each file: its bytes are archived under their SHA-256 and the delivery recorded before
anything parses them; worker processes analyse (one file that kills its worker is reported,
the others go on); the parent records each submission with its values and findings in one
transaction. Originals are only read. Re-running changes nothing: the same bytes for the same
period are recorded once.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from cchc_xlsx.collect.analyse import Analysis, analyse, file_finding
from cchc_xlsx.collect.guard import size_text
from cchc_xlsx.collect.sources import Received, Skipped, scan
from cchc_xlsx.ledger import Ledger, Submission, values_json
from cchc_xlsx.model import Plan
from cchc_xlsx.workspace import Workspace

SKIP_CODES = {"lock-file": "file-skipped-lock", "no-attachment": "file-no-attachment"}
BATCH = 64  # files analysed per round: bounds memory, and what a crash can cost
CHUNK = 8   # files sent to a worker at once


@dataclass
class Outcome:
    """What happened to one received item."""

    file_name: str
    source: str
    sha256: str | None = None
    unit: str | None = None
    verdict: str = "skipped"       # accepted, warnings, errors, rejected, duplicate, skipped
    findings: list[dict[str, Any]] = field(default_factory=list)
    submission_id: int | None = None


@dataclass
class CollectResult:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every file was accepted without errors, else 1 (everything is still recorded)."""
        bad = {"rejected", "errors"}
        return 1 if any(o.verdict in bad for o in self.outcomes) else 0

    def count(self, verdict: str) -> int:
        return sum(1 for o in self.outcomes if o.verdict == verdict)


def collect_paths(workspace: Workspace, plan: Plan, period: str, paths: list[Path], **options) -> CollectResult:
    """Collect every spreadsheet under ``paths`` (files, folders, .eml, .mbox)."""
    return collect_items(workspace, plan, period, scan(paths, workspace.limits()["max_file_bytes"]), **options)


def collect_items(workspace: Workspace, plan: Plan, period: str, items: Iterable[Received | Skipped], *,
                  workers: int | None = None, progress: Callable[[int], None] | None = None,
                  versions: dict[str, Plan] | None = None) -> CollectResult:
    """Archive, record, analyse and merge received items for one period.

    Args:
        workspace: the workspace (archive folder, ledger, limits).
        plan: its plan.
        period: the period being collected.
        items: from ``sources.scan`` or an IMAP fetch.
        workers: analysing processes (default: one per core, at most 4).
        progress: called with the number of files finished so far.
        versions: earlier plan versions by plan_id (default: those the workspace kept).
    """
    if versions is None:
        from cchc_xlsx.plan.versions import load_versions

        versions = load_versions(workspace.root)
    result = CollectResult()
    done = 0
    with Ledger(workspace.ledger_path) as ledger, \
            _Analyser(plan, period, workspace.limits(), workers, versions) as analyser:
        in_flight = None
        seen: dict[str, Outcome] = {}  # sha256 → first outcome, for the same bytes twice in one run
        workspace.archive.mkdir(parents=True, exist_ok=True)
        archived = {path.name.split(".")[0] for path in workspace.archive.iterdir() if not path.name.startswith(".")}
        for batch in _batches(items, BATCH):
            with ledger.transaction():  # receipts of the whole batch, before anything parses them
                outcomes = [_receive(workspace, ledger, period, item, seen, archived) for item in batch]
            result.outcomes.extend(outcomes)
            pending = [(o, i) for o, i in zip(outcomes, batch) if o.verdict == "pending"]
            hints = [_replied_unit(ledger, item) for _, item in pending]
            submitted = (pending, analyser.submit([i for _, i in pending], hints), hints)
            if in_flight:  # record the previous batch while the workers analyse this one
                _record_batch(ledger, period, analyser, *in_flight)
            in_flight = submitted
            done += len(batch)
            if progress:
                progress(done)
        if in_flight:
            _record_batch(ledger, period, analyser, *in_flight)
    for outcome in result.outcomes:  # a copy within this run is a duplicate of what its first was recorded as
        first = seen.get(outcome.sha256) if outcome.verdict == "duplicate" else None
        if first is not None and first is not outcome and outcome.submission_id is None:
            outcome.unit, outcome.submission_id = first.unit, first.submission_id
    return result


def _record_batch(ledger: Ledger, period: str, analyser: "_Analyser", pending: list, futures: list,
                  hints: list) -> None:
    analyses = analyser.results(futures, [i for _, i in pending], hints)
    with ledger.transaction():
        for (outcome, item), analysis in zip(pending, analyses):
            _record(ledger, period, outcome, item, analysis)


def _batches(items: Iterable, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _receive(workspace: Workspace, ledger: Ledger, period: str, item: Received | Skipped,
             seen: dict[str, Outcome], archived: set[str]) -> Outcome:
    if isinstance(item, Skipped):
        return _skipped(item)
    sha = hashlib.sha256(item.data).hexdigest()
    if sha not in archived:  # never overwritten; one copy per content, whatever its extension
        _archive(workspace.archive / f"{sha}{PurePath(item.name).suffix.lower()}", item.data)
        archived.add(sha)
    received_at = item.received_at.isoformat(sep=" ") if item.received_at else None
    ledger.record_delivery(sha, period, item.source, item.sender, item.message_id, received_at)
    outcome = Outcome(item.name, item.source, sha)
    existing = ledger.find(sha, period)
    if existing is not None:
        outcome.verdict, outcome.unit, outcome.submission_id = "duplicate", existing["unit"], existing["id"]
        outcome.findings = [file_finding("file-duplicate", item.name, first=existing["source"])]
    elif sha in seen:
        outcome.verdict = "duplicate"
        outcome.findings = [file_finding("file-duplicate", item.name, first=seen[sha].source)]
    else:
        seen[sha] = outcome
        outcome.verdict = "pending"
    return outcome


def _skipped(item: Skipped) -> Outcome:
    outcome = Outcome(PurePath(item.source).name, item.source)
    if item.reason in ("unreadable", "missing"):
        outcome.verdict = "rejected"
        outcome.findings = [file_finding("file-unreadable", item.source, reason=item.detail)]
    elif item.reason == "too-large":
        outcome.verdict = "rejected"
        outcome.findings = [file_finding("file-too-large", item.source, size=size_text(item.size), limit=item.detail)]
    else:
        outcome.findings = [file_finding(SKIP_CODES.get(item.reason, "file-skipped-other"), item.source)]
    return outcome


def _archive(path: Path, data: bytes) -> None:
    # Written under a temporary name and renamed, so the archive never holds half a file; the
    # name is derived from the content, which spares mkstemp's cost on a thousand files.
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(data)
    os.replace(partial, path)


def _record(ledger: Ledger, period: str, outcome: Outcome, item: Received, analysis: Analysis) -> None:
    received_at = item.received_at.isoformat(sep=" ") if item.received_at else None
    submission = Submission(
        sha256=outcome.sha256, period=period, file_name=item.name, source=item.source, unit=analysis.unit,
        plan_id=analysis.plan_id, sender=item.sender, message_id=item.message_id, received_at=received_at,
        identified_by=analysis.identified_by, verdict=analysis.verdict, findings=analysis.findings,
        task_values=analysis.task_values, criterion_values=analysis.criterion_values)
    outcome.submission_id = ledger.record(submission)
    outcome.unit, outcome.verdict, outcome.findings = analysis.unit, analysis.verdict, analysis.findings


# --- analysing in worker processes ------------------------------------------------------

_job: dict = {}


def _start_worker(plan: Plan, period: str, limits: dict[str, int], versions: dict | None = None) -> None:
    # The plan (and its earlier versions) travel to each worker once.
    _job.update(plan=plan, period=period, limits=limits, versions=versions or {})


def _job_of(item: Received, reply_unit: str | None) -> tuple:
    return item.data, item.name, item.sender, reply_unit


def _replied_unit(ledger: Ledger, item: Received) -> str | None:
    # The unit whose message this one answers (In-Reply-To): a hint when a file's _meta is gone.
    return ledger.replied_unit(item.in_reply_to)


def _analyse_chunk(items: list[tuple]) -> list[Analysis]:
    return [_analyse_in_worker(item) for item in items]


def _analyse_in_worker(item: tuple) -> Analysis:
    data, name, sender, reply_unit = item
    try:
        analysis = analyse(data, name, sender, _job["plan"], _job["period"], _job["limits"], reply_unit,
                           _job.get("versions"))
        # The worker serialises the values for the ledger, so the parent only inserts them.
        analysis.task_values = values_json(analysis.task_values)
        analysis.criterion_values = values_json(analysis.criterion_values)
        return analysis
    except Exception as exc:  # no input file, however broken, may stop the run
        analysis = Analysis()
        analysis.findings.append(file_finding("file-unreadable", name, reason=f"{type(exc).__name__}: {exc}"))
        return analysis


class _Analyser:
    """A process pool that analyses files; a file that kills its worker is retried alone, then
    reported, and the pool is started again for the others."""

    def __init__(self, plan: Plan, period: str, limits: dict[str, int], workers: int | None,
                 versions: dict | None = None):
        self.args = (plan, period, limits, versions)
        self.workers = workers or min(os.cpu_count() or 1, 4)
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "_Analyser":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool:
            self.pool.shutdown(cancel_futures=True)

    def submit(self, items: list[Received], hints: list[str | None]) -> list:
        """Futures of chunks of files, each paired with the pool it runs in (None where the pool
        would not take it). Chunks cut the messages between processes, which compete for the
        parent's time with its own work."""
        if not items:
            return []
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, initializer=_start_worker, initargs=self.args)
        pool = self.pool
        jobs = [_job_of(item, hint) for item, hint in zip(items, hints)]
        chunks = [jobs[i:i + CHUNK] for i in range(0, len(jobs), CHUNK)]
        try:
            return [(pool, pool.submit(_analyse_chunk, chunk)) for chunk in chunks]
        except BrokenProcessPool:
            self._restart(pool)
            return [None] * len(chunks)

    def results(self, futures: list, items: list[Received], hints: list[str | None]) -> list[Analysis]:
        jobs = [_job_of(item, hint) for item, hint in zip(items, hints)]
        analyses = []
        for index, submitted in enumerate(futures):
            chunk = jobs[index * CHUNK:(index + 1) * CHUNK]
            found = None
            if submitted is not None:
                pool, future = submitted
                try:
                    found = future.result()
                except BrokenProcessPool:
                    self._restart(pool)
                except Exception:  # cancelled with a broken pool, or anything else: analyse them alone
                    pass
            analyses.extend(found or [_analyse_alone(job, *self.args) for job in chunk])
        return analyses

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        # Only the pool that broke is replaced; a newer healthy pool keeps its work.
        if self.pool is broken:
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = None


def _analyse_alone(job: tuple, plan: Plan, period: str, limits: dict[str, int],
                   versions: dict | None = None) -> Analysis:
    try:
        with ProcessPoolExecutor(1, initializer=_start_worker, initargs=(plan, period, limits, versions)) as pool:
            return pool.submit(_analyse_in_worker, job).result()
    except Exception:  # BrokenProcessPool: this file kills its reader
        analysis = Analysis()
        analysis.findings.append(file_finding("file-reader-crashed", job[1]))
        return analysis


__all__ = ["CollectResult", "Outcome", "collect_items", "collect_paths", "scan"]
