"""The Office's page: a Starlette app over one workspace.

Safety, as the CLI's: it answers only as 127.0.0.1/localhost (a page elsewhere cannot rebind
a name to it), no other page may frame it, every POST carries the page's CSRF token and, from a
browser, its own Origin; an upload has one size limit and is streamed to disk, then goes through
collect's guard; nothing in a request is ever used as a path (periods are the plan's codes,
outputs and inbox files are named by id); one action runs at a time per workspace. Reading the
ledger for a page runs in a worker thread, so a slow page never holds up another request.
"""

from __future__ import annotations

import html
import re
import secrets
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from cchc_xlsx import text as labels
from cchc_xlsx.serve import actions, steps, uploads
from cchc_xlsx.serve.guards import RETARGET, BodyTooLarge, LimitBody, SecurityHeaders
from cchc_xlsx.serve.jobs import Busy, Job, runner_for
from cchc_xlsx.serve.outputs import find_output, list_outputs
from cchc_xlsx.serve.page import SEVERITIES, period_view
from cchc_xlsx.serve.settings import mail_form, read_mail_form
from cchc_xlsx.serve.uploads import upload_name  # noqa: F401  (the tests' and older callers' name)
from cchc_xlsx.store.workspace import Workspace

HERE = Path(__file__).resolve().parent
CSRF_FIELD = "csrf_token"
MAX_UPLOAD_FILES = 50
INBOX_SHOWN = 100
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]


def create_app(workspace: Workspace, *, csrf_token: str | None = None) -> Starlette:
    """The page's app over ``workspace`` (see the module's docstring for what it guards).

    Args:
        workspace: the workspace served.
        csrf_token: the token every form must carry (default: a new random one per app).
    """
    page = OfficePage(workspace, csrf_token or secrets.token_urlsafe(32))
    routes = [
        Route("/", page.home),
        Route("/settings", page.settings, methods=["GET", "POST"]),
        Route("/p/{period}", page.period_page),
        Route("/p/{period}/action/{name}", page.run_action, methods=["POST"]),
        Route("/p/{period}/confirm/{name}", page.confirm),
        Route("/p/{period}/decide/{decision}", page.decide, methods=["POST"]),
        Route("/p/{period}/upload", page.upload, methods=["POST"]),
        Route("/p/{period}/set-aside", page.set_aside, methods=["POST"]),
        Route("/p/{period}/download/{output}", page.download),
        Route("/job/{job}", page.job_status),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[
        Middleware(SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=ALLOWED_HOSTS),
        Middleware(LimitBody, limit=page.limit)])
    app.state.workspace, app.state.runner, app.state.csrf = workspace, page.runner, page.token
    return app


