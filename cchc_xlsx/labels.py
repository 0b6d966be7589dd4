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

# --- the unit workbook (a contract: collect and other tools rely on these titles) -------
SHEET_GUIDE = "Hướng dẫn"
SHEET_TASKS = "Nhiệm vụ"
SHEET_CRITERIA = "Tự chấm điểm"
SHEET_LISTS = "_ds"
SHEET_META = "_meta"

TASK_HEADERS = {
    "code": "Mã", "area_title": "Nhiệm vụ chung", "description": "Nhiệm vụ cụ thể", "products": "Sản phẩm",
    "role": "Vai trò", "deadline": "Thời hạn", "status": "Tình trạng", "completion": "Tỷ lệ hoàn thành (%)",
    "completed_on": "Ngày hoàn thành", "evidence": "Sản phẩm, tài liệu kiểm chứng",
    "issues": "Khó khăn, vướng mắc, đề xuất", "note": "Ghi chú",
}
CRITERIA_HEADERS = {
    "code": "Mã", "title": "Nội dung tiêu chí", "max": "Điểm tối đa", "rule": "Cách chấm", "result": "Kết quả",
    "not_applicable": "Không áp dụng (hạ chuẩn)", "evidence": "Tài liệu kiểm chứng", "note": "Ghi chú",
    "points": "Điểm tự chấm",
}
ROLE = {"lead": "Chủ trì", "coordinator": "Phối hợp"}
STATUS_NOT_STARTED = "Chưa triển khai"
STATUS_IN_PROGRESS = "Đang thực hiện"
STATUS_DONE = "Hoàn thành"
STATUS_NOT_ARISEN = "Không phát sinh"
STATUSES = (STATUS_NOT_STARTED, STATUS_IN_PROGRESS, STATUS_DONE, STATUS_NOT_ARISEN)
SCHEDULE_TEXT = {"recurring": "Thường xuyên", "none": "Không xác định"}
TOTAL_ROW = "TỔNG CỘNG"

TASKS_TITLE = "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"
CRITERIA_TITLE = "TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"
SUBTITLE = "{unit} — {period} — {department}"
PAGE_HEADER = "&L{department}&R{unit} — {period}"
PAGE_FOOTER = "&LIn ngày &D&CTrang &P/&N"
FILE_NAME = "CCHC {year} - {period} - {unit}.xlsx"

GUIDE_TITLE = "HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO CẢI CÁCH HÀNH CHÍNH"
GUIDE_FACTS = (
    ("Đơn vị", "{unit}"),
    ("Kỳ báo cáo", "{period}"),
    ("Thời gian chốt số liệu", "Từ ngày {start} đến ngày {cutoff}"),
    ("Hạn gửi báo cáo", "{due}"),
    ("Kế hoạch", "{plan_title}"),
    ("Gửi về / hỏi đáp", "{contact}"),
)
GUIDE_STEPS = (
    "1. Chỉ điền vào các ô tô màu vàng; các ô khác đã được khóa để giữ nguyên nội dung kế hoạch.",
    "2. Trang “Nhiệm vụ”: với mỗi nhiệm vụ, chọn Tình trạng trong danh sách, ghi Tỷ lệ hoàn thành (0–100), "
    "Ngày hoàn thành (dd/mm/yyyy) khi đã hoàn thành, và số, ký hiệu, ngày văn bản hoặc đường dẫn làm tài liệu kiểm chứng.",
    "3. Trang “Tự chấm điểm”: với mỗi tiêu chí, chọn hoặc ghi Kết quả theo cột “Cách chấm”; cột “Điểm tự chấm” "
    "tự tính. Chỉ chọn “Có” ở cột “Không áp dụng (hạ chuẩn)” khi kế hoạch cho phép và đơn vị không phát sinh nhiệm vụ.",
    "4. Có thể sắp xếp, lọc các dòng; không xóa dòng, không sửa cột Mã, không đổi tên trang tính.",
    "5. Lưu tệp dạng .xlsx (giữ nguyên tên tệp càng tốt) và gửi lại qua thư điện tử trước hạn.",
)

# Input messages and error messages of data validation (titles ≤ 32 characters, texts ≤ 255).
VALIDATION = {
    "status": ("Tình trạng", "Chọn một tình trạng trong danh sách.",
               "Tình trạng không hợp lệ. Hãy chọn trong danh sách."),
    "completion": ("Tỷ lệ hoàn thành (%)", "Ghi số nguyên từ 0 đến 100.",
                   "Tỷ lệ hoàn thành phải là số nguyên từ 0 đến 100."),
    "completed_on": ("Ngày hoàn thành", "Ghi ngày dạng dd/mm/yyyy, trong năm {year}.",
                     "Ngày không hợp lệ hoặc nằm ngoài năm {year}. Ghi dạng dd/mm/yyyy."),
    "text": ("Nội dung", "Ghi ngắn gọn (tối đa {limit} ký tự).", "Nội dung quá dài (tối đa {limit} ký tự)."),
    "choice": ("Kết quả", "Chọn một mức trong danh sách.", "Hãy chọn một mức trong danh sách."),
    "yesno": ("Kết quả", "Chọn “Có” hoặc “Không”.", "Chỉ chọn “Có” hoặc “Không”."),
    "percent": ("Kết quả (%)", "Ghi tỷ lệ % từ 0 đến 100.", "Tỷ lệ phải là số từ 0 đến 100."),
    "count": ("Kết quả (số lượng)", "Ghi số nhiệm vụ chậm trễ hoặc chưa thực hiện (số nguyên ≥ 0).",
              "Phải là số nguyên từ 0 trở lên."),
    "points": ("Kết quả (điểm)", "Ghi số điểm từ 0 đến {max}.", "Số điểm phải từ 0 đến {max}."),
    "not_applicable": ("Không áp dụng (hạ chuẩn)", "Chọn “Có” nếu tiêu chí không phát sinh trong năm (hạ chuẩn).",
                       "Chỉ chọn “Có” hoặc để trống."),
}
