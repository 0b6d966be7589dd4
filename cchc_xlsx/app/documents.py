"""The documents sent upward as the command line and the Office's page run them:
``dossier`` (the yearly self-assessment dossier) and ``periodic_report`` (each period's report)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Plan
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.store.workspace import Workspace


@dataclass
class DossierResult:
    """The dossier written: its folder, table, report draft, zip, and the indexes it shows."""

    folder: Path
    table: Path
    report: Path
    zip: Path
    leaves: int
    files: int          # evidence files copied into the dossier
    index_self: float
    index_counted: float
    dossier: object     # documents.dossier.Dossier, for the page and the tests

    @property
    def paths(self) -> list[Path]:
        """The files to offer: the table, the report draft, the zip of it all."""
        return [self.table, self.report, self.zip]


@dataclass
class ReportResult:
    """The periodic report written, with what it lists."""

    path: Path
    overdue: int
    difficulties: int
    index: float
    report: object      # documents.report.PeriodicReport


def dossier(workspace: Workspace, plan: Plan, period_code: str, output: Path | None = None,
            today: dt.date | None = None) -> DossierResult:
    """Write the self-assessment dossier (default reports/P/dossier/): the table workbook, the
    report draft (.docx), the evidence folders by area and criterion, and one .zip of it all."""
    from cchc_xlsx.documents.dossier import write_dossier

    folder = Path(output) if output else workspace.reports(period_code) / "dossier"
    with Ledger(workspace.ledger_path) as ledger:
        written = write_dossier(plan, ledger, period_code, folder, today)
    totals = written.totals
    return DossierResult(written.folder, written.table, written.report, written.zip,
                         sum(1 for r in written.rows if r.leaf), written.pack.copied, totals["index_self"],
                         totals["index_counted"], written)


def periodic_report(workspace: Workspace, plan: Plan, period_code: str, output: Path | None = None,
                    today: dt.date | None = None) -> ReportResult:
    """Write the periodic report draft (.docx; default reports/P/Bao cao CCHC P.docx)."""
    from cchc_xlsx.documents.report import write_report

    path = Path(output) if output else workspace.reports(period_code) / labels.REPORT_FILE_NAME.format(
        period=period_code)
    with Ledger(workspace.ledger_path) as ledger:
        written = write_report(plan, ledger, period_code, path, today)
    return ReportResult(written.path, len(written.overdue), len(written.difficulties), written.index, written)
