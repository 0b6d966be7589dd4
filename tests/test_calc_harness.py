"""The UNO harness itself: a generated workbook edited in Calc as a unit would, under both profiles."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from calc import XLSX
from cchc_xlsx import text as labels
from cchc_xlsx.generate import generate_period, units_to_generate


@pytest.mark.parametrize("profile, typed, expected", [("calc_vi", "0,5", 0.5), ("calc_en", "0.5", 0.5)])
def test_typed_text_is_parsed_in_the_profile_locale(request, shipped, tmp_path: Path, profile, typed, expected):
    calc = request.getfixturevalue(profile)
    [unit] = [u for u in units_to_generate(shipped.plan) if u.code == "VP"]
    written = generate_period(shipped.plan, "q1", tmp_path / "out", [unit]).written[0].path
    out = tmp_path / "edited.xlsx"
    calc.edit(written, [{"op": "unprotect", "sheet": labels.SHEET_TASKS},
                        {"op": "type", "sheet": labels.SHEET_TASKS, "cell": "Z3", "text": typed},
                        {"op": "save", "path": str(out), "filter": XLSX}])
    assert openpyxl.load_workbook(out)[labels.SHEET_TASKS]["Z3"].value == expected
