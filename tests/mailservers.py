"""Real mail servers for the tests: aiosmtpd in-process, and a private Dovecot on loopback.

Dovecot runs from a configuration written into a temporary folder (its base_dir, state_dir,
log and users there), listens on 127.0.0.1 on a free port without TLS, and is stopped by
signalling its master process. Nothing of the machine's own Dovecot is used or touched.
"""

from __future__ import annotations

import email
import getpass
import imaplib
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

LOOPBACK = "127.0.0.1"
USERS = 50  # IMAP users the test Dovecot knows: one per test that needs a mailbox


def free_port() -> int:
    """A TCP port nobody listens on right now (the server binds it a moment later)."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


# --- SMTP -------------------------------------------------------------------------------------

@dataclass
class Delivered:
    """One message as the SMTP server received it."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)


@dataclass
class SmtpInbox:
    """The aiosmtpd handler: keeps every accepted message; can refuse chosen ones.

    ``reject`` holds 1-based numbers of DATA commands to refuse (counted over the server's life).
    """

    reject: set[int] = field(default_factory=set)
    delivered: list[Delivered] = field(default_factory=list)
    attempts: int = 0
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        self.attempts += 1
        if self.attempts in self.reject:
            return "554 5.6.0 refused by the test server"
        self.delivered.append(Delivered(envelope.mail_from, list(envelope.rcpt_tos),
                                        envelope.original_content or envelope.content))
        return "250 2.0.0 OK"


@dataclass
class SmtpServer:
    """A running aiosmtpd server and what it received."""

    controller: Controller
    inbox: SmtpInbox
    port: int
    tls: str = "none"

    def stop(self) -> None:
        self.controller.stop()


def start_smtp(inbox: SmtpInbox | None = None, *, user: str | None = None, password: str | None = None,
               tls_context: ssl.SSLContext | None = None, implicit_tls: bool = False) -> SmtpServer:
    """Start aiosmtpd on 127.0.0.1.

    Plain; or with ``tls_context``, STARTTLS required (SMTPS from the first byte when
    ``implicit_tls``); and AUTH checking ``user``/``password`` when given.
    """
    inbox = inbox or SmtpInbox()
    port = free_port()
    options: dict = {}
    if user is not None:
        # aiosmtpd counts only STARTTLS as TLS for AUTH; under SMTPS the whole session is encrypted anyway.
        options.update(authenticator=_authenticator(inbox, user, password or ""), auth_required=True,
                       auth_require_tls=tls_context is not None and not implicit_tls)
    if tls_context is not None and implicit_tls:
        options.update(ssl_context=tls_context)
    elif tls_context is not None:
        options.update(tls_context=tls_context, require_starttls=True)
    controller = Controller(inbox, hostname=LOOPBACK, port=port, **options)
    controller.start()
    return SmtpServer(controller, inbox, port)


def _authenticator(inbox: SmtpInbox, user: str, password: str):
    def check(server, session, envelope, mechanism, auth_data) -> AuthResult:
        given = auth_data.password.decode() if isinstance(auth_data, LoginPassword) else ""
        if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and given == password:
            inbox.logins.append(user)
            return AuthResult(success=True, handled=False)
        # A careless server that repeats the password it was given: the tool must not show it on.
        return AuthResult(success=False, handled=False, message=f"535 5.7.8 {given!r} is not the password")
    return check


