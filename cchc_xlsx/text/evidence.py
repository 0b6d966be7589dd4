"""Evidence files (issue 16): kinds, states, the index workbook and the pack."""

EVIDENCE_MORE = "{name} (+{more} tệp)"
EVIDENCE_KINDS = {
    "pdf": "PDF", "jpeg": "ảnh JPEG", "png": "ảnh PNG", "gif": "ảnh GIF", "tiff": "ảnh TIFF", "bmp": "ảnh BMP",
    "webp": "ảnh WebP", "docx": "Word", "xlsx": "Excel", "pptx": "PowerPoint", "odt": "văn bản OpenDocument",
    "ods": "bảng tính OpenDocument", "odp": "trình chiếu OpenDocument", "ole2": "Office 97-2003", "rtf": "RTF",
    "zip": "tệp nén ZIP", "rar": "tệp nén RAR", "7z": "tệp nén 7z", "gzip": "tệp nén gzip", "text": "văn bản thuần",
    "xml": "XML", "html": "trang web (có thể chứa mã chạy)", "mp4": "video", "mp3": "âm thanh",
    "docm": "Word có macro", "xlsm": "Excel có macro", "pptm": "PowerPoint có macro", "ole2-macro": "Office có macro",
    "exe": "chương trình Windows (.exe)", "elf": "chương trình Linux", "mach-o": "chương trình macOS",
    "script": "tệp lệnh (script)", "lnk": "lối tắt Windows", "jar": "chương trình Java", "unknown": "không rõ loại",
}
EVIDENCE_ZIP_REASONS = {
    "zip-entries": "quá nhiều tệp bên trong", "zip-unreadable": "tệp nén hỏng hoặc không phải ZIP",
    "encrypted": "tệp bên trong có mật khẩu",
}
EVIDENCE_HOW = {"cited": "Ô “Tài liệu kiểm chứng” nêu tên tệp", "code": "Tên tệp bắt đầu bằng mã",
                "none": "Chưa gắn với nhiệm vụ/tiêu chí nào"}
EVIDENCE_STATES = {"kept": "Đã lưu", "flagged": "Đã lưu, KHÔNG mở (có thể chứa mã chạy)",
                   "refused": "Không lưu (vượt giới hạn hoặc hỏng)"}
EVIDENCE_INDEX_SHEET = "Danh mục"
EVIDENCE_INDEX_TITLE = "DANH MỤC TÀI LIỆU KIỂM CHỨNG – {period}"
EVIDENCE_INDEX_HEADERS = {"unit": "Đơn vị", "code": "Mã", "title": "Nhiệm vụ / tiêu chí", "file": "Tệp",
                          "how": "Gắn theo", "received": "Nhận lúc", "size": "Dung lượng (byte)", "kind": "Loại",
                          "state": "Trạng thái", "sha256": "SHA-256", "source": "Nguồn", "link": "Mở tệp"}
EVIDENCE_PACK_TASKS = "Nhiem-vu"
EVIDENCE_PACK_UNLINKED = "Chua-gan"
EVIDENCE_OPEN = "Mở"
