"""A form's identity: its title line, year, and the labelled fields (项目名称, 主管部门, 实施单位…).

A label's value is the next cell in reading order that is not itself a label — beside it in a
Word table, after it in flattened text, or after the colon in ``实施单位:北京市…``. The year
comes from the document only: the form's ``（2022年度）``, a title line, ``年度:2024年``; where
they disagree all are kept (``year_sources``) and the form's own header wins. A year is never
taken from today's date or from a date of filling in.
"""

from __future__ import annotations

import re

from ..cells import number, one_line
from ..draft import Draft
from ..tables.kinds import is_blank, is_number
from ..tables.vocabulary import (
    FIELD_LABELS,
    MONEY_TOTAL_ROW,
    SECTION_LABELS,
    category_levels,
    field_of,
    indicator_role,
    money_role,
    normal,
)
from .stream import Stream

_FORM_TITLE = re.compile(r"(绩效(目标)?自评(价)?表|绩效评价表|自评报告|评价报告|绩效评价自评报告|评价情况表|自评表|绩效表)")
_YEAR_OF_FORM = re.compile(r"((?:19|20)\d{2})\s*年\s*度")
_YEAR_FIELD = re.compile(r"年\s*度\s*[:：]\s*((?:19|20)\d{2})")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_INLINE = re.compile(r"^(?P<label>[^:：\s]{2,14}?)(?:[:：]|\s{2,})\s*(?P<value>\S.*)$")
_ANY_LABEL = None
_RANK = {
    # the most specific label wins: 主管部门 before 部门
    "department": ("主管部门", "项目主管部门", "县级主管部门", "地方主管部门", "省级主管部门", "主管部门及代码", "项目主管单位",
                   "主管单位", "预算部门", "部门(单位)名称", "预算部门、单位名称", "部门名称", "预算单位", "单位名称", "部门"),
}
_SECTIONS = {normal(word) for word in SECTION_LABELS}
_CODE = re.compile(r"^([0-9A-Z]{12,})[-－—_]")
_PLACE_START = re.compile(r"^[\u4e00-\u9fff]{1,8}?(省|市|区|县|镇|乡|旗)")
_ORGAN = re.compile(r"(局|厅|委|委员会|办公室|办|政府|中心|院|所|站|馆|校|学校|队|团|部|处|会|公司)$")


def is_label(text: str) -> bool:
    flat = normal(text)
    return bool(field_of(text) or flat in _SECTIONS or money_role(text) or indicator_role(text) or category_levels(text)
                or MONEY_TOTAL_ROW.match(flat) or flat.startswith("其中")
                or _INLINE.match(text.strip()) and field_of(_INLINE.match(text.strip()).group("label")))


def read_identity(stream: Stream, draft: Draft, start: int = 0, stop: int | None = None) -> None:
    stop = len(stream) if stop is None else stop
    found: dict[str, list[tuple[int, str, str]]] = {}  # key → [(rank, label, value)]
    for index in range(start, stop):
        if index in stream.used:
            continue
        text = stream.text(index)
        key = field_of(text)
        value_index = None
        value = None
        label_text = text
        if key:
            value_index = _value_after(stream, index, stop)
            value = stream.text(value_index) if value_index is not None else None
            if value is None and key in ("title", "department", "implementer"):
                before = _value_before(stream, index, start)
                if key != "title" and len(before) > 1 and _ORGAN.search(stream.text(before[-1])) \
                        and not _PLACE_START.match(stream.text(before[-2])):
                    # a unit's name is the nearest cell (省级预算 | 新田县教育局 | 部门名称), unless the cell
                    # before starts a name the PDF broke (上海市普陀区体育 | 事业管理中心)
                    before = before[-1:]
                if before:
                    stream.use(*before)
                    value = "".join(stream.text(i) for i in before)
                    draft.note(f"“{one_line(text)}”后面没有内容，取其前面的“{value}”（原件文字次序错乱），请核对")
        else:
            inline = _INLINE.match(text.strip())
            if inline and field_of(inline.group("label")):
                key = field_of(inline.group("label"))
                label_text = inline.group("label")
                value = _up_to_next_label(inline.group("value").strip())
        if not key:
            continue
        stream.use(index)
        if value is None:
            continue
        if key in ("declared_total",):
            figure = number(value.replace("分", ""), allow_unit=False)
            if not figure.ok:
                continue
            value = figure.text
        value = value.lstrip(":：").strip() or value  # 实施单位 | :北京市… — the colon stayed with the value
        if value_index is not None:
            stream.use(value_index)
        found.setdefault(key, []).append((_rank(key, label_text), one_line(label_text), one_line(value)))
    _put(found, draft)


