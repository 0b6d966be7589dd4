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
TIER_FROM = "Số lượng từ {count}"  # only where a tier has no text of its own

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
# Each names the place ({where}) and says what to do. Fields are filled by findings.catalogue.finding().
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
    "plan-parent-cycle": ("{where}: tiêu chí {code} nằm trong một vòng cấp trên (là cấp trên của chính nó). "
                          "Hãy sửa cột “Mã cấp trên”."),
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
PAGE_FOOTER = "&LLập ngày {date}&CTrang &P/&N"  # the date as text: &D prints in the printer's locale
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
    "completion": ("Tỷ lệ hoàn thành (%)", "Ghi số nguyên từ 0 đến 100, ví dụ 80 (là 80%); 1 là 1%.",
                   "Tỷ lệ hoàn thành phải là số nguyên từ 0 đến 100, ví dụ 80 (không ghi 0,8 hay 80%)."),
    "completed_on": ("Ngày hoàn thành", "Ghi ngày dạng dd/mm/yyyy, trong năm {year}.",
                     "Ngày không hợp lệ hoặc nằm ngoài năm {year}. Ghi dạng dd/mm/yyyy."),
    "text": ("Nội dung", "Ghi ngắn gọn (tối đa {limit} ký tự).", "Nội dung quá dài (tối đa {limit} ký tự)."),
    "choice": ("Kết quả", "Chọn một mức trong danh sách.", "Hãy chọn một mức trong danh sách."),
    "yesno": ("Kết quả", "Chọn “Có” hoặc “Không”.", "Chỉ chọn “Có” hoặc “Không”."),
    "percent": ("Kết quả (%)", "Ghi tỷ lệ % từ 0 đến 100, ví dụ 80 hoặc 80% (1 là 1%).",
                "Tỷ lệ phải là số từ 0 đến 100, ví dụ 80 hoặc 80%."),
    "count": ("Kết quả (số lượng)", "Ghi số lượng theo cột “Cách chấm” (số nguyên ≥ 0).",
              "Phải là số nguyên từ 0 trở lên."),
    "points": ("Kết quả (điểm)", "Ghi số điểm từ 0 đến {max}.", "Số điểm phải từ 0 đến {max}."),
    "not_applicable": ("Không áp dụng (hạ chuẩn)", "Chọn “Có” nếu tiêu chí không phát sinh trong năm (hạ chuẩn).",
                       "Chỉ chọn “Có” hoặc để trống."),
}

# --- collect: findings about returned files (file, sheet, cell, value, what to do) ------
MESSAGES.update({
    "file-skipped-lock": "{file}: tệp khóa tạm của Excel/LibreOffice, bỏ qua.",
    "file-skipped-other": "{file}: không phải bảng tính (.xlsx, .xlsm, .xls, .ods), bỏ qua.",
    "file-no-attachment": ("{file}: thư không có tệp bảng tính đính kèm nên chưa nhận được báo cáo từ thư này "
                           "(có thể người gửi quên đính kèm hoặc chỉ gửi đường dẫn). Hãy đề nghị người gửi đính kèm tệp."),
    "file-duplicate": "{file}: nội dung trùng hoàn toàn với tệp đã nhận trước đó ({first}); không ghi nhận lại.",
    "file-encrypted": ("{file}: tệp được đặt mật khẩu nên không đọc được. Hãy gỡ mật khẩu (Tệp > Thông tin > "
                       "Bảo vệ sổ làm việc) rồi gửi lại."),
    "file-not-spreadsheet": ("{file}: nội dung không phải bảng tính {expected} (tên tệp và nội dung không khớp). "
                             "Hãy mở tệp bằng Excel và lưu lại dạng .xlsx rồi gửi lại."),
    "file-truncated": "{file}: tệp bị hỏng hoặc không trọn vẹn (có thể do tải về chưa xong). Hãy gửi lại tệp.",
    "file-too-large": ("{file}: tệp quá lớn ({size}, giới hạn {limit}). Biểu mẫu chỉ khoảng vài chục KB; hãy dùng "
                       "đúng tệp đã được gửi, không chèn ảnh hay dữ liệu khác."),
    "file-too-expanded": ("{file}: tệp chứa dữ liệu bất thường ({detail}); không đọc để bảo đảm an toàn. Hãy dùng "
                          "đúng biểu mẫu đã được gửi."),
    "file-unreadable": "{file}: không đọc được tệp ({reason}). Hãy mở bằng Excel, lưu lại dạng .xlsx và gửi lại.",
    "file-reader-crashed": ("{file}: tệp làm chương trình đọc bị dừng đột ngột; không đọc được. Hãy mở bằng "
                            "Excel, lưu lại dạng .xlsx và gửi lại."),
    "file-converted": ("{file}: tệp lưu dạng {format}, chỉ đọc được giá trị. Lần sau hãy lưu dạng .xlsx "
                       "(Excel Workbook)."),
    "file-macros": "{file}: tệp có macro (.xlsm); chương trình chỉ đọc giá trị, không chạy macro.",
    "meta-missing": ("{file}: không có trang thông tin biểu mẫu (_meta) hoặc đã bị sửa; đã nhận diện là của "
                     "“{unit}” theo {how}. Lần sau hãy điền trực tiếp vào biểu mẫu được gửi."),
    "meta-unidentified": ("{file}: không xác định được đơn vị gửi (thiếu trang _meta, tên tệp và nội dung không "
                          "có tên đơn vị). Hãy dùng đúng biểu mẫu được gửi cho đơn vị."),
    "meta-other-period": ("{file}: biểu mẫu của kỳ “{found}”, không phải kỳ “{expected}” đang tổng hợp; không "
                          "đưa vào tổng hợp kỳ này."),
    "meta-other-plan": ("{file}: biểu mẫu tạo từ kế hoạch khác (mã {found}, hiện hành {expected}) và không dòng nào "
                        "của đơn vị có Mã trong kế hoạch hiện hành; không đưa vào tổng hợp. Hãy điền vào biểu mẫu "
                        "mới nhất."),
    "meta-sender-differs": ("{file}: biểu mẫu của “{unit}” nhưng được gửi từ địa chỉ {sender} (không phải địa chỉ "
                            "của đơn vị); vẫn ghi nhận theo biểu mẫu."),
    "sheet-missing": "{file}: thiếu trang tính “{sheet}”. Không đổi tên hay xóa trang tính của biểu mẫu.",
    "header-missing": ("{file}, trang “{sheet}”: không tìm thấy cột “{column}”. Không đổi tên hay xóa cột của "
                       "biểu mẫu."),
    "row-unknown-code": ("{file}, trang “{sheet}”, ô {cell}: mã “{value}” không có trong kế hoạch; dòng này "
                         "không được tính. Không thêm dòng hay sửa cột Mã."),
    "row-missing": ("{file}, trang “{sheet}”: thiếu dòng mã {code} của kế hoạch. Không xóa dòng của biểu mẫu; "
                    "hãy bổ sung lại."),
    "row-duplicate": ("{file}, trang “{sheet}”, ô {cell}: mã {code} xuất hiện lần nữa (đã có ở ô {first}); chỉ "
                      "dòng đầu tiên được tính."),
    "locked-edited": ("{file}, trang “{sheet}”, ô {cell}: nội dung của kế hoạch đã bị sửa thành “{value}”. Không "
                      "sửa nội dung nhiệm vụ/tiêu chí; kết quả vẫn được ghi nhận theo mã {code}."),
    "status-invalid": ("{file}, trang “{sheet}”, ô {cell}: tình trạng “{value}” không hợp lệ. Hãy chọn một trong: "
                       "{allowed}."),
    "status-missing": "{file}, trang “{sheet}”, ô {cell}: nhiệm vụ {code} chưa chọn tình trạng.",
    "completion-invalid": ("{file}, trang “{sheet}”, ô {cell}: tỷ lệ hoàn thành “{value}” không hợp lệ. Hãy ghi số "
                           "từ 0 đến 100."),
    "completion-status": ("{file}, trang “{sheet}”, ô {cell}: tỷ lệ hoàn thành {value}% không khớp với tình trạng "
                          "“{status}”. Hãy kiểm tra lại."),
    "date-missing": ("{file}, trang “{sheet}”, ô {cell}: nhiệm vụ {code} đã hoàn thành nhưng chưa ghi ngày hoàn "
                     "thành (dd/mm/yyyy)."),
    "date-invalid": "{file}, trang “{sheet}”, ô {cell}: “{value}” không phải là ngày. Hãy ghi dạng dd/mm/yyyy.",
    "date-outside-year": "{file}, trang “{sheet}”, ô {cell}: ngày {value} nằm ngoài năm {year} của kế hoạch.",
    "date-after-cutoff": ("{file}, trang “{sheet}”, ô {cell}: ngày hoàn thành {value} sau ngày chốt số liệu "
                          "{cutoff} của kỳ báo cáo; hãy kiểm tra lại."),
    "evidence-missing": ("{file}, trang “{sheet}”, ô {cell}: {what} nhưng chưa có tài liệu kiểm chứng. Hãy ghi số, "
                         "ký hiệu, ngày văn bản hoặc đường dẫn."),
    "result-invalid": ("{file}, trang “{sheet}”, ô {cell}: kết quả “{value}” không hợp lệ cho tiêu chí {code}. "
                       "{expected}"),
    "result-above-max": ("{file}, trang “{sheet}”, ô {cell}: kết quả {value} vượt mức tối đa ({max}) của tiêu chí "
                         "{code}; chỉ được tính {max}."),
    "result-missing": "{file}, trang “{sheet}”, ô {cell}: tiêu chí {code} chưa có kết quả tự chấm.",
    "na-not-allowed": ("{file}, trang “{sheet}”, ô {cell}: tiêu chí {code} không được hạ chuẩn theo kế hoạch; "
                       "đánh dấu “{value}” không được tính."),
    "points-differ": ("{file}, trang “{sheet}”, ô {cell}: điểm tự chấm trong tệp là {value}, tính lại theo kết quả "
                      "là {expected}; dùng điểm tính lại."),
    "value-ambiguous": "{file}, trang “{sheet}”, ô {cell}: “{value}” được hiểu là {meaning}; hãy kiểm tra lại.",
    "unit-missing": "Đơn vị “{unit}” chưa gửi báo cáo kỳ {period} (hạn {due}).",
    # issue 10
    "file-cell-out-of-range": ("{file}, trang “{sheet}”: ô {cell} có nội dung nhưng nằm ngoài phạm vi của biểu mẫu "
                               "(tới dòng {rows}, cột {columns}), nên tệp chưa được đọc. Nếu nội dung ở ô {cell} "
                               "là nhập nhầm, hãy xóa ô đó (hoặc cả dòng, cột chứa nó), lưu lại và gửi lại tệp."),
})
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
HOW_IDENTIFIED = {"name": "tên đơn vị trong tệp", "file": "tên tệp", "sender": "địa chỉ người gửi",
                  "reply": "thư được trả lời (In-Reply-To)"}

