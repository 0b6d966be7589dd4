"""Opening a received file safely, for every stage that reads one from a folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cchc_xlsx import text as labels


def open_regular(path: Path):
    """``path`` opened for reading without following a link or blocking on a FIFO, checked to be a
    regular file (an entry swapped after the scan looked at it is not read)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    stream = os.fdopen(os.open(path, flags), "rb")
    if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
        stream.close()
        raise IsADirectoryError(f"{path}: {labels.FILE_KINDS['device']}")
    return stream
