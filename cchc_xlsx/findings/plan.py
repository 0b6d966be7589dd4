"""Findings about the plan's tables (``plan check``, ``init``): where is the plan's own place
(``Where``: table, row, column).

One row per code: ``Kind(code, severity, title (vi), title (en), message template (vi))``.
"""

from __future__ import annotations

from cchc_xlsx.findings.kind import ERROR, INFO, WARNING, Kind

KINDS = (
    Kind("plan-missing-table", ERROR, "Thiếu bảng", "Missing table",
         "Thiếu bảng {table} ({where}). Hãy bổ sung tệp/trang tính này."),
    Kind("plan-missing-column", ERROR, "Thiếu cột", "Missing column",
         "Bảng {table} thiếu cột “{column}” ({where}). Hãy thêm cột này vào dòng tiêu đề."),
    Kind("plan-unreadable", ERROR, "Không đọc được", "Unreadable", "Không đọc được {where}: {reason}."),
    Kind("plan-bad-number", ERROR, "Không phải số", "Not a number",
         "{where}, cột “{column}”: “{value}” không phải là số. Hãy ghi số, ví dụ 0,5000."),
    Kind("plan-bad-date", ERROR, "Không phải ngày", "Not a date",
         "{where}, cột “{column}”: “{value}” không phải là ngày. Hãy ghi theo dạng dd/mm/yyyy."),
    Kind("plan-bad-flag", ERROR, "Sai giá trị 1/0", "Not 1 or 0",
         "{where}, cột “{column}”: “{value}” phải là 1 (có) hoặc 0 (không)."),
    Kind("plan-bad-choice", ERROR, "Giá trị không hợp lệ", "Value not allowed",
         "{where}, cột “{column}”: “{value}” không hợp lệ; chỉ nhận: {allowed}."),
    Kind("plan-missing-value", ERROR, "Thiếu giá trị", "Missing value",
         "{where}, cột “{column}”: chưa có giá trị. Hãy điền nội dung."),
    Kind("plan-duplicate-code", ERROR, "Trùng mã", "Duplicate code",
         "{where}: mã “{code}” bị trùng (đã có ở {first}). Mỗi mã chỉ dùng một lần."),
    Kind("plan-unknown-unit", ERROR, "Không rõ đơn vị", "Unknown unit",
         ("{where}, cột “{column}”: không nhận ra đơn vị “{value}”. Hãy dùng mã hoặc tên đơn vị trong bảng Đơn vị, "
          "hoặc thêm tên gọi này vào cột “Tên gọi khác”.")),
    Kind("plan-unknown-parent", ERROR, "Không rõ tiêu chí cấp trên", "Unknown parent criterion",
         "{where}: mã cấp trên “{parent}” của tiêu chí {code} không có trong bảng tiêu chí."),
    Kind("plan-parent-after-child", ERROR, "Sai thứ tự cấp trên", "Parent after its child",
         "{where}: tiêu chí cấp trên “{parent}” phải đứng trước tiêu chí con {code}."),
    Kind("plan-parent-cycle", ERROR, "Vòng cấp trên", "Parent cycle",
         "{where}: tiêu chí {code} nằm trong một vòng cấp trên (là cấp trên của chính nó). Hãy sửa cột “Mã cấp trên”."),
    Kind("plan-unknown-criterion", ERROR, "Không rõ tiêu chí", "Unknown criterion",
         "{where}: mức điểm thuộc tiêu chí “{code}” không có trong bảng tiêu chí."),
    Kind("plan-unknown-rule", ERROR, "Không rõ cách chấm", "Unknown scoring rule",
         "{where}: cách chấm “{value}” không hợp lệ; chỉ nhận: {allowed}."),
    Kind("plan-leaf-without-rule", ERROR, "Thiếu cách chấm", "Scoring rule missing",
         "{where}: tiêu chí {code} không có tiêu chí con nhưng chưa có cách chấm."),
    Kind("plan-group-with-rule", ERROR, "Tiêu chí có con mang cách chấm", "Group with a scoring rule",
         "{where}: tiêu chí {code} có tiêu chí con nên không được có cách chấm riêng."),
    Kind("plan-too-few-levels", ERROR, "Quá ít mức", "Too few levels",
         "{where}: tiêu chí {code} chấm theo mức nhưng có {count} mức; cần ít nhất 2 mức."),
    Kind("plan-level-order", ERROR, "Sai thứ tự mức", "Levels out of order",
         "{where}: các mức của tiêu chí {code} phải đánh số 1, 2, 3… liên tục (đang là {orders})."),
    Kind("plan-tier-count", ERROR, "Thiếu số lượng của mức", "Tier without a count",
         "{where}: mức “{text}” của tiêu chí {code} chưa có “Từ số lượng”."),
    Kind("plan-missing-threshold", ERROR, "Thiếu ngưỡng", "Threshold missing",
         "{where}: tiêu chí {code} chấm theo ngưỡng nhưng chưa có ngưỡng (%)."),
    Kind("plan-task-without-lead", ERROR, "Nhiệm vụ chưa có chủ trì", "Task without a lead unit",
         "{where}: nhiệm vụ {code} chưa có đơn vị chủ trì."),
    Kind("plan-deadline-missing", ERROR, "Thiếu thời hạn", "Deadline missing",
         "{where}: nhiệm vụ {code} có loại thời hạn “deadline” nhưng chưa có ngày."),
    Kind("plan-deadline-outside-year", WARNING, "Thời hạn ngoài năm", "Deadline outside the year",
         "{where}: thời hạn {deadline} của nhiệm vụ {code} nằm ngoài năm {year} của kế hoạch."),
    Kind("plan-unknown-period", ERROR, "Không rõ kỳ báo cáo", "Unknown period",
         "{where}: kỳ báo cáo “{code}” không hợp lệ; chỉ nhận: {allowed}."),
    Kind("plan-period-dates", ERROR, "Ngày của kỳ không hợp lý", "Period dates out of order",
         "{where}: kỳ {code} có ngày không hợp lý (từ {start}, chốt {cutoff}, hạn {due})."),
    Kind("plan-no-scorer", WARNING, "Chưa có đơn vị chấm", "No unit scores it",
         "{where}: tiêu chí {code} chưa có đơn vị chịu trách nhiệm chấm điểm."),
    Kind("plan-sum-mismatch", WARNING, "Tổng điểm con không khớp", "Parts do not add up",
         ("{where}: tiêu chí {code} ghi điểm tối đa {declared} nhưng tổng các tiêu chí con là {computed}. Văn bản "
          "không thống nhất; hãy kiểm tra lại với văn bản gốc.")),
    Kind("plan-total-mismatch", WARNING, "Tổng cộng không khớp", "Total does not add up",
         ("{where}: TỔNG CỘNG ghi {declared} nhưng tổng các phần là {computed}. Văn bản không thống nhất; hãy kiểm "
          "tra lại với văn bản gốc.")),
    Kind("plan-level-above-max", ERROR, "Mức vượt điểm tối đa", "Level above the maximum",
         "{where}: mức “{text}” của tiêu chí {code} được {points} điểm, cao hơn điểm tối đa {max}."),
    Kind("plan-level-no-points", WARNING, "Mức không ghi điểm", "Level without points",
         "{where}: mức “{text}” của tiêu chí {code} không ghi số điểm; được tính là 0 điểm."),
    Kind("plan-levels-equal", WARNING, "Các mức bằng điểm nhau", "Levels score the same",
         ("{where}: mọi mức của tiêu chí {code} đều {points} điểm; mức không đạt lẽ ra phải thấp hơn. Hãy kiểm tra "
          "lại với văn bản gốc.")),
    Kind("plan-max-missing", INFO, "Thiếu điểm tối đa", "Maximum missing",
         "{where}: tiêu chí {code} không ghi điểm tối đa; dùng {computed} tính từ cách chấm."),
    Kind("plan-ratio-points-differ", WARNING, "Điểm công thức khác điểm tối đa",
         "Formula points differ from the maximum",
         "{where}: tiêu chí {code} tính theo công thức với {points} điểm nhưng điểm tối đa ghi {max}."),
    Kind("plan-ratio-above-max", ERROR, "Điểm công thức vượt tối đa", "Formula points above the maximum",
         ("{where}: tiêu chí {code} tính theo công thức với {points} điểm, cao hơn điểm tối đa {max}: đơn vị đạt 100% "
          "sẽ được nhiều điểm hơn tiêu chí. Hãy sửa một trong hai số.")),
    Kind("plan-leaf-no-max", ERROR, "Thiếu điểm tối đa", "Maximum missing",
         ("{where}: tiêu chí {code} (cách chấm “{rule}”) chưa có điểm tối đa nên luôn được 0 điểm. Hãy ghi điểm tối "
          "đa.")),
    Kind("plan-per-item-points", ERROR, "Thiếu điểm mỗi trường hợp", "Points per item missing",
         ("{where}: tiêu chí {code} chấm theo số lượng (per_item) nhưng chưa ghi “Điểm theo công thức” (hoặc ghi 0). "
          "Hãy ghi số điểm mỗi trường hợp được cộng (số dương, ví dụ 0,5) hoặc bị trừ (số âm, ví dụ -0,25).")),
    Kind("plan-threshold-fraction", ERROR, "Ngưỡng không phải tỷ lệ %", "Threshold not a percentage",
         ("{where}: ngưỡng của tiêu chí {code} là {value}, không phải tỷ lệ % từ 1 đến 100 (Excel lưu “{percent}%” "
          "thành {value}). Hãy ghi ngưỡng bằng số, ví dụ 95.")),
    Kind("plan-no-responsible", ERROR, "Không có đơn vị chấm", "No unit scores",
         ("{where}: không tiêu chí nào có “{column}”, nên không đơn vị nào chấm điểm và chỉ số sẽ là 0. Hãy thêm lại "
          "cột này và ghi đơn vị cho từng lĩnh vực.")),
    Kind("plan-several-responsible", ERROR, "Nhiều đơn vị chấm một tiêu chí", "Several units score one criterion",
         ("{where}: tiêu chí {code} ghi nhiều đơn vị chịu trách nhiệm ({units}); kế hoạch tính một chỉ số chung nên "
          "chỉ một đơn vị được chấm. Hãy giữ một đơn vị, hoặc ghi index_scope = unit trong bảng Thông tin chung để "
          "mỗi đơn vị tự chấm.")),
    Kind("plan-bad-year", ERROR, "Năm không hợp lệ", "Year not valid",
         "{where}: năm của kế hoạch “{value}” không đọc được. Hãy ghi năm bằng 4 chữ số, ví dụ 2023, ở khóa year."),
    Kind("plan-missing-sheet", ERROR, "Thiếu trang tính", "Missing sheet",
         ("{where}: không thấy trang tính “{table}”; các trang tính lạ: {others}. Nếu đã đổi tên trang tính, hãy đặt "
          "lại tên “{table}”.")),
    Kind("plan-csv-encoding", WARNING, "Tệp CSV không phải UTF-8", "CSV file not UTF-8",
         ("{where}: tệp không phải UTF-8, đã đọc theo bảng mã {encoding}. Hãy kiểm tra chữ tiếng Việt, và lưu lại "
          "bằng “CSV UTF-8 (Comma delimited)” cho chắc chắn.")),
    Kind("plan-checks-skipped", INFO, "Chưa kiểm tra hết", "Checks not all run",
         "Các kiểm tra khác sẽ chạy khi đã sửa những lỗi về bảng và cột ở trên."),
    Kind("plan-corrected", INFO, "Số liệu đã hiệu chỉnh", "Plan corrected",
         "{where}: {code}, {field}: văn bản ghi {printed} ({source}), kế hoạch dùng {used}. Lý do: {reason}"),
    Kind("plan-correction-stale", WARNING, "Hiệu chỉnh đã cũ", "Correction out of date",
         ("{where}: hiệu chỉnh {code}, {field} ghi giá trị sử dụng {used} nhưng kế hoạch đang có {current}. Hãy cập "
          "nhật bảng Hiệu chỉnh hoặc bảng tiêu chí/mức điểm.")),
    Kind("plan-unknown-group", ERROR, "Không rõ nhóm đơn vị", "Unknown unit group",
         ("{where}: đơn vị {code} thuộc nhóm “{value}” nhưng bảng Đơn vị không có nhóm này. Hãy thêm một dòng loại "
          "“group” với mã đó, hoặc sửa cột “Thuộc nhóm”.")),
    Kind("plan-bad-setting", ERROR, "Cài đặt không hợp lệ", "Setting not valid",
         "{where}: “{key}” = “{value}” không hợp lệ; chỉ nhận: {allowed}."),
    Kind("plan-unsafe-name", WARNING, "Mã không dùng được làm tên tệp", "Code unusable as a file name",
         ("{where}: mã “{code}” có ký tự không dùng được trong tên tệp ({chars}); tên tệp sẽ dùng “{safe}”. Nên đổi "
          "mã chỉ gồm chữ, số, “-” và “_”.")),
    Kind("plan-area-level", WARNING, "Cấp lĩnh vực không khớp", "Area level does not match",
         ("{where}: area_level = {level} nhưng cây tiêu chí không có cấp này ở {code}; tiêu chí {code} được coi là "
          "một lĩnh vực.")),
    Kind("plan-empty-group", WARNING, "Nhóm chưa có đơn vị", "Group without units",
         ("{where}, cột “{column}”: nhóm “{value}” chưa có đơn vị nào. Hãy ghi mã nhóm vào cột “Thuộc nhóm” của các "
          "đơn vị trong nhóm.")),
    # issue 24: a plan read from a Word document whose body names no reporting period
    Kind("plan-no-periods", ERROR, "Không có kỳ báo cáo", "No reporting periods",
         ("{where}: không thấy kỳ báo cáo nào (“Báo cáo Quý I/2022: … tính từ ngày … đến ngày …”), nên chưa tạo "
          "được biểu mẫu cho kỳ nào. Hãy điền trang “Kỳ báo cáo” của bảng kế hoạch (mã, tên, ngày bắt đầu, ngày "
          "chốt số liệu, hạn gửi).")),
)
