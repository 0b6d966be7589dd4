"""Compose the messages the Office sends to units: pure, nothing read but the template text.

Subjects and bodies are Vietnamese ``string.Template`` texts in ``templates/mail/<kind>.subject.txt``
and ``<kind>.body.txt``. The workbook is attached under its Vietnamese file name, which the
default email policy encodes per RFC 2231 so Outlook, Thunderbird and webmail show it intact.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import re
import secrets
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email import policy
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, localtime
from functools import lru_cache
from importlib import resources
from pathlib import Path

from cchc_xlsx.mail.common import MailError
from cchc_xlsx.core.model import Period, Plan, Unit
from cchc_xlsx.core.values import format_date

KINDS = ("workbook", "reminder", "feedback", "explanation")
XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
MIME_TYPES = {
    ".xlsx": XLSX_TYPE,
    ".xlsm": ("application", "vnd.ms-excel.sheet.macroEnabled.12"),
    ".xls": ("application", "vnd.ms-excel"),
    ".ods": ("application", "vnd.oasis.opendocument.spreadsheet"),
}
ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


class NoAddress(MailError):
    """The unit has no usable email address."""

    def __init__(self, unit: Unit, address: str = ""):
        super().__init__(f"{unit.code}: no usable email address ({address!r})")
        self.unit = unit
        self.address = address


@dataclass(frozen=True)
class Template:
    """The subject and body of one kind of message."""

    subject: string.Template
    body: string.Template


def templates_dir() -> Path:
    """The folder of the shipped mail templates: the source tree's beside this package when there is
    one (the code and its templates from the same tree), else the installed package's."""
    beside = Path(__file__).resolve().parents[2] / "templates" / "mail"
    if beside.is_dir():
        return beside
    try:
        return Path(str(resources.files("cchc_xlsx.templates") / "mail"))
    except ModuleNotFoundError:  # a source tree that was not installed
        return Path(__file__).resolve().parents[2] / "templates" / "mail"


@lru_cache(maxsize=None)
def load_template(kind: str, folder: Path | None = None) -> Template:
    """The subject and body templates of ``kind`` (``workbook``, ``reminder`` or ``feedback``).

    Raises:
        ValueError: an unknown kind.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind of message {kind!r}; expected one of {KINDS}")
    folder = folder or templates_dir()
    subject = (folder / f"{kind}.subject.txt").read_text(encoding="utf-8").strip()
    body = (folder / f"{kind}.body.txt").read_text(encoding="utf-8")
    return Template(string.Template(subject), string.Template(body))


def with_contacts(unit: Unit, overrides: Mapping[str, Mapping[str, str]]) -> Unit:
    """``unit`` with the email and contact person from ``cchc.toml``'s ``[contacts]``, which win over the plan.

    Args:
        unit: a unit of the plan.
        overrides: ``{CODE: {"email": ..., "contact": ...}}``; codes match case-insensitively.
    """
    for code, values in overrides.items():
        if code.casefold() == unit.code.casefold():
            return dataclasses.replace(unit, email=values.get("email", unit.email),
                                       contact=values.get("contact", unit.contact))
    return unit


def addresses(unit: Unit) -> list[str]:
    """The unit's email addresses (the units table may list several, separated by ``,`` or ``;``).

    Raises:
        NoAddress: none is given, or one is not an address.
    """
    found = [part.strip() for part in re.split(r"[,;]", unit.email or "") if part.strip()]
    if not found:
        raise NoAddress(unit)
    for address in found:
        if not ADDRESS.match(address):
            raise NoAddress(unit, address)
    return found


def contact_text(plan: Plan, overrides: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """Whom to ask: the contact unit's person, name and email (``[contacts]`` overrides applied)."""
    unit = plan.units_by_code.get(plan.meta.get("contact_unit", ""))
    if unit is None:
        return plan.meta.get("department", "")
    unit = with_contacts(unit, overrides or {})
    return " — ".join(part for part in (unit.contact, unit.name, unit.email) if part)


def office_name(plan: Plan) -> str:
    """Who runs the cycle, as the plan names it: its ``office`` key, else the contact unit's name,
    else the department."""
    unit = plan.units_by_code.get(plan.meta.get("contact_unit", ""))
    return plan.meta.get("office") or (unit.name if unit else "") or plan.meta.get("department", "")


def message_fields(plan: Plan, unit: Unit, period: Period, attachment_name: str,
                   extra: Mapping[str, object] | None = None) -> dict[str, str]:
    """The values the templates may use; ``extra`` adds or overrides (``problems`` as a list of texts)."""
    fields = {
        "department": plan.meta.get("department", ""),
        "office": office_name(plan),
        "title": plan.meta.get("title", ""),
        "year": str(plan.year or ""),
        "unit": unit.name,
        "unit_code": unit.code,
        "person": unit.contact,
        "period": period.name,
        "start": format_date(period.start),
        "cutoff": format_date(period.cutoff),
        "due": format_date(period.due),
        "contact": contact_text(plan),
        "file": attachment_name,
        "problems": "",
        "count": "0",
    }
    for key, value in (extra or {}).items():
        if key == "problems" and not isinstance(value, str):
            items = problem_texts(list(value))  # type: ignore[arg-type]
            fields["problems"] = "\n".join(f"{n}. {text}" for n, text in enumerate(items, start=1))
            fields["count"] = str(len(items))
        else:
            fields[key] = str(value)
    return fields


