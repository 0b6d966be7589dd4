"""Names of files: one path part valid on Windows as well as POSIX, made from a code or a name the
plan gives (``TC/KH``, ``01/2023``) or from a name a file arrived with (``safe_name``), and the name
a received file is known by (``received_name``). No I/O."""

from __future__ import annotations

import re
import unicodedata

from cchc_xlsx.core.safetext import printable

UNSAFE = '/\\:*?"<>|'
_UNSAFE_RUN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]+')
# Names Windows reserves for devices, whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_LENGTH = 120  # leaves room for the folder within Windows' 260-character paths


def safe_name(text: str, replacement: str = "-", *, fallback: str = "_", device_prefix: str = "_") -> str:
    """``text`` as one file-name part: separators and Windows-forbidden characters become ``replacement``,
    trailing dots and spaces go, device names get ``device_prefix``, and it is never empty or ``.``/``..``.

    Args:
        text: a code or a name from the plan, or the last part of a name a file arrived with.
        replacement: what stands for each run of unsafe characters.
        fallback: the name when nothing is left.
        device_prefix: put before a name Windows keeps for a device (``NUL.xlsx``).

    Returns:
        A name, NFC-normalised, at most ``MAX_LENGTH`` characters.
    """
    name = _UNSAFE_RUN.sub(replacement, unicodedata.normalize("NFC", str(text))).strip()
    name = name.rstrip(". ")
    if len(name) > MAX_LENGTH:
        name = name[:MAX_LENGTH].rstrip(". ")
    if not name or set(name) <= {"."}:
        return fallback
    if name.split(".")[0].upper().strip() in _RESERVED:
        name = device_prefix + name
    return name


def received_name(raw: str, fallback: str = "tep-dinh-kem") -> str:
    """The name a received file is known by (in findings, the ledger, the links of evidence): its last
    part without folders ("../../x.pdf" → "x.pdf") or leading dots, undecodable bytes replaced, control
    characters shown as escapes ("\\x1b"), in NFC; ``fallback`` when nothing is left. A name to show and
    match, not to write: ``safe_name`` makes a file name of it."""
    text = raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = unicodedata.normalize("NFC", text).replace("\\", "/")
    text = printable(text.rsplit("/", 1)[-1].strip()).lstrip(".").strip()
    return text[:200] or fallback


def unsafe_characters(text: str) -> str:
    """The characters of ``text`` that ``safe_name`` replaces (empty when it is already safe)."""
    found = dict.fromkeys(ch for ch in str(text) if ch in UNSAFE or ord(ch) < 32 or ord(ch) == 127)
    return "".join(found)


def is_safe(text: str) -> bool:
    return safe_name(text) == unicodedata.normalize("NFC", str(text))
