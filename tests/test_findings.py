"""The findings catalogue (each code once, with its severity, titles in both languages and its
message), the one ``Finding`` from the stage that finds it to the ledger, the texts split by stage,
and the one ``safe_name``."""

from __future__ import annotations

import ast
import re
import sqlite3
from pathlib import Path

import pytest

from cchc_xlsx import text as labels
from cchc_xlsx.collect.analyse import Analysis, file_finding
from cchc_xlsx.findings import catalogue
from cchc_xlsx.findings.catalogue import (
    CATALOGUE,
    FILE_FATAL,
    SEVERITY,
    TABLES,
    cell_finding,
    finding,
)
from cchc_xlsx.findings.kind import Kind
from cchc_xlsx.findings.report import STORED, Finding, Report
from cchc_xlsx.store.ledger import Ledger, Submission
from cchc_xlsx.text import language

PACKAGE = Path(catalogue.__file__).resolve().parents[1]
SEVERITIES = {"error", "warning", "info"}
# How a stage names a finding in its code: finding("x"), cell_finding("x", ...), ctx.add("x", ...).
RAISED = re.compile(r'(?:\bfinding|\bfile_finding|\b_finding|\bcell_finding|\.add|\bmessage|\bRefusal)\(\s*"([a-z0-9-]+)"')


def _sources():
    return [(path, path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.rglob("*.py"))]


# --- the catalogue --------------------------------------------------------------------------

def test_each_code_is_in_one_row_of_one_table():
    codes = [row.code for table in TABLES for row in table]
    assert len(codes) == len(set(codes)) == len(CATALOGUE)
    with pytest.raises(ValueError, match="twice"):
        catalogue._index((TABLES[0], TABLES[0][:1]))


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_row_has_a_severity_both_titles_and_a_message_naming_the_place(code):
    row = CATALOGUE[code]
    assert row.severity in SEVERITIES and SEVERITY[code] == row.severity
    assert row.title_vi and row.title_en and row.title_vi != row.title_en, code
    assert language.finding_title(code, "vi") == row.title_vi
    assert language.finding_title(code, "en") == row.title_en
    place = "{where}" if code.startswith("plan-") else "{file}"
    if code not in ("plan-checks-skipped", "unit-missing"):  # about the whole plan; a unit that sent nothing
        assert place in row.message, code
    assert row.fatal == (code in FILE_FATAL)
    assert not row.fatal or row.severity == "error", code


def test_every_code_the_package_raises_is_in_the_catalogue():
    raised = {(path.name, code) for path, text in _sources() if path.relative_to(PACKAGE).parts[0] != "findings"
              for code in RAISED.findall(text)}
    assert len(raised) > 80  # the pattern still finds the stages' calls
    assert [(name, code) for name, code in sorted(raised) if code not in CATALOGUE] == []


def test_a_code_no_longer_catalogued_reads_as_its_family():
    assert catalogue.title("file-something-new", "vi") == catalogue.FAMILIES["vi"]["file"]
    assert catalogue.title("file-something-new", "en") == "File something new"
    with pytest.raises(KeyError):
        finding("no-such-code")


# --- one Finding ----------------------------------------------------------------------------

def test_a_cell_finding_carries_its_place_and_the_catalogues_words():
    found = cell_finding("status-invalid", file="VP.xlsx", sheet=labels.SHEET_TASKS, cell="G5", row_code="NV1.1",
                         field="status", value="Hoàn thàn", allowed="A, B")
    expected = CATALOGUE["status-invalid"].message.format(file="VP.xlsx", sheet=labels.SHEET_TASKS, cell="G5",
                                                          value="Hoàn thàn", code="NV1.1", allowed="A, B")
    assert found == Finding(code="status-invalid", severity="error", message=expected, file="VP.xlsx",
                            sheet=labels.SHEET_TASKS, cell="G5", row_code="NV1.1", field="status", value="Hoàn thàn")
    assert found["code"] == found.code and found["row_code"] == "NV1.1"  # reads like a ledger row too
    with pytest.raises(KeyError):
        found["nothing"]
    assert catalogue.message("status-invalid", file="VP.xlsx", sheet=labels.SHEET_TASKS, cell="G5",
                             value="Hoàn thàn", code="NV1.1", allowed="A, B") == expected


def test_a_plan_finding_keeps_the_json_plan_check_prints():
    found = finding("plan-missing-value", where="tasks.csv:3", column="Chủ trì")
    assert found.as_dict() == {"code": "plan-missing-value", "severity": "error", "where": "tasks.csv:3",
                               "message": CATALOGUE["plan-missing-value"].message.format(where="tasks.csv:3",
                                                                                         column="Chủ trì")}
    report = Report([found, finding("plan-max-missing", where="criteria.csv:9", code="I.1", computed=2)])
    assert not report.valid and report.count("info") == 1 and report.sorted()[0] is found


@pytest.mark.parametrize("code", sorted(FILE_FATAL))
def test_a_fatal_finding_rejects_the_whole_file(code):
    fields = {"expected": ".xlsx", "size": "1 MB", "limit": "1 MB", "detail": "x", "reason": "x", "found": "x",
              "rows": 1, "columns": 1}
    assert Analysis(unit="VP", findings=[file_finding(code, "a.xlsx", **fields)]).verdict == "rejected"


