"""The funds block of a form (项目资金 / 预算执行情况 / 资金投入情况): its columns and rows.

The header's words name the columns (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分, and
their synonyms), each row starts with its label (年度资金总额, 其中：当年财政拨款, 上年结转资金…)
and its figures follow. A Word table gives every cell, empty ones included, so figures stand in
their columns; flattened text may drop empty cells and glue figures together, so figures are
placed by what they are — an amount, a rate, a small score — in the header's order, and a reading
whose printed rate matches 执行数 ÷ 预算数 is preferred. Where a reading is a choice, it is noted.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from itertools import combinations

from ...record.model import MONEY_LIMIT, POINTS_LIMIT
from ..cells import number, one_line, rate, short
from ..draft import Draft
from ..tables.kinds import is_blank, is_number, is_percent
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
from .stream import Stream

_AMOUNT_ROLES = {"initial", "full_year", "executed", "adjustment", "carried_in", "subtotal", "appropriated", "balance"}
_RATE_ROLES = {"execution_rate", "balance_rate", "arrival_rate"}
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
    formulas = _formulas(stream, begin, end, stop, columns)
    rows, leading = _rows(stream, end, stop, columns)
    if leading and not stream.cells[leading[0]].positional:
        columns = _header_words_before(stream, begin, columns)
        rows = _give_leading_figures(stream, rows, leading, begin, [role for role, _ in columns], draft)
    funding: list[dict] = []
    budget: dict = {}
    for label_index, label, values in rows:
        positional = stream.cells[label_index].positional
        placed, how = align(values, [role for role, _ in columns], positional, formulas)
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
                details[_column_name(header_text)] = text
        if item.get("total") and "weight" not in item and weight:
            item["weight"] = weight
        if details:
            item["details"] = details
        if how:
            draft.note(f"资金表“{one_line(label)}”一行：{how}")
        funding.append(item)
    after = rows[-1][0] + 1 if rows else end
    _breakdowns(stream, end, stop, funding, draft)
    if funding:
        draft.put("funding", funding)
    if budget:
        draft.put("budget", budget)
    return after


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
        if is_blank(text) or _figure(text):
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


def _give_leading_figures(stream: Stream, rows, leading: list[int], begin: int, roles: list[str], draft: Draft):
    """A PDF's text layer may set the total row's figures straight after the header and its label
    (年度资金总额) further on, or just before the header, with nothing after it. The figures go to
    that row, as long a run as its columns can hold (an amount is no score, a score no rate). The
    figures after them are left for :func:`place_displaced` and the leftovers: which part row
    (其中:当年财政拨款 …) they belong to the text does not say."""
    total = next((row for row in rows if MONEY_TOTAL_ROW.match(normal(row[1])) and not any(not is_blank(v) for v in row[2])), None)
    if total is None and not any(MONEY_TOTAL_ROW.match(normal(row[1])) for row in rows):
        before = next((i for i in _just_before(stream, begin) if MONEY_TOTAL_ROW.fullmatch(normal(stream.text(i)))), None)
        if before is not None:
            total = (before, stream.text(before), [])
            stream.use(before)
            rows = [total, *rows]
    if total is None:
        return rows
    texts = [stream.text(i) for i in leading]
    size = next((k for k in range(min(len(roles), len(texts)), 0, -1) if _feasible(texts[:k], roles)), 0)
    if size:
        total[2].extend(texts[:size])
        stream.use(*leading[:size])
        draft.note(f"资金表“{one_line(total[1])}”一行的数字（{'、'.join(texts[:size])}）在原件中与这一行的名称分开了"
                   "（PDF 文字次序错乱），按各栏能容纳的数字归入这一行，请核对")
    return [total] + [row for row in rows if row is not total]


def _header_words_before(stream: Stream, begin: int, columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """年初预算数 set apart from the rest of its header (with its figure after it, and other
    labels between) still heads the first column: the forms put it before 全年预算数."""
    if not columns or columns[0][0] != "full_year" or any(role == "initial" for role, _ in columns):
        return columns
    for index in _just_before(stream, begin):
        if money_role(stream.text(index)) == "initial" and not field_of(stream.text(index)):
            stream.use(index)
            return [("initial", stream.text(index)), *columns]
    return columns


def _just_before(stream: Stream, begin: int, most: int = 8) -> list[int]:
    """Of the last few cells with text before ``begin``, those nothing took, nearest first."""
    found = []
    index = begin - 1
    seen = 0
    while index >= 0 and seen < most:
        if stream.text(index).strip():
            seen += 1
            if index not in stream.used:
                found.append(index)
        index -= 1
    return found


def _feasible(values: list[str], roles: list[str]) -> bool:
    """Whether a row's figures can stand, in their order, in some of its columns."""
    values = [v for v in values if not is_blank(v)] or values
    if len(values) > len(roles):
        return False
    return any(all(_fit(roles[p], v) != float("-inf") for p, v in zip(positions, values))
               for positions in combinations(range(len(roles)), len(values)))


