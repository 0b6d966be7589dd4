"""``cchc serve``: the Office's page over a workspace, on 127.0.0.1 only.

Starlette with uvicorn, Jinja2 templates and a vendored htmx (no CDN: the Office PC may be
offline). Every button runs the same stage function as its ``cchc`` command.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import webbrowser

from cchc_xlsx.store.workspace import Workspace

HOST = "127.0.0.1"  # never another interface
DEFAULT_PORT = 8765


def listen(port: int) -> socket.socket:
    """A socket bound to 127.0.0.1:port (0: any free port); OSError when the port is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: no other program may share the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
    sock.bind((HOST, port))
    sock.listen(64)
    return sock


def serve(workspace: Workspace, sock: socket.socket, *, open_browser: bool = True) -> None:
    """Serve the page on ``sock`` until Ctrl+C; open the default browser on it first.

    Args:
        workspace: the workspace served.
        sock: from ``listen``.
        open_browser: open the page in the default browser once the server listens.
    """
    import uvicorn

    from cchc_xlsx.serve.app import create_app
    from cchc_xlsx.store.lifetime import no_inheritance, restore_start_method
    from cchc_xlsx.text.language import set_language

    set_language("vi")  # the page is Vietnamese throughout, whatever the console speaks
    previous = no_inheritance(preload=("cchc_xlsx.collect", "cchc_xlsx.generate"))  # workers never hold our socket
    app = create_app(workspace)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(address(sock),)).start()
    try:
        server.run(sockets=[sock])
    finally:
        restore_start_method(previous)
    current = app.state.runner.current
    if current is not None and current.state == "running":
        # Stopped mid-action (Ctrl+C, SIGTERM): what was committed stays, and the page says at its
        # next start that the action was interrupted. Waiting for the action's worker pool to drain
        # would keep the port and the workspace's lock for as long as it runs.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def address(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}/"


__all__ = ["DEFAULT_PORT", "HOST", "address", "listen", "serve"]
