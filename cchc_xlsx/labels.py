"""Every Vietnamese text a user reads: workbook labels, list values, messages.

Code names things in English; what a civil servant sees comes from here, so the wording
stays the plan's own and can be reviewed in one place.
"""

YES = "Có"
NO = "Không"
POINTS_WORD = "điểm"

SEVERITY = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Lưu ý"}

# --- scoring rules as the Cách chấm column shows them ----------------------------------
RULE_YESNO = "Chọn “Có” nếu đã thực hiện: {max} điểm; “Không”: 0 điểm."
RULE_RATIO = "Nhập tỷ lệ % đạt được (0–100). Điểm = (tỷ lệ % × {points} điểm) : 100%."
RULE_THRESHOLD = ("Nhập tỷ lệ % (0–100). Từ {threshold}% trở lên: điểm = (tỷ lệ % × {points} điểm) : 100%; "
                  "dưới {threshold}%: 0 điểm.")
RULE_POINTS = "Nhập số điểm từ 0 đến {max}."
TIER_FROM = "Chậm trễ hoặc chưa thực hiện từ {count} nhiệm vụ"

# --- the plan tables: sheet names and column headers of the master workbook -------------
PLAN_SHEETS = {
    "plan": "Thông tin chung",
    "units": "Đơn vị",
    "periods": "Kỳ báo cáo",
    "tasks": "Nhiệm vụ",
    "criteria": "Tiêu chí",
    "levels": "Mức điểm",
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
}

# --- findings: one template per stable code ---------------------------------------------
# Each names the place ({where}) and says what to do. Fields are filled by errors.finding().
MESSAGES = {
    # reading the plan
    "plan-missing-table": "Thiếu bảng {table} ({where}). Hãy bổ sung tệp/trang tính này.",
    "plan-missing-column": "Bảng {table} thiếu cột “{column}” ({where}). Hãy thêm cột này vào dòng tiêu đề.",
    "plan-unreadable": "Không đọc được {where}: {reason}.",
    "plan-bad-number": "{where}, cột “{column}”: “{value}” không phải là số. Hãy ghi số, ví dụ 0,5000.",
    "plan-bad-date": "{where}, cột “{column}”: “{value}” không phải là ngày. Hãy ghi theo dạng dd/mm/yyyy.",
    "plan-bad-flag": "{where}, cột “{column}”: “{value}” phải là 1 (có) hoặc 0 (không).",
    "plan-bad-choice": "{where}, cột “{column}”: “{value}” không hợp lệ; chỉ nhận: {allowed}.",
    "plan-missing-value": "{where}, cột “{column}”: chưa có giá trị. Hãy điền nội dung.",
    "plan-duplicate-code": "{where}: mã “{code}” bị trùng (đã có ở {first}). Mỗi mã chỉ dùng một lần.",
    "plan-unknown-unit": ("{where}, cột “{column}”: không nhận ra đơn vị “{value}”. Hãy dùng mã hoặc tên đơn vị "
                          "trong bảng Đơn vị, hoặc thêm tên gọi này vào cột “Tên gọi khác”."),
    "plan-unknown-parent": "{where}: mã cấp trên “{parent}” của tiêu chí {code} không có trong bảng tiêu chí.",
    "plan-parent-after-child": "{where}: tiêu chí cấp trên “{parent}” phải đứng trước tiêu chí con {code}.",
    "plan-unknown-criterion": "{where}: mức điểm thuộc tiêu chí “{code}” không có trong bảng tiêu chí.",
    "plan-unknown-rule": "{where}: cách chấm “{value}” không hợp lệ; chỉ nhận: {allowed}.",
    "plan-leaf-without-rule": "{where}: tiêu chí {code} không có tiêu chí con nhưng chưa có cách chấm.",
    "plan-group-with-rule": "{where}: tiêu chí {code} có tiêu chí con nên không được có cách chấm riêng.",
    "plan-too-few-levels": "{where}: tiêu chí {code} chấm theo mức nhưng có {count} mức; cần ít nhất 2 mức.",
    "plan-level-order": "{where}: các mức của tiêu chí {code} phải đánh số 1, 2, 3… liên tục (đang là {orders}).",
    "plan-tier-count": "{where}: mức “{text}” của tiêu chí {code} chưa có “Từ số lượng”.",
    "plan-missing-threshold": "{where}: tiêu chí {code} chấm theo ngưỡng nhưng chưa có ngưỡng (%).",
    "plan-task-without-lead": "{where}: nhiệm vụ {code} chưa có đơn vị chủ trì.",
    "plan-deadline-missing": "{where}: nhiệm vụ {code} có loại thời hạn “deadline” nhưng chưa có ngày.",
    "plan-deadline-outside-year": "{where}: thời hạn {deadline} của nhiệm vụ {code} nằm ngoài năm {year} của kế hoạch.",
    "plan-unknown-period": "{where}: kỳ báo cáo “{code}” không hợp lệ; chỉ nhận: {allowed}.",
    "plan-period-dates": "{where}: kỳ {code} có ngày không hợp lý (từ {start}, chốt {cutoff}, hạn {due}).",
    "plan-no-scorer": "{where}: tiêu chí {code} chưa có đơn vị chịu trách nhiệm chấm điểm.",
    # what the document itself says (warnings: never edited away)
    "plan-sum-mismatch": ("{where}: tiêu chí {code} ghi điểm tối đa {declared} nhưng tổng các tiêu chí con là "
                          "{computed}. Văn bản không thống nhất; hãy kiểm tra lại với văn bản gốc."),
    "plan-total-mismatch": ("{where}: TỔNG CỘNG ghi {declared} nhưng tổng các phần là {computed}. Văn bản không "
                            "thống nhất; hãy kiểm tra lại với văn bản gốc."),
    "plan-level-above-max": ("{where}: mức “{text}” của tiêu chí {code} được {points} điểm, cao hơn điểm tối đa "
                             "{max}."),
    "plan-level-no-points": "{where}: mức “{text}” của tiêu chí {code} không ghi số điểm; được tính là 0 điểm.",
    "plan-levels-equal": ("{where}: mọi mức của tiêu chí {code} đều {points} điểm; mức không đạt lẽ ra phải thấp "
                          "hơn. Hãy kiểm tra lại với văn bản gốc."),
    "plan-max-missing": "{where}: tiêu chí {code} không ghi điểm tối đa; dùng {computed} tính từ cách chấm.",
    "plan-ratio-points-differ": ("{where}: tiêu chí {code} tính theo công thức với {points} điểm nhưng điểm tối đa "
                                 "ghi {max}."),
}
