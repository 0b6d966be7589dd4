"""Findings about a received file as a whole: what it is, whose it is, which period and plan, and
the intake's holds. The place is the file (``{file}``); a return that never came names the unit.

One row per code: ``Kind(code, severity, title (vi), title (en), message template (vi))``.
"""

from __future__ import annotations

from cchc_xlsx.findings.kind import ERROR, INFO, WARNING, Kind

KINDS = (
    Kind("file-skipped-lock", INFO, "Tệp khóa tạm", "Lock file", "{file}: tệp khóa tạm của Excel/LibreOffice, bỏ qua."),
    Kind("file-skipped-other", INFO, "Không phải bảng tính", "Not a spreadsheet",
         "{file}: không phải bảng tính (.xlsx, .xlsm, .xls, .ods), bỏ qua."),
    Kind("file-no-attachment", WARNING, "Thư không đính kèm", "Message without attachment",
         ("{file}: thư không có tệp bảng tính đính kèm nên chưa nhận được báo cáo từ thư này (có thể người gửi quên "
          "đính kèm hoặc chỉ gửi đường dẫn). Hãy đề nghị người gửi đính kèm tệp.")),
    Kind("file-duplicate", INFO, "Tệp trùng", "Duplicate file",
         "{file}: nội dung trùng hoàn toàn với tệp đã nhận trước đó ({first}); không ghi nhận lại."),
    Kind("file-encrypted", ERROR, "Tệp có mật khẩu", "Password-protected file",
         ("{file}: tệp được đặt mật khẩu nên không đọc được. Hãy gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) "
          "rồi gửi lại."), fatal=True),
    Kind("file-not-spreadsheet", ERROR, "Sai loại tệp", "Wrong file type",
         ("{file}: nội dung không phải bảng tính {expected} (tên tệp và nội dung không khớp). Hãy mở tệp bằng Excel "
          "và lưu lại dạng .xlsx rồi gửi lại."), fatal=True),
    Kind("file-truncated", ERROR, "Tệp hỏng", "Damaged file",
         "{file}: tệp bị hỏng hoặc không trọn vẹn (có thể do tải về chưa xong). Hãy gửi lại tệp.", fatal=True),
    Kind("file-too-large", ERROR, "Tệp quá lớn", "File too large",
         ("{file}: tệp quá lớn ({size}, giới hạn {limit}). Biểu mẫu chỉ khoảng vài chục KB; hãy dùng đúng tệp đã được "
          "gửi, không chèn ảnh hay dữ liệu khác."), fatal=True),
    Kind("file-too-expanded", ERROR, "Tệp bất thường", "Abnormal file",
         ("{file}: tệp chứa dữ liệu bất thường ({detail}); không đọc để bảo đảm an toàn. Hãy dùng đúng biểu mẫu đã "
          "được gửi."), fatal=True),
    Kind("file-unreadable", ERROR, "Không đọc được", "Unreadable",
         "{file}: không đọc được tệp ({reason}). Hãy mở bằng Excel, lưu lại dạng .xlsx và gửi lại.", fatal=True),
    Kind("file-reader-crashed", ERROR, "Tệp làm dừng chương trình đọc", "File crashed the reader",
         ("{file}: tệp làm chương trình đọc bị dừng đột ngột; không đọc được. Hãy mở bằng Excel, lưu lại dạng .xlsx "
          "và gửi lại."), fatal=True),
    Kind("file-converted", WARNING, "Tệp không phải .xlsx", "Not an .xlsx file",
         "{file}: tệp lưu dạng {format}, chỉ đọc được giá trị. Lần sau hãy lưu dạng .xlsx (Excel Workbook)."),
    Kind("file-macros", INFO, "Tệp có macro", "File with macros",
         "{file}: tệp có macro (.xlsm); chương trình chỉ đọc giá trị, không chạy macro."),
    Kind("meta-missing", WARNING, "Thiếu thông tin biểu mẫu", "Form information missing",
         ("{file}: không có trang thông tin biểu mẫu (_meta) hoặc đã bị sửa; đã nhận diện là của “{unit}” theo {how}. "
          "Lần sau hãy điền trực tiếp vào biểu mẫu được gửi.")),
    Kind("meta-unidentified", ERROR, "Không rõ đơn vị gửi", "Sender unit unknown",
         ("{file}: không xác định được đơn vị gửi (thiếu trang _meta, tên tệp và nội dung không có tên đơn vị). Hãy "
          "dùng đúng biểu mẫu được gửi cho đơn vị."), fatal=True),
    Kind("meta-other-period", ERROR, "Biểu mẫu kỳ khác", "Another period's form",
         ("{file}: biểu mẫu của kỳ “{found}”, không phải kỳ “{expected}” đang tổng hợp; không đưa vào tổng hợp kỳ "
          "này."), fatal=True),
    Kind("meta-other-plan", ERROR, "Biểu mẫu kế hoạch khác", "Another plan's form",
         ("{file}: biểu mẫu tạo từ kế hoạch khác (mã {found}, hiện hành {expected}) và không dòng nào của đơn vị có "
          "Mã trong kế hoạch hiện hành; không đưa vào tổng hợp. Hãy điền vào biểu mẫu mới nhất."), fatal=True),
    Kind("meta-sender-differs", WARNING, "Người gửi khác đơn vị", "Sender is not the unit",
         ("{file}: biểu mẫu của “{unit}” nhưng được gửi từ địa chỉ {sender} (không phải địa chỉ của đơn vị); vẫn ghi "
          "nhận theo biểu mẫu.")),
    Kind("file-link-outside", ERROR, "Liên kết ra ngoài thư mục nhận", "Link outside the inbox",
         ("{file}: là liên kết (symlink) trỏ ra ngoài thư mục nhận ({target}); không đọc, để không lưu nhầm tệp của "
          "hệ thống. Nếu đó là báo cáo thật, hãy chép chính tệp vào thư mục nhận.")),
    Kind("file-link-inside", INFO, "Liên kết trong thư mục nhận", "Link inside the inbox",
         ("{file}: là liên kết tới {target} trong cùng thư mục nhận; không đọc qua liên kết (tệp đích được đọc trực "
          "tiếp).")),
    Kind("file-link-dangling", WARNING, "Liên kết hỏng", "Broken link",
         ("{file}: là liên kết tới {target} nhưng tệp đích không còn; không có gì để đọc. Hãy chép tệp thật vào thư "
          "mục nhận.")),
    Kind("file-special", ERROR, "Không phải tệp thông thường", "Not a regular file",
         "{file}: không phải tệp thông thường ({kind}); không đọc. Hãy gỡ nó khỏi thư mục nhận."),
    Kind("file-name-not-utf8", INFO, "Tên tệp lỗi mã chữ", "File name not readable",
         ("{file}: tên tệp có ký tự không đọc được (thường do giải nén tệp .zip tạo trên Windows); đã ghi tên thay "
          "thế, tên gốc dạng byte: {raw}.")),
    Kind("file-not-recorded", ERROR, "Không ghi nhận được", "Not recorded",
         "{file}: không ghi nhận được ({reason}); các tệp khác vẫn được xử lý. Hãy báo cho quản trị."),
    Kind("sender-held", WARNING, "Chờ Văn phòng xác nhận", "Waiting for the Office",
         ("{file}: gửi từ {sender}, không phải địa chỉ liên hệ của {unit}. Tệp đã được lưu nhưng CHƯA gộp, chờ Văn "
          "phòng xác nhận: cchc accept --period {period} {sha} (hoặc thêm --reject để từ chối).")),
    Kind("meta-older-plan", INFO, "Biểu mẫu của phiên bản kế hoạch cũ", "Form of an older plan version",
         "{file}: biểu mẫu tạo từ phiên bản kế hoạch {found} (hiện hành {expected}); đã đối chiếu từng dòng theo Mã."),
    Kind("meta-unknown-plan", WARNING, "Biểu mẫu của kế hoạch lạ", "Form of an unknown plan",
         ("{file}: biểu mẫu tạo từ kế hoạch {found}, không có trong các phiên bản đã lưu (hiện hành {expected}); đã "
          "đối chiếu từng dòng theo Mã, hãy kiểm tra lại.")),
    Kind("file-cell-out-of-range", ERROR, "Ô nằm ngoài phạm vi", "Cell outside the form",
         ("{file}, trang “{sheet}”: ô {cell} có nội dung nhưng nằm ngoài phạm vi của biểu mẫu (tới dòng {rows}, cột "
          "{columns}), nên tệp chưa được đọc. Nếu nội dung ở ô {cell} là nhập nhầm, hãy xóa ô đó (hoặc cả dòng, cột "
          "chứa nó), lưu lại và gửi lại tệp."), fatal=True),
    Kind("meta-recorded-other-period", INFO, "Đã ghi nhận vào kỳ khác", "Recorded for another period",
         ("{file}: đã ghi nhận vào kỳ “{found}” (kết quả: {verdict}), không đưa vào kỳ “{expected}”. Xem tình trạng "
          "kỳ đó: cchc status --period {found}.")),
    Kind("meta-received-other-period", INFO, "Nhận khi tổng hợp kỳ khác", "Received while collecting another period",
         ("{file}: nhận được khi Văn phòng tổng hợp kỳ “{expected}”; theo trang _meta đây là biểu mẫu kỳ “{found}” "
          "nên được ghi nhận vào kỳ này.")),
    Kind("hold-released", INFO, "Đã gỡ giữ", "Hold released",
         ("{file}: cùng nội dung với tệp của “{unit}” đang chờ Văn phòng xác nhận (mã {sha}), nay nhận từ {by} (nguồn "
          "tin cậy); đã gỡ giữ và đưa vào tổng hợp kỳ {period}.")),
    Kind("period-held", WARNING, "Chờ xác nhận thay bài kỳ khác", "Waiting to replace another period's return",
         ("{file}: biểu mẫu kỳ “{period}” nhận được khi đang tổng hợp kỳ “{collecting}”, trong khi kỳ {period} đã có "
          "bài nộp của {unit} ({first}). Tệp đã được lưu nhưng CHƯA thay thế bài đó, chờ Văn phòng xác nhận: cchc "
          "accept --period {period} {sha} (hoặc thêm --reject để giữ bài cũ).")),
    # a unit that sent nothing (the scorecard's Kiểm tra sheet)
    Kind("unit-missing", WARNING, "Chưa gửi báo cáo", "Return missing",
         "Đơn vị “{unit}” chưa gửi báo cáo kỳ {period} (hạn {due})."),
)