class OfficePage:
    """The routes of the page over one workspace."""

    def __init__(self, workspace: Workspace, token: str):
        self.workspace, self.token = workspace, token
        self.runner = runner_for(workspace.root)
        self.limit = uploads.upload_limit(workspace)
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
        environment.filters["clerk"] = clerk_words
        self.templates = Jinja2Templates(env=environment)

    # --- helpers ------------------------------------------------------------------------

    def plan(self):
        return self.workspace.load_plan().plan

    async def plan_and_period(self, request: Request):
        """The plan, and the request's period if it is one of the plan's codes (else None). The plan
        is read in a worker thread, as every file read of the page."""
        plan = await run_in_threadpool(self.plan)
        period = request.path_params.get("period", "")
        return plan, (period if period in {p.code for p in plan.periods} else None)

    def render(self, request: Request, name: str, context: dict, status_code: int = 200,
               headers: dict | None = None) -> Response:
        base = {"t": labels.PAGE, "csrf_field": CSRF_FIELD, "csrf": self.token, "action_titles": labels.PAGE_ACTIONS,
                "severity_names": labels.SEVERITY, "limit": self.limit,
                "accept": ",".join(uploads.UPLOAD_EXTENSIONS)}
        return self.templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code,
                                               headers=headers)

    def message(self, request: Request, text: str, status_code: int) -> Response:
        """A refusal or a note: into the page's message area (htmx), or a small page of its own."""
        return self.render(request, "message.html", {"message": text}, status_code, headers=RETARGET)

    def not_found(self, request: Request) -> Response:
        return self.message(request, labels.PAGE["not-found"], 404)

    async def checked_form(self, request: Request):
        """(the form, None), or (None, a refusal): a foreign Origin, no CSRF token, a body too large."""
        origin = request.headers.get("origin")
        if origin and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
            return None, self.message(request, labels.PAGE["csrf"], 403)
        try:
            form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=50)
        except BodyTooLarge:
            return None, self.message(request, self.limit.refusal, 413)
        except Exception:  # a malformed multipart body, too many files or fields
            return None, self.message(request, labels.PAGE["bad-request"], 400)
        sent = form.get(CSRF_FIELD) or request.headers.get("x-csrf-token") or ""
        if not isinstance(sent, str) or not secrets.compare_digest(sent.encode(), self.token.encode()):
            await form.close()
            return None, self.message(request, labels.PAGE["csrf"], 403)
        return form, None

    def busy(self, request: Request, job: Job) -> Response:
        return self.message(request, labels.PAGE["busy"].format(title=job.title), 409)

    def started(self, request: Request, period: str, name: str, title: str, work, notes: list[str] = ()) -> Response:
        """Start the action (or refuse: one at a time); the job's panel, or back to the page."""
        def run(job: Job) -> None:
            for note in notes:
                job.say(note)
            work(job)
        try:
            job = self.runner.start(name, period, title, run)
        except Busy as busy:
            return self.busy(request, busy.job)
        if request.headers.get("hx-request"):
            return self.render(request, "job.html", {"job": job, "period": period})
        return RedirectResponse(f"/p/{period}#job", status_code=303)

    # --- pages ---------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        plan = await run_in_threadpool(self.plan)
        return RedirectResponse(f"/p/{plan.periods[0].code if plan.periods else ''}", status_code=303)

    async def period_page(self, request: Request) -> Response:
        context = await run_in_threadpool(self._period_context, request)
        if context is None:
            return self.not_found(request)
        return self.render(request, "period.html", context)

    def _period_context(self, request: Request) -> dict | None:
        # Ledger reads and folder walks: in a worker thread (period_page), never on the event loop.
        built = self.workspace.load_plan()
        plan, period = built.plan, request.path_params.get("period", "")
        if period not in {p.code for p in plan.periods}:
            return None
        query = request.query_params
        unit, severity, all_versions = query.get("unit", ""), query.get("severity", ""), query.get("all") == "1"
        view = period_view(self.workspace, plan, period, unit, severity, all_versions)
        progress = steps.progress_of(self.workspace, built, period, view.units, len(view.held))
        step_list, other_files, suggested = steps.step_views(period, list_outputs(self.workspace, period), progress)
        inbox = uploads.inbox_files(self.workspace)
        return {"plan": plan, "period": plan.period(period), "view": view, "unit": unit, "severity": severity,
                "all_versions": all_versions, "severities": SEVERITIES, "steps": step_list, "outputs": other_files,
                "suggested": suggested, "job": self.runner.latest(period), "interrupted": self.runner.interrupted,
                "inbox": inbox[:INBOX_SHOWN], "inbox_more": max(len(inbox) - INBOX_SHOWN, 0),
                "set_aside_folder": self.workspace.set_aside.name, "after": query.get("after", "")}

    async def confirm(self, request: Request) -> Response:
        """Before anything is sent by mail: whom it goes to, the password box, and the button."""
        _, period = await self.plan_and_period(request)
        row = steps.ACTIONS.get(request.path_params["name"])
        if period is None or row is None or not row.confirm:
            return self.not_found(request)
        drafts, server = await run_in_threadpool(_unsent, self.workspace, period, row.name)
        return self.render(request, "confirm.html", {"period": period, "row": row, "drafts": drafts,
                                                     "server": server, "needs_password": bool(server and server.user),
                                                     "mail_title": labels.PAGE_ACTIONS["mail" if row.name == "send"
                                                                                       else "remind"]})

    async def settings(self, request: Request) -> Response:
        plan = await run_in_threadpool(self.plan)
        context = {"plan": plan, "mail": mail_form(self.workspace.settings), "saved": False, "problems": []}
        if request.method == "POST":
            form, refusal = await self.checked_form(request)
            if refusal:
                return refusal
            tables, problems = read_mail_form(form)
            await form.close()
            if problems:
                context.update(problems=problems, status_code=400)
            else:
                await run_in_threadpool(self.workspace.save_mail_settings, tables)
                context.update(mail=mail_form(self.workspace.settings), saved=True)
        status = context.pop("status_code", 200)
        return self.render(request, "settings.html", context, status)

    # --- actions -------------------------------------------------------------------------

    async def posted_form(self, request: Request):
        """(period, form) of a form posted on a period's page, or the response that refuses it."""
        _, period = await self.plan_and_period(request)
        if period is None:
            return self.not_found(request)
        form, refusal = await self.checked_form(request)
        return refusal if refusal else (period, form)

    async def posted_action(self, request: Request, table: dict, key: str):
        """(period, action, form) of a posted button, or the response that refuses it."""
        action = table.get(request.path_params[key])
        if action is None:
            return self.not_found(request)
        posted = await self.posted_form(request)
        return posted if isinstance(posted, Response) else (posted[0], action, posted[1])

    async def run_action(self, request: Request) -> Response:
        posted = await self.posted_action(request, steps.ACTIONS, "name")
        if isinstance(posted, Response):
            return posted
        period, row, form = posted
        password = form.get("password") if row.password else None
        work = actions.ActionRequest(self.workspace, period, password=password if isinstance(password, str) else None,
                                     confirmed=form.get("confirmed") == "1")
        notes = []
        if row.upload:
            refused = await self._take_file(form, work, notes)
            if refused is not None:
                return self.message(request, refused, 400)
        await form.close()
        return self.started(request, period, row.name, row.title, lambda job: row.work(job, work), notes)

    async def _take_file(self, form, work: actions.ActionRequest, notes: list[str]) -> str | None:
        # The appraisal: one .xlsx, kept beside the period's reports (an upload, like any other).
        upload = form.get("file")
        if upload is None or isinstance(upload, str) or not upload.filename:
            await form.close()
            return labels.PAGE["no-files"]
        folder = self.workspace.reports(work.period) / "appraisal"
        path, note = await run_in_threadpool(uploads.save_stream, upload.file, folder, upload.filename,
                                             self.limit.bytes)
        await form.close()
        if path is None:
            return note
        work.paths = [path]
        return None

    async def decide(self, request: Request) -> Response:
        posted = await self.posted_action(request, actions.DECISIONS, "decision")
        if isinstance(posted, Response):
            return posted
        period, action, form = posted
        sha = str(form.get("sha256") or "")
        await form.close()
        if not re.fullmatch(r"[0-9a-f]{64}", sha):
            return self.not_found(request)
        work = actions.ActionRequest(self.workspace, period, sha256=sha)
        return self.started(request, period, action.name, action.title, lambda job: action.work(job, work))

    async def upload(self, request: Request) -> Response:
        posted = await self.posted_form(request)
        if isinstance(posted, Response):
            return posted
        period, form = posted
        if self.runner.current is not None and self.runner.current.state == "running":
            await form.close()
            return self.busy(request, self.runner.current)
        saved, notes = [], []
        try:
            for upload_file in form.getlist("files"):
                if isinstance(upload_file, str) or not upload_file.filename:
                    continue
                refused = uploads.refusal(upload_file.filename)
                if refused:
                    notes.append(refused)
                    continue
                path, note = await run_in_threadpool(uploads.save_stream, upload_file.file, self.workspace.inbox,
                                                     upload_file.filename, self.limit.bytes)
                saved += [path] if path is not None else []
                notes.append(note)
        finally:
            await form.close()
        if not saved:
            return self.message(request, " ".join(notes) or labels.PAGE["no-files"], 400)
        work = actions.ActionRequest(self.workspace, period, paths=saved)
        return self.started(request, period, "upload", labels.PAGE_ACTIONS["upload"],
                            lambda job: actions.upload(job, work), notes)

    async def set_aside(self, request: Request) -> Response:
        """Move a junk file out of inbox/ into the set-aside folder (kept, never deleted)."""
        posted = await self.posted_form(request)
        if isinstance(posted, Response):
            return posted
        period, form = posted
        file_id = str(form.get("file") or "")
        await form.close()
        if self.runner.current is not None and self.runner.current.state == "running":
            return self.busy(request, self.runner.current)
        moved = await run_in_threadpool(uploads.set_aside, self.workspace, file_id) if re.fullmatch(
            r"[0-9a-f]{20}", file_id) else None
        if moved is None:
            return self.message(request, labels.PAGE["set-aside-missing"], 404)
        text = labels.PAGE["set-aside-done"].format(file=moved[0].name, folder=moved[1].parent.name)
        if request.headers.get("hx-request"):  # the file's row says where it went
            return HTMLResponse(f'<tr><td colspan="2" class="ok" role="status">{html.escape(text)}</td></tr>')
        return RedirectResponse(f"/p/{period}#step-collect", status_code=303)

    async def job_status(self, request: Request) -> Response:
        job = self.runner.jobs.get(request.path_params["job"])
        if job is None and request.query_params.get("poll") == "1":
            # a page still polling an action of a server since stopped: load the page again, which
            # says the action was interrupted (a 404 every second would say nothing useful)
            return Response(status_code=200, headers={"HX-Refresh": "true"})
        if job is None:
            return self.not_found(request)
        response = self.render(request, "job.html", {"job": job, "period": job.period})
        if job.state != "running" and request.query_params.get("poll") == "1":
            # the page again with the new states and files, focus on what comes next (page.js)
            # (no #fragment: the browser's scroll to it would take the focus page.js puts on the next button)
            response.headers["HX-Redirect"] = f"/p/{job.period}?after={job.action}&job={job.id}"
        return response

    async def download(self, request: Request) -> Response:
        _, period = await self.plan_and_period(request)
        found = await run_in_threadpool(find_output, self.workspace, period, request.path_params["output"]) \
            if period else None
        if found is None:
            return self.not_found(request)
        return FileResponse(found.path, filename=found.path.name)


def _unsent(workspace: Workspace, period: str, name: str):
    # The drafts a send would send, and the server it would use (None when the settings are wrong).
    from cchc_xlsx.mail import log
    from cchc_xlsx.mail.common import MailError, server_settings
    from cchc_xlsx.store.ledger import Ledger

    kind = "workbook" if name == "send" else "reminder"
    try:
        server = server_settings(workspace.settings, "smtp")
    except MailError:
        server = None
    if not workspace.ledger_path.exists():
        return [], server
    with Ledger(workspace.ledger_path) as ledger:
        return [dict(row) for row in log.unsent(ledger, period, (kind,))], server


_REWRITES = [(re.compile(pattern), replacement) for pattern, replacement in labels.PAGE_REWRITES]


def clerk_words(line: str) -> str:
    """A stage's line as the page says it: no command to type, no exception's name."""
    text = str(line)
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return text
