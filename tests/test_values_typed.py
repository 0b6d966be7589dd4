"""Values read as the unit meant them (issue 11), typed as units type them: in LibreOffice Calc with a
Vietnamese and an English profile (``FormulaLocal``, as the input line parses text), and written with
openpyxl. Each case: what was typed, the value the tool must read, its points, and the finding at the cell.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from calc import ODS, XLS, XLSX
from cchc_xlsx import text as labels
from cchc_xlsx.core import layout
from cchc_xlsx.collect.analyse import analyse
from cchc_xlsx.findings.catalogue import SEVERITY
from cchc_xlsx.generate import generate_period, units_to_generate
from cchc_xlsx.generate.workbook import criteria_rows
from cchc_xlsx.store.workspace import DEFAULT_LIMITS

PERIOD = "h1"  # cut-off 14/06/2022: the dates below are inside it
RATIO_HALF_POINT = ("I.7.1.1.2", "I.7.1.1.3", "I.7.1.4.1", "I.7.1.4.2", "I.7.1.4.3", "I.7.1.4.4", "I.7.1.4.6",
                    "I.7.1.4.7", "I.7.1.4.8")  # BCVT's ratio criteria worth 0.5 points at 100 %
THRESHOLD = "I.3.5.1"  # VP: from 95 % up, (% × 0.5) : 100; below 95 %: 0
FILTERS = {"xlsx": XLSX, "ods": ODS, "xls": XLS}

# (profile, typed, completion read, finding at the cell). A tuple (number, format) is what
# openpyxl writes: a number in a cell with that number format, as pasted or typed in Excel.
COMPLETION = [
    ("vi", "80", 80, None), ("vi", "80%", 80, None), ("vi", "0,8", 0.8, "percent-fraction"), ("vi", "1", 1, None),
    ("vi", "120%", None, "percent-above-100"), ("vi", "８０", 80, None), ("vi", "45,5", 45.5, None),
    ("en", "80", 80, None), ("en", "80%", 80, None), ("en", "0.8", 0.8, "percent-fraction"), ("en", "1", 1, None),
    ("en", "120%", None, "percent-above-100"), ("en", "'50", 50, None), ("en", "45.5", 45.5, None),
    ("openpyxl", 80, 80, None), ("openpyxl", (0.8, "0%"), 80, None), ("openpyxl", (0.455, "0.0%"), 45.5, None),
    ("openpyxl", 0.8, 0.8, "percent-fraction"), ("openpyxl", 1, 1, None), ("openpyxl", (1, "0%"), 100, None),
    ("openpyxl", (1.2, "0%"), None, "percent-above-100"), ("openpyxl", "80%", 80, None),
    ("openpyxl", "\u00a080 %", 80, None), ("openpyxl", "８０％", 80, None), ("openpyxl", 150, None, "completion-invalid"),
]
# (profile, typed, percent read, points, finding) on a ratio criterion worth 0.5 points.
RATIO = [
    ("vi", "96", 96, 0.48, None), ("vi", "96%", 96, 0.48, None), ("vi", "0,96", 0.96, 0.0048, "percent-fraction"),
    ("vi", "1", 1, 0.005, None), ("vi", "120%", None, 0.0, "percent-above-100"),
    ("en", "96", 96, 0.48, None), ("en", "96%", 96, 0.48, None), ("en", "1", 1, 0.005, None),
    ("en", "'80", 80, 0.4, None), ("en", "120%", None, 0.0, "percent-above-100"),
    ("openpyxl", 96, 96, 0.48, None), ("openpyxl", (0.96, "0%"), 96, 0.48, None), ("openpyxl", 1, 1, 0.005, None),
    ("openpyxl", (1.2, "0.00%"), None, 0.0, "percent-above-100"), ("openpyxl", "96 %", 96, 0.48, None),
    ("openpyxl", 0.5, 0.5, 0.0025, "percent-fraction"),
]
# (profile, typed, percent read, points, finding) on the threshold criterion: 1 means 1 %, below 95 %.
THRESHOLD_CASES = [("vi", "1", 1, 0.0, None), ("en", "1", 1, 0.0, None), ("openpyxl", 1, 1, 0.0, None),
                   ("vi", "96%", 96, 0.48, None), ("openpyxl", (0.96, "0%"), 96, 0.48, None)]
# (profile, typed, date read, finding) in Ngày hoàn thành of a task reported done.
DATES = [("vi", "15/03/2022", dt.date(2022, 3, 15), None), ("vi", "20/04/2022", dt.date(2022, 4, 20), None),
         ("en", "'20/04/2022", dt.date(2022, 4, 20), None), ("en", "2022-04-20", dt.date(2022, 4, 20), None),
         ("openpyxl", "'20/04/2022", dt.date(2022, 4, 20), None), ("openpyxl", "\u00a015/03/2022", dt.date(2022, 3, 15), None),
         ("openpyxl", "１５/０３/２０２２", dt.date(2022, 3, 15), None), ("openpyxl", "31/02/2022", None, "date-invalid")]


class Layout:
    """Where each code's row and each column is in a generated workbook (sheet → code → Excel row)."""

    def __init__(self, plan, unit_code: str):
        first = layout.FIRST_DATA_ROW + 1
        self.rows = {"tasks": {t.code: first + i for i, t in enumerate(plan.tasks_for(unit_code))},
                     "criteria": {c.code: first + i for i, c in enumerate(criteria_rows(plan, unit_code))}}

    def ref(self, sheet_key: str, code: str, column: str) -> str:
        headers = labels.TASK_HEADERS if sheet_key == "tasks" else labels.CRITERIA_HEADERS
        return f"{get_column_letter(list(headers).index(column) + 1)}{self.rows[sheet_key][code]}"


