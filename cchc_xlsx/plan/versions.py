"""Plan versions: every plan a workspace generated workbooks from, kept by its ``plan_id``.

A workbook sent out carries the ``plan_id`` of the plan it was made from. When the plan is
edited later (a deadline moved, a commune added), the returned workbook is read against its own
version and matched row by row (by ``Mã``) to the current plan, so an edit elsewhere never
orphans what units already filled. Versions are written once and never deleted.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from cchc_xlsx import text as labels
from cchc_xlsx.core.model import Criterion, Plan, Task

VERSIONS_FOLDER = Path("plan") / "versions"
VERSION_FILE = "plan.xlsx"


def versions_dir(workspace_root: Path) -> Path:
    return Path(workspace_root) / VERSIONS_FOLDER


def save_version(workspace_root: Path, plan: Plan) -> Path:
    """Keep ``plan`` as ``plan/versions/<plan_id>/plan.xlsx`` unless that version is already kept.

    Returns:
        The version's folder.
    """
    from cchc_xlsx.plan.export import export_plan

    target = versions_dir(workspace_root) / plan.plan_id
    if (target / VERSION_FILE).is_file():
        return target  # never overwritten
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{plan.plan_id}.", dir=target.parent))
    try:
        export_plan(plan, partial / VERSION_FILE)
        (partial / "saved_at.txt").write_text(dt.datetime.now().isoformat(timespec="seconds") + "\n",
                                              encoding="utf-8")
        try:
            os.replace(partial, target)
        except OSError:  # another run kept it meanwhile
            pass
    finally:
        if partial.exists():
            shutil.rmtree(partial, ignore_errors=True)
    return target


def load_versions(workspace_root: Path) -> dict[str, Plan]:
    """Every kept version by the ``plan_id`` it was saved under (what the workbooks carry)."""
    from cchc_xlsx.plan import load_plan

    found: dict[str, Plan] = {}
    folder = versions_dir(workspace_root)
    if not folder.is_dir():
        return found
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or not (child / VERSION_FILE).is_file():
            continue
        built = load_plan(child / VERSION_FILE, check=False)
        if built.plan.tasks or built.plan.criteria:
            found[child.name] = built.plan
    return found


def resolve_version(workspace_root: Path, name: str | None, current: Plan) -> Plan | None:
    """A version by its id (or a unique prefix of it); ``None``/"current" gives ``current``."""
    if name in (None, "", "current", current.plan_id):
        return current
    versions = load_versions(workspace_root)
    matches = [v for k, v in versions.items() if k.startswith(name)]
    return matches[0] if len(matches) == 1 else None


# --- what changed between two versions ------------------------------------------------------

_TASK_IGNORED = ("note", "source")
_CRITERION_IGNORED = ("source",)
# Fields whose change alters how an answer scores (the rest only change what is shown).
SCORING_FIELDS = ("rule", "rule_points", "rule_threshold", "declared_max", "levels", "not_applicable")


@dataclass
class Change:
    """One row that differs: its table (tasks or criteria), code, kind and the fields changed."""

    table: str
    code: str
    kind: str  # "changed", "removed", "added"
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)

    @property
    def rescored(self) -> bool:
        return self.table == "criteria" and any(f in SCORING_FIELDS for f, _, _ in self.fields)

    def describe(self) -> str:
        """The changed fields in words: "Thời hạn: 30/06/2022 → 31/07/2022"."""
        return "; ".join(f"{labels.PLAN_HEADERS.get(f, f)}: {old or '—'} → {new or '—'}" for f, old, new in self.fields)


def _show(value) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (list, tuple)):
        return " | ".join(_show(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_show(v)}" for k, v in value.items() if v not in (None, "", ()))
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return "" if value is None else str(value)


def _fields(old: dict, new: dict, ignored: tuple[str, ...]) -> list[tuple[str, str, str]]:
    changed = []
    for key in old:
        if key in ignored or old[key] == new.get(key):
            continue
        if key == "levels":
            strip = lambda levels: [{k: v for k, v in lv.items() if k != "source"} for lv in levels]  # noqa: E731
            if strip(old[key]) == strip(new.get(key, [])):
                continue
            changed.append((key, _levels_text(old[key]), _levels_text(new.get(key, []))))
            continue
        changed.append((key, _show(old[key]), _show(new.get(key))))
    return changed


def _levels_text(levels: list[dict]) -> str:
    return "; ".join(f"{lv['order']}: {_show(lv['points'])}" for lv in levels)


def task_change(old: Task, new: Task) -> Change | None:
    fields = _fields(asdict(old), asdict(new), _TASK_IGNORED)
    return Change("tasks", new.code, "changed", fields) if fields else None


def criterion_change(old: Criterion, new: Criterion) -> Change | None:
    fields = _fields(asdict(old), asdict(new), _CRITERION_IGNORED)
    return Change("criteria", new.code, "changed", fields) if fields else None


def diff_plans(old: Plan, new: Plan) -> list[Change]:
    """Tasks and criteria added, removed or changed from ``old`` to ``new``, in document order."""
    changes: list[Change] = []
    for table, old_rows, new_rows, compare in (
            ("tasks", old.tasks, new.tasks, task_change),
            ("criteria", old.criteria, new.criteria, criterion_change)):
        before = {r.code: r for r in old_rows}
        after = {r.code: r for r in new_rows}
        for code, row in after.items():
            if code not in before:
                changes.append(Change(table, code, "added"))
            else:
                change = compare(before[code], row)
                if change:
                    changes.append(change)
        changes.extend(Change(table, code, "removed") for code in before if code not in after)
    for table, old_rows, new_rows in (("units", old.units, new.units), ("periods", old.periods, new.periods)):
        before, after = {r.code: r for r in old_rows}, {r.code: r for r in new_rows}
        changes.extend(Change(table, c, "added") for c in after if c not in before)
        changes.extend(Change(table, c, "removed") for c in before if c not in after)
        for code in before.keys() & after.keys():
            fields = _fields(asdict(before[code]), asdict(after[code]), ("source", "email", "contact", "aliases"))
            if fields:
                changes.append(Change(table, code, "changed", fields))
    return changes
