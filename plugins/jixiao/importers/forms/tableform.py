"""Any table form — the national 项目支出绩效自评表 and its provincial variants, 部门整体支出绩效
自评表, transfer-payment and special-fund forms — read by its words into a record draft.

The families differ in wording and column order, not in kind: a title line with the year, labelled
identity fields, a funds block, the year's goals, an indicator table closed by a total row. Each
part is found by its words (:mod:`.identity`, :mod:`.money`, :mod:`.indicator_table`); what a
family adds (the form's name, whether the title is the department) comes from :mod:`.families`.
The indicator tables are read first, so their cells are not mistaken for labels; whatever is
left unused at the end is noted with its text.
"""

from __future__ import annotations

import re

from ..cells import number, one_line, short
from ..document import Document, Paragraph, Table
from ..draft import Draft
from ..tables.kinds import is_blank
from ..tables.vocabulary import SECTION_LABELS, is_total_label, normal
from . import base_data, completeness, indicator_table
from .families import Family
from .identity import form_title, read_identity, read_year
from .money import place_displaced, read_money
from .narrative_facts import fill_from_prose
from .stream import Stream, stream_of

_GOAL_LABELS = ("年度总体目标", "总体目标", "当年绩效目标", "年度绩效目标", "绩效目标")
_GOAL_PARTS = {"预期目标": "预期目标", "年初设定目标": "预期目标", "年初绩效目标": "预期目标", "全年(调整)绩效目标": "调整后目标",
               "实际完成情况": "实际完成情况", "年度总体目标完成情况综述": "实际完成情况", "全年实际完成情况": "实际完成情况",
               "目标实际完成情况": "实际完成情况", "全年目标实际完成情况": "实际完成情况"}
_GRADE = re.compile(r"^(优秀|良好|合格|不合格|优|良|中|差)$")
_FORM_LINE = re.compile(r"^[（(]?[^，。,]{0,20}(自评表|评价表|目标表)[（(]?\d{4}年度?[)）]?$|^[（(]\d{4}年度?[)）]$")
_TITLE_LINE = re.compile(r"(19|20)\d{2}\s*年度?.{2,40}(评价表|自评表|评价报告|自评报告)$")


def read(document: Document, family: Family) -> Draft:
    draft = Draft(family.key, family.label)
    used_rows: set[tuple[int, int]] = set()
    rows: list[dict] = []
    categories: dict[str, str] = {}
    totals: dict = {}
    columns: list[str] = []
    tables_seen = 0
    for number_, block in enumerate(document.blocks):
        if not isinstance(block, Table):
            continue
        header = indicator_table.find_header(block)
        while header is not None:
            tables_seen += 1
            result = indicator_table.read(block, header, draft)
            rows.extend(result.rows)
            columns = columns or result.columns
            for name, points in result.categories.items():
                categories.setdefault(name, points)
            totals = totals or result.total
            used_rows.update((number_, r) for r in result.used_rows)
            header = indicator_table.find_header(block, result.end_row) if result.end_row < len(block.cells) else None
    stream = stream_of(document)
    stream.use(*(i for i, cell in enumerate(stream.cells) if cell.where in used_rows))
    paragraphs_before = _paragraphs_before_first_table(document)
    title_line = form_title(stream, 0, len(stream))
    if title_line is not None:
        stream.use(title_line[0])
        draft.put("form", _form_name(title_line[1]))
        for index in range(min(len(stream), 80)):  # the title printed again with its year, as forms do
            if _FORM_LINE.match(re.sub(r"\s+", "", stream.text(index))):
                stream.use(index)
    read_year(stream, draft, 0, len(stream), paragraphs_before + ([title_line[1]] if title_line else []), document.name)
    read_money(stream, draft)
    base_data.read_base_data(stream, draft)  # 部门整体: the base-data table before the 自评表
    read_identity(stream, draft)
    _goals(stream, draft)
    _totals(stream, draft, totals)
    if rows:
        draft.put("indicators", rows)
        draft.put("indicator_columns", [c for c in dict.fromkeys(columns) if c in _COLUMN_NAMES])
    elif tables_seen == 0:
        draft.note("没有找到绩效指标表（表头含“三级指标”或“指标名称”以及“分值”“得分”“指标值”之类栏目的一行），记录中没有指标")
    _section_points(stream, categories)
    if categories:
        draft.put("categories", categories)
    prose = [block.text for block in document.blocks if isinstance(block, Paragraph) and _is_prose(block.text)]
    titles = [cell.text for cell in stream.cells[:80] if _TITLE_LINE.search(cell.text) and len(cell.text) <= 60]
    prose = titles[:2] + prose
    if prose:
        fill_from_prose(prose, draft)  # what the report's sentences state where the form left a field empty
    family.complete(draft, document)
    completeness.table_form(draft, document, had_table=tables_seen > 0)
    draft.fields.pop("_total_outside_table", None)
    place_displaced(stream, draft)
    _leftovers(stream, draft)
    return draft


_COLUMN_NAMES = {"category", "subcategory", "name", "explanation", "target", "weight", "actual", "rule", "score", "note",
                 "mark", "core", "nature", "adjusted_target", "measure_unit", "coefficient", "weighted_score", "review_score",
                 "rating"}