def test_verdicts_follow_the_catalogues_severities():
    assert Analysis(unit="VP").verdict == "accepted"
    assert Analysis(unit="VP", findings=[file_finding("file-macros", "a.xlsm")]).verdict == "accepted"
    assert Analysis(unit="VP", findings=[file_finding("formats-unknown", "a.xlsx")]).verdict == "warnings"
    invalid = cell_finding("date-invalid", file="a.xlsx", sheet="s", cell="I5", value="x")
    assert Analysis(unit="VP", findings=[invalid]).verdict == "errors"
    assert Analysis(unit=None).verdict == "rejected"


def test_findings_go_through_the_ledger_unchanged(tmp_path):
    findings = [cell_finding("completion-invalid", file="VP.xlsx", sheet=labels.SHEET_TASKS, cell="H7",
                             row_code="NV1.2", field="completion", value="150"),
                file_finding("meta-missing", "VP.xlsx", unit="Văn phòng", how="tên tệp"),
                cell_finding("result-above-max", file="VP.xlsx", sheet=labels.SHEET_CRITERIA, cell="E9",
                             row_code="I.1.1", field="result", value="7,5", max=2)]
    with Ledger(tmp_path / "ledger.sqlite") as ledger:
        first = ledger.record(Submission("a" * 64, "q1", "VP.xlsx", "inbox/VP.xlsx", unit="VP", verdict="errors",
                                         findings=findings))
        other = ledger.record(Submission("b" * 64, "q1", "TTRA.xlsx", "inbox/TTRA.xlsx", unit="TTRA",
                                         verdict="accepted"))
        row = ledger.query("SELECT errors, warnings, infos FROM submissions WHERE id = ?", (first,))[0]
        assert tuple(row) == (2, 1, 0)
        stored = ledger.query("SELECT * FROM findings WHERE submission_id = ? ORDER BY rowid", (first,))
        assert [tuple(r[c] for c in STORED) for r in stored] == [f.stored() for f in findings]
        assert ledger.findings([first, other]) == {first: findings}
        assert ledger.findings([]) == {}


def test_a_ledger_row_with_empty_places_reads_as_empty_text(tmp_path):
    path = tmp_path / "ledger.sqlite"
    with Ledger(path) as ledger:
        submission = ledger.record(Submission("c" * 64, "q1", "old.xlsx", "inbox/old.xlsx", unit="VP",
                                              verdict="warnings"))
    with sqlite3.connect(path) as db:  # as an earlier version wrote a file's finding: NULL places
        db.execute("INSERT INTO findings (submission_id, code, severity, message) VALUES (?, ?, ?, ?)",
                   (submission, "meta-missing", "warning", "old.xlsx: ..."))
    with Ledger(path) as ledger:
        assert ledger.findings([submission])[submission] == [
            Finding(code="meta-missing", severity="warning", message="old.xlsx: ...", file="old.xlsx")]


def test_a_finding_is_replaced_whole_and_has_no_other_fields():
    found = file_finding("file-macros", "a.xlsm")
    assert found.replace(message="x") == Finding("file-macros", "info", "x", file="a.xlsm")
    assert found.message != "x"
    with pytest.raises(AttributeError):  # slots: a misspelt place is an error, not a new field
        found.sheeet = "x"


# --- the texts, split by stage --------------------------------------------------------------

def test_the_text_package_only_re_exports_its_modules_one_line_each_alphabetical():
    init = PACKAGE / "text" / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    body = [node for node in tree.body if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
    assert body and all(isinstance(node, ast.ImportFrom) and [a.name for a in node.names] == ["*"] for node in body)
    modules = [node.module for node in body]
    assert modules == sorted(modules)
    present = {p.stem for p in (PACKAGE / "text").glob("*.py")} - {"__init__", "language"}
    assert {m.rsplit(".", 1)[-1] for m in modules} == present


def test_no_text_is_defined_in_two_modules():
    defined: dict[str, str] = {}
    for path in sorted((PACKAGE / "text").glob("*.py")):
        if path.stem in ("__init__", "language"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Name) and target.id.isupper():
                    assert target.id not in defined, f"{target.id}: {defined[target.id]} and {path.stem}"
                    defined[target.id] = path.stem
    assert len(defined) > 100
    assert all(hasattr(labels, name) for name in defined)
    assert not hasattr(labels, "MESSAGES") and not hasattr(labels, "FINDING_TITLES")  # in the catalogue


# --- one safe_name --------------------------------------------------------------------------

def test_there_is_one_safe_name():
    defined = [(path.relative_to(PACKAGE).as_posix(), node.name) for path, text in _sources()
               for node in ast.walk(ast.parse(text))
               if isinstance(node, ast.FunctionDef) and "safe_name" in node.name]
    assert defined == [("core/names.py", "safe_name")]


def test_kind_titles_follow_the_language():
    row = Kind("x-y", "info", "Tiêu đề", "Title", "{file}")
    assert (row.title("vi"), row.title("en"), row.title("fr")) == ("Tiêu đề", "Title", "Tiêu đề")
