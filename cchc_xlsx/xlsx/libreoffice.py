"""LibreOffice, headless: recalculate workbooks and print them to PDF.

Found on PATH or in its usual Windows install folders. Each call uses its own profile whose
``OOXMLRecalcMode`` is 0, so formulas are recalculated when a file is loaded (by default
LibreOffice shows the cached values of an xlsx), and whose locale is Vietnamese, so a printed
number has a decimal comma ("75,46") and a date reads day first, as Excel shows them on a
Vietnamese Windows (a fresh profile would be en-US).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

_WINDOWS_FOLDERS = ("LibreOffice", "LibreOffice 7", "LibreOffice 24", "LibreOffice 25")
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
PRINT_LOCALE = "vi-VN"
XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"


class OfficeMissing(RuntimeError):
    """LibreOffice is not installed (or not where we look)."""


def find_soffice() -> Path | None:
    """The soffice program: on PATH, else in Program Files or as the Windows registry names it; None when absent."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    # ProgramW6432 is the 64-bit Program Files even when Python itself is 32-bit.
    bases = dict.fromkeys(os.environ.get(v) for v in ("ProgramW6432", "PROGRAMFILES", "PROGRAMFILES(X86)"))
    for base in filter(None, bases):
        for folder in _WINDOWS_FOLDERS:
            if (candidate := Path(base) / folder / "program" / "soffice.exe").exists():
                return candidate
    return _registry_soffice()


_REGISTRY_KEYS = (r"SOFTWARE\LibreOffice\UNO\InstallPath", r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath")


def _registry_soffice() -> Path | None:
    # The installer records its program folder under UNO\InstallPath (default value), per machine or user.
    try:
        import winreg
    except ImportError:  # not Windows
        return None
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        for key in _REGISTRY_KEYS:
            try:
                with winreg.OpenKey(hive, key) as handle:
                    folder, _ = winreg.QueryValueEx(handle, "")
            except OSError:
                continue
            if folder and (candidate := Path(folder) / "soffice.exe").exists():
                return candidate
    return None


def convert(files: Iterable[Path], target: str, outdir: Path, timeout: float = 300,
            locale: str = PRINT_LOCALE) -> list[Path]:
    """Convert files with one soffice call, recalculating formulas on load.

    Args:
        files: workbooks to convert.
        target: "pdf" or ``XLSX_FILTER``.
        outdir: where the converted files go (named like the inputs, with the new extension).
        timeout: seconds for the whole call.
        locale: the profile's locale (BCP 47), which decides how numbers and dates print.

    Returns:
        The converted files, in the order given.

    Raises:
        OfficeMissing: LibreOffice is not installed.
        RuntimeError: soffice failed or did not write a file.
    """
    soffice = find_soffice()
    if soffice is None:
        raise OfficeMissing("LibreOffice (soffice) was not found")
    files = [Path(f) for f in files]
    outdir.mkdir(parents=True, exist_ok=True)
    extension = target.split(":")[0]
    # Converted in a private folder, then moved into place: an old output never passes for a new one.
    with tempfile.TemporaryDirectory(prefix="cchc-lo-") as work:
        profile, converted = Path(work) / "profile", Path(work) / "out"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE.format(locale=locale), encoding="utf-8")
        command = [str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", target, "--outdir", str(converted), *map(str, files)]
        try:
            completed = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except (subprocess.SubprocessError, OSError) as exc:
            raise RuntimeError(f"LibreOffice did not finish: {exc}") from exc
        produced = [converted / f"{f.stem}.{extension}" for f in files]
        missing = [p for p in produced if not p.exists()]
        if completed.returncode != 0 or missing:
            detail = completed.stderr.decode("utf-8", "replace").strip()[-500:]
            raise RuntimeError(f"LibreOffice could not convert {len(missing)} file(s): {detail}")
        outputs = [outdir / p.name for p in produced]
        for source, target_path in zip(produced, outputs):
            shutil.move(str(source), str(target_path))
    return outputs
