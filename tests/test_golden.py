"""Layout regressions fail here: the demo's workbooks against their golden copies (tests/golden/).
An intended change regenerates them with ``python tests/golden_files.py --update``."""

from __future__ import annotations

import pytest

from golden_files import FILES, differences, run_demo


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("golden") / "demo")


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_demo_workbook_matches_its_golden_copy(demo_root, name):
    problems = differences(name, demo_root / FILES[name])
    assert not problems, "\n".join(problems) + "\n(an intended change: python tests/golden_files.py --update)"
