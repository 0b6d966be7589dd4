"""Collecting returns: how a file was identified, the validation report, what the guard found, the
intake's held returns and its console lines."""

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
STATE = {"returned": "Đã gửi", "missing": "Chưa gửi", "late": "Gửi trễ hạn", "rejected": "Không dùng được",
         "held": "Chờ Văn phòng xác nhận"}

# --- what the guard found in a refused file (the {detail} of file-too-expanded) ----------
GUARD_DETAIL = {
    "entries": "{count} phần trong tệp",
    "expanded": "giải nén ra {size}",
    "cell": "ô {ref}",
    "range": "vùng dữ liệu tới ô {ref}",
    "repeated": "{count} dòng/cột lặp lại",
    "missing": "không tìm thấy",
}
GUARD_DETAIL_ROW = "dòng {row}"
GUARD_DETAIL_COLUMN = "cột {column}"
GUARD_DETAIL_LYING = "phần {part} khai báo {size} nhưng giải nén ra nhiều hơn"
FILE_KINDS = {"fifo": "đường ống FIFO", "socket": "socket", "device": "thiết bị"}
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
