"""What a cell's text looks like — a number, a target, a category name, a label — and how well it
fits a column of a form. Rebuilding rows from flattened text and aligning a short row to its
header both ask the same question: could this text stand in that column?

The fit is a small score, higher for a better fit, ``IMPOSSIBLE`` where the text cannot stand
there at all (a sentence in a 得分 column). Scores are relative: they only rank readings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .vocabulary import NATURE_WORDS as _NATURE_LABELS
from .vocabulary import (
    UNITS,
    category_levels,
    indicator_role,
    is_frame,
    is_total_label,
    normal,
)

IMPOSSIBLE = float("-inf")

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_PERCENT = re.compile(r"^[+-]?\d+(\.\d+)?\s*[%％]$")
OPERATOR = r"(?:≥|≤|>=|<=|=>|=<|＞＝|＜＝|>|<|＞|＜|=|＝|≧|≦|═|﹦|不少于|不低于|不高于|不超过|不大于|不小于|大于等于|小于等于|大于|小于|达到|至少|约)"
_UNIT = r"[%％‰a-zA-Z\u4e00-\u9fff/·*．.×㎡²³ ()（）]{0,10}"
_VALUE = re.compile(rf"^{OPERATOR}?\s*[+-]?\d+(?:[.,]\d+)*\s*{_UNIT}$")
_OPERATOR_ONLY = re.compile(rf"^{OPERATOR}$")
_BLANK = {"", "—", "-", "--", "——", "－", "/", "／", "\\", "…", "……", "…………"}
_QUALITATIVE = re.compile(r"^[\u4e00-\u9fff]{1,8}$")
_DIGITS = re.compile(r"\d")
_SENTENCE = re.compile(r"[，,。；;]")
_UNIT_WORD = re.compile(r"^(%|％|‰|[\u4e00-\u9fff]{1,4}(/[\u4e00-\u9fff]{1,3})?|[a-zA-Z]{1,5}|[㎡m²]+|万?元/[\u4e00-\u9fff]{1,3})$")
# what a 指标性质 cell holds: the nature words, or the direction some forms write there instead
NATURE_WORDS = {*_NATURE_LABELS, "正向", "反向"}
_UNIT_SET = set(UNITS)


def is_blank(text: str) -> bool:
    return text.strip().replace(" ", "") in _BLANK


# the national form numbers its unfilled rows (指标1：, 指标2：…); a unit that fills fewer rows leaves them
_PLACEHOLDER = re.compile(r"(指标\d{1,2}[:：]?)+")


def is_placeholder(text: str) -> bool:
    """A cell holding only the form's numbering of an unfilled row, once or several times run together."""
    return bool(_PLACEHOLDER.fullmatch(text.strip().replace(" ", "")))


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip().replace(" ", "")))


def is_percent(text: str) -> bool:
    return bool(_PERCENT.match(text.strip().replace(" ", "")))


def is_value(text: str) -> bool:
    """A target or actual as forms write them: ≥95%, =165个, 100%, 5000吨, 2万元, 1-12月."""
    flat = text.strip()
    return bool(_VALUE.match(flat)) or is_percent(flat)


def is_operator(text: str) -> bool:
    return bool(_OPERATOR_ONLY.match(text.strip().replace(" ", "")))


@lru_cache(maxsize=8192)
def fit(role: str, text: str) -> float:
    """How well ``text`` stands in a column of ``role``."""
    flat = text.strip()
    blank = is_blank(flat)
    compact = flat.replace(" ", "")
    number = is_number(compact)
    percent = is_percent(compact)
    levels = category_levels(compact) if not blank and not number else frozenset()
    level = min(levels) if levels else None
    if role == "frame":
        return 0.5 if blank else (2.0 if is_frame(compact) else IMPOSSIBLE)
    if not blank and (is_frame(compact) or (len(compact) >= 2 and indicator_role(compact))):
        return -3.0  # a header word or the frame's 绩效指标 is no cell of a row
    if role == "category":
        if blank:
            return -0.3
        if is_total_label(compact):
            return IMPOSSIBLE
        if levels == {1}:
            return 3.0
        if levels:
            return 1.5 if 1 in levels else 0.3
        if number or percent or is_value(compact):
            return IMPOSSIBLE
        return 0.0 if len(compact) <= 14 else -1.5
    if role == "subcategory":
        if blank:
            return -0.3
        if levels == {2}:
            return 3.0
        if levels:
            return 1.6 if 2 in levels else -0.5
        if number or percent or is_value(compact):
            return IMPOSSIBLE
        return -0.3 if len(compact) <= 14 else -1.5  # a sub-category usually says 指标 or is a known one
    if role == "name":
        if blank:
            return -2.5
        if level is not None:
            # 成本 or 满意度 alone may name an indicator; 成本指标 is a category
            return -3.0 if re.search(r"(指标|目标)([（(].*)?$|分[)）]?$", compact) else 0.5
        if is_total_label(compact):
            return IMPOSSIBLE
        if number or percent or is_operator(compact):
            return -4.0
        if is_value(compact) and not re.search(r"[\u4e00-\u9fff]{3,}", compact):
            return -2.5
        if _SENTENCE.search(compact) and len(compact) > 20:
            return 0.0  # a sentence is a note or a reason, rarely an indicator's name
        return 2.0 if _DIGITS.search(compact) is None or len(compact) >= 6 else 1.0
    if role in ("target", "actual", "adjusted_target"):
        if blank:
            return -0.2
        if level is not None:
            return -3.0
        if is_value(compact) or number or percent:
            return 1.8
        if _QUALITATIVE.match(compact):
            return 0.9
        return 0.2 if len(compact) <= 30 else -0.8
    if role in ("weight", "score", "review_score", "weighted_score"):
        if blank:
            return -0.4 if role == "weight" else -0.1
        if number:
            value = float(compact.replace(",", ""))
            if role == "weight":  # an indicator's weight is rarely above 40 of 100
                return 2.0 if 0 < value <= 40 else (1.0 if value <= 100 else -1.0)
            return 2.0 if 0 <= value <= 100 else -1.0
        if percent and role == "weight":
            return 1.5
        if compact.endswith("分") and is_number(compact[:-1]):
            return 1.8
        return IMPOSSIBLE
    if role == "coefficient":
        return -0.1 if blank else (2.0 if percent or number else IMPOSSIBLE)
    if role == "core":
        return -0.1 if blank else (2.0 if compact in ("是", "否", "★", "√") else IMPOSSIBLE)
    if role == "nature":
        if blank:
            return 0.0
        if compact in NATURE_WORDS or is_operator(compact):
            return 2.0
        return -2.0
    if role == "measure_unit":
        if blank:
            return 0.0
        if compact in _UNIT_SET or compact in ("%", "％", "‰"):
            return 1.5
        if _UNIT_WORD.match(compact) and not level and len(compact) <= 2:
            return 0.2
        return -2.0
    if role == "rating":
        return 0.0 if blank else (1.0 if _QUALITATIVE.match(compact) else -1.0)
    if role in ("note", "rule", "explanation"):
        if blank:
            return 0.0
        if level is not None:
            return -1.5
        if _SENTENCE.search(compact) and len(compact) > 12:
            return 1.2
        return 0.4 if not number else -0.5
    return -0.5


def is_label_like(text: str) -> bool:
    """A header-ish cell: short, no digits, not a value."""
    flat = normal(text)
    return bool(flat) and len(flat) <= 16 and not _DIGITS.search(flat)
