"""Phụ lục 02, the criteria annex: the tree by the codes as printed (“1”, “1.1”, “1.4.2” under
the sections “I” and “II”), titles, maxima and levels, and each leaf's rule read from its words.

Levels come two ways: as lines of the criterion's cell with their points as lines of the points
cell, or as rows of their own (no code) under the criterion's row. A line or row saying the
criterion “hạ điểm chuẩn” is its not-applicable condition, not a level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Where
from cchc_xlsx.core.values import normalize_text, parse_decimal
from cchc_xlsx.plan.read import RawRow
from cchc_xlsx.plan.tables import LIST_SEPARATOR
from cchc_xlsx.plan.word.columns import Layout, body_rows, plain
from cchc_xlsx.plan.word.document import Grid
from cchc_xlsx.plan.word.review import Review
from cchc_xlsx.plan.word.units import UnitTable
from cchc_xlsx.rules import KINDS, scoring

_ROMAN = re.compile(r"^(?=[IVXLC]+$)M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_CODE = re.compile(r"^\d+(?:\.\d+)*$")
_MARKER = re.compile(r"^\s*(?:[-–+•*]|\d+(?:\.\d+)*[.)]|[a-zđ][.)])\s*", re.IGNORECASE)
_NOT_APPLICABLE = ("ha diem chuan", "ha chuan")
_TIMES = re.compile(r"[x×*]\s*(\d+(?:[,.]\d+)?)\s*(?:điểm)?\s*\)", re.IGNORECASE)
_FROM_PERCENT = re.compile(r"từ\s*(\d+(?:[,.]\d+)?)\s*%", re.IGNORECASE)


@dataclass
class _Node:
    code: str
    title: str
    max_text: str
    where: Where
    place: tuple
    levels: list[tuple[str, str, tuple]] = field(default_factory=list)  # (text, points text, place)
    not_applicable: str = ""
    responsible: list[str] = field(default_factory=list)
    section_title: str = ""


@dataclass
class CriteriaRead:
    criteria: list[RawRow]
    levels: list[RawRow]
    declared_total: str = ""
    areas: dict[str, str] = field(default_factory=dict)  # area code → title, for responsible guesses


def read_criteria(tables: list[tuple[Grid, Layout]], doc_name: str, units: UnitTable, review: Review) -> CriteriaRead:
    """The criteria and levels tables' rows from the criteria annex's tables, in document order."""
    nodes: list[_Node] = []
    state: dict = {"section": "", "section_title": "", "total": ""}
    for grid, layout, row, label in body_rows(tables, labels.IMPORT_ANNEX_CRITERIA):
        _row(grid, layout, row, label, doc_name, state, nodes, units, review)
    return _raw(nodes, review, state["total"])


def _text(grid: Grid, row: int, layout: Layout, role: str) -> tuple[str, list[str]]:
    cell = _cell(grid, row, layout, role)
    return ("", []) if cell is None else (cell.text, list(cell.lines))


def _cell(grid: Grid, row: int, layout: Layout, role: str):
    column = layout.columns.get(role)
    return None if column is None else grid.cell(row, column)


def _row(grid: Grid, layout: Layout, row: int, label: str, doc_name: str, state: dict, nodes: list[_Node],
         units: UnitTable, review: Review) -> None:
    where = Where(doc_name, row + 1, label)
    code_cell = _cell(grid, row, layout, "code")
    code, _ = _text(grid, row, layout, "code")
    if code_cell is not None and code_cell is state.get("code_cell"):
        code = ""  # the code merged down over its levels' rows: this row is a level
    state["code_cell"] = code_cell
    title, title_lines = _text(grid, row, layout, "title")
    title_lines = [line for line in title_lines if line]
    _, max_lines = _text(grid, row, layout, "max")
    responsible, _ = _text(grid, row, layout, "responsible")
    code = code.strip().rstrip(".").strip()
    if not code and "tong cong" in plain(title):
        state["total"] = max_lines[0] if max_lines else ""
        return
    if _ROMAN.match(code):
        state["section"], state["section_title"] = code, title
    elif code and not _CODE.match(code):
        review.add(label, row + 1, layout.title("code"), read=code, decided=labels.IMPORT_CODE_ODD)
        return
    if code:
        full = code if _ROMAN.match(code) or not state["section"] else f"{state['section']}.{code}"
        node = _criterion(full, title_lines, max_lines, where, (label, row + 1, layout), state, review)
        if responsible:
            node.responsible, _ = units.names(responsible, review, (label, row + 1, layout.title("responsible")),
                                              where)
        nodes.append(node)
        return
    if not nodes:
        if title:
            review.add(label, row + 1, layout.title("title"), read=title, decided=labels.IMPORT_ROW_SKIPPED)
        return
    # A row without a code: one or more levels of the criterion above, one row per level.
    for index, line in enumerate(title_lines):
        _level_line(nodes[-1], line, max_lines[index] if index < len(max_lines) else "",
                    (label, row + 1, layout.title("title")), review)


def _criterion(code: str, title_lines: list[str], max_lines: list[str], where: Where, place: tuple, state: dict,
               review: Review) -> _Node:
    # A coded row: its title, maximum, and the levels written as lines of its cells.
    label, row, layout = place
    max_lines = split_numbers(max_lines)
    node = _Node(code, title_lines[0] if title_lines else "", max_lines[0] if max_lines else "", where,
                 (label, row, layout.title("max")), section_title=state["section_title"])
    extra, points = title_lines[1:], max_lines[1:]
    if extra and not points and not all(_MARKER.match(line) for line in extra):
        node.title = normalize_text(" ".join(title_lines))  # one title written over several lines
        extra = []
    if len(extra) >= 2 and len(max_lines) == len(extra):
        # As many numbers as levels: the points are the levels', no maximum is printed for the criterion.
        node.max_text, points = "", max_lines
        review.add(label, row, layout.title("max"), read=" | ".join(max_lines),
                   decided=labels.IMPORT_NO_MAX_LINE.format(code=code))
    for index, line in enumerate(extra):
        _level_line(node, line, points[index] if index < len(points) else "", (label, row, layout.title("title")),
                    review)
    return node


def split_numbers(lines: list[str]) -> list[str]:
    """Points lines with two numbers typed on one line (“0,5000 0,0000”) split into one each."""
    found = []
    for line in lines:
        tokens = line.split()
        if len(tokens) > 1 and all(_NUMBER.fullmatch(t) for t in tokens):
            found.extend(tokens)
        else:
            found.append(line)
    return found


_NUMBER = re.compile(r"\d+(?:[,.]\d+)?")


def _level_line(node: _Node, line: str, points: str, place: tuple, review: Review) -> None:
    text = _MARKER.sub("", line).strip()
    if any(word in plain(text) for word in _NOT_APPLICABLE):
        node.not_applicable = text.rstrip(".")
        review.add(*place, read=line, decided=labels.IMPORT_NOT_APPLICABLE.format(code=node.code))
        return
    if text:
        node.levels.append((text, points, place))


def _raw(nodes: list[_Node], review: Review, total: str) -> CriteriaRead:
    codes = {n.code for n in nodes}
    parents = {n.code: _parent(n.code, codes) for n in nodes}
    has_children = {p for p in parents.values() if p}
    criteria, levels, areas = [], [], {}
    for node in nodes:
        parent = parents[node.code]
        if _is_area(node.code, parent):
            areas[node.code] = node.title
        maximum = _number(node.max_text, node, review, labels.IMPORT_FIELD_MAX)
        row = {"code": node.code, "parent": parent or "", "title": node.title, "declared_max": maximum,
               "not_applicable": node.not_applicable, "responsible": LIST_SEPARATOR.join(node.responsible),
               "source": str(node.where)}
        items = _as_items(node, maximum, review) if node.code not in has_children else None
        if items:
            criteria.append(RawRow(node.where, row))
            criteria.extend(items)
            continue
        if node.code not in has_children:
            row.update(_rule(node, maximum, review))
            if KINDS[row["rule"]].scored_by_levels:
                levels.extend(_levels(node, row["rule"], review))
        elif node.levels:
            review.add(*node.place, read=" | ".join(t for t, _, _ in node.levels),
                       decided=labels.IMPORT_GROUP_LEVELS.format(code=node.code))
        criteria.append(RawRow(node.where, row))
    return CriteriaRead(criteria, levels, total, areas)


def _as_items(node: _Node, maximum: str, review: Review) -> list[RawRow] | None:
    """Uncoded lines whose points add up to the criterion's maximum, each below it, are items scored
    one by one (“Quý I … 0,25; Quý II … 0,25 …”), not levels to choose among: each becomes a
    yes/no sub-criterion coded after its parent. None when they read as levels."""
    if len(node.levels) < 2 or not maximum:
        return None
    try:
        points = [parse_decimal(p).value for _, p, _ in node.levels]
        total = parse_decimal(maximum).value
    except ValueError:
        return None
    if max(points) >= total - 1e-9 or abs(sum(points) - total) > 1e-9:
        return None
    rows = []
    for order, (text, value, place) in enumerate(node.levels, start=1):
        where = Where(node.where.file, place[1], place[0])
        rows.append(RawRow(where, {"code": f"{node.code}.{order}", "parent": node.code, "title": text,
                                   "declared_max": value, "rule": scoring.YESNO, "source": str(where)}))
    review.add(*node.place, read=" | ".join(p for _, p, _ in node.levels),
               decided=labels.IMPORT_ITEMS.format(code=node.code, count=len(rows), total=maximum))
    return rows


def _is_area(code: str, parent: str | None) -> bool:
    # An area: a child of a section ("I.3" under "I"), or a top-level number when there are no sections.
    if parent:
        return bool(_ROMAN.match(parent)) and code.count(".") == 1
    return bool(_CODE.match(code)) and "." not in code


def _levels(node: _Node, rule: str, review: Review) -> list[RawRow]:
    rows = []
    for order, (text, points, place) in enumerate(node.levels, start=1):
        where = Where(node.where.file, place[1], place[0])  # the level's own row (or its criterion's)
        value = _number(points, node, review, labels.IMPORT_FIELD_LEVEL.format(order=order), place)
        rows.append(RawRow(where, {"criterion": node.code, "order": str(order), "text": text, "points": value,
                                   "min_count": _count(text, rule), "source": str(where)}))
    return rows


def _parent(code: str, codes: set[str]) -> str | None:
    parts = code.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        candidate = ".".join(parts[:cut])
        if candidate in codes:
            return candidate
    return None


def _number(text: str, node: _Node, review: Review, field_name: str, place: tuple | None = None) -> str:
    text = normalize_text(text)
    if not text:
        return ""
    try:
        return str(parse_decimal(text).value).replace(".", ",")
    except ValueError:
        numbers = re.findall(r"\d+(?:[,.]\d+)?", text)
        used = str(parse_decimal(numbers[0]).value).replace(".", ",") if numbers else ""
        review.add(*(place or node.place), read=text,
                   decided=labels.IMPORT_NUMBER_GUESS.format(field=field_name, code=node.code, used=used or "—"))
        return used


def _rule(node: _Node, maximum: str, review: Review) -> dict:
    title = node.title
    if len(node.levels) >= 2:
        counted = [t for t, _, _ in node.levels if re.search(r"\b\d+\s+nhiệm vụ", t)]
        return {"rule": scoring.TIERS if len(counted) >= 2 else scoring.CHOICE}
    if node.levels:  # one level alone cannot be chosen among: its words join the title
        node.title = f"{title} ({node.levels[0][0]})"
        review.add(*node.levels[0][2], read=node.levels[0][0], decided=labels.IMPORT_ONE_LEVEL.format(code=node.code))
    times = _TIMES.search(title)
    start = _FROM_PERCENT.search(title)
    if start and "dưới" in title.casefold():
        return {"rule": scoring.THRESHOLD, "rule_threshold": start.group(1),
                "rule_points": times.group(1) if times else maximum}
    if times or "công thức" in title.casefold():
        return {"rule": scoring.RATIO, "rule_points": times.group(1) if times else maximum}
    if plain(title).startswith("ty le"):
        return {"rule": scoring.RATIO, "rule_points": maximum}
    guess = scoring.POINTS if "tac dong" in plain(node.section_title) else scoring.YESNO
    review.add(*node.place, read=title, decided=labels.IMPORT_RULE_GUESS[guess].format(code=node.code))
    return {"rule": guess}


def _count(text: str, rule: str) -> str:
    if not KINDS[rule].levels_count:
        return ""
    match = re.search(r"\b(\d+)\s+nhiệm vụ", text)
    return match.group(1) if match else "0"
