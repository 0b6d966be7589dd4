"""How each scoring rule reads: the Cách chấm column, the tiers, the not-applicable condition, and
what a result should be when the unit's answer is not one."""

# --- scoring rules as the Cách chấm column shows them ----------------------------------
RULE_YESNO = "Chọn “Có” nếu đã thực hiện: {max} điểm; “Không”: 0 điểm."
RULE_RATIO = "Nhập tỷ lệ % đạt được (0–100). Điểm = (tỷ lệ % × {points} điểm) : 100%."
RULE_THRESHOLD = ("Nhập tỷ lệ % (0–100). Từ {threshold}% trở lên: điểm = (tỷ lệ % × {points} điểm) : 100%; "
                  "dưới {threshold}%: 0 điểm.")
RULE_POINTS = "Nhập số điểm từ 0 đến {max}."
TIER_FROM = "Số lượng từ {count}"  # only where a tier has no text of its own
TIER_LINE = "{text} (số lượng từ {count}): {points}"
NA_CONDITION = "Hạ chuẩn: {text}"

# What a result of each rule should be (the end of result-invalid).
EXPECTED_RESULT = {
    "choice": "Hãy chọn một mức trong danh sách.",
    "yesno": "Hãy chọn “Có” hoặc “Không”.",
    "ratio": "Hãy ghi tỷ lệ % từ 0 đến 100.",
    "threshold": "Hãy ghi tỷ lệ % từ 0 đến 100.",
    "tiers": "Hãy ghi số nguyên từ 0 trở lên.",
    "points": "Hãy ghi số điểm từ 0 đến {max}.",
}

# --- per_item (a count; points per item up to the maximum, or a deduction per item) ---
RULE_PER_ITEM_EARN = ("Nhập số lượng (số nguyên ≥ 0). Mỗi trường hợp được {points} điểm, "
                      "tối đa {max} điểm.")
RULE_PER_ITEM_DEDUCT = ("Nhập số lượng (số nguyên ≥ 0). Điểm = {max} điểm, mỗi trường hợp trừ {points} điểm, "
                        "thấp nhất 0 điểm.")
EXPECTED_COUNT = "Hãy ghi số lượng là số nguyên từ 0 trở lên."
