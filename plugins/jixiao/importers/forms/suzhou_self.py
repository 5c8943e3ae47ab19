"""The Suzhou municipal self-evaluation form (苏州市级财政支出项目绩效自评表), 2018 and 2024 forms.

Layout, top to bottom: project name and year; department; 市级预算执行情况 (a header row, a row of
figures); 市级财政资金使用情况 (two header rows — 其中 spans 结转数 / 财政收回数 — and a row of
figures); 项目资金构成 (sub-projects, first row 合计); the indicator table (项目 / 类别 / 指标名称 /
目标值 / 权重 / 实际完成值 / 自评分, closed by 合计); 填表说明 (2024); then 项目基本情况 and one
row per narrative section (label cell, text cell).

The two forms differ in their categories (2018: 投入 / 产出 / 结果 / 影响力 with points in the label;
2024: 决策 / 过程 / 产出 / 效益 / 满意度) and in a few column names, which are matched by their words.
"""

from __future__ import annotations

import re

from ..cells import label, number, one_line, short, unit_in
from ..document import Document, flatten
from ..draft import Draft
from .formrows import Walk, cell_section, column_headers, has_number, label_col, note_other_cells, value_after
from .indicators import is_header, read_indicators

LABEL = "苏州市级财政支出项目绩效自评表"


def matches(text: str) -> bool:
    return "市级预算执行情况" in text or "苏州市级财政支出项目绩效自评" in text


# Budget header words → record field; checked in this order (longer, more specific words first).
_BUDGET_WORDS = [
    ("unallocated_recovered", ("指标结余收回",)),
    ("unallocated", ("指标结余",)),
    ("initial", ("年初预算",)),
    ("adjustment", ("调整", "追加", "追减")),
    ("appropriated", ("财政拨款",)),
    ("full_year", ("全年预算", "当年预算")),
    ("executed", ("实际支付", "执行数")),
    ("balance", ("资金结余", "结余、结转", "结余结转")),
    ("carried_forward", ("结转数",)),
    ("recovered", ("财政收回", "收回数")),
]


def recognise(document: Document) -> Draft:
    draft = Draft("suzhou_self", LABEL)
    walk = Walk(flatten(document))
    _identity(walk, draft)
    units: list[tuple[str, str]] = []
    _budget_block(walk, draft, "预算执行情况", units)
    _budget_block(walk, draft, "资金使用情况", units)
    _subprojects(walk, draft, units)
    header = walk.find(is_header)
    after = len(walk.rows)
    if header is not None:
        walk.use(header)
        after = read_indicators(walk.rows, header, draft)
        walk.use(*range(header, after))
    else:
        draft.note("没有找到绩效指标表（表头含“指标名称”“权重”的一行），记录中没有指标")
    _narrative(walk, draft, after)
    _unit(draft, units)
    _scheme(draft)
    draft.put("kind", "self")
    draft.put("form", draft.fields.get("form") or LABEL)
    if draft.fields.get("department"):
        draft.put("evaluator", draft.fields["department"])
    draft.region_hints = [draft.fields.get(key, "") for key in ("department", "title", "form", "implementer")]
    walk.leftovers(draft, "表格")
    return draft


def _identity(walk: Walk, draft: Draft) -> None:
    for index, row in enumerate(walk.rows[:40]):
        filled = row.filled
        if len(filled) == 1 and re.search(r"自评表$", label(filled[0])):
            draft.put("form", one_line(filled[0]))
            walk.use(index)
        elif len(filled) == 1 and re.search(r"(自评价|评价)报告$", label(filled[0])):
            walk.use(index)  # the document title above the form
        used: set[int] = set()
        for pattern, key in ((r"^项目名称", "title"), (r"^项目年份", "year"), (r"主管部门|预算单位", "department"),
                             (r"实施单位|实施处", "implementer")):
            col = label_col(row, pattern)
            if col is None:
                continue
            used.add(col)
            found = value_after(row, col)
            if found:
                draft.put(key, one_line(found[1]))
                used.add(found[0])
            walk.use(index)
        if used:
            note_other_cells(draft, row, used, "表格")
    year = draft.fields.get("year")
    if year and not re.fullmatch(r"\d{4}", year):
        match = re.search(r"(19|20)\d{2}", year)
        draft.note(f"项目年份写作“{year}”，" + ("取其中的 " + match.group(0) if match else "不是四位年份"))
        draft.fields.pop("year")
        if match:
            draft.put("year", match.group(0))