# --- reports ----------------------------------------------------------------------------
VALIDATION_TITLE = "KẾT QUẢ KIỂM TRA BÁO CÁO CCHC — {period}"
VALIDATION_SHEETS = {"summary": "Tóm tắt", "findings": "Chi tiết"}
VALIDATION_SUMMARY_HEADERS = {
    "unit": "Mã đơn vị", "unit_name": "Đơn vị", "state": "Tình trạng", "file": "Tệp mới nhất",
    "received_at": "Thời gian nhận", "versions": "Số lần gửi", "error": "Lỗi", "warning": "Cảnh báo",
    "info": "Lưu ý",
}
VALIDATION_FINDING_HEADERS = {
    "unit": "Đơn vị", "file": "Tệp", "received_at": "Thời gian nhận", "latest": "Bản mới nhất", "sheet": "Trang",
    "cell": "Ô", "row_code": "Mã dòng", "severity": "Mức độ", "code": "Mã lỗi", "message": "Nội dung",
}
STATE = {"returned": "Đã gửi", "missing": "Chưa gửi", "late": "Gửi trễ hạn", "rejected": "Không dùng được"}

# --- the scorecard ----------------------------------------------------------------------
# In print order: the meeting's summary, the unit ranking, then the detail.
SC_SHEETS = {"summary": "Tổng hợp", "units": "Xếp loại đơn vị", "criteria": "Chấm điểm",
             "tasks": "Tiến độ nhiệm vụ", "checks": "Kiểm tra", "trend": "Xu hướng"}
SC_TITLE = "BẢNG TỔNG HỢP KẾT QUẢ CẢI CÁCH HÀNH CHÍNH — {period}"
SC_SUBTITLE = "{department} — số liệu đến ngày {cutoff} — lập ngày {today}"
SC_HEADLINE = {"points": "Tổng điểm đạt được", "max": "Tổng điểm tối đa (đã trừ hạ chuẩn)",
               "index": "Chỉ số CCHC (%)", "cutoff": "Ngày chốt số liệu"}
SC_AREA_HEADERS = {"code": "Mã", "title": "Lĩnh vực", "max": "Điểm tối đa", "na": "Hạ chuẩn",
                   "adjusted": "Tối đa sau hạ chuẩn", "self": "Điểm tự chấm", "final": "Điểm thẩm định/tính",
                   "ratio": "Tỷ lệ đạt"}
SC_CRITERIA_HEADERS = {"code": "Mã", "title": "Nội dung tiêu chí", "unit": "Đơn vị chấm", "rule": "Cách chấm",
                       "result": "Kết quả", "na": "Hạ chuẩn", "evidence": "Tài liệu kiểm chứng",
                       "max": "Điểm tối đa", "na_max": "Điểm hạ chuẩn", "self": "Điểm tự chấm",
                       "appraised": "Điểm thẩm định", "final": "Điểm tính", "diff": "Chênh lệch",
                       "ratio": "Tỷ lệ đạt"}
SC_TASK_HEADERS = {"code": "Mã", "description": "Nhiệm vụ", "unit": "Mã đơn vị", "unit_name": "Đơn vị",
                   "role": "Vai trò", "deadline": "Thời hạn", "status": "Tình trạng", "completion": "Tỷ lệ (%)",
                   "completed_on": "Ngày hoàn thành", "evidence": "Tài liệu kiểm chứng", "flag": "Cảnh báo"}
SC_UNIT_HEADERS = {"unit": "Mã đơn vị", "unit_name": "Đơn vị", "returned": "Báo cáo", "assigned": "Nhiệm vụ chủ trì",
                   "done_on_time": "Hoàn thành đúng hạn", "done_late": "Hoàn thành trễ hạn", "overdue": "Quá hạn",
                   "not_started": "Chưa triển khai", "not_arisen": "Không phát sinh",
                   "completion": "Tỷ lệ hoàn thành (%)", "points": "Điểm tự chấm", "max": "Điểm tối đa",
                   "points_pct": "Tỷ lệ điểm (%)", "score": "Kết quả (%)", "rank": "Xếp hạng",
                   "band": "Xếp loại"}
SC_CHECK_HEADERS = {"unit": "Đơn vị", "file": "Tệp", "sheet": "Trang", "cell": "Ô", "severity": "Mức độ",
                    "message": "Nội dung"}
SC_TREND_TITLE = "Diễn biến qua các kỳ báo cáo"
SC_TREND_AREA = "Tỷ lệ đạt theo lĩnh vực"
SC_TREND_UNIT = "Kết quả (%) theo đơn vị"
SC_CHART_AREAS = "Tỷ lệ đạt theo lĩnh vực"
SC_CHART_UNITS = "Tỷ lệ hoàn thành nhiệm vụ theo đơn vị"
FLAG_OVERDUE = "Quá hạn"
FLAG_LATE = "Trễ hạn"
RETURNED = {True: "Đã gửi", False: "Chưa gửi"}
NOT_RETURNED_NOTE = "Chưa gửi báo cáo"

# --- what the guard found in a refused file (the {detail} of file-too-expanded) ----------
GUARD_DETAIL = {
    "entries": "{count} phần trong tệp",
    "expanded": "giải nén ra {size}",
    "cell": "ô {ref}",
    "range": "vùng dữ liệu tới ô {ref}",
    "repeated": "{count} dòng/cột lặp lại",
    "missing": "không tìm thấy",
}
# Answers read as yes / no in yes-no cells and flags (compared after fold_key).
YES_ANSWERS = frozenset({"có", "co", "x", "yes", "1", "true", "đúng", "đạt"})
NO_ANSWERS = frozenset({"không", "khong", "no", "0", "false", "sai", "chưa", "không đạt", ""})
# Classification of units by result (%), highest first; cchc.toml [bands] may replace it.
DEFAULT_BANDS = {"Xuất sắc": 90, "Tốt": 80, "Khá": 65, "Trung bình": 50, "Yếu": 0}

# --- evidence files (issue 16) ---------------------------------------------------------------
EVIDENCE_FILES_HEADER = "Tệp kiểm chứng"


def _with_column(headers: dict[str, str], after: str, key: str, title: str) -> dict[str, str]:
    # The scorecard's file column sits beside the self-score (criteria) or the evidence text (tasks).
    items = list(headers.items())
    at = next((i + 1 for i, (k, _) in enumerate(items) if k == after), len(items))
    return dict(items[:at] + [(key, title)] + items[at:])


SC_CRITERIA_HEADERS = _with_column(SC_CRITERIA_HEADERS, "self", "files", EVIDENCE_FILES_HEADER)
SC_TASK_HEADERS = _with_column(SC_TASK_HEADERS, "evidence", "files", EVIDENCE_FILES_HEADER)
EVIDENCE_MORE = "{name} (+{more} tệp)"
EVIDENCE_KINDS = {
    "pdf": "PDF", "jpeg": "ảnh JPEG", "png": "ảnh PNG", "gif": "ảnh GIF", "tiff": "ảnh TIFF", "bmp": "ảnh BMP",
    "webp": "ảnh WebP", "docx": "Word", "xlsx": "Excel", "pptx": "PowerPoint", "odt": "văn bản OpenDocument",
    "ods": "bảng tính OpenDocument", "odp": "trình chiếu OpenDocument", "ole2": "Office 97-2003", "rtf": "RTF",
    "zip": "tệp nén ZIP", "rar": "tệp nén RAR", "7z": "tệp nén 7z", "gzip": "tệp nén gzip", "text": "văn bản thuần",
    "xml": "XML", "html": "trang web (có thể chứa mã chạy)", "mp4": "video", "mp3": "âm thanh",
    "docm": "Word có macro", "xlsm": "Excel có macro", "pptm": "PowerPoint có macro", "ole2-macro": "Office có macro",
    "exe": "chương trình Windows (.exe)", "elf": "chương trình Linux", "mach-o": "chương trình macOS",
    "script": "tệp lệnh (script)", "lnk": "lối tắt Windows", "jar": "chương trình Java", "unknown": "không rõ loại",
}
EVIDENCE_ZIP_REASONS = {
    "zip-entries": "quá nhiều tệp bên trong", "zip-unreadable": "tệp nén hỏng hoặc không phải ZIP",
    "encrypted": "tệp bên trong có mật khẩu",
}
EVIDENCE_HOW = {"cited": "Ô “Tài liệu kiểm chứng” nêu tên tệp", "code": "Tên tệp bắt đầu bằng mã",
                "none": "Chưa gắn với nhiệm vụ/tiêu chí nào"}
