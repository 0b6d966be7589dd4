"""The stages as the command line and the Office's page run them: each does its work and
returns what it did; printing is the caller's.

``cli.py`` and ``serve/`` call these, so a button on the page does exactly what its command does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cchc_xlsx.text.language import say
from cchc_xlsx.core.errors import InputProblem
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.core.model import Plan
from cchc_xlsx.store.workspace import Workspace
from cchc_xlsx.xlsx.writeout import OutputLocked


@dataclass
class Collected:
    """A collect run: what happened to each item, the units' status after it, the report written."""

    result: object
    status: object
    report: Path


def collect(workspace: Workspace, plan: Plan, period_code: str, items: Iterable, *,
            progress: Callable[[int], None] | None = None) -> Collected:
    """Archive, record, analyse and merge ``items``, then rewrite reports/P/validation.xlsx.

    Args:
        workspace, plan, period_code: where and what.
        items: ``Received``/``Skipped`` items (``collect.scan`` of paths, or an IMAP fetch).
        progress: called with the number of items finished so far.
    """
    from cchc_xlsx.collect import collect_items

    result = collect_items(workspace, plan, period_code, items, progress=progress)
    status, report = validation_report(workspace, plan, period_code)
    return Collected(result, status, report)


def validation_report(workspace: Workspace, plan: Plan, period_code: str):
    """(the units' status, reports/P/validation.xlsx written from the ledger)."""
    from cchc_xlsx.collect.report import findings_table, unit_status, write_validation_report

    with Ledger(workspace.ledger_path) as ledger:
        status = unit_status(ledger, plan, period_code)
        report = write_validation_report(workspace.reports(period_code) / "validation.xlsx", plan, period_code,
                                         status, findings_table(ledger, period_code))
    return status, report


@dataclass
class FeedbackResult:
    files: list = field(default_factory=list)     # feedback.FeedbackFile
    drafts: int = 0
    problems: list = field(default_factory=list)  # mail.common.Problem
    folder: Path | None = None


def feedback(workspace: Workspace, plan: Plan, period_code: str) -> FeedbackResult:
    """For each unit with problems: its workbook annotated, plus an .eml draft to send it back."""
    from cchc_xlsx.feedback import write_feedback
    from cchc_xlsx.mail import write_feedback as write_feedback_mail

    outdir = workspace.reports(period_code) / "feedback"
    done = FeedbackResult(folder=outdir)
    with Ledger(workspace.ledger_path) as ledger:
        done.files = write_feedback(plan, ledger, period_code, outdir,
                                    password=workspace.settings.get("sheet_password", ""))
        latest = ledger.latest(period_code)
        for item in done.files:
            result = write_feedback_mail(workspace, plan, period_code, item.unit, item.path, item.problems,
                                         in_reply_to=latest[item.unit]["message_id"] or None, ledger=ledger)
            done.problems += result.problems
            done.drafts += len(result.drafts)
    return done


@dataclass
class ScorecardResult:
    path: Path
    data: object
    headline: dict


def scorecard(workspace: Workspace, plan: Plan, period_code: str, output: Path | None = None) -> ScorecardResult:
    """Write the consolidated scorecard (default reports/P/scorecard.xlsx); returns it with its headline."""
    from cchc_xlsx.scorecard import headline, write_scorecard

    output = output or workspace.reports(period_code) / "scorecard.xlsx"
    with Ledger(workspace.ledger_path) as ledger:
        data = write_scorecard(output, plan, ledger, period_code, workspace.bands())
    return ScorecardResult(output, data, headline(data))


def scorecard_line(result: ScorecardResult, plan: Plan, lang: str | None = None) -> str:
    """"Chỉ số CCHC 54.23% (…)" / "Index 54.23% (…)"."""
    values = result.headline
    return say("scorecard-index", lang, index=values["index"], points=values["points"], max=values["max"],
               returned=len(result.data.returned), units=len(plan.workbook_units()))


def print_scorecard(workspace: Workspace, period_code: str) -> Path:
    """Print reports/P/scorecard.xlsx to scorecard.pdf with LibreOffice.

    Raises:
        FileNotFoundError: no scorecard yet.
        OutputLocked: the PDF is held open by a viewer ("đóng tệp … rồi chạy lại").
        InputProblem: LibreOffice is missing or failed.
    """
    from cchc_xlsx.xlsx.libreoffice import OfficeMissing, convert

    source = workspace.reports(period_code) / "scorecard.xlsx"
    if not source.exists():
        raise FileNotFoundError(say("print-missing-scorecard", period=period_code))
    target = source.with_suffix(".pdf")
    ensure_writable(target)
    try:
        return convert([source], "pdf", source.parent)[0]
    except OfficeMissing as exc:
        raise InputProblem(say("print-no-office")) from exc
    except PermissionError as exc:  # Windows: a viewer holds the PDF, so it cannot be replaced
        raise OutputLocked(say("output-locked", path=target)) from exc
    except (RuntimeError, OSError) as exc:
        raise InputProblem(say("print-failed", path=source, reason=exc)) from exc


def ensure_writable(path: Path) -> None:
    """Raise OutputLocked when ``path`` exists and another program holds it open (Windows locks it)."""
    if not path.exists():
        return
    try:
        with open(path, "r+b"):
            pass
    except PermissionError as exc:
        raise OutputLocked(say("output-locked", path=path)) from exc
