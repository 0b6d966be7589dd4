"""Benchmark: write the scorecard for many units and the full criteria tree.

Target: under 5 seconds for 200 units (issue 13: under 2 s for 300). The ledger is filled with one
accepted submission per unit (the shipped plan's criteria spread over the units, every unit leading
some tasks); ``--plan district`` instead takes the district plan of tests/district_plan.py with that
many units (11 offices, the rest communes, an index for each unit). CPU seconds are reported too:
on a shared machine they vary far less than the wall clock.

    python benchmarks/bench_scorecard.py [--units 200] [--plan synthetic|district]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "samples"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_generate import synthetic_plan  # noqa: E402
from fill import fill  # noqa: E402

from cchc_xlsx.store.ledger import Ledger, Submission  # noqa: E402
from cchc_xlsx.scorecard import write_scorecard  # noqa: E402
from cchc_xlsx.validate import encode_result  # noqa: E402
from cchc_xlsx.store.workspace import DEFAULT_BANDS  # noqa: E402


def fill_ledger(ledger: Ledger, plan, period_code: str) -> None:
    period = plan.period(period_code)
    for index, unit in enumerate(plan.workbook_units()):
        prefill = fill(plan, unit, period, seed=index)
        tasks = [{"code": code, "status": v.get("status"), "completion": v.get("completion"),
                  "completed_on": v["completed_on"].isoformat() if isinstance(v.get("completed_on"), dt.date) else None,
                  "evidence": v.get("evidence", ""), "issues": "", "note": "", "cell_row": 0, "valid": 1}
                 for code, v in prefill.tasks.items()]
        criteria = [{"code": code, "result_text": str(v.get("result", "")),
                     "result_value": encode_result(prefill.results[code].value),
                     "not_applicable": int(prefill.results[code].not_applicable), "evidence": v.get("evidence", ""),
                     "note": "", "points": 0.0, "sheet_points": None, "cell_row": 0, "valid": 1}
                    for code, v in prefill.criteria.items()]
        ledger.record(Submission(sha256=f"{index:064d}", period=period_code, file_name=f"{unit.code}.xlsx",
                                 source="benchmark", unit=unit.code, plan_id=plan.plan_id, verdict="accepted",
                                 received_at="2022-03-10 08:00:00", task_values=tasks, criterion_values=criteria))


def district_plan(units: int, folder: Path):
    """The district plan (tests/district_plan.py) with ``units`` units, read from its master workbook."""
    from district_plan import OFFICES, write_master_workbook

    from cchc_xlsx.plan import load_plan

    offices = len(OFFICES) if units >= 2 * len(OFFICES) else 4  # few units: 4 offices, the rest communes
    return load_plan(write_master_workbook(folder / "district.xlsx", communes=max(units - offices, 1),
                                           offices=offices), check=False).plan


def run(units: int = 200, plan_kind: str = "synthetic", keep: Path | None = None) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        plan = synthetic_plan(units) if plan_kind == "synthetic" else district_plan(units, Path(tmp))
        period = "q1" if plan_kind == "synthetic" else "t3"
        ledger = Ledger(Path(tmp) / "ledger.sqlite")
        fill_ledger(ledger, plan, period)
        target = keep or Path(tmp) / "scorecard.xlsx"
        start, cpu = time.perf_counter(), time.process_time()
        write_scorecard(target, plan, ledger, period, DEFAULT_BANDS)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        ledger.close()
    return [{"benchmark": f"scorecard ({plan_kind}), {units} units, {len(plan.criteria)} criteria rows",
             "variant": "cchc scorecard (target < 5 s)", "seconds": seconds, "cpu_seconds": cpu,
             "files_per_s": 1 / seconds, "ratio": seconds / 5.0}]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--plan", choices=("synthetic", "district"), default="synthetic")
    parser.add_argument("--keep", type=Path, help="write the scorecard here (to print or recalculate it)")
    args = parser.parse_args()
    for row in run(args.units, args.plan, args.keep):
        print(f"{row['benchmark']}: {row['seconds']:.2f} s, {row['cpu_seconds']:.2f} s CPU (target 5 s)")


if __name__ == "__main__":
    main()
