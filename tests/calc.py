"""LibreOffice Calc through UNO, as a unit editing its workbook: a test fixture's engine.

One headless soffice per locale profile (vi-VN or en-US) listens on a named pipe; each edit runs
``uno_worker.py`` under Debian's ``/usr/bin/python3`` (the interpreter ``python3-uno`` belongs to),
so the tests' own virtual environment needs no UNO. Text is typed with ``FormulaLocal``, which
parses it as Calc's input line does in that locale ("0,5", "80%", "15/03/2022" under vi-VN).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

WORKER = Path(__file__).with_name("uno_worker.py")
SYSTEM_PYTHON = Path("/usr/bin/python3")
XLSX, ODS, XLS = "Calc MS Excel 2007 XML", "calc8", "MS Excel 97"

_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>{ui}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def uno_available() -> bool:
    """soffice on PATH and Debian's python3 with the uno module."""
    if not shutil.which("soffice") or not SYSTEM_PYTHON.exists():
        return False
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True, check=False)
    return probe.returncode == 0


class Calc:
    """A running headless LibreOffice Calc with a locale profile.

    Example:
        calc.edit(path, [{"op": "unprotect", "sheet": "Nhiệm vụ"},
                         {"op": "type", "sheet": "Nhiệm vụ", "cell": "H5", "text": "80%"},
                         {"op": "save", "path": str(out), "filter": XLSX}])
    """

    def __init__(self, locale: str):
        self.locale = locale
        self.home = Path(tempfile.mkdtemp(prefix=f"cchc-calc-{locale}-"))
        (self.home / "user").mkdir()
        (self.home / "user" / "registrymodifications.xcu").write_text(
            _PROFILE.format(locale=locale, ui="en-US"), encoding="utf-8")
        self.pipe = f"cchc_{locale.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
        self.process = subprocess.Popen(
            ["soffice", f"-env:UserInstallation={self.home.as_uri()}", "--headless", "--invisible",
             "--norestore", "--nolockcheck", "--nodefault", f"--accept=pipe,name={self.pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def edit(self, path: Path, ops: list[dict], timeout: float = 120) -> list:
        """Open ``path``, apply ``ops`` (see uno_worker.py), return each op's result."""
        job = self.home / f"job-{uuid.uuid4().hex[:8]}.json"
        job.write_text(json.dumps({"input": str(path), "ops": ops}, ensure_ascii=False), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        done = subprocess.run([str(SYSTEM_PYTHON), str(WORKER), self.pipe, str(job)], capture_output=True,
                              timeout=timeout, check=False, env=env)
        if done.returncode != 0:
            raise RuntimeError(f"UNO edit failed: {done.stderr.decode('utf-8', 'replace')[-2000:]}")
        return json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])["results"]

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        time.sleep(0.2)
        shutil.rmtree(self.home, ignore_errors=True)
