"""The Office's page (``cchc serve``): every word the clerk reads there, Vietnamese throughout.

No line of the page names a command to type: the page is the clerk's whole workplace, so a
message points at a button or a step instead (``PAGE_REWRITES`` turns the stages' console
wording into the page's).
"""

from __future__ import annotations

__all__ = ["PAGE", "PAGE_ACTIONS", "PAGE_MAIL_PROBLEMS", "PAGE_REWRITES", "PAGE_STEPS"]

# One label per button; the steps table (serve/steps.py) names them by key.
PAGE_ACTIONS = {
    "plan": "Kiểm tra kế hoạch", "generate": "Tạo biểu mẫu", "mail": "Soạn thư gửi biểu mẫu",
    "send": "Gửi thư biểu mẫu…", "remind": "Soạn thư nhắc đơn vị chưa gửi", "send-remind": "Gửi thư nhắc…",
    "collect": "Thu nhận từ thư mục inbox", "imap": "Thu nhận từ hộp thư", "upload": "Nhận tệp",
    "feedback": "Lập phản hồi cho đơn vị", "scorecard": "Lập bảng tổng hợp", "print": "In bảng tổng hợp ra PDF",
    "evidence": "Xuất bộ tài liệu kiểm chứng", "accept": "Chấp nhận", "reject": "Không chấp nhận",
    "appraisal": "Nhập điểm thẩm định", "explain": "Lập biểu giải trình", "dossier": "Lập hồ sơ tự đánh giá",
    "report": "Soạn báo cáo định kỳ", "set-aside": "Để riêng",
}

# The period in order: each step's title and what it is for.
PAGE_STEPS = {
    "prepare": ("Chuẩn bị", "Kiểm tra kế hoạch, tạo biểu mẫu cho từng đơn vị và gửi thư kèm biểu mẫu."),
    "collect": ("Thu nhận", "Nhận báo cáo đơn vị gửi về: kéo thả tệp, thư mục inbox hoặc hộp thư."),
    "correct": ("Phản hồi", "Gửi lại cho đơn vị có lỗi biểu mẫu đã đánh dấu chỗ cần sửa."),
    "score": ("Tổng hợp", "Lập bảng tổng hợp chỉ số CCHC và xem điểm có nguy cơ mất."),
    "appraise": ("Thẩm định và giải trình", "Nhập điểm thẩm định, lập biểu giải trình cho đơn vị bị trừ điểm."),
    "send-up": ("Gửi lên cấp trên", "Hồ sơ tự đánh giá, báo cáo định kỳ và bản in."),
}

