"""Placing a funds row's figures in its columns: which figure is an amount, a rate or a score.

A Word table keeps every cell, so a figure stands in its column. Flattened text drops empty cells
and glues figures together (194.9194.9, 303010100%), so a row's figures are placed by what they
are, in the header's order, and among the readings the one whose own arithmetic holds is taken:
the printed rate is 执行数 ÷ 预算数, the score is 执行率 × 分值, a lettered rate (D/C×100%) is its
columns' quotient. Where the reading was a choice, the caller notes it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from itertools import combinations

from ..cells import one_line
from ..tables.kinds import is_blank, is_number, is_percent
from .stream import Stream

AMOUNT_ROLES = {"initial", "full_year", "executed", "adjustment", "carried_in", "subtotal", "appropriated", "balance"}


RATE_ROLES = {"execution_rate", "balance_rate", "arrival_rate"}


def feasible(values: list[str], roles: list[str]) -> bool:
    """Whether a row's figures can stand, in their order, in some of its columns."""
    values = [v for v in values if not is_blank(v)] or values
    if len(values) > len(roles):
        return False
    return any(all(_fit(roles[p], v) != float("-inf") for p, v in zip(positions, values))
               for positions in combinations(range(len(roles)), len(values)))


def is_figure(text: str) -> bool:
    flat = text.strip().replace(" ", "").replace(",", "")
    return bool(re.fullmatch(r"[+-]?\d+(\.\d+)*%?", flat)) or flat.endswith("分") and is_number(flat[:-1])


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
        dropped = [placed.pop(i) for i in list(placed) if roles[i] in AMOUNT_ROLES]
        if dropped:
            split_note += f"；其中的金额（{'、'.join(dropped)}）拆法无法由执行率核实，未写入，请对照原件补录"
    missing = [i for i in range(len(roles)) if i not in placed]
    note = split_note
    filled = {i: v for i, v in placed.items() if not is_blank(v)}
    if missing and placed and len(values) < len(roles) and any(roles[i] in AMOUNT_ROLES for i in missing):
        gaps = "、".join(ROLE_NAMES.get(roles[i], roles[i]) for i in missing)
        note = "；".join(filter(None, [note, f"原件这一行少了数字（{gaps} 一栏空缺），按数字的性质和执行率核对后归位，请核对"]))
    return filled, note


ROLE_NAMES = {"initial": "年初预算数", "full_year": "全年预算数", "executed": "全年执行数", "weight": "分值",
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
    if role in RATE_ROLES:
        if percent:
            return 3.0 if float(flat.rstrip("%％")) <= 200 else float("-inf")
        return 0.4 if numeric and float(flat) <= 200 else float("-inf")
    if role in AMOUNT_ROLES:
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


def formulas(stream: Stream, begin: int, end: int, stop: int, columns) -> dict[int, tuple[int, int]]:
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
            if top in letters and bottom in letters and columns[column][0] in RATE_ROLES}


def column_name(header_text: str) -> str:
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
        rate_, numerator, denominator = (to_decimal(placed.get(i)) for i in (column, top, bottom))
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


def to_decimal(text) -> Decimal | None:
    try:
        return Decimal(str(text).replace(",", "").replace("％", "%").rstrip("%")) if text not in (None, "") else None
    except InvalidOperation:
        return None
