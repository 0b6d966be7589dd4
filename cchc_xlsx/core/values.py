"""Parsers of values people type: Vietnamese decimals, percentages, dates, names.

Pure functions, no I/O. Each parser accepts what a civil servant would type or what a
spreadsheet program stores (numbers, Excel date serials, datetime objects) and either
returns a value, or raises ``ValueError``. Where the meaning could be read two ways the
result carries a note so the caller can warn.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from cchc_xlsx import text as labels

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH_TABLE = str.maketrans({ch: "-" for ch in _DASHES})
_SPACE_AROUND_DASH = re.compile(r"\s*-\s*")


def normalize_text(value: Any) -> str:
    """Return ``value`` as NFC text with runs of white space folded to one space.

    Args:
        value: anything; ``None`` gives ``""``.

    Returns:
        The cleaned text (non-breaking spaces and line breaks count as white space).
    """
    if value is None:
        return ""
    text = value if value.__class__ is str else str(value)
    return _normalized(text) if len(text) <= CACHED_LENGTH else _normalize(text)


def fold_key(value: Any) -> str:
    """Return the key under which two spellings of a name compare equal.

    NFC, case-folded, every dash variant as ``-`` without spaces around it, a final
    full stop dropped: "Phòng BC – VT-CNTT." and "phòng bc-vt-cntt" fold alike.
    """
    text = normalize_text(value)
    return _folded(text) if len(text) <= CACHED_LENGTH else _fold(text)


# Validation asks for the same short texts again and again (codes, headers, statuses, list
# answers): they are cleaned once per process. Long free text is not kept, so the caches stay
# small (at most 8,192 texts of 300 characters each).
CACHED_LENGTH = 300


def _normalize(text: str) -> str:
    text = " ".join(text.split())  # split() knows every Unicode space, the no-break space too
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _fold(text: str) -> str:
    text = _SPACE_AROUND_DASH.sub("-", text.translate(_DASH_TABLE)).casefold()
    return text.rstrip(".;, ").strip()


_normalized = functools.lru_cache(maxsize=8192)(_normalize)
_folded = functools.lru_cache(maxsize=8192)(_fold)


def is_blank(value: Any) -> bool:
    """True for ``None``, NaN and text that is only white space."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


@dataclass(frozen=True)
class Parsed:
    """A parsed value and, where the input could mean something else, why."""

    value: Any
    note: str | None = None


# Typing residue: full-width forms (an IME left on) → ASCII, the ideographic space → a space,
# zero-width characters dropped.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_RESIDUE_TABLE = str.maketrans({**_FULL_WIDTH, 0x3000: " ", 0x200B: None, 0x200C: None, 0x200D: None,
                                0x2060: None, 0xFEFF: None})
_UNIT_SUFFIX = re.compile(r"\s*(?:điểm|đ)\.?$", re.IGNORECASE)


def clean_typed(value: Any) -> Any:
    """Text as a person meant it: without the residue of typing, other values unchanged.

    A leading apostrophe (the "keep as text" mark LibreOffice en-US keeps literally, "'20/04/2022"),
    full-width digits and signs ("８０％"), no-break and zero-width spaces are removed or folded.
    """
    if value is None or not isinstance(value, (str, int, float)):
        return normalize_text(value)
    if not isinstance(value, str):
        return value
    return _cleaned(value) if len(value) <= CACHED_LENGTH else _clean(value)


def _clean(value: str) -> str:
    text = normalize_text(value.translate(_RESIDUE_TABLE))
    if text[:1] in ("'", "\u2019", "`"):
        text = text[1:].lstrip()
    return text


_cleaned = functools.lru_cache(maxsize=8192)(_clean)


_NUMBER = re.compile(r"^[+-]?[\d.,]+$")
_GROUPED_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_GROUPED_COMMAS = re.compile(r"^\d{1,3}(,\d{3}){2,}$")


def parse_decimal(value: Any) -> Parsed:
    """Parse a number typed the Vietnamese way or the English way.

    "0,5000" → 0.5, "1.234,5" → 1234.5, "1,234.5" → 1234.5, "1.234.567" → 1234567,
    numbers pass through. With both separators the last one is the decimal mark. A lone
    dot followed by exactly three digits ("1.234") is read as a decimal point and noted,
    since in Vietnamese it usually groups thousands.

    Args:
        value: text or a number.

    Returns:
        ``Parsed(float, note)``.

    Raises:
        ValueError: blank, not a number, or not finite.
    """
    if isinstance(value, bool):
        raise ValueError("boolean is not a number")
    if isinstance(value, (int, float)):
        number = float(value)
        if not math.isfinite(number):
            raise ValueError("not a finite number")
        return Parsed(number)
    # "0,5 đ": points typed with their unit.
    text = _UNIT_SUFFIX.sub("", clean_typed(str(value) if value is not None else "")).replace(" ", "")
    if not text or not _NUMBER.match(text) or not any(ch.isdigit() for ch in text):
        raise ValueError(f"not a number: {value!r}")
    sign = ""
    if text[0] in "+-":
        sign, text = text[0], text[1:]
    note = None
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        whole, _, fraction = text.rpartition(decimal_mark)
        if decimal_mark in whole or not _is_grouped(whole, group_mark):
            raise ValueError(f"not a number: {value!r}")
        text = whole.replace(group_mark, "") + "." + fraction
    elif "," in text:
        if _GROUPED_COMMAS.match(text):
            text = text.replace(",", "")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        else:
            raise ValueError(f"not a number: {value!r}")
    elif "." in text:
        if _GROUPED_DOTS.match(text) and text.count(".") > 1:
            text = text.replace(".", "")
        elif text.count(".") > 1:
            raise ValueError(f"not a number: {value!r}")
        elif _GROUPED_DOTS.match(text) and not text.startswith("0"):
            note = "dot-or-thousands"
    try:
        number = float(sign + text)
    except ValueError as exc:  # e.g. "." or ",,"
        raise ValueError(f"not a number: {value!r}") from exc
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return Parsed(number, note)


