"""Shared fixtures, and the switch that turns skips of real components into failures in CI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cchc_xlsx.plan import load_plan, shipped_plan_dir

REQUIRE_REAL = os.environ.get("CCHC_REQUIRE_REAL") == "1"
# The console speaks Vietnamese by default; tests that read its lines read the English ones
# (tests/test_console.py checks the Vietnamese default itself).
os.environ["CCHC_LANG"] = "en"


def require(component: str, available: bool) -> None:
    """Skip when a real component is missing, or fail when CCHC_REQUIRE_REAL=1 (CI)."""
    if available:
        return
    if REQUIRE_REAL:
        pytest.fail(f"{component} is required (CCHC_REQUIRE_REAL=1) but is not installed")
    pytest.skip(f"{component} is not installed")


@pytest.fixture(scope="session")
def shipped():
    """The shipped plan, built once."""
    return load_plan()


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped plan's CSV folder."""
    target = tmp_path / "plan"
    shutil.copytree(shipped_plan_dir(), target)
    return target


def _calc(locale: str):
    from calc import Calc, uno_available

    require("LibreOffice with python3-uno", uno_available())
    calc = Calc(locale)
    yield calc
    calc.close()


@pytest.fixture(scope="session")
def calc_vi():
    """LibreOffice Calc through UNO with a vi-VN profile (decimal comma, dd/mm/yyyy)."""
    yield from _calc("vi-VN")


@pytest.fixture(scope="session")
def calc_en():
    """LibreOffice Calc through UNO with an en-US profile."""
    yield from _calc("en-US")
