"""``cchc plan import``: the plan from the agency's own Word document into the master workbook.

The document is read (``plan.word``), built and checked as any plan (findings name the
document's table and row), compared with the reference plan's corrections, and written as
``plan export`` writes it, with the sheet “Cần xem lại” listing every guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.core.values import parse_decimal
from cchc_xlsx.findings.catalogue import finding
from cchc_xlsx.findings.report import Report
from cchc_xlsx.plan import Built, build_and_check, load_plan, shipped_plan_dir
from cchc_xlsx.plan import tables as plan_tables
from cchc_xlsx.plan.check import field_words, level_order
from cchc_xlsx.plan.export import export_plan
from cchc_xlsx.plan.read import RawRow, RawTable
from cchc_xlsx.plan.word import read_plan_document
from cchc_xlsx.plan.word.review import Review


@dataclass
class ImportResult:
    """What ``import_plan`` read and wrote."""

    document: str
    output: Path
    built: Built
    review: Review
    new_units: list[str]
    known_corrections: int

    @property
    def valid(self) -> bool:
        return Report(self.built.findings).valid


def import_plan(doc_path: Path, output: Path, units_from: Path | None = None,
                reference: Path | None = None) -> ImportResult:
    """Read the plan document ``doc_path`` and write the master workbook ``output``.

    Args:
        doc_path: the agency's plan (.docx; .doc/.odt converted by LibreOffice).
        output: the .xlsx to write (written even when the imported plan has errors).
        units_from: the plan whose unit table names the units (default: the shipped plan).
        reference: the plan whose corrections are compared with the document (default: ``units_from``).

    Returns:
        An ``ImportResult``; ``valid`` is False when ``plan check`` finds errors.

    Raises:
        InputError: not a Word document (usage). InputProblem: not a plan, one annex only, a
            broken merge, an unreadable file (nothing is written).
    """
    units_from = Path(units_from) if units_from else shipped_plan_dir()
    word = read_plan_document(Path(doc_path), units_from)
    review = word.review
    if not word.tables["periods"].rows:
        review.add(labels.IMPORT_BODY, "", labels.PLAN_SHEETS["periods"], read="", decided=labels.IMPORT_NO_PERIODS)
    known = _known_corrections(word.tables, load_plan(reference or units_from, check=False).plan, review)
    built = build_and_check(word.tables, [])
    if not built.plan.periods:
        built.findings.append(finding("plan-no-periods", where=f"{word.document} [{labels.IMPORT_BODY}]"))
    export_plan(built.plan, output, extra_sheets=((labels.REVIEW_SHEET, labels.REVIEW_HEADERS, review.rows()),))
    return ImportResult(word.document, Path(output), built, review, word.new_units, known)


def _known_corrections(tables: dict, reference, review: Review) -> int:
    """Where the reference plan corrected a number of the same criterion and the document prints
    the same doubtful value, the correction is applied and recorded (the corrections table keeps
    both values); where the document prints something else it is only listed. Every one is on
    the review sheet with the reference's reason, for the Office to decide."""
    criteria = {r.values["code"]: r for r in tables["criteria"].rows}
    levels = {(r.values["criterion"], r.values["order"]): r for r in tables["levels"].rows}
    applied = []
    for correction in reference.corrections:
        row = criteria.get(correction.code)
        if row is None:
            continue
        target, column = _target(correction.field, row, levels, correction.code)
        current = "" if target is None else str(target.values.get(column) or "")
        matches = target is not None and _same(current, correction.printed)
        if matches:
            target.values[column] = correction.used
            applied.append(RawRow(row.where, {"where": f"{row.where.sheet}:{row.where.line} ({correction.where})",
                                              "code": correction.code, "field": correction.field,
                                              "printed": correction.printed, "used": correction.used,
                                              "reason": correction.reason}))
        template = labels.IMPORT_KNOWN_APPLIED if matches else labels.IMPORT_KNOWN_CORRECTION
        review.add(row.where.sheet or "", row.where.line or "", field_words(correction.field), read=current or "—",
                   decided=template.format(field=field_words(correction.field), code=correction.code,
                                           where=correction.where, printed=correction.printed or "—",
                                           used=correction.used or "—", reason=correction.reason))
    tables["corrections"] = RawTable("corrections", tables["criteria"].where, applied,
                                     set(plan_tables.columns("corrections")))
    return len(applied)


def _target(field: str, row: RawRow, levels: dict, code: str) -> tuple[RawRow | None, str]:
    if field in ("declared_max", "rule", "rule_points", "rule_threshold"):
        return row, field
    order = level_order(field)
    if order is not None:
        return levels.get((code, str(order))), "points"
    return None, ""


def _same(current: str, printed: str) -> bool:
    # "0,5000" and "0,5" are one number; a blank is a blank.
    if not current.strip() or not printed.strip():
        return not current.strip() and not printed.strip()
    try:
        return parse_decimal(current).value == parse_decimal(printed).value
    except ValueError:
        return current.strip() == printed.strip()
