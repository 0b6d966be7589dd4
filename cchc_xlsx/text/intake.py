"""Texts of collect's intake (issue 21): which file is a return, formats from other programs,
messages from Outlook. The clerk's words only: technical detail goes to the finding's value
(the ledger, and the technical column of validation.xlsx)."""

INTAKE_MESSAGES = {
    "file-not-return": ("{file}: bảng tính riêng của đơn vị, không phải biểu mẫu báo cáo Văn phòng gửi; đã lưu làm "
                        "tài liệu kiểm chứng, không thay cho báo cáo."),
    "file-beside-return": ("{file}: gửi kèm biểu mẫu báo cáo trong cùng thư hoặc tệp nén; đã lưu làm tài liệu kiểm "
                           "chứng, không thay cho báo cáo."),
    "file-no-return": ("{file}: thư chỉ có bảng tính riêng của đơn vị hoặc tài liệu khác, không có biểu mẫu báo cáo "
                       "Văn phòng gửi, nên chưa nhận được báo cáo từ thư này. Hãy đề nghị đơn vị gửi kèm biểu mẫu."),
    "file-format-unsupported": ("{file}: tệp dạng {format}, chương trình không đọc được dạng này. Hãy mở tệp và lưu "
                                "lại dạng .xlsx (Excel Workbook) rồi gửi lại."),
}
INTAKE_TITLES = {
    "file-not-return": "Bảng tính riêng của đơn vị", "file-beside-return": "Gửi kèm biểu mẫu",
    "file-format-unsupported": "Định dạng không đọc được", "file-no-return": "Thư không có biểu mẫu",
}
INTAKE_FORMATS = {".xlsb": "Excel nhị phân (.xlsb)", ".numbers": "Apple Numbers (.numbers)"}
INTAKE_VERDICTS = {"evidence": "kiểm chứng"}
# The column of validation.xlsx that keeps what a reader said, for whoever helps the Office.
INTAKE_DETAIL_HEADER = "Chi tiết kỹ thuật"