def _figure(text: str) -> bool:
    flat = text.strip().replace(" ", "").replace(",", "")
    return bool(re.fullmatch(r"[+-]?\d+(\.\d+)*%?", flat)) or flat.endswith("分") and is_number(flat[:-1])


def _ends_block(text: str) -> bool:
    flat = normal(text)
    if not flat:
        return False
    if flat in _SECTIONS or field_of(text) or category_levels(text):
        return True
    role = indicator_role(text)
    return role in ("category", "subcategory", "name", "target", "actual") or flat.startswith(("年度总体目标", "绩效目标", "资金管理"))


# --- placing figures in their columns ---


def align(values: list[str], roles: list[str], positional: bool = True,
          formulas: dict[int, tuple[int, int]] | None = None) -> tuple[dict[int, str], str]:
    """Column position → text for a row's figures; and a note when the placing was a choice.
    ``positional``: the row comes from a real table, where an empty cell holds its column; in
    flattened text, blanks at the end are only the row's padding."""
    values = [v.strip() for v in values]
    if not positional:
        # in flattened text an empty cell is as likely padding as a column: figures are placed
        # by what they are, in order
        values = [v for v in values if not is_blank(v)]
    while values and is_blank(values[-1]) and len(values) > len(roles):
        values.pop()
    if roles and roles[0] == "line_number" and values and re.fullmatch(r"\d{1,2}", values[0]) and len(values) < len(roles):
        # 行次: the row's number comes first; the figures after it are the row's
        shifted = {r - 1: (a - 1, b - 1) for r, (a, b) in (formulas or {}).items() if min(r, a, b) >= 1}
        rest, how = align(values[1:], roles[1:], positional, shifted)
        return {0: values[0], **{i + 1: v for i, v in rest.items()}}, how
    if len(values) == len(roles):
        return {i: v for i, v in enumerate(values) if not is_blank(v)}, ""
    if len(values) > len(roles):
        extra = "、".join(values[len(roles):])
        return {i: v for i, v in enumerate(values[: len(roles)]) if not is_blank(v)}, f"多出的“{extra}”没有对应的栏目，未写入"
    best: tuple[float, dict[int, str], str] | None = None
    for candidate, split_note in _alternatives(values, len(roles)):
        if len(candidate) > len(roles):
            continue
        for positions in combinations(range(len(roles)), len(candidate)):  # noqa: B007
            score = sum(_fit(roles[p], v) for p, v in zip(positions, candidate))
            if score == float("-inf"):
                continue
            placed = dict(zip(positions, candidate))
            extra = len(candidate) - len(values)
            score += _consistent(placed, roles) + _formulas_hold(placed, formulas) - 2.0 * extra
            if best is None or score > best[0]:
                best = (score, placed, split_note)
    if best is None:
        return {i: v for i, v in enumerate(values) if not is_blank(v)}, "数字与栏目对不上，按顺序照录，请核对"
    _, placed, split_note = best
    if split_note and not _amounts_agree(placed, roles):
        # amounts cut out of a glued run that 执行数 ÷ 预算数 does not confirm are a guess: left out
        dropped = [placed.pop(i) for i in list(placed) if roles[i] in _AMOUNT_ROLES]
        if dropped:
            split_note += f"；其中的金额（{'、'.join(dropped)}）拆法无法由执行率核实，未写入，请对照原件补录"
    missing = [i for i in range(len(roles)) if i not in placed]
    note = split_note
    filled = {i: v for i, v in placed.items() if not is_blank(v)}
    if missing and placed and len(values) < len(roles) and any(roles[i] in _AMOUNT_ROLES for i in missing):
        gaps = "、".join(_ROLE_NAMES.get(roles[i], roles[i]) for i in missing)
        note = "；".join(filter(None, [note, f"原件这一行少了数字（{gaps} 一栏空缺），按数字的性质和执行率核对后归位，请核对"]))
    return filled, note


