"""TNEF (``winmail.dat``, ``application/ms-tnef``): what Outlook sends in rich-text mode. The real
attachments are inside it; read with tnefparse, they go down the message's own path."""

from __future__ import annotations

from cchc_xlsx.collect.sources.items import Part
from cchc_xlsx.core.names import received_name

TNEF_SIGNATURE = b"\x78\x9f\x3e\x22"  # 0x223E9F78, little-endian


def is_tnef(data: bytes) -> bool:
    """Whether ``data`` is a TNEF stream (by its signature, whatever the part is called)."""
    return data.startswith(TNEF_SIGNATURE)


def tnef_parts(data: bytes, depth: int = 1) -> list[Part]:
    """The attached files of a TNEF stream, as parts of the message that carried it.

    Raises:
        Exception: whatever tnefparse raises for a stream it cannot read (the caller reports it).
    """
    import tnefparse

    found = tnefparse.TNEF(data, do_checksum=False)
    parts = []
    for index, attachment in enumerate(found.attachments):
        raw = _name(attachment)
        content = attachment.data if isinstance(attachment.data, bytes) else b""
        parts.append(Part(received_name(raw, f"tep-dinh-kem-{index + 1}.bin"), len(content),
                          lambda content=content: content, raw, depth))
    return parts


def _name(attachment) -> str:
    # The long name when Outlook kept one, else the 8.3 name.
    for getter in (lambda: attachment.long_filename(), lambda: attachment.name):
        try:
            value = getter()
        except Exception:  # a property tnefparse cannot decode: the other name, or a made-up one
            continue
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if value:
            return str(value).rstrip("\x00")
    return ""
