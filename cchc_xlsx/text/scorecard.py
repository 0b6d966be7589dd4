"""The scorecard workbook: sheets, headlines, headers, charts, bands."""

EVIDENCE_FILES_HEADER = "Tệp kiểm chứng"  # beside the self-score (criteria), the evidence text (tasks)
# In print order: the meeting's summary, the unit ranking, then the detail.
SC_SHEETS = {"summary": "Tổng hợp", "units": "Xếp loại đơn vị", "criteria": "Chấm điểm",
             "tasks": "Tiến độ nhiệm vụ", "checks": "Kiểm tra", "trend": "Xu hướng"}
SC_TITLE = "BẢNG TỔNG HỢP KẾT QUẢ CẢI CÁCH HÀNH CHÍNH — {period}"
SC_SUBTITLE = "{department} — số liệu đến ngày {cutoff} — lập ngày {today}"
SC_HEADLINE = {"points": "Tổng điểm đạt được", "max": "Tổng điểm tối đa (đã trừ hạ chuẩn)",
               "index": "Chỉ số CCHC (%)", "cutoff": "Ngày chốt số liệu"}
SC_AREA_HEADERS = {"code": "Mã", "title": "Lĩnh vực", "max": "Điểm tối đa", "na": "Hạ chuẩn",
                   "adjusted": "Tối đa sau hạ chuẩn", "self": "Điểm tự chấm", "final": "Điểm thẩm định/tính",
                   "ratio": "Tỷ lệ đạt"}
SC_CRITERIA_HEADERS = {"code": "Mã", "title": "Nội dung tiêu chí", "unit": "Đơn vị chấm", "rule": "Cách chấm",
                       "result": "Kết quả", "na": "Hạ chuẩn", "evidence": "Tài liệu kiểm chứng",
                       "max": "Điểm tối đa", "na_max": "Điểm hạ chuẩn", "self": "Điểm tự chấm",
                       "files": EVIDENCE_FILES_HEADER,
                       "appraised": "Điểm thẩm định", "reason": "Lý do thẩm định", "explanation": "Giải trình của đơn vị",
                       "decided": "Điểm sau giải trình", "after_appraisal": "Điểm sau thẩm định", "final": "Điểm tính", "diff": "Chênh lệch",
                       "ratio": "Tỷ lệ đạt"}
SC_TASK_HEADERS = {"code": "Mã", "description": "Nhiệm vụ", "unit": "Mã đơn vị", "unit_name": "Đơn vị",
                   "role": "Vai trò", "deadline": "Thời hạn", "status": "Tình trạng", "completion": "Tỷ lệ (%)",
                   "completed_on": "Ngày hoàn thành", "evidence": "Tài liệu kiểm chứng",
                   "files": EVIDENCE_FILES_HEADER, "flag": "Cảnh báo"}
SC_UNIT_HEADERS = {"unit": "Mã đơn vị", "unit_name": "Đơn vị", "returned": "Báo cáo", "assigned": "Nhiệm vụ chủ trì",
                   "done_on_time": "Hoàn thành đúng hạn", "done_late": "Hoàn thành trễ hạn", "overdue": "Quá hạn",
                   "not_started": "Chưa triển khai", "not_arisen": "Không phát sinh",
                   "completion": "Tỷ lệ hoàn thành (%)", "points": "Điểm tự chấm", "max": "Điểm tối đa",
                   "points_pct": "Tỷ lệ điểm (%)", "score": "Kết quả (%)", "rank": "Xếp hạng",
                   "band": "Xếp loại"}
SC_CHECK_HEADERS = {"unit": "Đơn vị", "file": "Tệp", "sheet": "Trang", "cell": "Ô", "severity": "Mức độ",
                    "message": "Nội dung"}
SC_TREND_TITLE = "Diễn biến qua các kỳ báo cáo"
SC_TREND_AREA = "Tỷ lệ đạt theo lĩnh vực"
SC_TREND_UNIT = "Kết quả (%) theo đơn vị"
SC_CHART_AREAS = "Tỷ lệ đạt theo lĩnh vực"
SC_CHART_UNITS = "Tỷ lệ hoàn thành nhiệm vụ theo đơn vị"
FLAG_OVERDUE = "Quá hạn"
FLAG_LATE = "Trễ hạn"
RETURNED = {True: "Đã gửi", False: "Chưa gửi"}
NOT_RETURNED_NOTE = "Chưa gửi báo cáo"
# Classification of units by result (%), highest first; cchc.toml [bands] may replace it.
DEFAULT_BANDS = {"Xuất sắc": 90, "Tốt": 80, "Khá": 65, "Trung bình": 50, "Yếu": 0}
# The scorecard: a cell whose value was left out of the merge.
LEFT_OUT_NOTE = "Giá trị trong báo cáo của đơn vị không hợp lệ nên không được tính; xem trang “Kiểm tra”."