EVIDENCE_STATES = {"kept": "Đã lưu", "flagged": "Đã lưu, KHÔNG mở (có thể chứa mã chạy)",
                   "refused": "Không lưu (vượt giới hạn hoặc hỏng)"}
EVIDENCE_INDEX_SHEET = "Danh mục"
EVIDENCE_INDEX_TITLE = "DANH MỤC TÀI LIỆU KIỂM CHỨNG – {period}"
EVIDENCE_INDEX_HEADERS = {"unit": "Đơn vị", "code": "Mã", "title": "Nhiệm vụ / tiêu chí", "file": "Tệp",
                          "how": "Gắn theo", "received": "Nhận lúc", "size": "Dung lượng (byte)", "kind": "Loại",
                          "state": "Trạng thái", "sha256": "SHA-256", "source": "Nguồn", "link": "Mở tệp"}
EVIDENCE_PACK_TASKS = "Nhiem-vu"
EVIDENCE_PACK_UNLINKED = "Chua-gan"
EVIDENCE_OPEN = "Mở"
MESSAGES.update({
    "evidence-kept": "{file}: đã lưu làm tài liệu kiểm chứng ({kind}, {size}).",
    "evidence-type-differs": ("{file}: đuôi tên tệp không đúng với nội dung ({kind}); bản lưu mang đuôi {suffix}. "
                              "Văn phòng mở bản trong thư mục tài liệu kiểm chứng."),
    "evidence-flagged": ("{file}: tệp “{value}” là {kind}, có thể chạy mã khi mở. Đã lưu vào kho (archive/, đuôi .bin) "
                         "nhưng không sao chép ra thư mục tài liệu kiểm chứng. Đừng mở tệp này; đề nghị đơn vị gửi "
                         "bản PDF hoặc ảnh chụp."),
    "evidence-refused": ("{file}: tệp {size} vượt giới hạn {limit} của một tệp tài liệu kiểm chứng nên không được lưu. "
                         "Đề nghị đơn vị nén, chia nhỏ hoặc gửi đường dẫn; Văn phòng có thể nâng max_evidence_bytes "
                         "trong cchc.toml."),
    "evidence-zip-bomb": ("{file}: tệp nén giải nén ra nhiều hơn kích thước khai báo hoặc vượt {limit}; đã dừng giải "
                          "nén, không lưu tệp này. Tệp nén gốc vẫn được lưu nguyên vẹn. Đề nghị đơn vị gửi lại."),
    "evidence-zip-refused": ("{file}: không giải nén được ({reason}); tệp nén vẫn được lưu nguyên vẹn. "
                             "Đề nghị đơn vị gửi lại các tệp không nén."),
    "evidence-name-unsafe": ("{file}: tên tệp gửi kèm chứa thư mục hoặc ký tự điều khiển (“{value}”); đã lưu dưới tên "
                             "an toàn, không ghi ra ngoài không gian làm việc."),
    "evidence-file-missing": ("{file}, trang “{sheet}”, ô {cell}: mục {code} nêu tệp “{value}” nhưng tệp này không có "
                              "trong thư hoặc thư mục gửi kèm biểu mẫu. Hãy gửi kèm tệp đó hoặc sửa tên cho đúng."),
    "evidence-archive-unopened": ("{file}: tệp nén {kind} không được mở (chỉ tệp .zip được giải nén); đã lưu nguyên "
                                  "vẹn. Nếu trong đó có biểu mẫu báo cáo, đề nghị đơn vị gửi lại tệp .xlsx hoặc .zip."),
    "evidence-unlinked": ("{file}: tệp “{value}” gửi kèm không gắn được với nhiệm vụ hay tiêu chí nào (không ô “Tài liệu "
                          "kiểm chứng” nào nêu tên tệp và tên tệp không bắt đầu bằng mã). Văn phòng xem trong danh mục "
                          "tài liệu kiểm chứng; lần sau hãy đặt tên tệp bắt đầu bằng mã, ví dụ “I.1.2 - Kế hoạch.pdf”."),
})
# --- intake: odd names, links, held returns, environment problems (issue 10) ---
MESSAGES.update({
    "file-link-outside": ("{file}: là liên kết (symlink) trỏ ra ngoài thư mục nhận ({target}); không đọc, để không "
                          "lưu nhầm tệp của hệ thống. Nếu đó là báo cáo thật, hãy chép chính tệp vào thư mục nhận."),
    "file-link-inside": ("{file}: là liên kết tới {target} trong cùng thư mục nhận; không đọc qua liên kết "
                         "(tệp đích được đọc trực tiếp)."),
    "file-link-dangling": ("{file}: là liên kết tới {target} nhưng tệp đích không còn; không có gì để đọc. Hãy chép "
                           "tệp thật vào thư mục nhận."),
    "file-special": "{file}: không phải tệp thông thường ({kind}); không đọc. Hãy gỡ nó khỏi thư mục nhận.",
    "file-name-not-utf8": ("{file}: tên tệp có ký tự không đọc được (thường do giải nén tệp .zip tạo trên Windows); "
                           "đã ghi tên thay thế, tên gốc dạng byte: {raw}."),
    "file-not-recorded": "{file}: không ghi nhận được ({reason}); các tệp khác vẫn được xử lý. Hãy báo cho quản trị.",
    "sender-held": ("{file}: gửi từ {sender}, không phải địa chỉ liên hệ của {unit}. Tệp đã được lưu nhưng CHƯA gộp, "
                    "chờ Văn phòng xác nhận: cchc accept --period {period} {sha} (hoặc thêm --reject để từ chối)."),
    "value-too-long": ("{file}, sheet {sheet}, dòng {row}, cột “{column}”: nội dung dài {length} ký tự, quá giới hạn "
                       "32.767 ký tự của một ô Excel. Sổ ghi nhận giữ nguyên văn; bảng tổng hợp và tệp phản hồi chỉ "
                       "hiện phần đầu. Hãy rút gọn hoặc đưa phần dài vào tệp kiểm chứng."),
})
FILE_KINDS = {"fifo": "đường ống FIFO", "socket": "socket", "device": "thiết bị"}
STATE["held"] = "Chờ Văn phòng xác nhận"
VERDICT_HELD = "held"
# Console lines of the intake commands (collect, status, accept).
CONSOLE = {
    "held-line": "Chờ Văn phòng xác nhận: {count} tệp (gửi từ địa chỉ không phải của đơn vị, hoặc sẽ thay bài đã "
                 "nộp khi đang tổng hợp kỳ khác); xem xét rồi chạy 'cchc accept --period {period} TỆP-hoặc-MÃ' "
                 "(hoặc --reject).",
    "held-item": "    {unit:<7} {file}  từ {sender}  mã {sha}",
    "accepted": "Đã chấp nhận {file} của {unit} (mã {sha}): dữ liệu được gộp vào kỳ {period}.",
    "rejected": "Đã từ chối {file} của {unit} (mã {sha}): tệp vẫn được lưu nhưng không gộp.",
    "already": "{file} của {unit} (mã {sha}) đã được quyết định trước đó: {decision}. Quyết định mới được ghi thêm.",
    "not-held": "{file} (mã {sha}) không chờ xác nhận: tệp do Văn phòng tự đặt vào, hoặc gửi từ địa chỉ của đơn vị.",
    "not-found": "Không tìm thấy tệp nào của kỳ {period} khớp với {what}. Các tệp đang chờ xác nhận: {held}.",
    "ambiguous": "{what} khớp với nhiều tệp của kỳ {period}: {matches}. Hãy ghi đủ mã (SHA-256) của tệp.",
    "none-held": "không có",
}
DECISION = {"accepted": "đã chấp nhận", "rejected": "đã từ chối"}
# One line per environment problem: what happened, where, what to do (exit 1; nothing half-written).
ENVIRONMENT = {
    "disk-full": "Ổ đĩa đã đầy: không ghi được {path}. Hãy giải phóng chỗ trống rồi chạy lại lệnh; "
                 "không có gì bị ghi dở.",
    "read-only": "Không ghi được vào {path}: thư mục hoặc ổ đĩa chỉ cho phép đọc. Hãy chọn nơi ghi được "
                 "(hoặc bỏ chế độ chỉ đọc) rồi chạy lại.",
    "permission": "Không có quyền ghi/đọc {path}. Hãy kiểm tra quyền của thư mục hoặc chọn nơi khác rồi chạy lại.",
    "not-found": "Không tìm thấy {path}. Hãy kiểm tra đường dẫn rồi chạy lại.",
    "is-directory": "{path} là một thư mục, không phải tệp. Hãy ghi tên tệp đầy đủ (ví dụ ...\\tong-hop.xlsx).",
    "not-a-folder": "Không tạo được thư mục {path}: ở đó đã có một tệp cùng tên. Hãy chọn nơi ghi khác rồi chạy lại.",
    "os-error": "Lỗi khi đọc/ghi {path}: {reason}. Hãy kiểm tra ổ đĩa và thư mục rồi chạy lại.",
    "ledger-locked": "Sổ ghi nhận {path} đang bị một chương trình khác giữ (có thể một lệnh cchc khác đang chạy, "
                     "hoặc tệp đang mở trong công cụ khác). Hãy đợi hoặc đóng chương trình đó rồi chạy lại.",
    "ledger-corrupt": "Sổ ghi nhận {path} bị hỏng hoặc không phải tệp SQLite. Đừng xoá: hãy đổi tên nó (giữ làm "
                      "bản lưu), khôi phục bản sao lưu, hoặc chạy lại 'cchc collect' với thư mục archive/ để ghi lại.",
    "ledger-readonly": "Không ghi được vào sổ ghi nhận {path} (chỉ cho phép đọc). Hãy bỏ chế độ chỉ đọc của thư mục "
                       "làm việc rồi chạy lại.",
    "ledger-full": "Ổ đĩa đã đầy: không ghi được sổ ghi nhận {path}. Hãy giải phóng chỗ trống rồi chạy lại; "
                   "không có gì bị ghi dở.",
    "ledger-other": "Lỗi sổ ghi nhận {path}: {reason}. Hãy chạy lại; nếu vẫn lỗi, hãy báo cho quản trị.",
    "appraisal-refused": "Tệp chấm điểm thẩm định {path} không dùng được: {reason}",
    "unknown-path": "(không rõ đường dẫn)",
}
# Settings (cchc.toml) of the wrong type, or unreadable: the key, what it must be, what to do.
SETTINGS_WRONG = "{file}: “{key}” phải là {what}. Hãy sửa tệp cchc.toml (mở bằng Notepad) rồi chạy lại."
SETTINGS_UNREADABLE = ("{file}: không đọc được tệp cài đặt ({reason}). Hãy sửa dòng được nêu (mở bằng Notepad), "
                       "hoặc chép lại từ một không gian làm việc mới tạo bằng 'cchc init'.")
