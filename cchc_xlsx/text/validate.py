"""Validating a return's values: what a result should be, what evidence is missing for, how an
ambiguous value was read."""

EXPECTED_RESULT = {
    "choice": "Hãy chọn một mức trong danh sách.",
    "yesno": "Hãy chọn “Có” hoặc “Không”.",
    "ratio": "Hãy ghi tỷ lệ % từ 0 đến 100.",
    "threshold": "Hãy ghi tỷ lệ % từ 0 đến 100.",
    "tiers": "Hãy ghi số nguyên từ 0 trở lên.",
    "points": "Hãy ghi số điểm từ 0 đến {max}.",
}
EVIDENCE_WHAT = {"task": "nhiệm vụ đã hoàn thành", "criterion": "tiêu chí có điểm"}
AMBIGUOUS = {
    "fraction-as-percent": "{percent}%",
    "dot-or-thousands": "số thập phân {number} (dấu chấm)",
    "serial-as-text": "ngày {date}",
    "day-month-order": "ngày {date} (ngày/tháng/năm); nên nhập ngày dạng ngày tháng, không nhập dạng chữ",
}
