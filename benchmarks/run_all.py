"""Run every benchmark and print one table with the baselines measured in the same run.

    python benchmarks/run_all.py [--quick]

--quick runs smaller sizes (for a smoke test); the README's table comes from a full run.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_collect  # noqa: E402
import bench_generate  # noqa: E402
import bench_scorecard  # noqa: E402


def machine() -> str:
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    collect_rows = bench_collect.run(1000 // scale)
    rows = bench_generate.run(1000 // scale) + collect_rows + bench_scorecard.run(200 // scale)
    print(f"Machine: {machine()}\n")
    print("| benchmark | variant | cores | seconds | files/s | ratio to baseline | peak memory |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for row in rows:
        peak = f"{row['peak_mb']:.0f} MB" if "peak_mb" in row else ""
        ratio = f"{row['ratio']:.2f}"
        if "vs_naive" in row:
            ratio += f" ({row['vs_naive']:.1f}x faster than naive)"
        # A benchmark that names no cores ran in one process.
        print(f"| {row['benchmark']} | {row['variant']} | {row.get('cores', 1)} | {row['seconds']:.2f} | "
              f"{row['files_per_s']:.1f} | "
              f"{ratio} | {peak} |")
    print("\n" + bench_collect.where_time_goes(collect_rows, 1000 // scale))


if __name__ == "__main__":
    main()
