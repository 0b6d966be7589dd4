"""Findings and the report that collects them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One problem or remark, with a stable code, a severity and a message naming the place."""

    code: str
    severity: str
    message: str
    where: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Report:
    """Findings gathered by a stage; ``valid`` while none is an error."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings) -> None:
        self.findings.extend(findings)

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 9))

    def to_json(self) -> list[dict]:
        return [f.as_dict() for f in self.findings]
