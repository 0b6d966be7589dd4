"""IMAP: a collect source. Returned workbooks fetched straight from a mailbox.

Yields the same ``Received``/``Skipped`` items as reading .eml files from a folder, so the
normal collect path handles them alike. The mailbox is only read: the folder is opened
read-only and bodies are fetched with ``BODY.PEEK`` so no message is marked as seen. Messages
whose Message-ID the ledger already has a delivery for are not downloaded again.
"""

from __future__ import annotations

import base64
import datetime as dt
import email
import imaplib
import re
import ssl
from collections.abc import Iterator
from email import policy
from urllib.parse import quote

from cchc_xlsx.collect.sources.items import Item, Skipped, arrived
from cchc_xlsx.collect.sources.message import message_items
from cchc_xlsx.findings.catalogue import reason_detail, reason_words
from cchc_xlsx.mail.common import (
    DEFAULT_PORTS,
    MailError,
    Server,
    password_from_environment,
    scrub,
    server_settings,
)
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.store.workspace import Workspace
from cchc_xlsx.text.language import say

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HEADERS_PER_FETCH = 500  # UIDs per FETCH command: keeps each command line well below server limits
TIMEOUT = 60


def fetch_imap(host: str, port: int, user: str, password: str, tls: str = "ssl", folder: str = "INBOX",
               since: dt.date | None = None, ledger: Ledger | None = None, period: str | None = None, *,
               context: ssl.SSLContext | None = None) -> Iterator[Item]:
    """The spreadsheet attachments of the messages in an IMAP folder.

    Args:
        host, port, user, password: the IMAP account; the password is only sent to log in.
        tls: ``ssl`` (IMAPS), ``starttls`` or ``none``.
        folder: the mailbox folder (non-ASCII names are encoded as IMAP wants).
        since: only messages received on or after this date.
        ledger: when given, messages whose Message-ID it has a delivery for are skipped unseen.
        period: with ``ledger``: only deliveries of this period count as already collected.
        context: the TLS context (default: the system's trusted certificates).

    Yields:
        ``Received`` per spreadsheet attachment (source ``imap://user@host/FOLDER;UID=n/<file>``),
        ``Skipped`` per message without one (``no-attachment``) and per other attachment
        (``not-spreadsheet``). A message found twice in the folder is yielded twice, as two
        copies of an .eml in a folder are: collect knows the second by its content.

    Raises:
        MailError: the server cannot be reached, refuses the login, or has no such folder.
    """
    server = Server("imap", host, port, user, tls)
    imap = open_imap(server, password, context)
    try:
        _select(imap, folder, server, password)
        uids = _search(imap, since)
        known = collected_message_ids(ledger, period) if ledger is not None else set()
        ids = _message_ids(imap, uids) if known else {}
        for uid in uids:
            if ids.get(uid) in known:
                continue
            yield from _message_items(imap, uid, message_source(server, folder, uid))
    finally:
        _logout(imap)


def imap_items(workspace: Workspace, period: str, host: str | None = None, port: int | None = None,
               user: str | None = None, tls: str | None = None, folder: str | None = None,
               since: dt.date | None = None, *, password: str | None = None) -> Iterator[Item]:
    """The items of ``cchc collect --imap`` (and the page's button): the workspace's ``[imap]``
    settings overridden by the arguments; the server is contacted when the items are first asked for.

    Args:
        workspace: the workspace (settings and ledger).
        period: the period being collected; messages already delivered for it are not fetched again.
        host, port, user, tls: overrides of ``[imap]`` (``None``: not given).
        folder: the folder (default: ``[imap] folder``, else INBOX).
        since: only messages received on or after this date.
        password: the password (default: ``CCHC_IMAP_PASSWORD``, else none).

    Raises:
        MailError: bad ``[imap]`` settings, no user (at once); while iterating, the server cannot be
            reached, refuses the login, or has no such folder.
    """
    server = server_settings(workspace.settings, "imap", host=host, port=port, user=user, tls=tls)
    if not server.user:
        raise MailError(say("imap-needs-user"))
    folder = folder or (workspace.settings.get("imap", {}) or {}).get("folder") or "INBOX"
    if password is None:
        password = password_from_environment("imap") or ""
    return _fetch(workspace, server, password, folder, since, period)


def _fetch(workspace: Workspace, server: Server, password: str, folder: str, since: dt.date | None,
           period: str) -> Iterator[Item]:
    # The ledger tells which messages were collected before; open for as long as the fetch runs.
    with Ledger(workspace.ledger_path) as ledger:
        yield from fetch_imap(server.host, server.port, server.user, password, server.tls, folder, since,
                              ledger=ledger, period=period)


def open_imap(server: Server, password: str, context: ssl.SSLContext | None = None) -> imaplib.IMAP4:
    """A logged-in IMAP session, TLS as ``server.tls`` says.

    Raises:
        MailError: the server cannot be reached, TLS fails, or the login is refused.
    """
    context = context or ssl.create_default_context()
    imap = None
    try:
        if server.tls == "ssl":
            imap = imaplib.IMAP4_SSL(server.host, server.port, ssl_context=context, timeout=TIMEOUT)
        else:
            imap = imaplib.IMAP4(server.host, server.port, timeout=TIMEOUT)
            if server.tls == "starttls":
                imap.starttls(ssl_context=context)
        _login(imap, server.user, password)
        return imap
    except (imaplib.IMAP4.error, OSError) as exc:
        if imap is not None:
            _logout(imap)
        raise MailError(scrub(say("mail-cannot-read", server=server, reason=_text(exc)), password)) from None


