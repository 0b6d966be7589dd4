"""What the mail modules share: the error, the problem catalogue, and server settings."""

from __future__ import annotations

import os
from dataclasses import dataclass

from cchc_xlsx.core.errors import CchcError

TLS_MODES = ("starttls", "ssl", "none")
# The port each TLS mode usually listens on, per protocol.
DEFAULT_PORTS = {
    "smtp": {"starttls": 587, "ssl": 465, "none": 25},
    "imap": {"starttls": 143, "ssl": 993, "none": 143},
}
PASSWORD_VARIABLES = {"smtp": "CCHC_SMTP_PASSWORD", "imap": "CCHC_IMAP_PASSWORD"}

# Problems the mail stage reports to the clerk (command-line output, so English).
PROBLEMS = {
    "no-address": ("{unit} ({name}) has no email address: add it to the plan's units table or to [contacts] "
                   "in cchc.toml"),
    "bad-address": "{unit} ({name}): {address!r} is not an email address; fix it in the units table or cchc.toml",
    "no-workbook": "{unit}: no workbook {file} in {folder}; run 'cchc generate --period {period}' first",
    "no-sender": ("no sender address: set [smtp] sender in cchc.toml (or an email address as [smtp] user, "
                  "or the contact unit's email in the plan)"),
    "draft-missing": "{unit}: the draft {file} is missing; run 'cchc mail' again to write it anew",
    "draft-unusable": "{unit}: the draft {file} has no From or no To address; run 'cchc mail' again",
    "send-failed": "{unit}: sending {file} to {recipient} failed: {reason}",
    "server": "{reason}; what was not sent stays for a re-run of the same command",
}


class MailError(CchcError):
    """A mail server cannot be used at all (refused connection, failed login, unknown folder)."""


@dataclass(frozen=True)
class Problem:
    """Something the clerk must act on; the unit it concerns (``""`` for none)."""

    code: str
    unit: str
    message: str


def problem(code: str, unit: str = "", **fields) -> Problem:
    """A ``Problem`` with its message from the catalogue."""
    from cchc_xlsx import text as labels
    from cchc_xlsx.text.language import language

    template = labels.MAIL_PROBLEMS_VI.get(code) if language() == "vi" else None
    return Problem(code, unit, (template or PROBLEMS[code]).format(unit=unit, **fields))


@dataclass(frozen=True)
class Server:
    """Where a mail server is and how to talk to it. Never holds a password."""

    protocol: str          # "smtp" or "imap"
    host: str
    port: int
    user: str = ""
    tls: str = "starttls"

    def __str__(self) -> str:
        who = f"{self.user}@" if self.user else ""
        return f"{self.protocol}://{who}{self.host}:{self.port} ({self.tls})"


def server_settings(settings: dict, protocol: str, *, host: str | None = None, port: int | None = None,
                    user: str | None = None, tls: str | None = None) -> Server:
    """The server to use: options given here win over the workspace's ``[smtp]``/``[imap]`` table.

    Args:
        settings: the workspace settings (``Workspace.settings``).
        protocol: ``"smtp"`` or ``"imap"``.
        host, port, user, tls: command-line overrides (``None``: not given).

    Returns:
        The resolved ``Server``. When only ``tls`` is overridden, the port follows it (587/465/25 for
        SMTP), since the configured port belongs to the configured mode.
    """
    table = settings.get(protocol, {}) or {}
    chosen_tls = tls or table.get("tls") or ("starttls" if protocol == "smtp" else "ssl")
    if chosen_tls not in TLS_MODES:
        raise MailError(f"[{protocol}] tls must be one of {', '.join(TLS_MODES)}, not {chosen_tls!r}")
    if port is None:
        tls_changed = tls is not None and tls != table.get("tls")
        port = DEFAULT_PORTS[protocol][chosen_tls] if tls_changed else table.get("port")
    return Server(protocol=protocol, host=host or table.get("host") or "localhost",
                  port=int(port or DEFAULT_PORTS[protocol][chosen_tls]),
                  user=user if user is not None else (table.get("user") or ""), tls=chosen_tls)


def password_from_environment(protocol: str) -> str | None:
    """The password from ``CCHC_SMTP_PASSWORD`` / ``CCHC_IMAP_PASSWORD``, or None when unset."""
    return os.environ.get(PASSWORD_VARIABLES[protocol])


def scrub(text: str, secret: str | None) -> str:
    """``text`` with ``secret`` masked: server replies and exceptions are shown and stored, a password never."""
    if secret:
        text = text.replace(secret, "***")
    return text
