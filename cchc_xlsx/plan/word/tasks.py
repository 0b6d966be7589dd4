"""Phụ lục 01, the tasks annex: areas (merged down their tasks), numbered tasks, products,
lead and coordinating units, timeframe. Several numbered tasks in one cell share the row's
other cells; a row whose task cell is empty continues the task above (a page break)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import DEADLINE, NO_DATE, RECURRING, Where
from cchc_xlsx.core.values import fold_key, format_date, normalize_text, parse_date
from cchc_xlsx.plan.read import RawRow
from cchc_xlsx.plan.tables import LIST_SEPARATOR
from cchc_xlsx.plan.word.columns import Layout, body_rows
from cchc_xlsx.plan.word.document import Cell, Grid
from cchc_xlsx.plan.word.review import Review
from cchc_xlsx.plan.word.units import UnitTable, split_units

_NUMBERED = re.compile(r"^\s*(\d+)\s*[.)]\s*(.*)$")
_AREA_NUMBER = re.compile(r"^\s*(?:[IVXLC]+|\d+)\s*[.)]\s*")


@dataclass
class _Task:
    number: str
    lines: list[str]
    row: int
    where: Where
    products: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    coordinators: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    timeframe: str = ""
    area: int = 0
    area_title: str = ""


def read_tasks(tables: list[tuple[Grid, Layout]], doc_name: str, units: UnitTable, review: Review,
               year: int) -> list[RawRow]:
    """The tasks table's rows (as ``tasks.csv`` has them) from the tasks annex's tables, in order."""
    tasks: list[_Task] = []
    state = {"area": 0, "title": "", "area_cell": None, "task_cell": None}
    for grid, layout, row, label in body_rows(tables, labels.IMPORT_ANNEX_TASKS):
        _row(grid, layout, row, label, doc_name, state, tasks, units, review)
    return _raw(tasks, review, year)


def _cell(grid: Grid, row: int, layout: Layout, role: str) -> Cell | None:
    column = layout.columns.get(role)
    return None if column is None else grid.cell(row, column)


def _row(grid: Grid, layout: Layout, row: int, label: str, doc_name: str, state: dict, tasks: list[_Task],
         units: UnitTable, review: Review) -> None:
    where = Where(doc_name, row + 1, label)
    area_cell = _cell(grid, row, layout, "area")
    if area_cell is not None and area_cell is not state["area_cell"] and area_cell.text:
        title = _AREA_NUMBER.sub("", area_cell.text).strip()
        if fold_key(title) != fold_key(state["title"]):
            state["area"] += 1
            state["title"] = title
        state["area_cell"] = area_cell
    task_cell = _cell(grid, row, layout, "task")
    values = {role: _cell(grid, row, layout, role) for role in ("products", "lead", "coordinators", "timeframe")}
    if task_cell is None or not task_cell.text or task_cell is state["task_cell"]:
        if not tasks or not any(c is not None and c.text for c in values.values()):
            return
        # A task split over a page break, or a merged task cell: this row adds to the task above.
        previous = tasks[-1]
        if _fill([previous], values, layout, label, row, where, units, review, state, adding=True):
            review.add(label, row + 1, layout.title("task"), read=" | ".join(c.text for c in values.values() if c),
                       decided=labels.IMPORT_TASK_CONTINUED.format(number=previous.number))
        return
    state["task_cell"] = task_cell
    found = _split_tasks(task_cell.lines)
    number_cell = _cell(grid, row, layout, "number")
    if len(found) == 1 and not found[0][0] and number_cell is not None and number_cell.text.rstrip(".").isdigit():
        found = [(number_cell.text.rstrip("."), found[0][1])]  # numbered in its own column (STT)
    if layout.columns.get("area") is None and found and found[0][0] == "1" and tasks:
        state["area"] += 1  # no area column: the numbering restarting at 1 starts an area
    state["area"] = max(state["area"], 1)
    new = []
    for number, lines in found:
        new.append(_Task(number or str(_next_number(tasks, state["area"])), lines, row + 1, where,
                         area=state["area"], area_title=state["title"]))
    if len(new) > 1:
        review.add(label, row + 1, layout.title("task"), read=task_cell.text,
                   decided=labels.IMPORT_TASKS_SHARED.format(numbers=", ".join(t.number for t in new)))
    _fill(new, values, layout, label, row, where, units, review, state, adding=False)
    tasks.extend(new)


def _fill(targets: list[_Task], values: dict, layout: Layout, label: str, row: int, where: Where,
          units: UnitTable, review: Review, state: dict, adding: bool) -> int:
    """Give the row's cells to its tasks; the number of cells read (a merged cell is read once)."""
    read = 0
    for role, cell in values.items():
        if cell is None or not cell.text or (adding and cell is state.get(f"cell-{role}")):
            continue  # empty, or the same merged cell as the row above: already read
        state[f"cell-{role}"] = cell
        read += 1
        text = "\n".join(cell.lines)
        if role in ("lead", "coordinators"):
            names, remarks = units.names(text, review, (label, row + 1, layout.title(role)), where)
        for task in targets:
            if role == "products":
                task.products.extend(p for p in split_units(text) if p not in task.products)
            elif role in ("lead", "coordinators"):
                getattr(task, role).extend(n for n in names if n not in getattr(task, role))
                task.notes.extend(r for r in remarks if r not in task.notes)
            elif role == "timeframe" and not task.timeframe:
                task.timeframe = cell.text
    return read


