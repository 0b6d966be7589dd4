"""Texts of the year's second half (issue 22): appraisal, explanation, decision, points at risk."""

from __future__ import annotations

from cchc_xlsx.text.console import CONSOLE_LINES
from cchc_xlsx.text.page import PAGE_ACTIONS

# --- the scorecard: the Office's rounds beside the self-score ---------------------------------
SC_ROUNDS = {"title": "Chỉ số CCHC (%) qua các vòng", "self": "Tự chấm", "appraised": "Thẩm định",
             "final": "Chính thức"}
SC_RISK_TOTAL = "Điểm có nguy cơ mất (trang “Rủi ro mất điểm”)"
SC_RISK_SHEET = "Rủi ro mất điểm"
SC_RISK_TITLE = "RỦI RO MẤT ĐIỂM: TIÊU CHÍ CÓ ĐIỂM NHƯNG TÀI LIỆU KIỂM CHỨNG THIẾU HOẶC CHƯA HỢP LỆ"
SC_RISK_HEADERS = {"code": "Mã", "title": "Tiêu chí", "unit": "Đơn vị", "self": "Điểm tự chấm", "reason": "Lý do",
                   "at_risk": "Điểm có nguy cơ mất"}
RISK_REASONS = {
    "missing": "Không có tài liệu kiểm chứng (không trích dẫn văn bản, không có tệp)",
    "not_received": "Trích dẫn tệp “{name}” nhưng Văn phòng chưa nhận được tệp này",
    "outside_year": "Văn bản “{citation}” ghi ngày {date}, ngoài năm {year} của kế hoạch",
    "after_cutoff": "Văn bản “{citation}” ghi ngày {date}, sau ngày chốt số liệu {cutoff}",
}
FEEDBACK_RISK_NOTE = "Rủi ro mất điểm — tiêu chí {code} ({points} điểm): {reason}. Hãy bổ sung tài liệu kiểm chứng."

# --- the explanation workbook ------------------------------------------------------------------
SHEET_EXPLAIN = "Giải trình"
EXPLAIN_HEADERS = {"code": "Mã", "title": "Nội dung tiêu chí", "max": "Điểm tối đa", "self": "Điểm tự chấm",
                   "appraised": "Điểm thẩm định", "reason": "Lý do thẩm định",
                   "explanation": "Giải trình của đơn vị", "evidence": "Tài liệu bổ sung"}
EXPLAIN_TITLE = "GIẢI TRÌNH KẾT QUẢ THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"
EXPLAIN_FILE_TITLE = "Giải trình kết quả thẩm định"
EXPLAIN_GUIDE_TITLE = "HƯỚNG DẪN GIẢI TRÌNH KẾT QUẢ THẨM ĐỊNH"
EXPLAIN_GUIDE_FACTS = (
    ("Đơn vị", "{unit}"),
    ("Kỳ", "{period}"),
    ("Số tiêu chí cần giải trình", "{count}"),
    ("Hạn gửi giải trình", "{due}"),
    ("Liên hệ", "{contact}"),
)
EXPLAIN_GUIDE_STEPS = (
    ("1. Trang “Giải trình” liệt kê các tiêu chí mà Hội đồng thẩm định chấm thấp hơn điểm tự chấm của đơn vị, "
    "kèm lý do thẩm định."),
    ("2. Với mỗi tiêu chí, ghi nội dung giải trình vào cột “Giải trình của đơn vị” và nêu tài liệu bổ sung (số, ký "
    "hiệu, ngày văn bản; hoặc tên tệp gửi kèm) vào cột “Tài liệu bổ sung”. Tên tệp gửi kèm nên bắt đầu bằng mã tiêu "
    "chí, ví dụ “I.1.2 - Kế hoạch.pdf”."),
    "3. Không sửa, không xóa các cột khác và trang ẩn: Văn phòng nhận diện tệp nhờ các trang này.",
    ("4. Lưu dạng .xlsx, trả lời thư này từ địa chỉ thư của đơn vị, đính kèm tệp và các tài liệu bổ sung, trước hạn "
    "nêu trên."),
)
EXPLAIN_VALIDATION = ("Giải trình", "Ghi nội dung giải trình, tài liệu bổ sung (tối đa {limit} ký tự).",
                      "Nội dung quá dài (tối đa {limit} ký tự).")

# --- the console -----------------------------------------------------------------------------------
APPRAISAL_CONSOLE_LINES = {
    "vi": {
        "explain-wrote": "Đã viết {count} biểu mẫu giải trình vào {folder} (hạn gửi {due}).",
        "explain-unit": "  {unit:<7} {rows} tiêu chí  {path}",
        "explain-none": "Không có tiêu chí nào có điểm thẩm định thấp hơn điểm tự chấm: không cần giải trình.",
        "explain-drafts": "Đã soạn {count} thư (.eml) gửi biểu mẫu giải trình trong {folder}.",
        "explain-unknown-unit": "Không có đơn vị “{unit}” cần giải trình trong kỳ {period}.",
        "appraisal-rounds": "Đã ghi {count} thay đổi (điểm thẩm định, lý do, điểm sau giải trình) từ {path}",
        "status-explained": "Đã giải trình: {units}",
        "status-not-explained": "Chưa giải trình: {units}",
    },
    "en": {
        "explain-wrote": "Wrote {count} explanation workbooks into {folder} (due {due}).",
        "explain-unit": "  {unit:<7} {rows} criteria  {path}",
        "explain-none": "No criterion is appraised below its self-score: nothing to explain.",
        "explain-drafts": "Wrote {count} .eml drafts with the explanation workbooks into {folder}.",
        "explain-unknown-unit": "No unit \"{unit}\" has anything to explain for {period}.",
        "appraisal-rounds": "Recorded {count} changes (appraised points, reasons, decided points) from {path}",
        "status-explained": "explained: {units}",
        "status-not-explained": "not explained yet: {units}",
    },
}


APPRAISAL_PAGE_ACTIONS = {"explain": "Lập biểu mẫu giải trình"}


for _lang, _lines in APPRAISAL_CONSOLE_LINES.items():
    CONSOLE_LINES[_lang].update(_lines)
PAGE_ACTIONS.update(APPRAISAL_PAGE_ACTIONS)
