"""What a document says about itself in two places: the year in its title and in its table, the
points of a category in its header and in the form's own footnote."""

from __future__ import annotations

from decimal import Decimal

from ..values import normalise_name
from ._make import finding, fmt, plain


def year_conflict(loaded, scheme, computed):
    report = loaded.report
    sources = report.year_sources
    years = sorted(set(sources.values()))
    if len(years) > 1:
        stated = "，".join(f"{where}写 {year} 年" for where, year in sources.items())
        yield finding(
            "year-conflict",
            "year_sources",
            f"原件几处所写年份不一致：{stated}；记录采用 {report.year} 年",
            hint="核对原件，确认项目年份；原件如此的写明豁免理由",
            years="、".join(str(year) for year in years),
        )
    elif years and years[0] != report.year:
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


CHECKS = (year_conflict, footnote_points_mismatch)
