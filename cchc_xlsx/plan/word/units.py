"""Unit names as the document writes them, matched to the unit table by name and alias.

A name the table does not know becomes a new unit (listed for review); a name that starts
with a known one (“Văn phòng (phối hợp với …)”) is that unit, its remark kept as a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_xlsx import text as labels
from cchc_xlsx.core.values import fold_key, normalize_text
from cchc_xlsx.plan.read import RawRow
from cchc_xlsx.plan.word.review import Review

_BULLET = re.compile(r"^\s*(?:[-–+•*]|\d+[.)])\s*")
_REMARK = re.compile(r"\s*\(([^()]*)\)\s*")
_SPLIT = re.compile(r"\s*;\s*|\n")


@dataclass
class UnitTable:
    """The unit table the import matches against, grown by the names it does not know."""

    rows: list[RawRow]
    by_key: dict[str, str] = field(default_factory=dict)  # folded spelling → code
    new: list[str] = field(default_factory=list)          # codes added by this import

    def __post_init__(self) -> None:
        for row in self.rows:
            code = normalize_text(row.values.get("code"))
            names = [row.values.get("code"), row.values.get("name"),
                     *str(row.values.get("aliases") or "").split("|")]
            for name in names:
                if normalize_text(name):
                    self.by_key.setdefault(fold_key(name), code)

    def names(self, cell_text: str, review: Review, place: tuple, where) -> tuple[list[str], list[str]]:
        """The unit names a cell holds, as the table spells them, and the remarks in brackets."""
        found, remarks = [], []
        for part in split_units(cell_text):
            remark = " ".join(m.group(1) for m in _REMARK.finditer(part))
            name = _REMARK.sub(" ", part).strip().rstrip(".").strip()
            if remark:
                remarks.append(remark)
            if not name:
                continue
            spelled = self._match(name, review, place, where)
            if spelled not in found:
                found.append(spelled)
        return found, remarks

    def _match(self, name: str, review: Review, place: tuple, where) -> str:
        key = fold_key(name)
        if key in self.by_key:
            return name
        # The longest known spelling the name starts with ("Văn phòng thông qua hộp thư…").
        starts = [k for k in self.by_key if len(k) >= 4 and key.startswith(k + " ")]
        if starts:
            best = max(starts, key=len)
            review.add(*place, read=name, decided=labels.IMPORT_UNIT_PREFIX.format(code=self.by_key[best]))
            self.by_key[key] = self.by_key[best]
            return self.by_key[best]  # its code: the builder knows every code
        code = self._new_code(name)
        self.rows.append(RawRow(where, {"code": code, "name": name, "aliases": name, "kind": "unit",
                                        "receives_workbook": "1",
                                        "source": labels.IMPORT_SOURCE.format(where=where)}))
        self.by_key[key] = code
        self.new.append(code)
        review.add(*place, read=name, decided=labels.IMPORT_UNIT_NEW.format(code=code))
        return name

    def _new_code(self, name: str) -> str:
        initials = "".join(w[0] for w in re.findall(r"\w+", fold_key(name)) if w[0].isalpha()).upper()
        base = (initials or "DV")[:6]
        taken = set(self.by_key.values())
        code, n = base, 1
        while code in taken:
            n += 1
            code = f"{base}{n}"
        return code


def split_units(text: str) -> list[str]:
    """A units cell's names: one per line or per “;”, list bullets dropped (never split at commas:
    “Các phòng, đơn vị thuộc Sở” is one name)."""
    parts = []
    for line in _SPLIT.split(text or ""):
        # "- Văn phòng. - Trung tâm CNTT&TT" typed on one line: a bullet after a full stop starts a name.
        for piece in re.split(r"(?<=[.;])\s+[-–+•]\s+", line):
            piece = _BULLET.sub("", piece).strip()
            if piece:
                parts.append(piece)
    return parts
