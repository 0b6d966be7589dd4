"""The ledger's ``mail_log``: every message written, and when it was sent or why it failed.

Rows are added, never deleted. A row's ``sent_at`` and ``error`` are the only columns that
change, so a re-run knows what is left to send. Of several rows for the same period, unit and
kind, the latest is the current one; earlier unsent rows are superseded and never sent.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from cchc_xlsx.store.ledger import Ledger, now_text
from cchc_xlsx.store.workspace import Workspace


@contextmanager
def opened(workspace: Workspace, ledger: Ledger | None) -> Iterator[Ledger]:
    """The caller's ledger, or the workspace's opened here and closed afterwards."""
    if ledger is not None:
        yield ledger
        return
    with Ledger(workspace.ledger_path) as own:
        yield own


def record_written(ledger: Ledger, *, period: str, unit: str, kind: str, message_id: str, file: str,
                   attachment_sha256: str, recipient: str) -> int:
    """Record a message just written; returns its row id."""
    with ledger.transaction() as db:
        cursor = db.execute(
            "INSERT INTO mail_log (period, unit, kind, message_id, file, attachment_sha256, recipient, written_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (period, unit, kind, message_id, file, attachment_sha256, recipient, now_text()))
        return cursor.lastrowid


def current(ledger: Ledger, period: str, kind: str) -> dict[str, sqlite3.Row]:
    """unit → its latest message of ``kind`` for ``period``."""
    rows = ledger.query(
        "SELECT * FROM mail_log m WHERE period = ? AND kind = ? AND id = "
        "(SELECT MAX(id) FROM mail_log n WHERE n.period = m.period AND n.unit = m.unit AND n.kind = m.kind)",
        (period, kind))
    return {row["unit"]: row for row in rows}


def unsent(ledger: Ledger, period: str, kinds: Iterable[str]) -> list[sqlite3.Row]:
    """The current messages of ``kinds`` not sent yet, in the order they were written."""
    rows = [row for kind in kinds for row in current(ledger, period, kind).values() if not row["sent_at"]]
    return sorted(rows, key=lambda row: row["id"])


def mark_sent(ledger: Ledger, row_id: int) -> None:
    """The server accepted the message."""
    with ledger.transaction() as db:
        db.execute("UPDATE mail_log SET sent_at = ?, error = NULL WHERE id = ?", (now_text(), row_id))


def mark_failed(ledger: Ledger, row_id: int, reason: str) -> None:
    """Sending failed; the message stays unsent and a re-run tries it again."""
    with ledger.transaction() as db:
        db.execute("UPDATE mail_log SET error = ? WHERE id = ?", (reason, row_id))
