"""A scoring scheme in plain words, for its 评分办法 page: what each rule of the YAML file means.

Text only (the template lays it out): every sentence is made from the scheme's own numbers, so the
page cannot say one thing while the scorer does another.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..core.figures import plain
from ..core.schemes import CategoryRule, ExecutionRule, QuantitativeRule, Scheme


def percent(fraction: Decimal) -> str:
    """0.05 → 5%: a part of an indicator's weight."""
    return f"{plain(fraction * 100)}%"


def share(score: tuple[Decimal, Decimal]) -> str:
    low, high = score
    return f"权重的 {percent(low)}" if low == high else f"权重的 {percent(low)}～{percent(high)}（由评价人在区间内确定）"


@dataclass
class GradeRow:
    label: str
    aliases: str
    band: str


def grade_rows(scheme: Scheme) -> list[GradeRow]:
    rows = []
    for index, band in enumerate(scheme.grades):
        upper = scheme.grades[index - 1].min if index else None
        if band.min == 0:
            text = f"{plain(upper)} 分以下" if upper is not None else "任何分数"
        elif upper is None:
            text = f"{plain(band.min)} 分（含）以上"
        else:
            text = f"{plain(band.min)} 分（含）～{plain(upper)} 分"
        rows.append(GradeRow(band.label, "、".join(band.aliases), text))
    return rows


def quantitative(rule: QuantitativeRule) -> str:
    if rule.rule == "evaluator":
        return "由评价人按表上印出的规则打分，门户不作机器核验。"
    if rule.rule == "proportional":
        return "得分 = 权重 × 实际完成值 ÷ 目标值，最高为权重（越低越好的指标为 目标值 ÷ 实际完成值）。"
    full_from, full_to = plain(rule.full_from), plain(rule.full_to) if rule.full_to is not None else None
    parts = [f"完成率（实际完成值 ÷ 目标值）在 {full_from}%～{full_to}% 之间得满分" if full_to
             else f"完成率（实际完成值 ÷ 目标值）达到 {full_from}% 得满分，超额完成不扣分"]
    if full_to and rule.over_deduction:
        parts.append(f"超过 {full_to}% 的，每超过 1 个百分点扣权重的 {percent(rule.over_deduction)}")
    if rule.under_deduction is not None:
        parts.append(f"低于 {full_from}% 的，每低 1 个百分点扣权重的 {percent(rule.under_deduction)}")
    return "；".join(parts) + "。"


def weighting(rule: CategoryRule) -> str:
    if rule.weighting == "split_evenly":
        return "本类分值按指标个数平均分摊（如 30 分、4 个指标，每个 7.5 分）"
    return "每个指标的权重按表上所写"


def qualitative(rule: CategoryRule) -> str:
    return "按下面的定性等级计分" if rule.qualitative == "levels" else "由评价人打分，门户不作机器核验"


@dataclass
class BandRow:
    band: str
    score: str


def execution_rows(rule: ExecutionRule) -> list[BandRow]:
    rows = []
    for index, band in enumerate(rule.bands):
        upper = rule.bands[index - 1].min if index else None
        if upper is None:
            text = f"{plain(band.min)}%（含）以上"
        elif band.min == 0:
            text = f"{plain(upper)}% 以下"
        else:
            text = f"{plain(band.min)}%（含）～{plain(upper)}%"
        rows.append(BandRow(text, share(band.score)))
    return rows


def execution(rule: ExecutionRule) -> str:
    names = "、".join(f"“{name}”" for name in rule.names)
    if rule.rule == "proportional":
        return f"指标名称含{names}的一行，不论所在类别：得分 = 权重 × 执行率，最高为权重。"
    return f"指标名称含{names}的一行，不论所在类别，按执行率所在档次得分："


MISSING = {
    "zero": "某项指标没有具体数值、也没有说明的，得 0 分。",
    "evaluator": "某项指标没有具体数值的，由评价人判断，门户不作机器核验。",
}
UNMATCHED = "无法按上述规则计算的指标（如目标值是文字而实际完成值无法对应等级），照录申报得分，标为“无法机器核验”。"
