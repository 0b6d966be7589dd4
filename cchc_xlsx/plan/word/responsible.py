"""Who answers for each area when the criteria annex names no unit: a guess from the tasks annex."""

from __future__ import annotations

from cchc_xlsx import text as labels
from cchc_xlsx.plan.read import RawRow
from cchc_xlsx.plan.word.columns import plain
from cchc_xlsx.plan.word.criteria import CriteriaRead
from cchc_xlsx.plan.word.review import Review
from cchc_xlsx.plan.word.units import UnitTable

_COMMON = {"cai", "cach", "va", "cua"}  # words every area title shares


def guess_responsible(criteria: CriteriaRead, tasks: list[RawRow], units: UnitTable, review: Review) -> None:
    """Give each area of a criteria annex without a responsible column the unit that leads most tasks
    of the tasks area whose title shares most words with it (the body of the 2022 plan assigns areas
    the same way); with no such area, the first unit. Each choice is on the review sheet."""
    rows = {r.values["code"]: r for r in criteria.criteria}
    if any(r.values.get("responsible") for r in criteria.criteria):
        return
    task_areas: dict[str, list[str]] = {}
    for task in tasks:
        lead = task.values["lead"].split(" | ")[0] if task.values["lead"] else ""
        if lead:
            task_areas.setdefault(task.values["area_title"], []).append(lead)
    office = next((r.values["code"] for r in units.rows if str(r.values.get("kind", "")).strip() == "unit"), "")
    for code, title in criteria.areas.items():
        best, score = None, 0.0
        words = _words(title)
        for area in task_areas:
            others = _words(area)
            overlap = len(words & others) / max(1, min(len(words), len(others)))
            if overlap > score:
                best, score = area, overlap
        if best is not None and score >= 0.5:
            leads = task_areas[best]
            chosen = max(dict.fromkeys(leads), key=leads.count)
            decided = labels.IMPORT_RESPONSIBLE_FROM_TASKS.format(code=code, unit=chosen, area=best)
        else:
            chosen, decided = office, labels.IMPORT_RESPONSIBLE_OFFICE.format(code=code, unit=office)
        if chosen:
            rows[code].values["responsible"] = chosen
            review.add(str(rows[code].where.sheet), rows[code].where.line, labels.IMPORT_FIELD_RESPONSIBLE,
                       read=title, decided=decided)


def _words(title: str) -> set[str]:
    return set(plain(title).replace(",", " ").split()) - _COMMON