_SECTION_POINTS = re.compile(
    r"^(?P<label>[\u4e00-\u9fff]{2,10}\d?)\s*(?:[（(](?:万元|元)[)）])?\s*[（(]\s*(?P<points>\d+(?:\.\d+)?)\s*分\s*[)）]$")


def _section_points(stream: Stream, categories: dict[str, str]) -> None:
    """Points a form prints on a block's label outside the indicator table: 预算执行情况(万元) (20分),
    年度绩效目标1 (80分), 项目决策 2 分."""
    for cell in stream.cells:
        match = _SECTION_POINTS.match(re.sub(r"\s+", " ", cell.text.strip()))
        if match and match.group("label") not in categories:
            categories[match.group("label")] = match.group("points")


def _is_prose(text: str) -> bool:
    return len(text) >= 20 and bool(re.search(r"[。；，,]", text))


def _paragraphs_before_first_table(document: Document) -> list[str]:
    found = []
    for block in document.blocks:
        if isinstance(block, Table):
            break
        if isinstance(block, Paragraph) and block.text.strip():
            found.append(block.text.strip())
    return found


def _form_name(title: str) -> str:
    """The form's name as printed, without its year line: 项目支出绩效自评表（2020年度） → 项目支出绩效自评表."""
    name = re.sub(r"[（(]\s*(?:19|20)\d{2}\s*年\s*度?\s*[)）]", "", title)
    name = re.sub(r"^(?:19|20)\d{2}\s*年\s*度?", "", name)
    return name.strip() or title


def _goals(stream: Stream, draft: Draft) -> None:
    """The year's goals: the texts after 年度总体目标 (预期目标 / 实际完成情况 when the form has both)."""
    start = next((i for i in range(len(stream)) if normal(stream.text(i)) in _GOAL_LABELS), None)
    if start is None:
        return
    stream.use(start)
    parts: list[str] = []
    texts: list[str] = []
    index = start + 1
    seen = 0  # cells with text looked at: padding blanks do not count
    while index < len(stream) and seen < 12:
        text = stream.text(index)
        flat = normal(text)
        seen += bool(flat)
        if flat in _GOAL_PARTS:
            parts.append(_GOAL_PARTS[flat])
            stream.use(index)
        elif index in stream.used:
            if texts:
                break
        elif is_blank(text) or text.strip() in ("无",):
            stream.use(index)
        elif len(flat) >= 6 and not re.fullmatch(r"[\d.,%]+", flat) and flat not in {normal(w) for w in SECTION_LABELS}:
            texts.append(text.strip())
            stream.use(index)
        else:
            break
        index += 1
    if not texts:
        return
    draft.section("年度总体目标", 2)
    if len(parts) >= 2 and len(texts) == len(parts):
        for part, text in zip(parts, texts):
            section = draft.section(part, 3)
            section.paragraphs.extend(_lines(text))
    else:
        draft.sections[-1].paragraphs.extend(line for text in texts for line in _lines(text))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in re.split(r"\n|(?<=[;；])\s*(?=\d[.、])", text) if line.strip()]


def _totals(stream: Stream, draft: Draft, totals: dict) -> None:
    """The declared total: from the indicator table's total row, else a 总分 line elsewhere
    (``总分 | 100 | 96 | 优``: 满分, 得分, 等级)."""
    declared = draft.fields.setdefault("declared", {})
    if not totals and declared.get("total"):
        draft.fields["_total_outside_table"] = True  # read by completeness, not written
    if totals:
        for key in ("total", "weight_total", "grade"):
            if totals.get(key):
                declared.setdefault(key, totals[key])
    for index in range(len(stream)):
        if index in stream.used or not is_total_label(stream.text(index)):
            continue
        figures = []
        grade = None
        ahead = index + 1
        while ahead < len(stream) and ahead <= index + 4:
            text = stream.text(ahead).strip()
            if _GRADE.match(text):
                grade = text
                stream.use(ahead)
            elif number(text, allow_unit=False, allow_points=True).ok:
                figures.append(number(text, allow_unit=False, allow_points=True).text)
                stream.use(ahead)
            elif text:
                break
            ahead += 1
        stream.use(index)
        if len(figures) == 1 and (glued := indicator_table.glued_total(figures[0])):
            figures = list(glued)
            draft.note(f"总分一行的数字连写作“{''.join(glued)}”，读作满分 {glued[0]}、得分 {glued[1]}")
        if len(figures) == 1:
            declared.setdefault("total", figures[0])
        elif len(figures) >= 2:
            declared.setdefault("weight_total", figures[0])
            declared.setdefault("total", figures[1])
        if grade:
            declared.setdefault("grade", grade)
        break
    if not declared:
        draft.fields.pop("declared", None)


def _leftovers(stream: Stream, draft: Draft) -> None:
    """Every cell no part of the form took, row by row, as a note: nothing is dropped unseen."""
    rows: dict[tuple[int, int], list[str]] = {}
    for index in stream.unused():
        cell = stream.cells[index]
        text = one_line(cell.text)
        if is_blank(text):
            continue
        rows.setdefault(cell.where, []).append(short(text, 60))
    for number_, ((block, row), texts) in enumerate(rows.items()):
        if number_ >= 40:
            draft.note(f"另有 {len(rows) - 40} 行未能归位，请对照原件")
            break
        draft.note(f"原件中未能归位的内容：{'｜'.join(texts)}")
