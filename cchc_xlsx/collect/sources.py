"""Where returned files come from: folders and files, .eml and .mbox messages.

Each spreadsheet found becomes a ``Received`` item carrying its bytes and where it came from
(path, or message with sender, date and Message-ID). Nothing is ever moved or modified.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import mailbox
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
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
    received_at: dt.datetime | None = None   # when the Office received it (never the sender's word)
    message_id: str = ""
    in_reply_to: str = ""
    claimed_at: dt.datetime | None = None    # the date the sender claims (Date:), only recorded


@dataclass(frozen=True)
class Skipped:
    """Something that was looked at and not taken: a lock file, a PDF, or a file that could not
    be read or is too large to read (those two are reported as errors)."""

    source: str
    reason: str  # "lock-file", "not-spreadsheet", "no-attachment", "unreadable", "too-large", "missing",
                 # "link-outside", "link-inside", "link-dangling", "special-file"
    detail: str = ""
    size: int = 0


def is_lock_file(name: str) -> bool:
    # Excel's "~$Book.xlsx" and LibreOffice's ".~lock.Book.xlsx#".
    return name.startswith("~$") or name.startswith(".~lock.")


def scan(paths: list[Path], max_bytes: int | None = None) -> Iterator[Received | Skipped]:
    """Yield every spreadsheet under ``paths`` (files, folders, .eml/.mbox), sorted by path.

    Inside a folder, links are never followed (one to ``/proc/self/environ`` must not be archived):
    each is reported, as are FIFOs, sockets and devices, instead of being read. A path given
    itself is read as given. Each item's ``received_at`` is this run's clock: the moment the
    Office has it, never the file's mtime.

    Args:
        paths: files and folders.
        max_bytes: files larger than this are not read (reported as too large).
    """
    for path in paths:
        if path.is_dir():
            root = Path(os.path.realpath(path))
            for child in sorted(path.rglob("*")):
                yield from _scan_entry(child, root, max_bytes)
        elif path.is_file():
            yield from _scan_file(path, max_bytes, follow=True)
        elif path.exists():  # named itself, but a FIFO, a socket or a device: never opened
            yield Skipped(str(path), "special-file", _file_kind(path.stat().st_mode))
        else:
            yield Skipped(str(path), "missing", labels.GUARD_DETAIL["missing"])


def _scan_entry(path: Path, root: Path, max_bytes: int | None) -> Iterator[Received | Skipped]:
    # What a folder holds, judged by the entry itself (lstat), not by what a link points at.
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        yield Skipped(str(path), "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(mode):
        return
    if stat.S_ISLNK(mode):
        yield _link(path, root)
    elif stat.S_ISREG(mode):
        yield from _scan_file(path, max_bytes)
    else:
        yield Skipped(str(path), "special-file", _file_kind(mode))


def _link(path: Path, root: Path) -> Skipped:
    target = Path(os.path.realpath(path))
    shown = os.readlink(path)
    if not target.exists():
        return Skipped(str(path), "link-dangling", shown)
    inside = target == root or root in target.parents
    return Skipped(str(path), "link-inside" if inside else "link-outside", shown)


def _file_kind(mode: int) -> str:
    return labels.FILE_KINDS["fifo" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"]


def _read_regular(path: Path, max_bytes: int | None, follow: bool) -> tuple[bytes | None, int]:
    # Opened without following a link and without blocking on a FIFO, then checked to be a regular
    # file: a folder entry swapped for a link or a FIFO after the scan looked at it is not read.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags)
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise IsADirectoryError(f"{path}: {_file_kind(info.st_mode)}")
        if max_bytes is not None and info.st_size > max_bytes:
            return None, info.st_size
        return stream.read(), info.st_size


def _scan_file(path: Path, max_bytes: int | None, follow: bool = False) -> Iterator[Received | Skipped]:
    name = path.name
    suffix = path.suffix.lower()
    if is_lock_file(name):
        yield Skipped(str(path), "lock-file")
        return
    if suffix not in SPREADSHEET_EXTENSIONS + MESSAGE_EXTENSIONS:
        yield Skipped(str(path), "not-spreadsheet")
        return
    try:
        if suffix == ".mbox":  # read message by message by the mailbox module
            size = path.stat().st_size
            if max_bytes is not None and size > max_bytes:
                yield Skipped(str(path), "too-large", size_text(max_bytes), size)
                return
            yield from _arrived(_mbox(path))
            return
        data, size = _read_regular(path, max_bytes, follow)
        if data is None:
            yield Skipped(str(path), "too-large", size_text(max_bytes), size)
            return
        if suffix in SPREADSHEET_EXTENSIONS:
            yield Received(name, data, str(path), received_at=office_clock())
        else:
            message = email.message_from_bytes(data, policy=email.policy.default)
            yield from _arrived(attachments(message, str(path)))
    except Exception as exc:  # an unreadable file or message is reported; the others go on
        yield Skipped(str(path), "unreadable", f"{type(exc).__name__}: {exc}")


def office_clock() -> dt.datetime:
    """Now, as the ledger records when the Office received something (local time, to the second)."""
    return dt.datetime.now().replace(microsecond=0)


def _arrived(items: Iterator[Received | Skipped]) -> Iterator[Received | Skipped]:
    # A message in a folder or an mbox arrives when this run reads it; its order in the mbox orders
    # its items among themselves (the ledger breaks equal times by the order of recording).
    # A date a message item already carries is the sender's claim (Date:): kept as claimed_at.
    for item in items:
        yield replace(item, received_at=office_clock(), claimed_at=item.claimed_at or item.received_at) \
            if isinstance(item, Received) else item


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
    sent = claimed_date(message)
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
        yield Received(name, data, f"{source}/{name}", sender=sender, claimed_at=sent, message_id=message_id,
                       in_reply_to=in_reply_to)
    if not found:
        yield Skipped(source, "no-attachment")
