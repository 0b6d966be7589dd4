"""A district People's Committee's plan, written as a user writes it: one master workbook (the
sheets and Vietnamese headers of ``cchc plan export``), typed with openpyxl.

26 units by default: 11 offices (one coded ``TC/KH``, a code that is no file name) and 15
communes; groups "UBND các xã, thị trấn" and "Các phòng chuyên môn"; ``index_scope = unit``;
8 top-level areas (``area_level`` left to its default, 1); periods t1, t2, t3, h1, nam; leaves
using every rule, some allowing hạ chuẩn, one area scored by every unit and one by the offices.
Also used by ``benchmarks/bench_scorecard.py`` with 300 communes.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from cchc_xlsx import text as labels
from cchc_xlsx.plan.tables import TABLES, columns

OFFICES = [("VP", "Văn phòng HĐND và UBND huyện", "Văn phòng UBND huyện"), ("PNV", "Phòng Nội vụ", ""),
           ("TP", "Phòng Tư pháp", ""), ("TC/KH", "Phòng Tài chính – Kế hoạch", "Phòng TC-KH"),
           ("KTHT", "Phòng Kinh tế và Hạ tầng", ""), ("NN", "Phòng Nông nghiệp và PTNT", ""),
           ("TNMT", "Phòng Tài nguyên và Môi trường", ""), ("GDDT", "Phòng Giáo dục và Đào tạo", ""),
           ("VHTT", "Phòng Văn hóa và Thông tin", ""), ("LDTBXH", "Phòng Lao động – TB và XH", ""),
           ("TTRA", "Thanh tra huyện", "")]
XA = "XA"
PHONG = "PHONG"
PERIODS = [("t1", "Tháng 1/2023", "15/12/2022", "20/01/2023", "25/01/2023"),
           ("t2", "Tháng 2/2023", "21/01/2023", "20/02/2023", "25/02/2023"),
           ("t3", "Tháng 3/2023", "21/02/2023", "20/03/2023", "25/03/2023"),
           ("h1", "6 tháng đầu năm 2023", "15/12/2022", "15/06/2023", "20/06/2023"),
           ("nam", "Năm 2023", "15/12/2022", "15/12/2023", "20/12/2023")]
AREAS = ["Công tác chỉ đạo, điều hành", "Cải cách thể chế", "Cải cách thủ tục hành chính",
         "Cải cách tổ chức bộ máy", "Cải cách chế độ công vụ", "Cải cách tài chính công",
         "Xây dựng chính quyền điện tử", "Tác động của CCHC"]


def commune_codes(count: int) -> list[str]:
    return [f"X{i:02d}" if count < 100 else f"X{i:03d}" for i in range(1, count + 1)]


def unit_rows(communes: int, offices: int = len(OFFICES)) -> list[dict]:
    rows = [{"code": code, "name": name, "aliases": alias, "kind": "unit", "email": f"u{i}@huyen.example.vn",
             "receives_workbook": 1, "groups": PHONG} for i, (code, name, alias) in enumerate(OFFICES[:offices])]
    for i, code in enumerate(commune_codes(communes), start=1):
        kind = "Thị trấn" if i == 1 else "Xã"
        rows.append({"code": code, "name": f"UBND {kind} số {i}", "aliases": f"{kind} số {i}", "kind": "unit",
                     "email": f"{code.lower()}@huyen.example.vn", "receives_workbook": 1, "groups": XA})
    rows.append({"code": XA, "name": "UBND các xã, thị trấn", "aliases": "Các xã, thị trấn | UBND cấp xã",
                 "kind": "group", "receives_workbook": 0})
    rows.append({"code": PHONG, "name": "Các phòng chuyên môn", "aliases": "Các phòng chuyên môn thuộc UBND huyện",
                 "kind": "group", "receives_workbook": 0})
    rows.append({"code": "ALL", "name": "Các cơ quan, đơn vị", "aliases": "Các cơ quan, đơn vị thuộc huyện",
                 "kind": "all", "receives_workbook": 0})
    return rows


def criteria_rows() -> tuple[list[dict], list[dict]]:
    """(criteria, levels): 8 areas; each rule in every area, hạ chuẩn allowed on one leaf of each.

    Area 1 is scored by every unit ("Các cơ quan, đơn vị"), area 2 by the offices (a group named
    by its alias), the others by the communes (the group named by its name).
    """
    criteria, levels = [], []
    responsible = {1: "Các cơ quan, đơn vị", 2: "Các phòng chuyên môn thuộc UBND huyện"}
    for a, title in enumerate(AREAS, start=1):
        criteria.append({"code": str(a), "title": title.upper(), "declared_max": 7.5,
                         "responsible": responsible.get(a, "UBND các xã, thị trấn")})
        group = f"{a}.1"
        criteria.append({"code": group, "parent": str(a), "title": f"Thực hiện {title.lower()}", "declared_max": 4.5})
        criteria.append({"code": f"{group}.1", "parent": group, "title": "Ban hành kế hoạch", "declared_max": 1,
                         "rule": "choice"})
        levels += [{"criterion": f"{group}.1", "order": 1, "text": "Ban hành đúng hạn", "points": 1},
                   {"criterion": f"{group}.1", "order": 2, "text": "Ban hành chậm", "points": 0.5},
                   {"criterion": f"{group}.1", "order": 3, "text": "Không ban hành", "points": 0}]
        criteria.append({"code": f"{group}.2", "parent": group, "title": "Có báo cáo định kỳ", "declared_max": 0.5,
                         "rule": "yesno", "not_applicable": "Không phát sinh thì hạ điểm chuẩn"})
        criteria.append({"code": f"{group}.3", "parent": group, "title": "Tỷ lệ nhiệm vụ hoàn thành",
                         "declared_max": 2, "rule": "ratio", "rule_points": 2})
        criteria.append({"code": f"{group}.4", "parent": group, "title": "Số nhiệm vụ chậm", "declared_max": 1,
                         "rule": "tiers"})
        levels += [{"criterion": f"{group}.4", "order": 1, "text": "Không chậm", "points": 1, "min_count": 0},
                   {"criterion": f"{group}.4", "order": 2, "text": "Chậm 1", "points": 0.5, "min_count": 1},
                   {"criterion": f"{group}.4", "order": 3, "text": "Chậm 2 trở lên", "points": 0, "min_count": 2}]
        # Leaves directly below the area: codes such as "1.2" that a spreadsheet could read as a number.
        criteria.append({"code": f"{a}.2", "parent": str(a), "title": "Tỷ lệ hồ sơ đúng hạn (từ 90%)",
                         "declared_max": 2, "rule": "threshold", "rule_points": 2, "rule_threshold": 90})
        criteria.append({"code": f"{a}.3", "parent": str(a), "title": "Điểm đánh giá của người dân",
                         "declared_max": 1, "rule": "points"})
    return criteria, levels


def task_rows() -> list[dict]:
    rows = []
    leads = ["UBND các xã, thị trấn", "Phòng Nội vụ", "Các xã, thị trấn", "Phòng TC-KH", "Văn phòng UBND huyện",
             "UBND cấp xã", "Phòng Tư pháp", "Các phòng chuyên môn"]
    deadlines = ["15/01/2023", "10/02/2023", "15/03/2023", "30/06/2023", "", "31/03/2023", "28/02/2023", ""]
    for a in range(1, 9):
        for n in range(1, 3):
            i = (a * 2 + n) % len(leads)
            deadline = deadlines[i]
            rows.append({"code": f"NV{a}.{n}", "area": a, "area_title": AREAS[a - 1], "number": n,
                         "description": f"Nhiệm vụ {n} về {AREAS[a - 1].lower()}", "products": "Báo cáo",
                         "lead": leads[i], "coordinators": "Các cơ quan, đơn vị" if n == 1 else "Phòng Nội vụ",
                         "timeframe": deadline or "Thường xuyên", "schedule": "deadline" if deadline else "recurring",
                         "deadline": deadline, "conditional": 0})
    return rows


def tables(communes: int = 15, offices: int = len(OFFICES)) -> dict[str, list[dict]]:
    criteria, levels = criteria_rows()
    plan = [{"key": "title", "value": "Kế hoạch cải cách hành chính năm 2023"},
            {"key": "department", "value": "UBND huyện Thử Nghiệm"}, {"key": "year", "value": "2023"},
            {"key": "contact_unit", "value": "PNV"}, {"key": "index_scope", "value": "unit"}]
    periods = [dict(zip(("code", "name", "start", "cutoff", "due"), p)) for p in PERIODS]
    return {"plan": plan, "units": unit_rows(communes, offices), "periods": periods, "tasks": task_rows(),
            "criteria": criteria, "levels": levels}


def write_master_workbook(path: Path, communes: int = 15, offices: int = len(OFFICES)) -> Path:
    """The district plan as a master workbook at ``path`` (Vietnamese sheet names and headers).

    ``offices`` below 4 leaves tasks without their lead office; 4 offices and 2 communes make 6 units.
    """
    book = openpyxl.Workbook()
    book.remove(book.active)
    for table, rows in tables(communes, offices).items():
        sheet = book.create_sheet(labels.PLAN_SHEETS[table])
        names = columns(table)
        sheet.append([labels.PLAN_HEADERS[name] for name in names])
        for row in rows:
            values = []
            for name in names:
                value = row.get(name)
                values.append(str(value).replace(".", ",") if isinstance(value, float) else value)
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula
    assert set(tables()) <= set(TABLES)
    book.save(path)
    return path
