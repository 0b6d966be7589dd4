"""Texts of ``cchc plan import``: the plan from the agency's Word document (issue 24)."""

from __future__ import annotations

from cchc_xlsx.text.console import CONSOLE_LINES

# Where a reading comes from, as the review sheet and the findings name it.
IMPORT_ANNEX_TASKS = "Phụ lục 01 (nhiệm vụ)"
IMPORT_ANNEX_CRITERIA = "Phụ lục 02 (tiêu chí)"
IMPORT_TABLE = "{annex}, bảng {number}"
IMPORT_BODY = "Phần nội dung kế hoạch"
IMPORT_SOURCE = "nhập từ {where}"
IMPORT_FIELD_MAX = "điểm tối đa"
IMPORT_FIELD_LEVEL = "điểm của mức {order}"
IMPORT_FIELD_DUE = "hạn gửi báo cáo"
IMPORT_FIELD_RESPONSIBLE = "Đơn vị thực hiện"

# The document cannot be read as a plan: one line each, naming the file and what to do.
IMPORT_NOT_WORD = ("{file}: không phải văn bản Word. Lệnh này đọc kế hoạch dạng .docx, .doc hoặc .odt; "
                   "hãy chỉ đúng tệp kế hoạch.")
IMPORT_NO_FILE = "Không tìm thấy tệp {file}. Hãy kiểm tra lại đường dẫn."
IMPORT_NO_OFFICE = ("{file}: cần LibreOffice để đọc tệp .doc/.odt nhưng máy chưa cài. Hãy mở tệp trong Word "
                    "và lưu thành .docx (Word Document), rồi chạy lại.")
IMPORT_UNREADABLE = ("{file}: không mở được văn bản ({reason}). Hãy mở tệp trong Word, lưu lại thành .docx "
                     "rồi chạy lại.")
IMPORT_ENCRYPTED = ("{file}: văn bản có mật khẩu nên không đọc được. Hãy mở bằng Word, bỏ mật khẩu (File → Info → "
                    "Protect Document → Encrypt with Password, xóa mật khẩu), lưu rồi chạy lại.")
IMPORT_BROKEN_MERGE = ("{file}, bảng {table}, dòng {row}, cột {col}: ô được gộp với ô phía trên nhưng phía trên "
                       "không có ô nào để gộp (ô gộp bị hỏng). Hãy mở văn bản trong Word, bỏ gộp ô đó (Table → "
                       "Split Cells) hoặc gộp lại cho đúng, lưu rồi chạy lại.")
IMPORT_NOT_A_PLAN = ("{file}: không thấy bảng nhiệm vụ (Phụ lục 01: “Nhiệm vụ cụ thể”, “Chủ trì”…) hay bảng tiêu "
                     "chí (Phụ lục 02: “Tiêu chí”, “Điểm tối đa”) trong {tables} bảng của văn bản: đây không phải "
                     "văn bản kế hoạch CCHC. Hãy chỉ đúng tệp kế hoạch có hai phụ lục.")
IMPORT_ONE_ANNEX = ("{file}: văn bản chỉ có một phụ lục, thiếu {missing}. Kế hoạch cần cả bảng nhiệm vụ và bảng "
                    "tiêu chí; hãy dùng bản đầy đủ (hoặc chép phụ lục còn thiếu vào cuối văn bản) rồi chạy lại.")

# What was decided where the document left a choice (the review sheet's last column).
IMPORT_TASK_CONTINUED = "Dòng không có nội dung nhiệm vụ: coi là phần tiếp của nhiệm vụ {number} ở dòng trên."
IMPORT_TASKS_SHARED = ("Một ô ghi nhiều nhiệm vụ ({numbers}): tách thành từng nhiệm vụ, dùng chung sản phẩm, "
                       "đơn vị và thời gian của dòng.")
IMPORT_UNIT_PREFIX = "Đọc là đơn vị {code} (tên đơn vị đứng đầu; phần còn lại là ghi chú)."
IMPORT_UNIT_NEW = ("Bảng đơn vị không có tên này: thêm đơn vị mới mã {code}. Hãy sửa mã, email, hoặc ghi tên này "
                   "làm tên gọi khác của một đơn vị có sẵn.")
