"""The families of table forms, told apart by the words they print.

Every family is read by the same parts (:mod:`.tableform`); a family says what it is called on the
console and in ``form`` when the document prints no title, and what a record of it needs beyond
the form's cells: the title of a whole-department form is the department, a self-evaluation is
evaluated by its own unit, and the scoring scheme is the national one unless a province's own
scheme is known. The order matters: the most specific words first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document
from ..draft import Draft


@dataclass(frozen=True)
class Family:
    key: str
    label: str  # in Chinese, for the console and the bulk-import table
    words: tuple[str, ...]  # any of these in the document's text
    whole_department: bool = False  # the report is about a department's whole budget

    def matches(self, text: str) -> bool:
        return any(word in text for word in self.words)

    def complete(self, draft: Draft, document: Document) -> None:
        fields = draft.fields
        if self.whole_department and not fields.get("title") and fields.get("department"):
            fields["title"] = fields["department"]
            draft.note("部门整体支出绩效自评表没有项目名称一栏，记录以部门名称为项目名称")
        fields.setdefault("kind", "self")
        fields.setdefault("scheme", "national-2020")
        fields.setdefault("form", self.label)
        if fields.get("kind") == "self" and not fields.get("evaluator"):
            unit = fields.get("implementer") or fields.get("department")
            if unit:
                fields["evaluator"] = unit  # a self-evaluation is done by the unit itself
        draft.region_hints = [fields.get(key, "") for key in ("department", "implementer", "title", "form")]
        draft.region_hints.append(document.text()[:4000])


FAMILIES = [
    Family("department-whole", "部门整体支出绩效自评表", ("部门整体支出绩效", "部门整体绩效", "机关整体支出", "整体支出绩效"),
           whole_department=True),
    Family("transfer-region", "转移支付区域（项目）绩效目标自评表", ("转移支付区域", "区域(项目)绩效", "区域（项目）绩效")),
    Family("transfer-fund", "转移支付资金绩效评价表", ("转移支付", "资金绩效评价表")),
    Family("sichuan-dept-project", "部门预算项目支出绩效自评表（四川）", ("部门预算项目支出绩效自评表",)),
    Family("hubei-2080", "项目绩效目标自评表（湖北 20/80 分）", ("20分*执行率", "(20分)", "（20分）", "省直专项")),
    Family("guangshui", "财政预算支出项目绩效目标自评表（复核分）", ("复核分",)),
    Family("method-column", "项目支出绩效自评表（含得分计算方法）", ("得分计算方法",)),
    Family("county-special", "县级专项资金绩效目标自评表", ("县级专项资金", "专项资金绩效目标自评表")),
    Family("special-fund", "专项资金绩效自评表", ("专项名称", "专项资金")),
    Family("poverty-2019", "绩效目标自评表（扶贫、衔接资金）", ("绩效目标自评表", "衔接资金", "扶贫")),
    Family("national", "项目支出绩效自评表（财预〔2020〕10号）", ("项目支出绩效自评表", "项目支出绩效", "绩效自评表", "年度资金总额")),
]
DEFAULT = Family("table-form", "绩效评价表", ())


def family_of(text: str) -> Family:
    flat = re.sub(r"\s+", "", text)
    return next((family for family in FAMILIES if family.matches(flat)), DEFAULT)
