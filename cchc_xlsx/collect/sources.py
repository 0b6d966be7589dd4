"""Where returned files come from: folders and files, .eml and .mbox messages.

Each spreadsheet found becomes a ``Received`` item carrying its bytes and where it came from
(path, or message with sender, date and Message-ID). Nothing is ever moved or modified.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from cchc_xlsx import labels
from cchc_xlsx.collect.guard import size_text

SPREADSHEET_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
MESSAGE_EXTENSIONS = (".eml", ".mbox")


@dataclass(frozen=True)
class Received:
    """One file as received: its bytes and its provenance."""

    name: str
    data: bytes
    source: str                      # a path, or "path#message-index/attachment"
    sender: str = ""
    received_at: dt.datetime | None = None
    message_id: str = ""
    in_reply_to: str = ""


@dataclass(frozen=True)
class Skipped:
    """Something that was looked at and not taken: a lock file, a PDF, or a file that could not
    be read or is too large to read (those two are reported as errors)."""

    source: str
    reason: str  # "lock-file", "not-spreadsheet", "no-attachment", "unreadable", "too-large", "missing"
    detail: str = ""
    size: int = 0


def is_lock_file(name: str) -> bool:
    # Excel's "~$Book.xlsx" and LibreOffice's ".~lock.Book.xlsx#".
    return name.startswith("~$") or name.startswith(".~lock.")


def scan(paths: list[Path], max_bytes: int | None = None) -> Iterator[Received | Skipped]:
    """Yield every spreadsheet under ``paths`` (files, folders, .eml/.mbox), sorted by path.

    Args:
        paths: files and folders.
        max_bytes: files larger than this are not read (reported as too large).
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _scan_file(child, max_bytes)
        elif path.is_file():
            yield from _scan_file(path, max_bytes)
        else:
            yield Skipped(str(path), "missing", labels.GUARD_DETAIL["missing"])


def _scan_file(path: Path, max_bytes: int | None) -> Iterator[Received | Skipped]:
    name = path.name
    suffix = path.suffix.lower()
    if is_lock_file(name):
        yield Skipped(str(path), "lock-file")
        return
    if suffix not in SPREADSHEET_EXTENSIONS + MESSAGE_EXTENSIONS:
        yield Skipped(str(path), "not-spreadsheet")
        return
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            yield Skipped(str(path), "too-large", size_text(max_bytes), size)
            return
        if suffix in SPREADSHEET_EXTENSIONS:
            data = path.read_bytes()
            modified = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
            yield Received(name, data, str(path), received_at=modified)
        elif suffix == ".eml":
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            yield from attachments(message, str(path))
        else:
            yield from _mbox(path)
    except Exception as exc:  # an unreadable file or message is reported; the others go on
        yield Skipped(str(path), "unreadable", f"{type(exc).__name__}: {exc}")


def _mbox(path: Path) -> Iterator[Received | Skipped]:
    box = mailbox.mbox(str(path), factory=None, create=False)
    try:
        for index, raw in enumerate(box):
            source = f"{path}#{index + 1}"
            try:
                message = email.message_from_bytes(raw.as_bytes(), policy=email.policy.default)
                found = list(attachments(message, source))
            except Exception as exc:  # one broken message does not hide the others
                found = [Skipped(source, "unreadable", f"{type(exc).__name__}: {exc}")]
            yield from found
    finally:
        box.close()


def attachments(message: EmailMessage, source: str) -> Iterator[Received | Skipped]:
    """The spreadsheet attachments of one message, with its sender, date and Message-ID."""
    sender = parseaddr(str(message.get("From", "")))[1].lower()
    message_id = str(message.get("Message-ID", "")).strip()
    in_reply_to = str(message.get("In-Reply-To", "")).strip()
    try:
        sent = parsedate_to_datetime(str(message.get("Date"))) if message.get("Date") else None
    except (TypeError, ValueError):
        sent = None
    if sent is not None and sent.tzinfo is not None:
        sent = sent.astimezone().replace(tzinfo=None)
    found = False
    for part in message.walk():
        if part.is_multipart():
            continue
        name = part.get_filename()
        if not name:
            continue
        if Path(name).suffix.lower() not in SPREADSHEET_EXTENSIONS or is_lock_file(name):
            yield Skipped(f"{source}/{name}", "not-spreadsheet")
            continue
        data = part.get_payload(decode=True) or b""
        found = True
        yield Received(name, data, f"{source}/{name}", sender=sender, received_at=sent, message_id=message_id,
                       in_reply_to=in_reply_to)
    if not found:
        yield Skipped(source, "no-attachment")
