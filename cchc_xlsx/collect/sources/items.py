"""What the sources yield, and the rules every source shares: the item types, safe names, the
limits, and when the Office received something (``arrived``: the one place it is decided)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path


# Extensions read as a unit's spreadsheet; .fods (flat OpenDocument XML) is sniffed by content
# too. .xlsb and .numbers are taken so that the unit hears, in one line, to save as .xlsx.
SPREADSHEET_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".fods", ".xlsb", ".numbers")
MESSAGE_EXTENSIONS = (".eml", ".mbox", ".msg")
ZIP_EXTENSIONS = (".zip",)
# Files a computer leaves in folders by itself: not sent by anyone.
CHUNK_BYTES = 64 * 1024


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
    reason: str  # "lock-file", "not-spreadsheet", "no-attachment", "no-return", "unreadable", "too-large", "missing",
                 # "link-outside", "link-inside", "link-dangling", "special-file"
    detail: str = ""
    size: int = 0
    technical: str = ""  # what a reader said, for the ledger and whoever helps (never the clerk's sentence)


@dataclass(frozen=True)
class Contained(Received):
    """A spreadsheet that came inside a message or a .zip; ``container`` names the return it came with."""

    container: str = ""


@dataclass
class Attachment:
    """A file that came with a return and is not a return (evidence), or one that was refused.

    ``data`` holds its bytes when they came inside a message or zip; a file on disk is read from
    ``path`` when archived, so a large scan is never held whole in memory. ``refused`` says why it
    was not kept ("too-large", "zip-bomb", "unreadable", ...), with ``detail``. ``note`` is a
    finding code said beside it (a unit's own spreadsheet: why it is not taken as the return).
    """

    name: str                      # safe: no folders, no control characters
    source: str
    container: str                 # the message, or the folder, of the return it came with
    size: int
    data: bytes | None = None
    path: Path | None = None       # a Path, not text: kept byte for byte when the name is not UTF-8
    sender: str = ""
    received_at: dt.datetime | None = None
    message_id: str = ""
    refused: str = ""
    detail: str = ""
    expanded: bool = False         # a .zip whose files were taken out and are items of their own
    original_name: str = ""        # as received, when it had to be made safe
    note: str = ""


Item = Received | Skipped | Attachment


@dataclass(frozen=True)
class Envelope:
    """Who sent a message and what it says of itself; ``claimed_at`` is the sender's Date:."""

    sender: str = ""
    message_id: str = ""
    in_reply_to: str = ""
    claimed_at: dt.datetime | None = None


@dataclass
class Part:
    """One attached file of a message: its safe name (None: the message's own text), its size
    as estimated before decoding, how to get its bytes, and its name as received."""

    name: str | None
    estimate: int
    load: Callable[[], bytes]
    original_name: str = ""
    depth: int = 0             # how many messages deep it lies (a winmail.dat's files: 1)


def office_clock() -> dt.datetime:
    """Now, as the ledger records when the Office received something (local time, to the second)."""
    return dt.datetime.now().replace(microsecond=0)


def arrived(items: Iterable[Item], moment: dt.datetime | None = None) -> Iterator[Item]:
    """``items`` as received by the Office at ``moment`` (default: this run's clock, read per item).

    The one rule for every source: ``received_at`` is when the Office has a file (the IMAP
    server's INTERNALDATE, or the moment this run reads it), never the sender's word; a date an
    item already carries is the sender's claim (``Date:``) and is kept as ``claimed_at``. The
    order of items in a message or mbox orders them among themselves (the ledger breaks equal
    times by the order of recording).
    """
    for item in items:
        now = moment or office_clock()
        if isinstance(item, Attachment):
            item.received_at = now
            yield item
        elif isinstance(item, Received):
            yield replace(item, received_at=now, claimed_at=item.claimed_at or item.received_at)
        else:
            yield item


def limits_of(limits: dict[str, int] | None) -> dict[str, int]:
    """The workspace's limits over the shipped ones."""
    from cchc_xlsx.store.workspace import DEFAULT_LIMITS

    return {**DEFAULT_LIMITS, **(limits or {})}


def refused(name: str, shown: str, container: str, size: int, reason: str, detail: str, meta: dict) -> Attachment:
    """An attachment that was not kept, and why."""
    return Attachment(name, shown, container, size, refused=reason, detail=detail, **meta)


def beside_the_return(items: list, meta: dict) -> list:
    """The spreadsheets of one message or zip, each judged by ``identify``: when a workbook with
    our ``_meta`` is among them, every other spreadsheet is evidence of it; any spreadsheet of
    another kind is evidence anyway (``Attachment`` with ``note``); the rest stay to be analysed."""
    from cchc_xlsx.collect.identify import META, OTHER, return_mark

    marks = {id(item): return_mark(item.data) for item in items if isinstance(item, Contained)}
    has_return = META in marks.values()
    kept = []
    for item in items:
        mark = marks.get(id(item))
        if mark is None or mark == META or (mark != OTHER and not has_return):
            kept.append(item)
            continue
        kept.append(Attachment(item.name, item.source, item.container, len(item.data), data=item.data,
                               sender=meta.get("sender", ""), received_at=meta.get("received_at"),
                               message_id=meta.get("message_id", ""),
                               note="file-not-return" if mark == OTHER else "file-beside-return"))
    return kept
