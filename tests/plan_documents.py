"""Plan documents typed the way an agency's clerk types them, built from the shipped plan with
python-docx: the body (title, department, periods and cut-off dates, signer), Phụ lục 01 (areas
merged down their tasks, a header repeated at the top of every page and typed again mid-table)
and Phụ lục 02, in two layouts:

- ``lines``: a criterion's levels are lines of its cell, their points lines of the points cell;
  a column names the responsible unit; the header sits on one row.
- ``rows``: one row per level, the code cell merged down over them; the tasks header is split
  over two rows (“Phòng, đơn vị” over “Chủ trì | Phối hợp”), columns in another order; no
  responsible column (the import guesses it from the tasks).

Where the shipped plan records a correction, the document prints what the source printed.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement

from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.values import format_points

PERIOD_WORDS = {"q1": "Quý I/{y}", "h1": "6 tháng đầu năm {y}", "q3": "Quý III/{y}", "year": "tổng hợp năm {y}"}
REPEAT_EVERY = 12  # rows between headers typed again (as a clerk copies the header to each page)


def printed(plan: Plan) -> dict[tuple[str, str], str]:
    """(code, field) → the value the source prints, for every number the plan corrects."""
    return {(c.code, c.field): c.printed for c in plan.corrections
            if c.field == "declared_max" or (c.field.startswith("level ") and c.field.endswith(" points"))}


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".replace(".", ",")


def _repeat_header(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:tblHeader"))


def _lines(cell, lines: list[str]) -> None:
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def write_plan_document(plan: Plan, path: Path, layout: str = "lines") -> Path:
    """Write ``plan`` as an agency's Word document at ``path`` (.docx)."""
    document = Document()
    _body(document, plan)
    document.add_paragraph("PHỤ LỤC 01")
    document.add_paragraph("PHÂN CÔNG CỤ THỂ CÁC NHIỆM VỤ VÀ TRIỂN KHAI THỰC HIỆN CẢI CÁCH HÀNH CHÍNH")
    _tasks(document, plan, layout)
    document.add_paragraph("PHỤ LỤC 02")
    document.add_paragraph("CÁC TIÊU CHÍ, TIÊU CHÍ THÀNH PHẦN CHỈ SỐ CẢI CÁCH HÀNH CHÍNH")
    _criteria(document, plan, layout)
    # Word always ends a document with a paragraph; LibreOffice's .doc export drops a table that ends it.
    document.add_paragraph("")
    document.save(str(path))
    return path


def _body(document, plan: Plan) -> None:
    meta, year = plan.meta, plan.year
    department = meta["department"]
    lines = (meta.get("plan_number", ""), f"{meta.get('issued_place', '')}, ngày 27 tháng 01 năm {year}",
             "KẾ HOẠCH", f"Thực hiện cải cách hành chính năm {year}",
             (f"Căn cứ Kế hoạch của UBND tỉnh, {department} xây dựng Kế hoạch thực hiện cải cách hành chính năm "
              f"{year} tại đơn vị, cụ thể như sau:"), "IV. TỔ CHỨC THỰC HIỆN",
             ("Thời gian gửi báo cáo chậm nhất là vào ngày 16 của tháng cuối kỳ báo cáo. Thời gian chốt số liệu "
              "báo cáo của từng loại báo cáo cụ thể như sau:"))
    for line in lines:
        document.add_paragraph(line)
    for period in plan.periods:
        words = PERIOD_WORDS[period.code].format(y=year)
        document.add_paragraph(f"- Báo cáo {words}: Thời gian chốt số liệu báo cáo tính từ ngày "
                               f"{period.start.day}/{period.start.month}/{period.start.year} đến ngày "
                               f"{period.cutoff.day}/{period.cutoff.month}/{period.cutoff.year}.")
    for line in ("GIÁM ĐỐC", meta.get("signer", "")):
        document.add_paragraph(line)


_TASK_HEADERS = {"area": "Nhiệm vụ chung", "task": "Nhiệm vụ cụ thể", "products": "Sản phẩm",
                 "lead": "Phòng, đơn vị chủ trì", "coordinators": "Phòng, đơn vị phối hợp",
                 "timeframe": "Thời gian thực hiện"}


def _unit_lines(plan: Plan, codes, layout: str = "lines") -> list[str]:
    # As the plan names them (a group or "all" by its own name); the ``rows`` clerk writes another
    # spelling the unit table knows ("Phòng BC- VT-CNTT", "Thanh tra").
    units = [plan.units_by_code[c] for c in codes if c in plan.units_by_code]
    if layout == "rows":
        return [u.aliases[1] if len(u.aliases) > 1 else u.name for u in units]
    return [u.name for u in units]