def _up_to_next_label(value: str) -> str:
    """``黄石市图书馆 主要领导签字:`` → ``黄石市图书馆``: an inline value ends where the next label starts."""
    match = re.search(r"\s*(?:" + "|".join(re.escape(w) for w in _all_field_words()) + r")\s*[:：]", value)
    return value[: match.start()].strip() if match and match.start() > 0 else value


def _all_field_words() -> list[str]:
    global _ANY_LABEL
    if _ANY_LABEL is None:
        _ANY_LABEL = sorted({w for words in FIELD_LABELS.values() for w in words}, key=len, reverse=True)
    return _ANY_LABEL


def _value_after(stream: Stream, index: int, stop: int) -> int | None:
    """The next cell that is a value, not a label: blanks and stamps (（盖章）) are passed over; a
    bare number is a value only of a field that is a number (自评总分, 项目编码)."""
    key = field_of(stream.text(index))
    for ahead in range(index + 1, min(index + 24, stop)):
        text = stream.text(ahead)
        if ahead in stream.used:
            return None
        if is_blank(text) or re.fullmatch(r"[（(]?盖章[)）]?", text.strip()):
            continue
        if is_number(text):
            return ahead if key in ("declared_total", "project_code") else None
        if is_label(text) or _header_row(stream, ahead):
            return None
        return ahead
    return None


def _header_row(stream: Stream, index: int) -> bool:
    """``项目名称 | 中央、省、市(州)、县级财政资金 | 资金计划 | 资金到位情况``: the label heads a column
    of a table, and the cells after it are the other columns' headings, not its value."""
    cell = stream.cells[index]
    if not cell.in_table:
        return False
    after = [c.text for c in stream.cells[index + 1:index + 12] if c.where == cell.where and c.text.strip()]
    return len(after) >= 2 and all(len(t) <= 8 and not re.search(r"\d", t) and not field_of(t) for t in after)


def _value_before(stream: Stream, index: int, start: int) -> list[int]:
    """Text a scrambled extraction put before its label (普陀体育中心与委托运营方结 算费用 项目名称):
    the unused text cells just before it, back to the last label or figure."""
    found: list[int] = []
    ahead = index - 1
    while ahead >= start and len(found) < 3:
        text = stream.text(ahead)
        if not text.strip() and not found:
            ahead -= 1  # the padding of the row before
            continue
        if ahead in stream.used or is_label(text) or is_number(text) or not text.strip() or re.search(r"\d|年度|[()（）]", text) \
                or _FORM_TITLE.search(normal(text)):
            break  # a form's own title is never a value of its fields
        found.insert(0, ahead)
        ahead -= 1
    return found


def _rank(key: str, label: str) -> int:
    order = _RANK.get(key)
    flat = normal(label)
    if not order:
        return 0
    return order.index(flat) if flat in order else len(order)