def _split_tasks(lines: list[str]) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for line in filter(None, lines):
        match = _NUMBERED.match(line)
        if match:
            found.append((match.group(1), [match.group(2)]))
        elif found:
            found[-1][1].append(line)
        else:
            found.append(("", [line]))
    return found


def _next_number(tasks: list[_Task], area: int) -> int:
    return 1 + sum(1 for t in tasks if t.area == area)


def _raw(tasks: list[_Task], review: Review, year: int) -> list[RawRow]:
    rows, seen = [], set()
    for task in tasks:
        code = f"NV{task.area}.{task.number}"
        while code in seen:
            code += "b"
        seen.add(code)
        description = normalize_text(" ".join(task.lines))
        schedule, deadline = schedule_of(task.timeframe, year)
        rows.append(RawRow(task.where, {
            "code": code, "area": str(task.area), "area_title": task.area_title, "number": task.number,
            "description": description, "products": LIST_SEPARATOR.join(task.products),
            "lead": LIST_SEPARATOR.join(task.lead), "coordinators": LIST_SEPARATOR.join(task.coordinators),
            "timeframe": task.timeframe, "schedule": schedule, "deadline": format_date(deadline) if deadline else "",
            "conditional": "1" if "nếu có" in description.casefold() else "0",
            "note": "; ".join(task.notes), "source": str(task.where)}))
    return rows


_QUARTER_END = {"i": (3, 31), "ii": (6, 30), "iii": (9, 30), "iv": (12, 31)}


def schedule_of(timeframe: str, year: int) -> tuple[str, dt.date | None]:
    """A task's schedule from its timeframe: “Thường xuyên” recurs; “Năm 2022”, “Quý I năm 2022”,
    “Quý I-II”, “chậm nhất là ngày 27/01/2022” give a deadline; anything else has no date."""
    text = normalize_text(timeframe).casefold()
    if not text:
        return NO_DATE, None
    if "thường xuyên" in text:
        return RECURRING, None
    latest = re.search(r"chậm nhất (?:là )?(?:vào )?(?:ngày )?(\d{1,2}/\d{1,2}/\d{4})", text)
    if latest:
        try:
            return DEADLINE, parse_date(latest.group(1)).value
        except ValueError:
            pass
    year_match = re.search(r"(?<!\d)(20\d\d)(?!\d)", text)
    target = int(year_match.group(1)) if year_match else year
    quarters = re.findall(r"\b(iv|iii|ii|i)\b", text.split("quý", 1)[1]) if "quý" in text else []
    if quarters and target:
        month, day = _QUARTER_END[quarters[-1]]
        return DEADLINE, dt.date(target, month, day)
    if target and (text.startswith("năm") or "trong năm" in text or re.fullmatch(r"\d{4}", text)):
        return DEADLINE, dt.date(target, 12, 31)
    return NO_DATE, None
