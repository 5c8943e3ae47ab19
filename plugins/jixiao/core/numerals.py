"""Small numbers written in Chinese numerals, as documents write counts, months and days
(二十八, 十二, 九), and the digits a year is written with one by one (二〇二三)."""

from __future__ import annotations

DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "o": 0, "０": 0, "一": 1, "二": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """``二十八`` → 28, ``十二`` → 12, ``九`` → 9, ``28`` → 28; None when it is not a small number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(char not in DIGITS and char != "十" for char in text):
        return None
    if "十" not in text:
        return DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[ones] if ones else 0)