SETTINGS_EXPECTED = {
    "section": "một mục riêng, ví dụ [{key}] trên một dòng", "path": "tên thư mục hoặc tệp trong dấu nháy kép",
    "text": "chữ trong dấu nháy kép", "positive": "một số nguyên lớn hơn 0", "number": "một số (kết quả %)",
    "year": "năm, viết bằng số (ví dụ 2022)", "port": "số cổng từ 1 đến 65535",
    "contact": '{{ email = "...", contact = "..." }}',
    "addresses": "địa chỉ thư trong dấu nháy kép, hoặc danh sách địa chỉ",
    "ascii": "địa chỉ trong dấu nháy kép, chỉ chữ không dấu",
}

# --- the plan as it really is: corrections, versions, plans as people save them (issue 12) ---
PLAN_SHEETS["corrections"] = "Hiệu chỉnh"
PLAN_HEADERS.update({"where": "Vị trí trong văn bản", "field": "Trường", "printed": "Văn bản ghi",
                     "used": "Giá trị sử dụng", "reason": "Lý do"})
PLAN_CSV_TEXT_LOST = ("tệp được lưu theo bảng mã {encoding} và đã mất chữ tiếng Việt (thành “?”). Hãy mở tệp gốc "
                      "trong Excel và lưu lại bằng “CSV UTF-8 (Comma delimited)”")
MESSAGES.update({
    "plan-ratio-above-max": ("{where}: tiêu chí {code} tính theo công thức với {points} điểm, cao hơn điểm tối đa "
                             "{max}: đơn vị đạt 100% sẽ được nhiều điểm hơn tiêu chí. Hãy sửa một trong hai số."),
    "plan-leaf-no-max": ("{where}: tiêu chí {code} (cách chấm “{rule}”) chưa có điểm tối đa nên luôn được 0 điểm. "
                         "Hãy ghi điểm tối đa."),
    "plan-threshold-fraction": ("{where}: ngưỡng của tiêu chí {code} là {value}, không phải tỷ lệ % từ 1 đến 100 "
                                "(Excel lưu “{percent}%” thành {value}). Hãy ghi ngưỡng bằng số, ví dụ 95."),
    "plan-no-responsible": ("{where}: không tiêu chí nào có “{column}”, nên không đơn vị nào chấm điểm và chỉ số sẽ "
                            "là 0. Hãy thêm lại cột này và ghi đơn vị cho từng lĩnh vực."),
    "plan-several-responsible": ("{where}: tiêu chí {code} ghi nhiều đơn vị chịu trách nhiệm ({units}); kế hoạch tính "
                                 "một chỉ số chung nên chỉ một đơn vị được chấm. Hãy giữ một đơn vị, hoặc ghi "
                                 "index_scope = unit trong bảng Thông tin chung để mỗi đơn vị tự chấm."),
    "plan-bad-year": ("{where}: năm của kế hoạch “{value}” không đọc được. Hãy ghi năm bằng 4 chữ số, ví dụ 2023, "
                      "ở khóa year."),
    "plan-missing-sheet": ("{where}: không thấy trang tính “{table}”; các trang tính lạ: {others}. Nếu đã đổi tên "
                           "trang tính, hãy đặt lại tên “{table}”."),
    "plan-csv-encoding": ("{where}: tệp không phải UTF-8, đã đọc theo bảng mã {encoding}. Hãy kiểm tra chữ tiếng "
                          "Việt, và lưu lại bằng “CSV UTF-8 (Comma delimited)” cho chắc chắn."),
    "plan-checks-skipped": "Các kiểm tra khác sẽ chạy khi đã sửa những lỗi về bảng và cột ở trên.",
    "plan-corrected": ("{where}: {code}, {field}: văn bản ghi {printed} ({source}), kế hoạch dùng {used}. "
                       "Lý do: {reason}"),
    "plan-correction-stale": ("{where}: hiệu chỉnh {code}, {field} ghi giá trị sử dụng {used} nhưng kế hoạch đang "
                              "có {current}. Hãy cập nhật bảng Hiệu chỉnh hoặc bảng tiêu chí/mức điểm."),
    "meta-older-plan": ("{file}: biểu mẫu tạo từ phiên bản kế hoạch {found} (hiện hành {expected}); đã đối chiếu "
                        "từng dòng theo Mã."),
    "meta-unknown-plan": ("{file}: biểu mẫu tạo từ kế hoạch {found}, không có trong các phiên bản đã lưu (hiện hành "
                          "{expected}); đã đối chiếu từng dòng theo Mã, hãy kiểm tra lại."),
    "row-plan-changed": ("{file}, trang {sheet}, ô {cell}: dòng {code} đã thay đổi trong kế hoạch hiện hành "
                         "({changes}); kết quả vẫn được nhận."),
    "row-plan-rescored": ("{file}, trang {sheet}, ô {cell}: cách chấm của tiêu chí {code} đã thay đổi trong kế hoạch "
                          "hiện hành ({changes}); kết quả được chấm theo kế hoạch hiện hành, hãy kiểm tra lại."),
    "row-plan-removed": ("{file}, trang {sheet}, ô {cell}: dòng {code} không còn trong kế hoạch hiện hành; "
                         "không tính."),
    "row-plan-new": ("{file}, trang {sheet}: dòng {code} mới có trong kế hoạch hiện hành, biểu mẫu này chưa có; "
                     "hãy báo cáo ở kỳ sau hoặc dùng biểu mẫu mới."),
})
TIER_LINE = "{text} (số lượng từ {count}): {points}"
NA_CONDITION = "Hạ chuẩn: {text}"

# --- what the guard judges by what a file holds (issue 10) ---
GUARD_DETAIL_ROW = "dòng {row}"
GUARD_DETAIL_COLUMN = "cột {column}"
GUARD_DETAIL_LYING = "phần {part} khai báo {size} nhưng giải nén ra nhiều hơn"

