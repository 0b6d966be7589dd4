"""Build the Word documents ``cchc plan import`` must refuse with one clear line (issue 24):

    python tests/corpus/make_plan_documents.py     # rewrites tests/corpus/plan_documents/

Each case is a small .docx as an Office would have it by mistake: a document that is not a plan,
a plan with only its tasks annex, a table whose merged cell has nothing above to merge with, a
damaged file. ``expected.csv`` gives the exit code and words the one line must hold;
``tests/test_plan_import.py`` checks them.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent / "plan_documents"
TASK_HEADER = ["Nhiệm vụ chung", "Nhiệm vụ cụ thể", "Sản phẩm", "Phòng, đơn vị chủ trì", "Thời gian thực hiện"]
TASK_ROW = ["Cải cách thể chế", "1. Rà soát văn bản quy phạm pháp luật", "Báo cáo", "Thanh tra Sở", "Năm 2022"]


def _document(tables: list[tuple[list[str], list[list[str]]]]) -> Document:
    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện cải cách hành chính năm 2022")
    for header, rows in tables:
        table = document.add_table(rows=1 + len(rows), cols=len(header))
        for col, text in enumerate(header):
            table.rows[0].cells[col].text = text
        for r, values in enumerate(rows, start=1):
            for col, text in enumerate(values):
                table.rows[r].cells[col].text = text
        document.add_paragraph("")
    return document


def not_a_plan(path: Path) -> None:
    _document([(["Họ tên", "Chức vụ", "Đơn vị"], [["Nguyễn Văn A", "Trưởng phòng", "Văn phòng"]])]).save(str(path))


def one_annex(path: Path) -> None:
    _document([(TASK_HEADER, [TASK_ROW])]).save(str(path))


def broken_merge(path: Path) -> None:
    document = _document([(TASK_HEADER, [TASK_ROW, ["", "2. Ban hành kế hoạch", "Kế hoạch", "Văn phòng", "Quý I"]])])
    cell = document.tables[0].rows[0].cells[2]._tc
    merge = OxmlElement("w:vMerge")
    merge.set(qn("w:val"), "continue")  # "merged with the cell above" in the table's first row
    cell.get_or_add_tcPr().append(merge)
    document.save(str(path))


def damaged(path: Path) -> None:
    whole = HERE / "one_annex.docx"
    path.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])  # a download cut in half


# file → (builder, exit code, words of the one line)
CASES = {
    "not_a_plan.docx": (not_a_plan, 1, "không phải văn bản kế hoạch CCHC"),
    "one_annex.docx": (one_annex, 1, "thiếu Phụ lục 02"),
    "broken_merge.docx": (broken_merge, 1, "bảng 1, dòng 1, cột 3"),
    "damaged.docx": (damaged, 1, "không mở được văn bản"),
}


def main() -> int:
    HERE.mkdir(parents=True, exist_ok=True)
    with (HERE / "expected.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "exit_code", "says"])
        for name, (build, code, says) in CASES.items():
            build(HERE / name)
            writer.writerow([name, code, says])
    print(f"{len(CASES)} documents in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
