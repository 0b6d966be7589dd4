"""Benchmark: collect many filled-in unit workbooks.

Measured in the same run, each in its own process (time and peak memory):
- naive: the script a user would write, pandas.read_excel (default openpyxl engine) over
  every file and sheet, then concat (one core);
- floor: python-calamine reading the same sheets' values and nothing else, in as many
  processes as collect uses (the files shared out among them);
- cchc collect: guard, read, identify, validate, archive, ledger, on those cores.
Targets: collect within 2x of the floor on the same cores, >= 10x faster than naive, peak
memory < 1 GB.

Where collect's time goes is printed too: the CPU of its own process (archive, ledger) and of
its workers, and per file in one process the floor and each step a worker takes.

    python benchmarks/bench_collect.py [--files 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples"))


def make_files(folder: Path, count: int) -> None:
    """``count`` filled workbooks of the shipped plan's units for q1, all different."""
    from fill import fill

    from cchc_xlsx.generate import units_to_generate, workbook_file_name, write_unit_workbook
    from cchc_xlsx.plan import load_plan

    plan = load_plan(check=False).plan
    period = plan.period("q1")
    units = units_to_generate(plan)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        unit = units[index % len(units)]
        name = workbook_file_name(plan, unit, period).replace(".xlsx", f" ({index}).xlsx")
        write_unit_workbook(folder / name, plan, unit, period, generated_at=dt.datetime(2022, 3, 1),
                            prefill=fill(plan, unit, period, seed=index))


def naive(folder: Path) -> int:
    import pandas as pd

    frames = []
    for path in sorted(folder.glob("*.xlsx")):
        for name, frame in pd.read_excel(path, sheet_name=None, engine="openpyxl").items():
            frames.append(frame.assign(file=path.name, sheet=name))
    return len(pd.concat(frames, ignore_index=True))


def collect_cores() -> int:
    """The number of processes collect analyses in (its default)."""
    from cchc_xlsx.collect.pool import Analyser as _Analyser

    return _Analyser(None, "", {}, None).workers


