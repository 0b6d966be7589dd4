"""The page's mail settings: the ``[smtp]`` and ``[imap]`` tables of cchc.toml as a form.

The password is never a field here: the page asks for it each time it sends or reads mail.
"""

from __future__ import annotations

import re

from cchc_xlsx import text as labels
from cchc_xlsx.mail.common import DEFAULT_PORTS, TLS_MODES

FIELDS = {"smtp": ("host", "port", "user", "tls", "sender"), "imap": ("host", "port", "user", "tls", "folder")}
_HOST = re.compile(r"^[A-Za-z0-9.\-]{1,253}$")
_ADDRESS = re.compile(r"^[^@\s\"]+@[^@\s\"]+$")


def mail_form(settings: dict) -> dict[str, dict]:
    """The form's values: each protocol's table as saved, with the usual defaults."""
    form = {}
    for protocol in FIELDS:
        table = settings.get(protocol) or {}
        tls = table.get("tls") or ("starttls" if protocol == "smtp" else "ssl")
        form[protocol] = {"host": table.get("host", ""), "port": table.get("port") or DEFAULT_PORTS[protocol][tls],
                          "user": table.get("user", ""), "tls": tls, "sender": table.get("sender", ""),
                          "folder": table.get("folder", "INBOX")}
    return form


def read_mail_form(form) -> tuple[dict[str, dict], list[str]]:
    """(the tables to save, the problems in the clerk's words); nothing is saved when there are problems."""
    tables, problems = {}, []
    page = labels.PAGE
    for protocol, names in FIELDS.items():
        table = {}
        for name in names:
            value = str(form.get(f"{protocol}-{name}") or "").strip()
            label = f"{page[protocol]} — {page['from-address' if name == 'sender' else name]}"
            if not _valid(name, value):
                problems.append(page["bad-setting"].format(field=label, value=value or "(trống)"))
            table[name] = int(value) if name == "port" and value.isdigit() else value
        tables[protocol] = table
    return tables, problems


def _valid(name: str, value: str) -> bool:
    # Each field as cchc.toml and the mail stage need it (an empty user or sender: none).
    if name == "host":
        return bool(_HOST.match(value))
    if name == "port":
        return value.isdigit() and 0 < int(value) < 65536
    if name == "tls":
        return value in TLS_MODES
    if name in ("user", "sender"):
        return not value or (value.isascii() and "\n" not in value and (name == "user" or bool(_ADDRESS.match(value))))
    return bool(value) and "\n" not in value  # folder
