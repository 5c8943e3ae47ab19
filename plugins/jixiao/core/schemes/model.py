"""A scoring scheme as typed data.

Places and years score differently (domain primer, "Scoring rules"). Each scheme is one YAML file
validated by this model, so a new province's rules are a new file, not new code. Titles and
descriptions are Chinese because they are what a scheme author reads in an editor and what the
"评分办法" page shows.

Every field is used by scoring (scoring.py) or shown on the scheme's 评分办法 page (scheme_text.py,
theme/jixiao/scheme.html): tests/test_scheme_fields.py fails on a field that nothing reads. A row
no rule can score is always left to the evaluator (its declared score kept, marked not
machine-checkable); that is not a setting, so no field says it.

Fractions (``score``, ``over_deduction``, ``under_deduction``) are parts of an indicator's weight:
``0.05`` is 5% of the weight. Rates and completions (``min``, ``full_from``, ``full_to``) are
percentages: ``130`` is 130%.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..values import normalise_name, normalise_word

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _number(value, what: str = "数值") -> Decimal:
    """Scheme numbers come as YAML floats (shipped files) or as text (site files read as written)."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise PydanticCustomError("jixiao_number", "{what}应为数字，这里写的是“{value}”", {"what": what, "value": value})
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except ArithmeticError:
        raise PydanticCustomError("jixiao_number", "{what}应为数字，这里写的是“{value}”", {"what": what, "value": value}) from None
    if not number.is_finite():
        raise PydanticCustomError("jixiao_number", "{what}应为有限的数字，这里写的是“{value}”", {"what": what, "value": value})
    return number


def _fraction(value) -> Decimal:
    number = _number(value, "权重比例")
    if not Decimal(0) <= number <= Decimal(1):
        raise PydanticCustomError(
            "jixiao_fraction", "权重比例应在 0 到 1 之间（0.05 表示权重的 5%），这里写的是 {value}", {"value": str(number)}
        )
    return number


def _percent(value) -> Decimal:
    number = _number(value, "百分数")
    if not Decimal(0) <= number <= Decimal(10000):
        raise PydanticCustomError("jixiao_percent", "百分数应在 0 到 10000 之间（130 表示 130%），这里写的是 {value}", {"value": str(number)})
    return number


def _points(value) -> Decimal:
    number = _number(value, "分值")
    if number < 0:
        raise PydanticCustomError("jixiao_points", "分值不能为负数，这里写的是 {value}", {"value": str(number)})
    return number


def _score_range(value) -> tuple[Decimal, Decimal]:
    """A score is one fraction of weight (``0.8``) or a range ``[0.6, 0.8]`` the evaluator picks from."""
    if isinstance(value, (list, tuple)):
        if len(value) != 2:
            raise PydanticCustomError(
                "jixiao_range", "得分区间应写作 [下限, 上限] 两个数，这里写了 {count} 个", {"count": len(value)}
            )
        low, high = _fraction(value[0]), _fraction(value[1])
        if low > high:
            raise PydanticCustomError(
                "jixiao_range", "得分区间的下限 {low} 大于上限 {high}", {"low": str(low), "high": str(high)}
            )
        return low, high
    single = _fraction(value)
    return single, single


Fraction = Annotated[Decimal, BeforeValidator(_fraction)]
Percent = Annotated[Decimal, BeforeValidator(_percent)]
Points = Annotated[Decimal, BeforeValidator(_points)]
ScoreRange = Annotated[tuple[Decimal, Decimal], BeforeValidator(_score_range)]
Words = list[Annotated[str, Field(min_length=1, max_length=40)]]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt ``under_deducton`` must not silently score 0."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class GradeBand(Strict):
    """一个等级档次：总分不低于 min 即为此等级。"""

    label: str = Field(min_length=1, max_length=20, title="等级", description="如“优秀”“良”。")
    min: Points = Field(title="下限（含）", description="总分达到此分数（含）即为此等级。")
    aliases: Words = Field(default_factory=list, title="别名", description="表上可能的其他写法，如“优秀”也写作“优”。")


