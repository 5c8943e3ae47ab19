"""The record: one evaluation report as typed data.

This model is the single source of truth for the record format. The JSON Schema in
``jixiao/core/schema/report.schema.json`` is exported from it (``jixiao schema``), and its titles and
descriptions are what editors show, so every field says in Chinese what it holds and where on the
official form it comes from.

Figures are kept exactly as the unit declared them: money, weights and scores are ``Decimal``
parsed from the text written in the file (``7.940`` stays ``7.940``); targets and actual values
stay strings (``≥95%``, ``=165个``, ``合规``), read later by :mod:`jixiao.core.values`.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MONEY_LIMIT = Decimal("1e15")  # more than any budget on earth, in 元 or 万元
POINTS_LIMIT = Decimal(1000)  # a form scored out of more is not one we have seen
_DECIMAL_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_FULLWIDTH = re.compile(r"[０-９．，－＋]")


def _decimal(value, what: str, minimum: Decimal | None = None, maximum: Decimal | None = None) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise PydanticCustomError("jixiao_number", "{what}应为数字，这里写的是“{value}”", {"what": what, "value": value})
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, float):  # only from Python callers; YAML gives us text
        value = Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip()
        if _FULLWIDTH.search(text):
            raise PydanticCustomError(
                "jixiao_fullwidth",
                "{what}“{value}”含全角字符，请改用半角数字（例如 ７．５ 写作 7.5）",
                {"what": what, "value": value},
            )
        if "," in text and _DECIMAL_TEXT.match(text.replace(",", "")):
            raise PydanticCustomError(
                "jixiao_thousands",
                "{what}“{value}”含千位分隔符，请去掉逗号（写作 {plain}）",
                {"what": what, "value": value, "plain": text.replace(",", "")},
            )
        if not _DECIMAL_TEXT.match(text):
            raise PydanticCustomError(
                "jixiao_number",
                "{what}应为普通数字（如 29.16 或 -6.5），这里写的是“{value}”",
                {"what": what, "value": value},
            )
        value = Decimal(text)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise PydanticCustomError("jixiao_number", "{what}应为有限的数字，这里写的是“{value}”", {"what": what, "value": value})
    if minimum is not None and value < minimum:
        raise PydanticCustomError(
            "jixiao_range", "{what}不能小于 {minimum}，这里写的是 {value}", {"what": what, "minimum": str(minimum), "value": str(value)}
        )
    if maximum is not None and value > maximum:
        raise PydanticCustomError(
            "jixiao_range", "{what}不能大于 {maximum}，这里写的是 {value}", {"what": what, "maximum": str(maximum), "value": str(value)}
        )
    return value


def _money(value):
    return _decimal(value, "金额", -MONEY_LIMIT, MONEY_LIMIT)


def _points(value):
    return _decimal(value, "分值", Decimal(0), POINTS_LIMIT)


def _weight(value):
    weight = _decimal(value, "权重", Decimal(0), POINTS_LIMIT)
    if weight == 0:
        raise PydanticCustomError(
            "jixiao_zero_weight", "权重为 0 的指标不计分，请写出表中的权重，或删去这一行", {}
        )
    return weight


def _text(value):
    """Text fields accept what YAML gives for plain numbers too: ``title: 2024`` is the text 2024."""
    if isinstance(value, bool) or isinstance(value, (dict, list)):
        raise PydanticCustomError("jixiao_text", "这里应为一段文字，而不是{kind}", {"kind": _kind(value)})
    if isinstance(value, (int, Decimal)):
        return str(value)
    return value


def _calendar_day(value: str) -> str:
    """A date written as 年-月-日 must also be a day of the calendar (no 2025-02-30): the build turns
    it into a date, and the check must say so with the line rather than the build failing."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "jixiao_date", "“{value}”不是日历上的日期（{why}）", {"value": value, "why": _why_no_day(value)}
        ) from None
    if not 1990 <= day.year <= 2100:
        raise PydanticCustomError("jixiao_date", "“{value}”的年份应在 1990 至 2100 之间", {"value": value})
    return value