# --- values read as the unit meant them (issue 11) ---------------------------------------
MESSAGES.update({
    "percent-above-100": ("{file}, trang “{sheet}”, ô {cell}: tỷ lệ “{value}” vượt quá 100%; ô này không được "
                          "tính. Hãy ghi tỷ lệ từ 0 đến 100, ví dụ 80 hoặc 80%."),
    "percent-fraction": ("{file}, trang “{sheet}”, ô {cell}: “{value}” được tính là {percent}%. Nếu ý là {meant}%, "
                         "hãy ghi {meant} (hoặc {meant}%)."),
    "header-missing-info": ("{file}, trang “{sheet}”: không tìm thấy cột “{column}” (cột thông tin của kế hoạch); "
                            "các giá trị vẫn được đọc theo cột Mã. Lần sau không xóa cột của biểu mẫu."),
    "formats-unknown": ("{file}: không đọc được định dạng số của tệp; các tỷ lệ từ 0 đến 1 được hiểu là phần trăm "
                        "(0,8 là 80%). Hãy kiểm tra lại các ô tỷ lệ."),
})
# Feedback workbooks: the problems that belong to no cell of the fresh workbook, on the guide sheet.
FEEDBACK_LIST_TITLE = "CÁC NỘI DUNG CẦN XEM LẠI (không gắn với ô cụ thể)"
# The scorecard: a cell whose value was left out of the merge.
LEFT_OUT_NOTE = "Giá trị trong báo cáo của đơn vị không hợp lệ nên không được tính; xem trang “Kiểm tra”."
# --- unit groups, index scope, areas, many units, safe file names (issue 13) ---
PLAN_HEADERS["groups"] = "Thuộc nhóm"
MESSAGES.update({
    "plan-unknown-group": ("{where}: đơn vị {code} thuộc nhóm “{value}” nhưng bảng Đơn vị không có nhóm này. "
                           "Hãy thêm một dòng loại “group” với mã đó, hoặc sửa cột “Thuộc nhóm”."),
    "plan-bad-setting": "{where}: “{key}” = “{value}” không hợp lệ; chỉ nhận: {allowed}.",
    "plan-empty-group": ("{where}, cột “{column}”: nhóm “{value}” chưa có đơn vị nào. Hãy ghi mã nhóm vào cột "
                         "“Thuộc nhóm” của các đơn vị trong nhóm."),
    "plan-unsafe-name": ("{where}: mã “{code}” có ký tự không dùng được trong tên tệp ({chars}); tên tệp sẽ dùng "
                         "“{safe}”. Nên đổi mã chỉ gồm chữ, số, “-” và “_”."),
    "plan-area-level": ("{where}: area_level = {level} nhưng cây tiêu chí không có cấp này ở {code}; tiêu chí "
                        "{code} được coi là một lĩnh vực."),
})
SC_UNIT_INDEX_SHEET = "Chỉ số đơn vị"
SC_UNIT_SCORES_SHEET = "Điểm theo đơn vị"
SC_MATRIX_SHEET = "Ma trận nhiệm vụ"
SC_PROBLEMS_SHEET = "Vấn đề cần xử lý"
SC_UNIT_INDEX_HEADERS = {"unit": "Mã đơn vị", "unit_name": "Đơn vị", "groups": "Nhóm", "returned": "Báo cáo",
                         "points": "Điểm đạt", "max": "Điểm tối đa sau hạ chuẩn", "index": "Chỉ số CCHC (%)",
                         "rank": "Xếp hạng", "band": "Xếp loại"}
SC_UNIT_SCORES_HEADERS = {"unit": "Mã đơn vị", "code": "Mã tiêu chí", "title": "Nội dung tiêu chí",
                          "result": "Kết quả", "na": "Hạ chuẩn", "evidence": "Tài liệu kiểm chứng",
                          "max": "Điểm tối đa", "na_max": "Điểm hạ chuẩn", "self": "Điểm tự chấm",
                          "appraised": "Điểm thẩm định", "final": "Điểm tính"}
SC_UNIT_INDEX_TITLE = "CHỈ SỐ CCHC CỦA TỪNG ĐƠN VỊ"
SC_DISTRIBUTION = {"title": "Phân bố chỉ số CCHC của các đơn vị", "best": "Cao nhất", "worst": "Thấp nhất",
                   "mean": "Trung bình", "count": "Số đơn vị", "group": "Nhóm", "all": "Tất cả đơn vị"}
SC_MATRIX_TITLE = "TIẾN ĐỘ NHIỆM VỤ CHỦ TRÌ: ĐƠN VỊ × NHIỆM VỤ"
SC_MATRIX_LEGEND = ("Ký hiệu: HT hoàn thành đúng hạn · TR hoàn thành trễ hạn · QH quá hạn · ĐT đang thực hiện · "
                    "CT chưa triển khai · KPS không phát sinh · ? chưa báo cáo. Đơn vị xếp theo thứ hạng.")
SC_MATRIX_CODES = {"done": "HT", "late": "TR", "overdue": "QH", "in_progress": "ĐT", "not_started": "CT",
                   "not_arisen": "KPS", "missing": "?"}
SC_PROBLEMS_TITLE = "CÁC VẤN ĐỀ CẦN XỬ LÝ: QUÁ HẠN, TRỄ HẠN, CHƯA BÁO CÁO"
SC_PROBLEMS_HEADERS = {"unit": "Mã đơn vị", "unit_name": "Đơn vị", "kind": "Vấn đề", "task": "Mã nhiệm vụ",
                       "description": "Nhiệm vụ", "deadline": "Thời hạn"}
SC_PROBLEM_KINDS = {"missing": "Chưa gửi báo cáo", "overdue": FLAG_OVERDUE, "late": FLAG_LATE}
SC_POOLED_UNITS = "{count} đơn vị"
SC_POOLED_EVIDENCE = "{count}/{total} đơn vị có tài liệu"
SC_DATA_SHEET_NOTE = ("Trang dữ liệu chi tiết (rất nhiều dòng): chỉ in phần tiêu đề; xem, lọc trên máy tính. "
                      "Số liệu tổng hợp ở các trang Chỉ số đơn vị, Xếp loại đơn vị, Ma trận nhiệm vụ.")
SC_TREND_INDEX = "Chỉ số CCHC (%) theo đơn vị"
SC_CHART_BEST_WORST = "{count} đơn vị cao nhất và {count} đơn vị thấp nhất: {what}"
SC_CHART_WHAT = {"index": "chỉ số CCHC (%)", "score": "kết quả (%)"}
SC_CHART_DATA = "Số liệu biểu đồ"

