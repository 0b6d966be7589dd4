"""Outlook .msg files for tests: msg-extractor's own sample (tests/corpus/samples) with attached
files and transport headers added through extract-msg's OLE writer, as Outlook stores them:
one ``__attach_version1.0_#N`` storage per file (long name, display name, bytes, and its
properties saying it is attached by value)."""

from __future__ import annotations

import io
import struct
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent / "corpus" / "samples" / "msg_extractor_strange_date.msg"
ATTACH_METHOD_BY_VALUE = struct.pack("<IIQ", 0x37050003, 0x6, 1)  # PR_ATTACH_METHOD = ATTACH_BY_VALUE


def outlook_msg(files: dict[str, bytes], headers: dict[str, str] | None = None) -> bytes:
    """The sample message with ``files`` attached and ``headers`` as its transport headers."""
    import extract_msg
    from extract_msg.ole_writer import OleWriter

    message = extract_msg.openMsg(SAMPLE.read_bytes())
    writer = OleWriter()
    writer.fromMsg(message)
    message.close()
    if headers:
        text = "".join(f"{key}: {value}\r\n" for key, value in headers.items()) + "\r\n"
        writer.addEntry("__substg1.0_007D001F", text.encode("utf-16-le"))  # PR_TRANSPORT_MESSAGE_HEADERS
    for index, (name, data) in enumerate(files.items()):
        storage = f"__attach_version1.0_#{index:08X}"
        writer.addEntry(storage, storage=True)
        writer.addEntry(f"{storage}/__substg1.0_3707001F", name.encode("utf-16-le"))  # PR_ATTACH_LONG_FILENAME
        writer.addEntry(f"{storage}/__substg1.0_3001001F", name.encode("utf-16-le"))  # PR_DISPLAY_NAME
        writer.addEntry(f"{storage}/__substg1.0_37010102", data)                      # PR_ATTACH_DATA_BIN
        writer.addEntry(f"{storage}/__properties_version1.0", b"\x00" * 8 + ATTACH_METHOD_BY_VALUE)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
