"""Messages: .eml and .mbox (MIME), and what every message source shares.

A message is cut into its parts without the email package's line-by-line parser (a message with
a 50 MB scan needs a few times its size in memory, not ten). Whatever program saved a message
(``.eml``, ``.mbox``, Outlook's ``.msg``, a TNEF ``winmail.dat`` inside any of them), its
attached files go down one path, ``message_parts``: a return found among them is the return,
every other file (a unit's own spreadsheet included) is evidence of it.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import mailbox
from collections import deque
from collections.abc import Iterable, Iterator
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path, PurePath

from cchc_xlsx.core.names import is_lock_file
from cchc_xlsx.core.values import size_text
from cchc_xlsx.collect.sources import msg, tnef
from cchc_xlsx.collect.sources.items import (
    SPREADSHEET_EXTENSIONS,
    ZIP_EXTENSIONS,
    Attachment,
    Contained,
    Envelope,
    Item,
    Part,
    Received,
    Skipped,
    beside_the_return,
    limits_of,
    refused,
)
from cchc_xlsx.collect.sources.zip import expand_zip
from cchc_xlsx.core.names import received_name
from cchc_xlsx.findings.catalogue import reason_detail, reason_words

# MIME types that name a spreadsheet when a part has no file name (some mail clients send none).
SPREADSHEET_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.12": ".xlsm",
    "application/vnd.ms-excel": ".xls", "application/msexcel": ".xls", "application/x-msexcel": ".xls",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
}
# Zip-based documents that are not archives to expand.
DOCUMENT_ZIPS = {".docx", ".docm", ".pptx", ".pptm", ".odt", ".odp", ".ods", ".xlsx", ".xlsm", ".xlsb", ".numbers",
                 ".jar", ".apk", ".epub", ".dotx", ".xltx", ".potx"}
NESTING = 3  # messages inside messages (a .msg attached to a mail, a winmail.dat in it) read this deep


def attachments(message: EmailMessage, source: str,
                limits: dict[str, int] | None = None) -> Iterator[Received | Skipped | Attachment]:
    """Every part of one message: spreadsheets as ``Received`` (``Contained``), every other attached
    file as an ``Attachment``; evidence first, so its names are known when the workbook is recorded.

    A part without a file name is still looked at (its MIME type, its bytes): a possible return is
    never skipped silently. Limits apply per part: a large PDF refuses only itself.
    """
    leaves = ((part, _encoded_size(part), part.get_payload) for part in message.walk() if not part.is_multipart())
    yield from message_parts(envelope_of(message), _parts(leaves), source, limits)


def message_items(raw: bytes, source: str, limits: dict[str, int] | None = None) -> Iterator[Item]:
    """As ``attachments``, from a message's bytes, cut into its parts without the email package's
    line-by-line parser: a message with a 50 MB scan needs a few times its size in memory, not ten."""

    head_end = _header_end(raw, 0)
    message = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw[:head_end])
    leaves = _raw_leaves(raw, message, head_end, len(raw), 0)
    yield from message_parts(envelope_of(message), _parts(leaves), source, limits)


def _header_end(raw: bytes, start: int) -> int:
    # The end of a header block: the first empty line (CRLF or LF), or the end.
    ends = [i for i in (raw.find(b"\r\n\r\n", start), raw.find(b"\n\n", start)) if i >= 0]
    if not ends:
        return len(raw)
    at = min(ends)
    return at + (4 if raw.startswith(b"\r\n\r\n", at) else 2)


def _raw_leaves(raw: bytes, headers, start: int, end: int, depth: int):
    """(headers, estimated size, payload getter) of each leaf part in raw[start:end]."""

    try:
        maintype, content_type, boundary = (headers.get_content_maintype(), headers.get_content_type(),
                                            headers.get_param("boundary"))
    except Exception:  # headers too broken to read: the part is taken as one leaf
        maintype = content_type = boundary = None
    if maintype == "multipart" and boundary and depth < 20:
        delimiter = b"--" + str(boundary).encode("ascii", "replace")
        position = raw.find(delimiter, start, end)
        while 0 <= position < end:
            line_end = raw.find(b"\n", position, end)
            if raw.startswith(delimiter + b"--", position) or line_end < 0:
                return  # the closing delimiter
            part_start = line_end + 1
            following = raw.find(b"\n" + delimiter, part_start - 1, end)
            part_end = following if following >= 0 else end
            body_end = part_end - 1 if part_end > part_start and raw[part_end - 1:part_end] == b"\r" else part_end
            head_end = min(_header_end(raw, part_start), body_end) if not raw.startswith((b"\r\n", b"\n"),
                                                                                           part_start) else part_start
            part_headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(
                raw[part_start:head_end])
            yield from _raw_leaves(raw, part_headers, head_end + (0 if head_end > part_start else
                                   (2 if raw.startswith(b"\r\n", part_start) else 1)), body_end, depth + 1)
            position = following + 1 if following >= 0 else -1
        return
    if content_type == "message/rfc822" and depth < 20:
        inner_end = _header_end(raw, start)
        inner = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw[start:inner_end])
        yield from _raw_leaves(raw, inner, inner_end, end, depth + 1)
        return
    encoding = _header(headers, "Content-Transfer-Encoding").strip().lower()
    size = end - start
    yield headers, size * 3 // 4 if encoding == "base64" else size, _decoder(raw, start, end, encoding)


def _decoder(raw: bytes, start: int, end: int, encoding: str):
    def decode(decode: bool = True) -> bytes:
        import binascii
        import quopri

        body = raw[start:end]
        if encoding == "base64":
            try:
                return binascii.a2b_base64(body)  # skips line breaks and stray characters
            except binascii.Error:  # cut short: what is whole, as the email package does
                import re

                clean = re.sub(rb"[^A-Za-z0-9+/]", b"", body)
                return binascii.a2b_base64(clean[:len(clean) - len(clean) % 4])
        if encoding == "quoted-printable":
            return quopri.decodestring(body)
        return body
    return decode


def _header(message, name: str) -> str:
    # A header too broken for the email package's parser is read as raw text, or as nothing.
    try:
        return str(message.get(name, "") or "")
    except Exception:
        try:
            raw = next((v for k, v in message.raw_items() if k.lower() == name.lower()), "")
            return str(raw).encode("utf-8", "replace").decode("utf-8")
        except Exception:
            return ""


def msg_items(data: bytes, source: str, limits: dict[str, int] | None = None) -> list[Item]:
    """The items of an Outlook .msg (``msg.py`` reads it), as an .eml's.

    Raises:
        Exception: whatever extract-msg raises for a file it cannot read (the caller reports it).
    """
    envelope, parts = msg.msg_parts(data)
    return list(message_parts(envelope, parts, source, limits))


def envelope_of(message) -> Envelope:
    """The envelope of a MIME message (headers too broken to read give empty fields)."""
    try:
        sent = claimed_date(message)  # the sender's claim, only recorded
    except Exception:  # a Date header too broken even to be read
        sent = None
    return Envelope(parseaddr(_header(message, "From"))[1].lower(), _header(message, "Message-ID").strip(),
                    _header(message, "In-Reply-To").strip(), sent)


def _parts(leaves) -> Iterator[Part]:
    for index, (part, estimate, payload) in enumerate(leaves):
        name = _part_name(part, index)
        if name is not None:
            yield Part(name, estimate, lambda payload=payload: payload(decode=True) or b"", _raw_name(part))


def message_parts(envelope: Envelope, parts: Iterable[Part], source: str,
                  limits: dict[str, int] | None = None) -> Iterator[Item]:
    """The items of one message's attached files, whatever program saved the message.

    Evidence first, so its names are known when the workbook is recorded. Only a workbook with
    our ``_meta`` is the return when one came; every other spreadsheet is evidence of it (a
    unit's own table never replaces its return). A TNEF ``winmail.dat`` or an attached Outlook
    ``.msg`` is opened and its files taken as this message's. Limits apply per part.
    """
    limits = limits_of(limits)
    meta = {"sender": envelope.sender, "received_at": None, "message_id": envelope.message_id}
    evidence: list = []
    workbooks: list = []
    pending = deque(parts)  # a winmail.dat's or an attached .msg's files join the queue
    while pending:
        part = pending.popleft()
        name = part.name
        shown = f"{source}/{name}"
        suffix = PurePath(name).suffix.lower()
        if is_lock_file(name):
            evidence.append(Skipped(shown, "lock-file"))
            continue
        spreadsheet = suffix in SPREADSHEET_EXTENSIONS
        limit = limits["max_file_bytes"] if spreadsheet else limits["max_evidence_bytes"]
        if part.estimate > limit * 1.05 + 1024:  # refused before decoding: base64 is about 4/3 of the bytes
            (workbooks if spreadsheet else evidence).append(
                Skipped(shown, "too-large", size_text(limit), part.estimate) if spreadsheet
                else refused(name, shown, source, part.estimate, "too-large", size_text(limit), meta))
            continue
        try:
            data = part.load()
        except Exception as exc:  # one broken part costs only itself
            evidence.append(refused(name, shown, source, part.estimate, "unreadable", reason_words(exc), meta))
            continue
        try:
            inner = _inner_parts(data, name, part.depth) if not spreadsheet else None
        except Exception:  # a winmail.dat or .msg its reader refuses: kept whole, as evidence
            inner = None
        if inner is not None:  # winmail.dat, an attached .msg: its files are this message's
            evidence.append(Attachment(name, shown, source, len(data), data=data, expanded=True,
                                       original_name=part.original_name, **meta))
            pending.extend(inner)
            continue
        if spreadsheet:
            if len(data) > limit:
                workbooks.append(Skipped(shown, "too-large", size_text(limit), len(data)))
            else:
                workbooks.append(Contained(name, data, shown, sender=envelope.sender, claimed_at=envelope.claimed_at,
                                           message_id=envelope.message_id, in_reply_to=envelope.in_reply_to,
                                           container=source))
        elif suffix in ZIP_EXTENSIONS or data.startswith(b"PK\x03\x04") and suffix not in DOCUMENT_ZIPS:
            for item in expand_zip(data, name, shown, source, limits, meta, envelope.in_reply_to):
                (workbooks if isinstance(item, Received) else evidence).append(item)
        elif len(data) > limit:
            evidence.append(refused(name, shown, source, len(data), "too-large", size_text(limit), meta))
        else:
            evidence.append(Attachment(name, shown, source, len(data), data=data,
                                       original_name=part.original_name, **meta))
    workbooks = beside_the_return(workbooks, meta)
    evidence += [item for item in workbooks if isinstance(item, Attachment)]
    workbooks = [item for item in workbooks if not isinstance(item, Attachment)]
    if not workbooks and not evidence:
        yield Skipped(source, "no-attachment")
        return
    if not workbooks:
        # Files without a workbook: kept, and the Office is told no return came with them (a unit's
        # own spreadsheet is not one: said so, rather than that nothing was attached).
        own = any(isinstance(item, Attachment) and item.note for item in evidence)
        evidence.append(Skipped(source, "no-return" if own else "no-attachment"))
    yield from evidence
    yield from workbooks


def _inner_parts(data: bytes, name: str, depth: int) -> list[Part] | None:
    """The files of a message inside a message (TNEF, Outlook .msg); None when ``data`` is not one."""
    if depth >= NESTING:
        return None
    if tnef.is_tnef(data):
        return tnef.tnef_parts(data, depth + 1)
    if PurePath(name).suffix.lower() == ".msg" and msg.is_msg(data):
        return msg.msg_parts(data, depth + 1)[1]
    return None


def _raw_name(part) -> str:
    try:
        return str(part.get_filename() or "")
    except Exception:  # a header too broken to decode: the safe name is what is shown
        return ""


def _part_name(part, index: int) -> str | None:
    """The safe name of an attached part; None for the message's own text."""
    try:
        return _named_part(part, index)
    except Exception:  # headers too broken to read: still taken, never skipped in silence
        return f"tep-dinh-kem-{index + 1}.bin"


def _named_part(part, index: int) -> str | None:
    try:
        raw = part.get_filename()
    except Exception:  # an undecodable header: the part is still taken, under a made-up name
        raw = None
    content_type = part.get_content_type()
    if raw:
        return received_name(str(raw), f"tep-dinh-kem-{index + 1}")
    disposition = part.get_content_disposition()
    if content_type in SPREADSHEET_TYPES:
        return f"tep-dinh-kem-{index + 1}{SPREADSHEET_TYPES[content_type]}"
    if content_type in ("text/plain", "text/html") and disposition != "attachment":
        return None  # the body
    if part.get_content_maintype() in ("multipart", "message"):
        return None
    import mimetypes

    extension = mimetypes.guess_extension(content_type) or ".bin"
    return f"tep-dinh-kem-{index + 1}{extension}"


def _encoded_size(part) -> int:
    payload = part.get_payload(decode=False)
    length = len(payload) if isinstance(payload, (str, bytes)) else 0
    encoding = str(part.get("Content-Transfer-Encoding", "")).lower()
    return length * 3 // 4 if "base64" in encoding else length


def claimed_date(message: EmailMessage) -> dt.datetime | None:
    """The date a message's sender claims (``Date:``), as local time; None when absent or absurd.

    Never raises: a forged ``Date: Fri, 31 Dec 9999 23:59:59 -1200`` overflows on conversion.
    """
    try:
        value = message.get("Date")
        if not value:
            return None
        sent = getattr(value, "datetime", None) or parsedate_to_datetime(str(value))
        if sent is not None and sent.tzinfo is not None:
            sent = sent.astimezone().replace(tzinfo=None)
        return sent
    except (TypeError, ValueError, OverflowError, IndexError, AttributeError):
        return None


def mbox_items(path: Path, limits: dict[str, int] | None = None) -> Iterator[Item]:
    """The items of every message of an mbox, read message by message; limits apply per message."""
    box = mailbox.mbox(str(path), factory=None, create=False)
    largest = limits_of(limits)["max_message_bytes"]
    try:
        for index, key in enumerate(box.iterkeys()):
            source = f"{path}#{index + 1}"
            try:
                raw = box.get_bytes(key)
                if len(raw) > largest:  # one message too large costs only itself
                    found = [Skipped(source, "too-large", size_text(largest), len(raw))]
                else:
                    found = list(message_items(raw, source, limits))
                    del raw
            except Exception as exc:  # one broken message does not hide the others
                found = [Skipped(source, "unreadable", reason_words(exc), technical=reason_detail(exc))]
            yield from found
    finally:
        box.close()
