"""Commands on the plan: init, plan check, plan export, plan diff, plan import."""


from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from cchc_xlsx import text as labels
from cchc_xlsx.cli.console import echo, secho
from cchc_xlsx.cli.group import _resolve_plan, cli
from cchc_xlsx.cli.options import (
    open_workspace,
    plan_option,
    print_findings,
    workspace_option,
)
from cchc_xlsx.core.errors import (
    InputError,
    InputProblem,
)
from cchc_xlsx.findings.report import Report
from cchc_xlsx.plan import Built, load_plan
from cchc_xlsx.plan.check import computed_max, max_gaps
from cchc_xlsx.rules import scoring
from cchc_xlsx.store.workspace import SETTINGS_FILE, init_workspace
from cchc_xlsx.text.language import (
    echo_json,
    language,
    say,
)


@cli.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@plan_option
def init_command(directory: Path, plan_path: Path | None) -> None:
    """Create a workspace in DIRECTORY from the shipped 2022 plan, or from --plan."""
    try:
        workspace, built = init_workspace(directory, plan_path)
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc
    plan = built.plan
    echo(say("init-created", root=workspace.root))
    echo(say("init-plan", title=plan.meta.get("title", ""), department=plan.meta.get("department", ""),
                   year=plan.year))
    echo(say("init-counts", tasks=len(plan.tasks), criteria=len(plan.leaves()), units=len(plan.workbook_units())))
    report = Report(built.findings)
    if not report.valid:
        secho(say("init-plan-errors", count=len(report.errors), directory=directory), fg="red")
        print_findings(Report(report.errors))
        sys.exit(1)


@cli.group("plan")
def plan_group() -> None:
    """Check or export the plan's tables."""


