"""Reading targets and actual values as units write them.

A record keeps ``≥95%``, ``=165个``, ``95%以上``, ``不少于 2 次`` or ``合规`` exactly as the form
printed it; this module reads such text into a :class:`Value` that scoring can compare. Reading
never raises: the text comes from thousands of hand-filled forms, and whatever cannot be read is
a value of kind ``unknown`` that the scorer reports as "not machine-checkable".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

Comparator = Literal["=", ">=", ">", "<=", "<"]
Kind = Literal["quantitative", "qualitative", "unknown"]
Direction = Literal["more", "less", "exact"]

# Symbols after NFKC folding (which already turns ＞ ﹥ ＜ ﹤ ＝ into ASCII).
_SYMBOLS: dict[str, Comparator] = {
    ">=": ">=", "=>": ">=", "≥": ">=", "≧": ">=", "⩾": ">=",
    "<=": "<=", "=<": "<=", "≤": "<=", "≦": "<=", "⩽": "<=",
    "==": "=", "=": "=", ">": ">", "<": "<",
}
# Leading words, longest first so that 不低于 wins over 低于.
_LEADING_WORDS: dict[str, Comparator] = {
    "不低于": ">=", "不少于": ">=", "不小于": ">=", "不短于": ">=", "至少": ">=", "大于等于": ">=", "大于或等于": ">=",
    "不高于": "<=", "不超过": "<=", "不多于": "<=", "不大于": "<=", "不长于": "<=", "至多": "<=", "最多": "<=",
    "小于等于": "<=", "小于或等于": "<=",
    "大于": ">", "超过": ">", "高于": ">", "多于": ">",
    "小于": "<", "低于": "<", "少于": "<",
    "等于": "=", "达到": "=", "完成": "=",
}
# Trailing words: "95%以上" is the usual way to write "at least 95%" (以上 includes the bound in
# Chinese regulations), "3天以内" the way to write "at most 3 days".
_TRAILING_WORDS: dict[str, Comparator] = {
    "及以上": ">=", "或以上": ">=", "以上": ">=",
    "及以下": "<=", "或以下": "<=", "以下": "<=", "以内": "<=", "之内": "<=",
    "以前": "<=", "之前": "<=", "前": "<=",  # 9月前: a deadline
}
_TRAILING_NOISE = ("(含)", "(含本数)", "左右")

# Counting units seen on the forms; the longest match wins so 人次 is not read as 人.
UNITS = frozenset(
    """个 篇 人 人次 万人次 万人 次 项 户 户次 天 日 周 月 个月 年 家 场 场次 本 册 期 万元 元 千元 亿元 万
    件 批 份 套 台 辆 所 座 处 条 部 名 位 支 节 课时 学时 小时 分钟 轮 组 队 对 张 幅 块 棵 株 间 栋 幢
    平方米 平米 米 公里 千米 吨 亩 公顷 分 册次 期次 家次 所次 人/次 元/人 篇次""".split()
)
_UNITS_LONGEST_FIRST = sorted(UNITS, key=len, reverse=True)

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|^[+-]?\.\d+")
_QUOTES = "\"'“”‘’「」『』〝〞〟‟„‚‛`´"
_WORD = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]{1,20}$")
_PERCENT_WORDS = ("百分比", "百分之")
# Compound or rare units written after a number: 件（套）, 微克/立方米, 元/平方米·年, mg/L.
_COMPOUND_UNIT = re.compile(r"^[\u3400-\u9fffA-Za-z²³]+(?:[（(][\u3400-\u9fff]{1,4}[）)]|[/·][\u3400-\u9fffA-Za-z²³]+)*$")


@dataclass(frozen=True)
class Value:
    """A target or actual value as read from its text."""

    text: str
    comparator: Comparator | None = None
    number: Decimal | None = None
    percent: bool = False
    unit: str | None = None
    word: str | None = None

    @property
    def kind(self) -> Kind:
        if self.number is not None:
            return "quantitative"
        if self.word is not None:
            return "qualitative"
        return "unknown"

    @property
    def direction(self) -> Direction:
        """Which way is better: ≥/> more, ≤/< less; = (or nothing) is exact-or-at-least for counts."""
        if self.comparator in (">=", ">"):
            return "more"
        if self.comparator in ("<=", "<"):
            return "less"
        return "exact"


def parse_value(text: str | None) -> Value:
    """Read a target or actual value; anything unreadable is a value of kind ``unknown``."""
    if text is None:
        return Value("")
    try:
        return _parse(str(text))
    except (InvalidOperation, ValueError, ArithmeticError):  # belt and braces: reading never fails
        return Value(str(text))


# Cached: a Value is immutable, the same texts recur in every report, and scoring and the checks
# read each row's again.
@functools.lru_cache(maxsize=1 << 16)
def _parse(original: str) -> Value:
    rest = _fold(original)
    comparator, rest = _leading_comparator(rest)
    percent = False
    for word in _PERCENT_WORDS:
        if rest.startswith(word):  # 百分之95
            percent, rest = True, rest[len(word):].strip()
    rest, trailing = _strip_trailing(rest)
    if trailing and comparator is None:
        comparator = trailing
    match = _NUMBER.match(rest)
    if not match:
        word = _word(rest)
        return Value(original, comparator, word=word) if word else Value(original, comparator)
    number = Decimal(match.group(0).replace(",", ""))
    tail = rest[match.end():].strip()
    if tail.startswith("%"):
        percent, tail = True, tail[1:].strip()
    elif tail.startswith("百分比"):
        percent, tail = True, tail[3:].strip()
    unit = None
    if tail and not percent:
        unit = next((u for u in _UNITS_LONGEST_FIRST if tail.startswith(u)), None)
        if unit is None:
            if len(tail) <= 12 and _COMPOUND_UNIT.match(tail):
                return Value(original, comparator, number, percent, tail)
            return Value(original, comparator)
        remainder = tail[len(unit):].strip().removeprefix("/")
        if remainder and not _WORD.match(remainder):  # "165个社区" and "2次/年" are fine, "165个/3" is not
            if len(tail) <= 12 and _COMPOUND_UNIT.match(tail):  # 件(套), 元/平方米·年
                return Value(original, comparator, number, percent, tail)
            return Value(original, comparator)
    elif tail:
        return Value(original, comparator)
    if not number.is_finite():
        return Value(original, comparator)
    return Value(original, comparator, number, percent, unit)


def _fold(text: str) -> str:
    """Full-width digits, ．，＝＞ and spaces to their plain forms; quotes and brackets out of the way."""
    text = unicodedata.normalize("NFKC", text.replace("㎡", "平方米"))  # NFKC would make ㎡ "m2"
    text = "".join(ch for ch in text if ch not in _QUOTES)
    text = re.sub(r"\s+", "", text)
    return text.replace("〉", ">").replace("〈", "<")


def _leading_comparator(text: str) -> tuple[Comparator | None, str]:
    for symbol in sorted(_SYMBOLS, key=len, reverse=True):
        if text.startswith(symbol):
            return _SYMBOLS[symbol], text[len(symbol):]
    for word in sorted(_LEADING_WORDS, key=len, reverse=True):
        if text.startswith(word) and len(text) > len(word):
            rest = text[len(word):]
            if _NUMBER.match(rest) or rest.startswith(_PERCENT_WORDS):
                return _LEADING_WORDS[word], rest
    return None, text


def _strip_trailing(text: str) -> tuple[str, Comparator | None]:
    for noise in _TRAILING_NOISE:
        if text.endswith(noise):
            text = text[: -len(noise)]
    for word in sorted(_TRAILING_WORDS, key=len, reverse=True):
        if text.endswith(word) and _NUMBER.match(text):
            return text[: -len(word)], _TRAILING_WORDS[word]
    return text, None


def _word(text: str) -> str | None:
    text = text.strip("。.，,；;：:!！?？()（）[]【】")
    return text if _WORD.match(text) else None


@functools.lru_cache(maxsize=1 << 16)  # indicator names repeat across thousands of reports
def normalise_name(name: str | None) -> str:
    """Fold an indicator name so that the same indicator matches across reports.

    ``“每季一讲”系列讲座``, ``"每季一讲" 系列讲座`` and ``「每季一讲」系列讲座`` are one name:
    full-width forms fold to plain ones (NFKC), spaces and quote marks are dropped, Latin letters
    are case-folded.
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if ch not in _QUOTES and not ch.isspace())
    return text.casefold()