def _floor_share(paths: list[str]) -> int:
    from python_calamine import CalamineWorkbook

    from cchc_xlsx import text as labels

    cells = 0
    for path in paths:
        workbook = CalamineWorkbook.from_path(path)
        for name in (labels.SHEET_META, labels.SHEET_TASKS, labels.SHEET_CRITERIA):
            cells += sum(len(r) for r in workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
    return cells


def floor(folder: Path) -> int:
    """python-calamine over the same sheets, the files shared out among as many processes as collect uses."""
    from concurrent.futures import ProcessPoolExecutor

    paths = [str(p) for p in sorted(folder.glob("*.xlsx"))]
    cores = collect_cores()
    if cores == 1:
        return _floor_share(paths)
    with ProcessPoolExecutor(cores) as pool:
        return sum(pool.map(_floor_share, [paths[i::cores] for i in range(cores)]))


def prepare_workspace() -> Path:
    """A workspace, made once before timing, as a user makes it once for a year."""
    from cchc_xlsx.store.workspace import init_workspace

    workspace, _ = init_workspace(Path(tempfile.mkdtemp()) / "ws")
    return workspace.root


def ours(folder: Path, root: Path) -> int:
    """What `cchc collect -w ROOT -p q1 FOLDER` does: open the workspace, load its plan, collect."""
    from cchc_xlsx.collect import collect_paths
    from cchc_xlsx.store.workspace import Workspace

    workspace = Workspace.open(root)
    result = collect_paths(workspace, workspace.load_plan().plan, "q1", [folder])
    assert result.count("rejected") == 0, "benchmark files must be readable"
    return len(result.outcomes)


def without_validation(folder: Path, root: Path) -> int:
    """A measurement, not a mode of collect: the same run with row validation replaced by nothing
    in its workers (every file is still guarded, read, identified, archived and recorded), which
    shows what the rest of collect costs against the floor. POSIX only (forked workers)."""
    import importlib

    # The module, not the function of the same name that cchc_xlsx.collect exports.
    analysing = importlib.import_module("cchc_xlsx.collect.analyse")
    analysing._validate = lambda *args, **kwargs: 0  # the workers are forked from this process
    return ours(folder, root)


VARIANTS = {"naive": naive, "floor": floor, "collect": ours, "unvalidated": without_validation}
SETUP = {"collect": prepare_workspace, "unvalidated": prepare_workspace}
LABELS = {"naive": "naive: pandas.read_excel (openpyxl) + concat", "floor": "floor: python-calamine values only",
          "collect": "cchc collect (full validation)",
          "unvalidated": "cchc collect, validation left out (a measurement)"}


def measure(variant: str, folder: Path) -> tuple[float, float, float, float]:
    """(seconds of work, peak MB, CPU seconds of the process, CPU seconds of its workers) of one
    variant run in its own process.

    The time excludes starting Python and importing libraries; the peak is the largest resident
    size of that process and of each of its worker processes. CPU times are 0 where the system
    does not tell them (the workers' on Windows).
    """
    completed = subprocess.run([sys.executable, __file__, "--run", variant, str(folder)], check=True,
                               capture_output=True, text=True)
    seconds, peak_kb, own_cpu, workers_cpu = completed.stdout.split()[-4:]
    return float(seconds), float(peak_kb) / 1024, float(own_cpu), float(workers_cpu)


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process, and of its finished children (POSIX only)."""
    try:
        import resource
    except ImportError:
        return time.process_time(), 0.0
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _peak_kb() -> float:
    """Peak resident memory in KB of this process and its children (0 where it cannot be read)."""
    try:
        import resource  # POSIX only: imported here so that the benchmarks run on Windows too
    except ImportError:
        return _windows_peak_kb()
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _windows_peak_kb() -> float:
    # This process's peak working set (the workers' are not counted on Windows).
    try:
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                        ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                        ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                        ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t), ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                        ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]

        counters = Counters(cb=ctypes.sizeof(Counters))
        process = ctypes.windll.kernel32.GetCurrentProcess()
        if not ctypes.windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb):
            return 0.0
        return counters.PeakWorkingSetSize / 1024
    except (AttributeError, OSError):
        return 0.0


def _run_variant(variant: str, folder: Path) -> None:
    import pandas  # noqa: F401  imported before timing, for every variant alike
    import python_calamine  # noqa: F401

    from cchc_xlsx import collect  # noqa: F401

    extra = [SETUP[variant]()] if variant in SETUP else []
    own_before, workers_before = _cpu_seconds()
    start = time.perf_counter()
    VARIANTS[variant](folder, *extra)
    seconds = time.perf_counter() - start
    own, workers = _cpu_seconds()
    peak = _peak_kb()
    print(f"{seconds:.4f} {peak} {own - own_before:.4f} {workers - workers_before:.4f}")


def worker_steps(folder: Path, sample: int = 200) -> dict[str, float]:
    """Milliseconds of CPU per file, in this one process, of the floor and of each step a collect
    worker takes (best of three passes over ``sample`` of the files, spread over units)."""
    import io

    from python_calamine import CalamineWorkbook

    from cchc_xlsx import text as labels
    from cchc_xlsx.collect import formats, guard
    from cchc_xlsx.collect.pool import _analyse_in_worker, _start_worker
    from cchc_xlsx.collect.read import read_values
    from cchc_xlsx.plan import load_plan
    from cchc_xlsx.store.workspace import DEFAULT_LIMITS

    paths = sorted(folder.glob("*.xlsx"))
    paths = paths[::max(1, len(paths) // sample)][:sample]
    datas = [p.read_bytes() for p in paths]
    _start_worker(load_plan(check=False).plan, "q1", DEFAULT_LIMITS)
    sheets = (labels.SHEET_META, labels.SHEET_TASKS, labels.SHEET_CRITERIA)
    checked = [guard.check(d, ".xlsx", DEFAULT_LIMITS) for d in datas]
    values = [read_values(c.data) for c in checked]

    def floor_step():
        for data in datas:
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
            for name in sheets:
                book.get_sheet_by_name(name).to_python(skip_empty_area=False)

    steps = {
        "floor: python-calamine": floor_step,
        "guard (inflate within sizes, far cells)": lambda: [guard.check(d, ".xlsx", DEFAULT_LIMITS) for d in datas],
        "read (python-calamine on the checked parts)": lambda: [read_values(c.data) for c in checked],
        "number formats": lambda: [formats.percent_cells(d, "xlsx", [labels.SHEET_TASKS, labels.SHEET_CRITERIA],
                                                         DEFAULT_LIMITS, c.parts) for d, c in zip(datas, checked)],
        "whole worker (all the above, validation, JSON)": lambda: [_analyse_in_worker((d, p.name, "", None))
                                                                   for d, p in zip(datas, paths)],
    }
    found = {}
    for name, step in steps.items():
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            step()
            best = min(best, time.process_time() - start)
        found[name] = best / len(datas) * 1000
    assert values and all(v.meta for v in values)
    return found


def run(files: int = 1000) -> list[dict]:
    cores = {"floor": collect_cores(), "collect": collect_cores(), "unvalidated": collect_cores(), "naive": 1}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "returns"
        make_files(folder, files)
        rows = {}
        import multiprocessing

        # The measurement without validation patches the workers: only where they are forked.
        unvalidated = ("unvalidated",) if multiprocessing.get_start_method() == "fork" else ()
        for variant in ("floor", "collect", *unvalidated, "naive"):
            seconds, peak, own_cpu, workers_cpu = measure(variant, folder)
            rows[variant] = {"benchmark": f"collect {files} filled workbooks", "variant": LABELS[variant],
                             "seconds": seconds, "files_per_s": files / seconds, "peak_mb": peak,
                             "cores": cores[variant], "own_cpu": own_cpu, "workers_cpu": workers_cpu}
        rows["collect"]["steps"] = worker_steps(folder)
    for row in rows.values():
        row["ratio"] = row["seconds"] / rows["floor"]["seconds"]
    rows["collect"]["vs_naive"] = rows["naive"]["seconds"] / rows["collect"]["seconds"]
    return list(rows.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--run", nargs=2, metavar=("VARIANT", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        _run_variant(args.run[0], Path(args.run[1]))
        return
    rows = run(args.files)
    for row in rows:
        extra = f"  {row['vs_naive']:.1f}x faster than naive" if "vs_naive" in row else ""
        print(f"{row['variant']:<45} {row['cores']} cores {row['seconds']:7.2f} s {row['files_per_s']:7.1f} files/s "
              f"x{row['ratio']:.2f} of floor  peak {row['peak_mb']:.0f} MB{extra}")
    print(where_time_goes(rows, args.files))


def where_time_goes(rows: list[dict], files: int) -> str:
    """Lines on collect's CPU: its own process and its workers, then per file the worker's steps."""
    collect = next(row for row in rows if "steps" in row)
    floor_row = next(row for row in rows if row["variant"] == LABELS["floor"])
    lines = [f"CPU per file: floor {1000 * floor_row['workers_cpu'] / files:.2f} ms (its workers); collect "
             f"{1000 * collect['workers_cpu'] / files:.2f} ms in its workers + {1000 * collect['own_cpu'] / files:.2f} ms "
             f"in its own process (archive, ledger, evidence)",
             "Per file, in one process:"]
    lines += [f"  {name:<48} {ms:5.2f} ms" for name, ms in collect["steps"].items()]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
