"""The feedback workbooks sent back to units."""

# Feedback workbooks: the problems that belong to no cell of the fresh workbook, on the guide sheet.
FEEDBACK_LIST_TITLE = "CÁC NỘI DUNG CẦN XEM LẠI (không gắn với ô cụ thể)"