def self_signed_certificate(folder: Path) -> tuple[Path, Path] | None:
    """A certificate and key for 127.0.0.1 made with the openssl tool; None without it."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


# --- IMAP (Dovecot) ---------------------------------------------------------------------------

DOVECOT_CONF = """\
base_dir = {base}/run
state_dir = {base}/state
instance_name = cchc-test-{port}
listen = {host}
protocols = imap
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
log_path = {base}/dovecot.log
mail_location = maildir:{shared}/mail/%u
first_valid_uid = {uid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {shared}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={shared}/mail/%u
}}
# No growing delay after the deliberately failed logins of the tests; no chroot, which needs root.
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    address = {host}
    port = {imaps_port}
  }}
}}
"""


def find_dovecot() -> str | None:
    """The dovecot binary: on PATH, or in /usr/sbin where Debian puts it (not on a user's PATH)."""
    found = shutil.which("dovecot")
    if found:
        return found
    return "/usr/sbin/dovecot" if os.access("/usr/sbin/dovecot", os.X_OK) else None


@dataclass
class ImapAccount:
    """One user of the test Dovecot, with a mailbox of its own."""

    host: str
    port: int
    user: str
    password: str
    imaps_port: int = 0
    certificate: Path | None = None  # what a client must trust for STARTTLS and IMAPS

    def client(self) -> imaplib.IMAP4:
        """A logged-in IMAP session (the test's own, to fill the mailbox)."""
        imap = imaplib.IMAP4(self.host, self.port)
        imap.login(self.user, self.password)
        return imap

    def append(self, messages: list[bytes], folder: str = "INBOX", when: float | None = None) -> None:
        """Put messages into a folder, as a mail server would deliver them (INTERNALDATE ``when``)."""
        imap = self.client()
        try:
            for raw in messages:
                status, data = imap.append(folder, None, imaplib.Time2Internaldate(when or time.time()), raw)
                assert status == "OK", data
        finally:
            imap.logout()


@dataclass
class Dovecot:
    """A private Dovecot IMAP server; each test adds a user, so each starts with empty mailboxes."""

    host: str
    port: int
    base: Path
    shared: Path
    process: subprocess.Popen
    password: str = ""
    imaps_port: int = 0         # IMAP over TLS, when started with a certificate (0: none)
    certificate: Path | None = None
    users: int = 0

    def add_user(self) -> ImapAccount:
        """The next unused user (``clerk1``, ``clerk2``, ...), with empty mailboxes."""
        self.users += 1
        assert self.users <= USERS, "more users than start_dovecot made"
        return ImapAccount(self.host, self.port, f"clerk{self.users}", self.password, self.imaps_port,
                           self.certificate)

    def stop(self) -> None:
        """Stop the master process (it takes its children with it), remove the users and mail."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.shared, ignore_errors=True)

    def log(self) -> str:
        path = self.base / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""


def start_dovecot(base: Path, password: str, certificate: tuple[Path, Path] | None = None) -> Dovecot:
    """Start Dovecot with its configuration, sockets, state and log in ``base``.

    Plain IMAP listens on ``port``; with a ``(certificate, key)`` STARTTLS is offered there too
    and IMAPS listens on ``imaps_port``.

    As root (CI) Dovecot's own users run it and mail belongs to ``nobody``; as another user,
    everything runs as that user.
    """
    binary = find_dovecot()
    assert binary, "dovecot is not installed"
    base.mkdir(parents=True, exist_ok=True)
    # The users file and the mail are read by Dovecot's unprivileged processes, and pytest's tmp_path
    # is private to its owner: they live in a folder of their own that those processes can enter.
    shared = Path(tempfile.mkdtemp(prefix="cchc-dovecot-"))
    shared.chmod(0o755)
    # All users up front: Dovecot notices a changed users file only after a while.
    users = "".join(f"clerk{n}:{{PLAIN}}{password}\n" for n in range(1, USERS + 1))
    (shared / "passwd").write_text(users, encoding="utf-8")
    (shared / "mail").mkdir()
    identity = _identity()
    if os.geteuid() == 0:
        os.chown(shared / "mail", identity["uid"], identity["gid"])
    port, imaps_port = free_port(), (free_port() if certificate else 0)
    ssl = f"ssl = yes\nssl_cert = <{certificate[0]}\nssl_key = <{certificate[1]}" if certificate else "ssl = no"
    config = base / "dovecot.conf"
    config.write_text(DOVECOT_CONF.format(base=base, shared=shared, host=LOOPBACK, port=port, imaps_port=imaps_port,
                                          ssl=ssl, **identity), encoding="utf-8")
    process = subprocess.Popen([binary, "-F", "-c", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    server = Dovecot(LOOPBACK, port, base, shared, process, password, imaps_port,
                     certificate[0] if certificate else None)
    _wait_until_listening(server)
    return server


def _identity() -> dict:
    import grp  # POSIX only, like Dovecot itself; imported here so Windows can still import this module
    import pwd

    if os.geteuid() == 0:
        return {"login_user": "dovenull", "internal_user": "dovecot", "internal_group": "dovecot",
                "uid": pwd.getpwnam("nobody").pw_uid, "gid": grp.getgrnam("nogroup").gr_gid}
    me = getpass.getuser()
    return {"login_user": me, "internal_user": me, "internal_group": grp.getgrgid(os.getgid()).gr_name,
            "uid": os.getuid(), "gid": os.getgid()}


def _wait_until_listening(server: Dovecot, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            output = server.process.stdout.read().decode(errors="replace") if server.process.stdout else ""
            server.stop()
            raise RuntimeError(f"dovecot exited ({server.process.returncode}): {output}\n{server.log()}")
        try:
            with socket.create_connection((server.host, server.port), timeout=1) as connection:
                if connection.recv(64).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"dovecot did not start listening within {seconds} s:\n{server.log()}")
