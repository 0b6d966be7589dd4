"""What the documents sent upward say: the self-assessment dossier and the periodic report
(issue 23), laid out as Decree 30/2020/NĐ-CP sets out for an administrative document."""

from cchc_xlsx.text.console import CONSOLE_LINES

# --- the layout every administrative document shares (Decree 30/2020/NĐ-CP, Phụ lục I) ---
DOC_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
DOC_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOC_NUMBER = "Số:          /{symbol}"   # số left blank: the văn thư gives it when the document is issued
DOC_PLACE_DATE = "{place}, ngày {day} tháng {month} năm {year}"
DOC_DATE = "ngày {day} tháng {month} năm {year}"
DOC_RECIPIENTS = "Nơi nhận:"
DOC_DEFAULT_RECIPIENTS = ("Như trên", "Lưu: VT")
DOC_REPORT_WORD = "BÁO CÁO"
DOC_SYMBOL_DEFAULT = "BC-{short}"
DOC_NARRATIVE = "[Văn phòng viết: {what}]"   # a marked place the Office writes in
DOC_NONE = "Không có."

# --- the periodic report (cchc report) ---
REPORT_TITLE = "Kết quả thực hiện công tác cải cách hành chính {period}"
REPORT_OPENING = ("Thực hiện {plan_title}, {department} báo cáo kết quả thực hiện công tác cải cách hành chính "
                  "{period} (số liệu tính từ {start} đến {cutoff}) như sau:")
REPORT_SECTIONS = {
    "results": "I. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
    "overview": "1. Công tác chỉ đạo, điều hành và tình hình triển khai",
    "by_area": "2. Tiến độ thực hiện nhiệm vụ theo lĩnh vực",
    "by_unit": "3. Tiến độ thực hiện nhiệm vụ theo đơn vị",
    "overdue": "4. Các nhiệm vụ quá hạn",
    "index": "5. Kết quả tự chấm điểm Chỉ số cải cách hành chính đến thời điểm báo cáo",
    "difficulties": "II. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ",
    "units_wrote": "1. Khó khăn, vướng mắc và đề xuất của các phòng, đơn vị",
    "proposals": "2. Đề xuất, kiến nghị của Sở",
    "next": "III. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
}
REPORT_NARRATIVE = {
    "overview": "tình hình chỉ đạo, điều hành, kết quả nổi bật trong kỳ",
    "by_area": "nhận xét về tiến độ theo từng lĩnh vực",
    "overdue": "nguyên nhân các nhiệm vụ quá hạn và biện pháp khắc phục",
    "proposals": "đề xuất, kiến nghị với UBND tỉnh, Sở Nội vụ",
    "next": "các nhiệm vụ trọng tâm kỳ tới",
}
REPORT_AREA_HEADERS = {"area": "Lĩnh vực", "tasks": "Số nhiệm vụ", "on_time": "Hoàn thành đúng hạn",
                       "late": "Hoàn thành trễ hạn", "in_progress": "Đang thực hiện",
                       "not_started": "Chưa triển khai", "not_arisen": "Không phát sinh",
                       "unreported": "Chưa báo cáo", "overdue": "Trong đó quá hạn"}
REPORT_UNIT_HEADERS = {"unit": "Đơn vị", "assigned": "Nhiệm vụ chủ trì", "on_time": "Hoàn thành đúng hạn",
                       "late": "Hoàn thành trễ hạn", "overdue": "Quá hạn", "not_started": "Chưa triển khai",
                       "not_arisen": "Không phát sinh", "completion": "Tỷ lệ hoàn thành (%)"}
REPORT_OVERDUE_HEADERS = {"code": "Mã", "task": "Nhiệm vụ", "unit": "Đơn vị chủ trì", "deadline": "Thời hạn",
                          "status": "Tình trạng"}
REPORT_NOT_REPORTED = "Chưa báo cáo"
REPORT_TOTAL = "Tổng cộng"
REPORT_INDEX_LINE = ("Tổng điểm tự chấm đến nay: {points} điểm trên tổng điểm tối đa (sau hạ chuẩn) {max} điểm; "
                     "Chỉ số CCHC tạm tính: {index}%.")
REPORT_RETURNED_LINE = "{returned}/{units} phòng, đơn vị đã gửi báo cáo kỳ này{missing}."
REPORT_MISSING = "; chưa gửi: {units}"
REPORT_DIFFICULTY = "{unit} ({tasks}): {text}"

# --- the self-assessment dossier (cchc dossier) ---
DOSSIER_TITLE = "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year}"
DOSSIER_OPENING = ("Thực hiện {plan_title}, {department} đã tổ chức tự đánh giá, chấm điểm Chỉ số cải cách hành "
                   "chính năm {year} ({period}). Kết quả như sau:")