SHEETS = {"tasks": labels.SHEET_TASKS, "criteria": labels.SHEET_CRITERIA}


def _generated(plan, unit_code: str, folder: Path) -> Path:
    [unit] = [u for u in units_to_generate(plan) if u.code == unit_code]
    return generate_period(plan, PERIOD, folder, [unit]).written[0].path


def _typed(calc, source: Path, edits: list[tuple[str, str, str]], out: Path, formats=("xlsx",)) -> dict[str, Path]:
    """Type every (sheet key, cell, text) in one Calc session, saved in each format."""
    ops = [{"op": "unprotect", "sheet": SHEETS[key]} for key in SHEETS]
    ops += [{"op": "type", "sheet": SHEETS[key], "cell": cell, "text": text} for key, cell, text in edits]
    paths = {kind: out.with_suffix(f".{kind}") for kind in formats}
    ops += [{"op": "save", "path": str(path), "filter": FILTERS[kind]} for kind, path in paths.items()]
    calc.edit(source, ops)
    return paths


def _written(source: Path, edits: list[tuple[str, str, object]], out: Path) -> dict[str, Path]:
    book = openpyxl.load_workbook(source)
    for key, cell, value in edits:
        target = book[SHEETS[key]][cell]
        if isinstance(value, tuple):
            target.value, target.number_format = value
        else:
            target.value = value
            if isinstance(value, str):
                target.data_type = "s"
    path = out.with_suffix(".xlsx")
    book.save(path)
    return {"xlsx": path}


def _analysed(plan, path: Path):
    return analyse(path.read_bytes(), path.name, "", plan, PERIOD, DEFAULT_LIMITS)


def _at(analysis, sheet_key: str, code: str, field: str) -> list[str]:
    return [f["code"] for f in analysis.findings
            if f["sheet"] == SHEETS[sheet_key] and f["row_code"] == code and f["field"] == field]


def _row(analysis, sheet_key: str, code: str) -> dict:
    rows = analysis.task_values if sheet_key == "tasks" else analysis.criterion_values
    return next(r for r in rows if r["code"] == code)


def _session(request, profile: str):
    return request.getfixturevalue(f"calc_{profile}")


def _make(request, profile, source, edits, out, formats):
    if profile == "openpyxl":
        return _written(source, edits, out)
    return _typed(_session(request, profile), source, edits, out, formats)


@pytest.fixture(scope="module")
def bcvt_returns(request, shipped, tmp_path_factory):
    """BCVT's workbook filled per profile: completion cases on its tasks, ratio cases on its criteria, dates."""
    plan, folder = shipped.plan, tmp_path_factory.mktemp("bcvt")
    source = _generated(plan, "BCVT", folder / "generated")
    where = Layout(plan, "BCVT")
    tasks = list(where.rows["tasks"])
    made = {}
    for profile in ("vi", "en", "openpyxl"):
        edits, placed = [], {}
        for index, case in enumerate(c for c in COMPLETION if c[0] == profile):
            edits.append(("tasks", where.ref("tasks", tasks[index], "completion"), case[1]))
            placed[("completion", case[1])] = tasks[index]
        for index, case in enumerate(c for c in RATIO if c[0] == profile):
            edits.append(("criteria", where.ref("criteria", RATIO_HALF_POINT[index], "result"), case[1]))
            placed[("result", case[1])] = RATIO_HALF_POINT[index]
        for index, case in enumerate(c for c in DATES if c[0] == profile):
            code = tasks[-1 - index]
            status = "'" + labels.STATUS_DONE if profile == "en" else labels.STATUS_DONE  # the apostrophe stays
            edits.append(("tasks", where.ref("tasks", code, "status"), status))
            edits.append(("tasks", where.ref("tasks", code, "completed_on"), case[1]))
            placed[("completed_on", case[1])] = code
        paths = _make(request, profile, source, edits, folder / profile, ("xlsx", "ods", "xls"))
        made[profile] = ({kind: _analysed(plan, path) for kind, path in paths.items()}, placed)
    return made


