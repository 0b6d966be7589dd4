"""Analysing received files in worker processes: one file that kills its worker is retried
alone, then reported; the others go on."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from cchc_xlsx.collect.analyse import Analysis, analyse, file_finding
from cchc_xlsx.collect.sources import Received
from cchc_xlsx.core.model import Plan
from cchc_xlsx.evidence.link import cites_files
from cchc_xlsx.findings.catalogue import reason_detail, reason_words
from cchc_xlsx.findings.report import Finding
from cchc_xlsx.store.lifetime import die_with_parent
from cchc_xlsx.store.ledger import Ledger, values_json

EXCEL_CELL_MAX = 32767  # characters an Excel cell holds; longer text is cut in the workbooks we write
CHUNK = 8   # files sent to a worker at once

_job: dict = {}


def _start_worker(plan: Plan, period: str, limits: dict[str, int], versions: dict | None = None) -> None:
    # The plan (and its earlier versions) travel to each worker once; the worker ends with its parent.
    die_with_parent()
    _job.update(plan=plan, period=period, limits=limits, versions=versions or {})


def _job_of(item: Received, reply_unit: str | None) -> tuple:
    return item.data, item.name, item.sender, reply_unit


def replied_unit(ledger: Ledger, item: Received) -> str | None:
    # The unit whose message this one answers (In-Reply-To): a hint when a file's _meta is gone.
    return ledger.replied_unit(item.in_reply_to)


def _analyse_chunk(items: list[tuple]) -> list[Analysis]:
    return [_analyse_in_worker(item) for item in items]


def _analyse_in_worker(item: tuple) -> Analysis:
    data, name, sender, reply_unit = item
    try:
        analysis = analyse(data, name, sender, _job["plan"], _job["period"], _job["limits"], reply_unit,
                           _job.get("versions"))
        rows = (analysis.task_values, analysis.criterion_values)
        analysis.cites_files = any(cites_files(row.get("evidence") or "") for values in rows for row in values)
        # The worker serialises the values for the ledger, so the parent only inserts them.
        analysis.task_values, analysis.criterion_values = (values_json(values) for values in rows)
        if max(len(analysis.task_values), len(analysis.criterion_values)) > EXCEL_CELL_MAX:
            analysis.findings.extend(long_text_findings(rows, name))  # else no value can be that long
        return analysis
    except Exception as exc:  # no input file, however broken, may stop the run
        analysis = Analysis()
        analysis.findings.append(file_finding("file-unreadable", name, reason=reason_words(exc),
                                               value=reason_detail(exc)))
        return analysis


_LONG_FIELDS = {"tasks": {"status": "status", "evidence": "evidence", "issues": "issues", "note": "note"},
                "criteria": {"result_text": "result", "evidence": "evidence", "note": "note"}}


def long_text_findings(rows: tuple[list, list], file_name: str) -> list[Finding]:
    """A finding per value longer than an Excel cell holds: the ledger keeps it whole, the
    workbooks we write (scorecard, feedback) can only show its first 32,767 characters."""
    from cchc_xlsx import text as labels
    from cchc_xlsx.findings.catalogue import cell_finding

    found = []
    for key, values, sheet, headers in (("tasks", rows[0], labels.SHEET_TASKS, labels.TASK_HEADERS),
                                        ("criteria", rows[1], labels.SHEET_CRITERIA, labels.CRITERIA_HEADERS)):
        for row in values:
            for field_name, header_key in _LONG_FIELDS[key].items():
                value = row.get(field_name)
                if isinstance(value, str) and len(value) > EXCEL_CELL_MAX:
                    found.append(cell_finding("value-too-long", file=file_name, sheet=sheet,
                                              row_code=row.get("code", ""), field=header_key,
                                              row=row.get("cell_row", ""), column=headers.get(header_key, field_name),
                                              length=f"{len(value):,}".replace(",", ".")))
    return found


class Analyser:
    """A process pool that analyses files; a file that kills its worker is retried alone, then
    reported, and the pool is started again for the others."""

    def __init__(self, plan: Plan, period: str, limits: dict[str, int], workers: int | None,
                 versions: dict | None = None):
        self.args = (plan, period, limits, versions)
        self.workers = workers or min(os.cpu_count() or 1, 4)
        self.pool: ProcessPoolExecutor | None = None
        self.others: dict[str, Analyser] = {}  # period → analyser, for workbooks of another period

    def __enter__(self) -> Analyser:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool:
            self.pool.shutdown(cancel_futures=True)
        for other in self.others.values():
            other.__exit__(*exc)

    def for_period(self, period: str) -> Analyser:
        """An analyser of the same plan for another period (a workbook whose _meta names it)."""
        if period not in self.others:
            plan, _, limits, versions = self.args
            self.others[period] = Analyser(plan, period, limits, 1, versions)
        return self.others[period]

    def analyse(self, items: list[Received], hints: list[str | None]) -> list[Analysis]:
        return self.results(self.submit(items, hints), items, hints)

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