def _is_grouped(whole: str, group_mark: str) -> bool:
    # "1.234" or "1234" before the decimal mark; "12.34" is not a grouping.
    if group_mark not in whole:
        return whole.isdigit()
    head, *groups = whole.split(group_mark)
    return head.isdigit() and len(head) <= 3 and all(len(g) == 3 and g.isdigit() for g in groups)


def parse_percent(value: Any, percent_format: bool | None = None) -> Parsed:
    """Parse a percentage, deciding a bare number by the cell's number format.

    Text is read as written: "80", "80%", "80,5 %" are 80 and 80.5. A number is read by the
    format of the cell that held it, which says what the person saw:

    - ``percent_format=True`` (the cell shows a percentage; Excel and LibreOffice store 80 % as
      0.8): the number × 100, so 0.8 → 80 and 1.2 → 120.
    - ``percent_format=False`` (a plain cell): the number itself, so 80 → 80 and 1 → 1; a
      fraction 0 < x < 1 is kept (0.8 → 0.8) with the note ``plain-fraction`` (80 % meant?).
    - ``None`` (the format could not be read): a number above 0 and up to 1 is taken as a
      fraction (0.8 → 80) with the note ``fraction-as-percent``.

    Returns:
        ``Parsed(float percent, note)``; the caller checks the range.

    Raises:
        ValueError: blank or not a number.
    """
    if isinstance(value, str):
        text = clean_typed(value)
        if text.endswith("%"):
            return Parsed(parse_decimal(text[:-1]).value)
        parsed = parse_decimal(text)
        return Parsed(parsed.value, parsed.note or _plain_note(parsed.value))
    number = parse_decimal(value).value
    if percent_format:
        return Parsed(round(number * 100, 9))  # 0.29 * 100 is 28.999999999999996
    if percent_format is None and 0 < number <= 1:
        return Parsed(number * 100, "fraction-as-percent")
    return Parsed(number, _plain_note(number) if percent_format is False else None)


def _plain_note(number: float) -> str | None:
    return "plain-fraction" if 0 < number < 1 else None


_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_DATE_WORDS = re.compile(r"^ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})$", re.IGNORECASE)
_LARGEST_SERIAL = 2958465  # 31/12/9999, the last date Excel knows


def parse_date(value: Any) -> Parsed:
    """Parse a date as a unit may give it.

    Accepts date and datetime objects, Excel serial numbers (1900 date system), and text
    "27/01/2022", "27-1-2022", "27.01.22", "2022-01-27", "ngày 27 tháng 01 năm 2022".
    Text is read day first, as Vietnamese writes it.

    Returns:
        ``Parsed(datetime.date, note)``; a time of day, if any, is dropped.

    Raises:
        ValueError: blank, not a date, or a date that does not exist.
    """
    if isinstance(value, dt.datetime):
        return Parsed(value.date())
    if isinstance(value, dt.date):
        return Parsed(value)
    if isinstance(value, bool):
        raise ValueError("boolean is not a date")
    if isinstance(value, (int, float)):
        return Parsed(_from_serial(value))
    text = clean_typed(value)
    if match := _DATE_DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2000
        # 05/03/2022 is 5 March here, but 3 May to a computer set up the American way.
        note = "day-month-order" if day <= 12 and month <= 12 and day != month else None
        return Parsed(_make_date(year, month, day, value), note)
    if match := _DATE_ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        return Parsed(_make_date(year, month, day, value))
    if match := _DATE_WORDS.match(text):
        day, month, year = (int(g) for g in match.groups())
        return Parsed(_make_date(year, month, day, value))
    try:
        number = parse_decimal(text).value
    except ValueError:
        raise ValueError(f"not a date: {value!r}") from None
    return Parsed(_from_serial(number), "serial-as-text")


def _from_serial(number: float) -> dt.date:
    if not math.isfinite(number) or number < 1 or number > _LARGEST_SERIAL:
        raise ValueError(f"not a date serial: {number!r}")
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


def _make_date(year: int, month: int, day: int, original: Any) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"no such date: {original!r}") from None


def format_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, the way the plan writes dates; ``""`` for none."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_points(value: float | None) -> str:
    """Points the Vietnamese way with up to four decimals: 0.5 → "0,5", 14.0 → "14"."""
    if value is None:
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if text != "-0" else "0"


def parse_flag(value: Any) -> bool:
    """Parse a yes/no cell of the plan tables: 1/0, có/không, x, true/false.

    Raises:
        ValueError: anything else.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    key = fold_key(value)
    if key in labels.YES_ANSWERS:
        return True
    if key in labels.NO_ANSWERS:
        return False
    raise ValueError(f"not yes/no: {value!r}")


def size_text(count: int) -> str:
    """A file's size as a clerk reads it: "1.5 MB", "20 KB"."""
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count / 1024:.0f} KB"
