"""Worker processes that end with the process that started them.

A ``ProcessPoolExecutor`` worker holds a copy of its own task queue's writing end, so it never
sees the parent's death: killed with SIGTERM, SIGHUP or SIGKILL, a server left its forked workers
alive, holding its port and its workspace lock (issue 25). Every pool initializer calls
``die_with_parent()``: on Linux the kernel kills the worker with its parent (PR_SET_PDEATHSIG);
everywhere a watchdog thread waits on the parent's sentinel and ends the worker when it fires.
(The kernel's signal follows the parent *thread* that forked the worker: a pool must end in the
thread that made it, as collect's and generate's do.)
``no_inheritance()`` makes the server's later pools start from a fresh process (forkserver, or
spawn on Windows), so a worker never holds the listening socket or an open lock at all.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """End this worker process as soon as its parent ends, however the parent ended."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not a multiprocessing child: nothing to watch
        return
    if sys.platform.startswith("linux"):
        _kernel_signal_on_parent_death()
    if parent.sentinel is not None:
        threading.Thread(target=_watch, args=(parent.sentinel,), name="cchc-parent-watch", daemon=True).start()
    if parent.pid is not None and not _alive(parent.pid):  # it died before we could watch it
        os._exit(1)


def _kernel_signal_on_parent_death() -> None:
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the watchdog below still ends the worker
        pass


def _watch(sentinel) -> None:
    from multiprocessing.connection import wait

    try:
        wait([sentinel])
    except OSError:
        pass
    os._exit(1)  # the parent is gone: nothing of this worker's can be delivered any more


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # the sentinel (the parent's process handle) answers there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def no_inheritance(preload: tuple[str, ...] = ()) -> str | None:
    """Start later worker pools of this process from a clean process (forkserver where the platform
    has it, else spawn): a forked worker would inherit every open file and socket of the server.

    Args:
        preload: modules the fork server imports once, so workers start fast.

    Returns:
        The start method before (None: the platform's default), for ``restore_start_method``.
    """
    previous = multiprocessing.get_start_method(allow_none=True)
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        multiprocessing.set_start_method("forkserver", force=True)
        if preload:
            multiprocessing.set_forkserver_preload(list(preload))
    else:
        multiprocessing.set_start_method("spawn", force=True)
    return previous


def restore_start_method(previous: str | None) -> None:
    """Undo ``no_inheritance`` (a server run inside another program, such as a test)."""
    multiprocessing.set_start_method(previous, force=True)
