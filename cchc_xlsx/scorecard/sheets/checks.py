"""``Kiểm tra``: the units that have not returned, then every validation finding of what is merged."""

from __future__ import annotations

from cchc_xlsx import text as labels
from cchc_xlsx.findings import catalogue
from cchc_xlsx.core.safetext import cell_text
from cchc_xlsx.core.values import format_date
from cchc_xlsx.scorecard.sheets.base import FIRST, Context
from cchc_xlsx.xlsx import styles

WIDTHS = {"message": 100, "file": 30, "unit": 9}


def write(ctx: Context) -> None:
    headers = labels.SC_CHECK_HEADERS
    widths = {key: WIDTHS.get(key, 12) for key in headers}
    sheet = ctx.header("checks", headers, widths, labels.SC_SHEETS["checks"].upper())
    f, period = ctx.formats, ctx.period
    rows = [{"unit": u.code, "file": "", "sheet": "", "cell": "", "severity": labels.SEVERITY["warning"],
             "message": catalogue.message("unit-missing", unit=u.name, period=period.name,
                                          due=format_date(period.due))}
            for u in ctx.plan.workbook_units() if u.code not in ctx.data.returned]
    for unit, finding in ctx.data.findings:
        rows.append({"unit": unit, "file": finding.file, "sheet": finding.sheet, "cell": finding.cell,
                     "severity": labels.SEVERITY.get(finding.severity, finding.severity),
                     "message": finding.message})
    for index, item in enumerate(rows):
        for col, key in enumerate(headers):
            sheet.write_string(FIRST + index, col, cell_text(item[key]), f.cell)  # no raw controls
        sheet.set_row(FIRST + index, styles.row_height({k: cell_text(item[k]) for k in headers}, widths))
    last = FIRST + max(len(rows), 1) - 1
    severity = list(headers).index("severity")
    sheet.conditional_format(FIRST, severity, last, severity, {
        "type": "cell", "criteria": "==", "value": f'"{labels.SEVERITY["error"]}"', "format": ctx.extra["cf_red"]})
    sheet.conditional_format(FIRST, severity, last, severity, {
        "type": "cell", "criteria": "==", "value": f'"{labels.SEVERITY["warning"]}"',
        "format": ctx.extra["cf_amber"]})
    ctx.table_end(sheet, last, len(headers))
