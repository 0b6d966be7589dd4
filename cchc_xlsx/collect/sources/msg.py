"""Outlook ``.msg`` (what Outlook writes when a clerk drags a mail into a folder): an OLE2 file
read with extract-msg; its attachments go down the message's own path (``message.msg_items``)."""

from __future__ import annotations

import datetime as dt

from cchc_xlsx.collect.sources.items import Envelope, Part
from cchc_xlsx.core.names import received_name

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MSG_MARK = "__substg1.0_".encode("utf-16-le")  # the stream names of a message's properties


def is_msg(data: bytes) -> bool:
    """Whether ``data`` is an Outlook message (an OLE2 file with message property streams)."""
    return data.startswith(OLE2_MAGIC) and _MSG_MARK in data


def msg_parts(data: bytes, depth: int = 0) -> tuple[Envelope, list[Part]]:
    """The envelope and the attached files of an Outlook .msg (an attached mail's files included
    as parts one level deeper)."""
    import extract_msg

    message = extract_msg.openMsg(data, delayAttachments=False)
    try:
        return _envelope(message), _parts(message, depth)
    finally:
        message.close()


def _envelope(message) -> Envelope:
    from email.utils import parseaddr

    header = _safe(lambda: message.header)
    in_reply_to = str(_safe(lambda: header.get("In-Reply-To", "")) or "").strip() if header is not None else ""
    sent = _safe(lambda: message.date)
    if not isinstance(sent, dt.datetime) and header is not None:  # the transport headers' Date:, else none
        from email.utils import parsedate_to_datetime

        sent = _safe(lambda: parsedate_to_datetime(str(header.get("Date", ""))))
    if isinstance(sent, dt.datetime) and sent.tzinfo is not None:
        sent = sent.astimezone().replace(tzinfo=None)
    return Envelope(parseaddr(str(_safe(lambda: message.sender) or ""))[1].lower(),
                    str(_safe(lambda: message.messageId) or "").strip(), in_reply_to,
                    sent if isinstance(sent, dt.datetime) else None)


def _parts(message, depth: int) -> list[Part]:
    parts = []
    for index, attachment in enumerate(_safe(lambda: message.attachments) or []):
        raw = str(_safe(lambda attachment=attachment: attachment.longFilename) or _safe(lambda attachment=attachment: attachment.shortFilename) or "")
        content = _safe(lambda attachment=attachment: attachment.data)
        if isinstance(content, bytes):
            parts.append(Part(received_name(raw, f"tep-dinh-kem-{index + 1}.bin"), len(content),
                              lambda content=content: content, raw, depth))
        elif content is not None and depth < 3:  # an attached mail: its own files, one level deeper
            parts.extend(_parts(content, depth + 1))
    return parts


def _safe(getter):
    # extract-msg decodes properties lazily; one it cannot decode costs only itself.
    try:
        return getter()
    except Exception:
        return None
