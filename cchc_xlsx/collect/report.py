"""What collect tells the Office: the per-unit status and validation.xlsx, built with pandas
from the ledger (the tidy tables of submissions and findings)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import xlsxwriter

from cchc_xlsx import labels, styles
from cchc_xlsx.ledger import Ledger
from cchc_xlsx.model import Plan
from cchc_xlsx.safetext import cell_text
from cchc_xlsx.writeout import atomic_path


def unit_status(ledger: Ledger, plan: Plan, period_code: str) -> pd.DataFrame:
    """One row per unit that receives a workbook: returned or missing, when, which file, findings.

    Columns: unit, unit_name, state, file, received_at, versions, error, warning, info, late.
    """
    period = plan.period(period_code)
    submissions = pd.DataFrame([dict(r) for r in ledger.submissions(period_code)],
                               columns=["id", "unit", "file_name", "received_at", "recorded_at", "verdict", "errors",
                                        "warnings", "infos"])
    latest = ledger.latest(period_code)
    latest_any = ledger.latest_any(period_code)
    held = {row["id"] for row in ledger.held(period_code)}  # waiting for the Office (issue 10)
    versions = submissions.groupby("unit").size() if not submissions.empty else pd.Series(dtype=int)
    rows = []
    for unit in plan.workbook_units():
        row = latest.get(unit.code)
        rejected = row is None and unit.code in latest_any  # sent, but nothing of it can be used
        waiting = unit.code in latest_any and latest_any[unit.code]["id"] in held
        row = latest_any[unit.code] if waiting else row or latest_any.get(unit.code)
        received = (row["received_at"] or row["recorded_at"]) if row else None
        late = bool(received and received[:10] > period.due.isoformat())
        state = "missing" if row is None else "held" if waiting else "rejected" if rejected else "late" if late \
            else "returned"
        rows.append({"unit": unit.code, "unit_name": unit.name, "state": state,
                     "file": row["file_name"] if row else "", "received_at": received or "",
                     "versions": int(versions.get(unit.code, 0)), "error": row["errors"] if row else 0,
                     "warning": row["warnings"] if row else 0, "info": row["infos"] if row else 0, "late": late})
    return pd.DataFrame(rows)


def findings_table(ledger: Ledger, period_code: str) -> pd.DataFrame:
    """Every finding of every submission of the period, with whether it is the unit's latest."""
    latest_ids = {row["id"] for row in ledger.latest(period_code).values()}
    rows = ledger.query(
        "SELECT s.id AS submission_id, COALESCE(s.unit, '') AS unit, s.file_name AS file, "
        "COALESCE(s.received_at, s.recorded_at) AS received_at, f.sheet, f.cell, f.row_code, f.severity, f.code, "
        "f.message FROM findings f JOIN submissions s ON s.id = f.submission_id WHERE s.period = ? "
        "ORDER BY s.unit, s.id, f.rowid", (period_code,))
    table = pd.DataFrame([dict(r) for r in rows],
                         columns=["submission_id", "unit", "file", "received_at", "sheet", "cell", "row_code",
                                  "severity", "code", "message"])
    table["latest"] = table["submission_id"].isin(latest_ids)
    return table


def write_validation_report(path: Path, plan: Plan, period_code: str, status: pd.DataFrame,
                            findings: pd.DataFrame) -> Path:
    """Write validation.xlsx (a summary per unit and every finding, filterable), atomically."""
    period = plan.period(period_code)
    with atomic_path(path) as temporary:
        workbook = xlsxwriter.Workbook(str(temporary), styles.SAFE_WORKBOOK_OPTIONS)
        formats = styles.Formats(workbook)
        summary = status.assign(state=status["state"].map(labels.STATE))
        _sheet(workbook, formats, labels.VALIDATION_SHEETS["summary"], labels.VALIDATION_SUMMARY_HEADERS, summary,
               labels.VALIDATION_TITLE.format(period=period.name))
        detail = findings.assign(severity=findings["severity"].map(labels.SEVERITY),
                                 latest=findings["latest"].map({True: labels.YES, False: labels.NO}))
        _sheet(workbook, formats, labels.VALIDATION_SHEETS["findings"], labels.VALIDATION_FINDING_HEADERS, detail,
               labels.VALIDATION_TITLE.format(period=period.name))
        workbook.close()
    return path


_WIDTHS = {"message": 90, "unit_name": 40, "file": 40, "received_at": 19}


def _sheet(workbook, formats, name: str, headers: dict[str, str], frame: pd.DataFrame, title: str) -> None:
    sheet = workbook.add_worksheet(name)
    sheet.write_string(0, 0, title, formats.title)
    sheet.write_string(1, 0, f"{dt.datetime.now():%d/%m/%Y %H:%M}", formats.subtitle)
    header_row = 3
    for col, (key, text) in enumerate(headers.items()):
        sheet.write_string(header_row, col, text, formats.header)
        sheet.set_column(col, col, _WIDTHS.get(key, 12), formats.wrap)
    for row, record in enumerate(frame[list(headers)].itertuples(index=False), start=header_row + 1):
        for col, value in enumerate(record):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(row, col, value)
            else:
                sheet.write_string(row, col, "" if value is None else cell_text(value))
    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, header_row + max(len(frame), 1), len(headers) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
