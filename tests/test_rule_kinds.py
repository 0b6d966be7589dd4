"""Rule kinds as classes (cchc_xlsx/rules/): each kind's points, formula, text, input, parsing and
plan checks; ``per_item`` through the whole cycle, with LibreOffice typing and recalculating."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cchc_xlsx import text as labels
from cchc_xlsx.cli import cli
from cchc_xlsx.core.model import Criterion, Level
from cchc_xlsx.core.values import format_points
from cchc_xlsx.feedback import prefill_from_ledger
from cchc_xlsx.plan import load_plan
from cchc_xlsx.plan.check import check_plan
from cchc_xlsx.plan.export import export_plan
from cchc_xlsx.rules import KINDS, kind_of, scoring
from cchc_xlsx.rules.base import RuleKind
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.xlsx.libreoffice import XLSX_FILTER, convert, find_soffice
from tests.conftest import require


def crit(rule, declared_max=None, levels=(), **kw):
    return Criterion(code="A.1", parent="A", title="A.1", declared_max=declared_max, rule=rule,
                     levels=tuple(levels), **kw)


CHOICE = crit("choice", levels=[Level(1, "Đạt", 1.0), Level(2, "Đạt một phần", 0.5), Level(3, "Không đạt", 0.0)])
YESNO = crit("yesno", 0.5)
RATIO = crit("ratio", 2.0, rule_points=2.0)
THRESHOLD = crit("threshold", 2.0, rule_points=2.0, rule_threshold=95.0)
TIERS = crit("tiers", levels=[Level(1, "Không trễ hạn", 1.0, 0), Level(2, "Trễ 1–2 nhiệm vụ", 0.5, 1),
                              Level(3, "Trễ từ 3 nhiệm vụ", 0.0, 3)])
POINTS = crit("points", 1.0)
EARN = crit("per_item", 1.5, rule_points=0.5)      # mỗi sáng kiến 0,5 điểm, tối đa 1,5
DEDUCT = crit("per_item", 1.0, rule_points=-0.25)  # mỗi văn bản trễ hạn trừ 0,25 từ 1

# (criterion, parsed answer, points): every kind, at and around its edges.
POINT_CASES = [
    (CHOICE, 1, 1.0), (CHOICE, 2, 0.5), (CHOICE, 3, 0.0), (CHOICE, 9, 0.0),
    (YESNO, True, 0.5), (YESNO, False, 0.0),
    (RATIO, 80.0, 1.6), (RATIO, 120.0, 2.0), (RATIO, -5.0, 0.0),
    (THRESHOLD, 94.0, 0.0), (THRESHOLD, 95.0, 1.9), (THRESHOLD, 100.0, 2.0),
    (TIERS, 0, 1.0), (TIERS, 2, 0.5), (TIERS, 3, 0.0), (TIERS, 40, 0.0),
    (POINTS, 0.75, 0.75), (POINTS, 3.0, 1.0),
    (EARN, 0, 0.0), (EARN, 1, 0.5), (EARN, 3, 1.5), (EARN, 7, 1.5),
    (DEDUCT, 0, 1.0), (DEDUCT, 1, 0.75), (DEDUCT, 4, 0.0), (DEDUCT, 9, 0.0),
]


@pytest.mark.parametrize(("criterion", "value", "expected"), POINT_CASES)
def test_points_of_every_kind(criterion, value, expected):
    assert scoring.points(criterion, scoring.Result(value)) == pytest.approx(expected)
    assert scoring.points(criterion, scoring.Result(value, not_applicable=True)) == 0.0
    assert scoring.points(criterion, scoring.Result(None)) == 0.0


def test_the_registry_holds_one_kind_per_rule_and_refuses_others():
    assert list(KINDS) == ["choice", "yesno", "ratio", "threshold", "tiers", "points", "per_item"]
    assert scoring.RULES == tuple(KINDS)
    assert all(kind.name == name and isinstance(kind, RuleKind) for name, kind in KINDS.items())
    with pytest.raises(ValueError, match="bogus"):
        kind_of(crit("bogus", 1.0))


@pytest.mark.parametrize(("criterion", "formula"), [
    (YESNO, 'IF(E7="Có",0.5,0)'),
    (POINTS, "IF(ISNUMBER(E7),MIN(MAX(E7,0),1),0)"),
    (TIERS, "IF(ISNUMBER(E7),IF(MAX(INT(E7),0)>=3,0,IF(MAX(INT(E7),0)>=1,0.5,IF(MAX(INT(E7),0)>=0,1,0))),0)"),
    (CHOICE, 'IFERROR(CHOOSE(VALUE(LEFT(E7,FIND(".",E7)-1)),1,0.5,0),0)'),
    (EARN, "IF(ISNUMBER(E7),MIN(MAX(INT(E7),0)*0.5,1.5),0)"),
    (DEDUCT, "IF(ISNUMBER(E7),MAX(1+MAX(INT(E7),0)*(-0.25),0),0)"),
])
def test_formula_text(criterion, formula):
    assert scoring.points_formula(criterion, "E7", None) == formula
    assert scoring.points_formula(criterion, "E7", "F7") == f'IF(F7="Có",0,{formula})'


def test_percent_kinds_read_the_cells_number_format_in_the_formula():
    formula = scoring.points_formula(THRESHOLD, "E7", None)
    assert 'IF(LEFT(CELL("format",E7),1)="P",E7*100,E7)<95,0,' in formula
    assert KINDS["ratio"].reads_percent and KINDS["threshold"].reads_percent
    assert not any(k.reads_percent for n, k in KINDS.items() if n not in ("ratio", "threshold"))


def test_rule_text_for_the_clerk():
    assert scoring.rule_text(EARN) == labels.RULE_PER_ITEM_EARN.format(points="0,5", max="1,5")
    assert scoring.rule_text(DEDUCT) == labels.RULE_PER_ITEM_DEDUCT.format(points="0,25", max="1")
    assert "0,25" in scoring.rule_text(DEDUCT) and "-" not in scoring.rule_text(DEDUCT).split("trừ")[1]
    assert scoring.rule_text(YESNO) == labels.RULE_YESNO.format(max="0,5")
    assert scoring.rule_text(CHOICE).splitlines()[1] == "2. Đạt một phần (0,5 điểm)"
    assert scoring.rule_text(TIERS).splitlines()[1] == labels.TIER_LINE.format(text="Trễ 1–2 nhiệm vụ", count=1,
                                                                             points="0,5")
    assert scoring.rule_text(EARN, "Không có sáng kiến").endswith(labels.NA_CONDITION.format(
        text="Không có sáng kiến"))


@pytest.mark.parametrize(("criterion", "key", "options"), [
    (YESNO, "yesno", {"validate": "list", "source": [labels.YES, labels.NO]}),
    (RATIO, "percent", {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100}),
    (TIERS, "count", {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 1000}),
    (EARN, "count", {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 1000}),
    (POINTS, "points", {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1.0}),
])
def test_input_validation(criterion, key, options):
    validation = kind_of(criterion).validation(criterion)
    assert (validation.key, validation.options, validation.list_items) == (key, options, None)
    assert key in labels.VALIDATION


def test_a_choice_lists_its_levels_on_the_list_sheet():
    validation = kind_of(CHOICE).validation(CHOICE)
    assert validation.options == {"validate": "list"}
    assert validation.list_items == ["1. Đạt (1 điểm)", "2. Đạt một phần (0,5 điểm)", "3. Không đạt (0 điểm)"]


@pytest.mark.parametrize(("criterion", "raw", "value"), [
    (CHOICE, "2. Đạt một phần (0,5 điểm)", 2), (YESNO, "co", True), (YESNO, "Không", False),
    (TIERS, "3", 3), (TIERS, 2.0, 2), (POINTS, "0,75", 0.75), (EARN, "4", 4), (DEDUCT, 0, 0),
    (RATIO, "80%", 80.0),
])
def test_parse_a_typed_answer(criterion, raw, value):
    assert kind_of(criterion).parse(criterion, raw)[0] == value


@pytest.mark.parametrize(("criterion", "raw"), [
    (CHOICE, "7. Không có"), (CHOICE, "Đạt"), (YESNO, "có lẽ"), (TIERS, "-1"), (TIERS, "1,5"),
    (EARN, "2,5"), (DEDUCT, "-3"), (EARN, "nhiều"), (POINTS, "-0,5"),
])
def test_parse_refuses(criterion, raw):
    with pytest.raises(ValueError):
        kind_of(criterion).parse(criterion, raw)


def test_encode_decode_and_show():
    for criterion, value, shown in [(CHOICE, 2, "2. Đạt một phần (0,5 điểm)"), (YESNO, True, labels.YES),
                                    (YESNO, False, labels.NO), (TIERS, 3, 3), (EARN, 4, 4), (RATIO, 96.5, 96.5),
                                    (POINTS, 0.75, 0.75)]:
        kind = kind_of(criterion)
        text = kind.encode(value)
        assert isinstance(text, str) and kind.decode(text) == value and type(kind.decode(text)) is type(value)
        assert kind.shown(criterion, value) == shown
        assert kind.shown(criterion, None) is None and kind.decode(None) is None and kind.decode("") is None
    assert kind_of(CHOICE).shown(CHOICE, 9) is None  # a level the plan no longer has


def test_per_item_maximum_is_the_declared_one_and_plan_check_demands_it():
    assert scoring.leaf_max(DEDUCT) == 1.0 and scoring.leaf_max(crit("per_item", None, rule_points=-0.5)) == 0.0
    kind = KINDS["per_item"]
    assert [p.code for p in kind.rule_problems(EARN)] == []
    assert [p.code for p in kind.rule_problems(crit("per_item", 1.0))] == ["plan-per-item-points"]
    assert [p.code for p in kind.rule_problems(crit("per_item", 1.0, rule_points=0.0))] == ["plan-per-item-points"]
    assert [p.code for p in kind.rule_problems(crit("per_item", None, rule_points=0.5))] == ["plan-leaf-no-max"]


def test_the_other_kinds_plan_problems():
    assert [p.code for p in kind_of(THRESHOLD).rule_problems(crit("threshold", 2.0, rule_threshold=0.95))] == [
        "plan-threshold-fraction"]
    assert [p.code for p in kind_of(RATIO).max_problems(crit("ratio", 1.0, rule_points=2.0))] == [
        "plan-ratio-above-max"]
    one_level = crit("tiers", levels=[Level(1, "x", 1.0)])
    assert [(p.code, p.level) for p in kind_of(one_level).rule_problems(one_level)] == [
        ("plan-too-few-levels", None), ("plan-tier-count", 1)]
    equal = crit("choice", levels=[Level(1, "a", 0.5), Level(2, "b", 0.5)])
    assert [p.code for p in kind_of(equal).level_problems(equal)] == ["plan-levels-equal"]
    assert [p.code for p in kind_of(YESNO).rule_problems(crit("yesno"))] == ["plan-leaf-no-max"]


# --- typed answers, for any input ------------------------------------------------------

COUNT_KINDS = [TIERS, EARN, DEDUCT]


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(COUNT_KINDS),
       st.sampled_from(["{n}", " {n} ", "{n},0", "{n}.0", "＋{n}"]))
def test_a_count_typed_any_way_reads_as_that_count(n, criterion, form):
    raw = form.format(n=n).replace("＋", "+")
    assert kind_of(criterion).parse(criterion, raw)[0] == n


@given(st.one_of(st.integers(max_value=-1), st.floats(allow_nan=False, allow_infinity=False)
                 .filter(lambda x: x != int(x) if abs(x) < 1e15 else False)), st.sampled_from(COUNT_KINDS))
def test_a_negative_or_fractional_count_is_refused(value, criterion):
    with pytest.raises(ValueError):
        kind_of(criterion).parse(criterion, value)


@given(st.integers(min_value=0, max_value=10**4), st.integers(min_value=-40, max_value=40).filter(bool),
       st.integers(min_value=0, max_value=40))
def test_per_item_points_stay_between_0_and_the_maximum(count, quarter_points, quarter_max):
    each, maximum = quarter_points / 4, quarter_max / 4
    criterion = crit("per_item", maximum, rule_points=each)
    earned = scoring.points(criterion, scoring.Result(count))
    assert 0.0 <= earned <= maximum
    expected = min(count * each, maximum) if each > 0 else max(maximum - count * -each, 0.0)
    assert earned == pytest.approx(expected)


@given(st.decimals(min_value=0, max_value=1000, places=2))
def test_points_typed_with_a_decimal_comma(value):
    typed = format(value, "f").replace(".", ",")
    assert kind_of(POINTS).parse(POINTS, typed)[0] == pytest.approx(float(value))


@given(st.sampled_from(sorted(labels.YES_ANSWERS | labels.NO_ANSWERS)), st.sampled_from([str.upper, str.title,
                                                                                         str.lower]))
def test_yes_no_in_any_case(word, case):
    assert kind_of(YESNO).parse(YESNO, case(word))[0] is (word in labels.YES_ANSWERS)


# --- per_item through the cycle --------------------------------------------------------

PLAN_TABLES = {
    "plan.csv": "key,value,source\ntitle,Kế hoạch CCHC năm 2023,\ndepartment,Sở Thử nghiệm,\nyear,2023,\n"
                "declared_total,5,\ncontact_unit,VP,\n",
    "units.csv": "code,name,aliases,kind,email,contact,receives_workbook,source\n"
                 "VP,Văn phòng,,unit,vp@example.vn,,1,\nTTRA,Thanh tra,,unit,ttra@example.vn,,1,\n",
    "periods.csv": "code,name,start,cutoff,due,source\nq1,Quý I/2023,15/12/2022,14/03/2023,16/03/2023,\n",
    "tasks.csv": "code,area,area_title,number,description,products,lead,coordinators,timeframe,schedule,deadline,"
                 "conditional,note,source\nNV1,1,Chỉ đạo,1,Ban hành kế hoạch CCHC.,Kế hoạch,VP,,Quý I,deadline,"
                 "31/03/2023,0,,\n",
    "criteria.csv": "code,parent,title,declared_max,rule,rule_points,rule_threshold,not_applicable,responsible,"
                    "source\nA,,Sáng kiến và kỷ luật,5,,,,,,\n"
                    'A.1,A,Sáng kiến cải cách hành chính được công nhận,"1,5",per_item,"0,5",,,VP,\n'
                    'A.2,A,Văn bản trả lời trễ hạn,1,per_item,"-0,25",,,VP,\n'
                    'A.3,A,Báo cáo đúng hạn,"0,5",yesno,,,,TTRA,\n'
                    "A.4,A,Văn bản quy phạm bị kiến nghị xử lý,2,per_item,-1,,,TTRA,\n",
    "levels.csv": "criterion,order,text,points,min_count,source\n",
}
# What each unit types (LibreOffice, vi-VN), and the points by hand: 4 initiatives at 0,5 capped at 1,5;
# 1 − 3 × 0,25; "Có" is 0,5; 2 − 3 × 1 is below 0, so 0.
TYPED = {"VP": {"A.1": "4", "A.2": "3"}, "TTRA": {"A.3": "Có", "A.4": "3"}}
BY_HAND = {"A.1": 1.5, "A.2": 0.25, "A.3": 0.5, "A.4": 0.0}


def _plan_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in PLAN_TABLES.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_a_per_item_plan_checks_clean_from_csv_and_from_the_master_workbook(tmp_path):
    folder = _plan_folder(tmp_path / "plan")
    built = load_plan(folder)
    assert [(f.code, f.severity) for f in built.findings + check_plan(built)] == []
    assert [(c.rule, c.rule_points) for c in built.plan.leaves()] == [
        ("per_item", 0.5), ("per_item", -0.25), ("yesno", None), ("per_item", -1.0)]
    master = tmp_path / "Kế hoạch.xlsx"
    export_plan(built.plan, master)
    again = load_plan(master)
    assert [(f.code, f.severity) for f in again.findings + check_plan(again)] == []
    assert [(c.rule, c.rule_points, c.declared_max) for c in again.plan.leaves()] == [
        (c.rule, c.rule_points, c.declared_max) for c in built.plan.leaves()]
    # rule_points left out is one error naming the row.
    text = PLAN_TABLES["criteria.csv"].replace('per_item,"-0,25"', "per_item,")
    (folder / "criteria.csv").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", "check", "--plan", str(folder), "--json"])
    assert result.exit_code == 1
    assert "plan-per-item-points" in result.output and "criteria.csv:4" in result.output


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _rows(sheet) -> tuple[dict[str, int], dict[str, int]]:
    # (column key → column number, Mã → row number) of a unit's Tự chấm điểm sheet.
    for row in sheet.iter_rows(min_row=1, max_row=10):
        values = [c.value for c in row]
        if labels.CRITERIA_HEADERS["code"] in values:
            header = row[0].row
            by_title = {v: i + 1 for i, v in enumerate(values) if v}
            cols = {key: by_title[title] for key, title in labels.CRITERIA_HEADERS.items() if title in by_title}
            codes = {sheet.cell(r, cols["code"]).value: r for r in range(header + 1, sheet.max_row + 1)}
            return cols, codes
    raise AssertionError("no header row")


def _points_in(path: Path) -> dict[str, float]:
    sheet = openpyxl.load_workbook(path, data_only=True)[labels.SHEET_CRITERIA]
    cols, codes = _rows(sheet)
    return {code: sheet.cell(row, cols["points"]).value for code, row in codes.items() if code in BY_HAND}


def test_per_item_generated_typed_in_libreoffice_recalculated_collected_and_scored(tmp_path, calc_vi):
    require("LibreOffice", find_soffice() is not None)
    from calc import XLSX

    root = tmp_path / "ws"
    _run("init", str(root), "--plan", str(_plan_folder(tmp_path / "plan")))
    _run("generate", "-w", str(root), "-p", "q1")
    outbox, inbox = root / "outbox" / "q1", tmp_path / "returns"
    inbox.mkdir()
    plan = load_plan(root / "plan").plan
    returned = []
    for row in (outbox / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]:
        unit, name = row.split(",")[:2]
        sheet = openpyxl.load_workbook(outbox / name)[labels.SHEET_CRITERIA]
        cols, codes = _rows(sheet)
        column = openpyxl.utils.get_column_letter(cols["result"])
        typed = [{"op": "type", "sheet": labels.SHEET_CRITERIA, "cell": f"{column}{codes[code]}", "text": text}
                 for code, text in TYPED[unit].items()]
        target = inbox / f"{unit}.xlsx"
        calc_vi.edit(outbox / name, [{"op": "unprotect", "sheet": labels.SHEET_CRITERIA}, *typed,
                                     {"op": "save", "path": str(target), "filter": XLSX}])
        returned.append(target)
        # LibreOffice computed the points as it typed: the same numbers as Python's rules.
        python = {code: scoring.points(plan.criterion(code), scoring.Result(
            kind_of(plan.criterion(code)).parse(plan.criterion(code), text)[0])) for code, text in TYPED[unit].items()}
        assert _points_in(target) == python  # to the last bit: the formula does Python's operations in order
        assert python == pytest.approx({c: BY_HAND[c] for c in TYPED[unit]})
    # Recalculated on load, with the recalculation profile: the same again.
    for path in convert(returned, XLSX_FILTER, tmp_path / "recalculated"):
        unit = path.stem
        assert _points_in(path) == pytest.approx({c: BY_HAND[c] for c in TYPED[unit]}, abs=1e-12)

    _run("collect", "-w", str(root), "-p", "q1", str(inbox))
    with sqlite3.connect(root / "ledger.sqlite") as ledger:
        merged = {code: (value, points) for code, value, points in ledger.execute(
            "SELECT code, result_value, points FROM merged_criteria WHERE period = 'q1'")}
        findings = [code for code, row in ledger.execute("SELECT code, row_code FROM findings") if row in BY_HAND]
    assert merged == {"A.1": ("4", 1.5), "A.2": ("3", 0.25), "A.3": ("1", 0.5), "A.4": ("3", 0.0)}
    assert [f for f in findings if f != "evidence-missing"] == []  # no result-invalid, no points-differ

    _run("scorecard", "-w", str(root), "-p", "q1")
    scorecard = root / "reports" / "q1" / "scorecard.xlsx"
    # The headline, computed here from the plan's numbers: 2,25 of 5.
    points, maximum = 4 * 0.5 if 4 * 0.5 < 1.5 else 1.5, 1.5 + 1 + 0.5 + 2
    points += max(1 - 3 * 0.25, 0) + 0.5 + max(2 - 3 * 1, 0)
    for path in (scorecard, *convert([scorecard], XLSX_FILTER, tmp_path / "scorecard")):
        book = openpyxl.load_workbook(path, data_only=True)
        names = {}
        for name in ("TongDiem", "TongDiemToiDa", "ChiSoCCHC"):
            [(sheet, ref)] = book.defined_names[name].destinations
            names[name] = book[sheet][ref.replace("$", "")].value
        assert names == pytest.approx({"TongDiem": points, "TongDiemToiDa": maximum,
                                       "ChiSoCCHC": points / maximum * 100}), path
    assert format_points(points) == "2,25"
    # The scorecard shows each answer as typed (a count, "Có") beside its Cách chấm.
    sheet = openpyxl.load_workbook(scorecard)[labels.SC_SHEETS["criteria"]]
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        titles = [c.value for c in row]
        if labels.SC_CRITERIA_HEADERS["code"] in titles and labels.SC_CRITERIA_HEADERS["result"] in titles:
            head = {t: i for i, t in enumerate(titles) if t}
            break
    shown = {r[head[labels.SC_CRITERIA_HEADERS["code"]]].value: (r[head[labels.SC_CRITERIA_HEADERS["result"]]].value,
                                                              r[head[labels.SC_CRITERIA_HEADERS["rule"]]].value)
             for r in sheet.iter_rows(min_row=row[0].row + 1) if r[head[labels.SC_CRITERIA_HEADERS["code"]]].value in BY_HAND}
    assert shown == {code: ({"Có": labels.YES}.get(text) or int(text), scoring.rule_text(plan.criterion(code)))
                     for unit in TYPED for code, text in TYPED[unit].items()}
    # Feedback writes the counts back where the unit typed them; its formulas' cached points are Python's.
    with Ledger(root / "ledger.sqlite") as ledger:
        [submission] = [r["id"] for r in ledger.query("SELECT id FROM submissions WHERE unit = 'VP'")]
        prefill, _ = prefill_from_ledger(plan, ledger, submission, "VP")
    assert {code: prefill.criteria[code]["result"] for code in TYPED["VP"]} == {"A.1": 4, "A.2": 3}
    assert {code: scoring.points(plan.criterion(code), prefill.results[code]) for code in TYPED["VP"]} == {
        "A.1": BY_HAND["A.1"], "A.2": BY_HAND["A.2"]}


@given(st.text(max_size=300), st.integers(min_value=1, max_value=12),
       st.decimals(min_value=0, max_value=10, places=2))
def test_a_level_picked_from_the_list_reads_as_its_level(text, order, points):
    levels = [Level(n, f"Mức {n}", 0.0) for n in range(1, 13) if n != order] + [Level(order, text, float(points))]
    criterion = crit("choice", levels=sorted(levels, key=lambda lv: lv.order))
    kind = kind_of(criterion)
    label = kind.shown(criterion, order)
    assert len(label) <= scoring.LABEL_LIMIT
    assert kind.parse(criterion, label)[0] == order
    assert scoring.points(criterion, scoring.Result(order)) == float(points)
