"""Points at risk before appraisal (DESIGN.md): every leaf scored above 0 whose evidence is
missing (no citation and no linked file), cited but never received, or dated outside the plan
year or after the period's cut-off. Computed from the scorecard's data; no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from cchc_xlsx import text as labels
from cchc_xlsx.core.citations import find_citations
from cchc_xlsx.core.values import format_date
from cchc_xlsx.scorecard.data import ScorecardData, scores, unit_scores


@dataclass(frozen=True)
class Risk:
    """One leaf (of one unit) whose self-score may be lost, and why."""

    code: str
    title: str
    unit: str
    points: float          # the self-score, all of it at risk
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def points_at_risk(data: ScorecardData, unit: str | None = None) -> list[Risk]:
    """The risks of the period, largest first (then in plan order); ``unit``: only that unit's."""
    plan = data.plan
    found = []
    for leaf in plan.leaves():
        scorer_of = plan.scorer_of(leaf.code)
        for scorer in plan.scorers_of(leaf.code) if plan.unit_scope else [scorer_of] if scorer_of else []:
            if unit is not None and scorer != unit:
                continue
            if plan.unit_scope:
                answer, points = data.unit_leaves.get((scorer, leaf.code)), unit_scores(data, scorer)[leaf.code].points
            else:
                answer, points = data.leaves.get(leaf.code), scores(data)[leaf.code].points
            if answer is None or points <= 0:
                continue
            reasons = _reasons(data, scorer, leaf.code, answer.evidence or "")
            if reasons:
                found.append(Risk(leaf.code, leaf.title, scorer, points, tuple(reasons)))
    order = {leaf.code: i for i, leaf in enumerate(plan.leaves())}
    return sorted(found, key=lambda r: (-r.points, order[r.code], r.unit))


def _reasons(data: ScorecardData, unit: str, code: str, evidence: str) -> list[str]:
    plan, period = data.plan, data.plan.period(data.period)
    text = labels.RISK_REASONS
    linked = (unit, code) in data.linked or bool(not plan.unit_scope and data.evidence_files.get(("criterion", code)))
    if not evidence.strip() and not linked:
        return [text["missing"]]
    reasons = [text["not_received"].format(name=f.value) for found_in, f in data.findings
               if f.code == "evidence-file-missing" and f.row_code == code and found_in == unit]
    for citation in find_citations(evidence):
        if citation.date is None:
            continue
        fields = {"citation": citation.text, "date": format_date(citation.date), "year": plan.year,
                  "cutoff": format_date(period.cutoff)}
        if plan.year and citation.date.year != plan.year:
            reasons.append(text["outside_year"].format(**fields))
        elif citation.date > period.cutoff:
            reasons.append(text["after_cutoff"].format(**fields))
    return reasons
