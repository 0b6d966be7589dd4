"""Who may speak for a unit, and the holds that follow: a return mailed from an address that is
not among the unit's contacts waits for the Office; the same bytes from the unit lift the hold."""

from __future__ import annotations

from cchc_xlsx.collect.analyse import Analysis, file_finding
from cchc_xlsx.collect.outcome import Outcome
from cchc_xlsx.collect.sources import Received
from cchc_xlsx.store.ledger import Ledger


class Trust:
    """Who may speak for a unit. A return by mail from an address that is not among the unit's
    contacts is held for the Office; files the Office puts in a folder itself are trusted."""

    def __init__(self, contacts: dict[str, set[str]], period: str):
        self.contacts = contacts
        self.period = period
        self.copies: dict[str, list[tuple[Outcome, Received]]] = {}  # sha256 → later copies in this run

    def is_contact(self, item: Received, analysis: Analysis) -> bool:
        return bool(item.sender) and item.sender.lower() in self.contacts.get(analysis.unit or "", set())

    def speaks_for(self, item: Received, unit: str) -> bool:
        return not by_mail(item) or (bool(item.sender) and item.sender.lower() in self.contacts.get(unit, set()))

    def hold(self, item: Received, analysis: Analysis) -> str | None:
        if analysis.unit is None or analysis.verdict == "rejected" or not by_mail(item):
            return None
        return None if self.is_contact(item, analysis) else "sender"


def by_mail(item: Received) -> bool:
    """Whether ``item`` came in a message (.eml, .mbox, IMAP) rather than as a file the Office put down."""
    source = item.source.lower()
    return bool(item.sender or item.message_id or item.in_reply_to) or source.startswith("imap:") \
        or any(marker in source for marker in (".eml/", ".mbox#"))


def standing_verdict(ledger: Ledger, row) -> str:
    # What a recorded submission stands as now: held until the Office decides, rejected when it refused it.
    decision = ledger.decision(row["id"]) if row["hold"] else None
    if row["hold"] and decision is None:
        return "held"
    return "rejected" if decision == "rejected" else row["verdict"]


def vouch(ledger: Ledger, existing, item: Received, trust: Trust) -> bool:
    # The same bytes, held when a stranger sent them, now come from the unit's own address (or the
    # Office's folder): that speaks for the unit, so the hold is lifted, as a recorded decision.
    if existing["hold"] == "sender" and existing["unit"] and ledger.decision(existing["id"]) is None \
            and trust.speaks_for(item, existing["unit"]):
        ledger.decide(existing["id"], "accepted", f"cchc: {item.sender or item.source}")
        return True
    return False


def mark_released(outcome: Outcome, item: Received, unit: str, period: str, first: Outcome | None,
              verdict: str) -> None:
    # The copy that lifted a hold says so; the held outcome of this run, if any, is merged after all.
    outcome.verdict, outcome.unit = "released", unit
    outcome.released_by = item.sender or item.source
    outcome.findings = [file_finding("hold-released", item.name, unit=unit, period=period,
                                     sha=(outcome.sha256 or "")[:12], by=outcome.released_by)]
    if first is not None and first.verdict == "held":
        first.verdict = verdict
