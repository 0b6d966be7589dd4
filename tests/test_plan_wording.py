"""Wording comes from the plan, not from one department: the office's name in mail, tiers explained
by their own level texts, the hạ chuẩn condition shown where units and the Office score."""

from __future__ import annotations

import dataclasses
import datetime as dt

import openpyxl
from click.testing import CliRunner

from cchc_xlsx import text as labels
from cchc_xlsx.rules import scoring
from cchc_xlsx.cli import cli
from cchc_xlsx.generate import generate_period
from cchc_xlsx.mail.compose import compose_message
from cchc_xlsx.core.model import Criterion, Level

NA_TEXT = "Nếu không được giao xây dựng VBQPPL thì hạ điểm chuẩn"


def _rule_cells(path, sheet_name: str, code: str) -> str:
    sheet = openpyxl.load_workbook(path, read_only=True)[sheet_name]
    for row in sheet.iter_rows(values_only=True):
        if code in row:
            return " ".join(str(v) for v in row if isinstance(v, str))
    raise AssertionError(f"{code} not on {sheet_name}")


def test_mail_names_the_plans_office(shipped):
    plan = shipped.plan
    unit, period = plan.units_by_code["TTRA"], plan.periods[0]
    message = compose_message(plan, unit, period, "reminder", "a.xlsx", b"x", sender="cchc@example.vn")
    body = message.get_body().get_content()
    assert "Văn phòng Sở" in body  # the shipped plan's office
    other = dataclasses.replace(plan, meta={**plan.meta, "office": "Phòng Nội vụ huyện"})
    body = compose_message(other, unit, period, "reminder", "a.xlsx", b"x", sender="c@example.vn") \
        .get_body().get_content()
    assert "Phòng Nội vụ huyện" in body and "Văn phòng Sở" not in body


def test_tiers_are_explained_by_their_own_level_texts():
    documents = Criterion("X.1", None, "Văn bản trái pháp luật bị phát hiện", 1.0, rule=scoring.TIERS, levels=(
        Level(1, "Không có văn bản trái pháp luật", 1.0, 0), Level(2, "Có 1 văn bản trái pháp luật", 0.5, 1),
        Level(3, "Từ 2 văn bản trở lên", 0.0, 2)))
    text = scoring.rule_text(documents)
    assert "văn bản trái pháp luật" in text and "nhiệm vụ" not in text
    assert "Có 1 văn bản trái pháp luật (số lượng từ 1): 0,5" in text.splitlines()


def test_the_na_condition_is_in_the_unit_workbook_and_the_scorecard(shipped, tmp_path):
    plan = shipped.plan
    assert plan.not_applicable_text("I.2.1.1") == NA_TEXT
    written = generate_period(plan, "q1", tmp_path / "out", [plan.units_by_code["TTRA"]],
                              now=dt.datetime(2022, 3, 1)).written[0].path
    assert f"{labels.NA_CONDITION.format(text=NA_TEXT)}" in _rule_cells(written, labels.SHEET_CRITERIA, "I.2.1.1")
    root = tmp_path / "ws"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root)]).exit_code == 0
    result = runner.invoke(cli, ["scorecard", "-w", str(root), "-p", "q1"])
    assert result.exit_code in (0, 1), result.output
    scorecard = root / "reports" / "q1" / "scorecard.xlsx"
    assert NA_TEXT in _rule_cells(scorecard, labels.SC_SHEETS["criteria"], "I.2.1.1")


def test_the_workspace_may_name_the_office(tmp_path):
    from cchc_xlsx.store.workspace import Workspace, init_workspace

    workspace, built = init_workspace(tmp_path / "ws")
    settings = workspace.root / "cchc.toml"
    settings.write_text('office = "Phòng Tổ chức"\n' + settings.read_text(encoding="utf-8"), encoding="utf-8")
    plan = Workspace.open(workspace.root).load_plan().plan
    assert plan.meta["office"] == "Phòng Tổ chức" and plan.plan_id == built.plan.plan_id