def _put(found: dict, draft: Draft) -> None:
    for key, values in found.items():
        values.sort(key=lambda item: item[0])
        rank, label, value = values[0]
        if key == "title":
            code = _CODE.match(value)
            if code:
                draft.put("project_code", code.group(1))
            draft.put("title", value)
        elif key in ("department", "implementer", "evaluator", "project_code"):
            draft.put(key, re.sub(r"\s+", "", value) if len(value) < 60 else value)
        elif key == "central_department":
            draft.note(f"原件写明中央主管部门：{value}")
        elif key == "finance_office":
            draft.note(f"原件写明财政归口处室：{value}")
        elif key == "filled_on":
            draft.put("evaluated_on", value)
        elif key == "declared_total":
            draft.fields.setdefault("declared", {}).setdefault("total", value)
        elif key == "grade":
            draft.fields.setdefault("declared", {}).setdefault("grade", value)
        elif key == "responsible":
            draft.fields.setdefault("responsible", [])
            for _, role, person in values:
                contact = {"role": role, "phone": person} if re.fullmatch(r"[\d\- ]{6,}", person) else {"role": role, "name": person}
                draft.fields["responsible"].append(contact)
        if len({value for _, _, value in values}) > 1 and key in ("title", "department", "implementer"):
            others = "、".join(f"{label}：{value}" for _, label, value in values[1:])
            draft.note(f"原件另写有 {others}")


def form_title(stream: Stream, start: int, stop: int) -> tuple[int, str] | None:
    """The form's title line: the first short cell naming a form, one in the form's own table
    before an attachment line or a page's title (附件9:…自评表(…).xls)."""
    found = []
    for index in range(start, min(stop, start + 60)):
        text = stream.text(index)
        flat = re.sub(r"\s+", "", text)
        if len(flat) <= 60 and _FORM_TITLE.search(flat) and not field_of(text):
            found.append((index, flat))
    clean = [item for item in found if not re.search(r"附件|\.(xlsx?|docx?|pdf)|[:：]", item[1])]
    return (clean or found or [None])[0]


def read_year(stream: Stream, draft: Draft, start: int, stop: int, paragraphs_before: list[str], file_name: str) -> None:
    """Where the document states its year: the form's 年度 line, a title, ``年度:2024年``."""
    sources: dict[str, int] = {}
    # the form's own 年度 line: in its table first, else a line printed just above the table
    # (a title line of the page or the file is the 标题 below, not the form's header)
    for in_table in (True, False):
        for index in range(start, min(stop, start + 60)):
            text = stream.text(index)
            if stream.cells[index].in_table != in_table:
                continue
            split = re.fullmatch(r"[（(]?\s*(?:19|20)\d{2}\s*", text.strip()) and re.fullmatch(r"年\s*度?\s*[)）]?", stream.text(index + 1).strip())
            if split:
                # a PDF's text layer cut "(2022 年度)" in two
                text = text.strip() + stream.text(index + 1).strip()
                stream.use(index + 1)
            if not in_table and not re.fullmatch(r"[（(]?\s*(?:19|20)\d{2}\s*年\s*度?\s*[)）]?|.{0,12}自评表.{0,12}", text.strip()):
                continue
            match = _YEAR_FIELD.search(text) or (_YEAR_OF_FORM.search(text) if len(text) <= 60 else None)
            if match and not re.search(r"填报|日期|时间", text):
                sources.setdefault("表头", int(match.group(1)))
                if re.fullmatch(r"[（(]?\s*(?:19|20)\d{2}\s*年\s*度?\s*[)）]?", text.strip()):
                    stream.use(index)
                break
        if "表头" in sources:
            break
    for text in paragraphs_before:
        match = _YEAR_IN_TITLE.search(text)
        if match and len(text) <= 80 and not re.search(r"时间|日期|发布|浏览|来源|[:：]\s*\d{4}-", text):
            sources.setdefault("标题", int(match.group(1)))
            break
    name_year = re.search(r"((?:19|20)\d{2})\s*年", file_name)
    if name_year:
        sources.setdefault("文件名", int(name_year.group(1)))
    if sources:
        draft.put("year_sources", dict(sources))
        year = sources.get("表头") or sources.get("标题") or sources.get("文件名")
        draft.put("year", str(year))
        if len(set(sources.values())) > 1:
            said = "、".join(f"{where} {year}" for where, year in sources.items())
            draft.note(f"原件几处写的年份不同（{said}），记录按{'表头' if '表头' in sources else '标题'}所写的 {year} 年记录，请核对")


LABEL_WORDS = FIELD_LABELS
