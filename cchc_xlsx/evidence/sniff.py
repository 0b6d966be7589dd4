"""What a received file is, from its first bytes (and, for zip and OLE2 containers, their
directory): never from its name alone. Nothing is executed or parsed beyond that."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

# kind → the extension a kept copy gets (a file named otherwise gets this one instead).
EXTENSIONS = {
    "pdf": ".pdf", "jpeg": ".jpg", "png": ".png", "gif": ".gif", "tiff": ".tif", "bmp": ".bmp", "webp": ".webp",
    "docx": ".docx", "xlsx": ".xlsx", "pptx": ".pptx", "odt": ".odt", "ods": ".ods", "odp": ".odp",
    "ole2": ".doc", "rtf": ".rtf", "zip": ".zip", "rar": ".rar", "7z": ".7z", "gzip": ".gz",
    "text": ".txt", "xml": ".xml", "html": ".html", "mp4": ".mp4", "mp3": ".mp3",
    "docm": ".docm", "xlsm": ".xlsm", "pptm": ".pptm", "ole2-macro": ".doc",
    "exe": ".exe", "elf": ".elf", "mach-o": ".bin", "script": ".txt", "lnk": ".lnk", "jar": ".jar", "unknown": ".bin",
}
# Kinds that can run code when a user double-clicks them: archived, flagged, never copied out.
DANGEROUS_KINDS = {"exe", "elf", "mach-o", "script", "lnk", "jar", "html", "docm", "xlsm", "pptm", "ole2-macro"}
# Names that Windows runs (or opens in a scripting host) whatever their bytes.
DANGEROUS_SUFFIXES = {".exe", ".com", ".scr", ".pif", ".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js", ".jse",
                      ".wsf", ".wsh", ".hta", ".msi", ".msp", ".cpl", ".dll", ".jar", ".lnk", ".reg", ".sh", ".py",
                      ".docm", ".xlsm", ".pptm", ".dotm", ".xltm", ".xlam", ".ppam", ".htm", ".html", ".svg",
                      ".url", ".iso", ".img", ".vhd", ".apk", ".app", ".gadget", ".chm", ".inf", ".appref-ms"}
# OLE2 files (doc, xls, ppt) for the suffixes they may rightly carry.
_OLE2_SUFFIXES = {".doc": ".doc", ".xls": ".xls", ".ppt": ".ppt", ".msg": ".msg", ".dot": ".dot"}
_MAGIC = (
    (b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF87a", "gif"),
    (b"GIF89a", "gif"), (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"), (b"BM", "bmp"), (b"{\\rtf", "rtf"),
    (b"Rar!\x1a\x07", "rar"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x1f\x8b", "gzip"), (b"MZ", "exe"),
    (b"\x7fELF", "elf"), (b"\xcf\xfa\xed\xfe", "mach-o"), (b"\xfe\xed\xfa\xcf", "mach-o"), (b"\xca\xfe\xba\xbe", "mach-o"),
    (b"#!", "script"), (b"L\x00\x00\x00\x01\x14\x02\x00", "lnk"), (b"ID3", "mp3"),
)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_MAX_LISTED = 2000  # zip directory entries looked at to tell its kind


def sniff(data: bytes, name: str = "") -> str:
    """The kind of a file from its bytes: "pdf", "jpeg", "docx", "zip", "exe", ... or "unknown"."""
    head = data[:64]
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(OLE2_MAGIC):
        # VBA projects live in a storage named so; the name is stored in UTF-16.
        return "ole2-macro" if ("_VBA_PROJECT".encode("utf-16-le") in data or b"_VBA_PROJECT" in data) else "ole2"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    return _text_kind(data[:4096])


def _zip_kind(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = [info.filename for info in archive.infolist()[:_MAX_LISTED]]
        mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError, NotImplementedError, RuntimeError):
        return "zip"
    macro = any(n.endswith("vbaProject.bin") for n in names)
    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
        return {b"text": "odt", b"spreadsheet": "ods", b"presentation": "odp"}.get(
            mimetype.split(b".")[-1].split(b"-")[0], "zip")
    for folder, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
        if any(n.startswith(folder) for n in names):
            return kind[:-1] + "m" if macro else kind
    if "META-INF/MANIFEST.MF" in names or any(n.endswith(".class") for n in names):
        return "jar"
    return "zip"


def _text_kind(head: bytes) -> str:
    if not head:
        return "unknown"
    if b"\x00" in head:
        return "unknown"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<script", b"<svg")) or b"<script" in lowered:
        return "html"
    if lowered.startswith(b"<?xml"):
        return "html" if b"<svg" in lowered else "xml"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a cut multi-byte character at the end is still text
            return "unknown"
    return "text"


def is_dangerous(kind: str, name: str) -> bool:
    """True for what can run code when opened: programs, scripts, macro documents, web pages."""
    return kind in DANGEROUS_KINDS or PurePath(name).suffix.lower() in DANGEROUS_SUFFIXES


_ALIASES = {"jpeg": {".jpg", ".jpeg", ".jpe", ".jfif"}, "tiff": {".tif", ".tiff"}, "gzip": {".gz", ".tgz"},
            "mp4": {".mp4", ".m4a", ".mov", ".3gp"}}
# Kinds the bytes do not pin to one extension: the name's own is kept (a .pub or .msg is OLE2 too).
_GENERIC = {"unknown", "ole2", "text", "xml"}


def kept_suffix(kind: str, name: str) -> str:
    """The extension a copy is stored under: the name's own when it fits the bytes, else the kind's."""
    suffix = PurePath(name).suffix.lower()
    if kind in _GENERIC:
        return suffix if suffix and suffix not in DANGEROUS_SUFFIXES else EXTENSIONS.get(kind, ".bin")
    if suffix in _ALIASES.get(kind, ()):
        return suffix
    return EXTENSIONS.get(kind, ".bin")


def name_fits(kind: str, name: str) -> bool:
    """Whether the name's extension agrees with the bytes (a .pdf that is a PDF)."""
    return kept_suffix(kind, name) == PurePath(name).suffix.lower()