class QuantitativeRule(Strict):
    """定量指标（有数值的目标值与实际完成值）的计分规则。"""

    rule: Literal["proportional", "banded", "evaluator"] = Field(
        title="规则",
        description=(
            "proportional：得分 = 权重 × 实际完成值 / 目标值，封顶为权重（越低越好的指标为 目标值 / 实际完成值）；"
            "banded：完成率在 [full_from, full_to] 内得满分，超出与不足按比例扣分；"
            "evaluator：由评价人打分，不作机器核验。"
        ),
    )
    full_from: Percent = Field(Decimal(100), title="满分下限（%）", description="完成率达到此值（含）得满分，通常为 100。")
    full_to: Percent | None = Field(
        None, title="满分上限（%）", description="完成率不超过此值得满分；不写表示超额完成不扣分。"
    )
    over_deduction: Fraction = Field(
        Decimal(0), title="超额扣分", description="完成率每超过满分上限 1 个百分点，扣权重的比例，如 0.01 即 1%。"
    )
    under_deduction: Fraction | None = Field(
        None, title="不足扣分", description="完成率每低于满分下限 1 个百分点，扣权重的比例，如 0.05 即 5%。banded 规则必填。"
    )

    @model_validator(mode="after")
    def _consistent(self):
        if self.rule == "banded" and self.under_deduction is None:
            raise PydanticCustomError("jixiao_scheme", "banded 规则必须写 under_deduction（每低 1 个百分点扣权重的比例）", {})
        if self.rule != "banded" and (self.full_to is not None or self.over_deduction or self.under_deduction is not None):
            raise PydanticCustomError(
                "jixiao_scheme", "full_to、over_deduction、under_deduction 只用于 banded 规则，{rule} 规则不要写", {"rule": self.rule}
            )
        if self.full_to is not None and self.full_to < self.full_from:
            raise PydanticCustomError(
                "jixiao_scheme", "满分上限 full_to（{to}）不能小于满分下限 full_from（{fr}）", {"to": str(self.full_to), "fr": str(self.full_from)}
            )
        if self.over_deduction and self.full_to is None:
            raise PydanticCustomError("jixiao_scheme", "写了 over_deduction 就要写 full_to（从哪个完成率起扣分）", {})
        return self


class CategoryRule(Strict):
    """一类指标（一级指标）的计分规则，按关键词与记录中的一级指标名称匹配。"""

    name: str = Field(min_length=1, max_length=20, title="类别", description="如“产出”；计分依据中写作“产出类”。")
    keywords: Words = Field(min_length=1, title="关键词", description="一级指标名称含其中任一词即属此类，如“产出”匹配“产出目标”“产出指标”。")
    weighting: Literal["fixed", "split_evenly"] = Field(
        "fixed",
        title="权重设定",
        description="fixed：每个指标的权重由表上写定；split_evenly：本类分值按指标个数平均分摊（如 30 / 4 = 7.5）。",
    )
    points: Points | None = Field(None, title="本类分值", description="办法规定的本类总分值；各项目不同时不写。")
    quantitative: QuantitativeRule = Field(title="定量指标规则")
    qualitative: Literal["levels", "evaluator"] = Field(
        "levels", title="定性指标规则", description="levels：按办法的定性等级计分；evaluator：由评价人打分。"
    )
    note: str | None = Field(None, max_length=2000, title="说明", description="规则出处，或对原文的理解。")

    def matches(self, category: str) -> bool:
        folded = normalise_name(category)
        return any(normalise_name(keyword) in folded for keyword in self.keywords)


class QualitativeLevel(Strict):
    """定性指标的一个等级：实际完成情况的用词 → 得权重的比例（或比例区间）。"""

    label: str = Field(min_length=1, max_length=40, title="等级名称", description="如“100%”或“达成年度指标”。")
    score: ScoreRange = Field(title="得分", description="权重的比例，如 0.8；评价人在区间内取值时写 [0.6, 0.8]。")
    words: Words = Field(default_factory=list, title="用词", description="实际完成值写成这些词时属于此等级。")


class Qualitative(Strict):
    """定性指标的等级与用词表。"""

    levels: list[QualitativeLevel] = Field(min_length=1, title="等级", description="由高到低排列；第一级为完成目标。")
    percent_is_level: bool = Field(
        True, title="百分数即等级", description="实际完成值写作“80%”时，即得权重的 80%。"
    )
    synonyms: list[Words] = Field(
        default_factory=list, title="同义词组", description="同组的词视为相同；实际完成值与目标值相同或同义即为第一级。"
    )
    negations: Words = Field(
        default_factory=lambda: ["不", "未", "无", "没有"],
        title="否定词",
        description="实际完成值为否定词加目标用词（如“不合规”“未建立”）时为最低一级。",
    )

    @model_validator(mode="after")
    def _levels_descend(self):
        highs = [level.score[1] for level in self.levels]
        if highs != sorted(highs, reverse=True):
            raise PydanticCustomError("jixiao_scheme", "定性等级应由高到低排列", {})
        seen: dict[str, str] = {}
        for level in self.levels:
            for word in level.words:
                key = normalise_word(word)
                if key in seen and seen[key] != level.label:
                    raise PydanticCustomError(
                        "jixiao_scheme", "用词“{word}”同时出现在等级“{a}”和“{b}”中", {"word": word, "a": seen[key], "b": level.label}
                    )
                seen[key] = level.label
        return self

    def level_of(self, word: str) -> QualitativeLevel | None:
        key = normalise_word(word)
        for level in self.levels:
            if any(normalise_word(candidate) == key for candidate in level.words):
                return level
        return None

    def same_meaning(self, first: str, second: str) -> bool:
        a, b = normalise_word(first), normalise_word(second)
        if a == b:
            return True
        return any(a in group and b in group for group in ({normalise_word(w) for w in g} for g in self.synonyms))


