"""Dates as reports print them: ``二○二三年九月二十八日``, ``2022年8月10日``, ``2017 年7 月 15 日``,
``2018-11-09``, ``2021/7/16``.

A record keeps a date as the document writes it; it is parsed only to tell a date from a look-alike
(``20191-12月份`` is a mangled period, not a date) and to know its year. Years in Chinese numerals
are written digit by digit (二〇二三), months and days with 十 (九月二十八日).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ...core.numerals import DIGITS, chinese_number

_ZERO = "〇○零ＯOo０"
_YEAR_CN = rf"[{_ZERO}一二三四五六七八九]{{4}}"
_SMALL_CN = r"[一二三四五六七八九十]{1,3}"
_SPACE = r"[ \u3000]*"

# 2023年9月28日, 二○二三年九月二十八日, 2017 年7 月 15 日; month and day optional (二〇二三年).
CHINESE_DATE = re.compile(
    rf"(?<![\d{_ZERO}一二三四五六七八九])(?P<year>(?:19|20)\d{{2}}|{_YEAR_CN}){_SPACE}年"
    rf"(?:{_SPACE}(?P<month>\d{{1,2}}|{_SMALL_CN}){_SPACE}月"
    rf"(?:{_SPACE}(?P<day>\d{{1,2}}|{_SMALL_CN}){_SPACE}[日号])?)?"
)
# 2018-11-09, 2021/7/16, 2021.7.16 (a full date only: 2021.7 could be a figure).
NUMERIC_DATE = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d.])")


@dataclass(frozen=True)
class DateMention:
    text: str  # as printed
    year: int
    month: int | None
    day: int | None
    start: int
    end: int


def chinese_year(text: str) -> int | None:
    """``二〇二三`` → 2023 (digit by digit, as years are written); ``2023`` → 2023."""
    if text.isdigit():
        return int(text)
    if len(text) != 4 or any(char not in DIGITS for char in text):
        return None
    return int("".join(str(DIGITS[char]) for char in text))


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if not 1900 <= year <= 2100:
        return False
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def find_dates(text: str) -> list[DateMention]:
    """Every date the text states, in order; look-alikes that do not make a calendar date are left out."""
    found: list[DateMention] = []
    for match in CHINESE_DATE.finditer(text):
        year = chinese_year(match.group("year"))
        month = chinese_number(match.group("month")) if match.group("month") else None
        day = chinese_number(match.group("day")) if match.group("day") else None
        if year is not None and _valid(year, month, day):
            found.append(DateMention(match.group(0).strip(), year, month, day, match.start(), match.end()))
    for match in NUMERIC_DATE.finditer(text):
        year, month, day = int(match.group("year")), int(match.group("month")), int(match.group("day"))
        if _valid(year, month, day) and not any(m.start <= match.start() < m.end for m in found):
            found.append(DateMention(match.group(0), year, month, day, match.start(), match.end()))
    return sorted(found, key=lambda mention: mention.start)


def full_date(text: str) -> DateMention | None:
    """The date when ``text`` is a date and nothing else (a signature line, a labelled value);
    a year and month (二〇二三年九月) count, a year alone does not."""
    stripped = text.strip().rstrip("。.")
    dates = find_dates(stripped)
    if len(dates) == 1 and dates[0].text == stripped.strip() and dates[0].month is not None:
        return dates[0]
    return None