def _cases(table, kinds=("xlsx", "ods", "xls")):
    return [pytest.param(kind, *case, id=f"{case[0]}-{kind}-{case[1]!r}") for case in table
            for kind in (kinds if case[0] != "openpyxl" else ("xlsx",))]


@pytest.mark.parametrize("kind, profile, typed, expected, finding", _cases(COMPLETION))
def test_completion_read_as_meant(bcvt_returns, kind, profile, typed, expected, finding):
    analyses, placed = bcvt_returns[profile]
    analysis, code = analyses[kind], placed[("completion", typed)]
    found = _at(analysis, "tasks", code, "completion")
    assert found == ([finding] if finding else []), (typed, found)
    assert _row(analysis, "tasks", code)["completion"] == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize("kind, profile, typed, expected, points, finding", _cases(RATIO))
def test_ratio_result_and_points(bcvt_returns, kind, profile, typed, expected, points, finding):
    analyses, placed = bcvt_returns[profile]
    analysis, code = analyses[kind], placed[("result", typed)]
    found = [c for c in _at(analysis, "criteria", code, "result") if SEVERITY[c] != "info"]
    assert found == ([finding] if finding else []), (typed, found)
    row = _row(analysis, "criteria", code)
    value = float(row["result_value"]) if row["result_value"] is not None else None
    assert value == (pytest.approx(expected) if expected is not None else None)
    assert row["points"] == pytest.approx(points)
    assert bool(row["left_out"]) == (expected is None)


@pytest.mark.parametrize("kind, profile, typed, expected, finding", _cases(DATES))
def test_dates_and_typing_residue(bcvt_returns, kind, profile, typed, expected, finding):
    analyses, placed = bcvt_returns[profile]
    analysis, code = analyses[kind], placed[("completed_on", typed)]
    found = [c for c in _at(analysis, "tasks", code, "completed_on") if SEVERITY[c] != "info"]
    assert found == ([finding] if finding else []), (typed, found)
    row = _row(analysis, "tasks", code)
    assert row["completed_on"] == (expected.isoformat() if expected else None)
    # Merged per cell: the row still counts with its status, only the bad date is left out.
    assert row["status"] == labels.STATUS_DONE
    assert row["left_out"] == ("" if expected else "completed_on")


@pytest.mark.parametrize("profile, typed, expected, points, finding", THRESHOLD_CASES,
                         ids=[f"{c[0]}-{c[1]!r}" for c in THRESHOLD_CASES])
def test_threshold_one_means_one_percent(request, shipped, tmp_path, profile, typed, expected, points, finding):
    plan = shipped.plan
    source = _generated(plan, "VP", tmp_path / "generated")
    ref = Layout(plan, "VP").ref("criteria", THRESHOLD, "result")
    path = _make(request, profile, source, [("criteria", ref, typed)], tmp_path / "typed", ("xlsx",))["xlsx"]
    analysis = _analysed(plan, path)
    row = _row(analysis, "criteria", THRESHOLD)
    assert float(row["result_value"]) == pytest.approx(expected) and row["points"] == pytest.approx(points)
    assert not [c for c in _at(analysis, "criteria", THRESHOLD, "result") if SEVERITY[c] != "info"]


# --- a correctly filled return gives no finding above info ------------------------------------

EVIDENCE = "Báo cáo số 12/BC-STTTT ngày 10/03/2022"