def _why_no_day(value: str) -> str:
    year, month, day = (int(part) for part in value.split("-"))
    if year == 0:
        return "没有 0000 年"
    if not 1 <= month <= 12:
        return f"没有 {month} 月"
    if day < 1:
        return "日不能为 0"
    return f"{year} 年 {month} 月没有 {day} 日"


def _kind(value) -> str:
    if isinstance(value, bool):
        return "真假值（true/false）"
    if isinstance(value, dict):
        return "键值表"
    if isinstance(value, list):
        return "列表"
    return type(value).__name__


_NUMBER_SCHEMA = {"type": "number"}
Money = Annotated[Decimal, BeforeValidator(_money), WithJsonSchema({**_NUMBER_SCHEMA, "title": "金额"})]
Points = Annotated[Decimal, BeforeValidator(_points), WithJsonSchema({**_NUMBER_SCHEMA, "minimum": 0})]
Weight = Annotated[Decimal, BeforeValidator(_weight), WithJsonSchema({**_NUMBER_SCHEMA, "exclusiveMinimum": 0})]
# Text fields take a plain YAML number as its text (title: 2024), so the schema admits both.
ShortText = Annotated[
    str, BeforeValidator(_text), Field(min_length=1, max_length=500),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1, "maxLength": 500}, {"type": "number"}]}),
]
LongText = Annotated[
    str, BeforeValidator(_text), Field(max_length=20000),
    WithJsonSchema({"anyOf": [{"type": "string", "maxLength": 20000}, {"type": "number"}]}),
]
RATE_PATTERN = r"^[0-9.]+\s*%?$"
Rate = Annotated[
    str, BeforeValidator(_text), Field(max_length=40, pattern=RATE_PATTERN),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": RATE_PATTERN}, {"type": "number", "minimum": 0}]}),
]