def _login(imap: imaplib.IMAP4, user: str, password: str) -> None:
    if (user + password).isascii():
        imap.login(user, password)
    else:
        # LOGIN only carries ASCII; AUTHENTICATE PLAIN carries UTF-8 (a Vietnamese password).
        imap.authenticate("PLAIN", lambda _: f"\0{user}\0{password}".encode())


def _select(imap: imaplib.IMAP4, folder: str, server: Server, password: str) -> None:
    status, data = imap.select(mailbox_name(folder), readonly=True)
    if status != "OK":
        raise MailError(scrub(say("mail-no-folder", server=server, folder=folder, reason=_text(data)), password))


def _search(imap: imaplib.IMAP4, since: dt.date | None) -> list[str]:
    criteria = ["SINCE", imap_date(since)] if since else ["ALL"]
    status, data = imap.uid("SEARCH", None, *criteria)
    if status != "OK":
        raise MailError(f"the IMAP search failed: {_text(data)}")
    return [uid.decode() for uid in (data[0] or b"").split()]


def _message_ids(imap: imaplib.IMAP4, uids: list[str]) -> dict[str, str]:
    # Only the Message-ID header of each message: enough to leave known messages undownloaded.
    found: dict[str, str] = {}
    for start in range(0, len(uids), HEADERS_PER_FETCH):
        chunk = ",".join(uids[start:start + HEADERS_PER_FETCH])
        status, data = imap.uid("FETCH", chunk, "(UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
        if status != "OK":
            continue  # without the headers every message is simply downloaded
        for item in data:
            if isinstance(item, tuple):
                uid = re.search(rb"UID (\d+)", item[0])
                if uid:
                    header = email.message_from_bytes(item[1], policy=policy.default)
                    found[uid.group(1).decode()] = str(header.get("Message-ID", "")).strip()
    return found


def _message_items(imap: imaplib.IMAP4, uid: str, source: str) -> Iterator[Item]:
    # INTERNALDATE is when the server received the message: that, not the sender's Date:, orders
    # submissions. One message that cannot be parsed is reported; the others are still fetched.
    status, data = imap.uid("FETCH", uid, "(INTERNALDATE BODY.PEEK[])")
    found = next((item for item in data if isinstance(item, tuple)), None) if status == "OK" else None
    if found is None or found[1] is None:
        yield Skipped(source, "unreadable")
        return
    received = internal_date(found[0])  # else this run's clock (items.arrived)
    try:  # cut into parts without the line parser: big scans stay cheap
        items = list(message_items(found[1], source))
    except Exception as exc:  # a hostile message never stops the fetch of the others
        yield Skipped(source, "unreadable", reason_words(exc), technical=reason_detail(exc))
        return
    yield from arrived(items, received)


def internal_date(response: bytes) -> dt.datetime | None:
    """The INTERNALDATE of a FETCH response line as local time; None when absent or absurd."""
    try:
        found = imaplib.Internaldate2tuple(response)
        return dt.datetime(*found[:6]) if found else None
    except (ValueError, OverflowError, TypeError, IndexError):
        return None


def collected_message_ids(ledger: Ledger, period: str | None = None) -> set[str]:
    """Message-IDs the ledger has a delivery for (of ``period`` when given)."""
    sql = "SELECT DISTINCT message_id FROM deliveries WHERE message_id IS NOT NULL AND message_id != ''"
    rows = ledger.query(sql + " AND period = ?", (period,)) if period else ledger.query(sql)
    return {row["message_id"].strip() for row in rows}


def message_source(server: Server, folder: str, uid: str) -> str:
    """An IMAP URL naming one message (RFC 5092 style): ``imap://user@host/INBOX;UID=12``."""
    port = "" if server.port == DEFAULT_PORTS["imap"][server.tls] else f":{server.port}"
    user = f"{quote(server.user, safe='')}@" if server.user else ""
    return f"imap://{user}{server.host}{port}/{quote(folder)};UID={uid}"


def imap_date(day: dt.date) -> str:
    """A date as IMAP SEARCH wants it (``01-Mar-2022``), whatever the machine's locale."""
    return f"{day.day:02d}-{MONTHS[day.month - 1]}-{day.year}"


def mailbox_name(folder: str) -> str:
    """A folder name as an IMAP argument: modified UTF-7 (RFC 3501) and quoted."""
    encoded = _modified_utf7(folder)
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _modified_utf7(text: str) -> str:
    # Printable ASCII stays, "&" becomes "&-", any other run becomes "&" + modified base64 of UTF-16BE + "-".
    out, run = [], []

    def flush() -> None:
        if run:
            encoded = base64.b64encode("".join(run).encode("utf-16-be")).decode().rstrip("=").replace("/", ",")
            out.append(f"&{encoded}-")
            run.clear()

    for char in text:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            run.append(char)
    flush()
    return "".join(out)


def _text(value: object) -> str:
    # imaplib hands back bytes, lists of bytes or exceptions (its own carry the server's bytes); show text.
    if isinstance(value, imaplib.IMAP4.error) and value.args:
        value = value.args[0]
    elif isinstance(value, BaseException):
        return str(value) or type(value).__name__
    if isinstance(value, list):
        value = b" ".join(v for v in value if isinstance(v, bytes))
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _logout(imap: imaplib.IMAP4) -> None:
    try:
        imap.logout()
    except (imaplib.IMAP4.error, OSError):
        pass