def _clean_answers(plan, unit_code: str, profile: str) -> list[tuple[str, str, object]]:
    """Every input a careful unit fills, typed the way its profile types (openpyxl: as Excel stores it)."""
    from cchc_xlsx.rules import scoring

    where, edits = Layout(plan, unit_code), []
    decimal = "," if profile == "vi" else "."
    leads = [t for t in plan.tasks_for(unit_code) if t.role_of(unit_code) == "lead"]
    for index, task in enumerate(leads):
        put = lambda column, value: edits.append(("tasks", where.ref("tasks", task.code, column), value))  # noqa: E731
        put("evidence", EVIDENCE)
        if index % 3 == 0:
            put("status", labels.STATUS_DONE)
            put("completion", 100 if profile == "openpyxl" else "100%")
            put("completed_on", {"vi": "15/03/2022", "en": "2022-03-15"}.get(profile, dt.datetime(2022, 3, 15)))
        else:
            put("status", labels.STATUS_IN_PROGRESS)
            put("completion", {"vi": "50", "en": "50%"}.get(profile, (0.5, "0%") if index % 2 else 50))
    for index, criterion in enumerate(plan.leaves_scored_by(unit_code)):
        put = lambda column, value: edits.append(("criteria", where.ref("criteria", criterion.code, column), value))  # noqa: E731,B023
        rule = criterion.rule
        if rule == scoring.CHOICE:
            answer = scoring.level_label(max(criterion.levels, key=lambda lv: lv.points or 0))
        elif rule == scoring.YESNO:
            answer = labels.YES
        elif rule in scoring.PERCENT_RULES:
            answer = {"vi": "96%", "en": "96"}.get(profile, (0.96, "0%"))
        elif rule == scoring.TIERS:
            answer = "0" if profile != "openpyxl" else 0
        else:
            points = round(scoring.leaf_max(criterion) * 0.8, 2)
            answer = points if profile == "openpyxl" else f"{points:g}".replace(".", decimal)
        put("result", answer)
        put("evidence", EVIDENCE)
    return edits


@pytest.mark.parametrize("profile", ["vi", "en", "openpyxl"])
def test_correct_return_has_no_finding_above_info(request, shipped, tmp_path, profile):
    plan = shipped.plan
    source = _generated(plan, "TTRA", tmp_path / "generated")
    path = _make(request, profile, source, _clean_answers(plan, "TTRA", profile), tmp_path / "clean", ("xlsx",))
    analysis = _analysed(plan, path["xlsx"])
    assert analysis.verdict == "accepted", [f["message"] for f in analysis.findings if f["severity"] != "info"]
    assert not [f for f in analysis.findings if f["code"] == "value-ambiguous" and f["field"] != "completed_on"]
    assert {r["code"]: r["completion"] for r in analysis.task_values if r["status"] == labels.STATUS_IN_PROGRESS} \
        and all(r["completion"] in (50, 100) for r in analysis.task_values if r["status"])


# --- feedback: one comment per place of a finding, the rest on the guide sheet ----------------

def _spoiled_return(plan, source: Path, out: Path) -> Path:
    """TTRA's return with many problems of every kind: cells, rows, columns, cached points."""
    from cchc_xlsx.rules import scoring

    where = Layout(plan, "TTRA")
    edits = _clean_answers(plan, "TTRA", "openpyxl")
    leads = [t.code for t in plan.tasks_for("TTRA") if t.role_of("TTRA") == "lead"]
    others = [t.code for t in plan.tasks_for("TTRA") if t.role_of("TTRA") != "lead"]
    leaves = plan.leaves_scored_by("TTRA")
    yesno = [c.code for c in leaves if c.rule == scoring.YESNO]
    points = [c.code for c in leaves if c.rule == scoring.POINTS]
    no_na = [c.code for c in leaves if not plan.allows_not_applicable(c.code)]
    t = lambda code, column, value: ("tasks", where.ref("tasks", code, column), value)  # noqa: E731
    c = lambda code, column, value: ("criteria", where.ref("criteria", code, column), value)  # noqa: E731
    edits += [
        t(leads[0], "completed_on", "31/02/2022"),        # date-invalid (a task done: its status still counts)
        t(leads[1], "status", "Hoàn thàn"),              # status-invalid
        t(leads[2], "completion", "abc"),                 # completion-invalid
        t(leads[3], "completed_on", dt.datetime(2022, 6, 20)),  # date-after-cutoff
        t(leads[3], "evidence", None),                    # evidence-missing
        t(leads[4], "completion", (1.2, "0%")),           # percent-above-100
        t(leads[5], "completion", (0.8, "General")),      # percent-fraction
        t(leads[6], "description", "Nội dung đã bị sửa"),  # locked-edited
        t(others[0], "code", "XX.9"), t(others[0], "status", labels.STATUS_DONE),  # row-unknown-code + row-missing
        t(others[1], "code", others[2]),                  # row-duplicate (and row-missing of others[1])
        ("tasks", f"B{layout.HEADER_ROW + 1}", None),     # header-missing-info: Nhiệm vụ chung gone
        c(yesno[0], "result", "co"), c(yesno[1], "result", "x"),  # read as Có: written back as Có
        c(yesno[2], "result", "có lẽ"),                   # result-invalid
        c(yesno[3], "result", None),                      # result-missing
        c(no_na[0], "not_applicable", labels.YES),        # na-not-allowed
        *(c(code, "points", 0.123) for code in points[:3]),  # points-differ, three times
    ]
    return _written(source, edits, out)["xlsx"]