SC_UNIT_INDEX_SHEET = "Chỉ số đơn vị"
SC_UNIT_SCORES_SHEET = "Điểm theo đơn vị"
SC_MATRIX_SHEET = "Ma trận nhiệm vụ"
SC_PROBLEMS_SHEET = "Vấn đề cần xử lý"
SC_UNIT_INDEX_HEADERS = {"unit": "Mã đơn vị", "unit_name": "Đơn vị", "groups": "Nhóm", "returned": "Báo cáo",
                         "points": "Điểm đạt", "max": "Điểm tối đa sau hạ chuẩn", "index": "Chỉ số CCHC (%)",
                         "rank": "Xếp hạng", "band": "Xếp loại"}
SC_UNIT_SCORES_HEADERS = {"unit": "Mã đơn vị", "code": "Mã tiêu chí", "title": "Nội dung tiêu chí",
                          "result": "Kết quả", "na": "Hạ chuẩn", "evidence": "Tài liệu kiểm chứng",
                          "max": "Điểm tối đa", "na_max": "Điểm hạ chuẩn", "self": "Điểm tự chấm",
                          "appraised": "Điểm thẩm định", "reason": "Lý do thẩm định",
                          "explanation": "Giải trình của đơn vị", "decided": "Điểm sau giải trình",
                          "after_appraisal": "Điểm sau thẩm định", "final": "Điểm tính"}
SC_UNIT_INDEX_TITLE = "CHỈ SỐ CCHC CỦA TỪNG ĐƠN VỊ"
SC_DISTRIBUTION = {"title": "Phân bố chỉ số CCHC của các đơn vị", "best": "Cao nhất", "worst": "Thấp nhất",
                   "mean": "Trung bình", "count": "Số đơn vị", "group": "Nhóm", "all": "Tất cả đơn vị"}
SC_MATRIX_TITLE = "TIẾN ĐỘ NHIỆM VỤ CHỦ TRÌ: ĐƠN VỊ × NHIỆM VỤ"
SC_MATRIX_LEGEND = ("Ký hiệu: HT hoàn thành đúng hạn · TR hoàn thành trễ hạn · QH quá hạn · ĐT đang thực hiện · "
                    "CT chưa triển khai · KPS không phát sinh · ? chưa báo cáo. Đơn vị xếp theo thứ hạng.")
SC_MATRIX_CODES = {"done": "HT", "late": "TR", "overdue": "QH", "in_progress": "ĐT", "not_started": "CT",
                   "not_arisen": "KPS", "missing": "?"}
SC_PROBLEMS_TITLE = "CÁC VẤN ĐỀ CẦN XỬ LÝ: QUÁ HẠN, TRỄ HẠN, CHƯA BÁO CÁO"
SC_PROBLEMS_HEADERS = {"unit": "Mã đơn vị", "unit_name": "Đơn vị", "kind": "Vấn đề", "task": "Mã nhiệm vụ",
                       "description": "Nhiệm vụ", "deadline": "Thời hạn"}
SC_PROBLEM_KINDS = {"missing": "Chưa gửi báo cáo", "overdue": FLAG_OVERDUE, "late": FLAG_LATE}
SC_POOLED_UNITS = "{count} đơn vị"
SC_POOLED_EVIDENCE = "{count}/{total} đơn vị có tài liệu"
SC_DATA_SHEET_NOTE = ("Trang dữ liệu chi tiết (rất nhiều dòng): chỉ in phần tiêu đề; xem, lọc trên máy tính. "
                      "Số liệu tổng hợp ở các trang Chỉ số đơn vị, Xếp loại đơn vị, Ma trận nhiệm vụ.")
SC_TREND_INDEX = "Chỉ số CCHC (%) theo đơn vị"
SC_CHART_BEST_WORST = "{count} đơn vị cao nhất và {count} đơn vị thấp nhất: {what}"
SC_CHART_WHAT = {"index": "chỉ số CCHC (%)", "score": "kết quả (%)"}
SC_CHART_DATA = "Số liệu biểu đồ"

