"""Save a workbook with a password through LibreOffice (UNO). Run by make_corpus.py under a Python
that can ``import uno`` (Debian's /usr/bin/python3 with python3-uno, or LibreOffice's own python).

    python3 lo_encrypt.py SOURCE TARGET FILTER PASSWORD

FILTER is "Calc MS Excel 2007 XML" (an encrypted .xlsx: an OLE2 container holding an
EncryptedPackage stream) or "MS Excel 97" (an .xls with a FILEPASS record). Not a test module.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time

import uno  # noqa: F401  (only under LibreOffice's Python)
from com.sun.star.beans import NamedValue, PropertyValue


def _property(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def main(source, target, filter_name, password, soffice="soffice"):
    profile = tempfile.mkdtemp(prefix="cchc-lo-enc-")
    pipe = f"cchc_corpus_{os.getpid()}"
    office = subprocess.Popen([soffice, f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}", "--headless",
                               "--norestore", "--nologo", "--nolockcheck", f"--accept=pipe,name={pipe};urp;"],
                              start_new_session=hasattr(os, "killpg"), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(300):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        if context is None:
            raise SystemExit("LibreOffice did not answer")
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = None
        for _ in range(20):
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                                    (_property("Hidden", True),))
            if document is not None:
                break
            time.sleep(0.3)
        if document is None:
            raise SystemExit(f"LibreOffice could not open {source}")
        if filter_name.startswith("Calc MS Excel 2007"):
            secret = uno.Any("[]com.sun.star.beans.NamedValue", (NamedValue("OOXPassword", password),
                                                                     NamedValue("CryptoType", "Standard")))
            options = (_property("FilterName", filter_name), _property("EncryptionData", secret))
        else:
            options = (_property("FilterName", filter_name), _property("Password", password))
        uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(os.path.abspath(target)), options))
        document.close(True)
    finally:
        try:
            if hasattr(os, "killpg"):
                os.killpg(office.pid, signal.SIGKILL)  # the soffice wrapper and the office it started
            else:
                office.kill()
        except ProcessLookupError:
            pass
        office.wait()


if __name__ == "__main__":
    main(*sys.argv[1:])