@plan_group.command("check")
@workspace_option
@plan_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
def plan_check_command(workspace_dir: Path, plan_path: Path | None, as_json: bool) -> None:
    """Check the plan tables; exit 1 when there are errors."""
    built = _resolve_plan(workspace_dir, plan_path)
    report = Report(built.findings)
    summary = plan_check_summary(built)
    if as_json:
        echo_json(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    else:
        echo(say("plan-counts", tasks=summary["tasks"], criteria=summary["criteria"], total=summary["total_max"],
                       sections=summary["sections_declared"]))
        for gap in summary["max_gaps"]:
            echo(say("plan-gap", gap=gap["gap"], code=gap["code"], declared=gap["declared"],
                           computed=gap["computed"]))
        for area in summary["areas"]:
            declared = "" if area["declared_max"] is None else say("plan-declared", declared=area["declared_max"])
            echo(say("plan-area", code=area["code"], max=float(area["max"]), declared=declared, title=area["title"]))
        print_findings(report)
        echo(say("plan-summary", errors=report.count("error"), warnings=report.count("warning"),
                       infos=report.count("info")))
        if plan_path is None and (workspace_dir / SETTINGS_FILE).exists():
            _versions_section(workspace_dir, built.plan)
    if not report.valid:
        sys.exit(1)


def _versions_section(workspace_dir: Path, plan) -> None:
    # Workbooks already sent stay valid after an edit; say how far the plan moved from them.
    from cchc_xlsx.plan.versions import diff_plans, load_versions

    versions = load_versions(workspace_dir)
    others = {k: v for k, v in versions.items() if k != plan.plan_id}
    if not others:
        return
    changed = {k: len(diff_plans(v, plan)) for k, v in others.items()}
    listed = ", ".join(say("plan-version-changes", id=k, count=n) for k, n in changed.items())
    echo(say("plan-versions-other", listed=listed))


def plan_check_summary(built: Built) -> dict:
    """The JSON object of ``cchc plan check --json`` (shape in DESIGN.md)."""
    plan = built.plan
    leaves = plan.leaves()
    return {
        "plan_id": plan.plan_id,
        "title": plan.meta.get("title", ""),
        "department": plan.meta.get("department", ""),
        "year": plan.year,
        "tasks": len(plan.tasks),
        "criteria": len(leaves),
        "total_max": round(sum(scoring.leaf_max(c) for c in leaves), 9),
        "declared_total": plan.meta.get("declared_total", ""),
        # The leaves' sum against what the sections declare: each gap is a plan-sum-mismatch finding.
        "sections_declared": round(sum(s.declared_max or 0 for s in plan.children(None)), 9),
        "max_gaps": max_gaps(built),
        "corrections": [{"where": c.where, "code": c.code, "field": c.field, "printed": c.printed, "used": c.used,
                         "reason": c.reason} for c in plan.corrections],
        "areas": [{"code": a.code, "title": a.title, "max": round(computed_max(plan, a.code), 9),
                   "declared_max": a.declared_max} for a in plan.areas()],
        "index_scope": plan.index_scope,
        "area_level": plan.area_level,
        "units": [{"code": u.code, "name": u.name, "kind": u.kind, "receives_workbook": u.receives_workbook,
                   "groups": list(u.groups)} for u in plan.units],
        "periods": [{"code": p.code, "name": p.name, "cutoff": p.cutoff, "due": p.due} for p in plan.periods],
        "task_list": [{"code": t.code, "area": t.area, "number": t.number, "description": t.description,
                       "lead": list(t.lead), "coordinators": list(t.coordinators), "timeframe": t.timeframe,
                       "schedule": t.schedule, "deadline": t.deadline, "conditional": t.conditional}
                      for t in plan.tasks],
        "criterion_list": [{"code": c.code, "parent": c.parent, "title": c.title, "declared_max": c.declared_max,
                            "rule": c.rule, "max": scoring.leaf_max(c) if c.is_leaf else None,
                            "not_applicable": bool(c.not_applicable), "scorer": plan.scorer_of(c.code),
                            "scorers": list(plan.scorers_of(c.code)) if c.is_leaf else []}
                           for c in plan.criteria],
        "findings": [{"severity": f.severity, "code": f.code, "where": f.where, "message": f.message}
                     for f in built.findings],
    }


@plan_group.command("export")
@workspace_option
@plan_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The .xlsx file to write.")
def plan_export_command(workspace_dir: Path, plan_path: Path | None, output: Path) -> None:
    """Write the plan as one editable master workbook (--plan accepts it back)."""
    from cchc_xlsx.plan.export import export_plan

    if output.suffix.lower() != ".xlsx":
        raise click.UsageError(say("master-not-xlsx"))
    built = _resolve_plan(workspace_dir, plan_path)
    export_plan(built.plan, output)
    echo(say("wrote", path=output))
    if not Report(built.findings).valid:
        raise InputProblem(say("plan-export-has-errors"))


@plan_group.command("diff")
@workspace_option
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON list instead of text.")
def plan_diff_command(workspace_dir: Path, old: str | None, new: str | None, as_json: bool) -> None:
    """List what changed between two plan versions.

    OLD and NEW are plan_ids (or a unique start of one) of the versions the workspace kept
    (plan/versions/), "current", or a plan folder / master workbook. By default OLD is the
    version generated from most recently and NEW the workspace's current plan.
    """
    from cchc_xlsx.plan.versions import (
        diff_plans,
        load_versions,
        resolve_version,
        versions_dir,
    )

    workspace = open_workspace(workspace_dir)
    current = workspace.load_plan().plan
    if old is None:
        kept = sorted((p for p in versions_dir(workspace.root).glob("*/saved_at.txt")),
                      key=lambda p: p.read_text(encoding="utf-8"))
        others = [p.parent.name for p in kept if p.parent.name != current.plan_id]
        if not others:
            ids = ", ".join(load_versions(workspace.root)) or "none"
            echo(say("plan-diff-none", ids=ids))
            return
        old = others[-1]

    def pick(name: str | None):
        if name and Path(name).exists():
            return load_plan(Path(name), check=False).plan
        found = resolve_version(workspace.root, name, current)
        if found is None:
            ids = ", ".join(load_versions(workspace.root)) or "none"
            raise click.UsageError(say("unknown-version", name=name, ids=ids))
        return found

    before, after = pick(old), pick(new)
    changes = diff_plans(before, after)
    if as_json:
        echo_json(json.dumps({"old": before.plan_id, "new": after.plan_id,
                              "changes": [{"table": c.table, "code": c.code, "kind": c.kind,
                                           "fields": [{"field": f, "old": o, "new": n} for f, o, n in c.fields]}
                                          for c in changes]}, ensure_ascii=False, indent=2))
        return
    echo(say("plan-diff-head", old=before.plan_id, new=after.plan_id, count=len(changes)))
    for change in changes:
        detail = f"  {change.describe()}" if change.fields else ""
        words = labels.PLAN_DIFF_WORDS[language()]
        echo(say("plan-diff-row", kind=f"{words.get(change.kind, change.kind):<8}",
                 table=f"{words.get(change.table, change.table):<9}",
                 code=change.code, detail=detail))



@plan_group.command("import")
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The master workbook (.xlsx) to write.")
@click.option("--units", "units_from", type=click.Path(exists=True, path_type=Path), default=None,
              help="A plan (folder or master workbook) whose unit table names the units; default: the shipped plan.")
def plan_import_command(document: Path, output: Path, units_from: Path | None) -> None:
    """Read the plan from the agency's Word document (.docx; .doc/.odt through LibreOffice)
    into the master workbook, with a sheet listing every reading to review."""
    from cchc_xlsx.app.plan_import import import_plan

    if output.suffix.lower() != ".xlsx":
        raise click.UsageError(say("master-not-xlsx"))
    try:
        result = import_plan(document, output, units_from)
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc
    plan = result.built.plan
    echo(say("import-read", file=result.document, tasks=len(plan.tasks), criteria=len(plan.leaves()),
             levels=sum(len(c.levels) for c in plan.criteria), periods=len(plan.periods),
             units=len(plan.workbook_units()), new=len(result.new_units)))
    echo(say("wrote", path=output))
    echo(say("import-review", count=len(result.review), sheet=labels.REVIEW_SHEET, path=output.name))
    if result.known_corrections:
        echo(say("import-corrections", count=result.known_corrections, sheet=labels.REVIEW_SHEET))
    report = Report(result.built.findings)
    print_findings(Report([f for f in report.findings if f.severity != "info"]))
    if not report.valid:
        secho(say("import-has-errors", count=len(report.errors)), fg="red")
        sys.exit(1)
