"""What happened to each received item, and to the run: the shapes collect hands back."""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_xlsx.findings.report import Finding


@dataclass
class Outcome:
    """What happened to one received item."""

    file_name: str
    source: str
    sha256: str | None = None
    unit: str | None = None
    verdict: str = "skipped"       # accepted, warnings, errors, rejected, duplicate, skipped, held, released
    findings: list[Finding] = field(default_factory=list)
    submission_id: int | None = None
    raw_source: str = ""           # hex of the source's bytes when its name was not UTF-8
    container: str = ""            # evidence: the return it came with
    released_by: str = ""          # released: the sender or source that lifted the hold
    other_period: str = ""         # rejected here, recorded for the period its _meta names
    other_verdict: str = ""        # and its verdict there

    def said(self) -> list[Finding]:
        """The findings the clerk reads under this item's line (the console, the page): what stops
        it, what it waits for, and why an item is not used: each one line, in the clerk's words."""
        held = self.verdict == "held"
        return [f for f in self.findings if f.code != "meta-recorded-other-period"  # said apart, translated
                and (f.severity == "error" or self.verdict in ("rejected", "skipped")
                     or (held and f.code in ("sender-held", "period-held"))
                     or f.code in NOT_A_RETURN
                     or (self.verdict == "evidence" and f.severity == "warning"))]  # refused, dangerous


NOT_A_RETURN = ("file-not-return", "file-beside-return")  # a spreadsheet kept as evidence: the clerk hears why


@dataclass
class CollectResult:
    outcomes: list[Outcome] = field(default_factory=list)

    held: int = 0  # submissions of the period still waiting for the Office (this run's and earlier)

    @property
    def exit_code(self) -> int:
        """0 when every file was accepted without errors and none waits for the Office, else 1
        (everything is still recorded)."""
        bad = {"rejected", "errors", "held"}
        return 1 if self.held or any(o.verdict in bad for o in self.outcomes) else 0

    def count(self, verdict: str) -> int:
        return sum(1 for o in self.outcomes if o.verdict == verdict)

    def tally(self) -> dict[str, int]:
        """The fields of the run's summary line: the items, and how many ended in each way."""
        verdicts = ("accepted", "warnings", "errors", "rejected", "held", "released", "duplicate", "evidence", "skipped")
        return {"items": len(self.outcomes), **{verdict: self.count(verdict) for verdict in verdicts}}