DOSSIER_SECTIONS = {
    "organisation": "I. CÔNG TÁC TỔ CHỨC TỰ ĐÁNH GIÁ, CHẤM ĐIỂM",
    "result": "II. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM",
    "total": "1. Kết quả chung",
    "by_area": "2. Kết quả theo từng lĩnh vực",
    "explanations": "3. Giải trình các tiêu chí không có tài liệu kiểm chứng hoặc hạ chuẩn",
    "difficulties": "III. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT",
    "units_wrote": "1. Khó khăn, vướng mắc và đề xuất của các phòng, đơn vị",
    "proposals": "2. Đề xuất, kiến nghị của Sở",
    "annex": "Kèm theo báo cáo: Bảng tự đánh giá, chấm điểm (tệp {table}) và tài liệu kiểm chứng (thư mục {folder}).",
}
DOSSIER_NARRATIVE = {
    "organisation": "cách tổ chức tự đánh giá: hội đồng, thời gian, thành phần",
    "by_area": "nhận xét ưu điểm, hạn chế của từng lĩnh vực",
    "proposals": "đề xuất, kiến nghị với Hội đồng thẩm định",
}
DOSSIER_TOTAL_LINE = ("Tổng điểm tự đánh giá: {points} điểm trên tổng điểm tối đa (sau hạ chuẩn) {max} điểm; "
                      "Chỉ số CCHC tự đánh giá: {index}%.")
DOSSIER_COUNTED_LINE = ("Sau thẩm định và giải trình: {points} điểm trên {max} điểm; Chỉ số CCHC: {index}%.")
DOSSIER_AREA_HEADERS = {"code": "Mã", "title": "Lĩnh vực", "max": "Điểm tối đa", "na": "Hạ chuẩn",
                        "self": "Điểm tự đánh giá", "counted": "Điểm được tính", "ratio": "Tỷ lệ đạt (%)"}
DOSSIER_EXPLANATION = "{code} – {title}: {text}"

# The table workbook.
DOSSIER_SHEET = "Bảng tự đánh giá"
DOSSIER_TABLE_TITLE = "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}"
DOSSIER_TABLE_SUBTITLE = "{department} — {period} — lập ngày {today}"
DOSSIER_HEADERS = {
    "code": "Mã", "title": "Lĩnh vực/tiêu chí/tiêu chí thành phần", "max": "Điểm tối đa",
    "na": "Hạ chuẩn (điểm tối đa loại khỏi tổng)", "self": "Điểm tự đánh giá", "appraised": "Điểm thẩm định",
    "final": "Điểm sau giải trình", "counted": "Điểm được tính", "unit": "Đơn vị chấm",
    "evidence": "Tài liệu kiểm chứng", "number": "Số, ký hiệu", "date": "Ngày ban hành", "doc_title": "Trích yếu",
    "files": "Tệp kiểm chứng", "explanation": "Giải trình",
}
DOSSIER_TOTALS = {"total": "TỔNG CỘNG", "adjusted": "Tổng điểm tối đa sau hạ chuẩn",
                  "index_self": "Chỉ số CCHC tự đánh giá (%)", "index_counted": "Chỉ số CCHC được tính (%)"}
DOSSIER_NA_EXPLANATION = "Hạ chuẩn: {condition}"
DOSSIER_NA = "Hạ chuẩn (không áp dụng năm nay)."
DOSSIER_NO_EVIDENCE = "Không có tài liệu kiểm chứng."
DOSSIER_UNIT_NOTE = "Đơn vị ghi: {note}"
DOSSIER_NOT_SCORED = "Chưa có báo cáo tự chấm của đơn vị."
DOSSIER_FILES_MORE = "{name} (+{more} tệp)"
DOSSIER_TABLE_NAME = "Bang tu danh gia {year}.xlsx"
DOSSIER_REPORT_NAME = "Bao cao tu danh gia {year}.docx"
DOSSIER_ZIP_NAME = "Ho so tu danh gia {year} - {period}.zip"
REPORT_FILE_NAME = "Bao cao CCHC {period}.docx"

CONSOLE_LINES["vi"].update({
    "dossier-summary": "Hồ sơ tự đánh giá: {folder} ({leaves} tiêu chí, {files} tệp kiểm chứng); gói nén {zip}",
    "dossier-index": "Chỉ số CCHC tự đánh giá {index:.2f}%; được tính {counted:.2f}%.",
    "report-summary": ("Báo cáo định kỳ: {path} ({overdue} nhiệm vụ quá hạn, {difficulties} khó khăn, vướng mắc "
                       "của đơn vị)."),
    "documents-cannot-write": "không ghi được {path}: {reason}",
})
CONSOLE_LINES["en"].update({
    "dossier-summary": "Self-assessment dossier: {folder} ({leaves} criteria, {files} evidence files); zip {zip}",
    "dossier-index": "Self-assessed index {index:.2f}%; counted {counted:.2f}%.",
    "report-summary": "Periodic report: {path} ({overdue} overdue tasks, {difficulties} difficulties from units).",
    "documents-cannot-write": "cannot write {path}: {reason}",
})
