"""A published list of evaluation results (评价结果公示, 评价情况表): one record per listed project.

Finance bureaus publish a table of projects — 序号 | 主管部门 | 项目单位 | 项目名称 | 金额 | 评价得分 |
评价结果 | 备注 — rather than each report. Every row is a report in short: its project, units,
money (in the unit its header names), declared score and result. The kind of evaluation is read
from the row's own words (项目单位自评 → self; 主管部门委托第三方 → department; 财政… → finance).
The year comes from the list's title; the announcement's prose is kept as the narrative.
"""

from __future__ import annotations

import re

from ..cells import number, one_line
from ..document import Document, Paragraph, Table
from ..draft import Draft
from ..tables.vocabulary import field_of, money_role, normal
from .identity import _YEAR_IN_TITLE, _YEAR_OF_FORM

LABEL = "评价结果公示表"
_SCORE_WORDS = ("评价得分", "得分", "自评得分", "评价分值", "综合得分")
_RESULT_WORDS = ("评价结果", "评价等级", "等级", "结果")
_GRADE = re.compile(r"^(优秀|良好|合格|不合格|优|良|中|差)$")
_UNIT = re.compile(r"(亿元|万元|元)")


def list_tables(document: Document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table) and _columns(block.cells[0]) is not None
            and len(block.cells) >= 2]


def _columns(header: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for col, text in enumerate(header):
        flat = normal(text)
        key = field_of(text)
        if flat == "序号":
            found["number"] = col
        elif key in ("title", "department", "implementer") and key not in found:
            found[key] = col
        elif flat in _SCORE_WORDS and "score" not in found:
            found["score"] = col
        elif flat in _RESULT_WORDS and "result" not in found:
            found["result"] = col
        elif flat == "备注":
            found["remark"] = col
        elif money_role(text) or "金额" in flat or "资金" in flat:
            found.setdefault("amount", col)
    if "title" in found and "score" in found and "number" in found:
        return found
    return None


def read(document: Document, table: Table) -> list[Draft]:
    columns = _columns(table.cells[0])
    header = table.cells[0]
    year = _year(document)
    prose = [block.text for block in document.blocks if isinstance(block, Paragraph) and block.text.strip()]
    prose += [cell for other in document.tables if other is not table for row in other.cells for cell in row if len(cell) > 30]
    drafts = []
    for cells in table.cells[1:]:
        cells = cells + [""] * (len(header) - len(cells))
        draft = Draft("result-list", LABEL)
        title = one_line(cells[columns["title"]])
        if not title:
            continue
        draft.put("title", title)
        for key in ("department", "implementer"):
            if key in columns:
                draft.put(key, one_line(cells[columns[key]]))
        if year:
            draft.put("year", year)
        score = number(cells[columns["score"]], allow_unit=False, allow_points=True)
        declared = {}
        if score.ok:
            declared["total"] = score.text
        result = one_line(cells[columns["result"]]) if "result" in columns else ""
        remark = one_line(cells[columns["remark"]]) if "remark" in columns else ""
        if _GRADE.match(result):
            declared["grade"] = result
        draft.put("declared", declared)
        draft.put("kind", _kind(result + " " + remark))
        if "amount" in columns:
            amount_header = header[columns["amount"]]
            amount = number(cells[columns["amount"]])
            unit = _UNIT.search(amount_header)
            if amount.ok:
                draft.put("budget", {"full_year": amount.text})
                draft.put("unit", amount.unit or (unit.group(1) if unit else None))
                draft.note(f"金额取自公示表的“{one_line(amount_header)}”一栏")
        if result and not _GRADE.match(result):
            draft.note(f"公示表“评价结果”一栏写的是“{result}”")
        draft.put("form", LABEL)
        draft.put("scheme", "national-2020")
        if draft.fields.get("kind") == "self":
            draft.put("evaluator", draft.fields.get("implementer") or draft.fields.get("department"))
        # a row of a results list is a report in short: a reviewer attaches the report before it goes public
        draft.put("incomplete", "原件是评价结果公示表中的一行，只有项目、单位、金额和得分，没有评价报告正文和指标表")
        if len([c for c in cells if c.strip()]) < len([h for h in header if h.strip()]) and not cells[-1].strip():
            draft.note("公示表这一行比表头少一格（末栏空缺），已按表头顺序读取")
        section = draft.section("公示说明", 2)
        section.paragraphs.extend(prose[:3])
        draft.region_hints = [draft.fields.get("department", ""), draft.fields.get("implementer", ""), title,
                              "\n".join(prose)[:4000]]
        drafts.append(draft)
    return drafts


def _kind(words: str) -> str:
    if "财政" in words and ("委托" in words or "评价" in words) and "主管部门" not in words:
        return "finance"
    if "主管部门" in words or "部门评价" in words:
        return "department"
    return "self"


def _year(document: Document) -> str | None:
    for block in document.blocks:
        texts = [block.text] if isinstance(block, Paragraph) else [cell for row in block.cells[:3] for cell in row]
        for text in texts:
            match = _YEAR_OF_FORM.search(text) or (_YEAR_IN_TITLE.search(text) if ("公示" in text or "评价" in text) else None)
            if match and not re.search(r"发文日期|时间[:：]", text[: match.start()][-12:]):
                return match.group(1)
    return None
