"""Citations of documents as units write them in ``Tài liệu kiểm chứng``: "KH 12/KH-STTTT ngày
15/3/2022", "Quyết định số 05/2022/QĐ-UBND ngày 10 tháng 01 năm 2022", "BC 3/BC-VP, 20/06/2022".

Pure: text in, citations out; never raises on any text. Used for the points at risk (a document
dated outside the plan year or after the cut-off) and by the dossier (number, symbol, date).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# "12/KH-STTTT", "05/2022/QĐ-UBND", "số 3/BC-VP": a number, an optional year, a symbol starting with a letter.
_NUMBER = re.compile(r"(?<![\w/])(\d{1,6})\s*/\s*(?:(\d{4})\s*/\s*)?([^\W\d_][\w]*(?:[-–.][\w]+)*)", re.UNICODE)
# "15/3/2022", "15-03-2022", "15.3.2022"; "ngày 15 tháng 3 năm 2022".
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)"
                   r"|(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)", re.IGNORECASE | re.UNICODE)


@dataclass(frozen=True)
class Citation:
    """One document cited: its number and symbol where written (``12``, ``KH-STTTT``), the year in
    its number (``05/2022/QĐ-UBND``), its date where written, and the text it was read from."""

    text: str
    number: str | None = None
    symbol: str | None = None
    year: int | None = None
    date: dt.date | None = None


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every valid date written in ``text``: (start, end, date), in order. "31/02/2022" is no date."""
    found = []
    for match in _DATE.finditer(text or ""):
        day, month, year = (match.group(1), match.group(2), match.group(3)) if match.group(1) else \
            (match.group(4), match.group(5), match.group(6))
        try:
            found.append((match.start(), match.end(), dt.date(int(year), int(month), int(day))))
        except ValueError:
            continue
    return found


def find_citations(text: str) -> list[Citation]:
    """The documents cited in ``text``, in order. A number/symbol takes the first date written
    after it and before the next number; a date cited alone is a citation without a number."""
    text = text or ""
    dates = find_dates(text)
    numbers = [m for m in _NUMBER.finditer(text) if not any(s <= m.start() < e for s, e, _ in dates)]
    citations, used = [], set()
    for index, match in enumerate(numbers):
        end = numbers[index + 1].start() if index + 1 < len(numbers) else len(text)
        date = next(((s, e, d) for s, e, d in dates if match.end() <= s < end), None)
        if date is not None:
            used.add(date[0])
        stop = date[1] if date else match.end()
        citations.append(Citation(_clean(text[_start_of(text, match.start()):stop]), match.group(1), match.group(3),
                                  int(match.group(2)) if match.group(2) else None, date[2] if date else None))
    for start, stop, day in dates:
        if start not in used:
            citations.append(Citation(_clean(text[start:stop]), date=day))
    return sorted(citations, key=lambda c: text.find(c.text))


def _start_of(text: str, at: int) -> int:
    # Take the document's kind written just before its number ("KH 12/…", "Quyết định số 05/…").
    before = text[max(0, at - 30):at]
    cut = max(before.rfind(sep) for sep in (";", ",", "\n", "+"))
    return max(0, at - 30) + cut + 1 if cut >= 0 else max(0, at - 30)


def _clean(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).strip(" ,;.:-")