# --- the console and the Office's page (issue 15) ---------------------------------------
# Every line a clerk reads from ``cchc``: Vietnamese by default, English with --lang en or
# CCHC_LANG=en. Keys are looked up by language.say(); fields are filled with str.format.
# (CONSOLE_LINES, not CONSOLE: the intake's commands have their own CONSOLE table.)
CONSOLE_LINES = {
    "vi": {
        "error": "Lỗi: {message}",
        "error-line": "[lỗi] {message}",
        "error-unit": "[lỗi] {unit}: {reason}",
        "finding": "[{severity}] {title} ({code}): {message}",
        "wrote": "Đã ghi {path}",
        "output-protected": ("{path}: đây là dữ liệu Văn phòng lưu giữ (sổ ghi nhận, kho lưu, hộp thư đến, kế hoạch, "
                             "biểu mẫu đã gửi); không ghi đè. Hãy chọn nơi khác, ví dụ thư mục reports."),
        "output-suffix": "{path}: tệp kết quả phải có đuôi {suffix}.",
        "output-locked": "Tệp {path} đang được mở trong chương trình khác (Excel, trình xem PDF?): hãy đóng tệp {path} rồi chạy lại.",
        "init-created": "Đã tạo thư mục làm việc: {root}",
        "init-plan": "Kế hoạch: {title} — {department} ({year})",
        "init-counts": "{tasks} nhiệm vụ, {criteria} tiêu chí, {units} đơn vị.",
        "init-plan-errors": "Kế hoạch có {count} lỗi: hãy chạy 'cchc plan check -w {directory}'.",
        "plan-counts": ("{tasks} nhiệm vụ, {criteria} tiêu chí (cấp cuối), tổng điểm tối đa {total:g} (các phần ghi "
                        "{sections:g})."),
        "plan-gap": "  chênh {gap:g} tại {code}: văn bản ghi {declared:g}, cộng các phần được {computed:g}",
        "plan-declared": " (văn bản ghi {declared:g})",
        "plan-area": "  {code:<6} {max:>7g}{declared}  {title}",
        "plan-version-changes": "{id} ({count} thay đổi)",
        "plan-versions-other": ("Đã có biểu mẫu tạo từ phiên bản kế hoạch khác: {listed}; 'cchc plan diff' liệt kê "
                                "các thay đổi."),
        "plan-diff-none": "Chưa có phiên bản kế hoạch nào trước đó để so sánh (đã lưu: {ids}).",
        "plan-diff-head": "{old} → {new}: {count} thay đổi",
        "plan-diff-row": "  {kind} {table} {code}{detail}",
        "plan-summary": "{errors} lỗi, {warnings} cảnh báo, {infos} lưu ý.",
        "plan-export-has-errors": "kế hoạch có lỗi; hãy chạy 'cchc plan check' để xem",
        "progress-generate": "Đang tạo biểu mẫu",
        "progress-collect": "Đang thu nhận",
        "generate-item": "{path}  ({tasks} nhiệm vụ, {criteria} dòng tiêu chí)",
        "generate-summary": "Đã tạo {count} biểu mẫu, danh sách {manifest}",
        "generate-failed": "{count} biểu mẫu không tạo được",
        "collect-item": "{verdict:<12} {unit:<7} {file}  ({errors} lỗi, {warnings} cảnh báo)",
        "collect-summary": ("{items} tệp: {accepted} hợp lệ, {warnings} có cảnh báo, {errors} có lỗi, {rejected} không "
                            "dùng được, {held} chờ xác nhận, {released} đã gỡ giữ, {duplicate} đã nhận trước đó, "
                            "{evidence} tệp kiểm chứng, {skipped} bỏ qua."),
        "collect-held": "{count} tệp chờ Văn phòng xác nhận.",
        "missing": "Chưa gửi: {units}",
        "report": "Báo cáo kiểm tra: {path}",
        "status-period": "{period}: hạn {due}",
        "status-row": "{unit:<7} {state:<24} {received:<19} {errors:>3} lỗi {warnings:>3} cảnh báo  lần {versions}  {file}",
        "feedback-item": "{unit:<7} {count:>3} vấn đề  {path}",
        "feedback-summary": "{files} biểu mẫu phản hồi, {drafts} thư trong {folder}",
        "appraisal-recorded": "Đã ghi {count} điểm thẩm định từ {path}",
        "scorecard-index": ("Chỉ số CCHC {index:.2f}% ({points:.4g} / {max:.4g} điểm); {returned} trên {units} "
                            "đơn vị đã gửi báo cáo."),
        "print-missing-scorecard": "kỳ {period} chưa có bảng tổng hợp: hãy chạy 'cchc scorecard -p {period}' trước",
        "print-no-office": ("Chưa cài LibreOffice: hãy cài (https://www.libreoffice.org) rồi chạy lại; trong lúc chờ "
                            "có thể in scorecard.xlsx bằng Excel"),
        "print-failed": "LibreOffice không in được {path}: {reason}",
        "demo-workspace": "Thư mục làm việc mẫu: {root}",
        "demo-files": "  {count:>3} {what:<20} trong {folders}",
        "demo-period": "  {period}: chỉ số {index:.2f}%; đơn vị có vấn đề: {problems}; chưa gửi: {missing}",
        "demo-open": "Mở {path} để xem bảng tổng hợp.",
        "demo-no-office": "Chưa cài LibreOffice: các bảng tổng hợp chưa được in ra PDF.",
        "demo-print-failed": "LibreOffice không in được các bảng tổng hợp: {reason}",
        "none": "không có",
        "mail-draft": "{state:<14} {unit:<8} {recipient:<32} {path}",
        "mail-sent": "đã gửi",
        "mail-sent-count": "Đã gửi {count} thư qua {server}.",
        "mail-summary": "Đã soạn {written} thư, giữ nguyên {kept}, đã gửi trước đó {sent}{hint}.",
        "mail-hint": "; gửi bằng --send hoặc từ chương trình thư",
        "mail-problems": "{count} vấn đề; hãy sửa rồi chạy lại đúng lệnh này",
        "password": "Mật khẩu của {user} tại {host}",
        "serve-address": "Trang của Văn phòng: {url}  (Ctrl+C để dừng)",
        "serve-port-busy": "cổng {port} đang được dùng: hãy chọn cổng khác bằng --port",
        "workspace-plan-errors": "kế hoạch của thư mục làm việc có lỗi; hãy sửa trước ('cchc plan check')",
        "mail-cannot-send": "không gửi được thư qua {server}: {reason}",
        "mail-cannot-read": "không đọc được hộp thư {server}: {reason}",
        "mail-needs-password": "cần mật khẩu để đăng nhập {server}",
        "mail-no-folder": "{server}: không mở được thư mục {folder!r}: {reason}",
    },
    "en": {
        "error": "Error: {message}",
        "error-line": "[error] {message}",
        "error-unit": "[error] {unit}: {reason}",
        "finding": "[{severity}] {title} ({code}): {message}",
        "wrote": "Wrote {path}",
        "output-protected": ("{path}: this is what the workspace keeps (ledger, archive, inbox, plan, sent "
                             "workbooks); it is never overwritten. Choose another place, e.g. the reports folder."),
        "output-suffix": "{path}: the output file must end in {suffix}.",
        "output-locked": "{path} is open in another program (Excel, a PDF viewer?): close {path} and run the command again.",
        "init-created": "Workspace created: {root}",
        "init-plan": "Plan: {title} — {department} ({year})",
        "init-counts": "{tasks} tasks, {criteria} criteria, {units} units.",
        "init-plan-errors": "The plan has {count} errors: run 'cchc plan check -w {directory}'.",
        "plan-counts": "{tasks} tasks, {criteria} criteria (leaves), total maximum {total:g} (sections declare {sections:g}).",
        "plan-gap": "  gap {gap:g} at {code}: declared {declared:g}, parts add up to {computed:g}",
        "plan-declared": " (declared {declared:g})",
        "plan-area": "  {code:<6} {max:>7g}{declared}  {title}",
        "plan-version-changes": "{id} ({count} changes)",
        "plan-versions-other": "Workbooks were generated from other plan versions: {listed}; 'cchc plan diff' lists the changes.",
        "plan-diff-none": "No earlier plan version to compare with (kept: {ids}).",
        "plan-diff-head": "{old} → {new}: {count} changes",
        "plan-diff-row": "  {kind} {table} {code}{detail}",
        "plan-summary": "{errors} errors, {warnings} warnings, {infos} notes.",
        "plan-export-has-errors": "the plan has errors; run 'cchc plan check' to see them",
        "progress-generate": "Generating",
        "progress-collect": "Collecting",
        "generate-item": "{path}  ({tasks} tasks, {criteria} criteria rows)",
        "generate-summary": "{count} workbooks written, manifest {manifest}",
        "generate-failed": "{count} workbooks could not be written",
        "collect-item": "{verdict:<9} {unit:<7} {file}  ({errors} errors, {warnings} warnings)",
        "collect-summary": ("{items} items: {accepted} accepted, {warnings} with warnings, {errors} with errors, "
                            "{rejected} rejected, {held} held, {released} released, {duplicate} already recorded, "
                            "{evidence} evidence files, {skipped} skipped."),
        "collect-held": "{count} files wait for the Office's acceptance.",
        "missing": "Missing: {units}",
        "report": "Report: {path}",
        "status-period": "{period}: due {due}",
        "status-row": "{unit:<7} {state:<9} {received:<19} {errors:>3} errors {warnings:>3} warnings  v{versions}  {file}",
        "feedback-item": "{unit:<7} {count:>3} problems  {path}",
        "feedback-summary": "{files} feedback workbooks, {drafts} messages in {folder}",
        "appraisal-recorded": "Recorded {count} appraised scores from {path}",
        "scorecard-index": "Index {index:.2f}% ({points:.4g} / {max:.4g} points); {returned} of {units} units returned.",
        "print-missing-scorecard": "no scorecard for {period} yet: run 'cchc scorecard -p {period}' first",
        "print-no-office": ("LibreOffice is not installed: install it (https://www.libreoffice.org) and run again; "
                            "the scorecard.xlsx can be printed from Excel meanwhile"),
        "print-failed": "LibreOffice could not print {path}: {reason}",
        "demo-workspace": "Demo workspace: {root}",
        "demo-files": "  {count:>3} {what:<20} in {folders}",
        "demo-period": "  {period}: index {index:.2f}%; units with problems: {problems}; missing: {missing}",
        "demo-open": "Open {path} to see the scorecard.",
        "demo-no-office": "LibreOffice is not installed: the scorecards were not printed to PDF.",
        "demo-print-failed": "LibreOffice could not print the scorecards: {reason}",
        "none": "none",
        "mail-draft": "{state:<11} {unit:<8} {recipient:<32} {path}",
        "mail-sent": "sent",
        "mail-sent-count": "{count} messages sent through {server}.",
        "mail-summary": "{written} drafts written, {kept} kept, {sent} sent earlier{hint}.",
        "mail-hint": "; send them with --send or from your mail program",
        "mail-problems": "{count} problems; fix them and run the same command again",
        "password": "Password for {user} at {host}",
        "serve-address": "The Office's page: {url}  (Ctrl+C to stop)",
        "serve-port-busy": "port {port} is in use: choose another with --port",
        "workspace-plan-errors": "the workspace's plan has errors; fix them first ('cchc plan check')",
        "mail-cannot-send": "cannot send through {server}: {reason}",
        "mail-cannot-read": "cannot read {server}: {reason}",
        "mail-needs-password": "a password is needed to log in to {server}",
        "mail-no-folder": "{server}: cannot open folder {folder!r}: {reason}",
    },
}
# A unit's state for the period, a submission's verdict, a finding's severity, in each language.
CONSOLE_STATE = {
    "vi": {**STATE, "held": "Chờ Văn phòng xác nhận"},
    "en": {"returned": "returned", "missing": "missing", "late": "late", "rejected": "rejected",
           "held": "held"},
}
CONSOLE_VERDICT = {
    "vi": {"accepted": "hợp lệ", "warnings": "có cảnh báo", "errors": "có lỗi", "rejected": "không dùng được",
           "duplicate": "đã nhận", "skipped": "bỏ qua", "held": "chờ xác nhận", "pending": "đang xử lý"},
    "en": {},  # English shows the verdict's code itself
}
CONSOLE_SEVERITY = {"vi": {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}, "en": {}}
CONSOLE_MAIL_STATE = {"vi": {"written": "đã soạn", "kept": "giữ nguyên", "sent": "đã gửi trước"},
                      "en": {"written": "wrote", "kept": "kept", "sent": "sent before"}}
