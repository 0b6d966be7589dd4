"""The Office's decision on a held return (``cchc accept``), and the list of those waiting."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from cchc_xlsx.core.errors import InputError
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.store.workspace import Workspace


class SubmissionNotFound(InputError):
    """No submission of the period matches, or several do; ``candidates`` lists what might be meant."""

    def __init__(self, message: str, candidates: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


@dataclass
class Decision:
    """What ``accept_submission`` recorded."""

    submission_id: int
    sha256: str
    file_name: str
    unit: str | None
    decision: str                 # "accepted" or "rejected"
    previous: str | None = None   # an earlier decision on the same submission, if any
    held: bool = True             # False: it was never held (nothing recorded)
    period: str = ""              # the period it is recorded for (its _meta's, when that is another)


def accept_submission(workspace: Workspace, period: str, file_or_hash: str, reject: bool = False,
                      by: str = "") -> Decision:
    """Record the Office's decision on a return held because of its sender (``cchc accept``).

    An accepted return is merged from then on, as if trusted when received (later received still
    wins); a rejected one stays archived and recorded but is never merged. Decisions are added,
    never overwritten: deciding again records a newer decision.

    Args:
        workspace: the workspace.
        period: the period of the submission.
        file_or_hash: a path to the file as received (or to the .eml/.mbox it came in), its
            SHA-256 (or its first 6+ hex digits), or its file name as recorded.
        reject: reject instead of accept.
        by: who decided (default: the logged-in user).

    Raises:
        SubmissionNotFound: nothing, or more than one submission, matches.
    """
    with Ledger(workspace.ledger_path) as ledger:
        row = _find_submission(ledger, period, file_or_hash)
        if row["other_period"]:  # a workbook of another period, recorded there: the decision is about that copy
            row = ledger.find(row["sha256"], row["other_period"]) or row
        decision = "rejected" if reject else "accepted"
        if row["hold"] is None:
            return Decision(row["id"], row["sha256"], row["file_name"], row["unit"], decision, held=False,
                            period=row["period"])
        previous = ledger.decision(row["id"])
        ledger.decide(row["id"], decision, by or _user())
        return Decision(row["id"], row["sha256"], row["file_name"], row["unit"], decision, previous,
                        period=row["period"])


def held_submissions(workspace: Workspace, period: str) -> list[dict[str, Any]]:
    """The period's returns waiting for the Office: id, sha256, file_name, unit, sender, received_at."""
    with Ledger(workspace.ledger_path) as ledger:
        return [{k: row[k] for k in ("id", "sha256", "file_name", "unit", "sender", "received_at", "claimed_at")}
                for row in ledger.held(period)]


def _find_submission(ledger: Ledger, period: str, what: str):
    path = Path(what)
    rows = []
    if path.is_file():
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        rows = ledger.query("SELECT * FROM submissions WHERE period = ? AND sha256 = ?", (period, sha))
    elif 6 <= len(what) <= 64 and all(c in "0123456789abcdefABCDEF" for c in what):
        rows = ledger.query("SELECT * FROM submissions WHERE period = ? AND sha256 LIKE ?",
                            (period, what.lower() + "%"))
    if not rows:  # the message it came in (inbox/thu.eml), or its name as recorded
        every = ledger.query("SELECT * FROM submissions WHERE period = ?", (period,))
        places = {what, str(path.resolve()) if path.exists() else what}
        rows = [r for r in every if any(r["source"] == p or r["source"].startswith((p + "/", p + "#"))
                                        for p in places)]
        name = PurePath(what).name.casefold()
        rows = rows or [r for r in every if r["file_name"].casefold() == name]
    if len(rows) > 1:  # the same name sent twice: the one still waiting is meant
        waiting = {r["id"] for r in ledger.held(period)}
        rows = [r for r in rows if r["id"] in waiting] or rows
    if len(rows) == 1:
        return rows[0]
    from cchc_xlsx import text as labels

    listed = lambda found: ", ".join(f"{r['file_name']} ({r['unit'] or '-'}, {r['sha256'][:12]})"
                                     for r in found)
    if rows:
        raise SubmissionNotFound(labels.CONSOLE["ambiguous"].format(what=what, period=period, matches=listed(rows)),
                                 [dict(r) for r in rows])
    held = ledger.held(period)
    raise SubmissionNotFound(labels.CONSOLE["not-found"].format(
        what=what, period=period, held=listed(held) or labels.CONSOLE["none-held"]), [dict(r) for r in held])


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a service account)
        return ""