def _budget_block(walk: Walk, draft: Draft, caption: str, units: list) -> None:
    start = walk.find(lambda row: bool(row.filled) and caption in label(row.filled[0]))
    if start is None:
        return
    values_row = None
    for index in range(start, min(start + 4, len(walk.rows))):
        if index > start and has_number(walk.rows[index]):
            values_row = index
            break
    if values_row is None:
        draft.note(f"“{caption}”一栏没有读到数字（表格可能不完整）")
        walk.use(start)
        return
    unit = unit_in(walk.rows[start].filled[0])
    if unit:
        units.append((unit, one_line(walk.rows[start].filled[0])))
    headers = column_headers(walk.rows, start, values_row - 1)
    budget = draft.fields.setdefault("budget", {})
    for col, text in enumerate(walk.rows[values_row].cells):
        if not text.strip():
            continue
        header = headers.get(col, "")
        field = _budget_field(header)
        value = number(text, header_unit=unit)
        where = f"“{one_line(header) or caption}”"
        if field is None or not value.ok:
            reason = value.problem if not value.ok and value.problem else "没有对应的记录字段"
            draft.note(f"{caption}中{where}一栏的“{text.strip()}”未能写入（{reason}）")
            continue
        if value.problem:
            draft.note(f"{caption}中{where}：{value.problem}")
        if field in budget and budget[field] != value.text:
            draft.note(f"{caption}中{where}为 {value.text}，与前表同名栏目的 {budget[field]} 不同；记录保留前表数字")
            continue
        budget[field] = value.text
    walk.use(*range(start, values_row + 1))


def _budget_field(header: str) -> str | None:
    flat = label(header)
    if not flat or flat.startswith("其中"):
        return None
    for field, words in _BUDGET_WORDS:
        if field == "carried_forward":
            if flat in ("结转数", "计划结转数"):
                return field
            continue
        if any(word in flat for word in words):
            return field
    return None


def _subprojects(walk: Walk, draft: Draft, units: list) -> None:
    header_index = walk.find(lambda row: label_col(row, r"^子项(目)?名称") is not None)
    if header_index is None:
        return
    caption = walk.find(lambda row: bool(row.filled) and "项目资金构成" in label(row.filled[0]))
    if caption is not None:
        walk.use(caption)
    header = walk.rows[header_index]
    name_col = label_col(header, r"^子项(目)?名称")
    budget_col = label_col(header, r"预算")
    spent_col = label_col(header, r"实际|支出")
    for col in (budget_col, spent_col):
        if col is not None and unit_in(header.cells[col]):
            units.append((unit_in(header.cells[col]), one_line(header.cells[col])))
    walk.use(header_index)
    rows = []
    index = header_index + 1
    while index < len(walk.rows):
        row = walk.rows[index]
        if is_header(row) or (row.filled and "项目资金构成" in label(row.filled[0])):
            break
        if not row.filled:
            index += 1
            continue
        name = one_line(row.cells[name_col]) if name_col < len(row.cells) else ""
        if not name or number(name).ok:
            break
        item = {"name": name}
        if label(name) in ("合计", "总计"):
            item["total"] = True
        for key, col in (("budget", budget_col), ("spent", spent_col)):
            if col is None or col >= len(row.cells) or not row.cells[col].strip():
                continue
            value = number(row.cells[col], header_unit=unit_in(header.cells[col]))
            if value.ok:
                item[key] = value.text
                if value.problem:
                    draft.note(f"子项目“{name}”：{value.problem}")
            else:
                draft.note(f"子项目“{name}”的金额“{row.cells[col].strip()}”未能写入（{value.problem}）")
        for col, text in enumerate(row.cells):
            if text.strip() and col not in (name_col, budget_col, spent_col):
                draft.note(f"子项目“{name}”一行多出的内容“{short(text)}”未能归位")
        rows.append(item)
        walk.use(index)
        index += 1
    draft.put("subprojects", rows)


def _narrative(walk: Walk, draft: Draft, start: int) -> None:
    level = 2
    for index in range(start, len(walk.rows)):
        row = walk.rows[index]
        filled = row.filled
        if not filled or index in walk.used:
            continue
        first = label(filled[0])
        if len(filled) == 1 and first.startswith("填表说明"):
            text = re.sub(r"^\s*填表说明\s*[:：]?\s*", "", filled[0])
            cell_section(draft, "填表说明", text, 2)
            level = 2
        elif len(filled) == 1 and len(first) <= 20 and not re.search(r"[。；，]", first):
            draft.section(one_line(filled[0]), 2)
            level = 3
        elif len(filled) == 2 and len(label(filled[0])) <= 30:
            cell_section(draft, filled[0], filled[1], level)
        else:
            continue
        walk.use(index)


def _unit(draft: Draft, units: list[tuple[str, str]]) -> None:
    if not units:
        if draft.fields.get("budget") or draft.fields.get("subprojects"):
            draft.note("表头没有写金额单位，记录按苏州表样默认的“万元”记录，请核对")
        draft.put("unit", "万元")
        return
    draft.put("unit", units[0][0])
    differing = sorted({f"“{header}”" for unit, header in units if unit != units[0][0]})
    if differing:
        draft.note(f"各表表头单位不一致：记录按“{units[0][1]}”用 {units[0][0]}，而 {'、'.join(differing)} 写的是另一单位；数字均按原件照录")


def _scheme(draft: Draft) -> None:
    names = " ".join(row["category"] for row in draft.fields.get("indicators", []))
    if re.search(r"决策|过程|效益|满意度", names):
        draft.put("scheme", "suzhou-2024")
    elif re.search(r"投入|结果|影响力", names):
        draft.put("scheme", "suzhou-2018")
    else:
        year = draft.fields.get("year", "")
        draft.put("scheme", "suzhou-2024" if year >= "2020" else "suzhou-2018")
