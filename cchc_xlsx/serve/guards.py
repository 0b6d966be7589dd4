"""What every response of the page carries, and the request bodies it refuses before reading.

Framing is forbidden (``X-Frame-Options: DENY`` and CSP ``frame-ancestors 'none'``): another
local page could otherwise frame ours and turn a click on its lure into one on our buttons,
which CSRF tokens and Origin checks cannot tell apart. A refusal sent to htmx says where to show
itself (``HX-Retarget``: the page's message area), so it never replaces the action panel.
"""

from __future__ import annotations

import html

SECURITY_HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", (b"frame-ancestors 'none'; default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                  b"img-src 'self' data:; form-action 'self'; base-uri 'none'; object-src 'none'")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # "no-referrer" makes a form post say Origin: null
]
NOTICE = "#notice"  # the page's message area
RETARGET = {"HX-Retarget": NOTICE, "HX-Reswap": "innerHTML"}


class SecurityHeaders:
    """Add ``SECURITY_HEADERS`` to every HTTP response (pages, fragments, files, refusals)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *(h for h in SECURITY_HEADERS if h[0] not in present)]}
            await send(message)

        return await self.app(scope, receive, with_headers)


class BodyTooLarge(Exception):
    pass


class LimitBody:
    """Refuse a request body above ``limit.body_bytes``: by its Content-Length, else while it streams.
    The refusal states ``limit.text``, the one limit the page states everywhere."""

    def __init__(self, app, limit):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit.body_bytes:
            return await refusal_response(self.limit.refusal, 413, b"hx-request" in headers)(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit.body_bytes:
                raise BodyTooLarge()
            return message

        return await self.app(scope, limited, send)


def refusal_response(text: str, status: int, fragment: bool):
    """A refusal as the page shows it: for htmx a fragment for the message area, else a small page."""
    from starlette.responses import HTMLResponse

    body = f'<p class="error" role="alert">{html.escape(text)}</p>'
    if not fragment:
        body = (f'<!doctype html><html lang="vi"><meta charset="utf-8"><link rel="stylesheet" href="/static/style.css">'
                f'<main>{body}<p><a href="/">←</a></p></main></html>')
    return HTMLResponse(body, status_code=status, headers=RETARGET)
