"""The evidence pack for the appraisal council or the upward report: the linked files in folders
by area and criterion (tasks by area and task), the unlinked ones apart, and an index workbook
listing every file received (unit, code, file, linked by, received, size, SHA-256), with
relative links that keep working when the pack is copied elsewhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


from cchc_xlsx.xlsx.fast import new_workbook
from cchc_xlsx import text as labels
from cchc_xlsx.xlsx import styles
from cchc_xlsx.evidence import EvidenceFile, _copy, archived_path, ascii_name, evidence_files, safe_copy_name
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.safetext import cell_text
from cchc_xlsx.core.values import format_date
from cchc_xlsx.xlsx.writeout import atomic_path

INDEX_NAME = "index.xlsx"
HEADER_ROW = 3
WIDTHS = {"unit": 9, "code": 10, "title": 40, "file": 36, "how": 26, "received": 18, "size": 12, "kind": 16,
          "state": 22, "sha256": 66, "source": 50, "link": 8}


@dataclass
class Pack:
    """What ``write_pack`` wrote."""

    folder: Path
    index: Path
    files: list[EvidenceFile] = field(default_factory=list)
    copied: int = 0
    targets: list[str | None] = field(default_factory=list)  # each file's place in the pack (posix, relative)


def _folder(plan: Plan, file: EvidenceFile) -> Path:
    """Where a file goes in the pack: area and criterion, or area and task, or the unlinked folder."""
    if file.row_kind == "criterion" and plan.has_criterion(file.code):
        area = plan.area_of(file.code)
        return Path(ascii_name(f"{area.code} {area.title}", 50)) / ascii_name(file.code, 30)
    if file.row_kind == "task":
        task = next((t for t in plan.tasks if t.code == file.code), None)
        area = ascii_name(f"{task.area} {getattr(task, 'area_title', '')}", 50) if task else "khac"
        return Path(labels.EVIDENCE_PACK_TASKS) / area / ascii_name(file.code, 30)
    return Path(labels.EVIDENCE_PACK_UNLINKED) / ascii_name(file.unit or "khong-ro", 20)


def _title(plan: Plan, file: EvidenceFile) -> str:
    if file.row_kind == "criterion" and plan.has_criterion(file.code):
        return plan.criterion(file.code).title
    if file.row_kind == "task":
        task = next((t for t in plan.tasks if t.code == file.code), None)
        return task.description if task else ""
    return ""


def write_pack(plan: Plan, ledger: Ledger, period: str, folder: Path) -> Pack:
    """Copy the period's evidence into ``folder`` and write its index workbook.

    Flagged files (programs, scripts, macro documents) and refused ones are listed, never copied.

    Returns:
        The pack: its folder, its index and every file listed.
    """
    folder = Path(folder)
    archive = Path(ledger.path).parent / "archive"
    files = evidence_files(ledger, period)
    pack = Pack(folder, folder / INDEX_NAME, files)
    targets: list[str | None] = []
    for file in files:
        source = archived_path(archive, file.sha256) if file.copyable else None
        if source is None:
            targets.append(None)
            continue
        relative = _folder(plan, file) / safe_copy_name(file)
        _copy(source, folder / relative)
        pack.copied += 1
        targets.append(relative.as_posix())
    pack.targets = targets
    _index(plan, period, pack, targets)
    return pack


def _index(plan: Plan, period: str, pack: Pack, targets: list[str | None]) -> None:
    with atomic_path(pack.index) as temporary:
        workbook = new_workbook(temporary)
        formats = styles.Formats(workbook)
        link = workbook.add_format({**styles.FONT, "border": 1, "font_color": "#0563C1", "underline": 1})
        sheet = workbook.add_worksheet(labels.EVIDENCE_INDEX_SHEET)
        sheet.write_string(0, 0, labels.EVIDENCE_INDEX_TITLE.format(period=plan.period(period).name).upper(),
                           formats.title)
        sheet.write_string(1, 0, plan.meta.get("department", ""), formats.subtitle)
        headers = labels.EVIDENCE_INDEX_HEADERS
        for col, (key, text) in enumerate(headers.items()):
            sheet.write_string(HEADER_ROW, col, text, formats.header)
            sheet.set_column(col, col, WIDTHS.get(key, 12))
        for index, (file, target) in enumerate(zip(pack.files, targets)):
            row = HEADER_ROW + 1 + index
            values = {"unit": file.unit, "code": file.code, "title": _title(plan, file), "file": file.file_name,
                      "how": labels.EVIDENCE_HOW.get(file.how, file.how), "received": file.received_at or "",
                      "kind": labels.EVIDENCE_KINDS.get(file.kind, file.kind),
                      "state": labels.EVIDENCE_STATES.get(file.state, file.state) + (f" – {file.detail}" if file.detail
                                                                                   else ""),
                      "sha256": file.sha256, "source": file.source}
            for col, key in enumerate(headers):
                if key == "size":
                    sheet.write_number(row, col, file.size, formats.cell)
                elif key == "link":
                    if target:
                        sheet.write_url(row, col, f"external:{target}", link, labels.EVIDENCE_OPEN)
                    else:
                        sheet.write_blank(row, col, None, formats.cell)
                else:
                    sheet.write_string(row, col, cell_text(values[key] or ""), formats.cell)
        last = HEADER_ROW + max(len(pack.files), 1)
        sheet.autofilter(HEADER_ROW, 0, last, len(headers) - 1)
        sheet.freeze_panes(HEADER_ROW + 1, 0)
        today = dt.date.today()
        styles.print_a4(sheet, header=styles.page_header(plan.meta.get("department", ""), plan.period(period).name),
                        footer=styles.page_footer(today), repeat_row=HEADER_ROW,
                        area=(0, 0, last, len(headers) - 1))
        sheet.write_string(last + 2, 0, format_date(today), formats.cell)
        workbook.close()
