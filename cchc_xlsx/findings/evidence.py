"""Findings about the evidence files that come with a return (issue 16).

One row per code: ``Kind(code, severity, title (vi), title (en), message template (vi))``.
"""

from __future__ import annotations

from cchc_xlsx.findings.kind import INFO, WARNING, Kind

KINDS = (
    Kind("evidence-kept", INFO, "Đã lưu tệp kiểm chứng", "Evidence file kept",
         "{file}: đã lưu làm tài liệu kiểm chứng ({kind}, {size})."),
    Kind("evidence-type-differs", INFO, "Loại tệp khác phần mở rộng", "File type differs from its extension",
         ("{file}: đuôi tên tệp không đúng với nội dung ({kind}); bản lưu mang đuôi {suffix}. Văn phòng mở bản trong "
          "thư mục tài liệu kiểm chứng.")),
    Kind("evidence-flagged", WARNING, "Tệp có thể chứa mã chạy", "File may run code",
         ("{file}: tệp “{value}” là {kind}, có thể chạy mã khi mở. Đã lưu vào kho (archive/, đuôi .bin) nhưng không "
          "sao chép ra thư mục tài liệu kiểm chứng. Đừng mở tệp này; đề nghị đơn vị gửi bản PDF hoặc ảnh chụp.")),
    Kind("evidence-refused", WARNING, "Tệp kiểm chứng bị từ chối", "Evidence file refused",
         ("{file}: tệp {size} vượt giới hạn {limit} của một tệp tài liệu kiểm chứng nên không được lưu. Đề nghị đơn "
          "vị nén, chia nhỏ hoặc gửi đường dẫn; Văn phòng có thể nâng max_evidence_bytes trong cchc.toml.")),
    Kind("evidence-zip-bomb", WARNING, "Tệp nén bất thường", "Abnormal archive",
         ("{file}: tệp nén giải nén ra nhiều hơn kích thước khai báo hoặc vượt {limit}; đã dừng giải nén, không lưu "
          "tệp này. Tệp nén gốc vẫn được lưu nguyên vẹn. Đề nghị đơn vị gửi lại.")),
    Kind("evidence-zip-refused", WARNING, "Tệp nén bị từ chối", "Archive refused",
         ("{file}: không giải nén được ({reason}); tệp nén vẫn được lưu nguyên vẹn. Đề nghị đơn vị gửi lại các tệp "
          "không nén.")),
    Kind("evidence-name-unsafe", WARNING, "Tên tệp không an toàn", "Unsafe file name",
         ("{file}: tên tệp gửi kèm chứa thư mục hoặc ký tự điều khiển (“{value}”); đã lưu dưới tên an toàn, không ghi "
          "ra ngoài không gian làm việc.")),
    Kind("evidence-file-missing", WARNING, "Thiếu tệp kiểm chứng", "Evidence file missing",
         ("{file}, trang “{sheet}”, ô {cell}: mục {code} nêu tệp “{value}” nhưng tệp này không có trong thư hoặc thư "
          "mục gửi kèm biểu mẫu. Hãy gửi kèm tệp đó hoặc sửa tên cho đúng.")),
    Kind("evidence-unlinked", INFO, "Tệp kiểm chứng chưa gắn", "Evidence file not linked",
         ("{file}: tệp “{value}” gửi kèm không gắn được với nhiệm vụ hay tiêu chí nào (không ô “Tài liệu kiểm chứng” "
          "nào nêu tên tệp và tên tệp không bắt đầu bằng mã). Văn phòng xem trong danh mục tài liệu kiểm chứng; lần "
          "sau hãy đặt tên tệp bắt đầu bằng mã, ví dụ “I.1.2 - Kế hoạch.pdf”.")),
    Kind("evidence-archive-unopened", WARNING, "Tệp nén không mở được", "Archive not opened",
         ("{file}: tệp nén {kind} không được mở (chỉ tệp .zip được giải nén); đã lưu nguyên vẹn. Nếu trong đó có biểu "
          "mẫu báo cáo, đề nghị đơn vị gửi lại tệp .xlsx hoặc .zip.")),
)
