"""The mail stage."""

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
