"""The funds block of a form (项目资金 / 预算执行情况 / 资金投入情况): its columns and rows.

The header's words name the columns (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分, and
their synonyms), each row starts with its label (年度资金总额, 其中：当年财政拨款, 上年结转资金…)
and its figures follow. A Word table gives every cell, empty ones included, so figures stand in
their columns; flattened text may drop empty cells and glue figures together, so figures are
placed by what they are — an amount, a rate, a small score — in the header's order, and a reading
whose printed rate matches 执行数 ÷ 预算数 is preferred (:mod:`.money_columns`); figures a PDF's
text layer moved away from their row are given back where one reading allows
(:mod:`.money_scrambled`). Where a reading is a choice, it is noted.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...core.record.model import MONEY_LIMIT, POINTS_LIMIT
from ..cells import number, one_line, rate, short
from ..draft import Draft
from ..tables.kinds import is_blank
from ..tables.vocabulary import (
    MONEY_PART_ROW,
    MONEY_TOTAL_ROW,
    SECTION_LABELS,
    category_levels,
    field_of,
    indicator_role,
    money_role,
    normal,
)
from .money_columns import (
    RATE_ROLES,
    ROLE_NAMES,
    align,
    column_name,
    formulas,
    is_figure,
)
from .money_scrambled import give_leading_figures, header_words_before, place_displaced
from .stream import Stream

__all__ = ["align", "place_displaced", "read_labelled", "read_money"]


_FUNDING_FIELDS = ("initial", "full_year", "executed", "weight", "execution_rate", "score")


_BUDGET_FIELDS = ("adjustment", "appropriated", "balance")


_SECTIONS = {normal(word) for word in SECTION_LABELS}


_UNIT = re.compile(r"(亿元|万元|(?<![万亿])元)")


_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


_FORMULA = re.compile(r"^[①-⑳=＝+\-/×÷*()（）%％\s]+$|^[①-⑳][=＝]")


def read_money(stream: Stream, draft: Draft, start: int = 0, stop: int | None = None) -> int | None:
    """Read the first funds block in ``stream[start:stop]``; returns where it ended, or None.
    A form that writes its funds as labelled figures (计划安排资金（万元） 170) has no header row:
    those are read label by label."""
    stop = len(stream) if stop is None else stop
    header = _header(stream, start, stop)
    if header is None:
        return read_labelled(stream, draft, start, stop)
    begin, end, columns = header
    stream.use(*range(begin, end))
    unit, weight = _unit_and_points(stream, begin, end)
    if unit:
        draft.fields.setdefault("unit", unit)
    lettered = formulas(stream, begin, end, stop, columns)
    rows, leading = _rows(stream, end, stop, columns)
    if leading and not stream.cells[leading[0]].positional:
        columns = header_words_before(stream, begin, columns)
        rows = give_leading_figures(stream, rows, leading, begin, [role for role, _ in columns], draft)
    funding: list[dict] = []
    budget: dict = {}
    for label_index, label, values in rows:
        positional = stream.cells[label_index].positional
        placed, how = align(values, [role for role, _ in columns], positional, lettered)
        item: dict = {"source": one_line(label)}
        if not funding and (MONEY_TOTAL_ROW.match(normal(label)) or len(rows) == 1):
            item["total"] = True
        details: dict[str, str] = {}
        for position, text in placed.items():
            role, header_text = columns[position]
            value = _value(role, text, label, draft, draft.fields.get("unit"))
            if value is None:
                continue
            if role == "line_number":
                continue  # 行次: the form's row number
            if role in _FUNDING_FIELDS and role not in item:
                item[role] = value
            elif role in _BUDGET_FIELDS and item.get("total"):
                budget[role] = value
            else:
                details[column_name(header_text)] = text
        if item.get("total") and "weight" not in item and weight:
            item["weight"] = weight
        if details:
            item["details"] = details
        if how:
            draft.note(f"资金表“{one_line(label)}”一行：{how}")
        funding.append(item)
    after = rows[-1][0] + 1 if rows else end
    _breakdowns(stream, end, stop, funding, draft)
    _scores_on_the_total(funding, draft)
    if funding:
        draft.put("funding", funding)
    if budget:
        draft.put("budget", budget)
    return after


def _scores_on_the_total(funding: list[dict], draft: Draft) -> None:
    """The execution of the budget is scored on the whole funds (年度资金总额), never on a part of
    them: a weight and score that a flattened text set on one 其中 row, the total row having none,
    are the total row's (its merged cells came out beside the part's figures)."""
    total = next((row for row in funding if row.get("total")), None)
    if total is None or "weight" in total or "score" in total:
        return
    scored = [row for row in funding if not row.get("total") and ("weight" in row or "score" in row)]
    if len(scored) != 1:
        return
    part = scored[0]
    moved = [key for key in ("weight", "score") if key in part]
    for key in moved:
        total[key] = part.pop(key)
    draft.note(f"资金表的执行率分值与得分写在“{part['source']}”一行（原件合并单元格的文字落在这一行），"
               f"按表样记入总额“{total['source']}”一行，请核对")


_LABELLED_FIELDS = ("initial", "full_year", "executed", "appropriated", "balance", "adjustment")


_SKIPPABLE = re.compile(r"^(合计|小计|[:：]|[（(]?万元[)）]?)$")


def read_labelled(stream: Stream, draft: Draft, start: int, stop: int) -> int | None:
    """Funds as labelled figures: a funds label, then its amount (``年度金额(提前下达):208万元``)."""
    budget: dict = {}
    last = None
    for index in range(start, stop):
        if index in stream.used:
            continue
        text = stream.text(index)
        role = money_role(text)
        if role not in _LABELLED_FIELDS or role in budget:
            continue
        ahead = index + 1
        while ahead < stop and (is_blank(stream.text(ahead)) or _SKIPPABLE.match(stream.text(ahead).strip())):
            ahead += 1
        if ahead >= stop or ahead in stream.used:
            continue
        value_text = stream.text(ahead).strip().rstrip(":：")
        figure = number(value_text)
        if not figure.ok:
            continue
        budget[role] = figure.text
        unit = figure.unit or (_UNIT.search(text).group(1) if _UNIT.search(text.replace(" ", "")) and "元" in text else None)
        if unit:
            draft.fields.setdefault("unit", unit)
        stream.use(*range(index, ahead + 1))
        last = ahead
    if budget:
        draft.fields.setdefault("budget", {}).update(budget)
    return last + 1 if last is not None else None


_BREAKDOWN = re.compile(r"^(?:其中\s*[:：]\s*)?(?P<label>[^:：\d]{2,24})[:：]\s*(?P<value>\d[\d.,]*)$")


def _breakdowns(stream: Stream, start: int, stop: int, funding: list[dict], draft: Draft) -> None:
    """The Hunan 部门整体 form splits its total twice below the funds rows, ``按收入性质分:2030.12``
    (一般公共预算:1325.68, 政府性基金拨款:118.82 …) and ``按支出性质分:1925.67`` (基本支出:900.47,
    项目支出:1025.20): spending by nature becomes the record's spending breakdown (sub-projects with
    their spending, so the checker compares it with 执行数); income by nature stays with the total."""
    spending: list[dict] = []
    income: dict[str, str] = {}
    for index in range(start, min(stop, start + 240)):
        text = stream.text(index).strip()
        if _ends_block(text):
            break
        match = _BREAKDOWN.match(text.replace(" ", ""))
        if not match or index in stream.used:
            continue
        label, value = match.group("label"), match.group("value").replace(",", "")
        if "支出" in label:
            row = {"name": label, "spent": value}
            if "性质" in label or "合计" in label:
                row["total"] = True
            spending.append(row)
        else:
            income[label] = value
        stream.use(index)
    if spending and any(not row.get("total") for row in spending):
        spending.sort(key=lambda row: not row.get("total"))
        draft.put("subprojects", spending)
        draft.note("“按支出性质分”的各项支出记为项目资金构成（子项目）的实际支出数")
    total = next((row for row in funding if row.get("total")), None)
    if income and total is not None:
        total.setdefault("details", {}).update(income)


def _header(stream: Stream, start: int, stop: int):
    """A run of funds-column words: (begin, end, [(role, header text)])."""
    index = start
    while index < stop:
        if money_role(stream.text(index)) is None or field_of(stream.text(index)):
            index += 1
            continue
        columns: list[tuple[str, str]] = []
        end = index
        while end < stop:
            text = stream.text(end)
            role = money_role(text)
            if role is not None and not field_of(text):
                columns.append((role, text))
                end += 1
            elif _filler(text):
                # blank header cells, the Fujian form's formula labels (④ = ①+②+③), (%) or (A):
                # passed over when the header goes on after them
                ahead = end
                while ahead < stop and _filler(stream.text(ahead)):
                    ahead += 1
                going_on = ahead < stop and (money_role(stream.text(ahead)) is not None or (
                    columns and _other_column(stream.text(ahead)) and _role_follows(stream, ahead + 1, stop)))
                if going_on and ahead - end <= 24:
                    end = ahead
                else:
                    break
            elif columns and _other_column(text) and _role_follows(stream, end + 1, stop):
                columns.append(("other", text))  # a column the form names in its own words (统筹整合资金数)
                end += 1
            else:
                break
        columns = _split_combined(columns)
        roles = {role for role, _ in columns}
        if "subtotal" in roles and "full_year" not in roles:
            # ④ 小计 = ①年初 + ②结转 + ③调整: the year's whole budget, where the form has no 全年预算数
            columns = [("full_year" if role == "subtotal" else role, text) for role, text in columns]
            roles = {role for role, _ in columns}
        if len(columns) >= 3 and roles & {"full_year", "executed", "initial"}:
            return index, end, columns
        index = end + 1
    return None


def _other_column(text: str) -> bool:
    flat = normal(text)
    return 2 <= len(flat) <= 14 and not re.search(r"\d", flat) and not field_of(text) and flat not in _SECTIONS \
        and not indicator_role(text) and not MONEY_TOTAL_ROW.match(flat)


def _role_follows(stream: Stream, index: int, stop: int, others: int = 3) -> bool:
    """Whether a funds header word comes next, past fillers and a few columns named in the form's
    own words."""
    ahead = index
    while ahead < stop and ahead - index <= 40:
        text = stream.text(ahead)
        if money_role(text) is not None:
            return True
        if _filler(text):
            ahead += 1
        elif others and _other_column(text):
            others -= 1
            ahead += 1
        else:
            return False
    return False


def _filler(text: str) -> bool:
    flat = text.strip()
    return not flat or bool(_FORMULA.match(flat)) or bool(re.fullmatch(r"[（(]([%％万元]{1,2}|[A-Z][/×÷A-Z0-9%]*)[)）]", flat))


def _split_combined(columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``执行率得分`` is one Chongqing column (the budget line's score) — or 执行率 and 得分 run
    together when the header has no 执行率 of its own."""
    if any(role == "execution_rate" for role, _ in columns):
        return columns
    out = []
    for role, text in columns:
        if normal(text).startswith("执行率得分"):
            out += [("execution_rate", "执行率"), ("score", "得分")]
        else:
            out.append((role, text))
    return out


