"""Texts of the rule kinds added as classes (``cchc_xlsx/rules/``): their ``Cách chấm`` lines and what
to type instead of an unusable answer."""

RULE_PER_ITEM_EARN = ("Nhập số lượng (số nguyên ≥ 0). Mỗi trường hợp được {points} điểm, "
                      "tối đa {max} điểm.")
RULE_PER_ITEM_DEDUCT = ("Nhập số lượng (số nguyên ≥ 0). Điểm = {max} điểm, mỗi trường hợp trừ {points} điểm, "
                        "thấp nhất 0 điểm.")
EXPECTED_COUNT = "Hãy ghi số lượng là số nguyên từ 0 trở lên."