class Strict(BaseModel):
    """Unknown keys are errors: a typo like ``indicatros`` must not silently drop a table."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


class Budget(Strict):
    """预算执行与资金使用情况：表上有哪些栏就写哪些。"""

    initial: Money | None = Field(None, title="年初预算数", description="预算批复数。")
    adjustment: Money | None = Field(
        None,
        title="当年调整数",
        description="当年使用上年结余、结转及当年预算追加追减数；可以为负数。",
    )
    full_year: Money | None = Field(None, title="全年预算数", description="调整后的全年预算数（当年预算数）。")
    appropriated: Money | None = Field(None, title="财政拨款数", description="财政部门实际拨付的款项数。")
    unallocated: Money | None = Field(
        None, title="指标结余数", description="年初预算数 + 调整数 − 财政拨款数。"
    )
    unallocated_recovered: Money | None = Field(None, title="指标结余收回数", description="部分表样（苏州 2024）单列的一栏。")
    executed: Money | None = Field(None, title="实际支付数", description="实际支付到最终使用者的数额（全年执行数、预算执行数）。")
    balance: Money | None = Field(None, title="资金结余结转数", description="财政拨款数 − 实际支付数。")
    carried_forward: Money | None = Field(None, title="结转数", description="结转以后年度使用的资金数。")
    recovered: Money | None = Field(None, title="财政收回数", description="财政部门收回的资金数。")
    execution_rate: Rate | None = Field(
        None, title="预算执行率（表上所写）", description="照表上原样填写，如 100.00%；门户另行计算并比对。"
    )
    previous_execution_rate: Rate | None = Field(None, title="上年预算完成率（表上所写）")


class FundingRow(Strict):
    """资金来源的一行：按来源（本年财政拨款 / 上年结转 / 其他资金）或按财政层级（自治区 / 市 / 旗县）。"""

    source: ShortText = Field(title="来源", description="行名，如“其中：本年财政拨款”“自治区财政”。")
    total: StrictBool = Field(False, title="合计行", description="这一行是其余各行的合计（如“年度资金总额”“合计”）。")
    amount: Money | None = Field(None, title="金额", description="只有一栏金额时填这里。")
    initial: Money | None = Field(None, title="年初预算数")
    full_year: Money | None = Field(None, title="全年预算数")
    executed: Money | None = Field(None, title="全年执行数")
    weight: Points | None = Field(None, title="分值")
    execution_rate: Rate | None = Field(None, title="执行率（表上所写）")
    score: Points | None = Field(None, title="得分")
    details: dict[str, LongText] = Field(
        default_factory=dict,
        title="其他栏目",
        description="表上其余各栏，栏名 → 原文，如“民生服务经费标准: 10 万元/社区”。",
    )


class Subproject(Strict):
    """项目资金构成的一行（子项目）。"""

    name: ShortText = Field(title="子项名称")
    total: StrictBool = Field(False, title="合计行", description="表上的“合计”行。")
    budget: Money | None = Field(None, title="调整预算数")
    spent: Money | None = Field(None, title="实际支出数", description="实际支出数或实际金额。")


class Indicator(Strict):
    """绩效指标表的一行。表上没有的栏就不写：有的表样没有一级指标栏、没有分值栏，照原件录入。"""

    category: ShortText | None = Field(
        None, title="一级指标", description="照表上原样，如“产出目标”“投入与管理”；表样只列指标名称（重庆部门整体表）时不写。"
    )
    subcategory: ShortText | None = Field(None, title="二级指标")
    name: ShortText = Field(title="指标名称", description="三级指标或指标名称；★ 等标记另写在“标记”一栏。")
    mark: ShortText | None = Field(None, title="标记", description="名称旁印出的标记原样照录，如 ★、★★★（已从指标名称中去掉）。")
    core: StrictBool | None = Field(
        None, title="核心指标", description="表上“是否核心指标”一栏：是写 true，否写 false；以 ★ 标出核心指标的表样也写 true。"
    )
    nature: ShortText | None = Field(
        None, title="指标性质", description="定量或定性；云南、四川表样分栏印出的运算符（≥、≤、=）也写在这里。"
    )
    explanation: LongText | None = Field(None, title="指标解释")
    rule: LongText | None = Field(None, title="评分规则", description="表上印出的评分规则或得分计算方法原文。")
    target: ShortText | None = Field(None, title="目标值", description="原样照录，如 ≥95%、=165个、合规。")
    adjusted_target: ShortText | None = Field(None, title="调整指标值", description="表上“调整指标值”一栏，原样照录。")
    measure_unit: ShortText | None = Field(None, title="度量单位", description="表上单列的度量单位或计量单位，如 人、%、万元。")
    weight: Weight | None = Field(
        None,
        title="权重",
        description="权重或分值；表上没有分值栏、“其中”分项行或占位行不写，这一行就不参与按权重的核验。",
    )
    actual: ShortText | None = Field(None, title="实际完成值", description="原样照录。")
    score: Points | None = Field(None, title="自评分", description="单位申报的得分；表上空白就不写。")
    coefficient: ShortText | None = Field(None, title="得分系数", description="照表上原样，如 100%、0.8。")
    weighted_score: Points | None = Field(None, title="加权得分", description="表上“加权得分”一栏（权重 × 分值）。")
    review_score: Points | None = Field(None, title="复核分", description="主管部门或财政部门复核的得分；表上空白就不写。")
    rating: ShortText | None = Field(None, title="评价等级", description="评价准则一行印出的等级或评价用语，如“满意”“高度相关”。")
    note: LongText | None = Field(None, title="备注", description="偏差原因分析及改进措施，或备注。")

    # --- derived views: the value as one piece of text, for reading with jixiao.core.values ---

    @property
    def target_text(self) -> str | None:
        """The target as one value: forms that print the operator, the figure and the unit in
        three columns (云南、四川: ≧ | 100 | %) read as ≧100%."""
        if not self.target:
            return self.target
        operator = self.nature if self.nature and _OPERATOR.fullmatch(self.nature.strip()) else ""
        return operator + self.target + _unit_after(self.target, self.measure_unit)

    @property
    def actual_text(self) -> str | None:
        """The actual value with the unit column added to a bare figure (735 with 人 reads 735人)."""
        if not self.actual:
            return self.actual
        return self.actual + _unit_after(self.actual, self.measure_unit)


_OPERATOR = re.compile(r"[≥≤=<>≧≦═﹦＝＞＜﹥﹤≠]{1,2}")
_BARE_FIGURE = re.compile(r"^\s*[+-]?\d+(\.\d+)?\s*$")


def _unit_after(figure: str, unit: str | None) -> str:
    return unit.strip() if unit and _BARE_FIGURE.match(figure) and len(unit.strip()) <= 8 else ""


# --- 部门整体支出绩效评价基础数据表: a department's staff and cost base, before its self-evaluation ---

HEADCOUNT_LIMIT = Decimal(10_000_000)  # more people than any department employs
AREA_LIMIT = Decimal("1e9")  # ㎡: more floor than any building project


def _headcount(value):
    count = _decimal(value, "人数", Decimal(0), HEADCOUNT_LIMIT)
    if count != count.to_integral_value():
        raise PydanticCustomError("jixiao_headcount", "人数应为整数，这里写的是 {value}", {"value": str(count)})
    return count


def _area(value):
    return _decimal(value, "面积", Decimal(0), AREA_LIMIT)


Headcount = Annotated[Decimal, BeforeValidator(_headcount), WithJsonSchema({"type": "integer", "minimum": 0, "title": "人数"})]
Area = Annotated[Decimal, BeforeValidator(_area), WithJsonSchema({**_NUMBER_SCHEMA, "minimum": 0, "title": "面积"})]
BASE_DEPTH = 3  # 三公经费 → 1、公务用车购置和维护经费 → 其中：公车购置: the deepest the form goes


class Staff(Strict):
    """财政供养人员情况（人）：照表上所写。门户核验实际在职人数是否超过编制数、控制率是否等于两者之比。"""

    authorized: Headcount | None = Field(None, title="编制数")
    actual: Headcount | None = Field(None, title="实际在职人数")
    year: int | None = Field(None, ge=1990, le=2100, title="在职人数年度", description="表头“2023 年实际在职人数”所写的年份。")
    control_rate: Rate | None = Field(
        None, title="控制率（表上所写）", description="实际在职人数 ÷ 编制数，照表上原样，如 108.70%。"
    )


class CostRow(Strict):
    """经费控制情况的一行：栏名照表上原样，金额按 columns 的次序。"""

    label: ShortText = Field(title="栏目", description="照表上原样，如“三公经费”“1、公务用车购置和维护经费”“其中：公车购置”。")
    values: list[Money | None] = Field(
        default_factory=list, max_length=12, title="金额",
        description="按 columns 所列各栏的次序；表上空白的栏写 null，整行空白（表样留空的行）就只写 label。",
    )
    printed: ShortText | None = Field(
        None, title="表上原文（未能拆分）",
        description="原件数字连写、无法确定地拆成各栏时，照录原文（如“3.816343.7640”），不写 values；不参与核验。",
    )
    parts: list[CostRow] = Field(
        default_factory=list, max_length=100, title="分项",
        description="表上以“1、2、3、”编号列出的分项（如三公经费的公务用车、出国、公务接待）：各栏的分项之和应等于本行。每项的写法与本行相同。",
    )
    of_which: list[CostRow] = Field(
        default_factory=list, max_length=100, title="其中",
        description="表上“其中：”列出的部分（如公用经费中的办公经费）：只列了一部分，各栏之和不应超过本行。每项的写法与本行相同。",
    )


class Building(Strict):
    """楼堂馆所控制情况的一行（当年完工的项目）。"""

    label: ShortText = Field(title="项目", description="照表上原样，如“2023 年完工项目”或项目名称。")
    approved_area: Area | None = Field(None, title="批复规模（㎡）")
    actual_area: Area | None = Field(None, title="实际规模（㎡）")
    area_control_rate: Rate | None = Field(None, title="规模控制率（表上所写）", description="实际规模 ÷ 批复规模。")
    budget_investment: Money | None = Field(None, title="预算投资")
    actual_investment: Money | None = Field(None, title="实际投资")
    investment_control_rate: Rate | None = Field(
        None, title="投资概算控制率（表上所写）", description="实际投资 ÷ 预算投资。"
    )
    printed: ShortText | None = Field(
        None, title="表上原文（未能拆分）", description="原件数字连写、无法确定地拆成各栏时，照录原文；不参与核验。"
    )


class BaseData(Strict):
    """部门整体支出绩效评价基础数据表（湖南等地部门整体支出自评表之前的一张表）：人员、经费、楼堂馆所和厉行节约情况。
    金额的单位与记录的金额单位（unit）相同。"""

    staff: Staff | None = Field(None, title="财政供养人员情况")
    columns: list[ShortText] = Field(
        default_factory=list, max_length=12, title="经费栏目",
        description="经费控制情况各栏的栏名，照表上原样并带年份，如 [2022年决算数, 2023年预算数, 2023年决算数]。",
    )
    costs: list[CostRow] = Field(default_factory=list, max_length=200, title="经费控制情况")
    buildings: list[Building] = Field(default_factory=list, max_length=100, title="楼堂馆所控制情况")
    thrift: LongText | None = Field(None, title="厉行节约保障措施", description="表上所写的措施原文。")

    @model_validator(mode="after")
    def _rows_fit_the_columns(self):
        # the row is named in ctx["at"], so that loading reports the error at that row's line
        for at, row in _all_rows(self.costs, ("costs",)):
            if len(row.values) > len(self.columns):
                raise PydanticCustomError(
                    "jixiao_base_columns",
                    "“{label}”一行有 {count} 栏金额，而经费栏目（columns）只列了 {columns} 栏",
                    {"label": row.label, "count": len(row.values), "columns": len(self.columns), "at": (*at, "values")},
                )
            if len(at) // 2 > BASE_DEPTH:
                raise PydanticCustomError(
                    "jixiao_base_depth", "“{label}”在经费控制情况的第 {level} 层：最多三层（本行、分项或“其中”、再下一层）",
                    {"label": row.label, "level": len(at) // 2, "at": at},
                )
        return self

    def has_amounts(self) -> bool:
        return any(value is not None for _, row in _all_rows(self.costs, ()) for value in row.values) or any(
            row.budget_investment is not None or row.actual_investment is not None for row in self.buildings
        )


def _all_rows(rows: list[CostRow], at: tuple):
    """Every row of the cost table, nested ones included, with its path: ("costs", 0, "parts", 1)."""
    for index, row in enumerate(rows):
        yield (*at, index), row
        yield from _all_rows(row.parts, (*at, index, "parts"))
        yield from _all_rows(row.of_which, (*at, index, "of_which"))


class Declared(Strict):
    """单位（或评价机构）申报的总分与等级：门户不改动，只在旁边给出计算值。"""

    total: Points | None = Field(None, title="总分", description="表上“合计”或报告所写的综合得分。")
    grade: ShortText | None = Field(None, title="等级", description="原样照录，如“优”“良”“优秀”。")
    weight_total: Points | None = Field(
        None, title="满分", description="表上说明的满分，如“项目绩效实现情况（80分）”写 80。"
    )


class Source(Strict):
    """记录的来源：原件在哪里，录入时怎样处理了原件中的问题。"""

    file: ShortText | None = Field(None, title="原件文件名")
    url: Annotated[str, Field(max_length=2000, pattern=r"^https?://")] | None = Field(None, title="原件网址")
    pages: ShortText | None = Field(None, title="页码")
    note: LongText | None = Field(None, title="录入说明", description="例如原件表格错位时采用了哪种读法。")


class Silence(Strict):
    """对某条核验结论的书面豁免（类似代码检查中的 noqa）：页面会说明豁免了什么、为什么。"""

    code: Annotated[str, Field(pattern=r"^[a-z]+(-[a-z]+)*$")] = Field(title="结论代码", description="如 weight-total-mismatch。")
    field: Annotated[str, Field(max_length=200)] | None = Field(
        None, title="字段", description="只豁免这个字段上的结论，如 indicators[7].score；不写则豁免全部同代码结论。"
    )
    reason: Annotated[str, BeforeValidator(_text), Field(min_length=2, max_length=2000)] = Field(
        title="理由", description="必须写明理由。"
    )


class Contact(Strict):
    name: ShortText | None = Field(None, title="姓名")
    role: ShortText | None = Field(None, title="职务或角色")
    phone: ShortText | None = Field(None, title="电话")
    email: ShortText | None = Field(None, title="电子邮箱")


# What the importer remembers of a value it wrote (importers/fingerprints.py): 8 letters.
Fingerprint = Annotated[str, Field(pattern=r"^[a-z]{8}$")]


class Internal(Strict):
    """内部信息：只出现在内部版，公开版任何地方都不出现。"""

    contacts: list[Contact] = Field(default_factory=list, title="联系人")
    reviewers: list[ShortText] = Field(default_factory=list, title="审核人")
    notes: LongText | None = Field(None, title="审核意见")
    working_papers: list[ShortText] = Field(default_factory=list, title="工作底稿")


# Fields the public edition never shows or exports: reviewers' material and personal data, and
# the importer's bookkeeping.
PRIVATE_FIELDS = frozenset({"internal", "responsible", "import_fingerprints"})

KIND_LABELS = {"self": "单位自评", "department": "部门评价", "finance": "财政评价"}
UNIT_FACTORS = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}  # to 万元


class Report(Strict):
    """一份绩效评价报告（绩效自评表或绩效评价报告）的结构化记录。"""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        title="绩效评价报告记录",
        json_schema_extra={"$id": "https://jixiao.example/schema/report.schema.json"},
    )

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=80)] = Field(
        title="编号", description="全站唯一，小写字母、数字和连字符，与文件名一致，如 suzhou-2024-dangjian。"
    )
    title: ShortText = Field(title="项目名称")
    program: ShortText | None = Field(None, title="所属专项", description="项目所属的上级专项或资金名称。")
    project_code: ShortText | None = Field(
        None, title="项目编码", description="表上印出的项目编码或部门预算编码，原样照录，如 51092322T000000436802。"
    )
    year: int | None = Field(
        None, ge=1990, le=2100, title="项目年份",
        description="预算年度。原件没有写明年份时不写，记录就只能是不公开的草稿（publish: false），补上年份后才能公开。",
    )
    year_sources: dict[ShortText, Annotated[int, Field(ge=1900, le=2100)]] = Field(
        default_factory=dict,
        title="年份出处",
        description="原件在哪里写了哪一年，如 标题: 2022、表头: 2023；几处不一致时核验会指出。",
    )
    kind: Literal["self", "department", "finance"] = Field(
        title="评价类型",
        description="self 单位自评 · department 部门评价 · finance 财政评价（含受托第三方机构）。",
    )
    form: ShortText | None = Field(None, title="表样", description="原件使用的表样名称，如“苏州市级财政支出项目绩效自评表”。")
    document_number: ShortText | None = Field(None, title="文号", description="原件的发文字号，原样照录，如“绥财绩〔2020〕5号”。")
    report_number: ShortText | None = Field(None, title="报告编号", description="评价机构的报告编号，原样照录。")
    department: ShortText | None = Field(None, title="主管部门", description="项目主管部门或预算单位；原件未载明时不写。")
    implementer: ShortText | None = Field(None, title="实施单位", description="具体实施处（科室）或实施单位。")
    region: list[ShortText] = Field(
        min_length=1, max_length=5, title="地区", description="由省级到基层，如 [江苏省, 苏州市, 姑苏区]。"
    )
    evaluator: ShortText | None = Field(None, title="评价机构", description="自评时为单位本身；第三方评价写机构名称。")
    commissioned_by: ShortText | None = Field(
        None, title="委托方", description="委托评价的机关，如报告写“受资阳市财政局委托”则写 资阳市财政局。"
    )
    evaluated_on: Annotated[str, BeforeValidator(_text), Field(max_length=40)] | None = Field(
        None, title="评价日期", description="照原件写法，如 2021/7/16、2024-03-09。"
    )
    scheme: Annotated[str, Field(pattern=ID_PATTERN, max_length=80)] = Field(
        title="评分办法", description="评分办法编号，如 suzhou-2024、national-2020（见“评分办法”页）。"
    )
    unit: Literal["元", "万元", "亿元"] | None = Field(
        None, title="金额单位",
        description="本记录全部金额的单位，按表头所写。记录有金额时必须写；原件没有金额（只有执行率等）时可以不写。",
    )
    budget: Budget | None = Field(None, title="预算执行与资金使用")
    funding: list[FundingRow] = Field(default_factory=list, max_length=200, title="资金来源")
    subprojects: list[Subproject] = Field(default_factory=list, max_length=500, title="项目资金构成（子项目）")
    base_data: BaseData | None = Field(
        None, title="基础数据表",
        description="部门整体支出绩效评价基础数据表：编制数、实际在职人数、控制率，三公经费等经费控制情况，楼堂馆所控制情况，"
        "厉行节约保障措施。只有部门整体支出的报告（如湖南表样）附有这张表；照表上所写，门户核验其中的算术关系。",
    )
    indicator_columns: list[
        Literal[
            "category", "subcategory", "name", "mark", "core", "nature", "explanation", "target", "adjusted_target",
            "measure_unit", "weight", "actual", "rule", "score", "coefficient", "weighted_score", "review_score",
            "rating", "note",
        ]
    ] | None = Field(
        None, title="指标表栏目", description="原件指标表有哪些栏、什么顺序；不写则按通用栏目显示。"
    )
    indicators: list[Indicator] = Field(default_factory=list, max_length=500, title="绩效指标")
    categories: dict[ShortText, Points] = Field(
        default_factory=dict,
        title="一级指标分值",
        description="类别标题上印出的分值，如“投入目标（24分）”写作 投入目标: 24。",
    )
    footnote_points: dict[ShortText, Points] = Field(
        default_factory=dict,
        title="说明所列分值",
        description="表下说明或脚注写明的各类分值，如“产出指标50分”写作 产出指标: 50；与类别标题不一致时核验会指出。",
    )
    declared: Declared = Field(default_factory=Declared, title="申报结果")
    grade_bands: dict[ShortText, ShortText] = Field(
        default_factory=dict,
        title="等级标准（原件所写）",
        description="原件印出的等级及其分数段，原样照录，如 优良: 80分以上、中: 70-80分；分数段重叠时核验会指出。",
    )
    incomplete: LongText | None = Field(
        None,
        title="原件残缺",
        description="原件被截断或残缺时写明缺了什么，如“指标表从第 3 行开始，到“满意度”一行截断”。写了这一项，"
        "要靠整张表才能核对的合计（总分、满分、类别分值）不再核验，末行空白的得分也不报。",
    )
    silence: list[Silence] = Field(default_factory=list, title="核验豁免")
    source: Source | None = Field(None, title="来源")
    publish: StrictBool = Field(True, title="公开", description="false 表示不公开（只出现在内部版）。")
    publish_date: Annotated[
        str, BeforeValidator(_text), Field(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_calendar_day),
    ] | None = Field(
        None, title="公开日期",
        description="在此日期（含）之前不公开，格式 2025-06-30：按北京时间，此日之后（次日起）构建的公开版才出现这份报告。",
    )
    responsible: list[Contact] = Field(
        default_factory=list,
        title="负责人（脱敏）",
        description="部分地方表样印出的项目负责人、填表人及电话。照录以便内部核对；公开版任何地方都不显示。",
    )
    internal: Internal | None = Field(None, title="内部信息")
    import_notes: list[LongText] = Field(default_factory=list, title="导入说明", description="导入程序未能归位的内容。")
    import_fingerprints: dict[
        Annotated[str, Field(max_length=80)],
        Fingerprint | dict[Annotated[str, Field(max_length=500)], Fingerprint] | Annotated[list[Fingerprint], Field(max_length=2000)],
    ] = Field(
        default_factory=dict,
        title="导入指纹",
        description="导入程序自己记下的：上次导入时每个字段（表格逐行、正文逐节）所写内容的指纹。再次导入同一原件时，"
        "与指纹不符的内容视为人工修改而保留，原件的新值列为导入冲突（jixiao import --overwrite 字段 可改用原件的值）。"
        "请勿手改；不在网站上显示。",
    )

    @field_validator("year", mode="before")
    @classmethod
    def _year_as_written(cls, value):
        if value is None:
            return None
        if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, str) and value.strip().isascii() and value.strip().isdigit())):
            raise PydanticCustomError("jixiao_year", "项目年份应为四位数字年份，如 2024，这里写的是“{value}”", {"value": value})
        return int(value)

    @field_validator("unit", mode="before")
    @classmethod
    def _unit_known(cls, value):
        if value is not None and value not in UNIT_FACTORS:
            raise PydanticCustomError(
                "jixiao_unit", "金额单位只能是“元”“万元”或“亿元”，这里写的是“{value}”", {"value": value}
            )
        return value

    @model_validator(mode="after")
    def _amounts_have_a_unit(self):
        if self.unit is None and self._has_amounts():
            raise PydanticCustomError(
                "jixiao_unit_missing", "记录写了金额，就要写金额单位（unit: 万元、元 或 亿元），按原件表头所写", {}
            )
        return self

    def _has_amounts(self) -> bool:
        budget = self.budget.model_dump(exclude_none=True) if self.budget else {}
        if any(not key.endswith("rate") for key in budget):
            return True
        money_keys = ("amount", "initial", "full_year", "executed")
        if any(getattr(row, key) is not None for row in self.funding for key in money_keys):
            return True
        if any(row.budget is not None or row.spent is not None for row in self.subprojects):
            return True
        return self.base_data is not None and self.base_data.has_amounts()

    @model_validator(mode="after")
    def _undated_is_a_draft(self):
        if self.year is None and self.publish:
            raise PydanticCustomError(
                "jixiao_undated", "没有项目年份的记录不能公开：请补填 year（原件所写的预算年度），或写 publish: false 作为草稿", {}
            )
        return self

    @model_validator(mode="after")
    def _one_total_row(self):
        for name, rows in (("funding", self.funding), ("subprojects", self.subprojects)):
            if sum(1 for row in rows if row.total) > 1:
                raise PydanticCustomError("jixiao_totals", "{name} 里只能有一行标为合计（total: true）", {"name": name})
        return self

    # --- derived views: plain reading aids, never a replacement of a declared figure ---

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def is_published_on(self) -> date | None:
        return date.fromisoformat(self.publish_date) if self.publish_date else None

    def to_wan(self, amount: Decimal | None) -> Decimal | None:
        """An amount of this record in 万元, for cross-record sums and sorting."""
        return None if amount is None or self.unit is None else amount * UNIT_FACTORS[self.unit]

    @property
    def headline_amount(self) -> Decimal | None:
        """The figure an index shows as "the money": the year's budget as the form states it."""
        budget = self.budget
        if budget:
            for value in (budget.full_year, budget.appropriated, budget.initial):
                if value is not None:
                    return value
        for row in self.funding:
            if row.total:
                for value in (row.amount, row.full_year, row.initial):
                    if value is not None:
                        return value
        amounts = [row.amount for row in self.funding if row.amount is not None]
        if amounts:
            return sum(amounts, Decimal(0))
        return None