class ExecutionBand(Strict):
    """预算执行率的一个档次。"""

    min: Percent = Field(title="执行率下限（%，含）")
    score: ScoreRange = Field(title="得分", description="权重的比例或比例区间，如 [0.75, 1]。")


class ExecutionRule(Strict):
    """预算执行率这一行的计分规则（按指标名称匹配，不论所在类别）。"""

    names: Words = Field(min_length=1, title="指标名称", description="指标名称含其中任一词即适用，如“预算执行率”。")
    rule: Literal["proportional", "bands"] = Field(
        title="规则", description="proportional：得分 = 权重 × 执行率，封顶为权重；bands：按执行率所在档次得分。"
    )
    bands: list[ExecutionBand] = Field(default_factory=list, title="档次", description="由高到低排列，执行率不低于 min 即落入该档。")
    note: str | None = Field(None, max_length=2000, title="说明")

    @model_validator(mode="after")
    def _bands_when_banded(self):
        if self.rule == "bands":
            if not self.bands:
                raise PydanticCustomError("jixiao_scheme", "bands 规则至少要写一个档次", {})
            minimums = [band.min for band in self.bands]
            if minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
                raise PydanticCustomError("jixiao_scheme", "执行率档次应按下限由高到低排列，且下限不重复", {})
            if minimums[-1] != 0:
                raise PydanticCustomError("jixiao_scheme", "最后一档的下限应为 0，使任何执行率都有档可落", {})
        elif self.bands:
            raise PydanticCustomError("jixiao_scheme", "只有 bands 规则才写档次", {})
        return self

    def matches(self, indicator_name: str) -> bool:
        folded = normalise_name(indicator_name)
        return any(normalise_name(name) in folded for name in self.names)

    def band_for(self, rate: Decimal) -> ExecutionBand:
        return next(band for band in self.bands if rate >= band.min)


class Scheme(Strict):
    """一套评分办法：等级、各类指标计分规则、定性等级、预算执行率规则。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, title="评分办法")

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=80)] = Field(title="编号", description="与文件名一致，如 suzhou-2024。")
    title: str = Field(min_length=1, max_length=200, title="名称")
    source: str = Field(min_length=1, max_length=500, title="出处", description="规则所依据的文件或表样。")
    region: list[str] = Field(default_factory=list, title="适用地区")
    description: str | None = Field(None, max_length=5000, title="说明")
    assumptions: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, title="假定", description="原件未印出、由本办法推定的规则，页面上逐条注明“推定”。"
    )
    grades: list[GradeBand] = Field(default_factory=list, title="等级", description="由高到低；表上未规定等级时不写。")
    categories: list[CategoryRule] = Field(default_factory=list, title="各类指标规则", description="按顺序匹配，先匹配者适用。")
    qualitative: Qualitative | None = Field(None, title="定性指标等级")
    execution: ExecutionRule | None = Field(None, title="预算执行率规则", description="不写则预算执行率按所在类别的定量规则计分。")
    missing_value: Literal["zero", "evaluator"] = Field(
        "evaluator",
        title="无数值且无说明",
        description="zero：某项指标无法提供具体数值且无说明，得 0 分；evaluator：交评价人判断。",
    )

    @model_validator(mode="before")
    @classmethod
    def _retired_keys(cls, data):
        # `unmatched: evaluator` was a field whose only value was the behaviour itself; files written
        # before it was removed (and the earlier revisions `jixiao diff` reads) still load.
        if isinstance(data, dict) and data.get("unmatched") == "evaluator":
            data = {key: value for key, value in data.items() if key != "unmatched"}
        return data

    @field_validator("grades")
    @classmethod
    def _grades_descend(cls, grades: list[GradeBand]) -> list[GradeBand]:
        minimums = [band.min for band in grades]
        if minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
            raise PydanticCustomError("jixiao_scheme", "等级应按下限由高到低排列，且下限不重复", {})
        labels: set[str] = set()
        for band in grades:
            for label in (band.label, *band.aliases):
                if label in labels:
                    raise PydanticCustomError("jixiao_scheme", "等级名称或别名“{label}”重复", {"label": label})
                labels.add(label)
        return grades

    @model_validator(mode="after")
    def _consistent(self):
        if self.qualitative is None and any(rule.qualitative == "levels" for rule in self.categories):
            raise PydanticCustomError("jixiao_scheme", "有类别的定性指标按等级计分（qualitative: levels），须写出 qualitative 等级表", {})
        return self

    def category_for(self, category: str) -> CategoryRule | None:
        return next((rule for rule in self.categories if rule.matches(category)), None)

    def grade_for(self, total: Decimal | None) -> GradeBand | None:
        if total is None:
            return None
        return next((band for band in self.grades if total >= band.min), None)

    def find_grade(self, label: str | None) -> GradeBand | None:
        """The band a written grade names, by label or alias (优 is 优秀 on the Minhang form)."""
        if not label:
            return None
        key = normalise_name(label)
        for band in self.grades:
            if key in (normalise_name(name) for name in (band.label, *band.aliases)):
                return band
        return None
