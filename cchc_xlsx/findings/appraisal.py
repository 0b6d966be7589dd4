"""Findings of the year's second half: a returned explanation workbook (issue 22)."""

from cchc_xlsx.findings.kind import WARNING, Kind

KINDS = (
    Kind("explain-row-unknown", WARNING, "Dòng giải trình không thuộc đơn vị", "Explanation row not the unit's",
         "{file}, trang “{sheet}”, ô {cell}: mã “{code}” không thuộc các tiêu chí cần giải trình của đơn vị; nội dung "
         "dòng này không được ghi nhận."),
    Kind("explain-empty", WARNING, "Giải trình còn trống", "Empty explanation",
         "{file}: chưa có nội dung giải trình nào (cột “Giải trình của đơn vị” và “Tài liệu bổ sung” đều trống). Hãy "
         "điền rồi gửi lại."),
)
