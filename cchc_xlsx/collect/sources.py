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
    """Something that was looked at and is not a spreadsheet (a lock file, a PDF, ...)."""

    source: str
    reason: str  # "lock-file", "not-spreadsheet", "no-attachment", "unreadable"


def is_lock_file(name: str) -> bool:
    # Excel's "~$Book.xlsx" and LibreOffice's ".~lock.Book.xlsx#".
    return name.startswith("~$") or name.startswith(".~lock.")


def scan(paths: list[Path]) -> Iterator[Received | Skipped]:
    """Yield every spreadsheet under ``paths`` (files, folders, .eml/.mbox), sorted by path."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _scan_file(child)
        elif path.is_file():
            yield from _scan_file(path)
        else:
            yield Skipped(str(path), "missing")


def _scan_file(path: Path) -> Iterator[Received | Skipped]:
    name = path.name
    suffix = path.suffix.lower()
    if is_lock_file(name):
        yield Skipped(str(path), "lock-file")
    elif suffix in SPREADSHEET_EXTENSIONS:
        try:
            data = path.read_bytes()
        except OSError:
            yield Skipped(str(path), "unreadable")
            return
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
        yield Received(name, data, str(path), received_at=modified)
    elif suffix == ".eml":
        try:
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        except OSError:
            yield Skipped(str(path), "unreadable")
            return
        yield from attachments(message, str(path))
    elif suffix == ".mbox":
        box = mailbox.mbox(str(path), factory=None, create=False)
        try:
            for index, raw in enumerate(box):
                message = email.message_from_bytes(raw.as_bytes(), policy=email.policy.default)
                yield from attachments(message, f"{path}#{index + 1}")
        finally:
            box.close()
    else:
        yield Skipped(str(path), "not-spreadsheet")


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
