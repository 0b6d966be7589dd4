"""What a period's page shows, read from the ledger as ``cchc status`` and the scorecard read it."""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_xlsx import text as labels
from cchc_xlsx.findings.catalogue import title as finding_title
from cchc_xlsx.text.language import severity_text, state_text
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.core.model import Plan
from cchc_xlsx.store.workspace import Workspace

FINDINGS_SHOWN = 300
SEVERITIES = ("error", "warning", "info")


@dataclass
class PeriodView:
    units: list[dict] = field(default_factory=list)
    held: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    more_findings: int = 0
    finding_units: list[str] = field(default_factory=list)
    index: dict | None = None
    unit_index: dict[str, str] = field(default_factory=dict)   # with index_scope = unit: unit → "54,23%"
    risks: list[dict] = field(default_factory=list)            # points at risk, largest first (issue 22)
    risk_total: str = ""


def period_view(workspace: Workspace, plan: Plan, period: str, unit: str = "", severity: str = "",
                all_versions: bool = False) -> PeriodView:
    """The units' states, the held returns, the findings (filtered) and the index of ``period``."""
    from cchc_xlsx.collect.report import findings_table, unit_status

    view = PeriodView()
    if not workspace.ledger_path.exists():
        from cchc_xlsx.generate import units_to_generate

        view.units = [_unit_row(u.code, u.name) for u in units_to_generate(plan)]  # those with a workbook to return
        return view
    with Ledger(workspace.ledger_path) as ledger:
        status = unit_status(ledger, plan, period)
        table = findings_table(ledger, period)
        view.index, view.unit_index, data = _index(plan, ledger, period)
    view.risks, view.risk_total = _risks(data)
    view.held = held_returns(workspace, period)
    for row in status.to_dict("records"):
        view.units.append(_unit_row(row["unit"], row["unit_name"], row))
    view.finding_units = sorted({u for u in table["unit"] if u})
    if not all_versions:
        table = table[table["latest"] | (table["unit"] == "")]
    if unit:
        table = table[table["unit"] == unit]
    if severity in SEVERITIES:
        table = table[table["severity"] == severity]
    rows = table.to_dict("records")
    view.more_findings = max(len(rows) - FINDINGS_SHOWN, 0)
    view.findings = [{**r, "title": finding_title(r["code"], "vi"), "severity_text": severity_text(r["severity"], "vi"),
                      "where": " ".join(str(x) for x in (r["sheet"], r["cell"]) if x)}
                     for r in rows[:FINDINGS_SHOWN]]
    return view


def _unit_row(code: str, name: str, row: dict | None = None) -> dict:
    row = row or {}
    state = row.get("state", "missing")
    problems = int(row.get("error", 0) or 0)
    css = {"missing": "missing", "rejected": "bad", "late": "late", "held": "held"}.get(state, "ok")
    if problems and css == "ok":
        css = "problems"
    return {"unit": code, "name": name, "state": state, "state_text": state_text(state, "vi"), "css": css,
            "file": row.get("file", ""), "received_at": _when(row.get("received_at", "")), "errors": problems,
            "warnings": int(row.get("warning", 0) or 0), "versions": int(row.get("versions", 0) or 0),
            "late": bool(row.get("late", False))}


def _when(text: str) -> str:
    # "2022-03-15 08:30:00" → "15/03/2022 08:30", as the Office writes dates.
    if len(text) < 10 or text[4] != "-":
        return text
    day = f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    return f"{day} {text[11:16]}".strip()


def held_returns(workspace: Workspace, period: str) -> list[dict]:
    """Returns held for the Office's decision (sender not among the unit's contacts)."""
    try:
        from cchc_xlsx.collect import held_submissions  # type: ignore[attr-defined]  (held returns' work)
    except ImportError:
        return []
    return [{"sha256": r["sha256"], "unit": r["unit"] or "", "file": r["file_name"], "sender": r["sender"] or "",
             "received_at": _when(r["received_at"] or "")} for r in held_submissions(workspace, period)]


def _index(plan: Plan, ledger: Ledger, period: str) -> tuple[dict | None, dict[str, str], object]:
    """The agency's headline, each returned unit's index when each unit has its own, and the
    scorecard's data they came from (None before any return)."""
    from cchc_xlsx.scorecard import headline
    from cchc_xlsx.scorecard.data import gather

    data = gather(plan, ledger, period, with_trend=False)
    if not data.returned:
        return None, {}, None
    values = headline(data)
    text = labels.PAGE["index-line"].format(index=_decimal(values["index"], 2), points=_decimal(values["points"], 4),
                                            max=_decimal(values["max"], 4), returned=len(data.returned),
                                            units=len(plan.workbook_units()))
    return {"index": values["index"], "text": text}, _unit_indices(plan, data), data


RISKS_SHOWN = 10


def _risks(data) -> tuple[list[dict], str]:
    # The scorecard's "Rủi ro mất điểm" as the page shows it, where this version computes it.
    try:
        from cchc_xlsx.scorecard.risk import points_at_risk  # type: ignore[import-not-found]  (issue 22)
    except ImportError:
        return [], ""
    if data is None:
        return [], ""
    found = points_at_risk(data)
    rows = [{"code": r.code, "title": r.title, "unit": r.unit, "points": _decimal(r.points, 4), "reason": r.reason}
            for r in found[:RISKS_SHOWN]]
    return rows, labels.PAGE["risk-total"].format(points=_decimal(sum(r.points for r in found), 4),
                                                  count=len(found)) if found else ""


def _unit_indices(plan: Plan, data) -> dict[str, str]:
    # index_scope = unit (plans other than the shipped one): the scorecard's own per-unit figure.
    try:
        from cchc_xlsx.scorecard.data import unit_index  # type: ignore[attr-defined]
    except ImportError:
        return {}
    if not getattr(plan, "unit_scope", False):
        return {}
    return {code: _decimal(unit_index(data, code)[2], 2) + "%" for code in sorted(data.returned)}


def _decimal(value: float, digits: int) -> str:
    # Vietnamese writes a decimal comma: 54,23.
    text = f"{value:.{digits}f}" if digits == 2 else f"{value:.{digits}g}"
    return text.replace(".", ",")
