"""The workspace of one plan's cycle: its folders and its settings file ``cchc.toml``."""

from __future__ import annotations

import dataclasses
import re
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.core.errors import InputError
from cchc_xlsx.text.language import say
from cchc_xlsx.plan import Built, load_plan
from cchc_xlsx.plan.tables import TABLES, csv_name
from cchc_xlsx.core.names import safe_name

SETTINGS_FILE = "cchc.toml"
FOLDERS = ("plan", "inbox", "outbox", "archive", "reports")

DEFAULT_LIMITS = {
    "max_file_bytes": 20 * 1024 * 1024,          # a returned workbook is ~50 KB; refuse files above this
    "max_uncompressed_bytes": 50 * 1024 * 1024,  # sum of the zip's declared sizes (zip bombs)
    "max_zip_entries": 500,
    "max_sheet_rows": 5000,
    "max_sheet_columns": 60,
    # issue 16: limits per part of a return, never per container
    "max_message_bytes": 150 * 1024 * 1024,      # one message (an .eml, one message of an .mbox)
    "max_evidence_bytes": 50 * 1024 * 1024,      # one evidence file (a scan, a PDF) beside the workbook
    "max_zip_inflated_bytes": 200 * 1024 * 1024,  # all that one .zip of evidence may inflate to
}
DEFAULT_BANDS = labels.DEFAULT_BANDS

_TEMPLATE = """\
# Settings of a cchc-xlsx workspace. Never put a password here: passwords come from
# CCHC_SMTP_PASSWORD / CCHC_IMAP_PASSWORD or a prompt.

department = {department}
year = {year}
plan = "plan"            # the plan tables this workspace uses (a CSV folder or a master workbook)
sheet_password = ""      # empty: sheets are protected without a password
# office = ""            # who writes to the units in mail; default: the plan's "office" (plan.csv)

[smtp]
host = "localhost"
port = 587
user = ""
tls = "starttls"         # starttls, ssl or none
sender = ""

[imap]
host = "localhost"
port = 993
user = ""
tls = "ssl"
folder = "INBOX"

[limits]
{limits}

# The ledger's SQLite journal: "auto" uses WAL on a local disk and DELETE on a network share
# (\\\\server\\share, a mapped drive) or a synced folder (OneDrive, Dropbox, Google Drive);
# "wal" or "delete" force one.
[ledger]
journal_mode = "auto"

# Classification of units by completion rate (%), highest band first.
[bands]
{bands}

# Contacts that override the plan's units table: CODE = {{ email = "...", contact = "..." }}
[contacts]
"""


EXPLAIN_DAYS = 5


def _check_settings(file: Path, settings: dict) -> None:
    """Refuse settings of the wrong type here, naming the key, rather than failing later."""
    def fail(key: str, what: str) -> None:
        expected = labels.SETTINGS_EXPECTED[what].format(key=key)
        raise InputError(labels.SETTINGS_WRONG.format(file=file, key=key, what=expected))

    for section in ("smtp", "imap", "limits", "bands", "contacts", "explain"):
        if not isinstance(settings.get(section, {}), dict):
            fail(section, "section")
    days = (settings.get("explain") or {}).get("days", 5)  # issue 22: working days to explain
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        fail("explain.days", "positive")
    if not isinstance(settings.get("plan", "plan"), str):
        fail("plan", "path")
    if str((settings.get("ledger") or {}).get("journal_mode", "auto")).lower() not in ("auto", "wal", "delete"):
        fail("ledger.journal_mode", "journal")
    if not isinstance(settings.get("sheet_password", ""), str):
        fail("sheet_password", "text")
    if not isinstance(settings.get("office", ""), str):
        fail("office", "text")
    for key, value in (settings.get("limits") or {}).items():
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            fail(f"limits.{key}", "positive")
    for key, value in (settings.get("bands") or {}).items():
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            fail(f"bands.{key}", "number")
    for key in ("department",):
        if not isinstance(settings.get(key, ""), str):
            fail(key, "text")
    if not isinstance(settings.get("year", 0), int) or isinstance(settings.get("year"), bool):
        fail("year", "year")
    for section in ("smtp", "imap"):
        port = (settings.get(section) or {}).get("port", 1)
        if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
            fail(f"{section}.port", "port")
        for key in ("tls", "folder"):
            if not isinstance((settings.get(section) or {}).get(key, ""), str):
                fail(f"{section}.{key}", "text")
    for code, contact in (settings.get("contacts") or {}).items():
        if not isinstance(contact, dict):
            fail(f"contacts.{code}", "contact")
        email = contact.get("email", "")
        if not (isinstance(email, str) or (isinstance(email, list) and all(isinstance(e, str) for e in email))):
            fail(f"contacts.{code}.email", "addresses")
        if not isinstance(contact.get("contact", ""), str):
            fail(f"contacts.{code}.contact", "text")
    for section in ("smtp", "imap"):
        for key in ("host", "user", "sender", "reply_to"):
            value = (settings.get(section) or {}).get(key, "")
            if not isinstance(value, str) or (key in ("user", "sender", "reply_to") and not value.isascii()):
                fail(f"{section}.{key}", "ascii")


