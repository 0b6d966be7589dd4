"""The Office's page: a Starlette app over one workspace.

Safety, as the CLI's: it answers only as 127.0.0.1/localhost (a page elsewhere cannot rebind
a name to it), every POST carries the page's CSRF token and, from a browser, its own Origin;
request bodies and each uploaded file are size-limited and uploads go through collect's guard;
nothing in a request is ever used as a path (periods are the plan's codes, outputs are
downloaded by id); one action runs at a time per workspace.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path, PurePath

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from cchc_xlsx.core.names import is_lock_file
from cchc_xlsx.core.values import size_text
from cchc_xlsx import text as labels
from cchc_xlsx.collect.sources import MESSAGE_EXTENSIONS, SPREADSHEET_EXTENSIONS
from cchc_xlsx.serve import actions
from cchc_xlsx.serve.jobs import Busy, Job, runner_for
from cchc_xlsx.serve.outputs import find_output, list_outputs
from cchc_xlsx.serve.page import SEVERITIES, period_view
from cchc_xlsx.core.names import received_name, safe_name
from cchc_xlsx.store.workspace import Workspace
from cchc_xlsx.xlsx.writeout import write_bytes_atomic

HERE = Path(__file__).resolve().parent
CSRF_FIELD = "csrf_token"
MAX_UPLOAD_FILES = 50
UPLOAD_EXTENSIONS = SPREADSHEET_EXTENSIONS + MESSAGE_EXTENSIONS
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]


class BodyTooLarge(Exception):
    pass


class LimitBody:
    """Refuse a request body above ``limit`` bytes: by its Content-Length, else while it streams."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            response = HTMLResponse(_too_large_text(self.limit), status_code=413)
            return await response(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge()
            return message

        return await self.app(scope, limited, send)


def _too_large_text(limit: int) -> str:
    return labels.PAGE["too-large"].format(limit=size_text(limit))


def create_app(workspace: Workspace, *, csrf_token: str | None = None) -> Starlette:
    """The page's app over ``workspace`` (see the module's docstring for what it guards).

    Args:
        workspace: the workspace served.
        csrf_token: the token every form must carry (default: a new random one per app).
    """
    page = OfficePage(workspace, csrf_token or secrets.token_urlsafe(32))
    routes = [
        Route("/", page.home),
        Route("/p/{period}", page.period_page),
        Route("/p/{period}/action/{name}", page.run_action, methods=["POST"]),
        Route("/p/{period}/decide/{decision}", page.decide, methods=["POST"]),
        Route("/p/{period}/upload", page.upload, methods=["POST"]),
        Route("/p/{period}/download/{output}", page.download),
        Route("/job/{job}", page.job_status),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[
        Middleware(TrustedHostMiddleware, allowed_hosts=ALLOWED_HOSTS),
        Middleware(LimitBody, limit=page.body_limit)])
    app.state.workspace, app.state.runner, app.state.csrf = workspace, page.runner, page.token
    return app


class OfficePage:
    """The routes of the page over one workspace."""

    def __init__(self, workspace: Workspace, token: str):
        self.workspace, self.token = workspace, token
        self.runner = runner_for(workspace.root)
        self.limits = workspace.limits()
        self.body_limit = 2 * self.limits["max_file_bytes"] + 1024 * 1024
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
        self.templates = Jinja2Templates(env=environment)

    # --- helpers ------------------------------------------------------------------------

    def plan_and_period(self, request: Request):
        """The plan, and the request's period if it is one of the plan's codes (else None)."""
        plan = self.workspace.load_plan().plan
        period = request.path_params.get("period", "")
        return plan, (period if period in {p.code for p in plan.periods} else None)

    def render(self, request: Request, name: str, context: dict, status_code: int = 200) -> Response:
        base = {"t": labels.PAGE, "csrf_field": CSRF_FIELD, "csrf": self.token, "action_titles": labels.PAGE_ACTIONS,
                "severity_names": labels.SEVERITY}
        return self.templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)

    def message(self, request: Request, text: str, status_code: int) -> Response:
        return self.render(request, "message.html", {"message": text}, status_code)

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
            return None, self.message(request, _too_large_text(self.body_limit), 413)
        except Exception:  # a malformed multipart body, too many files or fields
            return None, self.message(request, labels.PAGE["bad-request"], 400)
        sent = form.get(CSRF_FIELD) or request.headers.get("x-csrf-token") or ""
        if not isinstance(sent, str) or not secrets.compare_digest(sent.encode(), self.token.encode()):
            await form.close()
            return None, self.message(request, labels.PAGE["csrf"], 403)
        return form, None

    def busy(self, request: Request, job: Job) -> Response:
        return self.message(request, labels.PAGE["busy"].format(title=job.title), 409)

    def started(self, request: Request, period: str, action: actions.Action, work: actions.ActionRequest,
                notes: list[str] = ()) -> Response:
        """Start the action (or refuse: one at a time); the job's panel, or back to the page."""
        try:
            job = self.runner.start(action.name, period, action.title, lambda job: _work(job, action, work, notes))
        except Busy as busy:
            return self.busy(request, busy.job)
        if request.headers.get("hx-request"):
            return self.render(request, "job.html", {"job": job, "period": period})
        return RedirectResponse(f"/p/{period}#job", status_code=303)

    # --- routes -------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        plan = self.workspace.load_plan().plan
        return RedirectResponse(f"/p/{plan.periods[0].code if plan.periods else ''}", status_code=303)

    async def period_page(self, request: Request) -> Response:
        plan, period = self.plan_and_period(request)
        if period is None:
            return self.not_found(request)
        query = request.query_params
        unit, severity, all_versions = query.get("unit", ""), query.get("severity", ""), query.get("all") == "1"
        view = period_view(self.workspace, plan, period, unit, severity, all_versions)
        return self.render(request, "period.html", {
            "plan": plan, "period": plan.period(period), "view": view, "unit": unit, "severity": severity,
            "all_versions": all_versions, "severities": SEVERITIES, "actions": actions.ACTIONS.values(),
            "outputs": list_outputs(self.workspace, period), "job": self.runner.latest(period),
            "upload_limit": size_text(self.limits["max_file_bytes"])})

    async def posted_action(self, request: Request, table: dict, key: str):
        """(period, action, form) of a posted stage button, or the response that refuses it."""
        _, period = self.plan_and_period(request)
        action = table.get(request.path_params[key])
        if period is None or action is None:
            return self.not_found(request)
        form, refusal = await self.checked_form(request)
        return refusal if refusal else (period, action, form)

    async def run_action(self, request: Request) -> Response:
        posted = await self.posted_action(request, actions.ACTIONS, "name")
        if isinstance(posted, Response):
            return posted
        period, action, form = posted
        password = form.get("password") if action.password else None
        work = actions.ActionRequest(self.workspace, period, password=password if isinstance(password, str) else None,
                                     send=form.get("send") == "1")
        await form.close()
        return self.started(request, period, action, work)

    async def decide(self, request: Request) -> Response:
        posted = await self.posted_action(request, actions.DECISIONS, "decision")
        if isinstance(posted, Response):
            return posted
        period, action, form = posted
        sha = str(form.get("sha256") or "")
        await form.close()
        if not re.fullmatch(r"[0-9a-f]{64}", sha):
            return self.not_found(request)
        return self.started(request, period, action, actions.ActionRequest(self.workspace, period, sha256=sha))

    async def upload(self, request: Request) -> Response:
        _, period = self.plan_and_period(request)
        if period is None:
            return self.not_found(request)
        form, refusal = await self.checked_form(request)
        if refusal:
            return refusal
        if self.runner.current is not None and self.runner.current.state == "running":
            await form.close()
            return self.busy(request, self.runner.current)
        saved, notes = [], []
        try:
            for upload_file in form.getlist("files"):
                if isinstance(upload_file, str):
                    continue
                path, note = await _save_upload(self.workspace, upload_file, self.limits["max_file_bytes"])
                saved += [path] if path is not None else []
                notes.append(note)
        finally:
            await form.close()
        if not saved:
            return self.message(request, " ".join(notes) or labels.PAGE["no-files"], 400)
        work = actions.ActionRequest(self.workspace, period, paths=saved)
        return self.started(request, period, actions.UPLOAD, work, notes)

    async def job_status(self, request: Request) -> Response:
        job = self.runner.jobs.get(request.path_params["job"])
        if job is None:
            return self.not_found(request)
        response = self.render(request, "job.html", {"job": job, "period": job.period})
        if job.state != "running" and request.query_params.get("poll") == "1":
            response.headers["HX-Refresh"] = "true"  # the page shows the new states and outputs
        return response

    async def download(self, request: Request) -> Response:
        _, period = self.plan_and_period(request)
        found = find_output(self.workspace, period, request.path_params["output"]) if period else None
        if found is None:
            return self.not_found(request)
        return FileResponse(found.path, filename=found.path.name)


