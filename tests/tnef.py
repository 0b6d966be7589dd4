"""A TNEF writer for tests: what Outlook puts in ``winmail.dat`` when it sends rich text.

Only what a reader needs to find attached files: the signature, the message class, and per
attachment its rendering data (which opens it), its title (the 8.3-style name) and its bytes.
"""

from __future__ import annotations

import struct

SIGNATURE = 0x223E9F78
LEVEL_MESSAGE, LEVEL_ATTACHMENT = 1, 2
TNEF_VERSION, OEM_CODEPAGE, MESSAGE_CLASS = 0x00089006, 0x00069007, 0x00078008
ATTACH_REND_DATA, ATTACH_TITLE, ATTACH_DATA = 0x00069002, 0x00018010, 0x0006800F


def _attribute(level: int, attribute: int, data: bytes) -> bytes:
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", checksum)


def winmail_dat(files: dict[str, bytes], key: int = 0x0137) -> bytes:
    """A TNEF stream holding ``files`` (name → bytes) as attachments."""
    out = [struct.pack("<IH", SIGNATURE, key),
           _attribute(LEVEL_MESSAGE, TNEF_VERSION, struct.pack("<I", 0x00010000)),
           _attribute(LEVEL_MESSAGE, OEM_CODEPAGE, struct.pack("<II", 1252, 0)),
           _attribute(LEVEL_MESSAGE, MESSAGE_CLASS, b"IPM.Microsoft Mail.Note\x00")]
    for name, data in files.items():
        out.append(_attribute(LEVEL_ATTACHMENT, ATTACH_REND_DATA, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0)))
        out.append(_attribute(LEVEL_ATTACHMENT, ATTACH_TITLE, name.encode("cp1258", "replace") + b"\x00"))
        out.append(_attribute(LEVEL_ATTACHMENT, ATTACH_DATA, data))
    return b"".join(out)
