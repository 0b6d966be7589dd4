"""Where returned files come from: folders and files, .eml and .mbox messages.

Each spreadsheet found becomes a ``Received`` item carrying its bytes and where it came from
(path, or message with sender, date and Message-ID). Nothing is ever moved or modified.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import io
import mailbox
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path, PurePath

from cchc_xlsx import text as labels
from cchc_xlsx.core.names import received_name
from cchc_xlsx.findings.catalogue import reason_text
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


def scan(paths: list[Path], max_bytes: int | None = None,
         limits: dict[str, int] | None = None) -> Iterator[Received | Skipped | Attachment]:
    """Yield every spreadsheet under ``paths`` (files, folders, .eml/.mbox, .zip), sorted by path,
    and every other file as an ``Attachment`` (evidence).

    Inside a folder, links are never followed (one to ``/proc/self/environ`` must not be archived):
    each is reported, as are FIFOs, sockets and devices, instead of being read. A path given
    itself is read as given. Each item's ``received_at`` is this run's clock: the moment the
    Office has it, never the file's mtime.

    Args:
        paths: files and folders.
        max_bytes: spreadsheets larger than this are not read (reported as too large).
        limits: the workspace's limits (per message, per evidence file, per zip); default the shipped ones.
    """
    for path in paths:
        if path.is_dir():
            root = Path(os.path.realpath(path))
            for child in sorted(path.rglob("*")):
                yield from _scan_entry(child, root, max_bytes, limits)
        elif path.is_file():
            yield from _scan_file(path, max_bytes, follow=True, limits=limits)
        elif path.exists():  # named itself, but a FIFO, a socket or a device: never opened
            yield Skipped(str(path), "special-file", _file_kind(path.stat().st_mode))
        else:
            yield Skipped(str(path), "missing", labels.GUARD_DETAIL["missing"])


def _scan_entry(path: Path, root: Path, max_bytes: int | None,
                limits: dict[str, int] | None = None) -> Iterator[Received | Skipped | Attachment]:
    # What a folder holds, judged by the entry itself (lstat), not by what a link points at.
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        yield Skipped(str(path), "unreadable", reason_text(exc))
        return
    if stat.S_ISDIR(mode):
        return
    if stat.S_ISLNK(mode):
        yield _link(path, root)
    elif stat.S_ISREG(mode):
        yield from _scan_file(path, max_bytes, limits=limits)
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


def _scan_file(path: Path, max_bytes: int | None, follow: bool = False,
               limits: dict[str, int] | None = None) -> Iterator[Received | Skipped | Attachment]:
    name = path.name
    suffix = path.suffix.lower()
    if is_lock_file(name):
        yield Skipped(str(path), "lock-file")
        return
    if suffix not in SPREADSHEET_EXTENSIONS + MESSAGE_EXTENSIONS:
        yield from folder_file(path, _limits(limits))  # evidence (issue 16)
        return
    try:
        if suffix == ".mbox":  # read message by message by the mailbox module; limits apply per message
            yield from _arrived(_mbox(path, limits))
            return
        if suffix == ".eml":  # a message is judged part by part: its own limit, not a workbook's
            max_bytes = _limits(limits)["max_message_bytes"]
        data, size = _read_regular(path, max_bytes, follow)
        if data is None:
            yield Skipped(str(path), "too-large", size_text(max_bytes), size)
            return
        if suffix in SPREADSHEET_EXTENSIONS:
            yield Received(name, data, str(path), received_at=office_clock())
        else:
            yield from _arrived(message_items(data, str(path), limits))
    except Exception as exc:  # an unreadable file or message is reported; the others go on
        yield Skipped(str(path), "unreadable", reason_text(exc))


def office_clock() -> dt.datetime:
    """Now, as the ledger records when the Office received something (local time, to the second)."""
    return dt.datetime.now().replace(microsecond=0)


def _arrived(items: Iterator[Received | Skipped]) -> Iterator[Received | Skipped]:
    # A message in a folder or an mbox arrives when this run reads it; its order in the mbox orders
    # its items among themselves (the ledger breaks equal times by the order of recording).
    # A date a message item already carries is the sender's claim (Date:): kept as claimed_at.
    for item in items:
        if isinstance(item, Attachment):
            item.received_at = office_clock()
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


def _mbox(path: Path, limits: dict[str, int] | None = None) -> Iterator[Received | Skipped | Attachment]:
    box = mailbox.mbox(str(path), factory=None, create=False)
    largest = _limits(limits)["max_message_bytes"]
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
                found = [Skipped(source, "unreadable", reason_text(exc))]
            yield from found
    finally:
        box.close()


# --- messages, their attachments, zips and the files beside a workbook (issue 16) ----------

# MIME types that name a spreadsheet when a part has no file name (some mail clients send none).
SPREADSHEET_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.12": ".xlsm",
    "application/vnd.ms-excel": ".xls", "application/msexcel": ".xls", "application/x-msexcel": ".xls",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
}
ZIP_EXTENSIONS = (".zip",)
# Files a computer leaves in folders by itself: not sent by anyone.
SYSTEM_FILES = {"thumbs.db", "desktop.ini", ".ds_store"}
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class Contained(Received):
    """A spreadsheet that came inside a message or a .zip; ``container`` names the return it came with."""

    container: str = ""


@dataclass
class Attachment:
    """A file that came with a return and is not a spreadsheet (evidence), or one that was refused.

    ``data`` holds its bytes when they came inside a message or zip; a file on disk is read from
    ``path`` when archived, so a large scan is never held whole in memory. ``refused`` says why it
    was not kept ("too-large", "zip-bomb", "unreadable", ...), with ``detail``.
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


