"""Folders and the files in them: every spreadsheet, message and other file the Office drops in.

Nothing is ever moved or modified. Links are never followed inside a folder; FIFOs, sockets and
devices are reported, never opened.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path, PurePath

from cchc_xlsx import text as labels
from cchc_xlsx.core.values import size_text
from cchc_xlsx.collect.sources.items import (
    MESSAGE_EXTENSIONS,
    SPREADSHEET_EXTENSIONS,
    ZIP_EXTENSIONS,
    Attachment,
    Received,
    Skipped,
    arrived,
    limits_of,
    refused,
)
from cchc_xlsx.core.names import SYSTEM_FILES, is_lock_file
from cchc_xlsx.collect.sources.message import mbox_items, message_items, msg_items
from cchc_xlsx.collect.sources.zip import expand_zip, zip_workbooks
from cchc_xlsx.core.names import received_name
from cchc_xlsx.findings.catalogue import reason_detail, reason_words


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
        path = Path(os.path.abspath(path))  # one spelling per file: the same file by two paths is one source
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
        yield Skipped(str(path), "unreadable", reason_words(exc), technical=reason_detail(exc))
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
        yield from arrived(folder_file(path, limits_of(limits)))  # evidence (issue 16)
        return
    try:
        if suffix == ".mbox":  # read message by message by the mailbox module; limits apply per message
            yield from arrived(mbox_items(path, limits))
            return
        if suffix in MESSAGE_EXTENSIONS:  # a message is judged part by part: its own limit, not a workbook's
            max_bytes = limits_of(limits)["max_message_bytes"]
        data, size = _read_regular(path, max_bytes, follow)
        if data is None:
            yield Skipped(str(path), "too-large", size_text(max_bytes), size)
            return
        if suffix == ".msg":
            yield from arrived(msg_items(data, str(path), limits))
        elif suffix == ".eml":
            yield from arrived(message_items(data, str(path), limits))
        else:  # a unit's own table is told apart by the analysis, which reads the sheet names anyway
            yield from arrived([Received(name, data, str(path))])
    except Exception as exc:  # an unreadable file or message is reported; the others go on
        yield Skipped(str(path), "unreadable", reason_words(exc), technical=reason_detail(exc))


def folder_file(path: Path, limits: dict[str, int]) -> Iterator[Skipped | Attachment | Received]:
    """A file beside the workbooks in a folder: a .zip is expanded, anything else kept as evidence.

    Not read here: a large scan is streamed into the archive, never held in memory.
    """
    name = path.name
    if name.lower() in SYSTEM_FILES or name.startswith("._"):
        yield Skipped(str(path), "not-spreadsheet")
        return
    container = str(path.parent)
    meta: dict = {}  # received when this run reads it: set by the caller (items.arrived)
    shown = received_name(name)
    try:
        size = path.stat().st_size
        if path.suffix.lower() in ZIP_EXTENSIONS:  # read from disk entry by entry, whatever its size
            # A zip holding one workbook is that workbook's return, whatever else lies in the folder.
            container = str(path) if zip_workbooks(path, limits=limits) == 1 else container
            yield from expand_zip(path, shown, str(path), container, limits, meta)
        elif size > limits["max_evidence_bytes"]:
            yield refused(shown, str(path), container, size, "too-large", size_text(limits["max_evidence_bytes"]), meta)
        else:
            yield Attachment(shown, str(path), container, size, path=path, original_name=name, **meta)
    except OSError as exc:
        yield refused(shown, str(path), container, 0, "unreadable", reason_words(exc), meta)


def container_listing(container: Path, limits: dict[str, int] | None = None) -> tuple[list[str], int]:
    """What the evidence stage links a folder's or a zip's files by: the evidence names it holds and
    how many workbooks (a zip of one workbook is a return of its own: see ``zip_workbooks``)."""
    if container.is_dir():
        return _folder_listing(container, limits)
    if container.suffix.lower() == ".zip" and container.is_file():
        return _zip_listing(container)[0], 1
    return [], 1


def _folder_listing(folder: Path, limits: dict[str, int] | None = None) -> tuple[list[str], int]:
    """The evidence names in a folder (and in its zips), and how many workbooks it holds."""

    names, workbooks = [], 0
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return [], 1
    for path in children:
        if path.is_symlink() or not path.is_file() or is_lock_file(path.name) or path.name.lower() in SYSTEM_FILES:
            continue
        suffix = path.suffix.lower()
        if suffix in SPREADSHEET_EXTENSIONS:
            workbooks += 1
        elif suffix in MESSAGE_EXTENSIONS:
            continue
        elif suffix == ".zip":
            if zip_workbooks(path, limits=limits) != 1:  # one workbook: that zip is its own return, not the folder's
                members, inside = _zip_listing(path)
                names += members
                workbooks += inside
        else:
            names.append(received_name(path.name))
    return names, workbooks


def _zip_listing(path: Path) -> tuple[list[str], int]:
    """The evidence names in a .zip on disk, and how many workbooks it holds."""
    import zipfile

    names, workbooks = [], 0
    try:
        with zipfile.ZipFile(path) as archive:
            members = [e.filename for e in archive.infolist()[:1000] if not e.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        members = []
    for member in members:
        if PurePath(member).suffix.lower() in SPREADSHEET_EXTENSIONS:
            workbooks += 1
        elif not member.startswith("__MACOSX/"):
            names.append(received_name(member))
    return names, workbooks
