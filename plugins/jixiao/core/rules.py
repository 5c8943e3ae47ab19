"""Every finding code, documented the way ruff documents its rules: one entry per rule with named
fields — what it checks, why it matters, a record's YAML that breaks it and the same YAML fixed,
how to fix it, and a real case from the published reports.

Codes are stable: once published, a code keeps its meaning, because records silence findings by
code and reviewers search for them. A code that has to be renamed goes into :data:`REDIRECTS`
(old → new): a record silencing the old code still silences the finding, and `jixiao check` warns
it to write the new one (``renamed-code``). The site's 核验规则 page is rendered from this table,
so a rule is documented exactly once; tests/test_rules.py re-enacts every example.

An example is the YAML of a record's front matter, only the fields that matter: the test puts
them over a consistent record. Lines ``# 文件 reports/…`` start another file of the same example
(rules about the reports tree and about several records); a line ``# 正文`` starts the record's
narrative (rules about what the narrative says).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .findings import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: Severity
    group: str  # the heading the 核验规则 page lists it under
    rule: str  # what is checked, in one or two sentences
    why: str  # why it matters to a reader of the portal
    bad: str  # YAML of a record that breaks the rule
    good: str  # the same YAML, fixed
    fix: str  # what to do, silencing included where it applies
    case: str = ""  # a real case (the seed reports and the real documents), or a typical one

    @property
    def former(self) -> list[str]:
        """The codes this rule was known by before (old links and old silences lead here)."""
        return sorted(old for old, new in REDIRECTS.items() if new == self.code)

    @property
    def silenceable(self) -> bool:
        return self.code not in BLOCKING


def _yaml(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

_RULES = [
    # --- reading the file ---
    Rule(
        code="parse-error", title="文件无法读取", severity=E, group="读取",
        rule="记录文件必须是 UTF-8 文本，以 --- 包围的 YAML 元数据块开头。",
        why="读不出来的记录无法公开，也无法核验。",
        bad=_yaml('''
            title: "社区党建活动
            year: 2024
        '''),
        good=_yaml('''
            title: "社区党建活动"
            year: 2024
        '''),
        fix="按提示修正编码或语法：引号成对、冒号后有空格、元数据块以 --- 结束。",
        case="文件以 GBK 编码保存；元数据块缺少结束的 ---。",
    ),
    Rule(
        code="schema-error", title="字段不符合记录格式", severity=E, group="读取",
        rule="每个字段的名称、类型和取值必须符合记录格式（JSON Schema）。",
        why="拼错的字段名会让整张表悄悄丢失；类型不对的数字无法计算。",
        bad=_yaml('''
            year: 二〇二四
            budget:
              initial: 一百
        '''),
        good=_yaml('''
            year: 2024
            budget:
              initial: 100
        '''),
        fix="按提示修改字段；记录格式见“记录格式”页。",
        case="把 indicators 拼成 indicatros；权重写成“八分”。",
    ),
    Rule(
        code="utf8-bom", title="文件带 BOM", severity=I, group="读取",
        rule="UTF-8 文件开头的字节顺序标记（BOM）会被忽略。",
        why="BOM 不影响内容，但有的工具会把它当成正文。",
        bad=_yaml('''
            # 文件开头是看不见的三个字节 EF BB BF（BOM），然后才是 ---
            id: suzhou-2024-dangjian
        '''),
        good=_yaml('''
            # 文件直接以 --- 开头
            id: suzhou-2024-dangjian
        '''),
        fix="另存为“UTF-8（无 BOM）”。",
        case="Windows 记事本保存的文件。",
    ),
    Rule(
        code="not-a-record", title="记录目录中的其他文件", severity=W, group="读取",
        rule="reports/ 目录下只放记录：扩展名为小写 .md 的普通文件。其他文件（备份、.MD、.markdown、.yaml）和符号链接"
             "一律不读取、不复制、不发布。",
        why="这类文件常是带着内部信息的副本或草稿：照原样复制到网站上，就把不该公开的内容公开了。",
        bad=_yaml('''
            # 文件 reports/2024/good-2024.md~
            id: good-2024
        '''),
        good=_yaml('''
            # 文件 reports/2024/good-2024.md
            id: good-2024
        '''),
        fix="删除它、移出 reports/ 目录，或按提示改名为 .md。",
        case="编辑器留下的 report.md~；导出的 report.yaml；指向别处草稿的链接。",
    ),
    Rule(
        code="duplicate-id", title="编号重复", severity=E, group="全库",
        rule="全站每份记录的 id 必须唯一。两份记录同用一个编号时，先进入仓库的一份照常发布（以 git 中最早加入该文件的提交为准；"
             "不在 git 中或同一提交加入的，按文件路径的字母顺序取前一份），另一份报错、不发布。这条结论不能豁免。",
        why="重复编号会让两份报告争用同一个页面地址；已经公开的报告不能因为后来的一份而消失。",
        bad=_yaml('''
            # 文件 reports/2024/good-2024.md
            id: good-2024
            title: 社区党建活动
            # 文件 reports/2024/good-2024-b.md
            id: good-2024
            title: 老年食堂运营补贴
        '''),
        good=_yaml('''
            # 文件 reports/2024/good-2024.md
            id: good-2024
            title: 社区党建活动
            # 文件 reports/2024/good-2024-b.md
            id: good-2024-b
            title: 老年食堂运营补贴
        '''),
        fix="给后加入的一份换一个编号（与文件名一致）。",
        case="复制旧记录后忘记修改 id。",
    ),
    Rule(
        code="duplicate-report", title="同一项目重复", severity=W, group="全库",
        rule="同一项目名称、年份和主管部门只应有一份记录。",
        why="同一报告录入两次会在索引和统计中重复计算。",
        bad=_yaml('''
            # 文件 reports/2024/good-2024.md
            id: good-2024
            title: 社区党建活动
            # 文件 reports/2024/good-2024-b.md
            id: good-2024-b
            title: 社区党建活动
        '''),
        good=_yaml('''
            # 文件 reports/2024/good-2024.md
            id: good-2024
            title: 社区党建活动
        '''),
        fix="删除重复的一份；确属两份不同报告时写明豁免理由。",
        case="同一文件导入两次，编号不同。",
    ),
    Rule(
        code="path-mismatch", title="文件位置与内容不符", severity=W, group="全库",
        rule="记录应放在 reports/<年份>/<编号>.md，文件名与 id、目录年份与 year 一致。",
        why="位置不符的记录难以查找，页面地址也会与编号不一致。",
        bad=_yaml('''
            # 文件 reports/2023/good-2024.md
            id: good-2024
            year: 2024
        '''),
        good=_yaml('''
            # 文件 reports/2024/good-2024.md
            id: good-2024
            year: 2024
        '''),
        fix="移动或重命名文件。",
        case="2024 年的报告放在 reports/2023/ 下。",
    ),
    Rule(
        code="unknown-scheme", title="评分办法不存在", severity=E, group="评分",
        rule="scheme 必须是已有评分办法的编号。",
        why="没有评分办法就无法计算得分和等级。",
        bad="scheme: jiangsu-2019",
        good="scheme: suzhou-2024",
        fix="改用已有编号（见“评分办法”页），或在站点的评分办法目录中新增该办法的 YAML 文件。",
        case="scheme: jiangsu-2019（尚未收录）。",
    ),
    # --- money ---
    Rule(
        code="budget-identity", title="指标结余数不平衡", severity=E, group="资金",
        rule="指标结余数 = 年初预算数 + 调整数 − 财政拨款数。",
        why="预算执行表的栏目之间有固定的算术关系，不平衡说明有数字填错。",
        bad=_yaml('''
            budget: {initial: 100, adjustment: -10, appropriated: 90, unallocated: 5, executed: 88, balance: 2, carried_forward: 1, recovered: 1}
        '''),
        good=_yaml('''
            budget: {initial: 100, adjustment: -10, appropriated: 90, unallocated: 0, executed: 88, balance: 2, carried_forward: 1, recovered: 1}
        '''),
        fix="核对四栏数字。",
        case="苏州 2024：35.7 + (−6.5) − 29.2 = 0，与指标结余数 0 一致（通过）。",
    ),
    Rule(
        code="balance-identity", title="资金结余不平衡", severity=E, group="资金",
        rule="资金结余结转数 = 财政拨款数 − 实际支付数 = 结转数 + 财政收回数。",
        why="结余去向必须说得清：要么结转，要么收回。",
        bad=_yaml('''
            budget: {initial: 100, adjustment: -10, appropriated: 90, unallocated: 0, executed: 88, balance: 3, carried_forward: 1, recovered: 2}
        '''),
        good=_yaml('''
            budget: {initial: 100, adjustment: -10, appropriated: 90, unallocated: 0, executed: 88, balance: 2, carried_forward: 1, recovered: 1}
        '''),
        fix="核对拨款、支付、结转与收回。",
        case="苏州 2024：29.2 − 29.16 = 0.04 = 0 + 0.04（通过）。",
    ),
    Rule(
        code="funding-sum", title="资金来源合计不符", severity=E, group="资金",
        rule="资金来源各行之和等于合计行；合计为 0 而各行有金额也算不符。",
        why="资金来源的合计是公众最先看的数字。",
        bad=_yaml('''
            funding:
              - {source: 合计, total: true, amount: 95}
              - {source: 本年财政拨款, amount: 80}
              - {source: 上年结转, amount: 10}
        '''),
        good=_yaml('''
            funding:
              - {source: 合计, total: true, amount: 90}
              - {source: 本年财政拨款, amount: 80}
              - {source: 上年结转, amount: 10}
        '''),
        fix="核对各行与合计。",
        case="呼和浩特 2023：3510 + 6240 + 6030 = 15780（通过）。",
    ),
    Rule(
        code="subproject-sum", title="子项目合计不符", severity=E, group="资金",
        rule="子项目的预算数、支出数分别相加，应等于合计行。",
        why="合计与明细不符，说明有子项目漏填或错填。",
        bad=_yaml('''
            subprojects:
              - {name: 合计, total: true, budget: 90, spent: 88}
              - {name: 宣传阵地建设, budget: 60, spent: 59}
              - {name: 党员教育培训, budget: 30, spent: 19}
        '''),
        good=_yaml('''
            subprojects:
              - {name: 合计, total: true, budget: 90, spent: 88}
              - {name: 宣传阵地建设, budget: 60, spent: 59}
              - {name: 党员教育培训, budget: 30, spent: 29}
        '''),
        fix="核对明细与合计。",
        case="苏州 2024：20.05 + 0.15 + 8.5 + 4.8 + 2.2 = 35.7；支出合计 29.16（通过）。",
    ),
    Rule(
        code="subproject-budget-mismatch", title="子项目预算与调整后预算不符", severity=W, group="资金",
        rule="子项目“调整预算数”的合计应等于调整后的全年预算（年初预算数 + 调整数）。",
        why="表头写“调整预算数”，合计却仍是年初数，说明调整没有分解到子项目。",
        bad=_yaml('''
            budget: {initial: 100, adjustment: -10, appropriated: 90, unallocated: 0, executed: 88, balance: 2, carried_forward: 1, recovered: 1}
            subprojects:
              - {name: 合计, total: true, budget: 100, spent: 88}
              - {name: 宣传阵地建设, budget: 70, spent: 59}
              - {name: 党员教育培训, budget: 30, spent: 29}
        '''),
        good=_yaml('''
            budget: {initial: 100, adjustment: -10, appropriated: 90, unallocated: 0, executed: 88, balance: 2, carried_forward: 1, recovered: 1}
            subprojects:
              - {name: 合计, total: true, budget: 90, spent: 88}
              - {name: 宣传阵地建设, budget: 60, spent: 59}
              - {name: 党员教育培训, budget: 30, spent: 29}
        '''),
        fix="把调减（追加）分解到各子项目。",
        case="苏州 2024：子项目调整预算合计 35.7，而 35.7 − 6.5 = 29.2。",
    ),
    Rule(
        code="subproject-overspend", title="子项目超支", severity=W, group="资金",
        rule="子项目的实际支出不应超过其预算。",
        why="超预算支出需要说明来源和审批。",
        bad=_yaml('''
            subprojects:
              - {name: 合计, total: true, budget: 90, spent: 88}
              - {name: 宣传阵地建设, budget: 58, spent: 59}
              - {name: 党员教育培训, budget: 32, spent: 29}
        '''),
        good=_yaml('''
            subprojects:
              - {name: 合计, total: true, budget: 90, spent: 88}
              - {name: 宣传阵地建设, budget: 60, spent: 59}
              - {name: 党员教育培训, budget: 30, spent: 29}
        '''),
        fix="在正文或备注说明超支原因；确有调剂审批的可写豁免理由。",
        case="苏州 2024：市级机关群团组织系列活动 0.21 > 0.15；廉洁文化建设系列活动 2.95 > 2.2（正文说明了加印和租车费用）。",
    ),
    Rule(
        code="unit-magnitude", title="金额单位可疑", severity=E, group="资金",
        rule="同一报告各表的金额应在同一数量级；相差约一万倍说明“元”“万元”写错了。",
        why="单位错一级，金额就错一万倍，任何跨报告的统计都会被它带偏。",
        bad=_yaml('''
            unit: 万元
            subprojects:
              - {name: 合计, total: true, budget: 900000, spent: 880000}
              - {name: 宣传阵地建设, budget: 600000, spent: 590000}
              - {name: 党员教育培训, budget: 300000, spent: 290000}
        '''),
        good=_yaml('''
            unit: 万元
            subprojects:
              - {name: 合计, total: true, budget: 90, spent: 88}
              - {name: 宣传阵地建设, budget: 60, spent: 59}
              - {name: 党员教育培训, budget: 30, spent: 29}
        '''),
        fix="改正表头单位或数字；记录照原件录入时保留并写明豁免理由。",
        case="苏州 2018：表头“万元”，预算执行表写 16500000.00（即 1650 亿元），子项目表写 1640（万元）：前者其实是元。",
    ),
    Rule(
        code="execution-rate-mismatch", title="预算执行率与金额不符", severity=W, group="资金",
        rule="表上所写的预算执行率（或“预算执行率”指标的实际完成值）应等于 实际支付数 ÷ 财政拨款数。",
        why="执行率是最常被比较的指标，必须能由金额算出。",
        bad=_yaml('''
            budget: {initial: 100, adjustment: -10, appropriated: 90, unallocated: 0, executed: 88, balance: 2, carried_forward: 1, recovered: 1}
            indicators:
              - {category: 过程目标, name: 预算执行率, target: "=100%", weight: 10, actual: "99.50%", score: 9.75}
        '''),
        good=_yaml('''
            budget: {initial: 100, adjustment: -10, appropriated: 90, unallocated: 0, executed: 88, balance: 2, carried_forward: 1, recovered: 1}
            indicators:
              - {category: 过程目标, name: 预算执行率, target: "=100%", weight: 10, actual: "97.78%", score: 8.89}
        '''),
        fix="按金额重算执行率。",
        case="苏州 2024：29.16 ÷ 29.2 = 99.863…%，表上写 99.86%（一致）。",
    ),
    Rule(
        code="execution-over-budget", title="执行数超过预算数", severity=W, group="资金",
        rule="实际支付数（全年执行数）不应超过预算数或拨款数，表上所写的执行率不应超过 100%；合计行超支时只报合计行，"
             "合计未超而某个来源超支时报该来源。",
        why="超预算支出要么是数字填错，要么是未经批准的支出，都需要说明。",
        bad=_yaml('''
            funding:
              - {source: 年度资金总额, total: true, initial: 50, full_year: 50, executed: 52, execution_rate: "104.00%", weight: 10, score: 10}
        '''),
        good=_yaml('''
            funding:
              - {source: 年度资金总额, total: true, initial: 50, full_year: 50, executed: 45, execution_rate: "90.00%", weight: 10, score: 9}
        '''),
        fix="核对执行数与预算数；确有追加或调剂的，在正文说明来源和审批，并写明豁免理由。",
        case="金寨 2023：全年执行数 338.31 超过全年预算数 329.77，执行率 102.59%；"
             "岳阳南湖 2016：实际支出 179.6 超过实际到位资金 170，而结余写 0。",
    ),
    Rule(
        code="funding-points-repeated", title="资金分值重复计算", severity=W, group="资金",
        rule="预算执行一项的分值、得分只写在合计行（年度资金总额）；“其中”分项行重复合计行的分值，就把这一项计了两次。",
        why="重复的分值会让满分变成 110 分，得分也多出一份。",
        bad=_yaml('''
            funding:
              - {source: 年度资金总额, total: true, initial: 50, full_year: 50, executed: 45, execution_rate: "90%", weight: 10, score: 9}
              - {source: 其中：当年财政拨款, initial: 50, full_year: 50, executed: 45, execution_rate: "90%", weight: 10, score: 9}
        '''),
        good=_yaml('''
            funding:
              - {source: 年度资金总额, total: true, initial: 50, full_year: 50, executed: 45, execution_rate: "90%", weight: 10, score: 9}
              - {source: 其中：当年财政拨款, initial: 50, full_year: 50, executed: 45, execution_rate: "90%"}
        '''),
        fix="删去分项行的分值和得分；门户只计合计行，照原件录入的写明豁免理由。",
        case="濉溪 2019：“其中:本年财政拨款”一行重复了年度资金总额的分值 10、得分 10。",
    ),
    Rule(
        code="funding-amount-blank", title="资金合计行缺一栏金额", severity=W, group="资金",
        rule="资金合计行（年度资金总额）填了两栏金额而空着第三栏，其他行却填了这一栏。",
        why="缺一栏就无法核对执行率，也说不清空着的是预算数还是执行数。",
        bad=_yaml('''
            funding:
              - {source: 年度资金总额, total: true, full_year: 50, executed: 45, execution_rate: "90%", weight: 10, score: 9}
              - {source: 其中：当年财政拨款, initial: 50, full_year: 50, executed: 45, execution_rate: "90%"}
        '''),
        good=_yaml('''
            funding:
              - {source: 年度资金总额, total: true, initial: 50, full_year: 50, executed: 45, execution_rate: "90%", weight: 10, score: 9}
              - {source: 其中：当年财政拨款, initial: 50, full_year: 50, executed: 45, execution_rate: "90%"}
        '''),
        fix="对照原件补上；原件确实空白的照录并写明豁免理由。",
        case="永德 2022：年度资金总额一行只印了两个金额 387664.62、387664.62，对应三栏。",
    ),
    Rule(
        code="subproject-spent-mismatch", title="支出明细与执行数不符", severity=W, group="资金",
        rule="支出明细（子项目，或基本支出 / 项目支出）的合计应等于实际支付数（全年执行数）。",
        why="明细加不出总数，说明有支出漏列或执行数填错。",
        bad=_yaml('''
            budget: {initial: 100, adjustment: -10, appropriated: 90, unallocated: 0, executed: 88, balance: 2, carried_forward: 1, recovered: 1}
            subprojects:
              - {name: 合计, total: true, budget: 90, spent: 86}
              - {name: 宣传阵地建设, budget: 60, spent: 57}
              - {name: 党员教育培训, budget: 30, spent: 29}
        '''),
        good=_yaml('''
            budget: {initial: 100, adjustment: -10, appropriated: 90, unallocated: 0, executed: 88, balance: 2, carried_forward: 1, recovered: 1}
            subprojects:
              - {name: 合计, total: true, budget: 90, spent: 88}
              - {name: 宣传阵地建设, budget: 60, spent: 59}
              - {name: 党员教育培训, budget: 30, spent: 29}
        '''),
        fix="核对明细与执行数。",
        case="衡山贯塘 2023：基本支出 900.47 + 项目支出 1025.20 = 1925.67，而全年执行数为 2030.12。",
    ),
    Rule(
        code="unit-doubtful", title="金额单位存疑", severity=W, group="资金",
        rule="表头写“万元”，而省级以下单位的最大金额超过 100 亿元（1000000 万元）。",
        why="把“元”的数字写在“万元”表头下，金额就大了一万倍。",
        bad=_yaml('''
            region: [福建省, 宁德市]
            unit: 万元
            funding:
              - {source: 年度资金总额, total: true, initial: 2537695, full_year: 2537695, executed: 2283925.5, execution_rate: "90%", weight: 10, score: 9}
        '''),
        good=_yaml('''
            region: [福建省, 宁德市]
            unit: 元
            funding:
              - {source: 年度资金总额, total: true, initial: 2537695, full_year: 2537695, executed: 2283925.5, execution_rate: "90%", weight: 10, score: 9}
        '''),
        fix="改正表头单位或数字；金额属实的写明豁免理由。",
        case="宁德 2018：党史和地方志研究室的资金结构表头写“万元”，年初预算 2537695（即 253.77 亿元），实为元。",
    ),
    # --- the base-data table of a department-wide report ---
    Rule(
        code="staff-over-quota", title="实际在职人数超过编制数", severity=W, group="基础数据",
        rule="基础数据表的实际在职人数不应超过编制数（控制率 = 实际在职人数 ÷ 编制数，不应超过 100%）。",
        why="超编是部门整体支出评价要看的第一件事：人员经费随在职人数增加，超编意味着预算之外的支出。",
        bad=_yaml('''
            base_data:
              staff: {authorized: 46, actual: 50, year: 2023, control_rate: "108.70%"}
        '''),
        good=_yaml('''
            base_data:
              staff: {authorized: 46, actual: 44, year: 2023, control_rate: "95.65%"}
        '''),
        fix="照原件录入，不要改动数字；超编属实的，报告应说明原因和消化超编的措施，可写明豁免理由。",
        case="衡山贯塘 2023：编制数 46，2023 年实际在职人数 50，控制率 108.70%（50 ÷ 46 = 108.70%，算术无误，但超编 4 人）。",
    ),
    Rule(
        code="base-rate-mismatch", title="控制率与所列数字不符", severity=W, group="基础数据",
        rule="基础数据表印出的控制率应等于两栏之比：人员控制率 = 实际在职人数 ÷ 编制数，规模控制率 = 实际规模 ÷ 批复规模，"
             "投资概算控制率 = 实际投资 ÷ 预算投资；按表上所写的位数四舍五入后比较。",
        why="控制率是读者直接看的结论，与两栏数字对不上，就不知道哪一个填错了。",
        bad=_yaml('''
            base_data:
              staff: {authorized: 87, actual: 73, control_rate: "83.19%"}
        '''),
        good=_yaml('''
            base_data:
              staff: {authorized: 87, actual: 73, control_rate: "83.91%"}
        '''),
        fix="核对两栏数字和控制率。",
        case="新田教育局 2021：编制数 87，实际在职人数 73，控制率 83.91%（73 ÷ 87 = 83.91%，通过）。",
    ),
    Rule(
        code="base-parts-sum", title="经费分项之和不符", severity=E, group="基础数据",
        rule="经费控制情况中，以“1、2、3、”编号的分项之和应等于本行（如三公经费 = 公务用车购置和维护经费 + 出国经费 + 公务接待）；"
             "“其中：”所列各项是本行的一部分，之和不应超过本行。逐栏（各年度的预算数、决算数）比较；有分项空白的一栏不比较。",
        why="分项加不出合计，说明有支出漏列或数字填错；“其中”超过本行，数字必有一处是错的。",
        bad=_yaml('''
            base_data:
              columns: [2023年预算数, 2023年决算数]
              costs:
                - label: 三公经费
                  values: [5, 4.2]
                  parts:
                    - {label: 1、公务用车购置和维护经费, values: [3, 2.5]}
                    - {label: 2、出国经费, values: [0, 0]}
                    - {label: 3、公务接待, values: [2, 1.5]}
        '''),
        good=_yaml('''
            base_data:
              columns: [2023年预算数, 2023年决算数]
              costs:
                - label: 三公经费
                  values: [5, 4]
                  parts:
                    - {label: 1、公务用车购置和维护经费, values: [3, 2.5]}
                    - {label: 2、出国经费, values: [0, 0]}
                    - {label: 3、公务接待, values: [2, 1.5]}
        '''),
        fix="核对本行和各分项；分项漏填的补上。",
        case="衡山贯塘 2023：三公经费 0 = 0 + 0 + 0；公用经费 2023 年决算数 193.42，其中办公经费、水电差旅、会议培训合计 67.15，"
             "未超过（通过）。",
    ),
    Rule(
        code="building-over-approval", title="楼堂馆所超出批复", severity=W, group="基础数据",
        rule="楼堂馆所控制情况中，完工项目的实际规模不应超过批复规模，实际投资不应超过预算投资（投资概算）。",
        why="超规模、超概算建设楼堂馆所是财经纪律明令禁止的。",
        bad=_yaml('''
            base_data:
              buildings:
                - {label: 2023年完工项目, approved_area: 1200, actual_area: 1350, area_control_rate: "112.50%", budget_investment: 480, actual_investment: 476, investment_control_rate: "99.17%"}
        '''),
        good=_yaml('''
            base_data:
              buildings:
                - {label: 2023年完工项目, approved_area: 1200, actual_area: 1180, area_control_rate: "98.33%", budget_investment: 480, actual_investment: 476, investment_control_rate: "99.17%"}
        '''),
        fix="照原件录入；超出属实的，报告应说明原因和审批情况，可写明豁免理由。",
        case="典型：批复 1200 ㎡，实际建成 1350 ㎡（规模控制率 112.50%）。新田教育局 2021 年没有完工项目，各栏均为 0。",
    ),
    # --- indicators and scores ---
    Rule(
        code="missing-score", title="得分空白", severity=W, group="指标",
        rule="每个指标都应有自评分；空白按 0 分计。",
        why="空白的得分会被读者当成满分，也会让合计对不上。",
        bad=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "120人次", score: 45}
              - {category: 效益目标, name: 制度健全性, target: 健全, weight: 45, actual: 健全}
        '''),
        good=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "120人次", score: 45}
              - {category: 效益目标, name: 制度健全性, target: 健全, weight: 45, actual: 健全, score: 45}
        '''),
        fix="填写得分；确实未评分的写明原因。",
        case="闵行 2020：“政策知晓率”（权重 7）得分空白。",
    ),
    Rule(
        code="missing-reason", title="未完成目标且无说明", severity=W, group="指标",
        rule="实际完成值未达目标值时，应在备注中说明偏差原因。",
        why="公众最关心没做到的事为什么没做到。",
        bad=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "80人次", score: 0}
        '''),
        good=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "80人次", score: 0, note: 受场地改造影响，两期培训合并为一期}
        '''),
        fix="在备注栏写明偏差原因。",
        case="目标 ≥95%，实际 90%，备注空白。",
    ),
    Rule(
        code="score-exceeds-weight", title="得分超过权重", severity=E, group="指标",
        rule="一个指标的得分不能超过它的权重（分值）。",
        why="超出权重的得分会虚增总分。",
        bad=_yaml('''
            indicators:
              - {category: 效益目标, name: 制度健全性, target: 健全, weight: 45, actual: 健全, score: 46}
        '''),
        good=_yaml('''
            indicators:
              - {category: 效益目标, name: 制度健全性, target: 健全, weight: 45, actual: 健全, score: 45}
        '''),
        fix="核对得分。",
        case="权重 8，自评分 9。",
    ),
    Rule(
        code="indicator-score-mismatch", title="指标得分与计算不符", severity=W, group="指标",
        rule="按报告所用评分办法，由目标值和实际完成值算出的得分应与申报得分一致。",
        why="评分办法公开，同样的完成情况应得同样的分。",
        bad=_yaml('''
            scheme: suzhou-2024
            indicators:
              - {category: 过程目标, name: 预算执行率, target: "=100%", weight: 10, actual: "97.78%", score: 10}
        '''),
        good=_yaml('''
            scheme: suzhou-2024
            indicators:
              - {category: 过程目标, name: 预算执行率, target: "=100%", weight: 10, actual: "97.78%", score: 8.89}
        '''),
        fix="按评分办法重算，或在备注说明评分依据。",
        case="苏州 2024：预算执行率 目标 =100%，实际 99.86%，权重 8 → 8 × (1 − 0.05 × 0.14) = 7.94，与申报一致（通过）。",
    ),
    Rule(
        code="category-weight-mismatch", title="类别分值与指标权重不符", severity=W, group="指标",
        rule="类别标题上印出的分值应等于该类指标权重之和。",
        why="标题与明细不符，读者不知道该信哪一个。",
        bad=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "120人次", score: 45}
            categories: {产出目标: 40}
        '''),
        good=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "120人次", score: 45}
            categories: {产出目标: 45}
        '''),
        fix="核对标题分值或各行权重。",
        case="苏州 2018：投入目标（24分）= 3 + 3 + 3 + 8 + 3 + 4（通过）。",
    ),
    Rule(
        code="weight-total-mismatch", title="权重合计与满分不符", severity=W, group="指标",
        rule="全部指标权重之和应等于表上说明的满分。",
        why="权重多出或少了，总分就不再是同一把尺子。",
        bad=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "120人次", score: 45}
              - {category: 效益目标, name: 制度健全性, target: 健全, weight: 45, actual: 健全, score: 45}
            declared: {total: 90, weight_total: 100}
        '''),
        good=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "120人次", score: 45}
              - {category: 效益目标, name: 制度健全性, target: 健全, weight: 45, actual: 健全, score: 45}
            declared: {total: 90, weight_total: 90}
        '''),
        fix="核对权重。",
        case="苏州 2024：表头“项目绩效实现情况（80分）”，各行权重之和为 82。",
    ),
    Rule(
        code="score-total-mismatch", title="总分与各项得分之和不符", severity=E, group="指标",
        rule="申报总分应等于各指标申报得分之和。",
        why="总分决定等级，必须能由明细加出。",
        bad=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "120人次", score: 45}
              - {category: 效益目标, name: 制度健全性, target: 健全, weight: 45, actual: 健全, score: 45}
            declared: {total: 96, weight_total: 90}
        '''),
        good=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "120人次", score: 45}
              - {category: 效益目标, name: 制度健全性, target: 健全, weight: 45, actual: 健全, score: 45}
            declared: {total: 90, weight_total: 90}
        '''),
        fix="核对合计或补全空白得分。",
        case="闵行 2020：各项得分之和 89，申报总分 96.00。",
    ),
    Rule(
        code="grade-mismatch", title="等级与得分不符", severity=E, group="指标",
        rule="申报等级应与按评分办法由得分算出的等级一致。",
        why="等级是公开结果中最醒目的一项。",
        bad=_yaml('''
            scheme: national-2020
            declared: {total: 99, weight_total: 100, grade: 良}
        '''),
        good=_yaml('''
            scheme: national-2020
            declared: {total: 99, weight_total: 100, grade: 优}
        '''),
        fix="按等级标准核对。",
        case="闵行 2020：计算总分 89 对应“良好”，申报为“优”。",
    ),
    Rule(
        code="not-checkable", title="无法机器核验", severity=I, group="指标",
        rule="目标值或实际完成值的写法无法按评分办法计算，或评分办法规定由评价人判断。",
        why="这些指标的得分只能由人复核，门户照录申报得分。",
        bad=_yaml('''
            indicators:
              - {category: 效益目标, name: 群众获得感, target: 持续提升, weight: 45, actual: 详见附件, score: 45}
        '''),
        good=_yaml('''
            indicators:
              - {category: 效益目标, name: 群众获得感, target: 持续提升, weight: 45, actual: 提升, score: 45}
        '''),
        fix="无需处理；若能写成量化目标或评分办法的等级用词更好。",
        case="闵行 2020 的大部分指标只有评分规则原文，没有目标值和实际完成值。",
    ),
    Rule(
        code="target-missed-full-score", title="未达目标却得满分", severity=W, group="指标",
        rule="实际完成值未达到目标值（低于下限，或高于“≤”上限；名称为控制率、调整率、成本等的按上限读），得分却等于分值。",
        why="没做到的事得满分，总分和等级就高估了。",
        bad=_yaml('''
            scheme: national-2020
            indicators:
              - {category: 产出指标, subcategory: 数量指标, name: 培训人数, target: "≥100人", weight: 30, actual: "90人", score: 30}
        '''),
        good=_yaml('''
            scheme: national-2020
            indicators:
              - {category: 产出指标, subcategory: 数量指标, name: 培训人数, target: "≥100人", weight: 30, actual: "90人", score: 27, note: 两期培训因场地改造合并}
        '''),
        fix="按完成程度扣分，或在偏差原因中写明不扣分的依据；录入错误的改正记录。",
        case="濉溪 2019：特困人员救助供养人数 目标 ≥4754人，实际 4604人，得满分 5；扶贫临时救助标准 目标 ≤5300元/户，"
             "实际 5830元/户，得满分 10。重庆科学城 2021：政府采购执行率 目标 100%，实际 72.74%，得分系数 100%。",
    ),
    Rule(
        code="actual-copies-target", title="实际完成值照抄目标", severity=W, group="指标",
        rule="实际完成值应是达到的数值，不应是带 ≥、≤ 的范围。",
        why="写“≥80%”等于没说实际做到多少，得分也就无从核对。",
        bad=_yaml('''
            indicators:
              - {category: 满意度指标, name: 群众满意度, target: "≥90%", weight: 10, actual: "≥90%", score: 10}
        '''),
        good=_yaml('''
            indicators:
              - {category: 满意度指标, name: 群众满意度, target: "≥90%", weight: 10, actual: "95%", score: 10}
        '''),
        fix="填写实际达到的数值。",
        case="四川普惠金融：金融机构满意度 目标 ≥80%，完成值 ≥80%，得满分 10。",
    ),
    Rule(
        code="score-without-actual", title="没有完成值却得分", severity=W, group="指标",
        rule="表上其他指标都填了实际完成值，这一行却没有完成值（或连目标值也没有），仍然得分。",
        why="没有完成值的得分无从核对，多半是表格没有填完。",
        bad=_yaml('''
            scheme: national-2020
            indicators:
              - {category: 产出指标, name: 培训人数, target: "≥100人", weight: 30, actual: "120人", score: 30}
              - {category: 产出指标, name: 验收合格率, target: "=100%", weight: 20, score: 20}
              - {category: 满意度指标, name: 群众满意度, target: "≥90%", weight: 10, actual: "95%", score: 10}
        '''),
        good=_yaml('''
            scheme: national-2020
            indicators:
              - {category: 产出指标, name: 培训人数, target: "≥100人", weight: 30, actual: "120人", score: 30}
              - {category: 产出指标, name: 验收合格率, target: "=100%", weight: 20, actual: "100%", score: 20}
              - {category: 满意度指标, name: 群众满意度, target: "≥90%", weight: 10, actual: "95%", score: 10}
        '''),
        fix="补上实际完成值，或按评分办法计分。",
        case="重庆科学城 2021：三公经费变动率 没有目标值和完成值，得 2 分（分值 2）。",
    ),
    Rule(
        code="weighted-score-mismatch", title="加权得分与权重不符", severity=W, group="指标",
        rule="加权得分 = 权重 × 分值 ÷ 100；有“得分系数”一栏的，得分 = 权重 × 得分系数。",
        why="加权得分是合计的依据，乘错一项，总分就错。",
        bad=_yaml('''
            indicators:
              - {category: 满意度指标, name: 群众满意度, target: "≥90%", weight: 10, actual: "95%", coefficient: 80%, score: 10}
        '''),
        good=_yaml('''
            indicators:
              - {category: 满意度指标, name: 群众满意度, target: "≥90%", weight: 10, actual: "95%", coefficient: 80%, score: 8}
        '''),
        fix="按公式重算。",
        case="资阳亚行贷款 2024：效率 权重 50% × 分值 77.39 = 38.70（一致）。",
    ),
    Rule(
        code="control-rate-exceeded", title="控制率超过 100%", severity=W, group="指标",
        rule="名称为“控制率”的指标（人员控制率、公用经费控制率）实际完成值不应超过 100%；超过而既没有目标值、"
             "也没有说明的，报告此项（有目标值的由评分办法和“未达目标却得满分”核验）。",
        why="控制率超过 100% 即超编或超支。",
        bad=_yaml('''
            indicators:
              - {category: 效益指标, name: 人员控制率, explanation: 实际在职人数 50 ÷ 编制数 46, weight: 30, actual: "108.70%", score: 30}
        '''),
        good=_yaml('''
            indicators:
              - {category: 效益指标, name: 人员控制率, explanation: 实际在职人数 50 ÷ 编制数 46, weight: 30, actual: "108.70%", score: 30, note: 年中划入 4 名借调人员，已报编办核准}
        '''),
        fix="在偏差原因中说明；确属超编的如实反映。",
        case="衡山贯塘 2023：实际在职人数 50，编制数 46，控制率 108.70%。",
    ),
    # --- filling in the form ---
    Rule(
        code="unfilled-template", title="表格没有填完", severity=W, group="表样",
        rule="指标印有分值而得分一栏全部空白，或整张指标表没有一个数字。",
        why="未填完的表样不是评价结果，不能当作已完成的自评公开。",
        bad=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45}
              - {category: 效益目标, name: 制度健全性, target: 健全, weight: 45}
        '''),
        good=_yaml('''
            indicators:
              - {category: 产出目标, name: 培训人次, target: "≥100人次", weight: 45, actual: "120人次", score: 45}
              - {category: 效益目标, name: 制度健全性, target: 健全, weight: 45, actual: 健全, score: 45}
        '''),
        fix="补全得分；原件确实空白的照录并写明豁免理由。",
        case="湖北某高校学生资助：指标表所有数字都是空的（原件或转换丢失）。",
    ),
    Rule(
        code="template-placeholder", title="留有表样占位符", severity=W, group="表样",
        rule="指标名称、目标值或实际完成值中不应留有表样的占位符（≥**人、××、“好坏”、“指标2”）。",
        why="占位符说明这一格没有按实际情况填写。",
        bad=_yaml('''
            indicators:
              - {category: 产出指标, name: 培训人数(≥**人), target: "≥100人", weight: 30, actual: "120人", score: 30}
        '''),
        good=_yaml('''
            indicators:
              - {category: 产出指标, name: 培训人数, target: "≥100人", weight: 30, actual: "120人", score: 30}
        '''),
        fix="换成实际的数值或文字；名称中的占位符是表样原文的，照录并写明豁免理由。",
        case="濉溪 2019：“农村低保发放人数(按月平均)(≥**人)”；大英 2022：图书馆管理机制健全性 指标值和完成值都写“好坏”。",
    ),
    Rule(
        code="empty-template-row", title="表样空行", severity=I, group="表样",
        rule="只有“指标2”“……”之类表样行名、没有任何内容的一行。",
        why="这是表样留下的空行，不是缺漏；照录即可。",
        bad=_yaml('''
            indicators:
              - {category: 产出指标, name: 培训人数, target: "≥100人", weight: 30, actual: "120人", score: 30}
              - {category: 产出指标, name: 指标2}
        '''),
        good=_yaml('''
            indicators:
              - {category: 产出指标, name: 培训人数, target: "≥100人", weight: 30, actual: "120人", score: 30}
        '''),
        fix="无需处理；也可删去。",
        case="廊坊 2019：“指标2：”“……”各行空白。",
    ),
    # --- the document against itself ---
    Rule(
        code="year-conflict", title="年份前后不一致", severity=W, group="原件",
        rule="原件各处所写年份（标题、表头、落款）应一致，并与记录的项目年份一致。",
        why="年份决定报告归入哪一年，写错就会放错位置、算错年度统计。",
        bad=_yaml('''
            year: 2024
            year_sources: {标题: 2023, 表头: 2024}
        '''),
        good=_yaml('''
            year: 2024
            year_sources: {标题: 2024, 表头: 2024}
        '''),
        fix="核对原件，确定项目年份；原件如此的写明豁免理由。",
        case="梁平 2023：文件标题写 2022 年度，自评表标题写 2023 年度。",
    ),
    Rule(
        code="footnote-points-mismatch", title="类别分值与表下说明不符", severity=W, group="原件",
        rule="表下说明（填表说明、脚注）所写各类分值应与类别标题上的分值一致；没有标题分值时，与该类指标权重之和比较。",
        why="同一张表两处写法不同，读者不知道该信哪一个。",
        bad=_yaml('''
            categories: {产出指标: 50, 效益指标: 30, 满意度指标: 10}
            footnote_points: {产出指标: 40}
        '''),
        good=_yaml('''
            categories: {产出指标: 50, 效益指标: 30, 满意度指标: 10}
            footnote_points: {产出指标: 50}
        '''),
        fix="核对说明与标题。",
        case="典型：类别标题“产出指标（50分）”，表下说明写“产出指标 40 分”。",
    ),
    Rule(
        code="narrative-count-mismatch", title="正文所列与所写数目不符", severity=W, group="原件",
        rule="正文写了一个数目，随后用“即”“分别为”“包括”或冒号逐一列出（以顿号分隔），列出的个数应等于所写的数目；"
             "写了“等”“其中”“主要”的不完整列举不核验。",
        why="数目和名单对不上，读者无法知道是漏列了一项还是数目写错了，而机构、人员、项目的数目常被用来衡量规模和成效。",
        bad=_yaml('''
            # 正文
            ## 单位基本概况
            直属事业单位3个，即县国库集中支付中心、县财政信息中心。
        '''),
        good=_yaml('''
            # 正文
            ## 单位基本概况
            直属事业单位3个，即县国库集中支付中心、县财政信息中心、县会计服务中心。
        '''),
        fix="核对原件：补上漏列的一项，或改正数目；原件如此的写明豁免理由。",
        case="南县财政局 2020：“直属事业单位10个，即……”只列了 9 个。",
    ),
    Rule(
        code="grade-bands-overlap", title="等级分数段重叠", severity=W, group="原件",
        rule="原件所写的等级分数段（“80分以上”“70-80分”）不应重叠：一个得分只能落入一个等级。"
             "“以上”“以下”按《民法典》第一千二百五十九条包括本数。",
        why="分界分数同属两级，等级就由填表人随意决定。",
        bad="grade_bands: {优: 90分以上, 良: 80-90分}",
        good="grade_bands: {优: 90分以上, 良: 80-89分}",
        fix="照原件录入；请报送单位写明分界分数归属，如“80分（含）以上”“70分（含）～80分”。",
        case="江门江海 2018：“优良(80分以上)”与“中(70-80分)”都包含 80 分。",
    ),
    # --- the record's own silences ---
    Rule(
        code="renamed-code", title="豁免用了旧的结论代码", severity=W, group="读取",
        rule="silence 中的结论代码已经更名：豁免照旧生效，但应改写为新代码。",
        why="旧代码只为已有记录保留；新写的记录和审核人查找的都是新代码。",
        bad=_yaml('''
            # 假如 missing-score 曾叫 score-missing
            silence:
              - code: score-missing
                reason: 原件得分栏空白，照录
        '''),
        good=_yaml('''
            silence:
              - code: missing-score
                reason: 原件得分栏空白，照录
        '''),
        fix="按提示把 code 改为新代码；理由不变。",
        case="更名的代码及其新名称列在“核验规则”页各条规则的“曾用代码”中。",
    ),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}

# Renamed codes: old code → the code that replaced it. An entry is never removed, so that a record
# written before the rename keeps its silence. None yet: every code published is still in use.
REDIRECTS: dict[str, str] = {}


def rule(code: str) -> Rule:
    return RULES[code]


def current_code(code: str) -> str:
    """The code a finding is reported under today: ``code`` itself, or what it was renamed to."""
    return REDIRECTS.get(code, code)


# Findings that keep a record off the site, in both editions: the page would be wrong, or would
# take another record's address. They cannot be silenced, so `jixiao check` and the build always
# agree on which records are published.
BLOCKING = frozenset({"parse-error", "schema-error", "duplicate-id"})