def test_feedback_comments_every_finding_with_a_cell(shipped, tmp_path):
    from cchc_xlsx.collect import collect_paths
    from cchc_xlsx.feedback import write_feedback
    from cchc_xlsx.store.ledger import Ledger
    from cchc_xlsx.store.workspace import init_workspace

    workspace, built = init_workspace(tmp_path / "ws")
    plan = built.plan
    source = _generated(plan, "TTRA", tmp_path / "generated")
    spoiled = _spoiled_return(plan, source, workspace.inbox / "ttra")
    [outcome] = collect_paths(workspace, plan, PERIOD, [spoiled]).outcomes
    codes = {f["code"] for f in outcome.findings}
    assert {"date-invalid", "status-invalid", "completion-invalid", "date-after-cutoff", "evidence-missing",
            "percent-above-100", "percent-fraction", "locked-edited", "row-unknown-code", "row-missing",
            "row-duplicate", "header-missing-info", "result-invalid", "result-missing", "na-not-allowed",
            "points-differ"} <= codes, codes
    assert "header-missing" not in codes  # only an information column was deleted
    with Ledger(workspace.ledger_path) as ledger:
        [written] = write_feedback(plan, ledger, PERIOD, tmp_path / "feedback")
        merged = {r["code"]: dict(r) for r in ledger.query("SELECT * FROM merged_tasks WHERE period = ?", (PERIOD,))}
    leads = [t.code for t in plan.tasks_for("TTRA") if t.role_of("TTRA") == "lead"]
    # Merged per cell: the task with the unreadable date still counts as done, its date left out,
    # and the scorecard says so on that cell.
    assert merged[leads[0]]["status"] == labels.STATUS_DONE and merged[leads[0]]["left_out"] == "completed_on"
    _scorecard_marks_the_left_out_cells(plan, workspace, leads[0])

    shown = outcome.findings  # every finding, info included, is on the workbook; the email lists those above info
    rows = {"tasks": {t.code for t in plan.tasks_for("TTRA")}, "criteria": {c.code for c in criteria_rows(plan, "TTRA")}}
    key_of = {labels.SHEET_TASKS: "tasks", labels.SHEET_CRITERIA: "criteria"}
    placed = {(f["sheet"], f["row_code"], f["field"] or "code") for f in shown
              if f["sheet"] in key_of and f["row_code"] in rows[key_of[f["sheet"]]]}
    unplaced = [f for f in shown if not (f["sheet"] in key_of and f["row_code"] in rows[key_of[f["sheet"]]])]
    book = openpyxl.load_workbook(written.path)
    comments = [(sheet.title, cell.comment.text) for sheet in book for line in sheet.iter_rows() for cell in line
                if cell.comment]
    assert len(comments) == len(placed) and len(placed) >= 15
    commented = "\n".join(text for _, text in comments)
    for finding in shown:
        if finding not in unplaced:
            assert finding["message"] in commented, finding["code"]
    differ = next(f for f in shown if f["code"] == "points-differ")
    marked = book[labels.SHEET_CRITERIA][Layout(plan, "TTRA").ref("criteria", differ["row_code"], "points")]
    assert marked.comment and marked.fill.fgColor.rgb.endswith("F8CBAD")
    guide = "\n".join(str(v) for line in book[labels.SHEET_GUIDE].iter_rows(values_only=True) for v in line if v)
    assert unplaced and all(f["message"] in guide for f in unplaced)
    assert written.problems == [f["message"] for f in shown if f["severity"] != "info"]
    # The email says where each listed problem is: at its cell, or on the guide sheet.
    from cchc_xlsx.mail.compose import load_template

    body = load_template("feedback").body.template
    assert f"“{labels.SHEET_GUIDE}”" in body and "ghi chú ngay tại ô" in body

    # Values go back as the tool read them: "co" and "x" as "Có", so the cached points are the tool's.
    sheet = openpyxl.load_workbook(written.path, data_only=True)[labels.SHEET_CRITERIA]
    where = Layout(plan, "TTRA")
    values = {r["code"]: r for r in outcome_values(workspace)}
    from cchc_xlsx.rules import scoring
    for code in [c.code for c in plan.leaves_scored_by("TTRA") if c.rule == scoring.YESNO][:2]:
        assert sheet[where.ref("criteria", code, "result")].value == labels.YES
        assert sheet[where.ref("criteria", code, "points")].value == pytest.approx(values[code]["points"])
    # LibreOffice recalculating the feedback workbook finds the same points as cached (as Excel shows them).
    from cchc_xlsx.xlsx.libreoffice import XLSX_FILTER, convert, find_soffice
    from conftest import require

    require("LibreOffice", find_soffice() is not None)
    [recalculated] = convert([written.path], XLSX_FILTER, tmp_path / "recalculated")
    again = openpyxl.load_workbook(recalculated, data_only=True)[labels.SHEET_CRITERIA]
    for code in where.rows["criteria"]:
        ref = where.ref("criteria", code, "points")
        assert again[ref].value == pytest.approx(sheet[ref].value or 0), code


