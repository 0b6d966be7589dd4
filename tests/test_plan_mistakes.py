"""Plans that would score wrongly are errors (exit 1, the place named, no traceback); plans saved as
people save them (Vietnamese headers, ";", BOM, a code page, a title row) read as the shipped one."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_xlsx import text as labels
from cchc_xlsx.cli import cli
from cchc_xlsx.plan import load_plan
from cchc_xlsx.plan.export import export_plan
from cchc_xlsx.plan.tables import TABLES, csv_name


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def _set(folder: Path, table: str, match: dict[str, str], column: str, value: str) -> int:
    """Set ``column`` on the rows matching ``match``; returns the (1-based) line of the first one."""
    rows = _read(folder / csv_name(table))
    header, line = rows[0], None
    for index, row in enumerate(rows[1:], start=2):
        if all(row[header.index(k)] == v for k, v in match.items()):
            row[header.index(column)] = value
            line = line or index
    assert line, match
    _write(folder / csv_name(table), rows)
    return line


def _drop_column(folder: Path, table: str, column: str) -> None:
    rows = _read(folder / csv_name(table))
    index = rows[0].index(column)
    _write(folder / csv_name(table), [r[:index] + r[index + 1:] for r in rows])


def _check(path: Path):
    result = CliRunner().invoke(cli, ["plan", "check", "--plan", str(path)])
    assert "Traceback" not in result.output and not isinstance(result.exception, Exception) or \
        isinstance(result.exception, SystemExit), result.output
    return result


def _errors(path: Path) -> list:
    return [f for f in load_plan(path).findings if f.severity == "error"]


# --- plans that would score wrongly ---------------------------------------------------------

def _level_above_max(folder):
    line = _set(folder, "levels", {"criterion": "I.3.5.2", "order": "1"}, "points", "2,0000")
    return "plan-level-above-max", f"levels.csv:{line}"  # the level's own row


def _tier_above_max(folder):
    line = _set(folder, "levels", {"criterion": "I.1.6", "order": "2"}, "points", "3,0000")
    return "plan-level-above-max", f"levels.csv:{line}"


def _ratio_above_max(folder):
    line = _set(folder, "criteria", {"code": "I.1.2"}, "rule_points", "2,0")
    return "plan-ratio-above-max", f"criteria.csv:{line}"


def _yesno_without_max(folder):
    line = _set(folder, "criteria", {"code": "I.3.3.1"}, "declared_max", "")
    return "plan-leaf-no-max", f"criteria.csv:{line}"


def _threshold_as_fraction(folder):
    line = _set(folder, "criteria", {"code": "I.3.5.1"}, "rule_threshold", "0,95")
    return "plan-threshold-fraction", f"criteria.csv:{line}"


def _responsible_column_deleted(folder):
    _drop_column(folder, "criteria", "responsible")
    return "plan-no-responsible", "criteria.csv:2"


def _several_responsible(folder):
    line = _set(folder, "criteria", {"code": "I.1"}, "responsible", "VP | TTBC")
    return "plan-several-responsible", f"criteria.csv:{line}"


def _kind_column_deleted(folder):
    _drop_column(folder, "units", "kind")
    return "plan-missing-column", "units.csv"


def _year_empty(folder):
    line = _set(folder, "plan", {"key": "year"}, "value", "")
    return "plan-bad-year", f"plan.csv:{line}"


def _year_words(folder):
    line = _set(folder, "plan", {"key": "year"}, "value", "năm hai nghìn")
    return "plan-bad-year", f"plan.csv:{line}"


def _lost_letters(folder):
    rows = _read(folder / "tasks.csv")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    (folder / "tasks.csv").write_bytes(buffer.getvalue().encode("cp1258", errors="replace"))
    return "plan-unreadable", "tasks.csv"


MISTAKES = [_level_above_max, _tier_above_max, _ratio_above_max, _yesno_without_max, _threshold_as_fraction,
            _responsible_column_deleted, _several_responsible, _kind_column_deleted, _year_empty, _year_words,
            _lost_letters]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.__name__.strip("_") for m in MISTAKES])
def test_a_plan_that_would_score_wrongly_is_one_error_naming_its_row(plan_copy, mistake):
    code, where = mistake(plan_copy)
    errors = _errors(plan_copy)
    assert [f.code for f in errors] == [code], [f.message for f in errors]
    assert errors[0].where.startswith(where) or where in errors[0].message, errors[0].message
    result = _check(plan_copy)
    assert result.exit_code == 1 and code in result.output and "Traceback" not in result.output


def test_lost_letters_say_save_as_csv_utf8(plan_copy):
    _lost_letters(plan_copy)
    assert "CSV UTF-8" in _errors(plan_copy)[0].message


def test_several_responsible_units_are_legal_in_unit_scope(plan_copy):
    _several_responsible(plan_copy)
    rows = _read(plan_copy / "plan.csv")
    rows.append(["index_scope", "unit", ""])
    _write(plan_copy / "plan.csv", rows)
    assert "plan-several-responsible" not in {f.code for f in load_plan(plan_copy).findings}


def test_a_renamed_sheet_is_one_finding_naming_it(shipped, tmp_path):
    path = export_plan(shipped.plan, tmp_path / "plan.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook[labels.PLAN_SHEETS["criteria"]].title = "Tieu chi 2023"
    workbook.save(path)
    errors = _errors(path)
    assert [f.code for f in errors] == ["plan-missing-sheet"]
    assert "Tieu chi 2023" in errors[0].message and labels.PLAN_SHEETS["criteria"] in errors[0].message
    assert _check(path).exit_code == 1


def test_a_deleted_column_in_the_master_workbook_is_one_finding(shipped, tmp_path):
    path = export_plan(shipped.plan, tmp_path / "plan.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[labels.PLAN_SHEETS["units"]]
    column = [c.value for c in sheet[1]].index(labels.PLAN_HEADERS["kind"]) + 1
    sheet.delete_cols(column)
    workbook.save(path)
    errors = _errors(path)
    assert [f.code for f in errors] == ["plan-missing-column"] and labels.PLAN_HEADERS["kind"] in errors[0].message


def test_a_percent_threshold_typed_in_excel_is_an_error_naming_its_row(shipped, tmp_path):
    path = export_plan(shipped.plan, tmp_path / "plan.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[labels.PLAN_SHEETS["criteria"]]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index(labels.PLAN_HEADERS["code"])].value == "I.3.5.1":
            cell = row[header.index(labels.PLAN_HEADERS["rule_threshold"])]
            cell.value, cell.number_format = 0.95, "0%"  # what Excel stores for "95%"
            line = cell.row
    workbook.save(path)
    errors = _errors(path)
    assert [f.code for f in errors] == ["plan-threshold-fraction"]
    assert errors[0].where == f"plan.xlsx [{labels.PLAN_SHEETS['criteria']}]:{line}"


def test_init_on_a_plan_with_errors_exits_1(plan_copy, tmp_path):
    _year_empty(plan_copy)
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "ws"), "--plan", str(plan_copy)])
    assert result.exit_code == 1 and "plan-bad-year" in result.output and "Traceback" not in result.output


# --- plans as people save them --------------------------------------------------------------

def _vietnamese_headers(folder):
    for table in TABLES:
        if (folder / csv_name(table)).exists():
            rows = _read(folder / csv_name(table))
            rows[0] = [labels.PLAN_HEADERS.get(h, h) for h in rows[0]]
            _write(folder / csv_name(table), rows)


def _semicolons_and_bom(folder):
    for table in TABLES:
        if (folder / csv_name(table)).exists():
            _write(folder / csv_name(table), _read(folder / csv_name(table)), ";", "utf-8-sig")


def _to_cp1258(text: str) -> bytes:
    # As Windows writes Vietnamese in code page 1258: a precomposed base letter, then a combining tone.
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        for mark in [m for m in marks if m in "\u0302\u0306\u031b"]:  # â ê ô ă ơ ư are letters of the code page
            base, marks = unicodedata.normalize("NFC", base + mark), [m for m in marks if m != mark]
        out += base.encode("cp1258") + "".join(marks).encode("cp1258")
    return bytes(out)


def _code_page(folder):
    for table in TABLES:
        if (folder / csv_name(table)).exists():
            text = (folder / csv_name(table)).read_text(encoding="utf-8")
            (folder / csv_name(table)).write_bytes(_to_cp1258(text))


def _title_rows(folder):
    for table in ("tasks", "criteria", "units"):
        rows = _read(folder / csv_name(table))
        _write(folder / csv_name(table), [["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2022"], [], *rows])


def _sheet_names(folder):
    # Each sheet of the master workbook saved as CSV by Excel: named after its sheet.
    _vietnamese_headers(folder)
    for table in TABLES:
        if (folder / csv_name(table)).exists():
            (folder / csv_name(table)).rename(folder / f"{labels.PLAN_SHEETS[table]}.csv")


SAVED = [_vietnamese_headers, _semicolons_and_bom, _code_page, _title_rows, _sheet_names]


@pytest.mark.parametrize("save", SAVED, ids=[s.__name__.strip("_") for s in SAVED])
def test_a_plan_saved_as_people_save_it_reads_as_the_shipped_one(shipped, plan_copy, save):
    save(plan_copy)
    built = load_plan(plan_copy)
    assert [f.message for f in built.findings if f.severity == "error"] == []
    assert built.plan.plan_id == shipped.plan.plan_id
    assert built.plan.content()["tasks"] == shipped.plan.content()["tasks"]
    if save is _code_page:
        assert "plan-csv-encoding" in {f.code for f in built.findings}


def test_a_title_row_above_the_master_workbooks_header(shipped, tmp_path):
    path = export_plan(shipped.plan, tmp_path / "plan.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook[labels.PLAN_SHEETS["tasks"]].insert_rows(1, 2)
    workbook[labels.PLAN_SHEETS["tasks"]]["A1"] = "Nhiệm vụ CCHC năm 2022"
    workbook.save(path)
    built = load_plan(path)
    assert [f.code for f in built.findings if f.severity == "error"] == []
    assert built.plan.plan_id == shipped.plan.plan_id


def test_the_year_typed_in_words_and_digits(plan_copy):
    _set(plan_copy, "plan", {"key": "year"}, "value", "Năm 2022")
    built = load_plan(plan_copy)
    assert built.plan.year == 2022 and [f.code for f in built.findings if f.severity == "error"] == []