# Finding codes as a clerk reads them (a title; the message says where and what to do).
FINDING_TITLES = {
    "vi": {
        "plan-missing-table": "Thiếu bảng", "plan-missing-column": "Thiếu cột", "plan-unreadable": "Không đọc được",
        "plan-bad-number": "Không phải số", "plan-bad-date": "Không phải ngày", "plan-bad-flag": "Sai giá trị 1/0",
        "plan-bad-choice": "Giá trị không hợp lệ", "plan-missing-value": "Thiếu giá trị",
        "plan-duplicate-code": "Trùng mã", "plan-unknown-unit": "Không rõ đơn vị",
        "plan-unknown-parent": "Không rõ tiêu chí cấp trên", "plan-parent-after-child": "Sai thứ tự cấp trên",
        "plan-parent-cycle": "Vòng cấp trên", "plan-unknown-criterion": "Không rõ tiêu chí",
        "plan-unknown-rule": "Không rõ cách chấm", "plan-leaf-without-rule": "Thiếu cách chấm",
        "plan-group-with-rule": "Tiêu chí có con mang cách chấm", "plan-too-few-levels": "Quá ít mức",
        "plan-level-order": "Sai thứ tự mức", "plan-tier-count": "Thiếu số lượng của mức",
        "plan-missing-threshold": "Thiếu ngưỡng", "plan-task-without-lead": "Nhiệm vụ chưa có chủ trì",
        "plan-deadline-missing": "Thiếu thời hạn", "plan-deadline-outside-year": "Thời hạn ngoài năm",
        "plan-unknown-period": "Không rõ kỳ báo cáo", "plan-period-dates": "Ngày của kỳ không hợp lý",
        "plan-no-scorer": "Chưa có đơn vị chấm", "plan-sum-mismatch": "Tổng điểm con không khớp",
        "plan-total-mismatch": "Tổng cộng không khớp", "plan-level-above-max": "Mức vượt điểm tối đa",
        "plan-level-no-points": "Mức không ghi điểm", "plan-levels-equal": "Các mức bằng điểm nhau",
        "plan-max-missing": "Thiếu điểm tối đa", "plan-ratio-points-differ": "Điểm công thức khác điểm tối đa",
        "plan-corrected": "Số liệu đã hiệu chỉnh",
        "file-skipped-lock": "Tệp khóa tạm", "file-skipped-other": "Không phải bảng tính",
        "file-no-attachment": "Thư không đính kèm", "file-duplicate": "Tệp trùng",
        "file-encrypted": "Tệp có mật khẩu", "file-not-spreadsheet": "Sai loại tệp", "file-truncated": "Tệp hỏng",
        "file-too-large": "Tệp quá lớn", "file-too-expanded": "Tệp bất thường", "file-unreadable": "Không đọc được",
        "file-reader-crashed": "Tệp làm dừng chương trình đọc", "file-converted": "Tệp không phải .xlsx",
        "file-macros": "Tệp có macro", "meta-missing": "Thiếu thông tin biểu mẫu",
        "meta-unidentified": "Không rõ đơn vị gửi", "meta-other-period": "Biểu mẫu kỳ khác",
        "meta-other-plan": "Biểu mẫu kế hoạch khác", "meta-sender-differs": "Người gửi khác đơn vị",
        "sheet-missing": "Thiếu trang tính", "header-missing": "Thiếu cột", "row-unknown-code": "Mã lạ",
        "row-missing": "Thiếu dòng", "row-duplicate": "Dòng trùng mã", "locked-edited": "Nội dung kế hoạch bị sửa",
        "status-invalid": "Tình trạng không hợp lệ", "status-missing": "Chưa chọn tình trạng",
        "completion-invalid": "Tỷ lệ hoàn thành không hợp lệ", "completion-status": "Tỷ lệ không khớp tình trạng",
        "date-missing": "Thiếu ngày hoàn thành", "date-invalid": "Ngày không hợp lệ",
        "date-outside-year": "Ngày ngoài năm", "date-after-cutoff": "Ngày sau ngày chốt",
        "evidence-missing": "Thiếu tài liệu kiểm chứng", "result-invalid": "Kết quả không hợp lệ",
        "result-above-max": "Kết quả vượt tối đa", "result-missing": "Chưa tự chấm",
        "na-not-allowed": "Không được hạ chuẩn", "points-differ": "Điểm tự chấm khác", "value-ambiguous": "Giá trị cần xem lại",
        "unit-missing": "Chưa gửi báo cáo",
    },
    "en": {},  # English shows the code, as words
}
# Finding code families, for codes added after this table (titles of their family).
FINDING_FAMILIES = {"vi": {"plan": "Kế hoạch", "file": "Tệp", "meta": "Biểu mẫu", "sheet": "Trang tính",
                           "header": "Tiêu đề", "row": "Dòng", "evidence": "Tài liệu kiểm chứng",
                           "sender": "Người gửi", "value": "Giá trị", "status": "Tình trạng",
                           "completion": "Tỷ lệ hoàn thành", "date": "Ngày", "result": "Kết quả", "unit": "Đơn vị",
                           "link": "Liên kết", "mail": "Thư"},
                    "en": {}}
# The mail stage's problems in Vietnamese (mail.common.PROBLEMS has the English).
MAIL_PROBLEMS_VI = {
    "no-address": ("{unit} ({name}) chưa có địa chỉ thư: hãy thêm vào bảng Đơn vị của kế hoạch hoặc mục "
                   "[contacts] trong cchc.toml"),
    "bad-address": "{unit} ({name}): {address!r} không phải địa chỉ thư; hãy sửa trong bảng Đơn vị hoặc cchc.toml",
    "no-workbook": "{unit}: chưa có biểu mẫu {file} trong {folder}; hãy chạy 'cchc generate --period {period}' trước",
    "no-sender": ("chưa có địa chỉ người gửi: hãy đặt [smtp] sender trong cchc.toml (hoặc dùng địa chỉ thư làm "
                  "[smtp] user, hoặc địa chỉ thư của Văn phòng trong kế hoạch)"),
    "draft-missing": "{unit}: thiếu thư nháp {file}; hãy chạy lại 'cchc mail' để soạn lại",
    "draft-unusable": "{unit}: thư nháp {file} thiếu địa chỉ người gửi hoặc người nhận; hãy chạy lại 'cchc mail'",
    "send-failed": "{unit}: gửi {file} tới {recipient} không được: {reason}",
    "server": "{reason}; những thư chưa gửi được giữ lại để chạy lại đúng lệnh này",
}
# Titles of codes that came with the plan's corrections and versions (issue 12).
FINDING_TITLES["vi"].update({
    "plan-ratio-above-max": "Điểm công thức vượt tối đa", "plan-leaf-no-max": "Thiếu điểm tối đa",
    "plan-threshold-fraction": "Ngưỡng không phải tỷ lệ %", "plan-no-responsible": "Không có đơn vị chấm",
    "plan-several-responsible": "Nhiều đơn vị chấm một tiêu chí", "plan-bad-year": "Năm không hợp lệ",
    "plan-missing-sheet": "Thiếu trang tính", "plan-csv-encoding": "Tệp CSV không phải UTF-8",
    "plan-checks-skipped": "Chưa kiểm tra hết", "plan-correction-stale": "Hiệu chỉnh đã cũ",
    "meta-older-plan": "Biểu mẫu của phiên bản kế hoạch cũ", "meta-unknown-plan": "Biểu mẫu của kế hoạch lạ",
    "row-plan-changed": "Dòng đã đổi trong kế hoạch", "row-plan-rescored": "Cách chấm đã đổi",
    "row-plan-removed": "Dòng không còn trong kế hoạch", "row-plan-new": "Dòng mới trong kế hoạch",
})
SETTINGS_EXPECTED["journal"] = "“auto”, “wal” hoặc “delete” trong dấu nháy kép"
# The intake's lines about held returns (cchc collect, status, accept), in both languages.
CONSOLE_LINES["vi"].update({key: CONSOLE[key] for key in ("held-line", "held-item", "accepted", "rejected", "already",
                                                          "not-held")})