_ROLE_NAMES = {"initial": "年初预算数", "full_year": "全年预算数", "executed": "全年执行数", "weight": "分值",
               "execution_rate": "执行率", "score": "得分", "adjustment": "调整数", "appropriated": "到位资金",
               "balance": "结余", "subtotal": "小计", "carried_in": "上年结转"}


def _alternatives(values: list[str], width: int):
    """The row as written and, for figures glued together (194.9194.9, 303010100%), ways to cut them."""
    yield values, ""
    for index, value in enumerate(values):
        flat = value.replace(" ", "")
        if not re.fullmatch(r"[\d.]{3,}%?", flat):
            continue
        for parts in _glued_splits(flat, width - (len(values) - 1)):
            yield values[:index] + parts + values[index + 1:], f"原件数字连写作“{value}”，读作 {' | '.join(parts)}"


def _glued_splits(text: str, most: int):
    """Cuts of a run of figures into numbers with at most one decimal point and two decimals each;
    a trailing % belongs to the last."""
    percent = text.endswith("%")
    digits = text[:-1] if percent else text
    found = []

    def walk(rest: str, parts: list[str]):
        if len(parts) > most or len(found) >= 600:
            return
        if not rest:
            if len(parts) >= 2:
                found.append(parts[:-1] + [parts[-1] + "%"] if percent else parts)
            return
        for end in range(1, len(rest) + 1):
            head = rest[:end]
            if not re.fullmatch(r"(0|[1-9]\d*)(\.\d{1,2})?", head):
                continue
            walk(rest[end:], [*parts, head])

    walk(digits, [])
    return found


def _fit(role: str, text: str) -> float:
    if is_blank(text):
        return 0.3
    flat = text.replace(" ", "").replace(",", "")
    percent = is_percent(flat)
    numeric = is_number(flat)
    if role in _RATE_ROLES:
        if percent:
            return 3.0 if float(flat.rstrip("%％")) <= 200 else float("-inf")
        return 0.4 if numeric and float(flat) <= 200 else float("-inf")
    if role in _AMOUNT_ROLES:
        return 2.0 if numeric else float("-inf")
    if role in ("weight", "score"):
        if numeric and float(flat) <= 100:
            # a weight is set in whole points (10, 20); a figure with decimals is likelier the score
            return 0.8 if role == "weight" and Decimal(flat) != Decimal(flat).to_integral_value() else 1.0
        return float("-inf")
    if role == "line_number":
        return 0.8 if re.fullmatch(r"\d{1,2}", flat) else float("-inf")
    if role == "other":
        return 0.2
    return 0.5 if numeric or percent else 0.0