MAIL_KEYS = ("host", "port", "user", "tls", "sender", "folder")  # what the page's settings may write


def _set_table_keys(lines: list[str], table: str, values: dict) -> list[str]:
    # Replace "key = ..." inside [table] (adding the table or the key where missing); keep the comments.
    header = f"[{table}]"
    if not any(line.strip() == header for line in lines):
        lines = [*lines, "", header]
    start = next(i for i, line in enumerate(lines) if line.strip() == header) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].lstrip().startswith("[")), len(lines))
    body = lines[start:end]
    for key, value in values.items():
        written = f"{key} = {value}" if isinstance(value, int) else f"{key} = {_toml_string(str(value))}"
        found = next((i for i, line in enumerate(body) if re.match(rf"\s*{key}\s*=", line)), None)
        if found is None:
            last = max((i for i, line in enumerate(body) if line.strip()), default=-1)
            body.insert(last + 1, written)
        else:
            body[found] = written
    return lines[:start] + body + lines[end:]


def _addresses(text: str) -> list[str]:
    return [part.strip().lower() for part in re.split(r"[,;\s]+", text or "") if "@" in part]


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Workspace:
    """A workspace folder and its settings."""

    root: Path
    settings: dict = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path) -> "Workspace":
        """Open an existing workspace.

        Raises:
            InputError: no ``cchc.toml`` there, or it is not valid TOML.
        """
        root = Path(root)
        file = root / SETTINGS_FILE
        if not file.is_file():
            raise InputError(say("workspace-missing", root=root, settings=SETTINGS_FILE))
        try:
            # utf-8-sig: Windows Notepad may save it with a byte-order mark, which TOML does not allow.
            settings = tomllib.loads(file.read_text(encoding="utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(labels.SETTINGS_UNREADABLE.format(file=file, reason=exc)) from exc
        _check_settings(file, settings)
        return cls(root, settings)

    @property
    def plan_path(self) -> Path:
        return self.root / self.settings.get("plan", "plan")

    def load_plan(self) -> Built:
        built = load_plan(self.plan_path)
        if self.settings.get("office"):  # the workspace's wording over the plan's (not part of plan_id)
            built.plan = dataclasses.replace(built.plan, meta={**built.plan.meta, "office": self.settings["office"]})
        return built

    def limits(self) -> dict[str, int]:
        return {**DEFAULT_LIMITS, **self.settings.get("limits", {})}

    def explain_days(self) -> int:
        """``[explain] days``: the working days a unit has to return its explanation (default 5)."""
        return int((self.settings.get("explain") or {}).get("days", EXPLAIN_DAYS))

    def bands(self) -> dict[str, float]:
        return dict(self.settings.get("bands") or DEFAULT_BANDS)

    def contact_addresses(self, plan) -> dict[str, set[str]]:
        """unit code → the addresses that may speak for it (lower case): the units table's email(s)
        and the ``[contacts]`` of cchc.toml (an address, several separated by , or ;, or a list)."""
        found: dict[str, set[str]] = {u.code: set(_addresses(u.email)) for u in plan.units}
        for code, contact in (self.settings.get("contacts") or {}).items():
            unit = next((u.code for u in plan.units if u.code.casefold() == str(code).casefold()), None)
            if unit is not None:
                email = contact.get("email", "")
                found[unit] |= set(_addresses(email if isinstance(email, str) else ",".join(email)))
        return found

    def outbox(self, period: str) -> Path:
        return self.root / "outbox" / safe_name(period)

    def reports(self, period: str) -> Path:
        return self.root / "reports" / safe_name(period)

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    @property
    def ledger_path(self) -> Path:
        return self.root / "ledger.sqlite"

    @property
    def set_aside(self) -> Path:
        """Where the Office sets aside a file of the inbox that is not a return (kept, never deleted)."""
        return self.root / "set-aside"

    def save_mail_settings(self, tables: dict[str, dict]) -> None:
        """Write the ``[smtp]``/``[imap]`` keys given (host, port, user, tls, sender, folder) into
        cchc.toml, keeping every other line and comment as it is; a password is never written.

        Args:
            tables: ``{"smtp": {"host": ..., "port": 587, ...}, "imap": {...}}``, already checked.
        """
        file = self.root / SETTINGS_FILE
        lines = file.read_text(encoding="utf-8-sig").splitlines()
        for table, values in tables.items():
            values = {k: v for k, v in values.items() if k in MAIL_KEYS}
            lines = _set_table_keys(lines, table, values)
        text = "\n".join(lines) + "\n"
        settings = tomllib.loads(text)  # what is written must read back
        _check_settings(file, settings)
        temporary = file.with_name(file.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(file)
        self.settings = settings

    def overwrites_records(self, target: Path) -> bool:
        """Whether writing ``target`` (a file, or a folder to write into) would touch what the
        workspace keeps: the ledger, its settings, the plan, the archive, the inbox or the outbox,
        or the workspace folder itself."""
        target = Path(target).resolve()
        root = self.root.resolve()
        if target == root or target == root / "cchc.toml":
            return True
        if target.parent == root and target.name.startswith(self.ledger_path.name):  # with -wal, -shm, -journal
            return True
        return any(target == folder or folder in target.parents
                   for folder in (self.archive.resolve(), self.inbox.resolve(), self.plan_path.resolve(),
                                  (root / "outbox").resolve()))


def init_workspace(root: Path, plan_source: Path | None = None) -> tuple[Workspace, Built]:
    """Create a workspace at ``root`` from the shipped plan or ``plan_source``.

    The plan is copied into ``root/plan/`` as CSV files (a master workbook is kept as it is).

    Raises:
        InputError: ``root`` already holds a workspace or other files, or the plan cannot be used.
    """
    root = Path(root)
    if (root / SETTINGS_FILE).exists():
        raise InputError(say("workspace-exists", root=root))
    if root.exists() and any(root.iterdir()):
        raise InputError(say("workspace-not-empty", root=root))
    built = load_plan(plan_source)
    if not built.plan.criteria and not built.plan.tasks:
        raise InputError(say("plan-empty"))
    root.mkdir(parents=True, exist_ok=True)
    for folder in FOLDERS:
        (root / folder).mkdir(exist_ok=True)
    plan_setting = _copy_plan(plan_source, root / "plan")
    plan = built.plan
    text = _TEMPLATE.format(
        department=_toml_string(plan.meta.get("department", "")),
        year=plan.year or 0,
        limits="\n".join(f"{k} = {v}" for k, v in DEFAULT_LIMITS.items()),
        bands="\n".join(f"{_toml_string(k)} = {v}" for k, v in DEFAULT_BANDS.items()),
    ).replace('plan = "plan"', f"plan = {_toml_string(plan_setting)}")
    (root / SETTINGS_FILE).write_text(text, encoding="utf-8")
    return Workspace.open(root), built


def _copy_plan(source: Path | None, target: Path) -> str:
    from cchc_xlsx.plan import shipped_plan_dir

    source = Path(source) if source else shipped_plan_dir()
    if source.is_dir():
        for table in TABLES:
            if (source / csv_name(table)).exists():
                shutil.copy2(source / csv_name(table), target / csv_name(table))
            else:  # a sheet of the master workbook saved as CSV under the sheet's name
                named = source / f"{labels.PLAN_SHEETS[table]}.csv"
                if named.exists():
                    shutil.copy2(named, target / named.name)
        return "plan"
    shutil.copy2(source, target / source.name)
    return f"plan/{source.name}"
