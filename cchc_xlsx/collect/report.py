"""What collect tells the Office: the per-unit status and validation.xlsx, built with pandas
from the ledger (the tidy tables of submissions and findings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cchc_xlsx.xlsx.fast import new_workbook
from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.safetext import cell_text
from cchc_xlsx.generate import units_to_generate
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.xlsx import styles
from cchc_xlsx.xlsx.writeout import atomic_path


def unit_status(ledger: Ledger, plan: Plan, period_code: str) -> pd.DataFrame:
    """One row per unit that receives a workbook with something assigned to it (or that sent one
    anyway): returned or missing, when, which file, findings.

    Columns: unit, unit_name, state, file, received_at, versions, error, warning, info, late,
    explained (when its latest usable explanation workbook arrived, issue 22; "" for none).
    """
    from cchc_xlsx.appraisal.rounds import explained

    period = plan.period(period_code)
    columns = "id, unit, file_name, received_at, recorded_at, verdict, errors, warnings, infos, other_period, kind"
    submissions = pd.DataFrame([dict(r) for r in ledger.submissions(period_code, columns)
                                # recorded for the period its _meta names; an explanation is no version
                                if not r["other_period"] and not r["kind"]],
                               columns=["id", "unit", "file_name", "received_at", "recorded_at", "verdict", "errors",
                                        "warnings", "infos"])
    latest = ledger.latest(period_code)
    latest_any = ledger.latest_any(period_code)
    held = {row["id"] for row in ledger.held(period_code)}  # waiting for the Office (issue 10)
    explanations = explained(ledger, period_code)
    versions = submissions.groupby("unit").size() if not submissions.empty else pd.Series(dtype=int)
    rows = []
    assigned = {u.code for u in units_to_generate(plan)}
    for unit in plan.workbook_units():
        if unit.code not in assigned and unit.code not in latest_any:
            continue  # nothing assigned, so no workbook to return: never "Chưa gửi" (issue 21)
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
                     "warning": row["warnings"] if row else 0, "info": row["infos"] if row else 0, "late": late,
                     "explained": explanations.get(unit.code, "")})
    return pd.DataFrame(rows)


def findings_table(ledger: Ledger, period_code: str) -> pd.DataFrame:
    """Every finding of every submission of the period, with whether it is the unit's latest."""
    latest_ids = {row["id"] for row in ledger.latest(period_code).values()}
    rows = ledger.query(
        "SELECT s.id AS submission_id, COALESCE(s.unit, '') AS unit, s.file_name AS file, "
        "COALESCE(s.received_at, s.recorded_at) AS received_at, f.sheet, f.cell, f.row_code, f.severity, f.code, "
        "f.message, COALESCE(f.value, '') AS value FROM findings f JOIN submissions s ON s.id = f.submission_id WHERE s.period = ? "
        "ORDER BY s.unit, s.id, f.rowid", (period_code,))
    table = pd.DataFrame([dict(r) for r in rows],
                         columns=["submission_id", "unit", "file", "received_at", "sheet", "cell", "row_code",
                                  "severity", "code", "message", "value"])
    table["latest"] = table["submission_id"].isin(latest_ids)
    notes = ledger.query(  # items not taken (a message without a workbook ...): no unit, always current
        "SELECT file_name AS file, recorded_at AS received_at, severity, code, message, COALESCE(value, '') AS value "
        "FROM intake_notes WHERE period = ? ORDER BY id", (period_code,))
    if notes:
        extra = pd.DataFrame([dict(r) for r in notes]).assign(submission_id=0, unit="", sheet="", cell="",
                                                             row_code="", latest=True)
        table = pd.concat([table, extra[table.columns]], ignore_index=True) if not table.empty else extra[table.columns]
    return table


def write_validation_report(path: Path, plan: Plan, period_code: str, status: pd.DataFrame,
                            findings: pd.DataFrame) -> Path:
    """Write validation.xlsx (a summary per unit and every finding, filterable), atomically."""
    period = plan.period(period_code)
    page = _Page(plan.meta.get("department", ""), period.name, dt.datetime.now())
    with atomic_path(path) as temporary:
        workbook = new_workbook(temporary)
        formats = styles.Formats(workbook)
        summary = status.assign(state=status["state"].map(labels.STATE))
        _sheet(workbook, formats, labels.VALIDATION_SHEETS["summary"], labels.VALIDATION_SUMMARY_HEADERS, summary,
               labels.VALIDATION_TITLE.format(period=period.name), page)
        detail = findings.assign(severity=findings["severity"].map(labels.SEVERITY),
                                 latest=findings["latest"].map({True: labels.YES, False: labels.NO}))
        # The message is the clerk's; the last column keeps the value found or what a reader said.
        headers = {**labels.VALIDATION_FINDING_HEADERS, "value": labels.INTAKE_DETAIL_HEADER}
        _sheet(workbook, formats, labels.VALIDATION_SHEETS["findings"], headers, detail,
               labels.VALIDATION_TITLE.format(period=period.name), page)
        workbook.close()
    return path


_WIDTHS = {"message": 90, "unit_name": 40, "file": 40, "received_at": 19, "unit": 9, "code": 16, "row_code": 10,
           "cell": 7, "sheet": 14, "value": 40}


def _day_first(stamp: str) -> str:
    # "2022-04-15T08:30:00+07:00" → "15/04/2022 08:30", as dates read everywhere else.
    try:
        return f"{dt.datetime.fromisoformat(stamp):%d/%m/%Y %H:%M}"
    except ValueError:
        return stamp


@dataclass(frozen=True)
class _Page:
    department: str
    period: str
    made: dt.datetime


def _sheet(workbook, formats, name: str, headers: dict[str, str], frame: pd.DataFrame, title: str,
           page: _Page) -> None:
    sheet = workbook.add_worksheet(name)
    widths = {key: _WIDTHS.get(key, 12) for key in headers}
    sheet.write_string(0, 0, title, formats.title)
    sheet.write_string(1, 0, f"{page.department} — {page.made:%d/%m/%Y %H:%M}", formats.subtitle)
    sheet.set_row(0, styles.title_height("title"))
    sheet.set_row(1, styles.title_height("subtitle"))
    header_row = 3
    for col, (key, text) in enumerate(headers.items()):
        sheet.write_string(header_row, col, text, formats.header)
        sheet.set_column(col, col, widths[key])
    sheet.set_row(header_row, styles.header_height(headers, widths))
    for row, record in enumerate(frame[list(headers)].itertuples(index=False), start=header_row + 1):
        texts = {}
        for col, (key, value) in enumerate(zip(headers, record)):
            if isinstance(value, (int, float)) and not isinstance(value, bool) and not pd.isna(value):
                sheet.write_number(row, col, value, formats.cell)
            else:
                texts[key] = "" if value is None or (isinstance(value, float) and pd.isna(value)) else cell_text(value)
                if key == "received_at":
                    texts[key] = _day_first(texts[key])
                sheet.write_string(row, col, texts[key], formats.cell)
        sheet.set_row(row, styles.row_height(texts, widths))
    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, header_row + max(len(frame), 1), len(headers) - 1)
    # Printed for the Office's files and for a unit: whose, which period, when, on every page.
    styles.print_a4(sheet, header=styles.page_header(page.department, page.period),
                    footer=styles.page_footer(page.made.date()), repeat_row=header_row,
                    area=(0, 0, header_row + max(len(frame), 1), len(headers) - 1))
