"""The fixtures of the page's HTTP tests (test_serve.py, test_page.py): a generated workspace,
a fresh copy of it per test, and a client of the page on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from cchc_xlsx.cli import cli
from cchc_xlsx.serve.app import create_app
from cchc_xlsx.store.workspace import Workspace

TOKEN = "test-token"
PERIOD = "q1"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("page") / "ws"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root)]).exit_code == 0
    assert runner.invoke(cli, ["generate", "-w", str(root), "-p", PERIOD]).exit_code == 0
    return root


@pytest.fixture
def workspace(generated, tmp_path) -> Workspace:
    root = tmp_path / "ws"
    shutil.copytree(generated, root)
    return Workspace.open(root)


@pytest.fixture
def client(workspace):
    app = create_app(workspace, csrf_token=TOKEN)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        test_client.app_state = app.state
        yield test_client
