"""The whole cycle on the shipped plan and the sample returns, for a newcomer: one call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from cchc_xlsx.collect import collect_paths
from cchc_xlsx.collect.report import findings_table, unit_status, write_validation_report
from cchc_xlsx.feedback import write_feedback
from cchc_xlsx.generate import generate_period, units_to_generate
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.xlsx.libreoffice import OfficeMissing, convert
from cchc_xlsx.scorecard import headline, write_scorecard
from cchc_xlsx.store.workspace import init_workspace

PERIODS = ("q1", "h1")


def samples_dir() -> Path:
    """The sample returns shipped with the package (q1/ and h1/)."""
    # A source tree's own samples first (an editable install maps the package to its own checkout).
    source_tree = Path(__file__).resolve().parents[2] / "samples"
    if (source_tree / "__init__.py").exists() and (source_tree / "q1").is_dir():
        return source_tree
    try:
        return Path(str(resources.files("cchc_xlsx.samples")))
    except ModuleNotFoundError:  # a source tree that was not installed
        return source_tree


@dataclass
class DemoResult:
    root: Path
    files: dict[str, list[Path]] = field(default_factory=dict)   # what → files written
    index: dict[str, float] = field(default_factory=dict)        # period → ChiSoCCHC
    problems: dict[str, dict[str, int]] = field(default_factory=dict)  # period → unit → errors+warnings
    missing: dict[str, list[str]] = field(default_factory=dict)
    notes: list[tuple[str, dict]] = field(default_factory=list)  # console line keys and their fields


def run_demo(root: Path, mail_drafts=None) -> DemoResult:
    """init → generate → mail drafts → collect the samples → reports, feedback, scorecard, PDF.

    Args:
        root: a new folder for the demo workspace.
        mail_drafts: a callable(workspace, plan, period) → list of paths, to write the mail drafts.
    """
    workspace, built = init_workspace(root)
    plan = built.plan
    result = DemoResult(workspace.root)
    add = lambda what, paths: result.files.setdefault(what, []).extend(paths)  # noqa: E731
    now = dt.datetime.now().replace(microsecond=0)
    for period in PERIODS:
        generated = generate_period(plan, period, workspace.outbox(period), units_to_generate(plan), now=now)
        add("workbooks", [w.path for w in generated.written])
        if mail_drafts:
            add("mail drafts", mail_drafts(workspace, plan, period))
        collect_paths(workspace, plan, period, [samples_dir() / period])
        with Ledger(workspace.ledger_path) as ledger:
            status = unit_status(ledger, plan, period)
            add("validation reports", [write_validation_report(workspace.reports(period) / "validation.xlsx", plan,
                                                               period, status, findings_table(ledger, period))])
            feedback = write_feedback(plan, ledger, period, workspace.reports(period) / "feedback")
            add("feedback workbooks", [f.path for f in feedback])
            scorecard = workspace.reports(period) / "scorecard.xlsx"
            data = write_scorecard(scorecard, plan, ledger, period, workspace.bands())
            add("scorecards", [scorecard])
        result.index[period] = headline(data)["index"]
        result.problems[period] = {row.unit: int(row.error + row.warning) for row in status.itertuples()
                                   if row.error or row.warning}
        result.missing[period] = status[status["state"] == "missing"]["unit"].tolist()
    try:
        scorecards = [workspace.reports(p) / "scorecard.xlsx" for p in PERIODS]
        add("PDF", [convert([s], "pdf", s.parent)[0] for s in scorecards])
    except OfficeMissing:
        result.notes.append(("demo-no-office", {}))
    except (RuntimeError, OSError) as exc:
        result.notes.append(("demo-print-failed", {"reason": str(exc)}))
    return result
