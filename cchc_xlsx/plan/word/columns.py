"""Which table is which annex, and which column holds what, recognised by the header's words.

A header may sit on one row or be split over two (“Phòng, đơn vị” over “Chủ trì | Phối hợp”),
and may be repeated on every page (marked to repeat, or typed again): a repeated header is
skipped, never read as data. Columns may come in any order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from cchc_xlsx import text as labels
from cchc_xlsx.plan.word.document import Grid

TASKS, CRITERIA = "tasks", "criteria"

# (role, words that name it), folded without marks; the first role whose words a header holds wins.
_ROLE_WORDS = {
    TASKS: (
        ("area", ("nhiem vu chung", "linh vuc", "nhom nhiem vu")),
        ("task", ("nhiem vu cu the", "noi dung nhiem vu", "ten nhiem vu", "nhiem vu", "noi dung cong viec",
                  "cong viec")),
        ("products", ("san pham", "ket qua dau ra")),
        ("lead", ("chu tri", "don vi thuc hien", "co quan thuc hien", "phong thuc hien")),
        ("coordinators", ("phoi hop",)),
        ("timeframe", ("thoi gian", "thoi han", "tien do")),
        ("number", ("stt", "so tt", "so thu tu", "tt")),
    ),
    CRITERIA: (
        ("max", ("diem toi da", "toi da", "so diem", "diem chuan", "diem")),
        ("responsible", ("don vi", "phu trach", "chiu trach nhiem", "chu tri")),
        ("title", ("noi dung", "tieu chi", "linh vuc")),
        ("code", ("stt", "so tt", "so thu tu", "ma so", "ma", "so", "tt")),
    ),
}
_REQUIRED = {TASKS: {"task", "lead"}, CRITERIA: {"title", "max", "code"}}
_HEADER_SEARCH = 4


def plain(text: str) -> str:
    """Lower case without marks (“ĐIỂM TỐI ĐA” → “diem toi da”): OCR'd and retyped headers vary."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d")).casefold()
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


@dataclass
class Layout:
    """A recognised table: its kind, the column of each role, and the rows its header takes."""

    kind: str
    columns: dict[str, int]
    header: tuple[int, ...]
    header_texts: dict[int, str]

    def title(self, role: str) -> str:
        return self.header_texts.get(self.columns.get(role, -1), role)


def roles(texts: list[str], kind: str) -> dict[str, int]:
    """Role → column for one header's texts (each column's words), each role once, first column wins."""
    found: dict[str, int] = {}
    for column, text in enumerate(texts):
        words = plain(text)
        if not words or any(ch.isdigit() for ch in words):
            continue
        for role, names in _ROLE_WORDS[kind]:
            if role not in found and any(_has(words, name) for name in names):
                found[role] = column
                break
    return found


def _has(words: str, name: str) -> bool:
    return f" {name} " in f" {words} " or (len(name) > 3 and name in words)


def _texts(grid: Grid, row: int) -> list[str]:
    texts, seen = [], set()
    for cell in grid.rows[row]:
        # A cell merged across columns names each of them (the top row of a two-row header).
        texts.append("" if cell is None else cell.text)
        seen.add(id(cell))
    return texts


def recognise(grid: Grid) -> Layout | None:
    """The layout of ``grid`` when its header names a tasks or a criteria table, else None."""
    for start in range(min(_HEADER_SEARCH, len(grid.rows))):
        one = _texts(grid, start)
        for kind in (TASKS, CRITERIA):
            found = roles(one, kind)
            rows: tuple[int, ...] = (start,)
            if start + 1 < len(grid.rows):
                two = [f"{a} {b}".strip() if a != b else a for a, b in zip(one, _texts(grid, start + 1))]
                both = roles(two, kind)
                if len(both) > len(found) and _REQUIRED[kind] <= set(both):
                    found, rows, one = both, (start, start + 1), two
            if _REQUIRED[kind] <= set(found):
                return Layout(kind, found, rows, {c: one[c] for c in found.values()})
    return None


def is_repeated_header(grid: Grid, row: int, layout: Layout) -> int:
    """How many rows from ``row`` repeat the header (0 when it is data): a page's repeated header."""
    if row in grid.header_rows:
        return 1
    texts = _texts(grid, row)
    found = roles(texts, layout.kind)
    if len(found) >= max(2, len(layout.columns) // 2) and not _has_data(texts):
        if len(layout.header) == 2 and row + 1 < len(grid.rows) and not _has_data(_texts(grid, row + 1)):
            return 2
        return 1
    return 0


def _has_data(texts: list[str]) -> bool:
    return any(ch.isdigit() for text in texts for ch in text)


def body_rows(tables: list[tuple[Grid, Layout]], annex: str) -> Iterator[tuple[Grid, Layout, int, str]]:
    """Each body row of an annex's tables, in document order, with its table's label for the
    review sheet; a header row repeated atop a page is passed over."""
    for grid, layout in tables:
        label = labels.IMPORT_TABLE.format(annex=annex, number=grid.number)
        row = max(layout.header) + 1
        while row < len(grid.rows):
            skip = is_repeated_header(grid, row, layout)
            if skip:
                row += skip
                continue
            yield grid, layout, row, label
            row += 1