def _work(job: Job, action: actions.Action, request: actions.ActionRequest, notes) -> None:
    for note in notes:
        job.say(note)
    action.work(job, request)


def upload_name(name: str) -> str:
    """A file name in inbox/ for an upload's name: its last part only, safe on Windows ("NUL.xlsx" would
    be a device there)."""
    return safe_name(received_name(name, ""), "_", fallback="tep", device_prefix="tep-")


async def _save_upload(workspace: Workspace, upload_file, max_bytes: int) -> tuple[Path | None, str]:
    """Save one uploaded file into inbox/ (never over another file); (its path or None, a note)."""
    name = upload_name(upload_file.filename or "")
    suffix = PurePath(name).suffix.lower()
    if suffix not in UPLOAD_EXTENSIONS or is_lock_file(name):
        return None, labels.PAGE["bad-type"].format(file=name)
    data = await upload_file.read(max_bytes + 1)
    if len(data) > max_bytes:
        return None, labels.PAGE["file-too-large"].format(file=name, size=f"> {size_text(max_bytes)}",
                                                          limit=size_text(max_bytes))
    inbox = workspace.inbox
    inbox.mkdir(parents=True, exist_ok=True)
    target = _free_path(inbox, name, data)
    if not target.exists():
        write_bytes_atomic(target, data)
    return target, labels.PAGE["saved"].format(file=target.name)


def _free_path(folder: Path, name: str, data: bytes) -> Path:
    # The same name with the same bytes is the same file; a different file gets "name (2).xlsx".
    stem, suffix = PurePath(name).stem, PurePath(name).suffix
    for number in range(1, 10000):
        candidate = folder / (name if number == 1 else f"{stem} ({number}){suffix}")
        if not candidate.exists() or candidate.read_bytes() == data:
            return candidate
    raise OSError(f"too many files named {name} in {folder}")
