"""The plan from the agency's own Word document: its two annexes' tables and its body text read
into the plan's raw tables (as ``plan.read`` gives them), with every guess kept for review.

Each row's ``Where`` names the document, its table and row, so the findings of ``plan check``
on the imported plan point into the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.core.errors import InputProblem
from cchc_xlsx.core.model import Where
from cchc_xlsx.plan import tables as plan_tables
from cchc_xlsx.plan.read import RawRow, RawTable, read_tables
from cchc_xlsx.plan.word.body import read_meta, read_periods
from cchc_xlsx.plan.word.columns import CRITERIA, TASKS, Layout, recognise
from cchc_xlsx.plan.word.criteria import read_criteria
from cchc_xlsx.plan.word.document import Document, open_document
from cchc_xlsx.plan.word.responsible import guess_responsible
from cchc_xlsx.plan.word.review import Review
from cchc_xlsx.plan.word.tasks import read_tasks
from cchc_xlsx.plan.word.units import UnitTable


@dataclass
class WordPlan:
    """The document read: raw tables for ``build_plan``, the guesses, the units it added."""

    document: str
    tables: dict[str, RawTable]
    review: Review
    new_units: list[str] = field(default_factory=list)


def read_plan_document(path: Path, units_from: Path) -> WordPlan:
    """Read the plan document at ``path``.

    Args:
        path: a .docx (or .doc/.odt, converted by LibreOffice).
        units_from: a plan (CSV folder or master workbook) whose unit table names the units.

    Returns:
        A ``WordPlan``.

    Raises:
        InputError: not a Word document (usage). InputProblem: not a plan, an annex missing,
            a broken merge, an unreadable file.
    """
    document = open_document(path)
    tasks_tables, criteria_tables = _annexes(document)
    if not tasks_tables and not criteria_tables:
        raise InputProblem(labels.IMPORT_NOT_A_PLAN.format(file=document.name, tables=len(document.grids)))
    if not tasks_tables or not criteria_tables:
        missing = labels.IMPORT_ANNEX_TASKS if not tasks_tables else labels.IMPORT_ANNEX_CRITERIA
        raise InputProblem(labels.IMPORT_ONE_ANNEX.format(file=document.name, missing=missing))
    review = Review()
    body = Where(document.name, None, labels.IMPORT_BODY)
    meta = read_meta(document.paragraphs, body, review)
    year = next((int(r.values["value"]) for r in meta if r.values["key"] == "year"), 0)
    units = UnitTable(list(read_tables(units_from)[0].get("units", RawTable("units", body)).rows))
    tasks = read_tasks(tasks_tables, document.name, units, review, year)
    criteria = read_criteria(criteria_tables, document.name, units, review)
    guess_responsible(criteria, tasks, units, review)
    periods = read_periods(document.all_text(), body, review, year)
    if criteria.declared_total:
        meta.append(RawRow(body, {"key": "declared_total", "value": criteria.declared_total,
                                  "source": labels.IMPORT_ANNEX_CRITERIA}))
    if any(c.values["code"] in ("I", "II") for c in criteria.criteria):
        meta.append(RawRow(body, {"key": "area_level", "value": "2", "source": labels.IMPORT_ANNEX_CRITERIA}))
    tables = {name: _table(name, document, rows) for name, rows in (
        ("plan", meta), ("units", units.rows), ("periods", periods), ("tasks", tasks),
        ("criteria", criteria.criteria), ("levels", criteria.levels))}
    return WordPlan(document.name, tables, review, units.new)


def _annexes(document: Document):
    found = {TASKS: [], CRITERIA: []}
    last = None
    for grid in document.grids:
        layout = recognise(grid)
        if layout is None and last is not None and grid.width == last[0].width:
            # A table continued without its header (split by hand at a page): the columns above.
            layout = Layout(last[1].kind, last[1].columns, (-1,), last[1].header_texts)
        if layout is not None:
            found[layout.kind].append((grid, layout))
            last = (grid, layout)
    return found[TASKS], found[CRITERIA]


def _table(name: str, document: Document, rows: list[RawRow]) -> RawTable:
    return RawTable(name, Where(document.name), list(rows), set(plan_tables.columns(name)))


__all__ = ["WordPlan", "read_plan_document"]
