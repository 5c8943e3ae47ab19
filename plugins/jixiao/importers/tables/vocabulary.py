"""The words forms use: column headers and their synonyms, category names, row and field labels.

Forms are recognised by what their headers say, never by where a cell sits: the same column is
分值 on one form and 权重 or 指标分值 on another, 年度指标值 here and 目标值 or 年初目标值 there.
Each table below maps header words to the one role the record knows. A header is matched after
whitespace and bracketed qualifiers are removed (``年度 指标值`` = ``年度指标值``; ``全年预算数(A)``,
``分值(10分)`` and ``权重(%)`` keep their role).
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- indicator table columns: role → header words (exact after normalising, then contained) ---

INDICATOR_EXACT: dict[str, str] = {
    "一级指标": "category", "一级": "category", "指标类别": "category", "类别": "category", "评价准则": "name",
    "二级指标": "subcategory", "二级": "subcategory",
    "三级指标": "name", "三级": "name", "指标名称": "name", "绩效指标名称": "name", "评价内容": "name",
    "评价指标": "name",
    "年度指标值": "target", "指标值": "target", "目标值": "target", "年初指标值": "target",
    "年初目标值": "target", "绩效目标值": "target", "年度目标值": "target", "计划值": "target",
    "预期目标值": "target", "年初设定目标值": "target", "指标目标值": "target",
    "调整指标值": "adjusted_target", "全年调整指标值": "adjusted_target",
    "实际完成值": "actual", "完成值": "actual", "全年实际值": "actual", "全年完成值": "actual",
    "年终完成值": "actual", "实际值": "actual", "实施进度": "actual", "实际完成情况": "actual",
    "全年实际完成值": "actual", "实际完成": "actual", "完成情况": "actual", "目标完成情况": "actual",
    "预期值": "target", "满分": "weight",
    "分值": "weight", "权重": "weight", "指标分值": "weight", "指标权重": "weight", "标准分": "weight",
    "项目权重": "category",  # Guangshui: the block's points beside its name (项目决策 2 分)
    "得分": "score", "自评分": "score", "自评得分": "score", "指标得分": "score", "评分": "score",
    "评价分值": "score",
    "复核分": "review_score", "复核得分": "review_score",
    "得分系数": "coefficient",
    "是否核心指标": "core", "核心指标": "core",
    "指标性质": "nature",
    "度量单位": "measure_unit", "计量单位": "measure_unit",
    "加权得分": "weighted_score", "加权平均得分": "weighted_score",
    "绩效等级": "rating", "等级": "rating",
    "指标解释": "explanation", "指标说明": "explanation", "指标内涵": "explanation",
    "备注": "note", "说明": "note",
    "偏差原因分析及改进措施": "note", "未完成原因分析": "note", "未完成原因和改进措施": "note",
    "未完成原因及改进措施": "note", "未完成原因及拟采取的改进措施": "note", "未完成原因分析及改进措施": "note",
    "偏差原因及改进措施": "note", "原因分析及改进措施": "note",
}
# Measure words forms write after a figure or in a 度量单位 column, longest matched first.
UNITS = (
    "人次", "万人次", "万人", "人", "户次", "户", "个", "次", "万元", "亿元", "元", "倍", "篇", "件", "吨", "天", "月",
    "年", "万亩", "亩", "公里", "千米", "km", "平方米", "㎡", "m2", "立方米", "套", "台", "所", "家", "项", "场",
    "批", "册", "本", "份", "张", "辆", "座", "处", "条", "名", "例", "种", "期", "小时", "分钟", "元/人·月",
    "元/人*月", "元/户", "元/人", "万元/户", "TB", "GB", "KVA", "kVA", "%", "％", "‰", "分", "米", "棵", "株", "头",
    "只", "盏", "块", "间", "栋", "床", "周", "日", "学时", "课时", "人/次", "家次", "期次", "起", "宗", "篇次",
    "人天", "万册", "册次", "平方公里", "公顷", "千瓦", "兆瓦", "户/年", "元/户·年", "人·次", "个/年", "次/年",
)

# Words a form prints in the 指标性质 column.
NATURE_WORDS = ("定量指标", "定性指标", "定量", "定性")
INDICATOR_CONTAINS: list[tuple[str, tuple[str, ...]]] = [
    ("rule", ("评分规则", "评分标准", "得分计算方法", "评价标准", "计分方法", "评分方法", "计分标准")),
    ("note", ("偏差原因", "未完成原因", "改进措施", "原因分析")),
    ("review_score", ("复核",)),
    ("coefficient", ("系数",)),
    ("core", ("核心指标",)),
    ("adjusted_target", ("调整指标", "调整后指标")),
    ("target", ("指标值", "目标值")),
    ("actual", ("完成值", "实际值", "实际完成")),
    ("weighted_score", ("加权",)),
    ("score", ("得分", "自评分")),
    ("weight", ("分值", "权重")),
    ("name", ("三级指标", "指标名称")),
    ("subcategory", ("二级指标",)),
    ("category", ("一级指标",)),
]

# --- money (funds) table columns ---

MONEY_EXACT: dict[str, str] = {
    "年初预算数": "initial", "年初预算": "initial", "年初部门预算安排金额": "initial", "年初预算安排": "initial",
    "全年预算数": "full_year", "全年预算": "full_year", "预算数": "full_year", "全年调整预算数": "full_year",
    "调整后预算数": "full_year", "计划安排资金": "full_year", "年度金额": "full_year", "预算金额": "full_year",
    "全年执行数": "executed", "全年执行": "executed", "执行数": "executed", "全年执行资金": "executed",
    "实际支出": "executed", "预算执行数": "executed", "实际支出数": "executed", "年度拨付金额": "executed",
    "分值": "weight", "执行率权重": "weight", "权重": "weight",
    "执行率": "execution_rate", "预算执行率": "execution_rate", "支出实现率": "execution_rate",
    "预算执行": "execution_rate",
    "得分": "score", "自评得分": "score", "执行率得分": "score", "自评分": "score",
    "当年调整数": "adjustment", "年中调整金额": "adjustment", "年中调整": "adjustment",
    "历年结余结转": "carried_in", "上年结转": "carried_in",
    "小计": "subtotal",
    "全年到位资金": "appropriated", "实际到位资金": "appropriated", "到位资金": "appropriated",
    "本年度结余金额": "balance", "结余": "balance", "结余金额": "balance",
    "资金结余率": "balance_rate", "结余率": "balance_rate",
    "预算到位": "arrival_rate",
    "批复下达预算资金": "full_year", "下达资金": "full_year", "资金使用情况": "executed", "年度金额(提前下达)": "full_year",
    "行次": "line_number", "栏次": "line_number",
}
MONEY_ROLES_NUMERIC = {"initial", "full_year", "executed", "adjustment", "carried_in", "subtotal",
                       "appropriated", "balance"}

# Row labels of a funds table: the total row and its parts.
MONEY_TOTAL_ROW = re.compile(r"^(年度资金总额|资金总额|年度总金额|合计|总计|财政资金小计|年度财政资金总额|资金合计)")
MONEY_PART_ROW = re.compile(
    r"^(其中|上年结转|其他资金|当年财政拨款|本年财政拨款|中央|省级|省财政|市级|市财政|县|区财政|地方|一般公共预算|"
    r"政府性基金|财政拨款|自有资金|①|②|③|④)"
)

# --- category names (the 一级 and 二级 columns' own words) ---

_L1 = (
    "产出|效益|满意度|成本|效果|影响力|影响|投入|过程|决策|管理|项目决策|项目管理|项目绩效|项目产出|项目效益|"
    "产出目标|效益目标|效果目标|投入目标|投入与管理|履职效能|社会效应|可持续性|相关性|效率|能力建设|"
    "预算执行|资金管理|运行成本|过程指标|经济性|效率性|效益性|公平性"
)
_L2 = (
    "数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|环境效益|可持续影响|"
    "服务对象满意度|满意度|社会公众满意度|预算执行|预算管理|资产管理|资金管理|项目管理|业务管理|财务管理|"
    "人员管理|制度管理|运行成本|重点工作|履职效益|职责履行|目标设定|预算编制|预算配置|投入管理"
)
_POINTS = r"\s*(?:[（(]\s*\d+(?:\.\d+)?\s*分?\s*[）)]|\d+(?:\.\d+)?\s*分)?"
CATEGORY_L1 = re.compile(rf"^(?:{_L1})(?:指标|目标)?{_POINTS}$")
CATEGORY_L2 = re.compile(rf"^(?:{_L2})(?:指标|目标)?(?:等)?{_POINTS}$")

# Words that start the frame column of the national form (a label merged down the left edge).
FRAME_WORDS = ("绩效指标", "年度绩效指标", "绩效目标", "年度绩效指标完成情况", "年度绩效目标", "绩效指标完成情况")

# Total rows of an indicator table.
TOTAL_WORDS = ("合计", "总分", "总计", "合计得分", "总得分", "自评总分", "得分合计", "总 分")

_QUALIFIER = re.compile(r"[（(][^（()）]{0,16}[)）]")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normal(text: str) -> str:
    """A label for matching: no whitespace, no bracketed qualifier (``(A)``, ``(10分)``, ``(%)``)."""
    flat = _SPACE.sub("", text.replace("\u3000", ""))
    stripped = _QUALIFIER.sub("", flat)
    return stripped or flat


# Header cells as forms print them whole, for telling a piece of one (a text cut off inside the
# header: 偏差原因分析 | 及改进) from an indicator's name.
_WHOLE_HEADERS = ("偏差原因分析及改进措施", "未完成原因分析及改进措施", "未完成原因和改进措施", "偏差原因及改进措施",
                  "偏差原因分析及下一步改进措施")


def is_header_piece(text: str) -> bool:
    """Three or more characters of a header word, not the whole word: what a cut-off header leaves."""
    flat = normal(text)
    return len(flat) >= 3 and any(flat in word and flat != word for word in (*_WHOLE_HEADERS, *INDICATOR_EXACT))


@lru_cache(maxsize=65536)
def indicator_role(text: str) -> str | None:
    flat = normal(text)
    if not flat or len(flat) > 24:
        return None
    if flat in INDICATOR_EXACT:
        return INDICATOR_EXACT[flat]
    for role, words in INDICATOR_CONTAINS:
        if any(word in flat for word in words):
            return role
    return _scrambled(flat)


def _scrambled(flat: str) -> str | None:
    """OCR of a two-line header cell sometimes interleaves its lines: 年成值全完值 is 全年完成值
    read across the lines. The same characters as a header word, nothing more, is that word."""
    if not 3 <= len(flat) <= 8:
        return None
    letters = sorted(flat)
    for word, role in INDICATOR_EXACT.items():
        if len(word) >= 3 and sorted(word) == letters[: len(word)] and len(flat) - len(word) <= 1:
            return role
        if len(word) >= 3 and set(word) <= set(flat) and len(flat) - len(word) <= 1 and len(set(flat)) <= len(word):
            return role
    return None


@lru_cache(maxsize=65536)
def money_role(text: str) -> str | None:
    flat = normal(text)
    # formula labels of the Fujian form: ④小计=①+②+③, ⑥=⑤/④
    flat = re.sub(r"[①-⑳][=＝].*$", "", re.sub(r"^[①-⑳]", "", flat))
    flat = re.sub(r"[①-⑳]$", "", flat)
    if not flat or len(flat) > 20:
        return None
    if flat in MONEY_EXACT:
        return MONEY_EXACT[flat]
    for word, role in (("执行率", "execution_rate"), ("年初预算", "initial"), ("全年预算", "full_year"),
                       ("执行数", "executed"), ("执行资金", "executed"), ("调整", "adjustment"),
                       ("得分", "score"), ("分值", "weight"), ("实现率", "execution_rate")):
        if word in flat:
            return role
    return None


@lru_cache(maxsize=65536)
def category_levels(text: str) -> frozenset[int]:
    """{1} for a first-level category (产出指标（50分）), {2} for a second-level one (数量指标),
    both for a word forms use at either level (成本指标 is first-level on 2021+ national forms and
    second-level before), empty for anything else: the caller decides by the column."""
    flat = normal(text) if "分" not in text else _SPACE.sub("", text)
    levels = set()
    if CATEGORY_L1.match(flat):
        levels.add(1)
    if CATEGORY_L2.match(flat):
        levels.add(2)
    return frozenset(levels)


def category_level(text: str) -> int | None:
    levels = category_levels(text)
    return min(levels) if levels else None


def is_total_label(text: str) -> bool:
    return _SPACE.sub("", text) in {w.replace(" ", "") for w in TOTAL_WORDS}


def is_frame(text: str) -> bool:
    return _SPACE.sub("", text) in FRAME_WORDS


# --- labels of a form's fields and sections (a label cell; its value follows it) ---

FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("项目名称", "专项名称", "专项资金名称", "转移支付(项目)名称", "转移支付名称", "项目(专项)名称", "资金名称"),
    "department": ("主管部门", "项目主管部门", "县级主管部门", "主管部门及代码", "地方主管部门", "省级主管部门",
                   "项目主管单位", "主管单位", "预算部门", "部门(单位)名称", "部门名称", "预算部门、单位名称",
                   "预算单位", "部门", "单位名称"),
    "central_department": ("中央主管部门",),
    "implementer": ("实施单位", "项目实施单位", "资金使用单位", "项目单位", "实施单位(盖章)", "项目单位(盖章)"),
    "project_code": ("项目编码", "项目代码", "部门预算编码", "预算编码"),
    "evaluator": ("评价机构", "评价单位", "受托机构", "第三方评价机构", "评价组织"),
    # the finance bureau's division in charge of the unit (重庆 forms): a label, never the unit itself
    "finance_office": ("财政处室", "财政处(科)室", "财政科室", "财政归口处室", "归口处室", "财政主管处室"),
    "filled_on": ("填报日期", "填表日期", "报告日期", "评价日期", "编制日期"),
    "declared_total": ("自评总分", "自评总分(分)", "综合得分", "评价总分"),
    "grade": ("自评等级", "评价等级", "绩效等级", "等级"),
    "responsible": ("项目负责人", "负责人及电话", "部门联系人", "联系人", "联系电话", "填表人", "财务负责人",
                    "主要领导签字", "单位领导审签", "负责人"),
}
SECTION_LABELS = (
    "年度总体目标", "总体目标", "年度绩效目标", "预期目标", "实际完成情况", "年初设定目标", "年度总体目标完成情况综述",
    "全年实际完成情况", "目标实际完成情况", "当年绩效目标", "年初绩效目标", "全年(调整)绩效目标", "全年目标实际完成情况",
    "绩效指标", "年度绩效指标完成情况", "项目资金", "资金情况", "预算执行情况", "资金投入情况", "预算资金",
    "年度预算申请", "资金管理情况", "其他需要说明事项", "评价结论", "存在问题", "改进措施", "说明",
    "项目属性", "项目类别", "项目类型", "项目基本情况",
)


@lru_cache(maxsize=65536)
def field_of(text: str) -> str | None:
    """The field a label cell names (项目名称 → title), or None."""
    flat = _SPACE.sub("", text.replace("\u3000", "")).rstrip(":：")
    for key, words in FIELD_LABELS.items():
        if flat in words or normal(flat) in words:
            return key
    return None


def all_labels() -> list[str]:
    """Every word a form prints as a label, longest first: cut points for text run together."""
    words = set(INDICATOR_EXACT) | set(MONEY_EXACT) | set(SECTION_LABELS) | set(TOTAL_WORDS)
    for group in FIELD_LABELS.values():
        words.update(group)
    words.update(w for _, group in INDICATOR_CONTAINS for w in group)
    words.discard("指标")
    words.discard("部门")
    words.discard("年度")
    words.discard("等级")
    return sorted((w.replace(" ", "") for w in words if len(w.replace(" ", "")) >= 2), key=len, reverse=True)