def _limits(limits: dict[str, int] | None) -> dict[str, int]:
    from cchc_xlsx.store.workspace import DEFAULT_LIMITS

    return {**DEFAULT_LIMITS, **(limits or {})}


def attachments(message: EmailMessage, source: str,
                limits: dict[str, int] | None = None) -> Iterator[Received | Skipped | Attachment]:
    """Every part of one message: spreadsheets as ``Received`` (``Contained``), every other attached
    file as an ``Attachment``; evidence first, so its names are known when the workbook is recorded.

    A part without a file name is still looked at (its MIME type, its bytes): a possible return is
    never skipped silently. Limits apply per part: a large PDF refuses only itself.
    """
    leaves = ((part, _encoded_size(part), part.get_payload) for part in message.walk() if not part.is_multipart())
    yield from _message_items(message, leaves, source, limits)


def message_items(raw: bytes, source: str,
                  limits: dict[str, int] | None = None) -> Iterator[Received | Skipped | Attachment]:
    """As ``attachments``, from a message's bytes, cut into its parts without the email package's
    line-by-line parser: a message with a 50 MB scan needs a few times its size in memory, not ten."""

    head_end = _header_end(raw, 0)
    message = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw[:head_end])
    leaves = _raw_leaves(raw, message, head_end, len(raw), 0)
    yield from _message_items(message, leaves, source, limits)


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


