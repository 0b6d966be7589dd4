"""The generate stage: one workbook per unit for a period, plus a manifest."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cchc_xlsx.generate.workbook import (Prefill, WrittenWorkbook, criteria_rows, workbook_file_name,
                                         write_unit_workbook)
from cchc_xlsx.core.model import Plan, Unit
from cchc_xlsx.xlsx.writeout import atomic_path, write_text_atomic

MANIFEST = "manifest.csv"


@dataclass
class Generated:
    """What ``generate_period`` wrote, and which units failed and why."""

    written: list[WrittenWorkbook] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    manifest: Path | None = None


def units_to_generate(plan: Plan, unit_code: str | None = None) -> list[Unit]:
    """Units that receive a workbook and have tasks or criteria; one unit when ``unit_code`` is given.

    Raises:
        KeyError: ``unit_code`` is not a unit that receives a workbook.
    """
    units = [u for u in plan.workbook_units() if plan.tasks_for(u.code) or criteria_rows(plan, u.code)]
    if unit_code is None:
        return units
    chosen = [u for u in units if u.code.casefold() == unit_code.casefold()]
    if not chosen:
        raise KeyError(unit_code)
    return chosen


PARALLEL_FROM = 24  # below this many workbooks, starting worker processes costs more than it saves


def generate_period(plan: Plan, period_code: str, outdir: Path, units: Iterable[Unit], *, password: str = "",
                    now: dt.datetime | None = None, workers: int | None = None,
                    progress: Callable[[Unit], None] | None = None) -> Generated:
    """Write one workbook per unit into ``outdir`` and a manifest of them.

    One workbook's failure is recorded and the others are still written. Many workbooks are
    written by one process per core.

    Args:
        plan: the plan.
        period_code: a period of the plan.
        outdir: usually ``outbox/<period>/``.
        units: the units to write for.
        password: sheet protection password.
        now: the generation time recorded in ``_meta``.
        workers: processes to use (default: one per core when there are many units).
        progress: called after each unit.
    """
    plan.period(period_code)  # an unknown period fails here, before anything is written
    units = list(units)
    now = now or dt.datetime.now().replace(microsecond=0)
    outdir.mkdir(parents=True, exist_ok=True)
    _keep_version(plan, outdir)
    jobs = [(unit, outdir / workbook_file_name(plan, unit, plan.period(period_code))) for unit in units]
    workers = workers or (min(os.cpu_count() or 1, 4) if len(units) >= PARALLEL_FROM else 1)
    result = Generated()
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(plan, period_code, now, password)) as pool:
            outcomes = pool.map(_write_in_worker, jobs, chunksize=8)
            _collect(result, units, outcomes, progress)
    else:
        _start_worker(plan, period_code, now, password)
        _collect(result, units, map(_write_in_worker, jobs), progress)
    result.manifest = _write_manifest(outdir / MANIFEST, plan, result.written)
    return result


def _keep_version(plan: Plan, outdir: Path) -> None:
    # Generating into a workspace's outbox/P/: keep the plan version the workbooks are made from, so
    # their returns are still read after the plan is edited (plan/versions/, see plan.versions).
    root = outdir.resolve().parent.parent
    if outdir.resolve().parent.name == "outbox" and (root / "cchc.toml").is_file():
        from cchc_xlsx.plan.versions import save_version

        save_version(root, plan)


_job: dict = {}


def _start_worker(plan: Plan, period_code: str, now: dt.datetime, password: str) -> None:
    # The plan travels to each worker once, not with every workbook; the worker ends with its parent.
    from cchc_xlsx.store.lifetime import die_with_parent

    die_with_parent()
    _job.update(plan=plan, period=plan.period(period_code), now=now, password=password)


def _write_in_worker(job: tuple[Unit, Path]) -> WrittenWorkbook | str:
    unit, target = job
    try:
        with atomic_path(target) as temporary:
            written = write_unit_workbook(temporary, _job["plan"], unit, _job["period"], generated_at=_job["now"],
                                          password=_job["password"])
        return WrittenWorkbook(unit.code, target, written.task_rows, written.criteria_rows)
    except Exception as exc:  # one unit's failure must not stop the others; it is reported
        return f"{type(exc).__name__}: {exc}"


def _collect(result: Generated, units: list[Unit], outcomes, progress) -> None:
    for unit, outcome in zip(units, outcomes):
        if isinstance(outcome, WrittenWorkbook):
            result.written.append(outcome)
        else:
            result.failures.append((unit.code, outcome))
        if progress:
            progress(unit)


MANIFEST_COLUMNS = ["unit", "file", "sha256", "task_rows", "criteria_rows", "plan_id"]


def _write_manifest(path: Path, plan: Plan, written: list[WrittenWorkbook]) -> Path:
    # Rows of units written now replace theirs; the other units' rows stay (generate --unit X).
    rows = {row["unit"]: row for row in read_manifest(path.parent)}
    for item in written:
        rows[item.unit] = {"unit": item.unit, "file": item.path.name,
                           "sha256": hashlib.sha256(item.path.read_bytes()).hexdigest(),
                           "task_rows": item.task_rows, "criteria_rows": item.criteria_rows, "plan_id": plan.plan_id}
    buffer = io.StringIO()
    out = csv.DictWriter(buffer, MANIFEST_COLUMNS, lineterminator="\n", extrasaction="ignore")
    out.writeheader()
    out.writerows(rows.values())
    return write_text_atomic(path, buffer.getvalue())


def read_manifest(outdir: Path) -> list[dict[str, str]]:
    """The rows of a period's manifest (empty when none was written)."""
    path = outdir / MANIFEST
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


__all__ = ["Generated", "Prefill", "generate_period", "read_manifest", "units_to_generate", "workbook_file_name",
           "write_unit_workbook"]
