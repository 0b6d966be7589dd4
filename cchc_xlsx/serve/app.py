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

from cchc_xlsx import labels
from cchc_xlsx.collect.guard import size_text
from cchc_xlsx.collect.sources import MESSAGE_EXTENSIONS, SPREADSHEET_EXTENSIONS, is_lock_file
from cchc_xlsx.serve import actions
from cchc_xlsx.serve.jobs import Busy, Job, runner_for
from cchc_xlsx.serve.outputs import find_output, list_outputs
from cchc_xlsx.serve.page import SEVERITIES, period_view
from cchc_xlsx.workspace import Workspace
from cchc_xlsx.writeout import write_bytes_atomic

HERE = Path(__file__).resolve().parent
CSRF_FIELD = "csrf_token"
MAX_UPLOAD_FILES = 50
UPLOAD_EXTENSIONS = SPREADSHEET_EXTENSIONS + MESSAGE_EXTENSIONS
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
_UNSAFE_NAME = re.compile(r"[^\w.\- ()]+", re.UNICODE)


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
    """The page's app over ``workspace`` (see the module's docstring for what it guards)."""
    token = csrf_token or secrets.token_urlsafe(32)
    runner = runner_for(workspace.root)
    limits = workspace.limits()
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
    templates = Jinja2Templates(env=environment)

    def plan_and_period(request: Request):
        built = workspace.load_plan()
        period = request.path_params.get("period", "")
        codes = [p.code for p in built.plan.periods]
        return built.plan, (period if period in codes else None)

    def render(request: Request, name: str, context: dict, status_code: int = 200) -> Response:
        base = {"t": labels.PAGE, "csrf_field": CSRF_FIELD, "csrf": token, "action_titles": labels.PAGE_ACTIONS,
                "severity_names": labels.SEVERITY}
        return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)

    def message(request: Request, text: str, status_code: int) -> Response:
        return render(request, "message.html", {"message": text}, status_code)

    async def check_post(request: Request):
        """The form, or a refusal: a foreign Origin, no CSRF token, a body too large."""
        origin = request.headers.get("origin")
        if origin and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
            return None, message(request, labels.PAGE["csrf"], 403)
        try:
            form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=50)
        except BodyTooLarge:
            return None, message(request, _too_large_text(body_limit), 413)
        except Exception:  # a malformed multipart body, too many files or fields
            return None, message(request, labels.PAGE["bad-request"], 400)
        sent = form.get(CSRF_FIELD) or request.headers.get("x-csrf-token") or ""
        if not isinstance(sent, str) or not secrets.compare_digest(sent.encode(), token.encode()):
            await form.close()
            return None, message(request, labels.PAGE["csrf"], 403)
        return form, None

    async def home(request: Request) -> Response:
        built = workspace.load_plan()
        first = built.plan.periods[0].code if built.plan.periods else ""
        return RedirectResponse(f"/p/{first}", status_code=303)

    async def period_page(request: Request) -> Response:
        plan, period = plan_and_period(request)
        if period is None:
            return message(request, labels.PAGE["not-found"], 404)
        unit = request.query_params.get("unit", "")
        severity = request.query_params.get("severity", "")
        all_versions = request.query_params.get("all") == "1"
        view = period_view(workspace, plan, period, unit, severity, all_versions)
        return render(request, "period.html", {
            "plan": plan, "period": plan.period(period), "view": view, "unit": unit, "severity": severity,
            "all_versions": all_versions, "severities": SEVERITIES, "actions": actions.ACTIONS.values(),
            "outputs": list_outputs(workspace, period), "job": runner.latest(period),
            "upload_limit": size_text(limits["max_file_bytes"])})

    def started(request: Request, period: str, action: actions.Action, work_request: actions.ActionRequest,
                notes: list[str] = ()) -> Response:
        try:
            job = runner.start(action.name, period, action.title, lambda job: _work(job, action, work_request, notes))
        except Busy as busy:
            return message(request, labels.PAGE["busy"].format(title=busy.job.title), 409)
        if request.headers.get("hx-request"):
            return render(request, "job.html", {"job": job, "period": period})
        return RedirectResponse(f"/p/{period}#job", status_code=303)

    async def run_action(request: Request) -> Response:
        plan, period = plan_and_period(request)
        action = actions.ACTIONS.get(request.path_params["name"])
        if period is None or action is None:
            return message(request, labels.PAGE["not-found"], 404)
        form, refusal = await check_post(request)
        if refusal:
            return refusal
        password = form.get("password") if action.password else None
        work_request = actions.ActionRequest(workspace, period, password=password if isinstance(password, str) else None,
                                             send=form.get("send") == "1")
        await form.close()
        return started(request, period, action, work_request)

    async def decide(request: Request) -> Response:
        plan, period = plan_and_period(request)
        action = actions.DECISIONS.get(request.path_params["decision"])
        if period is None or action is None:
            return message(request, labels.PAGE["not-found"], 404)
        form, refusal = await check_post(request)
        if refusal:
            return refusal
        sha = str(form.get("sha256") or "")
        await form.close()
        if not re.fullmatch(r"[0-9a-f]{64}", sha):
            return message(request, labels.PAGE["not-found"], 404)
        return started(request, period, action, actions.ActionRequest(workspace, period, sha256=sha))

    async def upload(request: Request) -> Response:
        plan, period = plan_and_period(request)
        if period is None:
            return message(request, labels.PAGE["not-found"], 404)
        form, refusal = await check_post(request)
        if refusal:
            return refusal
        if runner.current is not None and runner.current.state == "running":
            await form.close()
            return message(request, labels.PAGE["busy"].format(title=runner.current.title), 409)
        saved, notes = [], []
        try:
            for upload_file in form.getlist("files"):
                if isinstance(upload_file, str):
                    continue
                path, note = await _save_upload(workspace, upload_file, limits["max_file_bytes"])
                if path is not None:
                    saved.append(path)
                notes.append(note)
        finally:
            await form.close()
        if not saved:
            return message(request, " ".join(notes) or labels.PAGE["no-files"], 400)
        return started(request, period, actions.UPLOAD, actions.ActionRequest(workspace, period, paths=saved), notes)

    async def job_status(request: Request) -> Response:
        job = runner.jobs.get(request.path_params["job"])
        if job is None:
            return message(request, labels.PAGE["not-found"], 404)
        response = render(request, "job.html", {"job": job, "period": job.period})
        if job.state != "running" and request.query_params.get("poll") == "1":
            response.headers["HX-Refresh"] = "true"  # the page shows the new states and outputs
        return response

    async def download(request: Request) -> Response:
        plan, period = plan_and_period(request)
        found = find_output(workspace, period, request.path_params["output"]) if period else None
        if found is None:
            return message(request, labels.PAGE["not-found"], 404)
        return FileResponse(found.path, filename=found.path.name)

    routes = [
        Route("/", home),
        Route("/p/{period}", period_page),
        Route("/p/{period}/action/{name}", run_action, methods=["POST"]),
        Route("/p/{period}/decide/{decision}", decide, methods=["POST"]),
        Route("/p/{period}/upload", upload, methods=["POST"]),
        Route("/p/{period}/download/{output}", download),
        Route("/job/{job}", job_status),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    body_limit = 2 * limits["max_file_bytes"] + 1024 * 1024
    app = Starlette(routes=routes, middleware=[
        Middleware(TrustedHostMiddleware, allowed_hosts=ALLOWED_HOSTS),
        Middleware(LimitBody, limit=body_limit)])
    app.state.workspace, app.state.runner, app.state.csrf = workspace, runner, token
    return app


def _work(job: Job, action: actions.Action, request: actions.ActionRequest, notes) -> None:
    for note in notes:
        job.say(note)
    action.work(job, request)


def safe_name(name: str) -> str:
    """A file name from an upload's name: its last part only, without characters a folder would take."""
    base = PurePath(name.replace("\\", "/")).name
    base = _UNSAFE_NAME.sub("_", base).strip(" .")
    return base[:120] or "tep"


async def _save_upload(workspace: Workspace, upload_file, max_bytes: int) -> tuple[Path | None, str]:
    """Save one uploaded file into inbox/ (never over another file); (its path or None, a note)."""
    name = safe_name(upload_file.filename or "")
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
