"""Regions from place names, with an ASCII hint for record ids.

Pinyin is not available offline, so places are a small hand-made table: every province-level
division, the cities and districts of the reports we hold, and a few large cities. A report's
region is read from its identity fields (department, title, form name) and, for narrative
reports that have few, from the text: the most mentioned province wins, then the deepest place
in it that the document names. Two different places at the same depth stop the region at what
they share — a guess would be published as fact.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    names: tuple[str, ...]  # how it is written in documents; the first is the full name
    chain: tuple[str, ...]  # from province down to this place
    hint: str  # ASCII, for ids


def _province(full: str, short: str, hint: str) -> Place:
    return Place((full, short), (full,), hint)


_PROVINCES = [
    _province("北京市", "北京", "beijing"), _province("天津市", "天津", "tianjin"),
    _province("上海市", "上海", "shanghai"), _province("重庆市", "重庆", "chongqing"),
    _province("河北省", "河北", "hebei"), _province("山西省", "山西", "shanxi"),
    _province("辽宁省", "辽宁", "liaoning"), _province("吉林省", "吉林", "jilin"),
    _province("黑龙江省", "黑龙江", "heilongjiang"), _province("江苏省", "江苏", "jiangsu"),
    _province("浙江省", "浙江", "zhejiang"), _province("安徽省", "安徽", "anhui"),
    _province("福建省", "福建", "fujian"), _province("江西省", "江西", "jiangxi"),
    _province("山东省", "山东", "shandong"), _province("河南省", "河南", "henan"),
    _province("湖北省", "湖北", "hubei"), _province("湖南省", "湖南", "hunan"),
    _province("广东省", "广东", "guangdong"), _province("海南省", "海南", "hainan"),
    _province("四川省", "四川", "sichuan"), _province("贵州省", "贵州", "guizhou"),
    _province("云南省", "云南", "yunnan"), _province("陕西省", "陕西", "shaanxi"),
    _province("甘肃省", "甘肃", "gansu"), _province("青海省", "青海", "qinghai"),
    _province("内蒙古自治区", "内蒙古", "neimenggu"), _province("广西壮族自治区", "广西", "guangxi"),
    _province("西藏自治区", "西藏", "xizang"), _province("宁夏回族自治区", "宁夏", "ningxia"),
    _province("新疆维吾尔自治区", "新疆", "xinjiang"),
]

_LOCAL = [
    Place(("苏州市", "苏州"), ("江苏省", "苏州市"), "suzhou"),
    Place(("姑苏区",), ("江苏省", "苏州市", "姑苏区"), "gusu"),
    Place(("吴中区",), ("江苏省", "苏州市", "吴中区"), "wuzhong"),
    Place(("相城区",), ("江苏省", "苏州市", "相城区"), "xiangcheng"),
    Place(("吴江区",), ("江苏省", "苏州市", "吴江区"), "wujiang"),
    Place(("南京市", "南京"), ("江苏省", "南京市"), "nanjing"),
    Place(("无锡市", "无锡"), ("江苏省", "无锡市"), "wuxi"),
    Place(("杭州市", "杭州"), ("浙江省", "杭州市"), "hangzhou"),
    Place(("广州市", "广州"), ("广东省", "广州市"), "guangzhou"),
    Place(("深圳市", "深圳"), ("广东省", "深圳市"), "shenzhen"),
    Place(("成都市", "成都"), ("四川省", "成都市"), "chengdu"),
    Place(("武汉市", "武汉"), ("湖北省", "武汉市"), "wuhan"),
    Place(("昆明市", "昆明"), ("云南省", "昆明市"), "kunming"),
    Place(("东川区",), ("云南省", "昆明市", "东川区"), "dongchuan"),
    Place(("呼和浩特市", "呼和浩特"), ("内蒙古自治区", "呼和浩特市"), "hohhot"),
    Place(("包头市", "包头"), ("内蒙古自治区", "包头市"), "baotou"),
    Place(("闵行区",), ("上海市", "闵行区"), "minhang"),
    Place(("古美路街道",), ("上海市", "闵行区", "古美路街道"), "minhang"),
    Place(("浦东新区",), ("上海市", "浦东新区"), "pudong"),
    Place(("徐汇区",), ("上海市", "徐汇区"), "xuhui"),
]

PLACES = _PROVINCES + _LOCAL
_BY_CHAIN = {place.chain: place for place in PLACES}
UNKNOWN_REGION = "未注明"


def _mentions(text: str) -> Counter:
    counts: Counter = Counter()
    for place in PLACES:
        found = 0
        for name in place.names:
            found = max(found, text.count(name))
        if found:
            counts[place.chain] += found
    return counts


def find_region(texts: list[str]) -> tuple[list[str], str] | None:
    """(region chain, id hint) from the texts, or None when no known place is named."""
    counts: Counter = Counter()
    for text in texts:
        if text:
            counts.update(_mentions(text))
    if not counts:
        return None
    provinces: Counter = Counter()
    for chain, count in counts.items():
        provinces[chain[0]] += count
    ranked = provinces.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None  # two provinces named equally often: do not guess
    province = ranked[0][0]
    chains = [chain for chain in counts if chain[0] == province]
    deepest = max(len(chain) for chain in chains)
    chosen = _common_prefix([chain for chain in chains if len(chain) == deepest])
    while chosen not in _BY_CHAIN and len(chosen) > 1:
        chosen = chosen[:-1]
    place = _BY_CHAIN.get(chosen) or _BY_CHAIN.get((province,))
    return list(chosen), place.hint if place else "r"


def _common_prefix(chains: list[tuple[str, ...]]) -> tuple[str, ...]:
    prefix = chains[0]
    for chain in chains[1:]:
        size = 0
        while size < min(len(prefix), len(chain)) and prefix[size] == chain[size]:
            size += 1
        prefix = prefix[:size]
    return prefix