def _unit_and_points(stream: Stream, begin: int, end: int) -> tuple[str | None, str | None]:
    """The unit written beside the block (项目资金（万元）, 单位：元) and the block's points (20分)."""
    unit = points = None
    before = [i for i in range(max(0, begin - 40), begin) if stream.text(i).strip()][-4:]
    for index in before + list(range(begin, end)):
        text = stream.text(index)
        found = _UNIT.search(text.replace(" ", "")) if ("元" in text and ("(" in text or "（" in text or "单位" in text)) else None
        if found and unit is None:
            unit = found.group(1)
            stream.use(index) if index < begin and not re.search(r"\d", text.replace("分", "")) else None
        match = _POINTS.search(text)
        if match and points is None and index < begin:
            points = match.group(1)
    return unit, points


def _rows(stream: Stream, start: int, stop: int, columns) -> list[tuple[int, str, list[str]]]:
    """Rows after the header: a label, then its figures, until the next label or the block's end."""
    rows: list[tuple[int, str, list[str]]] = []
    leading: list[int] = []  # figures before any row's label: in scrambled text, a row's whose label comes later
    index = start
    current: tuple[int, str, list[str]] | None = None
    while index < stop and len(rows) < 12:
        text = stream.text(index)
        flat = normal(text)
        if _ends_block(text):
            break
        if is_blank(text) or is_figure(text):
            if current is not None:
                current[2].append(text)
                stream.use(index)
            elif not rows and not is_blank(text):
                leading.append(index)
            index += 1
            continue
        if len(flat) > 30 or money_role(text):
            break
        if _filler(text):
            stream.use(index)  # the header's formula labels and (%) left over below it
            index += 1
            continue
        if _BREAKDOWN.match(flat):
            current = None  # 按收入性质分:2030.12 — a breakdown with its figure, read below
            index += 1
            continue
        if flat in ("列次", "栏次"):
            current = None  # the form numbering its columns (列次 0 1 2 …), not a row of money
            stream.use(index)
            index += 1
            while index < stop and re.fullmatch(r"\d{1,2}", stream.text(index).strip()):
                stream.use(index)
                index += 1
            continue
        current = (index, text, [])
        rows.append(current)
        stream.use(index)
        index += 1
    # a row with no figure is a funds row only when its label says so (其他资金 left empty);
    # other words after the header are the header's own (佐证材料, 所需材料)
    kept = []
    for row in rows:
        if any(not is_blank(v) for v in row[2]) or MONEY_PART_ROW.match(normal(row[1])) or MONEY_TOTAL_ROW.match(normal(row[1])):
            kept.append(row)
        else:
            stream.used.discard(row[0])
    while kept and not any(not is_blank(v) for v in kept[-1][2]) and not any(any(not is_blank(v) for v in r[2]) for r in kept) and not leading:
        stream.used.discard(kept.pop()[0])
    return kept, leading


