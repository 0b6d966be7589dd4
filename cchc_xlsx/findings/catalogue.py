"""The catalogue of findings: every code once, with its severity; the message templates and titles
live in ``text``. Code elsewhere never writes a message by hand: it calls
``finding(code, where=..., **fields)``.
"""

from __future__ import annotations

from cchc_xlsx import text as labels
from cchc_xlsx.findings.report import Finding

ERROR = "error"
WARNING = "warning"
INFO = "info"

SEVERITY = {
    "plan-missing-table": ERROR,
    "plan-missing-column": ERROR,
    "plan-unreadable": ERROR,
    "plan-bad-number": ERROR,
    "plan-bad-date": ERROR,
    "plan-bad-flag": ERROR,
    "plan-bad-choice": ERROR,
    "plan-missing-value": ERROR,
    "plan-duplicate-code": ERROR,
    "plan-unknown-unit": ERROR,
    "plan-unknown-parent": ERROR,
    "plan-parent-after-child": ERROR,
    "plan-parent-cycle": ERROR,
    "plan-unknown-criterion": ERROR,
    "plan-unknown-rule": ERROR,
    "plan-leaf-without-rule": ERROR,
    "plan-group-with-rule": ERROR,
    "plan-too-few-levels": ERROR,
    "plan-level-order": ERROR,
    "plan-tier-count": ERROR,
    "plan-missing-threshold": ERROR,
    "plan-task-without-lead": ERROR,
    "plan-deadline-missing": ERROR,
    "plan-deadline-outside-year": WARNING,
    "plan-unknown-period": ERROR,
    "plan-period-dates": ERROR,
    "plan-no-scorer": WARNING,
    "plan-sum-mismatch": WARNING,
    "plan-total-mismatch": WARNING,
    "plan-level-above-max": ERROR,  # issue 12: a unit would score more than the criterion is worth
    "plan-level-no-points": WARNING,
    "plan-levels-equal": WARNING,
    "plan-max-missing": INFO,
    "plan-ratio-points-differ": WARNING,
    # collect
    "file-skipped-lock": INFO, "file-skipped-other": INFO, "file-no-attachment": WARNING, "file-duplicate": INFO,
    "file-encrypted": ERROR, "file-not-spreadsheet": ERROR, "file-truncated": ERROR, "file-too-large": ERROR,
    "file-too-expanded": ERROR, "file-unreadable": ERROR, "file-reader-crashed": ERROR,
    "file-converted": WARNING, "file-macros": INFO,
    "meta-missing": WARNING, "meta-unidentified": ERROR, "meta-other-period": ERROR, "meta-other-plan": ERROR,
    "meta-sender-differs": WARNING,
    "sheet-missing": ERROR, "header-missing": ERROR,
    "row-unknown-code": WARNING, "row-missing": WARNING, "row-duplicate": ERROR, "locked-edited": WARNING,
    "status-invalid": ERROR, "status-missing": WARNING, "completion-invalid": ERROR, "completion-status": WARNING,
    "date-missing": WARNING, "date-invalid": ERROR, "date-outside-year": ERROR, "date-after-cutoff": WARNING,
    "evidence-missing": WARNING, "result-invalid": ERROR, "result-above-max": ERROR, "result-missing": WARNING,
    "na-not-allowed": ERROR, "points-differ": WARNING, "value-ambiguous": INFO, "unit-missing": WARNING,
    # issue 16: evidence files
    "evidence-kept": INFO, "evidence-type-differs": INFO, "evidence-flagged": WARNING, "evidence-refused": WARNING,
    "evidence-zip-bomb": WARNING, "evidence-zip-refused": WARNING, "evidence-name-unsafe": WARNING,
    "evidence-file-missing": WARNING, "evidence-unlinked": INFO, "evidence-archive-unopened": WARNING,
    # issue 10
    "file-link-outside": ERROR, "file-link-inside": INFO, "file-link-dangling": WARNING, "file-special": ERROR,
    "file-name-not-utf8": INFO, "file-not-recorded": ERROR, "sender-held": WARNING, "value-too-long": WARNING,
    # issue 12: plans that would score wrongly, plans as people save them, corrections, versions
    "plan-ratio-above-max": ERROR, "plan-leaf-no-max": ERROR, "plan-threshold-fraction": ERROR,
    "plan-no-responsible": ERROR, "plan-several-responsible": ERROR, "plan-bad-year": ERROR,
    "plan-missing-sheet": ERROR, "plan-csv-encoding": WARNING, "plan-checks-skipped": INFO,
    "plan-corrected": INFO, "plan-correction-stale": WARNING,
    "meta-older-plan": INFO, "meta-unknown-plan": WARNING,
    "row-plan-changed": INFO, "row-plan-rescored": WARNING, "row-plan-removed": INFO, "row-plan-new": WARNING,
    # issue 10
    "file-cell-out-of-range": ERROR,
    # issue 11
    "percent-above-100": ERROR, "percent-fraction": WARNING, "header-missing-info": WARNING,
    "formats-unknown": WARNING,
    # issue 13
    "plan-unknown-group": ERROR, "plan-bad-setting": ERROR,
    "plan-unsafe-name": WARNING, "plan-area-level": WARNING, "plan-empty-group": WARNING,
    # issue 10: a return for another period, a hold lifted by a trusted copy
    "meta-recorded-other-period": INFO, "meta-received-other-period": INFO, "hold-released": INFO,
    "period-held": WARNING,
    # issue 24: the plan from a Word document
    "plan-no-periods": ERROR,
}
# Findings that make a whole file unusable: nothing of it is merged.
FILE_FATAL = {"file-encrypted", "file-not-spreadsheet", "file-truncated", "file-too-large", "file-too-expanded",
              "file-unreadable", "file-reader-crashed", "meta-unidentified", "meta-other-period", "meta-other-plan",
              "file-cell-out-of-range"}  # issue 10


def finding(code: str, /, where: object = "", **fields: object) -> Finding:
    """Build the finding ``code`` with its catalogue severity and message.

    Args:
        code: a key of the catalogue.
        where: the place (a ``model.Where`` or text); becomes ``{where}`` in the message.
        **fields: the template's other fields.
    """
    message = labels.MESSAGES[code].format(where=where, **fields)
    return Finding(code=code, severity=SEVERITY[code], message=message, where=str(where))


def cell_finding(code: str, /, *, file: str, sheet: str = "", cell: str = "", row_code: str = "",
                 field: str = "", value: str = "", **fields: object) -> dict:
    """A finding about a received file, as the ledger keeps it: the place (file, sheet, cell, the
    row's code and the field) and the value found, with the catalogue's severity and message."""
    message = labels.MESSAGES[code].format(file=file, sheet=sheet, cell=cell, value=value, code=row_code, **fields)
    return {"code": code, "severity": SEVERITY[code], "sheet": sheet, "cell": cell, "row_code": row_code,
            "field": field, "value": value, "message": message}


def reason_text(exc: BaseException) -> str:
    """Why a file could not be read, for a finding: the clerk's words, then the reader's own
    (``không phải bảng tính hợp lệ, hoặc tệp đã hỏng (BadZipFile: File is not a zip file)``)."""
    name = type(exc).__name__
    words = next((labels.READ_REASONS[k.__name__] for k in type(exc).__mro__ if k.__name__ in labels.READ_REASONS),
                 labels.READ_REASON_OTHER)
    detail = str(exc).strip()
    return f"{words} ({name}: {detail})" if detail else f"{words} ({name})"
