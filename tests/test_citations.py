"""Citations as units write them (core/citations.py): number, symbol and date read back from any
wording around them; any text at all is read without an exception."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_xlsx.core.citations import find_citations, find_dates

KINDS = st.sampled_from(["KH", "Kế hoạch số", "Quyết định số", "QĐ", "Báo cáo", "BC số", "Công văn", ""])
SYMBOLS = st.sampled_from(["KH-STTTT", "QĐ-UBND", "BC-VP", "STTTT-VP", "TB-STTTT", "KH-UBND"])
DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
DATE_STYLES = st.sampled_from(["{d}/{m}/{y}", "{d:02d}/{m:02d}/{y}", "{d}-{m}-{y}", "{d}.{m}.{y}",
                               "{d} tháng {m} năm {y}"])
JOINS = st.sampled_from([" ngày ", ", ngày ", ", ", " ban hành ngày ", " ngày  "])


@pytest.mark.parametrize("text, number, symbol, year, date", [
    ("KH 12/KH-STTTT ngày 15/3/2022", "12/KH-STTTT", "KH-STTTT", None, dt.date(2022, 3, 15)),
    ("Quyết định số 05/2022/QĐ-UBND ngày 10 tháng 01 năm 2022", "05/2022/QĐ-UBND", "QĐ-UBND", 2022,
     dt.date(2022, 1, 10)),
    ("Báo cáo số 3/BC-VP", "3/BC-VP", "BC-VP", None, None),
    ("Công văn 51/STTTT-VP, 22/12/2021", "51/STTTT-VP", "STTTT-VP", None, dt.date(2021, 12, 22)),
])
def test_citations_as_written(text, number, symbol, year, date):
    [found] = find_citations(text)
    assert (found.number, found.symbol, found.year, found.date) == (number, symbol, year, date)
    assert found.text == text


def test_several_citations_each_take_their_own_date():
    found = find_citations("KH 12/KH-STTTT ngày 15/3/2022; BC 3/BC-VP ngày 20/06/2022 và ảnh hội nghị 01/02/2022")
    assert [(c.number, c.date) for c in found] == [("12/KH-STTTT", dt.date(2022, 3, 15)),
                                                   ("3/BC-VP", dt.date(2022, 6, 20)), ("", dt.date(2022, 2, 1))]


@pytest.mark.parametrize("text", ["31/02/2022", "http://portal.example/1/a", "I.1.2 - Ke hoach.pdf", "", "80%",
                                  "0,5", "15/3"])
def test_no_citation_where_none_is_written(text):
    assert find_citations(text) == []


@settings(max_examples=200, deadline=None)
@given(KINDS, st.integers(1, 99999), SYMBOLS, JOINS, DAYS, DATE_STYLES)
def test_number_symbol_and_date_read_back(kind, number, symbol, join, day, style):
    date_text = style.format(d=day.day, m=day.month, y=day.year)
    text = f"{kind} {number}/{symbol}{join}{date_text}".strip()
    [found] = find_citations(text)
    assert (found.number, found.symbol, found.date) == (f"{number}/{symbol}", symbol, day)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_read_without_an_exception(text):
    for citation in find_citations(text):
        assert citation.text and citation.text in " ".join(text.replace("\n", " ").split())
    for start, end, day in find_dates(text):
        assert 0 <= start < end <= len(text) and isinstance(day, dt.date)
