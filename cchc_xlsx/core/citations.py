"""Documents cited as Vietnamese offices write them in ``Tài liệu kiểm chứng``, read into their
number and symbol, date, title (trích yếu) and kind.

"Kế hoạch số 12/KH-STTTT ngày 15/3/2022 về việc triển khai ...", "KH 12/KH-STTTT ngày 15 tháng 3
năm 2022", "Quyết định 125/2021/QĐ-UBND, 05/02/2022: ban hành ...", "BC 3/BC-VP, 20/06/2022".
A cell may cite several documents; each takes the first date written after its number and before
the next number, and a date written alone is a citation without a number. A part that is not
written that way stays empty: nothing is guessed. Pure: text in, citations out; never raises.

Used for the points at risk (a document dated outside the plan year or after the cut-off) and by
the dossier (số/ký hiệu, date and title of each criterion's document).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Số, ký hiệu: a number, an optional year, then the symbol ("12/KH-STTTT", "30/2020/NĐ-CP",
# "247/STTTT-VP", "113 / BC - STTTT"). A symbol's letters are upper case, Vietnamese ones too.
_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠ"
_SYMBOL_PART = rf"[{_UPPER}][{_UPPER}a-z0-9&.]*"
_NUMBER = re.compile(
    rf"(?<![\w/])(\d{{1,6}}[a-z]?)\s*/\s*(?:(\d{{4}})\s*/\s*)?({_SYMBOL_PART}(?:\s*[-–]\s*{_SYMBOL_PART})*)")
# "15/3/2022", "15-03-2022", "15.3.2022"; "ngày 15 tháng 3 năm 2022".
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)"
                   r"|(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)", re.IGNORECASE)
# The trích yếu: what follows "về việc", "về", "V/v", or a colon right after the number or date.
_TITLE = re.compile(r"(?:^|[\s,;])(?:về\s+việc|v/v|về)\s*:?\s+(.+)$", re.IGNORECASE | re.DOTALL)
_COLON_TITLE = re.compile(r"^\s*[:\-–]\s*(.+)$", re.DOTALL)
_TRAILING = " \t.,;:-–"
# The kind of document as its symbol names it ("KH" in 12/KH-STTTT).
KINDS = {"KH": "Kế hoạch", "BC": "Báo cáo", "QĐ": "Quyết định", "CV": "Công văn", "TB": "Thông báo",
         "CT": "Chỉ thị", "NQ": "Nghị quyết", "TTr": "Tờ trình", "HD": "Hướng dẫn", "BB": "Biên bản",
         "NĐ": "Nghị định", "TT": "Thông tư", "GM": "Giấy mời", "CTr": "Chương trình"}


@dataclass(frozen=True)
class Citation:
    """One cited document; each part empty (``""``/``None``) where the text does not give it.

    ``number`` is the số/ký hiệu as an office writes it ("12/KH-STTTT", "05/2022/QĐ-UBND"),
    ``symbol`` its ký hiệu alone ("KH-STTTT"), ``year`` the year inside the number, ``title`` the
    trích yếu, ``kind`` the kind of document ("Kế hoạch"), ``text`` the words it was read from.
    """

    number: str = ""
    date: dt.date | None = None
    title: str = ""
    kind: str = ""
    symbol: str = ""
    year: int | None = None
    text: str = ""

    @property
    def found(self) -> bool:
        """True when the text names a document by its number or its date."""
        return bool(self.number or self.date)


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every valid date written in ``text``: (start, end, date), in order. "31/02/2022" is no date."""
    found = []
    for match in _DATE.finditer(text or ""):
        day, month, year = match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)
        try:
            found.append((match.start(), match.end(), dt.date(int(year), int(month), int(day))))
        except ValueError:
            continue
    return found


def find_citations(text: object) -> list[Citation]:
    """The documents cited in ``text``, in the order written (anything that is not text: none)."""
    if not isinstance(text, str):
        return []
    text = _fold(text)
    dates = find_dates(text)
    numbers = [m for m in _NUMBER.finditer(text) if not any(s <= m.start() < e for s, e, _ in dates)]
    citations, used = [], set()
    for index, match in enumerate(numbers):
        end = numbers[index + 1].start() if index + 1 < len(numbers) else len(text)
        date = next(((s, e, d) for s, e, d in dates if match.end() <= s < end), None)
        if date is not None:
            used.add(date[0])
        stop = date[1] if date else match.end()
        citations.append((match.start(), _numbered(text, match, date, stop, end)))
    for start, stop, day in dates:
        if start not in used:
            next_number = next((m.start() for m in numbers if m.start() > stop), len(text))
            citations.append((start, Citation(date=day, title=_title(text[stop:next_number], after_number=False),
                                              text=_clean(text[start:stop]))))
    return [citation for _, citation in sorted(citations, key=lambda pair: pair[0])]


def parse_citation(text: object) -> Citation:
    """The first document cited in ``text`` (a cell's ``Tài liệu kiểm chứng``), or an empty Citation.

    Args:
        text: the cell's value (anything; None and numbers give an empty citation).

    Returns:
        The Citation; parts the text does not write are empty. Never raises.
    """
    citations = find_citations(text)
    return citations[0] if citations else Citation()


def _numbered(text: str, match: re.Match, date, stop: int, end: int) -> Citation:
    symbol = re.sub(r"\s*[-–]\s*", "-", match.group(3)).rstrip(".")
    year = match.group(2)
    number = f"{match.group(1)}/{year}/{symbol}" if year else f"{match.group(1)}/{symbol}"
    start = _start_of(text, match.start())
    return Citation(number=number, date=date[2] if date else None, title=_title(text[stop:end], after_number=True),
                    kind=_kind(text[start:match.start()], symbol), symbol=symbol, year=int(year) if year else None,
                    text=_clean(text[start:stop]))


def _start_of(text: str, at: int) -> int:
    # Take the document's kind written just before its number ("KH 12/…", "Quyết định số 05/…").
    before = text[max(0, at - 30):at]
    cut = max(before.rfind(sep) for sep in (";", ",", "\n", "+"))
    return max(0, at - 30) + cut + 1 if cut >= 0 else max(0, at - 30)


def _title(rest: str, after_number: bool) -> str:
    match = _TITLE.search(rest) or (_COLON_TITLE.match(rest) if after_number else None)
    return _clean(match.group(1)).strip(_TRAILING) if match else ""


def _kind(before: str, symbol: str) -> str:
    # "Kế hoạch số 12/KH-..." names its kind in words; "12/KH-STTTT" by its symbol's first part.
    words = re.sub(r"\s*(?:số|so)\s*:?\s*$", "", before.strip(), flags=re.IGNORECASE).strip(_TRAILING)
    for name in KINDS.values():
        if words.casefold().endswith(name.casefold()):
            return name
    return KINDS.get(symbol.split("-")[0], "")


def _fold(text: str) -> str:
    return " ".join(text.replace("\n", " ").split())


def _clean(text: str) -> str:
    return _fold(text).strip(" ,;.:-")


__all__ = ["Citation", "find_citations", "find_dates", "parse_citation"]