def _amounts_agree(placed: dict[int, str], roles: list[str]) -> bool:
    """Whether a row's amounts are confirmed by its printed rate (or there is nothing to confirm)."""
    by_role = {roles[i]: v.replace(",", "").rstrip("%") for i, v in placed.items() if not is_blank(v)}
    amounts = [by_role[role] for role in ("initial", "full_year", "executed") if role in by_role]
    if len(set(amounts)) <= 1:
        return True  # nothing cut, or every amount alike (30 | 30)
    try:
        executed = Decimal(by_role["executed"])
        budget = Decimal(by_role.get("full_year") or by_role["initial"])
        printed = Decimal(by_role["execution_rate"])
    except (KeyError, InvalidOperation):
        return False  # different amounts cut from one run, and no rate to confirm them
    return budget != 0 and abs(executed / budget * 100 - printed) <= 1


_LETTER = re.compile(r"^[（(]([A-Z])[)）]")
_TRAILING_LETTER = re.compile(r"[（(]([A-Z])[)）]$")
_FORMULA_GLUED = re.compile(r"[（(]([A-Z])\s*/\s*([A-Z])\s*(?:[×*]\s*100\s*[%％])?[)）]$")
_FORMULA_CELL = re.compile(r"^[（(]([A-Z])\s*/\s*([A-Z])\s*(?:[×*]\s*100\s*[%％])?[)）]$")


def _formulas(stream: Stream, begin: int, end: int, stop: int, columns) -> dict[int, tuple[int, int]]:
    """Sichuan's and Fujian's forms letter their columns — 全年预算数 (A), 扣除…后预算金额 (C),
    全年到位资金 (D), 预算到位 (D/C×100%) — and the letters say which columns a rate is made of:
    rate column → (numerator column, denominator column). Letters the text glued to the next
    word ("(C)全年到位资金(D)") still belong to the column they follow."""
    letters: dict[str, int] = {}
    written: dict[int, tuple[str, str]] = {}
    current = -1
    index = begin
    ahead = 0
    while index < stop and (index < end or ahead < 3):
        text = stream.text(index).strip().replace(" ", "")
        if index >= end:
            if not text:
                index += 1
                continue
            ahead += 1
        if current + 1 < len(columns) and text == columns[current + 1][1].strip().replace(" ", ""):
            lead = _LETTER.match(text)
            if lead and current >= 0:
                letters.setdefault(lead.group(1), current)
            current += 1
            trail = _TRAILING_LETTER.search(text)
            if trail and trail.start() > 0:
                letters.setdefault(trail.group(1), current)
            glued = _FORMULA_GLUED.search(text)
            if glued and glued.start() > 0:
                written[current] = (glued.group(1), glued.group(2))
        elif (formula := _FORMULA_CELL.match(text)) and current >= 0:
            written[current] = (formula.group(1), formula.group(2))
        elif (single := _LETTER.fullmatch(text) if len(text) <= 3 else None) and current >= 0:
            letters.setdefault(single.group(1), current)
        elif index >= end:
            break
        index += 1
    return {column: (letters[top], letters[bottom]) for column, (top, bottom) in written.items()
            if top in letters and bottom in letters and columns[column][0] in _RATE_ROLES}


def _column_name(header_text: str) -> str:
    """The column's words without the letters the form numbers it by: (C)全年到位资金(D) → 全年到位资金."""
    name = _FORMULA_GLUED.sub("", one_line(header_text).strip())
    name = _TRAILING_LETTER.sub("", _LETTER.sub("", name)).strip()
    return name or one_line(header_text)


def _formulas_hold(placed: dict[int, str], formulas: dict[int, tuple[int, int]] | None) -> float:
    """A placing in which each lettered rate is its columns' quotient is the likelier one."""
    bonus = 0.0
    for column, (top, bottom) in (formulas or {}).items():
        if column not in placed:
            continue
        rate_, numerator, denominator = (_decimal(placed.get(i)) for i in (column, top, bottom))
        if rate_ is None:
            continue
        if numerator is None or denominator is None:
            bonus -= 1.0  # the columns the rate is made of cannot be empty
        elif denominator and abs(numerator / denominator * 100 - rate_) <= (Decimal(1) if rate_ >= 5 else Decimal("0.001")):
            bonus += 2.5  # as in _consistent: a unit's rounding is forgiven, a tiny rate must match
    return bonus


