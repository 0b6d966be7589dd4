"""Validating a return's values: what evidence is missing for, how an ambiguous value was read."""

EVIDENCE_WHAT = {"task": "nhiệm vụ đã hoàn thành", "criterion": "tiêu chí có điểm"}
AMBIGUOUS = {
    "fraction-as-percent": "{percent}%",
    "dot-or-thousands": "số thập phân {number} (dấu chấm)",
    "serial-as-text": "ngày {date}",
    "day-month-order": "ngày {date} (ngày/tháng/năm); nên nhập ngày dạng ngày tháng, không nhập dạng chữ",
}
