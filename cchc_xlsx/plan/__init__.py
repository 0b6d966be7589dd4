"""The plan stage: read the plan's tables, build the typed model, check it, export it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from cchc_xlsx.findings.catalogue import finding
from cchc_xlsx.plan.build import Built, build_plan
from cchc_xlsx.plan.check import check_plan
from cchc_xlsx.plan.read import read_tables


def shipped_plan_dir() -> Path:
    """The folder of the plan the package ships (the 2022 plan of the seed document)."""
    # A source tree's own templates first: an editable install maps ``cchc_xlsx.templates`` to the
    # checkout it was installed from, which is not the one running (a second worktree, a CI copy).
    source_tree = Path(__file__).resolve().parents[2] / "templates" / "plan"
    if (source_tree / "criteria.csv").exists() and (source_tree.parent / "__init__.py").exists():
        return source_tree
    try:
        return Path(str(resources.files("cchc_xlsx.templates") / "plan"))
    except ModuleNotFoundError:  # running from a source tree that was not installed
        return source_tree


def load_plan(path: Path | None = None, check: bool = True) -> Built:
    """Read, build and (by default) check a plan.

    Args:
        path: a CSV folder or a master workbook; None for the shipped plan.
        check: also run the checks of ``check.py``.

    Returns:
        A ``Built`` whose ``findings`` hold reading, building and checking findings.
    """
    tables, findings = read_tables(Path(path) if path else shipped_plan_dir())
    return build_and_check(tables, findings, check)


def build_and_check(tables: dict, findings: list, check: bool = True) -> Built:
    """Build raw tables (from ``read_tables`` or a Word document) and check the plan as ``load_plan`` does."""
    built = build_plan(tables, findings)
    causes = [f for f in built.findings if f.code in STRUCTURAL]
    if causes:
        # A renamed sheet or a deleted column makes hundreds of rows look wrong: report the cause
        # alone (and what reading noted), check the rest once it is fixed.
        built.findings = [f for f in built.findings if f.code in STRUCTURAL or f.severity != "error"]
        built.findings.append(finding("plan-checks-skipped"))
    elif check:
        built.findings.extend(check_plan(built))
    return built


STRUCTURAL = {"plan-missing-table", "plan-missing-sheet", "plan-missing-column", "plan-unreadable"}


__all__ = ["Built", "build_and_check", "load_plan", "shipped_plan_dir"]