PAGE = {
    "title": "Văn phòng — Cải cách hành chính",
    "periods": "Kỳ báo cáo",
    "due": "Hạn gửi",
    "cutoff": "Ngày chốt số liệu",
    "units": "Tình hình gửi báo cáo",
    "unit": "Đơn vị", "state": "Trạng thái", "received": "Nhận lúc", "file": "Tệp", "versions": "Số lần gửi",
    "errors": "Lỗi", "warnings": "Cảnh báo",
    "index": "Chỉ số CCHC",
    "index-line": "{index}% ({points} / {max} điểm); {returned} trên {units} đơn vị đã gửi báo cáo",
    "index-none": "Chưa có báo cáo nào được tổng hợp.",
    "held": "Báo cáo chờ Văn phòng xác nhận",
    "held-help": "Gửi từ địa chỉ không thuộc danh sách liên hệ của đơn vị: chỉ tổng hợp khi Văn phòng chấp nhận.",
    "sender": "Người gửi",
    "findings": "Kết quả kiểm tra",
    "all-units": "Mọi đơn vị", "all-severities": "Mọi mức độ", "severity": "Mức độ",
    "all-versions": "Cả các lần gửi trước", "filter": "Lọc", "where": "Vị trí", "message": "Nội dung",
    "no-findings": "Không có vấn đề nào.",
    "more-findings": "… và {count} dòng nữa (xem validation.xlsx).",
    "steps": "Các bước của kỳ",
    "step-done": "✓", "step-next": "Tiếp theo", "step-files": "Tệp kết quả",
    "all-done": "Đã làm đủ các bước của kỳ này.",
    "imap-password": "Mật khẩu hộp thư (không lưu)",
    "smtp-password": "Mật khẩu máy chủ gửi thư (không lưu)",
    "upload": "Nhận tệp báo cáo",
    "upload-help": ("Chọn hoặc kéo thả tệp bảng tính (.xlsx, .xlsm, .xls, .ods, .fods) hoặc thư (.eml, .mbox, .msg của Outlook); mỗi lần gửi tối đa {limit}."),
    "appraisal-help": "Bảng tổng hợp (scorecard.xlsx) đã điền cột Điểm thẩm định; tối đa {limit}.",
    "drop-here": "Kéo thả tệp vào đây, hoặc",
    "choose-files": "Chọn tệp…",
    "choose-file": "Chọn tệp…",
    "outputs": "Tệp khác của kỳ",
    "no-outputs": "Chưa có tệp nào.",
    "job": "Thao tác gần nhất",
    "running": "Đang chạy", "done": "Đã xong", "failed": "Có vấn đề",
    "started": "Bắt đầu", "finished": "Kết thúc",
    "busy": "Đang chạy “{title}”: hãy chờ thao tác này xong rồi thử lại.",
    "other-page": "một thao tác từ trang khác trên cùng thư mục làm việc",
    "interrupted": ("Thao tác “{title}” (kỳ {period}, bắt đầu lúc {started}) đã bị dừng giữa chừng vì chương trình "
                    "bị tắt. Những gì đã ghi vẫn còn nguyên; hãy bấm lại “{title}” để làm nốt."),
    "csrf": "Yêu cầu không hợp lệ (thiếu mã bảo vệ). Hãy tải lại trang rồi thử lại.",
    "too-large": "Tệp gửi lên quá lớn: mỗi lần gửi tối đa {limit}. Hãy gửi ít tệp hơn mỗi lần.",
    "not-found": "Không tìm thấy.",
    "bad-request": "Yêu cầu không đọc được (quá nhiều tệp hoặc trường, hoặc bị hỏng). Hãy tải lại trang rồi thử lại.",
    "server-error": "Trang không thực hiện được yêu cầu (mã {status}). Hãy tải lại trang rồi thử lại.",
    "offline": "Không liên lạc được với chương trình trên máy này (đã bị tắt?). Hãy mở lại chương trình rồi tải lại trang.",
    "bad-type": "{file}: chỉ nhận tệp bảng tính (.xlsx, .xlsm, .xls, .ods, .fods) hoặc thư (.eml, .mbox, .msg); bỏ qua.",
    "lock-file": ("{file}: đây là tệp khóa tạm Excel tạo ra khi một bảng tính đang mở, không phải báo cáo; bỏ qua. "
                  "Hãy gửi chính tệp báo cáo (tên không có “~$”)."),
    "file-too-large": "{file}: tệp quá lớn ({size}, giới hạn {limit}); bỏ qua.",
    "no-files": "Chưa chọn tệp nào.",
    "saved": "Đã lưu {file} vào thư mục inbox.",
    "plan-has-errors": "Kế hoạch có lỗi: bấm “Kiểm tra kế hoạch” ở bước Chuẩn bị để xem lỗi nằm ở đâu.",
    "accepted": "Văn phòng đã chấp nhận {file} của {unit}: báo cáo được tổng hợp.",
    "rejected": "Văn phòng không chấp nhận {file} của {unit}: tệp vẫn được lưu nhưng không tổng hợp.",
    "not-held": "{file} không chờ xác nhận; không có gì thay đổi.",
    "reload": "Về trang kỳ báo cáo",
    "evidence-done": "Bộ tài liệu kiểm chứng: {count} tệp được liệt kê, {copied} tệp được chép vào reports.",
    "ledger-error": ("Sổ ghi nhận (ledger.sqlite) đang bị chương trình khác giữ hoặc bị lỗi ({reason}); không có gì "
                     "bị ghi dở. Hãy đợi hoặc đóng chương trình đó rồi bấm lại."),
    "unexpected": "Lỗi không mong đợi ({reason}); không có gì bị ghi dở. Hãy bấm lại; nếu vẫn lỗi, hãy báo cho quản trị.",
    "footer": "Chạy trên máy này (127.0.0.1); không gửi dữ liệu đi đâu.",
    # collect, as the page tells it: the counts are the table's (the ledger's), never a second count
    "collect-item": "{verdict} — {unit} — {file} ({errors} lỗi, {warnings} cảnh báo)",
    "collect-other-period": ("{file}: biểu mẫu kỳ {found}, đã ghi nhận vào kỳ {found} ({verdict}); không tính vào "
                             "kỳ này. Xem trang kỳ {found}."),
    "wrote": "Đã ghi {file}.",
    # what each step has done, and what comes next
    "done-plan": "Kế hoạch không có lỗi.",
    "done-generate": "Đã tạo {count}/{total} biểu mẫu.",
    "done-mail": "Đã soạn {count} thư.",
    "done-send": "Đã gửi {count} thư.",
    "done-collect": "{returned}/{total} đơn vị đã gửi báo cáo.",
    "done-held": "{count} báo cáo chờ Văn phòng xác nhận.",
    "done-feedback": "Đã lập {count} tệp phản hồi.",
    "done-scorecard": "Đã lập bảng tổng hợp.",
    "risk-total": "Điểm có nguy cơ mất khi thẩm định: {points} điểm ở {count} tiêu chí (trang “Rủi ro mất điểm” của bảng tổng hợp).",
    "code": "Mã", "points": "Điểm", "reason": "Lý do",
    "done-appraisal": "Đã nhập {count} điểm thẩm định.",
    "done-explain": "Đã lập {count} biểu giải trình.",
    "done-file": "Đã có {file}.",
    # mail: a confirmation before anything is sent
    "confirm-title": "Xác nhận gửi thư",
    "confirm-lead": "Sẽ gửi {count} thư qua {server}, tới:",
    "confirm-none": "Không có thư nào đang chờ gửi: hãy bấm “{mail}” trước.",
    "confirm-send": "Gửi {count} thư",
    "confirm-cancel": "Thôi, không gửi",
    "confirm-needed": "Chưa xác nhận gửi thư: hãy bấm nút gửi rồi xác nhận danh sách người nhận.",
    "confirm-no-password": "Máy chủ không cần đăng nhập (chưa đặt tên đăng nhập trong Cài đặt thư).",
    # mail settings
    "settings": "Cài đặt thư",
    "settings-lead": ("Máy chủ gửi thư (SMTP) và hộp thư nhận báo cáo (IMAP). Mật khẩu không bao giờ được lưu: "
                      "trang hỏi mật khẩu mỗi lần gửi hoặc nhận."),
    "smtp": "Máy chủ gửi thư (SMTP)", "imap": "Hộp thư nhận báo cáo (IMAP)",
    "host": "Tên máy chủ", "port": "Cổng", "user": "Tên đăng nhập", "tls": "Bảo mật", "from-address": "Địa chỉ gửi đi",
    "recipient": "Người nhận",
    "folder": "Thư mục", "save": "Lưu cài đặt", "saved-settings": "Đã lưu cài đặt thư vào cchc.toml.",
    "tls-starttls": "STARTTLS", "tls-ssl": "SSL/TLS", "tls-none": "Không mã hóa",
    "bad-setting": "“{field}” không hợp lệ: {value}",
    "back": "Về trang kỳ báo cáo",
    # the inbox, and junk set aside
    "inbox": "Tệp trong thư mục inbox",
    "inbox-help": "Tệp không phải báo cáo có thể để riêng: tệp được chuyển sang thư mục {folder}, không bị xóa.",
    "inbox-empty": "Thư mục inbox trống.",
    "inbox-more": "… và {count} tệp nữa.",
    "set-aside-done": "Đã chuyển {file} sang thư mục {folder} (không xóa).",
    "set-aside-missing": "Không còn tệp này trong inbox (đã được chuyển hoặc xóa ở nơi khác).",
    # appraisal and the stages that come with this round's other work
    "appraisal-recorded": "Đã ghi {count} điểm thẩm định từ {file}.",
    "print-no-scorecard": "Chưa có bảng tổng hợp: bấm “Lập bảng tổng hợp” ở bước Tổng hợp trước.",
}

