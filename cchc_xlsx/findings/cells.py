"""Findings about a return's sheets, rows and cells: the place is file, sheet, cell, the row's code
and the field; ``{value}`` is what the unit typed.

One row per code: ``Kind(code, severity, title (vi), title (en), message template (vi))``.
"""

from __future__ import annotations

from cchc_xlsx.findings.kind import ERROR, INFO, WARNING, Kind

KINDS = (
    Kind("sheet-missing", ERROR, "Thiếu trang tính", "Missing sheet",
         "{file}: thiếu trang tính “{sheet}”. Không đổi tên hay xóa trang tính của biểu mẫu."),
    Kind("header-missing", ERROR, "Thiếu cột", "Missing column",
         "{file}, trang “{sheet}”: không tìm thấy cột “{column}”. Không đổi tên hay xóa cột của biểu mẫu."),
    Kind("row-unknown-code", WARNING, "Mã lạ", "Unknown code",
         ("{file}, trang “{sheet}”, ô {cell}: mã “{value}” không có trong kế hoạch; dòng này không được tính. Không "
          "thêm dòng hay sửa cột Mã.")),
    Kind("row-missing", WARNING, "Thiếu dòng", "Missing row",
         "{file}, trang “{sheet}”: thiếu dòng mã {code} của kế hoạch. Không xóa dòng của biểu mẫu; hãy bổ sung lại."),
    Kind("row-duplicate", ERROR, "Dòng trùng mã", "Duplicate row code",
         ("{file}, trang “{sheet}”, ô {cell}: mã {code} xuất hiện lần nữa (đã có ở ô {first}); chỉ dòng đầu tiên được "
          "tính.")),
    Kind("locked-edited", WARNING, "Nội dung kế hoạch bị sửa", "Plan text edited",
         ("{file}, trang “{sheet}”, ô {cell}: nội dung của kế hoạch đã bị sửa thành “{value}”. Không sửa nội dung "
          "nhiệm vụ/tiêu chí; kết quả vẫn được ghi nhận theo mã {code}.")),
    Kind("status-invalid", ERROR, "Tình trạng không hợp lệ", "Status not valid",
         "{file}, trang “{sheet}”, ô {cell}: tình trạng “{value}” không hợp lệ. Hãy chọn một trong: {allowed}."),
    Kind("status-missing", WARNING, "Chưa chọn tình trạng", "Status missing",
         "{file}, trang “{sheet}”, ô {cell}: nhiệm vụ {code} chưa chọn tình trạng."),
    Kind("completion-invalid", ERROR, "Tỷ lệ hoàn thành không hợp lệ", "Completion not valid",
         "{file}, trang “{sheet}”, ô {cell}: tỷ lệ hoàn thành “{value}” không hợp lệ. Hãy ghi số từ 0 đến 100."),
    Kind("completion-status", WARNING, "Tỷ lệ không khớp tình trạng", "Completion does not match status",
         ("{file}, trang “{sheet}”, ô {cell}: tỷ lệ hoàn thành {value}% không khớp với tình trạng “{status}”. Hãy "
          "kiểm tra lại.")),
    Kind("date-missing", WARNING, "Thiếu ngày hoàn thành", "Completion date missing",
         ("{file}, trang “{sheet}”, ô {cell}: nhiệm vụ {code} đã hoàn thành nhưng chưa ghi ngày hoàn thành "
          "(dd/mm/yyyy).")),
    Kind("date-invalid", ERROR, "Ngày không hợp lệ", "Date not valid",
         "{file}, trang “{sheet}”, ô {cell}: “{value}” không phải là ngày. Hãy ghi dạng dd/mm/yyyy."),
    Kind("date-outside-year", ERROR, "Ngày ngoài năm", "Date outside the year",
         "{file}, trang “{sheet}”, ô {cell}: ngày {value} nằm ngoài năm {year} của kế hoạch."),
    Kind("date-after-cutoff", WARNING, "Ngày sau ngày chốt", "Date after the cut-off",
         ("{file}, trang “{sheet}”, ô {cell}: ngày hoàn thành {value} sau ngày chốt số liệu {cutoff} của kỳ báo cáo; "
          "hãy kiểm tra lại.")),
    Kind("evidence-missing", WARNING, "Thiếu tài liệu kiểm chứng", "Evidence missing",
         ("{file}, trang “{sheet}”, ô {cell}: {what} nhưng chưa có tài liệu kiểm chứng. Hãy ghi số, ký hiệu, ngày văn "
          "bản hoặc đường dẫn.")),
    Kind("result-invalid", ERROR, "Kết quả không hợp lệ", "Result not valid",
         "{file}, trang “{sheet}”, ô {cell}: kết quả “{value}” không hợp lệ cho tiêu chí {code}. {expected}"),
    Kind("result-above-max", ERROR, "Kết quả vượt tối đa", "Result above the maximum",
         ("{file}, trang “{sheet}”, ô {cell}: kết quả {value} vượt mức tối đa ({max}) của tiêu chí {code}; chỉ được "
          "tính {max}.")),
    Kind("result-missing", WARNING, "Chưa tự chấm", "Self-score missing",
         "{file}, trang “{sheet}”, ô {cell}: tiêu chí {code} chưa có kết quả tự chấm."),
    Kind("na-not-allowed", ERROR, "Không được hạ chuẩn", "Not applicable not allowed",
         ("{file}, trang “{sheet}”, ô {cell}: tiêu chí {code} không được hạ chuẩn theo kế hoạch; đánh dấu “{value}” "
          "không được tính.")),
    Kind("points-differ", WARNING, "Điểm tự chấm khác", "Self-score differs",
         ("{file}, trang “{sheet}”, ô {cell}: điểm tự chấm trong tệp là {value}, tính lại theo kết quả là {expected}; "
          "dùng điểm tính lại.")),
    Kind("value-ambiguous", INFO, "Giá trị cần xem lại", "Value to check",
         "{file}, trang “{sheet}”, ô {cell}: “{value}” được hiểu là {meaning}; hãy kiểm tra lại."),
    Kind("value-too-long", WARNING, "Nội dung quá dài", "Text too long",
         ("{file}, sheet {sheet}, dòng {row}, cột “{column}”: nội dung dài {length} ký tự, quá giới hạn 32.767 ký tự "
          "của một ô Excel. Sổ ghi nhận giữ nguyên văn; bảng tổng hợp và tệp phản hồi chỉ hiện phần đầu. Hãy rút gọn "
          "hoặc đưa phần dài vào tệp kiểm chứng.")),
    Kind("row-plan-changed", INFO, "Dòng đã đổi trong kế hoạch", "Row changed in the plan",
         ("{file}, trang {sheet}, ô {cell}: dòng {code} đã thay đổi trong kế hoạch hiện hành ({changes}); kết quả vẫn "
          "được nhận.")),
    Kind("row-plan-rescored", WARNING, "Cách chấm đã đổi", "Scoring rule changed",
         ("{file}, trang {sheet}, ô {cell}: cách chấm của tiêu chí {code} đã thay đổi trong kế hoạch hiện hành "
          "({changes}); kết quả được chấm theo kế hoạch hiện hành, hãy kiểm tra lại.")),
    Kind("row-plan-removed", INFO, "Dòng không còn trong kế hoạch", "Row no longer in the plan",
         "{file}, trang {sheet}, ô {cell}: dòng {code} không còn trong kế hoạch hiện hành; không tính."),
    Kind("row-plan-new", WARNING, "Dòng mới trong kế hoạch", "New row in the plan",
         ("{file}, trang {sheet}: dòng {code} mới có trong kế hoạch hiện hành, biểu mẫu này chưa có; hãy báo cáo ở kỳ "
          "sau hoặc dùng biểu mẫu mới.")),
    Kind("percent-above-100", ERROR, "Tỷ lệ vượt 100%", "Percentage above 100%",
         ("{file}, trang “{sheet}”, ô {cell}: tỷ lệ “{value}” vượt quá 100%; ô này không được tính. Hãy ghi tỷ lệ từ "
          "0 đến 100, ví dụ 80 hoặc 80%.")),
    Kind("percent-fraction", WARNING, "Tỷ lệ viết dạng phân số", "Percentage written as a fraction",
         ("{file}, trang “{sheet}”, ô {cell}: “{value}” được tính là {percent}%. Nếu ý là {meant}%, hãy ghi {meant} "
          "(hoặc {meant}%).")),
    Kind("header-missing-info", WARNING, "Thiếu cột thông tin", "Missing information column",
         ("{file}, trang “{sheet}”: không tìm thấy cột “{column}” (cột thông tin của kế hoạch); các giá trị vẫn được "
          "đọc theo cột Mã. Lần sau không xóa cột của biểu mẫu.")),
    Kind("formats-unknown", WARNING, "Không đọc được định dạng số", "Number formats unreadable",
         ("{file}: không đọc được định dạng số của tệp; các tỷ lệ từ 0 đến 1 được hiểu là phần trăm (0,8 là 80%). Hãy "
          "kiểm tra lại các ô tỷ lệ.")),
)
