"""Texts every stage uses: yes/no, severities, answers read as yes or no, what an environment
problem or a bad setting says, why a file could not be read."""

YES = "Có"
NO = "Không"
POINTS_WORD = "điểm"

SEVERITY = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Lưu ý"}
# Answers read as yes / no in yes-no cells and flags (compared after fold_key).
YES_ANSWERS = frozenset({"có", "co", "x", "yes", "1", "true", "đúng", "đạt"})
NO_ANSWERS = frozenset({"không", "khong", "no", "0", "false", "sai", "chưa", "không đạt", ""})

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
    "journal": "“auto”, “wal” hoặc “delete” trong dấu nháy kép",
}


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