def _message_items(message, leaves, source: str,
                   limits: dict[str, int] | None) -> Iterator[Received | Skipped | Attachment]:
    limits = _limits(limits)
    sender = parseaddr(_header(message, "From"))[1].lower()
    message_id = _header(message, "Message-ID").strip()
    in_reply_to = _header(message, "In-Reply-To").strip()
    try:
        sent = claimed_date(message)  # the sender's claim, only recorded
    except Exception:  # a Date header too broken even to be read
        sent = None
    # Evidence is received when the Office has it (the caller sets the clock, or IMAP's INTERNALDATE).
    meta = {"sender": sender, "received_at": None, "message_id": message_id}
    evidence: list = []
    workbooks: list = []
    for index, (part, estimate, payload) in enumerate(leaves):
        name = _part_name(part, index)
        if name is None:
            continue
        shown = f"{source}/{name}"
        suffix = PurePath(name).suffix.lower()
        if is_lock_file(name):
            evidence.append(Skipped(shown, "lock-file"))
            continue
        limit = limits["max_file_bytes"] if suffix in SPREADSHEET_EXTENSIONS else limits["max_evidence_bytes"]
        if estimate > limit * 1.05 + 1024:  # refused before decoding: base64 is about 4/3 of the bytes
            item = _refused(name, shown, source, estimate, "too-large", size_text(limit), meta)
            (workbooks if suffix in SPREADSHEET_EXTENSIONS else evidence).append(
                Skipped(shown, "too-large", size_text(limit), estimate) if suffix in SPREADSHEET_EXTENSIONS else item)
            continue
        try:
            data = payload(decode=True) or b""
        except Exception as exc:  # one broken part costs only itself
            evidence.append(_refused(name, shown, source, estimate, "unreadable", reason_text(exc), meta))
            continue
        if suffix in SPREADSHEET_EXTENSIONS:
            if len(data) > limit:
                workbooks.append(Skipped(shown, "too-large", size_text(limit), len(data)))
            else:
                workbooks.append(Contained(name, data, shown, sender=sender, claimed_at=sent, message_id=message_id,
                                           in_reply_to=in_reply_to, container=source))
        elif suffix in ZIP_EXTENSIONS or data.startswith(b"PK\x03\x04") and suffix not in _DOCUMENT_ZIPS:
            for item in expand_zip(data, name, shown, source, limits, meta, in_reply_to):
                (workbooks if isinstance(item, Received) else evidence).append(item)
        elif len(data) > limit:
            evidence.append(_refused(name, shown, source, len(data), "too-large", size_text(limit), meta))
        else:
            evidence.append(Attachment(name, shown, source, len(data), data=data,
                                       original_name=_raw_name(part), **meta))
    if not workbooks and not evidence:
        yield Skipped(source, "no-attachment")
        return
    if not workbooks:
        # Files without a workbook: kept, and the Office is told no return came with them.
        evidence.append(Skipped(source, "no-attachment"))
    yield from evidence
    yield from workbooks


# Zip-based documents that are not archives to expand.
_DOCUMENT_ZIPS = {".docx", ".docm", ".pptx", ".pptm", ".odt", ".odp", ".ods", ".xlsx", ".xlsm", ".jar", ".apk",
                  ".epub", ".dotx", ".xltx", ".potx"}


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


def _refused(name: str, shown: str, container: str, size: int, reason: str, detail: str, meta: dict) -> Attachment:
    return Attachment(name, shown, container, size, refused=reason, detail=detail, **meta)


def folder_file(path: Path, limits: dict[str, int]) -> Iterator[Skipped | Attachment | Received]:
    """A file beside the workbooks in a folder: a .zip is expanded, anything else kept as evidence.

    Not read here: a large scan is streamed into the archive, never held in memory.
    """
    name = path.name
    if name.lower() in SYSTEM_FILES or name.startswith("._"):
        yield Skipped(str(path), "not-spreadsheet")
        return
    container = str(path.parent)
    meta = {"received_at": dt.datetime.now().replace(microsecond=0)}
    shown = received_name(name)
    try:
        size = path.stat().st_size
        if path.suffix.lower() in ZIP_EXTENSIONS:  # read from disk entry by entry, whatever its size
            # A zip holding one workbook is that workbook's return, whatever else lies in the folder.
            container = str(path) if zip_workbooks(path, limits=limits) == 1 else container
            yield from expand_zip(path, shown, str(path), container, limits, meta)
        elif size > limits["max_evidence_bytes"]:
            yield _refused(shown, str(path), container, size, "too-large", size_text(limits["max_evidence_bytes"]), meta)
        else:
            yield Attachment(shown, str(path), container, size, path=path, original_name=name, **meta)
    except OSError as exc:
        yield _refused(shown, str(path), container, 0, "unreadable", reason_text(exc), meta)


