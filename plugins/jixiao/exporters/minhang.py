"""The Shanghai Minhang self-evaluation sheet (seed 004), an Excel form of seven columns A–G.

The form's title across the sheet; identity and money rows with the figures as numbers in 元
(#,##0.00) and the rates as the form shows them; the form's text fields (项目年度总目标, 主要绩效,
主要问题, 改进措施) from the narrative's sections of those names; the indicator table with each
一级指标 cell merged down its rows and its points under the name; the 合计 row; the notes under
the form from the narrative's 说明 section.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from .grid import Cell as C
from .grid import excel_number, sections, text

WIDTHS = [16, 22, 30, 8, 30, 8, 16]
TEXT_FIELDS = ("项目年度总目标", "主要绩效", "主要问题", "改进措施")


def layout(report, body: str) -> list[list[C]]:
    budget = report.budget
    parts = {heading: paragraphs for _, heading, paragraphs in sections(body)}
    unit = report.unit or "元"
    rows = [
        [C(report.form or f"{report.year or ''}年度财政项目绩效自评价", span=7, bold=True)],
        [C("项目名称"), C(report.title), C("预算单位", span=4), C(report.department or "")],
        [C("具体实施处(科室)"), C(report.implementer or ""), C("是否为经常性项目", span=4), C("")],
        [C(f"当年预算数({unit})"), _money(budget.full_year if budget else None), C("上年预算完成率(%)", span=4),
         _rate(budget.previous_execution_rate if budget else None, percent=False)],
        [C(f"预算执行数({unit})"), _money(budget.executed if budget else None), C("预算执行率(%)", span=4),
         _rate(budget.execution_rate if budget else None, percent=True)],
        [C("项目年度总目标"), C("\n".join(parts.get("项目年度总目标", [])), span=6)],
        [C("自评时间"), _date(report.evaluated_on)],
        [C("绩效等级"), C(report.declared.grade or "", span=6)],
    ]
    rows += [[C(name), C("\n".join(parts.get(name, [])), span=6)] for name in TEXT_FIELDS[1:]]
    rows.append([C("一级指标"), C("指标名称"), C("指标解释"), C("权重"), C("评分规则"), C("自评分"), C("备注")])
    indicators = report.indicators
    for index, row in enumerate(indicators):
        cells = []
        if index == 0 or row.category != indicators[index - 1].category:
            count = 1
            while index + count < len(indicators) and indicators[index + count].category == row.category:
                count += 1
            points = report.categories.get(row.category) if row.category else None
            name = text(row.category) + (f"\n({points}分)" if points is not None else "")
            cells.append(C(name, rows=count))
        cells += [C(row.name), C(text(row.explanation)), C(excel_number(row.weight)), C(text(row.rule)),
                  C(excel_number(row.score)), C(text(row.note))]
        rows.append(cells)
    declared = report.declared
    rows.append([C(""), C("合计"), C(""), _fixed(declared.weight_total), C(""), _fixed(declared.total), C("")])
    notes = parts.get("说明", [])
    if notes:
        rows.append([C("说明：" + notes[0], span=7)])
        rows.extend([C(line, span=7)] for line in notes[1:])
    return rows


def _money(value: Decimal | None) -> C:
    return C(excel_number(value), fmt="#,##0.00") if value is not None else C("")


def _fixed(value: Decimal | None) -> C:
    return C(float(value), fmt="0.00") if value is not None else C("")


def _rate(written: str | None, percent: bool) -> C:
    """A rate as the form keeps it: a number shown as 99.86% (or as 0.00 in a 率(%) column)."""
    if not written:
        return C("")
    try:
        figure = Decimal(written.strip().rstrip("%").strip())
    except InvalidOperation:
        return C(written)
    return C(float(figure / 100), fmt="0.00%") if percent else C(float(figure), fmt="0.00")


def _date(value: str | None) -> C:
    for pattern in ("%Y/%m/%d", "%Y-%m-%d"):
        try:
            return C(datetime.strptime(value or "", pattern), span=6, fmt="yyyy/m/d")
        except ValueError:
            continue
    return C(value or "", span=6)
