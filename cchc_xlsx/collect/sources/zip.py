""".zip files: expanded entry by entry within the limits; the zip itself is kept as evidence,
its spreadsheets judged as a message's are (only one with our ``_meta`` is a return)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path, PurePath

from cchc_xlsx import text as labels
from cchc_xlsx.core.values import size_text
from cchc_xlsx.collect.identify import META, return_mark
from cchc_xlsx.collect.sources.items import (
    CHUNK_BYTES,
    SPREADSHEET_EXTENSIONS,
    ZIP_EXTENSIONS,
    Attachment,
    Contained,
    Received,
    beside_the_return,
    limits_of,
    refused,
)
from cchc_xlsx.core.names import SYSTEM_FILES, is_lock_file
from cchc_xlsx.store.files import open_regular
from cchc_xlsx.core.names import received_name


def zip_workbooks(path: Path, limit: int = 1000, limits: dict[str, int] | None = None) -> int:
    """How many unit workbooks a .zip on disk holds at its top level (0 when it cannot be read):
    one makes the zip a return of its own, its other files that workbook's evidence. A spreadsheet
    that is not one of our workbooks (no ``_meta`` sheet: a unit's own table sent as evidence) does
    not count, so it never takes the files away from the return beside it."""
    import zipfile

    limits = limits_of(limits)
    try:
        with open_regular(path) as stream, zipfile.ZipFile(stream) as archive:
            entries = [e for e in archive.infolist()[:limit] if not e.is_dir() and not e.filename.startswith("__MACOSX/")]
            spreadsheets = [e for e in entries if PurePath(received_name(e.filename)).suffix.lower() in SPREADSHEET_EXTENSIONS
                            and not is_lock_file(received_name(e.filename)) and not received_name(e.filename).startswith("._")]
            return sum(1 for e in spreadsheets if _is_unit_workbook(archive, e, limits))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        return 0


def _is_unit_workbook(archive, entry, limits: dict[str, int]) -> bool:
    # Read within the limits; only a workbook carrying our _meta counts (identify decides).
    data, _ = _inflate(archive, entry, limits["max_file_bytes"])
    return bool(data) and return_mark(data) == META


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
            yield refused(name, source, container, 0, "unreadable", labels.GUARD_DETAIL["missing"], meta)
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


def _zip_entries(archive, entries, base: Attachment, source: str, container: str, limits: dict[str, int],
                 meta: dict, in_reply_to: str, depth: int) -> Iterator[Received | Attachment]:
    if len(entries) > limits["max_zip_entries"]:
        base.expanded, base.refused = False, "zip-entries"
        base.detail = labels.GUARD_DETAIL["entries"].format(count=len(entries))
        yield base
        return
    yield base
    spreadsheets: list = []
    yield from _entry_items(archive, entries, source, container, limits, meta, in_reply_to, depth, spreadsheets)
    yield from beside_the_return(spreadsheets, meta)


def _entry_items(archive, entries, source: str, container: str, limits: dict[str, int], meta: dict,
                 in_reply_to: str, depth: int, spreadsheets: list) -> Iterator[Received | Attachment]:
    # Other files as they come; spreadsheets gathered, to be judged together once all are out.
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
            spreadsheets.append(Contained(member, content, shown, sender=meta.get("sender", ""),
                                          received_at=meta.get("received_at"), message_id=meta.get("message_id", ""),
                                          in_reply_to=in_reply_to, container=container))
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