def _tasks(document, plan: Plan, layout: str) -> None:
    order = (["area", "task", "products", "lead", "coordinators", "timeframe"] if layout == "lines"
             else ["area", "task", "lead", "coordinators", "timeframe", "products"])
    table = document.add_table(rows=0, cols=len(order))
    table.style = "Table Grid"
    _task_header(table, order, layout)
    area_start, current = None, None
    for count, task in enumerate(plan.tasks):
        if count and count % REPEAT_EVERY == 0:
            _task_header(table, order, layout, repeat=False)  # typed again at a page's top
            area_start = None  # the area's merge ends at a typed header
        row = table.add_row()
        values = {"task": [f"{task.number}. {task.description}"], "products": [f"- {p}" for p in task.products],
                  "lead": _unit_lines(plan, task.lead_written or task.lead, layout),
                  "coordinators": _unit_lines(plan, task.coordinators_written or task.coordinators, layout),
                  "timeframe": [task.timeframe]}
        for role, lines in values.items():
            _lines(row.cells[order.index(role)], lines)
        column = order.index("area")
        if task.area == current and area_start is not None:
            area_start = area_start.merge(row.cells[column])  # the area merged down its tasks
        else:
            area_start = row.cells[column]
            if task.area != current:
                area_start.text = task.area_title
            current = task.area


def _task_header(table, order: list[str], layout: str, repeat: bool = True):
    if layout == "lines":
        row = table.add_row()
        for col, role in enumerate(order):
            row.cells[col].text = _TASK_HEADERS[role]
        if repeat:
            _repeat_header(row)
        return [row]
    top, bottom = table.add_row(), table.add_row()
    for col, role in enumerate(order):
        if role in ("lead", "coordinators"):
            top.cells[col].text, bottom.cells[col].text = "", {"lead": "Chủ trì", "coordinators": "Phối hợp"}[role]
        else:
            top.cells[col].text = _TASK_HEADERS[role]
            top.cells[col].merge(bottom.cells[col])
    lead, coordinators = order.index("lead"), order.index("coordinators")
    merged = top.cells[lead].merge(top.cells[coordinators])
    merged.text = "Phòng, đơn vị"
    if repeat:
        _repeat_header(top)
        _repeat_header(bottom)
    return [top, bottom]


def _criteria(document, plan: Plan, layout: str) -> None:
    columns = ["code", "title", "max", "responsible"] if layout == "lines" else ["code", "title", "max"]
    headers = {"code": "STT", "title": "NỘI DUNG LĨNH VỰC/TIÊU CHÍ/TIÊU CHÍ THÀNH PHẦN", "max": "ĐIỂM TỐI ĐA",
               "responsible": "Đơn vị thực hiện"}
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for col, column in enumerate(columns):
        table.rows[0].cells[col].text = headers[column]
    _repeat_header(table.rows[0])
    corrected = printed(plan)
    total = table.add_row()
    total.cells[1].text, total.cells[2].text = "TỔNG CỘNG:", plan.meta.get("declared_total", "")
    for count, criterion in enumerate(plan.criteria, start=1):
        if count % (REPEAT_EVERY * 3) == 0:
            again = table.add_row()  # the header typed again on a later page
            for col, column in enumerate(columns):
                again.cells[col].text = headers[column]
        code = criterion.code.split(".", 1)[1] if "." in criterion.code else criterion.code
        maximum = corrected.get((criterion.code, "declared_max"), _number(criterion.declared_max))
        levels = [(lv.text, corrected.get((criterion.code, f"level {lv.order} points"), _number(lv.points)))
                  for lv in criterion.levels]
        if criterion.not_applicable:
            levels.append((f"{criterion.not_applicable}." if "hạ" in criterion.not_applicable.casefold()
                           else f"{criterion.not_applicable} thì hạ điểm chuẩn.", ""))
        row = table.add_row()
        row.cells[0].text = code
        if layout == "lines":
            _lines(row.cells[1], [criterion.title, *[f"- {text}" for text, _ in levels]])
            _lines(row.cells[2], [_shown(maximum), *[_shown(p) for _, p in levels]])
            if criterion.responsible_written:
                _lines(row.cells[3], _unit_lines(plan, criterion.responsible_written))
            continue
        row.cells[1].text, row.cells[2].text = criterion.title, _shown(maximum, short=True)
        start = row.cells[0]
        for text, points in levels:
            level_row = table.add_row()
            level_row.cells[1].text, level_row.cells[2].text = f"{text}", _shown(points, short=True)
            start = start.merge(level_row.cells[0])  # the code merged down over its levels
        start.text = code


def _shown(value: str, short: bool = False) -> str:
    # The way the annex prints numbers: "0,5000"; a few typed "0,25"; the other clerk types "0,50".
    if not value:
        return ""
    number = float(value.replace(",", "."))
    if short:  # at least two decimals: "0,50", "1,00", "0,125"
        whole, _, decimals = f"{number:.4f}".rstrip("0").partition(".")
        return f"{whole},{decimals.ljust(2, '0')}"
    return format_points(number) if number in (0.25,) else value if "," in value else _number(number)
