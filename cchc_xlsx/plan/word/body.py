"""What the body text says: the plan's title, year, department, place and date, signer, and the
reporting periods with their cut-off dates (“Báo cáo Quý I/2022: … tính từ ngày 15/12/2021 đến
ngày 14/3/2022”) and due day (“chậm nhất là vào ngày 16 của tháng cuối kỳ báo cáo”)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from cchc_xlsx import text as labels
from cchc_xlsx.core.values import format_date, normalize_text, parse_date
from cchc_xlsx.plan.read import RawRow
from cchc_xlsx.plan.word.columns import plain
from cchc_xlsx.plan.word.review import Review

_DATE = r"(\d{1,2}/\d{1,2}/\d{4})"
_PERIOD = re.compile(r"báo cáo\s+(?P<name>[^:]{2,60}?)\s*:\s*[^.:]*?từ ngày\s*" + _DATE + r"\s*đến ngày\s*" + _DATE,
                     re.IGNORECASE)
_DUE_DAY = re.compile(r"chậm nhất (?:là )?(?:vào )?ngày\s*(\d{1,2})\s*(?:của )?tháng cuối", re.IGNORECASE)
# (words of the period's name, folded) → code and display name; longest first.
_KINDS = (("6 thang", "h1", "6 tháng đầu năm {year}"), ("9 thang", "m9", "9 tháng năm {year}"),
          ("quy iii", "q3", "Quý III/{year}"), ("quy iv", "q4", "Quý IV/{year}"), ("quy ii", "q2", "Quý II/{year}"),
          ("quy i", "q1", "Quý I/{year}"), ("nam", "year", "Năm {year}"))


def read_periods(lines: list[str], where, review: Review, year: int) -> list[RawRow]:
    """The periods table's rows from every paragraph (a cell's included)."""
    text = " ".join(lines)
    due_day = _DUE_DAY.search(text)
    rows, seen = [], set()
    for match in _PERIOD.finditer(text):
        name = normalize_text(match.group("name"))
        words = plain(name)
        kind = next((k for k in _KINDS if re.search(rf"\b{k[0]}\b", words)), None)
        if kind is None or kind[1] in seen:
            continue
        try:
            start, cutoff = parse_date(match.group(2)).value, parse_date(match.group(3)).value
        except ValueError:
            continue
        seen.add(kind[1])
        if due_day:
            day = min(int(due_day.group(1)), calendar.monthrange(cutoff.year, cutoff.month)[1])
            due = dt.date(cutoff.year, cutoff.month, day)
        else:
            due = cutoff
            review.add(labels.IMPORT_BODY, "", labels.IMPORT_FIELD_DUE, read=match.group(0),
                       decided=labels.IMPORT_DUE_GUESS.format(name=name))
        rows.append(RawRow(where, {"code": kind[1], "name": kind[2].format(year=cutoff.year if kind[1] != "year"
                                                                                else year or cutoff.year),
                                   "start": format_date(start), "cutoff": format_date(cutoff),
                                   "due": format_date(due), "source": normalize_text(match.group(0))[:200]}))
    return rows


def read_meta(paragraphs: list[str], where, review: Review) -> list[RawRow]:
    """The plan table's rows (title, year, department, place and date, number, signer)."""
    meta: dict[str, str] = {}
    for index, line in enumerate(paragraphs[:40]):
        words = plain(line)
        if words.startswith(("so:", "so :")):
            meta.setdefault("plan_number", line)
        place = re.match(r"^([^,]{2,40}),\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", line, re.IGNORECASE)
        if place:
            meta.setdefault("issued_place", place.group(1).strip())
            meta.setdefault("issued_date", f"{int(place.group(2)):02d}/{int(place.group(3)):02d}/{place.group(4)}")
        if words == "ke hoach" and index + 1 < len(paragraphs):
            meta.setdefault("title", f"Kế hoạch {paragraphs[index + 1][:1].lower()}{paragraphs[index + 1][1:]}")
        department = re.search(r"((?:Sở|Ban|Ủy ban|UBND|Phòng)\s[^,;.]{3,80}?)\s+(?:xây dựng|ban hành)\b", line)
        if department:
            meta.setdefault("department", department.group(1).strip())
    year = re.search(r"(?<!\d)(20\d\d)(?!\d)", meta.get("title", ""))
    if year:
        meta["year"] = year.group(1)
    signer = _signer(paragraphs)
    if signer:
        meta["signer_title"], meta["signer"] = signer
    for key in ("title", "year", "department"):
        if key not in meta:
            review.add(labels.IMPORT_BODY, "", key, read="", decided=labels.IMPORT_META_MISSING.format(key=key))
    return [RawRow(where, {"key": k, "value": v, "source": labels.IMPORT_BODY}) for k, v in meta.items()]


def _signer(paragraphs: list[str]) -> tuple[str, str] | None:
    # The signer's title in capitals (GIÁM ĐỐC, KT. GIÁM ĐỐC …) followed by a name, before the annexes.
    for index, line in enumerate(paragraphs):
        if plain(line).startswith("phu luc"):
            break
        if line.isupper() and len(line) <= 40 and any(w in plain(line) for w in _SIGNER_TITLES):
            following = [p for p in paragraphs[index + 1: index + 4] if p and not p.isupper()]
            if following and len(following[0]) <= 40:
                title = line.split(".")[-1].strip()  # "KT. GIÁM ĐỐC" signs as Giám đốc's deputy
                return title[:1] + title[1:].lower(), following[0]
    return None


_SIGNER_TITLES = ("giam doc", "truong phong", "chanh van phong", "thu truong", "truong ban")
