"""The national project expenditure self-evaluation form (项目支出绩效自评表, 财预〔2020〕10号).

Layout: ``项目支出绩效自评表`` and ``（20XX年度）``; 项目名称; 主管部门 / 实施单位; 项目资金（万元）
with columns 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 and rows 年度资金总额 /
其中：当年财政拨款 / 上年结转资金 / 其他资金; 年度总体目标 (预期目标 / 实际完成情况); the indicator
table (一级指标 / 二级指标 / 三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施)
closed by 总分. The money rows become ``funding`` rows, 年度资金总额 the total.
"""

from __future__ import annotations

import re

from ..cells import label, number, one_line, rate, short, unit_in
from ..document import Document, flatten
from ..draft import Draft
from .formrows import Walk, label_col, note_other_cells, value_after
from .indicators import is_header, read_indicators

LABEL = "项目支出绩效自评表（财预〔2020〕10号）"


def matches(text: str) -> bool:
    flat = label(text)
    return ("年度资金总额" in flat or ("全年预算数" in flat and "全年执行数" in flat)) and "三级指标" in flat


_FUNDING_COLUMNS = [
    ("initial", "年初预算"),
    ("full_year", "全年预算"),
    ("executed", "全年执行"),
    ("execution_rate", "执行率"),
    ("weight", "分值"),
    ("score", "得分"),
]


def recognise(document: Document) -> Draft:
    draft = Draft("national", LABEL)
    walk = Walk(flatten(document))
    for index, row in enumerate(walk.rows):
        filled = row.filled
        if len(filled) == 1 and "自评表" in label(filled[0]):
            draft.put("form", one_line(filled[0]))
            walk.use(index)
        elif len(filled) == 1 and re.fullmatch(r"[（(]\s*\d{4}\s*年度?\s*[)）]", label(filled[0])):
            draft.put("year", re.search(r"\d{4}", filled[0]).group(0))
            walk.use(index)
        used: set[int] = set()
        for pattern, key in ((r"^项目名称", "title"), (r"^主管部门", "department"), (r"^实施单位", "implementer"),
                             (r"^(自评|评价)等级", "grade")):
            col = label_col(row, pattern)
            if col is None:
                continue
            found = value_after(row, col)
            walk.use(index)
            used.update({col, found[0]} if found else {col})
            if found and key == "grade":
                draft.fields.setdefault("declared", {})["grade"] = one_line(found[1])
            elif found:
                draft.put(key, one_line(found[1]))
        if used:
            note_other_cells(draft, row, used, "表格")
    _funding(walk, draft)
    _goals(walk, draft)
    header = walk.find(is_header)
    if header is not None:
        after = read_indicators(walk.rows, header, draft)
        walk.use(*range(header, after))
    else:
        draft.note("没有找到绩效指标表（表头含“三级指标”“分值”的一行），记录中没有指标")
    draft.put("kind", "self")
    draft.put("scheme", "national-2020")
    if draft.fields.get("department"):
        draft.put("evaluator", draft.fields["department"])
    draft.region_hints = [draft.fields.get(key, "") for key in ("department", "implementer", "title")]
    walk.leftovers(draft, "表格")
    return draft


def _funding(walk: Walk, draft: Draft) -> None:
    start = walk.find(lambda row: label_col(row, r"年初预算") is not None and label_col(row, r"全年执行") is not None)
    if start is None:
        draft.note("没有找到“项目资金”一栏（年初预算数 / 全年预算数 / 全年执行数）")
        draft.put("unit", "万元")
        return
    header = walk.rows[start]
    columns = {}
    for col, text in enumerate(header.cells):
        for key, word in _FUNDING_COLUMNS:
            if word in label(text) and key not in columns.values():
                columns[col] = key
                break
    unit = next((unit_in(text) for text in header.filled if unit_in(text)), None)
    draft.put("unit", unit or "万元")
    if unit is None:
        draft.note("“项目资金”一栏没有写金额单位，记录按表样默认的“万元”记录，请核对")
    walk.use(start)
    first_value_col = min(columns) if columns else len(header.cells)
    rows = []
    index = start + 1
    while index < len(walk.rows):
        row = walk.rows[index]
        names = [text.strip() for text in row.cells[:first_value_col] if text.strip() and "项目资金" not in label(text)]
        if not names or is_header(row) or any("目标" in label(name) for name in names):
            break
        name = one_line(names[-1])
        item: dict = {"source": name}
        if re.search(r"年度资金总额|资金总额|合计", label(name)):
            item["total"] = True
        for col, key in columns.items():
            text = row.cells[col] if col < len(row.cells) else ""
            if not text.strip():
                continue
            if key == "execution_rate":
                value = rate(text)
            elif key in ("weight", "score"):
                value = number(text, allow_unit=False, allow_points=True)
            else:
                value = number(text, header_unit=unit)
            if value.ok:
                item[key] = value.text
                if value.problem:
                    draft.note(f"项目资金“{name}”：{value.problem}")
            elif value.problem:
                draft.note(f"项目资金“{name}”一行的“{short(text)}”未能写入（{value.problem}）")
        rows.append(item)
        walk.use(index)
        index += 1
    if sum(1 for item in rows if item.get("total")) > 1:
        for item in rows[1:]:
            item.pop("total", None)
    draft.put("funding", rows)


def _goals(walk: Walk, draft: Draft) -> None:
    start = walk.find(lambda row: label_col(row, r"^年度总体目标|^总体目标") is not None)
    if start is None:
        return
    header = walk.rows[start]
    walk.use(start)
    draft.section("年度总体目标", 2)
    columns = {col: one_line(text) for col, text in enumerate(header.cells) if text.strip() and "总体目标" not in label(text)}
    if start + 1 >= len(walk.rows):
        return
    values = walk.rows[start + 1]
    if is_header(values):
        return
    walk.use(start + 1)
    if not columns:  # a single text cell beside the label
        found = value_after(header, label_col(header, r"总体目标"))
        if found:
            draft.sections[-1].paragraphs.append(found[1])
        return
    for col, title in columns.items():
        text = values.cells[col].strip() if col < len(values.cells) else ""
        section = draft.section(title, 3)
        section.paragraphs.extend(line.strip() for line in text.split("\n") if line.strip())
