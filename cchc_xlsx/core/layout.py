"""The unit workbook's layout, named once: generate writes it, collect and feedback read it.

Rows are matched back by ``Mã``, never by position; the header row is found by its titles,
so a unit that inserts a row above it does not break collect.
"""

from __future__ import annotations

SCHEMA = "cchc-unit-workbook/1"
META_KEYS = ("schema", "plan_id", "year", "period", "unit", "generated_at", "tool_version")

HEADER_ROW = 3  # 0-based row of the header in a generated workbook (title, subtitle, blank above)
FIRST_DATA_ROW = HEADER_ROW + 1

# The input columns (keys of labels.TASK_HEADERS / CRITERIA_HEADERS); the rest is locked.
TASK_INPUTS = ("status", "completion", "completed_on", "evidence", "issues", "note")
CRITERIA_INPUTS = ("result", "not_applicable", "evidence", "note")

TEXT_LIMIT = 2000  # characters in a free-text input
