"""Golden files for layout: the demo's unit workbook, scorecard and feedback workbook, compared part
by part with reference copies, as XlsxWriter's own suite does (``helperfunctions._compare_xlsx_files``).

What changes between runs is replaced before comparing: the run's timestamps (``generated_at``,
``docProps``) and today's date ("Lập ngày 07/12/2026"). Everything else, every cell, style, formula,
validation, print setting and chart, must be byte-identical once pretty-printed.

An intended layout change regenerates the references::

    python tests/golden_files.py --update
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import zipfile
from pathlib import Path

from lxml import etree

GOLDEN = Path(__file__).parent / "golden"
# name -> the demo file it is taken from (period q1)
FILES = {
    "unit-workbook": "outbox/q1/CCHC 2022 - Quý I-2022 - Văn phòng.xlsx",
    "scorecard": "reports/q1/scorecard.xlsx",
    "feedback": "reports/q1/feedback/CCHC 2022 - Quý I-2022 - Thanh tra Sở.xlsx",
}
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?")


def run_demo(root: Path) -> Path:
    """The demo's files, without printing (the PDF is not a layout we compare)."""
    from cchc_xlsx.app import demo
    from cchc_xlsx.xlsx.libreoffice import OfficeMissing

    def no_office(*args, **kwargs):
        raise OfficeMissing("golden files compare workbooks only")

    original, demo.convert = demo.convert, no_office
    try:
        demo.run_demo(root)
    finally:
        demo.convert = original
    return root


def normalized_parts(path: Path, today: dt.date | None = None) -> dict[str, str]:
    """Every part of an .xlsx as pretty-printed XML, with the run's dates replaced."""
    today = today or dt.date.today()
    stamp = today.strftime("%d/%m/%Y")
    parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            data = archive.read(name)
            try:
                root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
                text = etree.tostring(root, pretty_print=True, encoding="unicode")
            except etree.XMLSyntaxError:
                text = data.hex()
            parts[name] = _TIMESTAMP.sub("<NOW>", text).replace(stamp, "<TODAY>")
    return parts


def differences(name: str, path: Path) -> list[str]:
    """What differs between ``path`` and the golden copy ``name``: a line per part, with its first change."""
    import difflib

    expected = {p.relative_to(GOLDEN / name).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted((GOLDEN / name).rglob("*")) if p.is_file()}
    actual = normalized_parts(path)
    problems = [f"{name}: part {part} is missing" for part in sorted(set(expected) - set(actual))]
    problems += [f"{name}: part {part} is new" for part in sorted(set(actual) - set(expected))]
    for part in sorted(set(expected) & set(actual)):
        if expected[part] != actual[part]:
            diff = difflib.unified_diff(expected[part].splitlines(), actual[part].splitlines(), "golden", "now",
                                        n=1, lineterm="")
            problems.append(f"{name}: {part} differs\n" + "\n".join(list(diff)[:30]))
    return problems


def update(root: Path) -> None:
    import shutil

    for name, relative in FILES.items():
        shutil.rmtree(GOLDEN / name, ignore_errors=True)
        for part, text in normalized_parts(root / relative).items():
            target = GOLDEN / name / part
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    import tempfile

    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as folder:
        update(run_demo(Path(folder) / "demo"))
    print(f"golden files written under {GOLDEN}")
