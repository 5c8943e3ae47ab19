"""The Suzhou municipal self-evaluation form (苏州市级财政支出项目绩效自评表), 2018 and 2024 layouts.

Seven columns: identity rows, the budget execution block (市级预算执行情况) and the use of funds
block (市级财政资金使用情况) each captioned by a cell merged down its rows, the sub-projects,
then the indicator table under 项目绩效实现情况（80分） merged down every row, each category cell
(投入目标（24分）) merged down its own rows, and the 合计 row. The narrative follows as the
form's 项目基本情况 table (Word) or as rows under the form (Excel). The 2024 form adds
指标结余收回数 and lists sub-projects with their adjusted budget; the 2018 one has only their
spending, beside a caption merged down the block.
"""

from __future__ import annotations

from .grid import Cell as C
from .grid import sections, text
from .office import Paragraph, Table

FORM = "苏州市级财政支出项目绩效自评表"
REPORT_TITLE = "苏州市级财政支出项目绩效自评价报告"
WIDTHS = [3.2, 2.6, 4.4, 2.2, 1.6, 2.2, 1.8]


def is_2024(report) -> bool:
    return report.scheme == "suzhou-2024" or bool(report.budget and report.budget.unallocated_recovered is not None)


def layout(report) -> list[list[C]]:
    budget = report.budget or _NoBudget()
    v2024 = is_2024(report)
    unit = report.unit or "万元"
    rows: list[list[C]] = [
        [C("项目名称"), C(report.title, span=3), C("项目年份"), C(report.year or "", span=2)],
        [C("项目主管部门(单位)"), C(report.department or "", span=6)],
    ]
    if v2024:
        rows += [
            [C(f"市级预算执行情况（{unit}）", rows=2), C("年初预算数"), C("当年使用上年结余、\n结转及当年预算追加追减数"),
             C("财政拨款数"), C("指标结余数"), C("指标结余收回数", span=2)],
            [C(text(budget.initial)), C(text(budget.adjustment)), C(text(budget.appropriated)), C(text(budget.unallocated)),
             C(text(budget.unallocated_recovered), span=2)],
        ]
    else:
        rows += [
            [C(f"市级预算执行情况（{unit}）", rows=2), C("年初预算数"), C("当年使用上年结余、结转及当年调整预算数"),
             C("财政拨款数"), C("指标结余数", span=3)],
            [C(text(budget.initial)), C(text(budget.adjustment)), C(text(budget.appropriated)), C(text(budget.unallocated), span=3)],
        ]
    rows += [
        [C(f"市级财政资金使用情况\n（{unit}）" if v2024 else f"市级财政资金使用情况（{unit}）", rows=3), C("财政拨款数", rows=2),
         C("实际支付数", rows=2), C("资金结余、结转数", rows=2, span=2), C("其中：", span=2)],
        [C("结转数"), C("财政收回数")],
        [C(text(budget.appropriated)), C(text(budget.executed)), C(text(budget.balance), span=2),
         C(text(budget.carried_forward)), C(text(budget.recovered))],
    ]
    rows += _subprojects(report, v2024, unit)
    rows += _indicators(report, v2024)
    return rows


def _subprojects(report, v2024: bool, unit: str) -> list[list[C]]:
    if v2024:
        rows = [[C("项目资金构成（详细列出各子项目名称和金额）", span=7)],
                [C("子项名称", span=3), C(f"调整预算数（{unit}）", span=2), C(f"实际支出数（{unit}）", span=2)]]
        rows += [[C(item.name, span=3), C(text(item.budget), span=2), C(text(item.spent), span=2)] for item in report.subprojects]
        return rows
    count = len(report.subprojects) + 1
    rows = [[C("项目资金构成（详细列出各子项目名称和金额）", rows=count), C("子项目名称", span=3), C(f"实际金额（{unit}）", span=3)]]
    rows += [[C(item.name, span=3), C(text(item.spent), span=3)] for item in report.subprojects]
    return rows


def _indicators(report, v2024: bool) -> list[list[C]]:
    rows = [[C("项目"), C("类别"), C("指标名称"), C("目标值"), C("权重"), C("实际完成值"), C("自评分")]]
    points = report.declared.weight_total
    caption = "项目绩效\n实现情况" if v2024 else "项目绩效实现情况"
    if points is not None:
        caption += f"\n（{points}分）" if v2024 else f"（{points}分）"
    indicators = report.indicators
    for index, row in enumerate(indicators):
        cells = [C(caption, rows=len(indicators))] if index == 0 else []
        if index == 0 or row.category != indicators[index - 1].category:
            span = 1
            while index + span < len(indicators) and indicators[index + span].category == row.category:
                span += 1
            category_points = report.categories.get(row.category) if row.category else None
            name = f"{row.category}（{category_points}分）" if category_points is not None else text(row.category)
            cells.append(C(name, rows=span))
        cells += [C(row.name), C(text(row.target)), C(text(row.weight)), C(text(row.actual)), C(text(row.score))]
        rows.append(cells)
    rows.append([C("合计", span=6), C(text(report.declared.total))])
    return rows


def docx_blocks(report, body: str) -> list:
    parts = sections(body)
    blocks: list = [Paragraph(REPORT_TITLE, title=True), Paragraph(report.form or FORM, title=True),
                    Table(layout(report), 7, WIDTHS)]
    narrative: list[list[C]] = []
    top = min((level for level, heading, _ in parts if heading and heading not in ("填表说明", "项目基本情况")), default=2)
    for level, heading, paragraphs in parts:
        if heading == "填表说明":
            blocks.append(Paragraph("填表说明：" + "".join(paragraphs)))
        elif heading == "项目基本情况" or heading is None:
            continue
        elif level == top or not narrative:
            narrative.append([C(heading), C("\n".join(paragraphs))])
        else:  # a sub-heading inside the cell above, as the 2018 form writes （一）投入目标
            narrative[-1][1].value = "\n".join(filter(None, [narrative[-1][1].value, heading, *paragraphs]))
    if narrative:
        # the form's 项目基本情况 row heads the table when the record keeps that heading (the 2024
        # seed does, the 2018 one lists its sections without it), so the file reads back the same
        head = [[C("项目基本情况", span=2)]] if any(heading == "项目基本情况" for _, heading, _ in parts) else []
        blocks.append(Table([*head, *narrative], 2, [3.5, 14.5]))
    return blocks


def xlsx_rows(report, body: str) -> list[list[C]]:
    tail: list[list[C]] = []
    for _, heading, paragraphs in sections(body):
        if heading == "填表说明":
            tail.append([C("填表说明：" + "".join(paragraphs), span=7)])
        elif heading == "项目基本情况":
            tail.append([C("项目基本情况", span=7)])
        elif heading:
            tail.append([C(heading), C("\n".join(paragraphs), span=6)])
    return layout(report) + tail


class _NoBudget:
    """A record without a budget table still gets the form's empty budget cells."""

    def __getattr__(self, name):
        return None
