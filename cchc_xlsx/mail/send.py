"""Send the drafts over SMTP, resumably.

What is sent is taken from the ledger's ``mail_log``: the current draft of each unit that has
no ``sent_at``. Each message is marked sent the moment the server accepts it, so a run that is
interrupted (a crash, a lost connection, a server refusing one message) is finished by running
it again, and each message is delivered once. The password is used for ``AUTH`` only and is
masked out of every error text that is shown or stored.
"""

from __future__ import annotations

import base64
import email
import smtplib
import sqlite3
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, localtime
from pathlib import Path

from cchc_xlsx.text.language import say
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.mail import log
from cchc_xlsx.mail.common import MailError, Problem, Server, problem, scrub
from cchc_xlsx.mail.compose import recipients_of
from cchc_xlsx.mail.drafts import draft_path
from cchc_xlsx.store.workspace import Workspace

TIMEOUT = 60  # seconds; a mail server that says nothing for a minute is not going to


@dataclass(frozen=True)
class Sent:
    """A message the server accepted."""

    unit: str
    kind: str
    path: Path
    message_id: str
    recipient: str


@dataclass
class SendResult:
    """What ``send_drafts`` sent, and what failed (left unsent for a re-run)."""

    sent: list[Sent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def send_drafts(workspace: Workspace, period_code: str, server: Server, password: str | None = None, *,
                kinds: Iterable[str] = ("workbook",), ledger: Ledger | None = None,
                context: ssl.SSLContext | None = None, after_each: Callable[[Sent], None] | None = None
                ) -> SendResult:
    """Send every current, unsent draft of ``kinds`` for a period.

    Args:
        workspace: the workspace (drafts and ledger).
        period_code: the period.
        server: the SMTP server (``server_settings(..., "smtp")``).
        password: used to log in when ``server.user`` is set; never stored or shown.
        kinds: which messages: ``workbook``, ``reminder``, ``feedback``.
        ledger: an open ledger (default: the workspace's).
        context: the TLS context (default: the system's trusted certificates).
        after_each: called after each message is accepted and recorded.

    Returns:
        The messages sent, and one problem per message that failed. A failed message is
        recorded with its error and the others are still sent; a server that cannot be
        reached or refuses the login stops the run with one problem.
    """
    result = SendResult()
    with log.opened(workspace, ledger) as open_ledger:
        rows = log.unsent(open_ledger, period_code, kinds)
        connection = _Connection(server, password, context)
        try:
            for row in rows:
                if not _send_row(row, workspace, open_ledger, connection, result, after_each):
                    break
        finally:
            connection.close()
    return result


def _send_row(row: sqlite3.Row, workspace: Workspace, ledger: Ledger, connection: "_Connection",
              result: SendResult, after_each: Callable[[Sent], None] | None) -> bool:
    # Send one draft and record the outcome; False when the server cannot be used any more.
    path = draft_path(workspace, row["file"])
    if not path.is_file():
        _failed(ledger, row, result, problem("draft-missing", row["unit"], file=row["file"]))
        return True
    message = outgoing(path.read_bytes())
    sender, recipients = envelope(message)
    if not sender or not recipients:
        _failed(ledger, row, result, problem("draft-unusable", row["unit"], file=row["file"]))
        return True
    try:
        smtp = connection.get()
    except MailError as exc:
        result.problems.append(problem("server", reason=str(exc)))
        return False
    try:
        refused = smtp.send_message(message, sender, recipients)
    except (smtplib.SMTPException, OSError) as exc:
        if isinstance(exc, (smtplib.SMTPServerDisconnected, OSError)):
            connection.drop()  # the next message starts a new session
        _failed(ledger, row, result, _send_failed(row, scrub(_reason(exc), connection.password)))
        return True
    log.mark_sent(ledger, row["id"])  # at once: a crash after this line must not send it again
    if refused:
        _failed(ledger, row, result, _send_failed(row, "refused: " + ", ".join(refused)))
    sent = Sent(row["unit"], row["kind"], path, row["message_id"], ", ".join(recipients))
    result.sent.append(sent)
    if after_each:
        after_each(sent)
    return True


def outgoing(eml: bytes) -> EmailMessage:
    """The message of a draft as it leaves: without ``X-Unsent``, dated now; body and attachment unchanged."""
    message = email.message_from_bytes(eml, policy=policy.default)
    del message["X-Unsent"]
    del message["Date"]
    message["Date"] = format_datetime(localtime())
    return message


def envelope(message: EmailMessage) -> tuple[str, list[str]]:
    """The SMTP sender and recipients of a message: its From, its To and Cc (empty when missing)."""
    try:
        sender = message["From"].addresses[0].addr_spec if message["From"] is not None else ""
    except (IndexError, AttributeError):
        sender = ""
    return sender, recipients_of(message)


def _send_failed(row: sqlite3.Row, reason: str) -> Problem:
    return problem("send-failed", row["unit"], file=row["file"], recipient=row["recipient"], reason=reason)


def _failed(ledger: Ledger, row: sqlite3.Row, result: SendResult, found: Problem) -> None:
    # Recorded on the message, which stays unsent: a re-run tries it again.
    log.mark_failed(ledger, row["id"], found.message)
    result.problems.append(found)


def _reason(exc: Exception) -> str:
    # The server's own words when it gave some ("554 5.7.1 rejected"), else the exception's.
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "recipients refused: " + ", ".join(exc.recipients)
    return f"{type(exc).__name__}: {exc}"


class _Connection:
    # One SMTP session, opened on first use and again after the server dropped it.

    def __init__(self, server: Server, password: str | None, context: ssl.SSLContext | None):
        self.server = server
        self.password = password
        self.context = context
        self.smtp: smtplib.SMTP | None = None

    def get(self) -> smtplib.SMTP:
        if self.smtp is None:
            self.smtp = open_smtp(self.server, self.password, self.context)
        return self.smtp

    def drop(self) -> None:
        smtp, self.smtp = self.smtp, None
        if smtp is not None:
            try:
                smtp.close()
            except OSError:
                pass

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
        self.drop()


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    if (user + password).isascii():
        smtp.login(user, password)
        return
    # smtplib encodes credentials as ASCII; AUTH PLAIN carries UTF-8 (a Vietnamese password).
    smtp.ehlo_or_helo_if_needed()
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("the server does not offer AUTH")
    token = base64.b64encode(f"\0{user}\0{password}".encode("utf-8")).decode("ascii")
    code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def open_smtp(server: Server, password: str | None, context: ssl.SSLContext | None = None) -> smtplib.SMTP:
    """A connected SMTP session: TLS as ``server.tls`` says, logged in only when a user is set.

    Raises:
        MailError: the server cannot be reached, TLS fails, or the login is refused.
    """
    if server.user and password is None:
        raise MailError(say("mail-needs-password", server=server))
    context = context or ssl.create_default_context()
    smtp = None
    try:
        if server.tls == "ssl":
            smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT, context=context)
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
            if server.tls == "starttls":
                smtp.starttls(context=context)
        if server.user:
            _login(smtp, server.user, password or "")
        return smtp
    except (smtplib.SMTPException, OSError) as exc:
        if smtp is not None:
            smtp.close()
        raise MailError(scrub(say("mail-cannot-send", server=server, reason=_reason(exc)), password)) from None
