"""The plan tables: their sheets and headers, corrections and versions."""

# --- the plan tables: sheet names and column headers of the master workbook -------------
PLAN_SHEETS = {
    "plan": "Thông tin chung",
    "units": "Đơn vị",
    "periods": "Kỳ báo cáo",
    "tasks": "Nhiệm vụ",
    "criteria": "Tiêu chí",
    "levels": "Mức điểm",
    "corrections": "Hiệu chỉnh",
}
PLAN_HEADERS = {
    "key": "Khóa", "value": "Giá trị", "source": "Nguồn (dòng văn bản)",
    "code": "Mã", "name": "Tên", "aliases": "Tên gọi khác", "kind": "Loại", "email": "Email",
    "contact": "Người liên hệ", "receives_workbook": "Nhận biểu mẫu",
    "start": "Từ ngày", "cutoff": "Ngày chốt số liệu", "due": "Hạn gửi báo cáo",
    "area": "Lĩnh vực", "area_title": "Nhiệm vụ chung", "number": "Số thứ tự",
    "description": "Nhiệm vụ cụ thể", "products": "Sản phẩm", "lead": "Chủ trì",
    "coordinators": "Phối hợp", "timeframe": "Thời gian thực hiện", "schedule": "Loại thời hạn",
    "deadline": "Thời hạn", "conditional": "Nếu có", "note": "Ghi chú",
    "parent": "Mã cấp trên", "title": "Nội dung tiêu chí", "declared_max": "Điểm tối đa",
    "rule": "Cách chấm", "rule_points": "Điểm theo công thức", "rule_threshold": "Ngưỡng (%)",
    "not_applicable": "Điều kiện hạ chuẩn", "responsible": "Đơn vị chịu trách nhiệm",
    "criterion": "Mã tiêu chí", "order": "Thứ tự", "text": "Nội dung mức", "points": "Điểm",
    "min_count": "Từ số lượng",
    # corrections (issue 12), unit groups (issue 13)
    "where": "Vị trí trong văn bản", "field": "Trường", "printed": "Văn bản ghi",
    "used": "Giá trị sử dụng", "reason": "Lý do", "groups": "Thuộc nhóm",
}
PLAN_CSV_TEXT_LOST = ("tệp được lưu theo bảng mã {encoding} và đã mất chữ tiếng Việt (thành “?”). Hãy mở tệp gốc "
                      "trong Excel và lưu lại bằng “CSV UTF-8 (Comma delimited)”")

# The plan's fields a correction names (corrections.csv "field"), as the Office reads them.
CORRECTION_FIELDS = {"declared_max": "điểm tối đa", "rule": "cách chấm", "rule_points": "điểm của cách chấm",
                     "rule_threshold": "ngưỡng của cách chấm", "level (text lost)": "mức bị mất nội dung"}
CORRECTION_LEVEL_POINTS = "điểm của mức {order}"

# --- plan diff, in the console's language (issue 15) ---
PLAN_DIFF_WORDS = {
    "vi": {"changed": "sửa", "removed": "bỏ", "added": "thêm", "tasks": "nhiệm vụ", "criteria": "tiêu chí",
           "units": "đơn vị", "periods": "kỳ báo cáo"},
    "en": {"changed": "changed", "removed": "removed", "added": "added", "tasks": "tasks", "criteria": "criteria",
           "units": "units", "periods": "periods"},
}