def _consistent(placed: dict[int, str], roles: list[str]) -> float:
    """A reading in which the row's own arithmetic holds is the likelier one: the printed rate is
    执行数 ÷ 预算数, the score is 执行率 × 分值 (to its decimals), the score is not above 分值."""
    by_role = {roles[i]: v.replace(",", "").rstrip("%") for i, v in placed.items() if not is_blank(v)}
    bonus = 0.0
    try:
        values = {role: Decimal(text) for role, text in by_role.items() if re.fullmatch(r"[+-]?\d+(\.\d+)?", text)}
    except InvalidOperation:
        return bonus
    executed, budget, printed = values.get("executed"), values.get("full_year") or values.get("initial"), values.get("execution_rate")
    if executed is not None and budget and printed is not None:
        tolerance = Decimal(1) if printed >= 5 else Decimal("0.001")  # a tiny rate must match exactly
        if abs(executed / budget * 100 - printed) <= tolerance:
            bonus += 2.0
    amounts = [values[role] for role in ("initial", "full_year", "executed") if role in values]
    if len(amounts) >= 2:
        bonus += 1.0 * sum(1 for a, b in zip(amounts, amounts[1:]) if a == b)  # budgets are mostly unchanged
        low, high = min(amounts), max(amounts)
        if low > 0 and high / low > 20:
            bonus -= 1.5  # one row's amounts are of one size
    weight, score = values.get("weight"), values.get("score")
    if weight is not None and score is not None:
        if score > weight:
            bonus -= 2.0
        elif printed is not None and abs(printed * weight / 100 - score) <= Decimal("0.06"):
            bonus += 3.0
    return bonus


def _value(role: str, text: str, label: str, draft: Draft, unit: str | None) -> str | None:
    if is_blank(text):
        return None
    if role in _RATE_ROLES:
        value = rate(text)
    elif role in ("weight", "score"):
        value = number(text, allow_unit=False, allow_points=True)
    else:
        value = number(text, header_unit=unit)
    if value.ok and role in ("weight", "score") and not Decimal(0) <= Decimal(value.text) <= POINTS_LIMIT:
        # a figure no score can be: another column's number the text has moved here
        draft.note(f"资金表“{one_line(label)}”一行的{_ROLE_NAMES[role]}“{short(text)}”超出分值的范围（0～1000），未写入")
        return None
    if value.ok and role not in _RATE_ROLES and role not in ("weight", "score") and abs(Decimal(value.text)) >= MONEY_LIMIT:
        draft.note(f"资金表“{one_line(label)}”一行的“{short(text)}”大得不像金额，未写入")
        return None
    if value.ok:
        if value.problem:
            draft.note(f"资金表“{one_line(label)}”：{value.problem}")
        return value.text
    if value.problem:
        draft.note(f"资金表“{one_line(label)}”一行的“{short(text)}”未能写入（{value.problem}）")
    return None


# --- figures the text moved away from their row ---

_DISPLACEABLE = ("executed", "execution_rate", "weight", "score")


