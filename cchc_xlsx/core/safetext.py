"""Text that is safe where it goes: a terminal, a report cell, the ledger.

Received names and values are written by strangers: a file name may not be UTF-8 (a Windows zip
unpacked on Linux gives Python a string with lone surrogates, which SQLite and most streams
refuse), and any text may carry control characters (an ESC sequence rewrites a terminal line,
CR/LF break a report's lines). Each helper here is the one place that rule is applied.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the bidirectional overrides that reorder what is shown.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: object) -> str:
    """``text`` for one line of a terminal: every control character shown as an escape (``\\x1b``,
    ``\\n``), lone surrogates as U+FFFD. Used for everything the command line prints."""
    text = str(text)
    if text.isprintable():
        return text
    return _CONTROLS.sub(_escape, storable(text))


def cell_text(text: object) -> str:
    """``text`` for a report cell: line breaks and tabs kept, other control characters shown as
    escapes, lone surrogates replaced."""
    text = str(text)
    if text.isprintable():
        return text
    return _CONTROLS_BUT_LINES.sub(_escape, storable(text))


def one_line(text: object) -> str:
    """``text`` for a message of one line (a finding): every control character escaped."""
    return printable(text)


def storable(text: str) -> str:
    """``text`` that encodes as UTF-8: a lone surrogate (an undecodable byte of a file name) becomes
    U+FFFD. The original bytes are kept apart with ``raw_hex``."""
    if not _SURROGATES.search(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace") \
        if _escapable(text) else _SURROGATES.sub("\ufffd", text)


def raw_hex(text: str) -> str:
    """The bytes a name stood for, in hex, when it was not valid UTF-8; "" when it was."""
    if not _SURROGATES.search(text):
        return ""
    try:
        return text.encode("utf-8", "surrogateescape").hex()
    except UnicodeEncodeError:  # surrogates that do not stand for bytes: keep what can be said
        return text.encode("utf-8", "surrogatepass").hex()


def _escapable(text: str) -> bool:
    try:
        text.encode("utf-8", "surrogateescape")
        return True
    except UnicodeEncodeError:
        return False
