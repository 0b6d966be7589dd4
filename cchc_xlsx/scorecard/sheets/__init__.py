"""The scorecard's sheets, one module each, each ``write(ctx)`` given the shared ``Context``
(``base``): ``criteria`` (Chấm điểm), ``tasks`` (Tiến độ nhiệm vụ), ``units`` (Xếp loại đơn vị),
``checks`` (Kiểm tra), ``unit_scores`` (Điểm theo đơn vị) and ``unit_index`` (Chỉ số đơn vị) with
``index_scope = unit``, ``matrix`` and ``problems`` for many units, ``summary`` (Tổng hợp) and
``trend`` (Xu hướng). The writer (``scorecard/writer.py``) decides which and in what order."""
