"""The unit workbook ``generate`` writes (a contract: collect and other tools rely on these titles)."""

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