# The mail stage's problems as the page says them (the console's name commands).
PAGE_MAIL_PROBLEMS = {
    "no-workbook": "{unit}: chưa có biểu mẫu; bấm “Tạo biểu mẫu” ở bước Chuẩn bị trước.",
    "draft-missing": "{unit}: thiếu thư nháp; bấm “Soạn thư gửi biểu mẫu” để soạn lại.",
    "draft-unusable": "{unit}: thư nháp thiếu địa chỉ người gửi hoặc người nhận; xem Cài đặt thư rồi soạn lại.",
}

# The stages' console wording → the page's (regular expression, replacement), applied in order to
# every line the page shows: job lines and stored findings alike.
PAGE_REWRITES = (
    (r"cchc accept --period \S+ \S+( \(hoặc thêm --reject[^)]*\))?",
     "bấm “Chấp nhận” hoặc “Không chấp nhận” ở mục “Báo cáo chờ Văn phòng xác nhận”"),
    (r"xem xét rồi chạy 'cchc accept[^']*'( \(hoặc --reject\))?",
     "xem xét rồi bấm “Chấp nhận” hoặc “Không chấp nhận” ở mục “Báo cáo chờ Văn phòng xác nhận”"),
    (r"(Xem tình trạng kỳ đó|Xem): cchc status --period (\S+?)(\.?)$", r"Xem trang kỳ \2\3"),
    (r"hãy chạy 'cchc plan check[^']*'( để xem( và sửa)?)?", "bấm “Kiểm tra kế hoạch” để xem"),
    (r"\('cchc plan check'\)", "(bấm “Kiểm tra kế hoạch”)"),
    (r"hãy chạy 'cchc generate[^']*'", "bấm “Tạo biểu mẫu”"),
    (r"hãy chạy 'cchc scorecard[^']*'", "bấm “Lập bảng tổng hợp”"),
    (r"hãy chạy lại 'cchc mail'( để soạn lại)?", "bấm “Soạn thư gửi biểu mẫu”"),
    (r"(để )?chạy lại đúng lệnh này", "để gửi lại khi bấm lại nút này"),
    (r"rồi chạy lại lệnh", "rồi bấm lại"),
    (r"rồi chạy lại", "rồi bấm lại"),
    (r"'cchc [^']*'", "nút tương ứng trên trang"),
    (r"ConnectionRefusedError: \[Errno -?\d+\] [^;]*",
     "máy chủ không nhận kết nối (hãy kiểm tra tên máy chủ, cổng và kiểu bảo mật trong Cài đặt thư)"),
    (r"(socket\.)?gaierror: \[Errno -?\d+\] [^;]*", "không tìm thấy máy chủ (hãy kiểm tra tên máy chủ trong Cài đặt thư)"),
    (r"(TimeoutError|timeout|socket\.timeout): [^;]*", "máy chủ không trả lời (hãy kiểm tra mạng và Cài đặt thư)"),
    (r"SMTPAuthenticationError: [^;]*|535 [^;]*", "sai tên đăng nhập hoặc mật khẩu"),
    (r"(ssl\.)?SSL\w*Error: [^;]*", "lỗi kết nối bảo mật (hãy thử kiểu bảo mật khác trong Cài đặt thư)"),
    (r"(\[Errno 28\] )?No space left on device", "ổ đĩa đã đầy (hãy giải phóng chỗ trống rồi bấm lại)"),
    (r"(\[Errno 13\] )?Permission denied", "không có quyền ghi (tệp đang mở trong Excel hoặc chương trình khác?)"),
    (r"\b[A-Z]\w*(Error|Exception): (\[Errno -?\d+\] )?", ""),
)
