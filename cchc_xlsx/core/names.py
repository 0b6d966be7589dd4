"""File and folder names made from codes and names the plan gives (``TC/KH``, ``01/2023``): one
path part each, valid on Windows as well as POSIX. No I/O."""

from __future__ import annotations

import re
import unicodedata

UNSAFE = '/\\:*?"<>|'
_UNSAFE_RUN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]+')
# Names Windows reserves for devices, whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_LENGTH = 120  # leaves room for the folder within Windows' 260-character paths


def safe_name(text: str, replacement: str = "-") -> str:
    """``text`` as one file-name part: separators and Windows-forbidden characters become ``replacement``,
    trailing dots and spaces go, device names get a ``_``, and it is never empty or ``.``/``..``.

    Args:
        text: a code or a name from the plan.
        replacement: what stands for each run of unsafe characters.

    Returns:
        A name, NFC-normalised, at most ``MAX_LENGTH`` characters.
    """
    name = _UNSAFE_RUN.sub(replacement, unicodedata.normalize("NFC", str(text))).strip()
    name = name.rstrip(". ")
    if len(name) > MAX_LENGTH:
        name = name[:MAX_LENGTH].rstrip(". ")
    if not name or set(name) <= {"."}:
        return "_"
    if name.split(".")[0].upper().strip() in _RESERVED:
        name = "_" + name
    return name


def unsafe_characters(text: str) -> str:
    """The characters of ``text`` that ``safe_name`` replaces (empty when it is already safe)."""
    found = dict.fromkeys(ch for ch in str(text) if ch in UNSAFE or ord(ch) < 32 or ord(ch) == 127)
    return "".join(found)


def is_safe(text: str) -> bool:
    return safe_name(text) == unicodedata.normalize("NFC", str(text))
