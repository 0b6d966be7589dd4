"""Parsers of user-typed values: table-driven cases and property-based tests."""

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, strategies as st

from cchc_xlsx.core.values import (clean_typed, fold_key, format_points, normalize_text, parse_date, parse_decimal, parse_flag,
                              parse_percent)


@pytest.mark.parametrize("text, expected", [
    ("0,5000", 0.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1.234.567", 1234567), ("14,5", 14.5),
    (" 2 ", 2.0), ("-0,25", -0.25), ("1 234,5", 1234.5), (3, 3.0), (0.125, 0.125), ("0.5", 0.5),
    ("1,234,567", 1234567),
])
def test_parse_decimal(text, expected):
    assert parse_decimal(text).value == pytest.approx(expected)


def test_lone_dot_before_three_digits_is_noted():
    parsed = parse_decimal("1.234")
    assert parsed.value == 1.234 and parsed.note == "dot-or-thousands"
    assert parse_decimal("0.125").note is None


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1.2.3", "1.23,4.5", ".", "1,,5", "nan", "inf", True])
def test_parse_decimal_rejects(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


# (value in the cell, the cell shows a percentage?, percent read, note). None: format not known.
@pytest.mark.parametrize("value, percent_format, expected, note", [
    (80, False, 80, None), (1, False, 1, None), (0.8, False, 0.8, "plain-fraction"), (100, False, 100, None),
    (0, False, 0, None), (0.8, True, 80, None), (1, True, 100, None), (1.2, True, 120, None),
    (0.29, True, 29, None), (0, True, 0, None),
    (0.8, None, 80, "fraction-as-percent"), (1, None, 100, "fraction-as-percent"), (80, None, 80, None),
    ("80", False, 80, None), ("80%", False, 80, None), ("80%", True, 80, None), ("80,5 %", None, 80.5, None),
    ("100%", None, 100, None), ("0,96", None, 0.96, "plain-fraction"), ("120%", True, 120, None),
    ("８０％", None, 80, None), ("80\u00a0%", None, 80, None), ("'80", None, 80, None),
])
def test_parse_percent(value, percent_format, expected, note):
    parsed = parse_percent(value, percent_format)
    assert parsed.value == pytest.approx(expected) and parsed.note == note


@pytest.mark.parametrize("text, expected", [
    ("'20/04/2022", "20/04/2022"), ("\u00a015/03/2022\u00a0", "15/03/2022"), ("１５/０３/２０２２", "15/03/2022"),
    ("0,5\u200b", "0,5"), (3, 3),
])
def test_clean_typed(text, expected):
    assert clean_typed(text) == expected


@pytest.mark.parametrize("text, expected", [("0,5 đ", 0.5), ("12,5đ", 12.5), ("2 điểm", 2.0), ("１２,５", 12.5)])
def test_decimal_typed_with_its_unit(text, expected):
    assert parse_decimal(text).value == pytest.approx(expected)


@pytest.mark.parametrize("value, expected", [
    ("27/01/2022", dt.date(2022, 1, 27)), ("27-1-2022", dt.date(2022, 1, 27)), ("27.01.22", dt.date(2022, 1, 27)),
    ("2022-01-27", dt.date(2022, 1, 27)), ("'20/04/2022", dt.date(2022, 4, 20)), ("ngày 27 tháng 01 năm 2022", dt.date(2022, 1, 27)),
    (44588, dt.date(2022, 1, 27)), (44588.75, dt.date(2022, 1, 27)), ("44588", dt.date(2022, 1, 27)),
    (dt.datetime(2022, 1, 27, 8, 30), dt.date(2022, 1, 27)),
])
def test_parse_date(value, expected):
    assert parse_date(value).value == expected


@pytest.mark.parametrize("value", ["31/02/2022", "hôm qua", "", -5, 10**9, "13/13/2022"])
def test_parse_date_rejects(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_fold_key_matches_spellings_of_one_unit():
    assert fold_key("Phòng BC – VT-CNTT.") == fold_key("phòng bc-vt-cntt")
    nfd = unicodedata.normalize("NFD", "Trung tâm CNTT và TT")
    assert fold_key(nfd) == fold_key("Trung tâm CNTT và TT")


def test_flags_and_points_format():
    assert parse_flag("Có") and parse_flag(1) and not parse_flag("0") and not parse_flag("")
    with pytest.raises(ValueError):
        parse_flag("maybe")
    assert format_points(0.5) == "0,5" and format_points(14.0) == "14" and format_points(0.125) == "0,125"


# --- properties ----------------------------------------------------------------------

@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False))
def test_vietnamese_decimal_round_trip(number):
    whole, _, fraction = f"{number:.4f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    assert parse_decimal(f"{grouped},{fraction}").value == pytest.approx(float(number))
    assert parse_decimal(f"{whole},{fraction}").value == pytest.approx(float(number))


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_percent_forms_agree(percent):
    text = f"{percent:.2f}".replace(".", ",") + "%"
    assert parse_percent(text).value == pytest.approx(round(percent, 2))
    assert parse_percent(percent, False).value == pytest.approx(percent)
    assert parse_percent(percent / 100, True).value == pytest.approx(percent, abs=1e-9)
    if percent > 1:
        assert parse_percent(percent).value == pytest.approx(percent)


@given(st.one_of(st.floats(min_value=-10, max_value=1000, allow_nan=False), st.integers(-10, 1000)),
       st.sampled_from([True, False, None]))
def test_number_format_decides_the_percentage(number, percent_format):
    """value × format → the percentage meant, and a note exactly where the reading is in doubt."""
    parsed = parse_percent(number, percent_format)
    if percent_format:
        assert parsed.value == pytest.approx(number * 100, abs=1e-9) and parsed.note is None
    elif percent_format is False:
        assert parsed.value == number
        assert parsed.note == ("plain-fraction" if 0 < number < 1 else None)
    else:
        assert parsed.value == pytest.approx(number * 100 if 0 < number <= 1 else number)
        assert parsed.note == ("fraction-as-percent" if 0 < number <= 1 else None)


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)))
def test_date_text_and_serial_round_trip(date):
    assert parse_date(date.strftime("%d/%m/%Y")).value == date
    serial = (date - dt.date(1899, 12, 30)).days
    assert parse_date(serial).value == date


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_parsers_raise_only_value_error(value):
    for parser in (parse_decimal, parse_percent, parse_date, parse_flag):
        try:
            parser(value)
        except ValueError:
            pass


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once and fold_key(fold_key(text)) == fold_key(text)


# The short texts are cleaned once per process (values.CACHED_LENGTH); a cached answer must be the
# answer computed afresh, for any text, however often it is asked, short or long.
_TEXTS = st.lists(st.sampled_from(list("aAđĐ ơ\u00a0\u2013-–.,;'’`\t\n８％\u200bx1e\u0301") + ["Hoàn thành "]),
                  max_size=120).map("".join)


@given(_TEXTS)
def test_cached_cleaning_equals_cleaning_afresh(text):
    from cchc_xlsx.core import values

    expected_normal = values._normalize(text)
    assert normalize_text(text) == expected_normal == normalize_text(text)
    assert fold_key(text) == values._fold(expected_normal) == fold_key(text)
    assert clean_typed(text) == values._clean(text) == clean_typed(text)


def test_cached_cleaning_of_a_str_subclass_and_other_types():
    class Name(str):
        pass

    assert normalize_text(Name(" a  b ")) == "a b" and type(normalize_text(Name("x"))) is str
    assert normalize_text(2.5) == "2.5" and normalize_text(None) == "" and fold_key(None) == ""
    assert clean_typed(3) == 3 and clean_typed(None) == ""
