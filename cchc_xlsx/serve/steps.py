"""The period in order, as the page leads the clerk through it: one table, a stage per row.

Each row names its step, its button's label, the stage function it runs (serve/actions.py,
each calling the same function as its ``cchc`` command), the files it writes (patterns under
the workspace, ``{p}`` the period) and how the page tells it is done. A new stage is one row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatch

from cchc_xlsx import text as labels
from cchc_xlsx.serve import actions
from cchc_xlsx.serve.outputs import Output

STEPS = tuple(labels.PAGE_STEPS)  # prepare, collect, correct, score, appraise, send-up


@dataclass(frozen=True)
class Row:
    """One stage's button."""

    step: str
    name: str
    work: Callable[[actions.Job, actions.ActionRequest], None]
    outputs: tuple[str, ...] = ()     # what it writes, relative to the workspace ("{p}": the period)
    done: str = "outputs"             # how the page knows it ran: "outputs", or a fact of Progress
    password: str = ""                # "smtp" or "imap": the form asks for that password (never kept)
    confirm: bool = False             # sends mail: a confirmation page first
    upload: bool = False              # the form carries one file (the appraisal)
    optional: bool = False            # never the step the page suggests next

    @property
    def title(self) -> str:
        return labels.PAGE_ACTIONS[self.name]

    def owns(self, relative: str, period: str) -> bool:
        return any(fnmatch(relative, pattern.format(p=period)) for pattern in self.outputs)


ROWS = (
    Row("prepare", "plan", actions.plan_check, done="plan"),
    Row("prepare", "generate", actions.generate, ("outbox/{p}/*.xlsx", "outbox/{p}/*.csv")),
    Row("prepare", "mail", actions.mail, ("outbox/{p}/mail/*.eml",), done="mail"),
    Row("prepare", "send", actions.send, done="sent", password="smtp", confirm=True, optional=True),
    Row("collect", "collect", actions.collect_inbox, ("reports/{p}/validation.xlsx",), done="collect"),
    Row("collect", "imap", actions.collect_imap, password="imap", optional=True),
    Row("collect", "remind", actions.remind, optional=True),
    Row("collect", "send-remind", actions.send_remind, password="smtp", confirm=True, optional=True),
    Row("correct", "feedback", actions.feedback, ("reports/{p}/feedback/*",)),
    Row("score", "scorecard", actions.scorecard, ("reports/{p}/scorecard.xlsx",)),
    Row("appraise", "appraisal", actions.appraisal, done="appraisal", upload=True),
    Row("appraise", "explain", actions.explain, ("outbox/{p}/explain/*",)),
    Row("send-up", "dossier", actions.dossier, ("reports/{p}/dossier/*", "reports/{p}/dossier*.zip")),
    Row("send-up", "report", actions.periodic_report, ("reports/{p}/*.docx",)),
    Row("send-up", "print", actions.print_pdf, ("reports/{p}/scorecard.pdf",)),
    Row("send-up", "evidence", actions.evidence, ("reports/{p}/evidence-pack/*",),
        optional=True),
)
ACTIONS = {row.name: row for row in ROWS}


@dataclass
class Progress:
    """What the period has done so far, read once per page."""

    plan_ok: bool = False
    units: int = 0
    returned: int = 0
    held: int = 0
    drafts: int = 0
    sent: int = 0
    appraised: int = 0
    feedback: int = 0


@dataclass
class StepView:
    key: str
    title: str
    help: str
    rows: list[dict] = field(default_factory=list)    # {row, done: str | None}
    files: list[Output] = field(default_factory=list)
    done: list[str] = field(default_factory=list)


def step_views(period: str, outputs: list[Output], progress: Progress) -> tuple[list[StepView], list[Output], str]:
    """(each step with its buttons, what they did and their files; the files no row owns; the
    name of the action the page suggests next, "" when every step is done)."""
    views = {key: StepView(key, *labels.PAGE_STEPS[key]) for key in STEPS}
    owned: set[str] = set()
    dones = []
    for row in ROWS:
        files = [o for o in outputs if row.owns(o.relative, period)]
        owned |= {o.id for o in files}
        done = _done(row, files, progress)
        dones.append(done)
        view = views[row.step]
        view.rows.append({"row": row, "done": done})
        view.files += [f for f in files if f not in view.files]
        if done:
            view.done.append(done)
    return list(views.values()), [o for o in outputs if o.id not in owned], _next(dones)


def _next(dones: list[str | None]) -> str:
    # What comes next: the first stage still to do after the furthest one done (a stage skipped
    # earlier, such as mail when the returns came anyway, does not hold the period back), else the
    # first one still to do.
    furthest = max((i for i, done in enumerate(dones) if done), default=-1)
    waiting = [i for i, done in enumerate(dones) if not done and not ROWS[i].optional]
    later = [i for i in waiting if i > furthest]
    chosen = later or waiting
    return ROWS[chosen[0]].name if chosen else ""


def _done(row: Row, files: list[Output], progress: Progress) -> str | None:
    page = labels.PAGE
    if row.done == "plan":
        return page["done-plan"] if progress.plan_ok else None
    if row.done == "collect":
        return page["done-collect"].format(returned=progress.returned, total=progress.units) if progress.returned \
            else None
    if row.done == "mail":
        return page["done-mail"].format(count=progress.drafts) if progress.drafts else None
    if row.done == "sent":
        return page["done-send"].format(count=progress.sent) if progress.sent else None
    if row.done == "appraisal":
        return page["done-appraisal"].format(count=progress.appraised) if progress.appraised else None
    if not files:
        return None
    if row.name == "generate":
        count = sum(1 for f in files if f.path.suffix == ".xlsx")
        return page["done-generate"].format(count=count, total=progress.units)
    if row.name == "feedback":
        return page["done-feedback"].format(count=sum(1 for f in files if f.path.suffix == ".xlsx"))
    if row.name == "explain":
        return page["done-explain"].format(count=sum(1 for f in files if f.path.suffix == ".xlsx"))
    return page["done-file"].format(file=files[0].path.name)


def progress_of(workspace, built, period: str, units: list[dict], held: int) -> Progress:
    """The facts the steps' "done" lines need: two small ledger queries beside the units' table.

    Args:
        workspace: the workspace; built: its plan as loaded (with its findings); period: the code;
        units: the units' rows of the page; held: how many returns wait for the Office.
    """
    from cchc_xlsx.findings.report import Report
    from cchc_xlsx.store.ledger import Ledger

    progress = Progress(plan_ok=Report(built.findings).valid, units=len(units), held=held,
                        returned=sum(1 for u in units if u["state"] not in ("missing",)))
    if workspace.ledger_path.exists():
        with Ledger(workspace.ledger_path) as ledger:
            row = ledger.query("SELECT COUNT(*) AS drafts, COUNT(sent_at) AS sent FROM mail_log "
                               "WHERE period = ? AND kind = 'workbook'", (period,))[0]
            progress.drafts, progress.sent = row["drafts"], row["sent"]
            progress.appraised = ledger.query("SELECT COUNT(*) AS n FROM appraisals WHERE period = ?",
                                              (period,))[0]["n"]
    return progress