def zip_workbooks(path: Path, limit: int = 1000, limits: dict[str, int] | None = None) -> int:
    """How many unit workbooks a .zip on disk holds at its top level (0 when it cannot be read):
    one makes the zip a return of its own, its other files that workbook's evidence. A spreadsheet
    that is not one of our workbooks (no ``_meta`` sheet: a unit's own table sent as evidence) does
    not count, so it never takes the files away from the return beside it."""
    import zipfile

    limits = _limits(limits)
    try:
        with open_regular(path) as stream, zipfile.ZipFile(stream) as archive:
            entries = [e for e in archive.infolist()[:limit] if not e.is_dir() and not e.filename.startswith("__MACOSX/")]
            spreadsheets = [e for e in entries
                            if PurePath(received_name(e.filename)).suffix.lower() in SPREADSHEET_EXTENSIONS
                            and not is_lock_file(received_name(e.filename))
                            and not received_name(e.filename).startswith("._")]
            return sum(1 for e in spreadsheets if _is_unit_workbook(archive, e, limits))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        return 0


def _is_unit_workbook(archive, entry, limits: dict[str, int]) -> bool:
    # Our workbooks carry the _meta sheet: its name in the workbook's sheet list (xlsx, ods) or in
    # the file (xls, where sheet names are stored as 8-bit or UTF-16 text). Read within the limits.
    from cchc_xlsx.collect import guard

    data, _ = _inflate(archive, entry, limits["max_file_bytes"])
    if not data:
        return False
    name = labels.SHEET_META
    if data.startswith(guard.OLE2_MAGIC):
        return name.encode("ascii") in data or name.encode("utf-16-le") in data
    checked = guard.check(data, PurePath(entry.filename).suffix.lower(), limits)
    if checked.kind == "xlsx":
        return f'"{name}"'.encode() in checked.parts.get("xl/workbook.xml", b"")
    if checked.kind == "ods":  # the guard has checked its sizes: content.xml is read within its own
        import io
        import zipfile

        try:
            content = guard.read_entry(data, zipfile.ZipFile(io.BytesIO(data)).getinfo("content.xml"))
        except Exception:  # a broken part: not one of ours as far as anyone can tell
            return False
        return f'table:name="{name}"'.encode() in content
    return False


def expand_zip(data: bytes | Path, name: str, source: str, container: str, limits: dict[str, int], meta: dict,
               in_reply_to: str = "", depth: int = 0) -> Iterator[Received | Attachment]:
    """The .zip itself (kept as evidence) and what it holds: spreadsheets as ``Contained``, other
    files as ``Attachment`` items, a zip inside at most one level down.

    Safe by construction: at most ``max_zip_entries`` entries; each entry inflated in chunks and
    stopped at its limit (the declared size is not trusted); at most ``max_zip_inflated_bytes`` in
    all; entry names reduced to a plain file name, so nothing can point outside. ``data`` may be
    the path of a zip on disk: it is then read entry by entry, and kept whole only within
    ``max_evidence_bytes`` (its entries are still taken out when it is larger).
    """
    import zipfile

    stream = None
    try:
        if isinstance(data, Path):  # opened as the folder scan judged it: a regular file, no link followed
            stream = open_regular(data)
            size = os.fstat(stream.fileno()).st_size
            base = Attachment(name, source, container, size, path=data, expanded=True, **meta)
            if size > limits["max_evidence_bytes"]:
                base.path, base.refused, base.detail = None, "too-large", size_text(limits["max_evidence_bytes"])
        else:
            base = Attachment(name, source, container, len(data), data=data, expanded=True, **meta)
        archive = zipfile.ZipFile(stream if stream is not None else io.BytesIO(data))
        entries = [e for e in archive.infolist() if not e.is_dir()]
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        if stream is not None:
            stream.close()
        if isinstance(data, Path) and stream is None:  # could not even be opened
            yield _refused(name, source, container, 0, "unreadable", labels.GUARD_DETAIL["missing"], meta)
            return
        base.expanded, base.refused, base.detail = False, "zip-unreadable", ""
        yield base
        return
    try:
        with archive:
            yield from _zip_entries(archive, entries, base, source, container, limits, meta, in_reply_to, depth)
    finally:
        if stream is not None:
            stream.close()