def normalise_word(word: str | None) -> str:
    """A qualitative word folded for comparison with a scheme's vocabulary."""
    return normalise_name(word).strip("=。.，,；;：:!！")


# Names of indicators where less is better even when the target carries no ≤: 预算调整率 3%,
# 结转结余率 2%, 财政供养人员控制率 100% (重庆部门整体表) are ceilings, not goals to reach.
# Words that go either way (时间, 时长, 支出) are left out: such a row is read as a floor.
LOWER_IS_BETTER_WORDS = (
    "控制率", "调整率", "结余率", "结转率", "变动率", "发生率", "受害率", "成灾率", "投诉率", "事故率", "差错率",
    "失误率", "死亡率", "损失率", "流失率", "空置率", "闲置率", "返工率", "辍学率", "不合格率", "失败率", "超支率",
    "超标", "违规", "违纪", "误差", "偏差", "成本", "单价",
)
# A month or a day of the month is a deadline: 完成验收时间 12月 is met in November.
_CALENDAR_UNITS = frozenset({"月", "日"})


def is_ceiling(target: Value, name: str = "") -> bool:
    """Whether a target is a ceiling: written ≤ or <, or a bare figure the name reads as one
    (预算调整率 3%, 成本 2万元) or a deadline (9月)."""
    if target.direction == "less":
        return True
    if target.direction != "exact":
        return False
    return target.unit in _CALENDAR_UNITS or any(word in normalise_name(name) for word in LOWER_IS_BETTER_WORDS)


def falls_short(target: Value, actual: Value, name: str = "") -> bool | None:
    """Whether the actual value misses the target: below a floor, above a ceiling.

    ``None`` when the two cannot be compared (a word, different units, an actual that is itself a
    bound). A target without a comparator is a floor unless the indicator's name says less is
    better (预算调整率, 成本, 时间); a percentage compares with a bare number (100% with 100).
    """
    if target.number is None or actual.number is None or actual.comparator not in (None, "="):
        return None
    if target.unit and actual.unit and target.unit != actual.unit:
        return None
    if target.percent != actual.percent:
        bare = actual if target.percent else target
        if bare.unit is not None or bare.number <= 1:  # 0.96 beside ≥95% may be a fraction
            return None
    if is_ceiling(target, name):
        limit_strict = target.comparator == "<"
        return actual.number >= target.number if limit_strict else actual.number > target.number
    strict = target.comparator == ">"
    return actual.number <= target.number if strict else actual.number < target.number