def place_displaced(stream: Stream, draft: Draft) -> None:
    """In a PDF's scrambled text a funds row's 执行数, 执行率 or 分值 may land among other
    labels (after 实施单位, 总体目标). When the total row lacks them and figures nobody took are
    left over, a figure is placed only where the row's own arithmetic confirms it — 执行率 =
    执行数 ÷ 预算数, 得分 = 执行率 × 分值 — and where exactly one way of placing them does."""
    funding = draft.fields.get("funding") or []
    total = next((row for row in funding if row.get("total")), None)
    if total is None or any(stream.cells[i].positional for i in range(len(stream)) if stream.cells[i].in_table):
        return
    missing = [role for role in _DISPLACEABLE if role not in total]
    budget = _decimal(total.get("full_year") or total.get("initial"))
    if not missing or not budget:
        return
    candidates = [i for i in stream.unused() if _figure(stream.text(i))][:40]
    readings = _readings(total, missing, candidates, stream, budget)
    if not readings:
        return
    size = max(len(reading) for reading in readings)
    widest = {tuple(sorted((role, stream.text(i)) for role, i in reading.items())) for reading in readings if len(reading) == size}
    if len(widest) > 1:
        return  # two readings confirmed alike: left to the reviewer
    chosen = next(reading for reading in readings if len(reading) == size)
    for role, index in chosen.items():
        text = stream.text(index)
        total[role] = rate(text).text if role == "execution_rate" else number(text, allow_unit=False, allow_points=role != "executed").text
        stream.use(index)
    placed = "、".join(f"{_ROLE_NAMES[role]} {stream.text(index)}" for role, index in chosen.items())
    draft.note(f"资金表“{total.get('source', '')}”一行的{placed}，在原件中离开了这一行（PDF 文字次序错乱），"
               "按 执行率 = 执行数 ÷ 预算数、得分 = 执行率 × 分值 核对后归位，请核对")


def _readings(total: dict, missing: list[str], candidates: list[int], stream: Stream, budget: Decimal) -> list[dict[str, int]]:
    """Every placing of left-over figures in the missing columns that the row's arithmetic
    confirms; each figure is tried only in a column of its kind, so this stays small."""
    percents = [i for i in candidates if stream.text(i).strip().endswith(("%", "％"))]
    plain = [i for i in candidates if i not in percents]
    options: dict[str, list[int | None]] = {}
    for role in _DISPLACEABLE:
        if role not in missing:
            options[role] = [None]
        elif role == "execution_rate":
            options[role] = [None, *percents]
        elif role == "executed":
            options[role] = [None, *plain]
        else:
            options[role] = [None, *(i for i in plain if (_decimal(stream.text(i)) or 1000) <= 100)]
    found: list[dict[str, int]] = []
    for executed in options["executed"]:
        for printed in options["execution_rate"]:
            if executed is not None and printed is None and "execution_rate" in missing:
                continue  # an amount is confirmed only by a rate
            first = {role: i for role, i in (("executed", executed), ("execution_rate", printed)) if i is not None}
            if first and not _confirmed(total, {r: stream.text(i) for r, i in first.items()}, budget):
                continue
            for weight in options["weight"]:
                for score in options["score"]:
                    reading = {**first, **{r: i for r, i in (("weight", weight), ("score", score)) if i is not None}}
                    if not reading or len(set(reading.values())) < len(reading):
                        continue
                    if (weight is not None or score is not None) and not _confirmed(total, {r: stream.text(i) for r, i in reading.items()}, budget):
                        continue
                    found.append(reading)
    return found


def _decimal(text) -> Decimal | None:
    try:
        return Decimal(str(text).replace(",", "").replace("％", "%").rstrip("%")) if text not in (None, "") else None
    except InvalidOperation:
        return None


def _confirmed(total: dict, new: dict[str, str], budget: Decimal) -> bool:
    """Every new figure stands in an equation of the row that holds."""
    values = {role: _decimal(total.get(role)) for role in _DISPLACEABLE if total.get(role) is not None}
    for role, text in new.items():
        is_rate = text.strip().endswith(("%", "％"))
        if (role == "execution_rate") != is_rate:
            return False
        values[role] = _decimal(text.replace("％", "%"))
        if values[role] is None:
            return False
    executed, printed, weight, score = (values.get(role) for role in _DISPLACEABLE)
    confirmed: set[str] = set()
    if executed is not None and printed is not None and budget:
        if abs(executed / budget * 100 - printed) <= Decimal("0.05"):
            confirmed |= {"executed", "execution_rate"}
        else:
            return False
    if printed is not None and weight is not None and score is not None:
        if score <= weight and abs(printed * weight / 100 - score) <= Decimal("0.06"):
            confirmed |= {"execution_rate", "weight", "score"}
        else:
            return False
    return all(role in confirmed for role in new)