def open_regular(path: Path):
    """``path`` opened for reading without following a link or blocking on a FIFO, checked to be a
    regular file (an entry swapped after the scan looked at it is not read)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    stream = os.fdopen(os.open(path, flags), "rb")
    if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
        stream.close()
        raise IsADirectoryError(f"{path}: {labels.FILE_KINDS['device']}")
    return stream


def _zip_entries(archive, entries, base: Attachment, source: str, container: str, limits: dict[str, int],
                 meta: dict, in_reply_to: str, depth: int) -> Iterator[Received | Attachment]:
    if len(entries) > limits["max_zip_entries"]:
        base.expanded, base.refused = False, "zip-entries"
        base.detail = labels.GUARD_DETAIL["entries"].format(count=len(entries))
        yield base
        return
    yield base
    budget = limits["max_zip_inflated_bytes"]
    for index, entry in enumerate(entries):
        member = received_name(entry.filename, f"tep-{index + 1}")
        shown = f"{source}/{member}"
        suffix = PurePath(member).suffix.lower()
        if is_lock_file(member) or member.lower() in SYSTEM_FILES or member.startswith("._") or \
                entry.filename.startswith("__MACOSX/"):
            continue
        spreadsheet = suffix in SPREADSHEET_EXTENSIONS
        limit = min(limits["max_file_bytes"] if spreadsheet else limits["max_evidence_bytes"], budget)
        content, reason = _inflate(archive, entry, limit)
        if content is None:
            detail = size_text(limit) if reason in ("too-large", "zip-bomb") else reason
            if reason == "too-large" and limit == budget:
                reason = "zip-bomb"
            yield Attachment(member, shown, container, entry.file_size, refused=reason, detail=detail,
                             original_name=entry.filename, **meta)
            if reason == "zip-bomb":
                return  # nothing more is inflated from a zip that lies about its sizes
            continue
        budget -= len(content)
        if spreadsheet:
            yield Contained(member, content, shown, sender=meta.get("sender", ""), received_at=meta.get("received_at"),
                            message_id=meta.get("message_id", ""), in_reply_to=in_reply_to, container=container)
        elif suffix in ZIP_EXTENSIONS and depth == 0:
            yield from expand_zip(content, member, shown, container, {**limits, "max_zip_inflated_bytes": budget},
                                  meta, in_reply_to, depth + 1)
        else:
            yield Attachment(member, shown, container, len(content), data=content, original_name=entry.filename,
                             **meta)


def _inflate(archive, entry, limit: int) -> tuple[bytes | None, str]:
    """An entry's bytes, read in chunks and cut at ``limit`` (Python's zipfile inflates past the
    declared size in one read: never trust it); (None, why) when refused."""
    import zipfile
    import zlib

    if entry.file_size > limit:
        return None, "too-large"
    chunks, total = [], 0
    try:
        with archive.open(entry) as handle:
            while True:
                chunk = handle.read(CHUNK_BYTES)
                if not chunk:
                    break
                total += len(chunk)
                if total > limit or total > entry.file_size:
                    return None, "zip-bomb"
                chunks.append(chunk)
    except RuntimeError:  # a password-protected entry
        return None, "encrypted"
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        return None, type(exc).__name__
    return b"".join(chunks), ""
