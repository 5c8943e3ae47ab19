"""What a document says about itself in two places: the year in its title and in its table, the
points of a category in its header and in the form's own footnote."""

from __future__ import annotations

import re
from decimal import Decimal

from ..figures import fmt, plain
from ..values import normalise_name
from ._make import finding


def year_conflict(loaded, scheme, computed):
    report = loaded.report
    sources = report.year_sources
    years = sorted(set(sources.values()))
    if len(years) > 1:
        stated = "，".join(f"{where}写 {year} 年" for where, year in sources.items())
        chosen = f"记录采用 {report.year} 年" if report.year is not None else "记录尚未确定项目年份"
        yield finding(
            "year-conflict",
            "year_sources",
            f"原件几处所写年份不一致：{stated}；{chosen}",
            hint="核对原件，确认项目年份；原件如此的写明豁免理由",
            years="、".join(str(year) for year in years),
        )
    elif years and report.year is not None and years[0] != report.year:
        where = "、".join(sources)
        yield finding(
            "year-conflict",
            "year",
            f"记录的项目年份为 {report.year}，而原件{where}写的是 {years[0]} 年",
            hint="改正 year，或改正年份出处",
            year=report.year,
            stated=years[0],
        )


def footnote_points_mismatch(loaded, scheme, computed):
    """A category's points as its header prints them against the form's own footnote (说明)."""
    report = loaded.report
    headers = {normalise_name(name): (name, points) for name, points in report.categories.items()}
    weights: dict[str, tuple[str, Decimal]] = {}
    for row in report.indicators:
        if row.category is not None and row.weight is not None:
            name, added = weights.get(normalise_name(row.category), (row.category, Decimal(0)))
            weights[normalise_name(row.category)] = (name, added + row.weight)
    for name, points in report.footnote_points.items():
        key = normalise_name(name)
        if key in headers:
            header_name, header_points = headers[key]
            if header_points != points:
                yield finding(
                    "footnote-points-mismatch",
                    f"footnote_points.{name}",
                    f"表下说明写“{name}”{fmt(points)} 分，而类别标题“{header_name}”印的是 {fmt(header_points)} 分",
                    hint="核对说明与标题，照原件录入并写明哪一个有误",
                    footnote=points,
                    header=header_points,
                )
        elif key in weights and weights[key][1] != points:
            category, added = weights[key]
            yield finding(
                "footnote-points-mismatch",
                f"footnote_points.{name}",
                f"表下说明写“{name}”{fmt(points)} 分，而“{category}”各指标权重之和为 {plain(added)}",
                hint="核对说明与各行权重",
                footnote=points,
                weights=added,
            )



# A score band as printed: 80分以上, 70-80分, 60分以下, ≥90, 90分(含)以上. Per the Civil Code's
# reading (以上、以下 include the figure), every printed bound is closed unless written > or <.
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*分?\s*[-—–~～至到]\s*(\d+(?:\.\d+)?)")
_ABOVE = re.compile(r"(\d+(?:\.\d+)?)\s*分?\s*(?:[(（]含[)）])?\s*(?:及|或)?以上")
_BELOW = re.compile(r"(\d+(?:\.\d+)?)\s*分?\s*(?:[(（]含[)）])?\s*(?:及|或)?以下")
_COMPARED = re.compile(r"(>=|≥|≧|>|＞|<=|≤|≦|<|＜)\s*(\d+(?:\.\d+)?)")
INFINITY = Decimal("Infinity")


def _band(text: str) -> tuple[Decimal, bool, Decimal, bool] | None:
    """(low, low included, high, high included) of a printed band, or None when it says no range."""
    if match := _RANGE.search(text):
        low, high = sorted((Decimal(match.group(1)), Decimal(match.group(2))))
        return low, True, high, True
    if match := _ABOVE.search(text):
        return Decimal(match.group(1)), True, INFINITY, False
    if match := _BELOW.search(text):
        return -INFINITY, False, Decimal(match.group(1)), True
    if match := _COMPARED.search(text):
        sign, figure = match.group(1), Decimal(match.group(2))
        if sign in (">=", "≥", "≧", ">", "＞"):
            return figure, sign not in (">", "＞"), INFINITY, False
        return -INFINITY, False, figure, sign not in ("<", "＜")
    return None


def _shared(a, b) -> str | None:
    """What two bands have in common, in words, or None."""
    low = max(a[0], b[0])
    high = min(a[2], b[2])
    low_in = (a[1] if a[0] == low else True) and (b[1] if b[0] == low else True)
    high_in = (a[3] if a[2] == high else True) and (b[3] if b[2] == high else True)
    if low < high:
        return f"{fmt(low)}～{fmt(high)} 分" if high != INFINITY and low != -INFINITY else "同一段分数"
    if low == high and low_in and high_in:
        return f"{fmt(low)} 分"
    return None


def grade_bands_overlap(loaded, scheme, computed):
    bands = [(name, text, _band(text)) for name, text in loaded.report.grade_bands.items()]
    bands = [(name, text, band) for name, text, band in bands if band is not None]
    for i, (name, text, band) in enumerate(bands):
        for other, other_text, other_band in bands[i + 1:]:
            shared = _shared(band, other_band)
            if shared:
                yield finding(
                    "grade-bands-overlap",
                    f"grade_bands.{other}",
                    f"原件所写等级“{name}”（{text}）与“{other}”（{other_text}）都包含 {shared}：同一得分可以归入两个等级",
                    hint="照原件录入；报送单位应写明分界分数归哪一级（如“80分（含）以上”“70分（含）～80分”）",
                    first=text,
                    second=other_text,
                )


CHECKS = (year_conflict, footnote_points_mismatch, grade_bands_overlap)
