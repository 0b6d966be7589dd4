"""The files a period's actions wrote, each known by an id: downloads name the id, never a path."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from cchc_xlsx.store.workspace import Workspace

OUTPUT_SUFFIXES = (".xlsx", ".pdf", ".eml", ".csv", ".docx", ".zip")
ID = re.compile(r"^[0-9a-f]{20}$")


@dataclass(frozen=True)
class Output:
    id: str
    path: Path
    relative: str
    size: int
    modified: str


def output_id(workspace: Workspace, path: Path) -> str:
    """A file's id: a hash of its place in the workspace, stable while the file is there."""
    relative = Path(path).resolve().relative_to(workspace.root.resolve()).as_posix()
    return hashlib.sha256(relative.encode("utf-8")).hexdigest()[:20]


def list_outputs(workspace: Workspace, period: str) -> list[Output]:
    """Every output of ``period``: its workbooks and drafts (outbox/P), its reports (reports/P)."""
    root = workspace.root.resolve()
    found = []
    for folder in (workspace.outbox(period), workspace.reports(period)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.name.startswith((".", "~$")) or path.suffix.lower() not in OUTPUT_SUFFIXES:
                continue
            resolved = path.resolve()
            if not resolved.is_relative_to(root):  # a link out of the workspace is never served
                continue
            stat = resolved.stat()
            found.append(Output(output_id(workspace, resolved), resolved, resolved.relative_to(root).as_posix(),
                                stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime).strftime("%d/%m/%Y %H:%M")))
    return found


def find_output(workspace: Workspace, period: str, output: str) -> Output | None:
    """The output with this id among the period's, or None (anything else in the request is ignored)."""
    if not ID.match(output):
        return None
    return next((o for o in list_outputs(workspace, period) if o.id == output), None)
