"""The periodic CCHC report the Office sends up each period (the plan's task 7.8): task progress
by area and unit, the overdue list, the units' difficulties and proposals, the index so far, and
marked places for the narrative the Office writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.values import format_date, format_points
from cchc_xlsx.documents import data as facts
from cchc_xlsx.documents.decree30 import AdminDocument, letterhead, vi_date, vi_number
from cchc_xlsx.scorecard.data import ScorecardData, gather, scores, unit_row
from cchc_xlsx.store.ledger import Ledger

AREA_WIDTHS = (37, *(16,) * 8)
UNIT_WIDTHS = (40, *(18,) * 6, 17)
OVERDUE_WIDTHS = (16, 78, 34, 20, 17)
INDEX_WIDTHS = (14, 71, 20, 20, 20, 20)


@dataclass
class PeriodicReport:
    """What ``write_report`` wrote, for the console and the tests."""

    path: Path
    data: ScorecardData
    overdue: list = field(default_factory=list)        # (task, unit, answer)
    difficulties: list = field(default_factory=list)   # facts.Difficulty
    index: float = 0.0


def write_report(plan: Plan, ledger: Ledger, period_code: str, path: Path,
                 today: dt.date | None = None) -> PeriodicReport:
    """Write the periodic report draft (.docx) of ``period_code`` to ``path`` atomically.

    Args:
        plan, ledger, period_code: what to report.
        path: the .docx to write.
        today: the date on the document (default: today).

    Returns:
        The report: its path, the scorecard data it shows, the overdue rows, the difficulties.
    """
    data = gather(plan, ledger, period_code, with_trend=False)
    period = plan.period(period_code)
    report = PeriodicReport(Path(path), data, facts.overdue_rows(data),
                            facts.difficulties(plan, ledger, period_code), scores(data)[""].index)
    document = AdminDocument(letterhead(plan, today or dt.date.today()))
    document.title(labels.DOC_REPORT_WORD, labels.REPORT_TITLE.format(period=period.name))
    document.paragraph(labels.REPORT_OPENING.format(
        plan_title=plan.meta.get("title", ""), department=plan.meta.get("department", ""), period=period.name,
        start=vi_date(period.start), cutoff=vi_date(period.cutoff)))
    sections = labels.REPORT_SECTIONS
    document.heading(sections["results"])
    document.heading(sections["overview"])
    document.paragraph(_returned_line(plan, data))
    document.narrative(labels.REPORT_NARRATIVE["overview"])
    document.heading(sections["by_area"])
    _area_table(document, data)
    document.narrative(labels.REPORT_NARRATIVE["by_area"])
    document.heading(sections["by_unit"])
    _unit_table(document, data)
    document.heading(sections["overdue"])
    _overdue_table(document, plan, report.overdue)
    document.narrative(labels.REPORT_NARRATIVE["overdue"])
    document.heading(sections["index"])
    index_section(document, plan, data)
    document.heading(sections["difficulties"])
    document.heading(sections["units_wrote"])
    difficulty_list(document, report.difficulties)
    document.heading(sections["proposals"])
    document.narrative(labels.REPORT_NARRATIVE["proposals"])
    document.heading(sections["next"])
    document.narrative(labels.REPORT_NARRATIVE["next"])
    document.finish()
    document.save(path)
    return report


def _returned_line(plan: Plan, data: ScorecardData) -> str:
    units = plan.workbook_units()
    missing = [u.name for u in units if u.code not in data.returned]
    return labels.REPORT_RETURNED_LINE.format(
        returned=len(units) - len(missing), units=len(units),
        missing=labels.REPORT_MISSING.format(units=", ".join(missing)) if missing else "")


def _area_table(document: AdminDocument, data: ScorecardData) -> None:
    headers = labels.REPORT_AREA_HEADERS
    rows = [[name, *(counts[k] for k in facts.PROGRESS_KEYS)] for name, counts in facts.area_progress(data)]
    document.table(list(headers.values()), rows, AREA_WIDTHS, numeric=range(1, len(headers)),
                   bold_rows=[len(rows) - 1], size=11)


def _unit_table(document: AdminDocument, data: ScorecardData) -> None:
    headers = labels.REPORT_UNIT_HEADERS
    rows = []
    for unit in data.plan.workbook_units():
        counts = unit_row(data, unit.code)
        rows.append([unit.name, counts["assigned"], counts["done_on_time"], counts["done_late"], counts["overdue"],
                     counts["not_started"], counts["not_arisen"], vi_number(counts["completion"])])
    document.table(list(headers.values()), rows, UNIT_WIDTHS, numeric=range(1, len(headers)), size=11)


def _overdue_table(document: AdminDocument, plan: Plan, overdue: list) -> None:
    if not overdue:
        document.paragraph(labels.DOC_NONE)
        return
    rows = [[task.code, task.description, plan.units_by_code[unit].name if unit in plan.units_by_code else unit,
             format_date(task.deadline), answer.status or labels.REPORT_NOT_REPORTED]
            for task, unit, answer in overdue]
    document.table(list(labels.REPORT_OVERDUE_HEADERS.values()), rows, OVERDUE_WIDTHS)


def index_section(document: AdminDocument, plan: Plan, data: ScorecardData) -> None:
    """The index so far: the line with the headline, then the table of areas (as ``Tổng hợp``)."""
    totals = scores(data)
    whole = totals[""]
    document.paragraph(labels.REPORT_INDEX_LINE.format(points=format_points(whole.final),
                                                       max=format_points(whole.adjusted_max),
                                                       index=vi_number(whole.index)))
    headers = labels.DOSSIER_AREA_HEADERS
    rows = [[area.code, area.title, format_points(totals[area.code].max),
             format_points(totals[area.code].not_applicable_max), format_points(totals[area.code].final),
             vi_number(totals[area.code].ratio * 100)] for area in plan.areas()]
    rows.append(["", labels.REPORT_TOTAL, format_points(whole.max), format_points(whole.not_applicable_max),
                 format_points(whole.final), vi_number(whole.index)])
    titles = [headers[k] for k in ("code", "title", "max", "na", "counted", "ratio")]
    document.table(titles, rows, INDEX_WIDTHS, numeric=range(2, 6), bold_rows=[len(rows) - 1])


def difficulty_list(document: AdminDocument, found: list) -> None:
    """Every difficulty a unit wrote: "Unit (NV1.2, NV3.4): text", or "Không có."."""
    if not found:
        document.paragraph(labels.DOC_NONE)
    for item in found:
        document.bullet(labels.REPORT_DIFFICULTY.format(unit=item.unit_name, tasks=", ".join(item.tasks),
                                                        text=item.text))
