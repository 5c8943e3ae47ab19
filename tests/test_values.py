"""Reading targets and actual values as units write them."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.values import UNITS, falls_short, normalise_name, parse_value


@pytest.mark.parametrize(
    "text, comparator, number, percent, unit",
    [
        ("=100%", "=", "100", True, None),
        ("≥95%", ">=", "95", True, None),
        (">=2", ">=", "2", False, None),
        ("=165个", "=", "165", False, "个"),
        (">1篇", ">", "1", False, "篇"),
        ("99.86%", None, "99.86", True, None),
        ("100.00%", None, "100.00", True, None),
        ("≧95%", ">=", "95", True, None),
        ("﹥95%", ">", "95", True, None),
        ("＞95%", ">", "95", True, None),
        ("＜3天", "<", "3", False, "天"),
        ("﹤3天", "<", "3", False, "天"),
        ("≦5%", "<=", "5", True, None),
        ("≤5%", "<=", "5", True, None),
        ("<=5", "<=", "5", False, None),
        ("＝１００％", "=", "100", True, None),
        ("＞＝９５．５％", ">=", "95.5", True, None),
        ("1,234.5万元", None, "1234.5", False, "万元"),
        ("１，２３４．５元", None, "1234.5", False, "元"),
        ("95%以上", ">=", "95", True, None),
        ("95%及以上", ">=", "95", True, None),
        ("3天以内", "<=", "3", False, "天"),
        ("9月前", "<=", "9", False, "月"),
        ("不低于95%", ">=", "95", True, None),
        ("不少于2次", ">=", "2", False, "次"),
        ("不高于5%", "<=", "5", True, None),
        ("不超过3天", "<=", "3", False, "天"),
        ("大于90%", ">", "90", True, None),
        ("超过10人次", ">", "10", False, "人次"),
        ("小于5", "<", "5", False, None),
        ("低于5%", "<", "5", True, None),
        ("≥ 95 %", ">=", "95", True, None),
        ("≥95%（含）", ">=", "95", True, None),
        ("95百分比", None, "95", True, None),
        ("百分之95", None, "95", True, None),
        ("2次/年", None, "2", False, "次"),
        ("165个社区", None, "165", False, "个"),
        ("1400本", None, "1400", False, "本"),
        ("12期", None, "12", False, "期"),
    ],
)
def test_quantitative_forms(text, comparator, number, percent, unit):
    value = parse_value(text)
    assert value.kind == "quantitative"
    assert value.comparator == comparator
    assert value.number == Decimal(number)
    assert value.percent is percent
    assert value.unit == unit
    assert value.text == text


def test_number_keeps_the_digits_as_written():
    assert str(parse_value("100.00%").number) == "100.00"
    assert str(parse_value("99.86%").number) == "99.86"


@pytest.mark.parametrize("text, word", [("合规", "合规"), ("健全", "健全"), ("较高", "较高"), ("好", "好"), ("达成预期指标", "达成预期指标"), (" 完善。", "完善")])
def test_qualitative_words(text, word):
    value = parse_value(text)
    assert value.kind == "qualitative"
    assert value.word == word
    assert value.number is None


def test_qualitative_word_with_comparator():
    value = parse_value("=合规")
    assert (value.comparator, value.word, value.kind) == ("=", "合规", "qualitative")


@pytest.mark.parametrize("text", [None, "", "   ", "—", "/", "1e5", "95.5.5", "abc", "100%/年%", "12345个?!", "≥", "∞", "1,23"])
def test_unreadable_is_unknown(text):
    value = parse_value(text)
    assert value.kind == "unknown"
    assert value.number is None and value.word is None


def test_direction():
    assert parse_value("≥95%").direction == "more"
    assert parse_value(">1篇").direction == "more"
    assert parse_value("≤5%").direction == "less"
    assert parse_value("<3天").direction == "less"
    assert parse_value("=165个").direction == "exact"
    assert parse_value("100%").direction == "exact"


def test_normalise_name_folds_width_spaces_and_quotes():
    assert normalise_name("预算执行率") == normalise_name(" 预算 执行率 ") == normalise_name("预算\u3000执行率")
    assert normalise_name("“每季一讲”系列教育讲座") == normalise_name('"每季一讲"系列教育讲座') == normalise_name("「每季一讲」系列教育讲座")
    assert normalise_name("ＰＭ２．５达标率") == normalise_name("pm2.5达标率")
    assert normalise_name("财务（资产）管理") == normalise_name("财务(资产)管理")
    assert normalise_name(None) == ""


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=400)
@given(st.text())
def test_parser_never_raises(text):
    value = parse_value(text)
    assert value.kind in ("quantitative", "qualitative", "unknown")
    assert value.text == text


@settings(max_examples=200)
@given(st.text(alphabet="0123456789０１２３４５６７８９.．,，%％=＝≥≤><＞＜≧≦﹥﹤不低于高超过以上下内个人次元万 \u3000"))
def test_parser_never_raises_on_value_like_text(text):
    parse_value(text)


SYMBOLS = {
    "=": ["=", "＝", "等于"],
    ">=": [">=", "≥", "≧", "＞＝", "不低于", "不少于"],
    ">": [">", "﹥", "＞", "大于", "超过"],
    "<=": ["<=", "≤", "≦", "＜＝", "不高于", "不超过"],
    "<": ["<", "＜", "﹤", "小于", "低于"],
}
WRITTEN_COMPARATORS = st.one_of(st.just((None, "")), *[st.tuples(st.just(k), st.sampled_from(v)) for k, v in SYMBOLS.items()])
NUMBERS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
SUFFIXES = st.one_of(st.just((False, None, "")), st.just((True, None, "%")), st.just((True, None, "％")), st.sampled_from(sorted(UNITS)).map(lambda u: (False, u, u)))


@settings(max_examples=300)
@given(WRITTEN_COMPARATORS, NUMBERS, st.booleans(), st.booleans(), SUFFIXES)
def test_round_trip(comparator, number, thousands, fullwidth, suffix):
    expected_comparator, written_comparator = comparator
    percent, unit, written_suffix = suffix
    digits = f"{number:,f}" if thousands else f"{number:f}"
    if fullwidth:
        digits = digits.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，"))
    value = parse_value(f"{written_comparator}{digits}{written_suffix}")
    assert value.kind == "quantitative"
    assert value.comparator == expected_comparator
    assert value.number == number
    assert value.percent is percent
    assert value.unit == unit


def test_compound_units_are_read():
    from jixiao.core.values import parse_value

    for text, number, unit in (("≥20件（套）", "20", "件(套)"), ("≤35微克/立方米", "35", "微克/立方米"),
                               ("=12元/平方米·年", "12", "元/平方米·年"), ("≤0.5mg/L", "0.5", "mg/L")):
        value = parse_value(text)
        assert value.kind == "quantitative" and str(value.number) == number and value.unit == unit, text
    assert parse_value("165个/3").kind == "unknown"


@pytest.mark.parametrize(
    "name, target, actual, short",
    [
        ("特困人员救助供养人数", ">=4754人", "4604人", True),
        ("扶贫临时救助标准", "<=5300元/户", "5830元/户", True),
        ("政府采购执行率", "100%", "72.74%", True),
        ("党性教育培训次数", "26次", "12次", True),
        ("违法行为责停率", "≥95%", "95", False),  # a bare number beside a percentage is that percentage
        ("卫片执法补助经费", "﹦72890元", "72890", False),
        ("预算调整率", "3%", "0", None),  # 0 beside 3% may be a fraction: not compared
        ("预算调整率", "3%", "2%", False),  # a ceiling by its name
        ("财政供养人员控制率", "100%", "92%", False),
        ("主要林业有害生物成灾率", "0.4", "0.1", False),
        ("完成验收时间", "11月", "10月", False),  # a month is a deadline
        ("满意度", "≥80%", "≥80%", None),  # an actual that is a bound is not a figure
        ("场次", "=4场", "4篇", None),
    ],
)
def test_falls_short(name, target, actual, short):
    assert falls_short(parse_value(target), parse_value(actual), name) is short
