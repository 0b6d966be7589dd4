"""Benchmark: generate unit workbooks for a synthetic plan of many units.

Baseline, measured in the same run: the floor, XlsxWriter writing the same cell values with
no formats, validations or formulas, in as many processes as generate uses (the plan sent to each
process once, as generate sends it). Target: generate within 2x of that floor. The floor in one
process is printed too, for comparison with earlier tables.

    python benchmarks/bench_generate.py [--units 1000]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cchc_xlsx.rules import scoring  # noqa: E402
from cchc_xlsx import text as labels
from cchc_xlsx.generate import generate_period, units_to_generate  # noqa: E402
from cchc_xlsx.generate.workbook import criteria_rows  # noqa: E402
from cchc_xlsx.core.model import Plan, Unit  # noqa: E402
from cchc_xlsx.plan import load_plan  # noqa: E402
from cchc_xlsx.xlsx.styles import SAFE_WORKBOOK_OPTIONS  # noqa: E402


def synthetic_plan(units: int) -> Plan:
    """The shipped plan scaled to ``units`` units: every unit coordinates every task, leads a
    few, and scores its own copy of one area of criteria (areas taken in turn)."""
    base = load_plan(check=False).plan
    codes = [f"U{i:04d}" for i in range(units)]
    unit_rows = tuple(Unit(code=c, name=f"Đơn vị số {i + 1}", email=f"{c.lower()}@example.vn")
                      for i, c in enumerate(codes))
    tasks = tuple(dataclasses.replace(t, lead=(codes[i % units],), coordinators=tuple(codes))
                  for i, t in enumerate(base.tasks))
    areas = base.areas()
    criteria = []
    for i, code in enumerate(codes):
        area = areas[i % len(areas)]
        prefix = f"{code}."
        subtree = [c for c in base.criteria
                   if c.code == area.code or area.code in {a.code for a in base.ancestors(c.code)}]
        for criterion in subtree:
            parent = None if criterion.code == area.code else prefix + criterion.parent
            criteria.append(dataclasses.replace(criterion, code=prefix + criterion.code, parent=parent,
                                                responsible=(code,) if criterion.code == area.code else ()))
    return Plan(meta=base.meta, units=unit_rows, tasks=tasks, criteria=tuple(criteria), periods=base.periods)


def floor_write(plan: Plan, unit: Unit, path: Path) -> None:
    """The same cell values as a unit workbook, plain: no formats, validations, formulas."""
    workbook = xlsxwriter.Workbook(str(path), {**SAFE_WORKBOOK_OPTIONS, "in_memory": True})
    tasks = workbook.add_worksheet(labels.SHEET_TASKS)
    tasks.write_row(0, 0, list(labels.TASK_HEADERS.values()))
    for row, task in enumerate(plan.tasks_for(unit.code), start=1):
        tasks.write_row(row, 0, [task.code, task.area_title, task.description, "\n".join(task.products),
                                 labels.ROLE[task.role_of(unit.code)], task.timeframe])
    sheet = workbook.add_worksheet(labels.SHEET_CRITERIA)
    sheet.write_row(0, 0, list(labels.CRITERIA_HEADERS.values()))
    for row, criterion in enumerate(criteria_rows(plan, unit.code), start=1):
        values = [criterion.code, criterion.title]
        if criterion.is_leaf:
            values += [scoring.leaf_max(criterion), scoring.rule_text(criterion)]
        sheet.write_row(row, 0, values)
    workbook.close()


def generate_cores(units: int) -> int:
    """The processes generate_period uses for ``units`` workbooks (its default)."""
    import os

    from cchc_xlsx.generate import PARALLEL_FROM

    return min(os.cpu_count() or 1, 4) if units >= PARALLEL_FROM else 1


_floor_plan: list[Plan] = []  # the plan in a floor process, sent once (as generate's workers get theirs)


def _floor_start(plan: Plan) -> None:
    _floor_plan[:] = [plan]


def _floor_one(job: tuple[Unit, Path]) -> None:
    floor_write(_floor_plan[0], *job)


def floor_run(plan: Plan, units: list[Unit], outdir: Path, processes: int) -> float:
    """Seconds the floor takes for ``units`` in ``processes`` processes (pool start included, as for
    generate)."""
    outdir.mkdir(parents=True, exist_ok=True)
    jobs = [(unit, outdir / f"floor-{unit.code}.xlsx") for unit in units]
    start = time.perf_counter()
    if processes > 1:
        with ProcessPoolExecutor(processes, initializer=_floor_start, initargs=(plan,)) as pool:
            list(pool.map(_floor_one, jobs, chunksize=8))
    else:
        _floor_start(plan)
        for job in jobs:
            _floor_one(job)
    return time.perf_counter() - start


def run(units: int = 1000) -> list[dict]:
    plan = synthetic_plan(units)
    chosen = units_to_generate(plan)
    assert len(chosen) == units
    cores = generate_cores(units)
    with tempfile.TemporaryDirectory() as tmp:
        one = floor_run(plan, chosen, Path(tmp) / "floor1", 1)
        floor = floor_run(plan, chosen, Path(tmp) / "floor", cores)
        start = time.perf_counter()
        result = generate_period(plan, "q1", Path(tmp) / "out", chosen, now=dt.datetime(2022, 3, 1))
        ours = time.perf_counter() - start
        assert not result.failures and len(result.written) == units
    name = f"generate {units} unit workbooks"
    return [
        {"benchmark": name, "variant": "floor: XlsxWriter, same values, plain", "seconds": floor,
         "files_per_s": units / floor, "ratio": 1.0, "cores": cores},
        {"benchmark": name, "variant": "floor in one process (a measurement)", "seconds": one,
         "files_per_s": units / one, "ratio": one / floor, "cores": 1},
        {"benchmark": name, "variant": "cchc generate", "seconds": ours, "files_per_s": units / ours,
         "ratio": ours / floor, "cores": cores},
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    args = parser.parse_args()
    for row in run(args.units):
        print(f"{row['variant']:<45} {row['cores']} cores {row['seconds']:8.2f} s {row['files_per_s']:8.1f} files/s "
              f"x{row['ratio']:.2f}")


if __name__ == "__main__":
    main()
