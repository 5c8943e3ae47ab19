"""The Shanghai Minhang self-evaluation form (财政项目绩效自评价, 2020), an Excel sheet.

Layout: the form title (``2020年度财政项目绩效自评价``); label/value pairs (项目名称, 预算单位,
具体实施处(科室), 当年预算数(元), 预算执行数(元), 上年预算完成率(%), 预算执行率(%), 自评时间,
绩效等级); text rows (项目年度总目标, 主要绩效, 主要问题, 改进措施); the indicator table
(一级指标 / 指标名称 / 指标解释 / 权重 / 评分规则 / 自评分 / 备注, closed by 合计); then 说明 1–3.
"""

from __future__ import annotations

import re

from ..cells import label, number, one_line, rate, unit_in
from ..document import Document, flatten
from ..draft import Draft
from .formrows import Walk, note_other_cells, value_after
from .indicators import is_header, read_indicators

LABEL = "闵行区财政项目绩效自评价表"


def matches(text: str) -> bool:
    flat = label(text)
    return "财政项目绩效自评价" in flat and "指标解释" in flat and "评分规则" in flat


# label regex → (kind, record key). kind: text (identity), money, rate, section, grade, date.
_LABELS = [
    (r"^项目名称$", "text", "title"),
    (r"^预算单位$|^主管部门", "text", "department"),
    (r"^具体实施处|^实施单位", "text", "implementer"),
    (r"^当年预算数|^全年预算数", "money", "full_year"),
    (r"^预算执行数|^全年执行数", "money", "executed"),
    (r"^上年预算完成率", "rate", "previous_execution_rate"),
    (r"^预算执行率", "rate", "execution_rate"),
    (r"^自评时间|^评价时间", "date", "evaluated_on"),
    (r"^绩效等级|^自评等级", "grade", "grade"),
    (r"^项目年度总目标|^年度总目标|^主要绩效|^主要问题|^改进措施", "section", None),
    (r"^是否为经常性项目", "extra", None),
]


def recognise(document: Document) -> Draft:
    draft = Draft("minhang", LABEL)
    walk = Walk(flatten(document))
    units: list[str] = []
    header = walk.find(is_header)
    end_of_form = header if header is not None else len(walk.rows)
    for index in range(end_of_form):
        row = walk.rows[index]
        filled = row.filled
        if len(filled) == 1 and re.search(r"绩效自评价?(表)?$", label(filled[0])):
            draft.put("form", one_line(filled[0]))
            match = re.match(r"^(\d{4})\s*年", filled[0].strip())
            if match:
                draft.put("year", match.group(1))
            walk.use(index)
            continue
        _label_row(walk, index, draft, units)
    after = len(walk.rows)
    if header is not None:
        after = read_indicators(walk.rows, header, draft)
        walk.use(*range(header, after))
    else:
        draft.note("没有找到绩效指标表（表头含“指标名称”“权重”的一行），记录中没有指标")
    _explanations(walk, draft, after)
    draft.put("unit", units[0] if units else "元")
    if len(set(units)) > 1:
        draft.note(f"各栏金额单位不一致（{'、'.join(sorted(set(units)))}），记录用 {units[0]}，数字均按原件照录")
    if not units and draft.fields.get("budget"):
        draft.note("金额栏没有写单位，记录按闵行表样的“元”记录，请核对")
    draft.put("kind", "self")
    draft.put("scheme", "minhang-2020")
    if draft.fields.get("department"):
        draft.put("evaluator", draft.fields["department"])
    draft.region_hints = [draft.fields.get(key, "") for key in ("department", "implementer", "title", "form")]
    walk.leftovers(draft, "表格")
    return draft


def _label_row(walk: Walk, index: int, draft: Draft, units: list[str]) -> None:
    row = walk.rows[index]
    used: set[int] = set()
    col = 0
    while col < len(row.cells):
        text = row.cells[col]
        rule = _rule(text) if text.strip() else None
        if rule is None:
            col += 1
            continue
        found = value_after(row, col)
        if found is not None and _rule(found[1]) is not None:
            found = None  # the next cell is another label: this one is blank on the form
        kind, key = rule[1], rule[2]
        walk.use(index)
        used.add(col)
        if found is None:
            col += 1
            continue
        value_col, value = found
        used.add(value_col)
        _place(kind, key, text, value, draft, units)
        col = value_col + 1
    if used:
        note_other_cells(draft, row, used, "表格")


def _rule(text: str):
    flat = label(text)
    for pattern, kind, key in _LABELS:
        if re.search(pattern, flat):
            return pattern, kind, key
    return None


def _place(kind: str, key: str | None, caption: str, value: str, draft: Draft, units: list[str]) -> None:
    name = one_line(caption)
    if kind == "text":
        draft.put(key, one_line(value))
    elif kind == "money":
        unit = unit_in(caption)
        if unit:
            units.append(unit)
        figure = number(value, header_unit=unit)
        if figure.ok:
            draft.fields.setdefault("budget", {})[key] = figure.text
            if figure.problem:
                draft.note(f"“{name}”：{figure.problem}")
        else:
            draft.note(f"“{name}”一栏的“{value}”未能写入（{figure.problem}）")
    elif kind == "rate":
        figure = rate(value)
        if figure.ok:
            draft.fields.setdefault("budget", {})[key] = figure.text
        else:
            draft.note(f"“{name}”一栏的“{value}”未能写入（{figure.problem}）")
    elif kind == "date":
        draft.put("evaluated_on", one_line(value))
    elif kind == "grade":
        draft.fields.setdefault("declared", {})["grade"] = one_line(value)
    elif kind == "section":
        section = draft.section(name, 2)
        section.paragraphs.extend(line.strip() for line in value.split("\n") if line.strip())
    else:
        draft.note(f"“{name}”：{one_line(value)}（记录格式没有对应字段）")


def _explanations(walk: Walk, draft: Draft, start: int) -> None:
    """``说明：1、…`` and the numbered lines under it, as one section."""
    section = None
    for index in range(start, len(walk.rows)):
        filled = walk.rows[index].filled
        if not filled or index in walk.used:
            continue
        text = " ".join(filled)
        match = re.match(r"^\s*(说明|备注|注)\s*[:：]\s*", text)
        if match:
            section = draft.section(match.group(1), 2)
            text = text[match.end():]
        if section is None:
            continue
        if text.strip():
            section.paragraphs.append(text.strip())
        walk.use(index)
