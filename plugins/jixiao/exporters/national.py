"""The national form: 项目支出绩效自评表 of 财预〔2020〕10号, nine columns.

项目名称, 主管部门 and 实施单位; the 项目资金 block (its caption merged down the block) with
年初预算数, 全年预算数, 全年执行数, 分值, 执行率 and 得分 for 年度资金总额 and each source;
年度总体目标 with 预期目标 beside 实际完成情况 (from the narrative's sections of those names);
the 绩效指标 table, 一级指标 and 二级指标 cells merged down their rows; the 总分 row.
"""

from __future__ import annotations

from .grid import Cell as C
from .grid import sections, text
from .office import Paragraph, Table

TITLE = "项目支出绩效自评表"
WIDTHS = [1.6, 2.2, 2.6, 3.0, 2.2, 2.2, 1.4, 1.4, 2.8]


def heading(report) -> list[str]:
    return [TITLE, f"（{report.year}年度）" if report.year else "（年度）"]


def layout(report, body: str) -> list[list[C]]:
    unit = report.unit or "万元"
    rows = [
        [C("项目名称", span=2), C(report.title, span=7)],
        [C("主管部门", span=2), C(report.department or "", span=3), C("实施单位", span=2), C(report.implementer or "", span=2)],
        [C(f"项目资金（{unit}）", rows=len(report.funding) + 1), C(""), C("年初预算数"), C("全年预算数"), C("全年执行数"),
         C("分值"), C("执行率"), C("得分", span=2)],
    ]
    for item in report.funding:
        rows.append([C(item.source), C(text(item.initial)), C(text(item.full_year)), C(text(item.executed)),
                     C(text(item.weight) or "—"), C(item.execution_rate or "—"), C(text(item.score) or "—", span=2)])
    goals = _goals(body)
    rows += [
        [C("年度总体目标", rows=2), C("预期目标", span=4), C("实际完成情况", span=4)],
        [C(goals.get("预期目标", ""), span=4), C(goals.get("实际完成情况", ""), span=4)],
        [C("绩效指标", rows=len(report.indicators) + 1), C("一级指标"), C("二级指标"), C("三级指标"), C("年度指标值"),
         C("实际完成值"), C("分值"), C("得分"), C("偏差原因分析及改进措施")],
    ]
    indicators = report.indicators
    for index, row in enumerate(indicators):
        cells = []
        if index == 0 or row.category != indicators[index - 1].category:
            cells.append(C(text(row.category), rows=_run(indicators, index, lambda r: r.category)))
        if index == 0 or (row.category, row.subcategory) != (indicators[index - 1].category, indicators[index - 1].subcategory):
            cells.append(C(text(row.subcategory), rows=_run(indicators, index, lambda r: (r.category, r.subcategory))))
        cells += [C(row.name), C(text(row.target)), C(text(row.actual)), C(text(row.weight)), C(text(row.score)),
                  C(text(row.note))]
        rows.append(cells)
    rows.append([C("总分", span=6), C(text(report.declared.weight_total)), C(text(report.declared.total)), C("")])
    return rows


def _run(rows: list, start: int, key) -> int:
    """How many rows from ``start`` share the key: the rows a merged category cell covers."""
    count = 1
    while start + count < len(rows) and key(rows[start + count]) == key(rows[start]):
        count += 1
    return count


def _goals(body: str) -> dict[str, str]:
    return {heading: "\n".join(paragraphs) for _, heading, paragraphs in sections(body)
            if heading in ("预期目标", "实际完成情况")}


def docx_blocks(report, body: str) -> list:
    return [*(Paragraph(line, title=True) for line in heading(report)),
            Table(layout(report, body), 9, WIDTHS)]


def xlsx_rows(report, body: str) -> list[list[C]]:
    return [[C(line, span=9, bold=True)] for line in heading(report)] + layout(report, body)