IMPORT_CODE_ODD = "Số thứ tự không đọc được thành mã tiêu chí: bỏ qua dòng này."
IMPORT_ROW_SKIPPED = "Dòng đứng trước tiêu chí đầu tiên, không thuộc tiêu chí nào: bỏ qua."
IMPORT_NOT_APPLICABLE = "Điều kiện hạ điểm chuẩn của tiêu chí {code}, không phải một mức chấm điểm."
IMPORT_GROUP_LEVELS = "Tiêu chí {code} có tiêu chí con nên các dòng mức này không dùng để chấm: hãy xem lại."
IMPORT_NUMBER_GUESS = "Không phải một số: {field} của tiêu chí {code} lấy số đầu tiên đọc được ({used})."
IMPORT_NO_MAX_LINE = ("Ô điểm có đúng một số cho mỗi mức và không có số riêng cho tiêu chí {code}: các số là điểm "
                      "của các mức; điểm tối đa lấy theo mức cao nhất.")
IMPORT_ITEMS = ("Các dòng không mã của {code} có điểm cộng lại đúng bằng điểm tối đa ({total}): đọc là {count} nội "
                "dung chấm riêng (Có/Không), mã {code}.1, {code}.2…, không phải các mức để chọn một.")
IMPORT_ONE_LEVEL = "Tiêu chí {code} chỉ có một mức: ghép nội dung mức vào tên tiêu chí và chấm như các tiêu chí khác."
IMPORT_RULE_GUESS = {
    "yesno": "Không ghi mức hay công thức: chấm Có/Không (đạt được điểm tối đa) cho tiêu chí {code}.",
    "points": "Tiêu chí đánh giá tác động, không ghi mức: chấm điểm trực tiếp (0 đến điểm tối đa) cho {code}.",
}
IMPORT_DUE_GUESS = "Không thấy ngày hạn gửi báo cáo: lấy ngày chốt số liệu làm hạn của kỳ “{name}”."
IMPORT_META_MISSING = "Không thấy “{key}” trong phần đầu văn bản: hãy điền vào trang Thông tin chung."
IMPORT_NO_PERIODS = ("Không thấy các kỳ báo cáo (“Báo cáo Quý I/…: … từ ngày … đến ngày …”) trong văn bản: hãy "
                     "điền trang Kỳ báo cáo.")
IMPORT_RESPONSIBLE_FROM_TASKS = ("Bảng tiêu chí không có cột đơn vị: giao lĩnh vực {code} cho {unit}, đơn vị chủ trì "
                                 "nhiều nhiệm vụ nhất của lĩnh vực “{area}” ở Phụ lục 01.")
IMPORT_RESPONSIBLE_OFFICE = ("Bảng tiêu chí không có cột đơn vị và không có lĩnh vực nhiệm vụ tương ứng: giao "
                             "lĩnh vực {code} cho {unit}.")
IMPORT_KNOWN_CORRECTION = ("Kế hoạch mẫu đã hiệu chỉnh {field} của {code} ({where}): văn bản ghi “{printed}”, dùng "
                           "“{used}”. {reason} Bản nhập giữ đúng như văn bản này ghi; hãy xem lại.")

IMPORT_KNOWN_APPLIED = ("Văn bản ghi đúng số mà kế hoạch mẫu đã hiệu chỉnh ({field} của {code}, {where}: ghi "
                        "“{printed}”, dùng “{used}”): đã dùng “{used}” và ghi vào trang Hiệu chỉnh. {reason}")

# The review sheet of the imported master workbook.
REVIEW_SHEET = "Cần xem lại"
REVIEW_HEADERS = ("Bảng", "Dòng", "Ô (cột)", "Đã đọc", "Đã quyết định")

CONSOLE_LINES["vi"].update({
    "import-read": ("Đã đọc {file}: {tasks} nhiệm vụ, {criteria} tiêu chí chấm điểm, {levels} mức, {periods} kỳ "
                    "báo cáo, {units} đơn vị ({new} đơn vị mới)."),
    "import-review": "{count} chỗ cần xem lại: trang “{sheet}” của {path}.",
    "import-corrections": ("Đã dùng {count} hiệu chỉnh của kế hoạch mẫu, vì văn bản ghi đúng số đã được hiệu chỉnh: "
                           "xem trang “{sheet}” và trang “Hiệu chỉnh”."),
    "import-has-errors": "Kế hoạch nhập được có {count} lỗi (bảng kế hoạch vẫn được ghi để sửa).",
})
CONSOLE_LINES["en"].update({
    "import-read": ("Read {file}: {tasks} tasks, {criteria} scored criteria, {levels} levels, {periods} periods, "
                    "{units} units ({new} new)."),
    "import-review": "{count} readings to review: sheet “{sheet}” of {path}.",
    "import-corrections": ("{count} corrections of the reference plan applied (the document prints the corrected "
                           "value): see the sheets “{sheet}” and “Hiệu chỉnh”."),
    "import-has-errors": "The imported plan has {count} errors (the master workbook is written all the same).",
})

__all__ = [name for name in dir() if name.startswith(("IMPORT_", "REVIEW_"))]
