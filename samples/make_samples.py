"""Make the sample returns checked in under samples/: what units send back for q1 and h1 of the
2022 plan, filled as units fill them, with a few typical mistakes planted (listed in
planted.csv, which the tests check the validation report against).

    python samples/make_samples.py          # rewrites samples/q1, samples/h1 and planted.csv

Reproducible: fixed seeds and a fixed generation time. The LibreOffice re-save needs soffice.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from fill import fill  # noqa: E402

from cchc_xlsx.rules import scoring  # noqa: E402
from cchc_xlsx import text as labels
from cchc_xlsx.generate import units_to_generate, workbook_file_name, write_unit_workbook  # noqa: E402
from cchc_xlsx.xlsx.libreoffice import XLSX_FILTER, convert  # noqa: E402
from cchc_xlsx.plan import load_plan  # noqa: E402

NEVER_RETURNS = "ISO"
RESAVED_BY_LIBREOFFICE = ("q1", "BCVT")
CORRECTED_TWICE = ("h1", "TTBC")
GENERATED_AT = {"q1": dt.datetime(2022, 2, 20, 8, 0), "h1": dt.datetime(2022, 5, 20, 8, 0)}
SEEDS = {"q1": 100, "h1": 200}


def plant_mistakes(plan, period, unit, prefill) -> list[dict]:
    """Edit a unit's values the way people get them wrong; return what was planted."""
    planted = []
    tasks_done = [code for code, v in prefill.tasks.items() if v.get("status") == labels.STATUS_DONE]
    if unit.code == "VP" and period.code == "q1":
        survey = next(c for c in plan.leaves_scored_by("VP") if c.rule == scoring.POINTS)
        above = scoring.leaf_max(survey) + 1
        prefill.criteria[survey.code] = {"result": above, "evidence": "Báo cáo số 12/BC-STTTT ngày 10/03/2022"}
        prefill.results[survey.code] = scoring.Result(above)
        planted.append({"code": "result-above-max", "sheet": labels.SHEET_CRITERIA, "row_code": survey.code})
        task = tasks_done[0]
        prefill.tasks[task]["completed_on"] = "05/03/2022"  # a date typed as text
        planted.append({"code": "value-ambiguous", "sheet": labels.SHEET_TASKS, "row_code": task})
    if unit.code == "VP" and period.code == "h1":
        # Not a mistake: the annual CCHC plan, due 27/01, was finished late; the scorecard shows it.
        late = next(t for t in plan.tasks_for("VP") if t.deadline and t.deadline < period.start.replace(year=2022,
                                                                                                   month=2, day=1))
        prefill.tasks[late.code] = {"status": labels.STATUS_DONE, "completion": 100,
                                    "completed_on": dt.date(2022, 2, 15),
                                    "evidence": "Kế hoạch số 15/KH-STTTT ngày 15/02/2022"}
    if unit.code == "TTRA":
        task = tasks_done[0]
        prefill.tasks[task]["evidence"] = ""
        planted.append({"code": "evidence-missing", "sheet": labels.SHEET_TASKS, "row_code": task})
    return planted


def make(out: Path) -> None:
    plan = load_plan().plan
    planted_rows = []
    for period_code in ("q1", "h1"):
        period = plan.period(period_code)
        folder = out / period_code
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for index, unit in enumerate(units_to_generate(plan)):
            if unit.code == NEVER_RETURNS:
                continue
            prefill = fill(plan, unit, period, seed=SEEDS[period_code] + index)
            planted = plant_mistakes(plan, period, unit, prefill)
            name = workbook_file_name(plan, unit, period)
            if (period_code, unit.code) == CORRECTED_TWICE:
                task = next(iter(prefill.tasks))
                first = dict(prefill.tasks[task])
                prefill.tasks[task] = {**first, "status": "Hoàn thàn"}  # a typo, corrected in the second version
                _write(folder / name.replace(".xlsx", " - lan 1.xlsx"), plan, unit, period, prefill)
                planted_rows.append(_row(period_code, unit.code, name.replace(".xlsx", " - lan 1.xlsx"),
                                         {"code": "status-invalid", "sheet": labels.SHEET_TASKS, "row_code": task}))
                prefill.tasks[task] = first
                name = name.replace(".xlsx", " - lan 2.xlsx")
            _write(folder / name, plan, unit, period, prefill)
            planted_rows.extend(_row(period_code, unit.code, name, p) for p in planted)
            if (period_code, unit.code) == RESAVED_BY_LIBREOFFICE:
                _resave(folder / name)
    with (out / "planted.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["period", "unit", "file", "code", "sheet", "row_code"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(planted_rows)


def _row(period: str, unit: str, file: str, planted: dict) -> dict:
    return {"period": period, "unit": unit, "file": file, **planted}


def _write(path: Path, plan, unit, period, prefill) -> None:
    write_unit_workbook(path, plan, unit, period, generated_at=GENERATED_AT[period.code], prefill=prefill)


def _resave(path: Path) -> None:
    # As a unit that opened the file in LibreOffice Calc and saved it as .xlsx.
    with tempfile.TemporaryDirectory() as tmp:
        converted = convert([path], XLSX_FILTER, Path(tmp))[0]
        shutil.copyfile(converted, path)


if __name__ == "__main__":
    make(HERE)
    print(f"Wrote samples under {HERE}")
