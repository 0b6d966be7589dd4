"""An output never replaces what the workspace keeps: the ledger, the archive, the inbox, the plan."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cchc_xlsx.cli import cli
from cchc_xlsx.store.workspace import init_workspace


@pytest.mark.parametrize("command, target", [
    ("scorecard", "ledger.sqlite"), ("scorecard", "ledger.sqlite-wal"), ("scorecard", "cchc.toml"),
    ("scorecard", "archive/x.xlsx"), ("scorecard", "inbox/x.xlsx"), ("scorecard", "plan/x.xlsx"),
    ("scorecard", "outbox/q1/x.xlsx"), ("evidence", "."), ("evidence", "archive"), ("evidence", "inbox/pack"),
])
def test_an_output_into_the_records_is_refused_and_nothing_changes(tmp_path, command, target):
    workspace, _ = init_workspace(tmp_path / "ws")
    (workspace.archive / "x.xlsx").write_bytes(b"kept")
    ledger_before = workspace.ledger_path.read_bytes() if workspace.ledger_path.exists() else None
    before = sorted(p.relative_to(workspace.root) for p in workspace.root.rglob("*"))
    result = CliRunner().invoke(cli, [command, "-w", str(workspace.root), "-p", "q1",
                                      "-o", str(workspace.root / target)])
    assert result.exit_code == 2, result.output
    assert sorted(p.relative_to(workspace.root) for p in workspace.root.rglob("*")) == before
    assert (workspace.archive / "x.xlsx").read_bytes() == b"kept"
    if ledger_before is not None:
        assert workspace.ledger_path.read_bytes() == ledger_before


def test_a_scorecard_output_must_be_a_workbook(tmp_path):
    workspace, _ = init_workspace(tmp_path / "ws")
    result = CliRunner().invoke(cli, ["scorecard", "-w", str(workspace.root), "-p", "q1",
                                      "-o", str(tmp_path / "scorecard.csv")])
    assert result.exit_code == 2 and not (tmp_path / "scorecard.csv").exists()
