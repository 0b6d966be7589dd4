"""A document cited as Vietnamese offices write it, read into its number, date and title.

"Kế hoạch số 12/KH-STTTT ngày 15/3/2022 về việc triển khai ...", "KH 12/KH-STTTT ngày 15 tháng 3
năm 2022 về ...", "Quyết định 125/2021/QĐ-UBND, 05/02/2022: ...". Pure: no I/O. A part that is not
written that way stays empty; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cchc_xlsx.core.values import normalize_text

# Số, ký hiệu: a number, an optional year, then the symbol's letters ("12/KH-STTTT",
# "30/2020/NĐ-CP", "247/STTTT-VP"). Letters of a symbol are upper case, Vietnamese ones too.
_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠ"
_SYMBOL_PART = rf"[{_UPPER}][{_UPPER}0-9&.]*"
_NUMBER = re.compile(
    rf"(?<![\w/])(\d{{1,6}}[a-z]?)\s*/\s*(?:(\d{{4}})\s*/\s*)?({_SYMBOL_PART}(?:\s*-\s*{_SYMBOL_PART})*)")
_DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")
_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
# The trích yếu: what follows "về việc", "về", "V/v" (or a colon after the number or date).
_TITLE = re.compile(r"(?:^|[\s,;])(?:về\s+việc|v/v|về)\s*:?\s+(.+)$", re.IGNORECASE | re.DOTALL)
_COLON_TITLE = re.compile(r"^\s*[:\-–]\s*(.+)$", re.DOTALL)
_TRAILING = " \t.,;:-–"
# The kind of document as its symbol names it ("KH" in 12/KH-STTTT).
KINDS = {"KH": "Kế hoạch", "BC": "Báo cáo", "QĐ": "Quyết định", "CV": "Công văn", "TB": "Thông báo",
         "CT": "Chỉ thị", "NQ": "Nghị quyết", "TTr": "Tờ trình", "HD": "Hướng dẫn", "BB": "Biên bản",
         "NĐ": "Nghị định", "TT": "Thông tư", "GM": "Giấy mời", "CTr": "Chương trình"}


@dataclass(frozen=True)
class Citation:
    """A cited document: ``number`` ("12/KH-STTTT"), ``date``, ``title`` (its trích yếu) and
    ``kind`` ("Kế hoạch"); each empty (``""``/``None``) where the text does not give it."""

    number: str = ""
    date: dt.date | None = None
    title: str = ""
    kind: str = ""

    @property
    def found(self) -> bool:
        """True when the text names a document by its number or its date."""
        return bool(self.number or self.date)


def parse_citation(text: object) -> Citation:
    """Read a citation ("KH 12/KH-STTTT ngày 15/3/2022 về ...") into number, date and title.

    Args:
        text: the cell's text (anything; None and numbers give an empty citation).

    Returns:
        The Citation; parts the text does not write are empty. Never raises.
    """
    if not isinstance(text, str):
        return Citation()
    clean = normalize_text(text)
    number_match = _NUMBER.search(clean)
    number, kind, after = "", "", 0
    if number_match:
        symbol = re.sub(r"\s*-\s*", "-", number_match.group(3)).rstrip(".")
        year = f"/{number_match.group(2)}" if number_match.group(2) else ""
        number = f"{number_match.group(1)}{year}/{symbol}"
        kind = _kind(clean[:number_match.start()], symbol)
        after = number_match.end()
    date, date_end = _date(clean, after)
    return Citation(number, date, _title(clean, max(after, date_end)), kind)


def _date(text: str, start: int) -> tuple[dt.date | None, int]:
    # The first real date after the number (a date before it is rare; taken if it is the only one).
    for begin in (start, 0):
        found = sorted((m for pattern in (_DATE_WORDS, _DATE_NUMERIC) for m in pattern.finditer(text, begin)),
                       key=lambda m: m.start())
        for match in found:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day), match.end()
            except ValueError:
                continue
    return None, 0


def _title(text: str, start: int) -> str:
    rest = text[start:]
    match = _TITLE.search(rest) or (_COLON_TITLE.match(rest) if start else None)
    return match.group(1).strip(_TRAILING) if match else ""


def _kind(before: str, symbol: str) -> str:
    # "Kế hoạch số 12/KH-..." names its kind in words; "12/KH-STTTT" by its symbol's first part.
    words = re.sub(r"\s*(?:số|so)\s*:?\s*$", "", before.strip(), flags=re.IGNORECASE).strip(_TRAILING)
    for name in KINDS.values():
        if words.casefold().endswith(name.casefold()):
            return name
    first = symbol.split("-")[0]
    return KINDS.get(first, "")


__all__ = ["Citation", "parse_citation"]