CONSOLE_LINES["vi"].update({"decision-accepted": DECISION["accepted"], "decision-rejected": DECISION["rejected"]})
CONSOLE_LINES["en"].update({
    "held-line": ("Waiting for the Office: {count} files (sent from an address that is not the unit's, or that would "
                  "replace a return while another period was being collected); look at them, then run "
                  "'cchc accept --period {period} FILE-or-HASH' (or --reject)."),
    "held-item": "    {unit:<7} {file}  from {sender}  hash {sha}",
    "accepted": "Accepted {file} of {unit} (hash {sha}): its data are merged into {period}.",
    "rejected": "Rejected {file} of {unit} (hash {sha}): the file stays archived but is not merged.",
    "already": "{file} of {unit} (hash {sha}) was decided before: {decision}. The new decision is added.",
    "not-held": "{file} (hash {sha}) is not waiting: the Office put it in the inbox, or it came from the unit's address.",
    "decision-accepted": "accepted", "decision-rejected": "rejected",
})
# Titles of codes from intake, guard, values and agency work (issues 10, 11, 13).
FINDING_TITLES["vi"].update({
    "file-link-outside": "Liên kết ra ngoài thư mục nhận", "file-link-inside": "Liên kết trong thư mục nhận",
    "file-link-dangling": "Liên kết hỏng", "file-special": "Không phải tệp thông thường",
    "file-name-not-utf8": "Tên tệp lỗi mã chữ", "file-not-recorded": "Không ghi nhận được",
    "sender-held": "Chờ Văn phòng xác nhận", "value-too-long": "Nội dung quá dài",
    "file-cell-out-of-range": "Ô nằm ngoài phạm vi", "percent-above-100": "Tỷ lệ vượt 100%",
    "percent-fraction": "Tỷ lệ viết dạng phân số", "header-missing-info": "Thiếu cột thông tin",
    "formats-unknown": "Không đọc được định dạng số", "plan-unknown-group": "Không rõ nhóm đơn vị",
    "plan-bad-setting": "Cài đặt không hợp lệ", "plan-unsafe-name": "Mã không dùng được làm tên tệp",
    "plan-area-level": "Cấp lĩnh vực không khớp", "plan-empty-group": "Nhóm chưa có đơn vị",
})
# The evidence pack's console lines, and its finding codes' titles (issue 14).
CONSOLE_LINES["vi"].update({
    "evidence-summary": "{count} tệp kiểm chứng được liệt kê, {copied} tệp được chép vào {folder}",
    "evidence-index": "Danh mục: {path}",
    "evidence-cannot-write": "không ghi được bộ tài liệu kiểm chứng vào {path}: {reason}",
})
CONSOLE_LINES["en"].update({
    "evidence-summary": "{count} evidence entries, {copied} files copied to {folder}",
    "evidence-index": "Index: {path}",
    "evidence-cannot-write": "cannot write the evidence pack to {path}: {reason}",
})
FINDING_TITLES["vi"].update({
    "evidence-kept": "Đã lưu tệp kiểm chứng", "evidence-type-differs": "Loại tệp khác phần mở rộng",
    "evidence-flagged": "Tệp có thể chứa mã chạy", "evidence-refused": "Tệp kiểm chứng bị từ chối",
    "evidence-zip-bomb": "Tệp nén bất thường", "evidence-zip-refused": "Tệp nén bị từ chối",
    "evidence-name-unsafe": "Tên tệp không an toàn", "evidence-file-missing": "Thiếu tệp kiểm chứng",
    "evidence-unlinked": "Tệp kiểm chứng chưa gắn", "evidence-archive-unopened": "Tệp nén không mở được",
})

# --- plan diff, in the console's language (issue 15) ---
PLAN_DIFF_WORDS = {
    "vi": {"changed": "sửa", "removed": "bỏ", "added": "thêm", "tasks": "nhiệm vụ", "criteria": "tiêu chí",
           "units": "đơn vị", "periods": "kỳ báo cáo"},
    "en": {"changed": "changed", "removed": "removed", "added": "added", "tasks": "tasks", "criteria": "criteria",
           "units": "units", "periods": "periods"},
}

# --- what cchc demo wrote, in the console's language ---
DEMO_OUTPUTS = {
    "vi": {"workbooks": "biểu mẫu", "mail drafts": "thư soạn sẵn", "validation reports": "báo cáo kiểm tra",
           "feedback workbooks": "biểu mẫu phản hồi", "scorecards": "bảng tổng hợp", "PDF": "tệp PDF"},
    "en": {},
}

# --- what a command says when it cannot start: a clerk reads these too, in the console's language ---
CONSOLE_LINES["vi"].update({
    "workspace-missing": "{root} không phải thư mục làm việc cchc (không có {settings}); hãy tạo bằng lệnh 'cchc init'.",
    "workspace-exists": "{root} đã là một thư mục làm việc; không có gì bị thay đổi.",
    "workspace-not-empty": "{root} không trống; hãy chọn một thư mục mới.",
    "plan-empty": "kế hoạch không có nhiệm vụ và tiêu chí nào",
    "unknown-period": "không có kỳ “{period}”; kế hoạch có các kỳ: {codes}",
    "unknown-unit": "không có đơn vị “{unit}”; các đơn vị có biểu mẫu: {codes}",
    "unknown-version": "không có phiên bản kế hoạch “{name}” đã lưu; các phiên bản đã lưu: {ids}",
    "master-not-xlsx": "bảng kế hoạch phải là tệp .xlsx",
    "paths-or-imap": "hãy chọn một trong hai: đường dẫn tệp hoặc --imap",
    "appraisal-unreadable": "{file}: không phải bảng tổng hợp có cột điểm thẩm định đọc được ({reason})",
    "remind-or-feedback": "--remind và --feedback là hai loại thư khác nhau: hãy chọn một",
    "imap-needs-user": "đọc hộp thư cần tên đăng nhập: thêm --user hoặc đặt [imap] user trong cchc.toml",
})
CONSOLE_LINES["en"].update({
    "workspace-missing": "{root} is not a cchc workspace (no {settings}); create one with 'cchc init'.",
    "workspace-exists": "{root} already holds a workspace; nothing was changed.",
    "workspace-not-empty": "{root} is not empty; choose a new folder.",
    "plan-empty": "the plan has no tasks and no criteria",
    "unknown-period": "unknown period '{period}'; the plan has: {codes}",
    "unknown-unit": "unknown unit '{unit}'; units with a workbook: {codes}",
    "unknown-version": "no kept plan version '{name}'; kept versions: {ids}",
    "master-not-xlsx": "the master workbook must be an .xlsx file",
    "paths-or-imap": "give PATHS or --imap, not both",
    "appraisal-unreadable": "{file}: not a scorecard with a readable appraisal column ({reason})",
    "remind-or-feedback": "--remind and --feedback are different messages: give one of them",
    "imap-needs-user": "reading a mailbox needs a user: give --user or set [imap] user in cchc.toml",
})

# Why a file could not be read, by the reader's exception: the clerk's words first, the technical
# name after them for whoever helps (see findings.catalogue.reason_text).
READ_REASONS = {
    "BadZipFile": "không phải bảng tính hợp lệ, hoặc tệp đã hỏng",
    "InvalidFileException": "không phải tệp .xlsx",
    "PasswordError": "tệp có đặt mật khẩu",
    "XlsxError": "nội dung bảng tính bị hỏng",
    "XMLSyntaxError": "nội dung bảng tính bị hỏng",
    "ParseError": "nội dung bảng tính bị hỏng",
    "KeyError": "tệp thiếu một phần bắt buộc",
    "UnicodeDecodeError": "mã chữ của tệp không đọc được (hãy lưu lại dạng UTF-8)",
    "FileNotFoundError": "không tìm thấy tệp",
    "PermissionError": "không có quyền đọc tệp",
    "IsADirectoryError": "đây là thư mục, không phải tệp",
    "MemoryError": "tệp quá lớn để đọc",
    "EOFError": "tệp bị cắt cụt",
}
READ_REASON_OTHER = "lỗi khi đọc tệp"

# The plan's fields a correction names (corrections.csv "field"), as the Office reads them.
CORRECTION_FIELDS = {"declared_max": "điểm tối đa", "rule": "cách chấm", "rule_points": "điểm của cách chấm",
                     "rule_threshold": "ngưỡng của cách chấm", "level (text lost)": "mức bị mất nội dung"}
CORRECTION_LEVEL_POINTS = "điểm của mức {order}"

# --- intake: a return for another period, a hold lifted by a trusted copy ---
MESSAGES.update({
    "meta-recorded-other-period": ("{file}: đã ghi nhận vào kỳ “{found}” (kết quả: {verdict}), không đưa vào kỳ "
                                   "“{expected}”. Xem tình trạng kỳ đó: cchc status --period {found}."),
    "meta-received-other-period": ("{file}: nhận được khi Văn phòng tổng hợp kỳ “{expected}”; theo trang _meta đây "
                                   "là biểu mẫu kỳ “{found}” nên được ghi nhận vào kỳ này."),
    "hold-released": ("{file}: cùng nội dung với tệp của “{unit}” đang chờ Văn phòng xác nhận (mã {sha}), nay nhận "
                      "từ {by} (nguồn tin cậy); đã gỡ giữ và đưa vào tổng hợp kỳ {period}."),
    "period-held": ("{file}: biểu mẫu kỳ “{period}” nhận được khi đang tổng hợp kỳ “{collecting}”, trong khi kỳ "
                    "{period} đã có bài nộp của {unit} ({first}). Tệp đã được lưu nhưng CHƯA thay thế bài đó, chờ Văn "
                    "phòng xác nhận: cchc accept --period {period} {sha} (hoặc thêm --reject để giữ bài cũ)."),
})
CONSOLE_VERDICT["vi"].update({"released": "đã gỡ giữ"})
CONSOLE_LINES["vi"].update({
    "collect-released": ("    Đã gỡ giữ: cùng nội dung nay nhận từ {by}; tệp {file} của {unit} được gộp vào kỳ "
                         "{period}."),
    "collect-other-period": ("    Biểu mẫu kỳ {found}: đã ghi nhận vào kỳ {found} ({verdict}), không đưa vào kỳ "
                             "{period}. Xem: cchc status --period {found}"),
})
CONSOLE_LINES["en"].update({
    "collect-released": "    released: the same bytes came from {by}; {file} of {unit} is now merged for {period}.",
    "collect-other-period": ("    a {found} workbook: recorded for {found} ({verdict}), not merged into {period}. "
                             "See: cchc status --period {found}"),
})
FINDING_TITLES["vi"].update({
    "meta-recorded-other-period": "Đã ghi nhận vào kỳ khác", "meta-received-other-period": "Nhận khi tổng hợp kỳ khác",
    "hold-released": "Đã gỡ giữ", "period-held": "Chờ xác nhận thay bài kỳ khác",
})

# --- the documents sent upward (issue 23) ---
from .documents import *  # noqa: E402,F401,F403
# --- the Office's page (issue 25) ---
from .page import *  # noqa: E402,F401,F403
