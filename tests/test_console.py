"""The console speaks Vietnamese by default, English with --lang en or CCHC_LANG=en; --json is UTF-8."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_xlsx import text as labels
from cchc_xlsx.text import language as console
from cchc_xlsx.cli import cli
from cchc_xlsx.store.ledger import journal_mode_for, on_shared_storage
from cchc_xlsx.xlsx.libreoffice import find_soffice


@pytest.fixture
def vietnamese(monkeypatch):
    monkeypatch.delenv("CCHC_LANG", raising=False)
    console.set_language(None)
    yield
    console.set_language(None)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("console") / "ws"
    assert CliRunner().invoke(cli, ["init", str(root)]).exit_code == 0
    return root


def test_status_is_vietnamese_by_default(vietnamese, workspace):
    result = CliRunner().invoke(cli, ["status", "-w", str(workspace), "-p", "q1"])
    assert result.exit_code == 0, result.output
    assert labels.STATE["missing"] == "Chưa gửi" and "Chưa gửi" in result.output
    assert "missing" not in result.output and "hạn" in result.output


def test_lang_en_option_and_environment(vietnamese, workspace, monkeypatch):
    result = CliRunner().invoke(cli, ["--lang", "en", "status", "-w", str(workspace), "-p", "q1"])
    assert "missing" in result.output and "Chưa gửi" not in result.output
    console.set_language(None)
    monkeypatch.setenv("CCHC_LANG", "en_US.UTF-8")
    result = CliRunner().invoke(cli, ["status", "-w", str(workspace), "-p", "q1"])
    assert "missing" in result.output and "due" in result.output


def test_lang_after_the_command_is_taken_from_argv(vietnamese):
    assert console.choose_from_argv(["status", "-p", "q1", "--lang", "en"]) == ["status", "-p", "q1"]
    assert console.language() == "en"
    assert console.choose_from_argv(["--lang=vi", "status"]) == ["status"] and console.language() == "vi"


def test_scorecard_index_line_and_finding_titles(vietnamese):
    line = console.say("scorecard-index", index=54.2345, points=31.3, max=57.7, returned=5, units=6)
    assert line.startswith("Chỉ số CCHC 54,23% (31,3 / 57,7 điểm)")
    assert console.say("scorecard-index", lang="en", index=54.2345, points=1, max=2, returned=1,
                       units=2).startswith("Index 54.23%")
    assert console.finding_title("plan-task-without-lead") == "Nhiệm vụ chưa có chủ trì"
    assert console.finding_title("plan-something-new") == "Kế hoạch"
    assert console.finding_title("plan-bad-number", lang="en") == "Not a number"  # the catalogue's title_en
    assert console.finding_title("plan-something-new", lang="en") == "Plan something new"  # unknown: code as words
    assert console.state_text("held") == "Chờ Văn phòng xác nhận"
    # every console key exists in both languages, with the same fields
    assert labels.CONSOLE_LINES["vi"].keys() == labels.CONSOLE_LINES["en"].keys()


def test_plan_check_findings_show_titles(vietnamese, plan_copy):
    tasks = plan_copy / "tasks.csv"
    with tasks.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["lead"] = ""
    with tasks.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = CliRunner().invoke(cli, ["plan", "check", "--plan", str(plan_copy)])
    assert "[lỗi] Nhiệm vụ chưa có chủ trì (plan-task-without-lead)" in result.output


def test_json_is_utf8_under_a_vietnamese_windows_code_page(workspace):
    env = {**os.environ, "PYTHONIOENCODING": "cp1258", "CCHC_LANG": "vi"}
    done = subprocess.run([sys.executable, "-m", "cchc_xlsx", "status", "-w", str(workspace), "-p", "q1", "--json"],
                          capture_output=True, env=env, check=True)
    rows = json.loads(done.stdout.decode("utf-8"))
    assert any("Trung tâm" in row["unit_name"] for row in rows)
    done = subprocess.run([sys.executable, "-m", "cchc_xlsx", "plan", "check", "-w", str(workspace), "--json"],
                          capture_output=True, env=env)
    assert "Sở Thông tin và Truyền thông" in json.loads(done.stdout.decode("utf-8"))["department"]


def test_ledger_journal_on_shares_and_synced_folders(tmp_path):
    assert on_shared_storage(Path(r"\\server\share\ws\ledger.sqlite"))
    assert on_shared_storage(Path("C:/Users/vp/OneDrive - So TTTT/ws/ledger.sqlite"))
    assert on_shared_storage(Path("/home/vp/Dropbox/ws/ledger.sqlite"))
    assert on_shared_storage(Path("G:/My Drive/ws/ledger.sqlite"))
    assert journal_mode_for(tmp_path / "ledger.sqlite") == "WAL"
    assert journal_mode_for(Path("/home/vp/Google Drive/ws/ledger.sqlite")) == "DELETE"
    (tmp_path / "cchc.toml").write_text('[ledger]\njournal_mode = "delete"\n', encoding="utf-8")
    assert journal_mode_for(tmp_path / "ledger.sqlite") == "DELETE"
    from cchc_xlsx.store.ledger import Ledger

    with Ledger(tmp_path / "ledger.sqlite") as ledger:
        assert ledger.query("PRAGMA journal_mode")[0][0] == "delete"


def test_soffice_in_program_w6432(tmp_path, monkeypatch):
    program = tmp_path / "LibreOffice" / "program"
    program.mkdir(parents=True)
    (program / "soffice.exe").write_bytes(b"")
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setenv("ProgramW6432", str(tmp_path))
    monkeypatch.delenv("PROGRAMFILES", raising=False)
    assert find_soffice() == program / "soffice.exe"


def test_benchmarks_import_without_resource(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_resource(name, *args, **kwargs):
        if name == "resource":
            raise ImportError("no resource on Windows")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_resource)
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    sys.modules.pop("bench_collect", None)
    import bench_collect

    assert bench_collect._peak_kb() == 0.0


def test_a_pdf_held_open_by_a_viewer_says_close_it_and_run_again(vietnamese, tmp_path, monkeypatch):
    from cchc_xlsx.app import stages
    from cchc_xlsx.store.workspace import init_workspace
    from cchc_xlsx.xlsx.writeout import OutputLocked, write_bytes_atomic

    workspace, _ = init_workspace(tmp_path / "ws")
    scorecard = workspace.reports("q1") / "scorecard.xlsx"
    write_bytes_atomic(scorecard, b"PK")

    def locked(files, target, outdir, timeout=300):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr("cchc_xlsx.xlsx.libreoffice.convert", locked)
    with pytest.raises(OutputLocked) as caught:
        stages.print_scorecard(workspace, "q1")
    assert "đóng tệp" in str(caught.value) and "rồi chạy lại" in str(caught.value)
    assert "scorecard.pdf" in str(caught.value)
    # a workbook Excel holds open cannot be replaced: the same words
    monkeypatch.setattr("os.replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "in use")))
    with pytest.raises(OutputLocked) as caught:
        write_bytes_atomic(scorecard, b"new")
    assert "đóng tệp" in str(caught.value)



def test_every_finding_code_reads_as_a_vietnamese_title():
    # Codes added later without their own title read as their family's ("Kế hoạch", "Tệp", ...).
    from cchc_xlsx.findings import catalogue

    for code in catalogue.SEVERITY:
        title = console.finding_title(code, "vi")
        assert title and title != code, code


# --- what a command says when it cannot start, and why a file could not be read ---------------

@pytest.mark.parametrize("args, vietnamese_text, english_text", [
    (["collect", "-p", "zz"], "không có kỳ “zz”", "unknown period 'zz'"),
    (["generate", "-p", "q1", "--unit", "XX"], "không có đơn vị “XX”", "unknown unit 'XX'"),
    (["plan", "diff", "no-such-version"], "không có phiên bản kế hoạch", "no kept plan version"),
])
def test_usage_problems_are_said_in_the_consoles_language(vietnamese, workspace, args, vietnamese_text,
                                                          english_text):
    command = ([*args[:2], "-w", str(workspace), *args[2:]] if args[0] == "plan"
               else [args[0], "-w", str(workspace), *args[1:]])
    said = CliRunner().invoke(cli, command)
    assert said.exit_code == 2 and vietnamese_text in said.output, said.output
    assert english_text not in said.output
    said = CliRunner().invoke(cli, ["--lang", "en", *command])
    assert said.exit_code == 2 and english_text in said.output, said.output


def test_a_missing_workspace_is_said_in_vietnamese(vietnamese, tmp_path):
    said = CliRunner().invoke(cli, ["status", "-w", str(tmp_path / "none"), "-p", "q1"])
    assert said.exit_code == 2 and "không phải thư mục làm việc cchc" in said.output, said.output


def test_an_unreadable_plan_is_explained_in_the_clerks_words(vietnamese, tmp_path):
    broken = tmp_path / "kế hoạch.xlsx"
    broken.write_bytes(b"not a workbook at all")
    said = CliRunner().invoke(cli, ["plan", "check", "--plan", str(broken)])
    assert said.exit_code == 1
    assert labels.READ_REASONS["BadZipFile"] in said.output and "(BadZipFile" in said.output, said.output


def test_reason_text_uses_the_nearest_known_reader_error():
    import zipfile

    from cchc_xlsx.findings.catalogue import reason_text

    assert reason_text(zipfile.BadZipFile("File is not a zip file")) == \
        f"{labels.READ_REASONS['BadZipFile']} (BadZipFile: File is not a zip file)"
    assert reason_text(FileNotFoundError()).startswith(labels.READ_REASONS["FileNotFoundError"])
    assert reason_text(RuntimeError("boom")) == f"{labels.READ_REASON_OTHER} (RuntimeError: boom)"


def test_corrections_name_the_field_in_vietnamese(vietnamese):
    from cchc_xlsx.plan.check import field_words

    assert field_words("level 2 points") == "điểm của mức 2"
    assert field_words("declared_max") == "điểm tối đa"
    said = CliRunner().invoke(cli, ["plan", "check"])
    corrected = [line for line in said.output.splitlines() if "plan-corrected" in line]
    assert corrected and not any("declared_max" in line or "level 2 points" in line for line in corrected)
