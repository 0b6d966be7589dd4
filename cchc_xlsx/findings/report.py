"""The one shape of a finding, from the stage that finds it to the ledger, the page and the
workbooks, and the report that gathers findings."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# What the ledger keeps of a finding (its findings table's columns, after submission_id).
STORED = ("code", "severity", "sheet", "cell", "row_code", "field", "value", "message")


@dataclass(slots=True)
class Finding:
    """One problem or remark: a stable code, its severity, a message naming the place, and the place.

    A finding about the plan has ``where`` (a table's row); one about a received file has the file,
    and where it applies the sheet, the cell, the row's code, the field and the value found.
    """

    code: str
    severity: str
    message: str
    where: str = ""
    file: str = ""
    sheet: str = ""
    cell: str = ""
    row_code: str = ""
    field: str = ""
    value: object = ""

    def __getitem__(self, key: str) -> object:
        # Read like the ledger's rows (finding["code"]), for code written against them.
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def replace(self, **changes: object) -> Finding:
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict:
        """Code, severity, message and where, and the place's other parts that are set (JSON output)."""
        found = {"code": self.code, "severity": self.severity, "message": self.message, "where": self.where}
        for name in ("file", "sheet", "cell", "row_code", "field", "value"):
            value = getattr(self, name)
            if value not in ("", None):
                found[name] = value
        return found

    def stored(self) -> tuple:
        """The columns of the ledger's findings table (``STORED``), in order."""
        return (self.code, self.severity, self.sheet, self.cell, self.row_code, self.field, self.value,
                self.message)

    @classmethod
    def from_stored(cls, row, file: str = "") -> Finding:
        """A finding as the ledger kept it (a row with the ``STORED`` columns); NULLs read as empty."""
        return cls(code=row["code"], severity=row["severity"], message=row["message"], file=file,
                   sheet=row["sheet"] or "", cell=row["cell"] or "", row_code=row["row_code"] or "",
                   field=row["field"] or "", value="" if row["value"] is None else row["value"])


@dataclass
class Report:
    """Findings gathered by a stage; ``valid`` while none is an error."""

    findings: list[Finding] = dataclasses.field(default_factory=list)

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
