"""Files sent to the page: one limit for a whole upload, refused early, streamed to disk.

The limit is the workspace's ``max_file_bytes`` (cchc.toml ``[limits]``): one number, used by
the body check, the help text beside the file box, the browser's own check and the refusal, so
every one of them states the same size.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePath

from cchc_xlsx import text as labels
from cchc_xlsx.collect.sources import MESSAGE_EXTENSIONS, SPREADSHEET_EXTENSIONS
from cchc_xlsx.core.names import MAX_LENGTH, is_lock_file, received_name, safe_name
from cchc_xlsx.core.values import size_text

UPLOAD_EXTENSIONS = SPREADSHEET_EXTENSIONS + MESSAGE_EXTENSIONS
MULTIPART_ALLOWANCE = 64 * 1024  # boundaries and form fields around the files: never stated, never a file
MAX_NAME = MAX_LENGTH            # characters of a saved file's name, its extension kept whole
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class UploadLimit:
    """The one limit of an upload (all its files together), and how the page states it."""

    bytes: int

    @property
    def text(self) -> str:
        return size_text(self.bytes)

    @property
    def body_bytes(self) -> int:
        return self.bytes + MULTIPART_ALLOWANCE

    @property
    def refusal(self) -> str:
        return labels.PAGE["too-large"].format(limit=self.text)


def upload_limit(workspace) -> UploadLimit:
    return UploadLimit(int(workspace.limits()["max_file_bytes"]))


def base_name(name: str) -> str:
    """An upload's name as sent, without any folder part (one spelling of "ệ")."""
    return PurePath(unicodedata.normalize("NFC", name or "").replace("\\", "/")).name


def upload_name(name: str) -> str:
    """A file name in inbox/ for an upload's name: its last part only, safe on Windows ("NUL.xlsx"
    would be a device there), at most ``MAX_NAME`` characters with the extension kept (the stem is cut)."""
    base = received_name(name, "")
    suffix = PurePath(base).suffix
    suffix = suffix if 1 < len(suffix) <= 12 and len(base) > len(suffix) else ""  # an extension, not a name
    stem = base[:len(base) - len(suffix)][:MAX_NAME - len(suffix)]
    return safe_name(stem + suffix, "_", fallback="tep", device_prefix="tep-")


def refusal(name: str) -> str | None:
    """Why a file of this name is not taken (in the clerk's words), or None."""
    sent = base_name(name)
    if is_lock_file(sent):  # Excel's "~$x.xlsx" while x.xlsx is open: never a return
        return labels.PAGE["lock-file"].format(file=sent)
    if PurePath(upload_name(sent)).suffix.lower() not in UPLOAD_EXTENSIONS:
        return labels.PAGE["bad-type"].format(file=sent)
    return None


def save_stream(source, folder: Path, name: str, max_bytes: int) -> tuple[Path | None, str]:
    """Copy an uploaded file (a binary file object, already spooled by the form parser) into
    ``folder`` in chunks, never over another file: (its path or None, a line for the clerk).
    The same name with the same bytes is the same file; a different one gets "name (2).xlsx"."""
    folder.mkdir(parents=True, exist_ok=True)
    name = upload_name(name)
    digest, size = hashlib.sha256(), 0
    temporary = folder / f".upload-{os.getpid()}-{id(source)}.part"
    try:
        with open(temporary, "wb") as out:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    return None, labels.PAGE["file-too-large"].format(file=name, size=f"> {size_text(max_bytes)}",
                                                                      limit=size_text(max_bytes))
                digest.update(chunk)
                out.write(chunk)
        target = _free_path(folder, name, digest.hexdigest())
        if target.exists():
            return target, labels.PAGE["saved"].format(file=target.name)
        os.replace(temporary, target)
        return target, labels.PAGE["saved"].format(file=target.name)
    finally:
        temporary.unlink(missing_ok=True)


def _free_path(folder: Path, name: str, sha256: str) -> Path:
    stem, suffix = PurePath(name).stem, PurePath(name).suffix
    for number in range(1, 10000):
        candidate = folder / (name if number == 1 else f"{stem} ({number}){suffix}")
        if not candidate.exists() or _sha256(candidate) == sha256:
            return candidate
    raise OSError(f"too many files named {name} in {folder}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def set_aside(workspace, file_id: str) -> tuple[Path, Path] | None:
    """Move the inbox file with this id to the set-aside folder (kept, never deleted, never over
    another file): (from, to), or None when no inbox file has that id."""
    found = next((path for fid, path in inbox_files(workspace) if fid == file_id), None)
    if found is None:
        return None
    target = _free_path(workspace.set_aside, found.name, "")  # "" matches no file: a free name
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(found, target)
    return found, target


def inbox_files(workspace) -> list[tuple[str, Path]]:
    """(id, path) of each file in inbox/, by name; the id is a hash of its place, never a path."""
    inbox = workspace.inbox
    if not inbox.is_dir():
        return []
    files = sorted(p for p in inbox.rglob("*") if p.is_file() and not p.name.startswith(".upload-"))
    return [(hashlib.sha256(p.relative_to(inbox).as_posix().encode("utf-8")).hexdigest()[:20], p) for p in files]