def _ends_block(text: str) -> bool:
    flat = normal(text)
    if not flat:
        return False
    if flat in _SECTIONS or field_of(text) or category_levels(text):
        return True
    role = indicator_role(text)
    return role in ("category", "subcategory", "name", "target", "actual") or flat.startswith(("年度总体目标", "绩效目标", "资金管理"))


def _value(role: str, text: str, label: str, draft: Draft, unit: str | None) -> str | None:
    if is_blank(text):
        return None
    if role in RATE_ROLES:
        value = rate(text)
    elif role in ("weight", "score"):
        value = number(text, allow_unit=False, allow_points=True)
    else:
        value = number(text, header_unit=unit)
    if value.ok and role in ("weight", "score") and not Decimal(0) <= Decimal(value.text) <= POINTS_LIMIT:
        # a figure no score can be: another column's number the text has moved here
        draft.note(f"资金表“{one_line(label)}”一行的{ROLE_NAMES[role]}“{short(text)}”超出分值的范围（0～1000），未写入")
        return None
    if value.ok and role not in RATE_ROLES and role not in ("weight", "score") and abs(Decimal(value.text)) >= MONEY_LIMIT:
        draft.note(f"资金表“{one_line(label)}”一行的“{short(text)}”大得不像金额，未写入")
        return None
    if value.ok:
        if value.problem:
            draft.note(f"资金表“{one_line(label)}”：{value.problem}")
        return value.text
    if value.problem:
        draft.note(f"资金表“{one_line(label)}”一行的“{short(text)}”未能写入（{value.problem}）")
    return None
