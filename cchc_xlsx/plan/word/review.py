"""Every reading of the document that was a guess: where (table, row, cell), what was read,
what was decided. Written as the sheet “Cần xem lại” of the imported master workbook."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Guess:
    table: str
    row: int | str
    cell: str
    read: str
    decided: str


@dataclass
class Review:
    guesses: list[Guess] = field(default_factory=list)

    def add(self, table: str, row: int | str, cell: str, *, read: str, decided: str) -> None:
        self.guesses.append(Guess(table, row, cell, _short(read), decided))

    def rows(self) -> list[list[str]]:
        return [[g.table, str(g.row), g.cell, g.read, g.decided] for g in self.guesses]

    def __len__(self) -> int:
        return len(self.guesses)


def _short(text: str, limit: int = 400) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
