"""Which task or criterion row each received file proves: pure matching on names and texts.

In order: (a) a row's ``Tài liệu kiểm chứng`` cell names the file (its name, or a distinctive part
of it such as the document's number and symbol, compared after NFC and case folding, punctuation
as spaces: "KH 12/KH-STTTT" ↔ "KH 12-KH-STTTT.pdf"); (b) the file name starts with a row's code
("I.1.2 - Ke hoach.pdf", "NV6.1_bao cao.pdf"); (c) otherwise the file is unlinked.
A cell that names a file (with its extension) that did not arrive is reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath

_EXT = (r"pdf|docx?|docm|xlsx?|xlsm|ods|odt|odp|pptx?|jpe?g|png|gif|tiff?|bmp|heic|webp|zip|rar|7z|txt|rtf|"
        r"mp4|mp3|csv|xml")
# A file name cited in a cell: a run of text up to an extension, not across separators.
_FILE_CITE = re.compile(r"([^\n,;:()\[\]\"“”‘’<>|]+?\.(?:" + _EXT + r"))(?!\w)", re.IGNORECASE)
# A document's number and symbol, as Vietnamese documents are cited: "12/KH-STTTT", "125/QĐ-UBND".
_SYMBOL = re.compile(r"\d+\s*/\s*[^\s,;:()\[\]\"“”]+")
_NON_WORD = re.compile(r"[\W_]+")
_URL = re.compile(r"\S+://\S+|www\.\S+", re.IGNORECASE)
MIN_DISTINCTIVE = 4  # letters and digits a name (or a part of it) needs to count as naming a file
GENERIC_LENGTH = 10  # without a digit, a name this long at least (shorter ones are common words)


@dataclass(frozen=True)
class Row:
    """A task or criterion row of a returned workbook, as the ledger keeps it."""

    kind: str          # "task" or "criterion"
    code: str
    evidence: str = ""
    cell_row: int | None = None


@dataclass
class Links:
    """The outcome of linking one workbook's rows to the files that came with it."""

    links: list[tuple[str, str, str, str]] = field(default_factory=list)   # (file, kind, code, how)
    missing: list[tuple[Row, str]] = field(default_factory=list)            # (row, the file name it cites)
    unlinked: list[str] = field(default_factory=list)

    def linked_rows(self) -> set[tuple[str, str]]:
        return {(kind, code) for _, kind, code, _ in self.links}


def norm(text: str) -> str:
    """NFC, case folded, every run of punctuation and spaces as one space; Vietnamese marks
    dropped too, as file names usually lose them ("QĐ" in a cell, "QD" in the name)."""
    folded = unicodedata.normalize("NFC", str(text)).casefold().replace("đ", "d")
    folded = "".join(ch for ch in unicodedata.normalize("NFD", folded) if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", folded).strip()


def _distinctive(normed: str) -> bool:
    # "KH12", "ke hoach 2022", "anh hoi nghi tong ket" name a file; "bao cao" alone names nothing.
    letters = len(normed.replace(" ", ""))
    return letters >= MIN_DISTINCTIVE and (any(ch.isdigit() for ch in normed) or letters >= GENERIC_LENGTH)


def _contains(haystack: str, needle: str) -> bool:
    return f" {needle} " in f" {haystack} "


def _ends_alike(a: str, b: str) -> bool:
    # One name is the other with words in front ("xem tep KH12.pdf" and "KH12.pdf").
    return f" {a}".endswith(f" {b}") or f" {b}".endswith(f" {a}")


def cited_files(text: str) -> list[str]:
    """The file names (with an extension) a cell's text cites; web addresses are not files."""
    text = _URL.sub(" ", text or "")
    return [match.group(1).strip() for match in _FILE_CITE.finditer(text)]


_EXT_HINT = re.compile(r"\.(?:" + _EXT + r")(?!\w)", re.IGNORECASE)  # starts with a literal: fast


def cites_files(text: str) -> bool:
    """Cheap test: could ``text`` (for instance a row set as JSON) cite a file at all?"""
    return _EXT_HINT.search(text or "") is not None


def code_prefix(name: str, codes: list[str]) -> str | None:
    """The longest code that ``name`` starts with, followed by a separator: "I.1.2 - x.pdf" is
    I.1.2's, not I.1's; "NV6.10_x" is not NV6.1's."""
    folded = unicodedata.normalize("NFC", name).casefold().strip()
    for code in sorted(codes, key=len, reverse=True):
        key = code.casefold()
        if not key or not folded.startswith(key):
            continue
        rest = folded[len(key):]
        if not rest:
            return code
        if rest[0].isalnum() or (rest[0] in ".," and rest[1:2].isdigit()):
            continue
        return code
    return None


def link(names: list[str], rows: list[Row]) -> Links:
    """Link each file name to the rows it proves (see the module's docstring).

    Args:
        names: the files that came with the workbook (safe names).
        rows: the workbook's task and criterion rows with their evidence texts.
    """
    result = Links()
    files = [(name, norm(PurePath(name).stem), norm(name)) for name in dict.fromkeys(names)]
    cited: set[str] = set()
    for row in rows:
        if not row.evidence:
            continue
        text = norm(row.evidence)
        symbols = [s for s in (norm(m) for m in _SYMBOL.findall(row.evidence)) if _distinctive(s)]
        for name, stem, _ in files:
            if (_distinctive(stem) and _contains(text, stem)) or any(_contains(stem, s) for s in symbols):
                result.links.append((name, row.kind, row.code, "cited"))
                cited.add(name)
        for wanted in cited_files(row.evidence):
            if not any(_ends_alike(norm(wanted), full) for _, _, full in files):
                result.missing.append((row, wanted))
    codes: dict[str, list[Row]] = {}
    for row in rows:
        codes.setdefault(row.code, []).append(row)
    for name, _, _ in files:
        if name in cited:
            continue
        code = code_prefix(name, list(codes))
        if code is None:
            result.unlinked.append(name)
            continue
        for row in codes[code]:
            result.links.append((name, row.kind, row.code, "code"))
    return result
