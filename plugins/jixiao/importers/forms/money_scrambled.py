"""Funds figures a PDF's text layer moved away from their row (its drawing order, not its reading
order): the total row's figures printed before its label, or one of them among other labels.
They are given back only where the text allows one reading — the columns that can hold them, or
the row's own arithmetic (执行率 = 执行数 ÷ 预算数, 得分 = 执行率 × 分值) — and noted.
"""

from __future__ import annotations

from decimal import Decimal

from ..cells import number, one_line, rate
from ..draft import Draft
from ..tables.kinds import is_blank
from ..tables.vocabulary import MONEY_TOTAL_ROW, field_of, money_role, normal
from .money_columns import ROLE_NAMES, feasible, is_figure, to_decimal
from .stream import Stream


def give_leading_figures(stream: Stream, rows, leading: list[int], begin: int, roles: list[str], draft: Draft):
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
    size = next((k for k in range(min(len(roles), len(texts)), 0, -1) if feasible(texts[:k], roles)), 0)
    if size:
        total[2].extend(texts[:size])
        stream.use(*leading[:size])
        draft.note(f"资金表“{one_line(total[1])}”一行的数字（{'、'.join(texts[:size])}）在原件中与这一行的名称分开了"
                   "（PDF 文字次序错乱），按各栏能容纳的数字归入这一行，请核对")
    return [total] + [row for row in rows if row is not total]


def header_words_before(stream: Stream, begin: int, columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
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
    budget = to_decimal(total.get("full_year") or total.get("initial"))
    if not missing or not budget:
        return
    candidates = [i for i in stream.unused() if is_figure(stream.text(i))][:40]
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
    placed = "、".join(f"{ROLE_NAMES[role]} {stream.text(index)}" for role, index in chosen.items())
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
            options[role] = [None, *(i for i in plain if (to_decimal(stream.text(i)) or 1000) <= 100)]
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


def _confirmed(total: dict, new: dict[str, str], budget: Decimal) -> bool:
    """Every new figure stands in an equation of the row that holds."""
    values = {role: to_decimal(total.get(role)) for role in _DISPLACEABLE if total.get(role) is not None}
    for role, text in new.items():
        is_rate = text.strip().endswith(("%", "％"))
        if (role == "execution_rate") != is_rate:
            return False
        values[role] = to_decimal(text.replace("％", "%"))
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