def compose_message(plan: Plan, unit: Unit, period: Period, kind: str, attachment_name: str,
                    attachment_bytes: bytes, *, sender: str, message_id_domain: str | None = None,
                    reply_to: str | None = None, extra: Mapping[str, object] | None = None,
                    in_reply_to: str | None = None, now: dt.datetime | None = None,
                    template: Template | None = None) -> EmailMessage:
    """One message to one unit with its workbook attached.

    Args:
        plan: the plan (department, title, year, contact unit).
        unit: the addressee, with contact overrides already applied (``with_contacts``).
        period: the reporting period.
        kind: ``workbook``, ``reminder`` or ``feedback``.
        attachment_name: the file name the unit sees (Vietnamese; encoded per RFC 2231).
        attachment_bytes: the workbook's bytes, attached unchanged.
        sender: the From address.
        message_id_domain: the right-hand side of the Message-ID (default: the sender's domain).
        reply_to: a Reply-To address, when replies should go elsewhere than ``sender``.
        extra: more template fields; for feedback ``problems``, a list of problem texts.
        in_reply_to: the Message-ID this answers (feedback to a unit's submission).
        now: the Date (default: now, local time).
        template: another subject/body (default: the shipped one of ``kind``).

    Returns:
        The message, ready to be written as .eml or sent.

    Raises:
        NoAddress: the unit has no usable email address.
    """
    recipients = addresses(unit)
    template = template or load_template(kind)
    fields = message_fields(plan, unit, period, attachment_name, extra)
    headers = {
        "Subject": encoded(template.subject.substitute(fields), "Subject"),
        "From": mailbox(fields["department"], sender, "From"),
        "To": ",\n ".join(mailbox(unit.name, address, "To") for address in recipients),
        "Reply-To": reply_to,
        "Date": format_datetime(now.astimezone() if now else localtime()),
        "Message-ID": new_message_id(period, unit, kind, message_id_domain or sender.rpartition("@")[2]),
        "In-Reply-To": in_reply_to,
        "References": in_reply_to,
    }
    content = EmailMessage()
    # Quoted-printable keeps the Vietnamese body 7-bit (safe through any relay) and half-readable as source.
    content.set_content(template.body.substitute(fields), charset="utf-8", cte="quoted-printable")
    attach(content, attachment_name, attachment_bytes)
    head = "".join(f"{name}: {value}\n" for name, value in headers.items() if value)
    # Parsed from text, the headers are kept exactly as encoded here whenever the message is written.
    return email.message_from_bytes(head.encode("ascii") + content.as_bytes(), policy=policy.default)


def encoded(text: str, header: str) -> str:
    """A header value: ASCII as it is, else RFC 2047 encoded words folded within 78 columns.

    The classic encoder keeps every blank inside the encoded words. The newer folder of
    ``policy.default`` (Python 3.11) can leave a blank between two encoded words at a fold,
    where mail programs drop it: "Xuất bản" would show as "Xuấtbản".
    """
    if text.isascii():
        return text
    return Header(text, "utf-8", header_name=header).encode(linesep="\n")


def mailbox(name: str, address: str, header: str) -> str:
    """``Name <address>`` with the name encoded; the address on a line of its own, so no line grows past 78."""
    if not name:
        return address
    if name.isascii():
        return formataddr((name, address))
    return f"{encoded(name, header)}\n <{address}>"


def attach(message: EmailMessage, name: str, data: bytes) -> None:
    """Attach ``data`` as ``name`` (RFC 2231 when not ASCII) with the spreadsheet MIME type of its extension."""
    maintype, subtype = MIME_TYPES.get(Path(name).suffix.lower(), ("application", "octet-stream"))
    # Only Content-Disposition names the file: a second, encoded copy on Content-Type makes Python's
    # header folder mangle the long spreadsheet MIME type.
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)


def new_message_id(period: Period, unit: Unit, kind: str, domain: str) -> str:
    """A unique Message-ID that still says, to a person reading headers, what it was about.

    64 random bits make it unique; it stays short enough that the header is never folded
    (a folded Message-ID comes back with a leading blank from some parsers).
    """
    local = re.sub(r"[^A-Za-z0-9.-]", "-", f"cchc.{period.code}.{unit.code}.{kind}")
    return f"<{local}.{secrets.token_hex(8)}@{domain or 'cchc.invalid'}>"


def recipients_of(message: EmailMessage) -> list[str]:
    """The addresses in To and Cc (what a draft is sent to)."""
    found: list[str] = []
    for header in ("To", "Cc"):
        value = message.get(header)
        if value is not None:
            found.extend(address.addr_spec for address in value.addresses)
    return found


def problem_texts(items: Sequence[object]) -> list[str]:
    """Problems for a feedback message as plain texts (findings give their message)."""
    return [getattr(item, "message", None) or str(item) for item in items]