def outcome_values(workspace) -> list[dict]:
    from cchc_xlsx.store.ledger import Ledger

    with Ledger(workspace.ledger_path) as ledger:
        return [dict(r) for r in ledger.query("SELECT * FROM criterion_values")]


def _scorecard_marks_the_left_out_cells(plan, workspace, task_code: str) -> None:
    from cchc_xlsx.store.ledger import Ledger
    from cchc_xlsx.scorecard import write_scorecard

    path = workspace.reports(PERIOD) / "scorecard.xlsx"
    with Ledger(workspace.ledger_path) as ledger:
        data = write_scorecard(path, plan, ledger, PERIOD, labels.DEFAULT_BANDS, today=dt.date(2022, 6, 20))
    assert data.tasks[(task_code, "TTRA")].status == labels.STATUS_DONE
    sheet = openpyxl.load_workbook(path)[labels.SC_SHEETS["tasks"]]
    headers = list(labels.SC_TASK_HEADERS)
    marked = [(row[0].value, headers[cell.column - 1]) for row in sheet.iter_rows() for cell in row
              if cell.comment and labels.LEFT_OUT_NOTE in cell.comment.text]
    assert (task_code, "completed_on") in marked
    assert all(column in ("status", "completion", "completed_on") for _, column in marked)
    sheet = openpyxl.load_workbook(path)[labels.SC_SHEETS["criteria"]]
    headers = list(labels.SC_CRITERIA_HEADERS)
    marked = {(row[0].value, headers[cell.column - 1]) for row in sheet.iter_rows() for cell in row
              if cell.comment and labels.LEFT_OUT_NOTE in cell.comment.text}
    invalid = [c.code for c in plan.leaves_scored_by("TTRA") if c.rule == "yesno"][2]
    assert (invalid, "result") in marked and all(column in ("result", "na") for _, column in marked)


def test_generated_inputs_show_numbers_alike_and_steer_to_one_entry(shipped, tmp_path):
    """Number inputs are General (80 shows "80" in Excel and LibreOffice, not "80."; typing "80%" makes the
    cell a percent cell in both, which collect reads); completion accepts whole numbers 0..100 only."""
    plan = shipped.plan
    book = openpyxl.load_workbook(_generated(plan, "BCVT", tmp_path))
    where = Layout(plan, "BCVT")
    task = next(iter(where.rows["tasks"]))
    tasks, criteria = book[labels.SHEET_TASKS], book[labels.SHEET_CRITERIA]
    assert tasks[where.ref("tasks", task, "completion")].number_format == "General"
    assert criteria[where.ref("criteria", RATIO_HALF_POINT[0], "result")].number_format == "General"
    rules = {(dv.type, dv.formula1, dv.formula2) for dv in tasks.data_validations.dataValidation
             if where.ref("tasks", task, "completion") in dv.sqref}
    assert rules == {("whole", "0", "100")}
    rules = {(dv.type, dv.formula1, dv.formula2) for dv in criteria.data_validations.dataValidation
             if where.ref("criteria", RATIO_HALF_POINT[0], "result") in dv.sqref}
    assert rules == {("decimal", "0", "100")}
