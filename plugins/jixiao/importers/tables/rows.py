"""Rebuilding the rows of an indicator table from a flat run of cells.

Flattened text keeps the cells of a table but not always its rows: one cell per line, one per
paragraph, several rows on one line, or everything run together. What is left is the header —
its words say which column is which — and the cells in reading order. A row of a form is known
in shape: optional category cells (written once, on the first row of their group, and merged
below), the indicator's name, then its values in the header's order. This module finds the
reading of the cell run that fits that shape best, by dynamic programming over

- where each row starts (at the first column, or at the name when the category cells above it
  are merged down),
- which column each cell stands in (a cell dropped by the extraction leaves its column empty),
- and, for text run together with no separators at all, where one cell ends and the next begins:
  a name may be made of several pieces, and a run of digits may hold two numbers glued
  (``1010`` → 10 | 10) when nothing else fits the columns.

Breaks the text does show are used: a hard break (a row-end marker) always ends a row, a line
break is a likely row end. Cells that fit nowhere are returned as leftovers, never dropped
without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .kinds import IMPOSSIBLE, fit, is_blank, is_number, is_value
from .vocabulary import UNITS, category_levels, indicator_role, is_frame

NONE, SOFT, HARD = 0, 1, 2
_UNITS_DESC = sorted(UNITS, key=len, reverse=True)
_DIGIT_RUN = re.compile(r"^(?=.*\d.*\d)[\d.]{2,12}$")
_NUMERIC_ROLES = {"weight", "score", "review_score", "weighted_score", "target", "actual", "adjusted_target"}
_TEXT_ROLES = {"name", "note", "rule", "explanation", "target", "actual", "category", "subcategory"}


@dataclass
class Atom:
    text: str
    brk: int = NONE  # the break before this atom
    glued: bool = False  # from text run together: may join its neighbours or hold glued digits


@dataclass
class Rebuilt:
    rows: list[dict[int, str]] = field(default_factory=list)  # column → text, for each row
    leftovers: list[str] = field(default_factory=list)
    score: float = 0.0  # how well the reading fits (to compare readings under other headers)
    paired: bool = False  # rows paired by order: names and figures came apart in the text
    split_numbers: list[str] = field(default_factory=list)  # glued digit runs that were split
    paired_rows: list[int] = field(default_factory=list)  # rows of a block the text gave piecewise, paired by order


@dataclass(frozen=True)
class Layout:
    """What the flattened text keeps of a row, which sets what a reading may assume."""

    explicit_empties: bool = False  # every cell is there, empty ones included (one cell per line)
    rows_marked: bool = False  # row ends are marked (a run of pipes): a row never ends unmarked
    middle_skip: float = 0.35  # cost of a cell missing between two present ones


GLUED = Layout()
EXPLICIT = Layout(explicit_empties=True, middle_skip=1.2)
PARAGRAPHS = Layout(middle_skip=1.0)  # a web page's cells one per paragraph: empty cells kept, merged ones not
MARKED = Layout(rows_marked=True, middle_skip=1.0)
BORDERED = Layout(middle_skip=1.0)


def segment(atoms: list[Atom], roles: list[str], layout: Layout = GLUED) -> Rebuilt:
    """The rows of ``atoms`` under a header whose columns have ``roles``."""
    explicit_empties = layout.explicit_empties
    width = len(roles)
    if not atoms or not width:
        return Rebuilt()
    name_col = roles.index("name") if "name" in roles else next(
        (i for i, role in enumerate(roles) if role not in ("frame", "category", "subcategory")), 0)
    skip_cost = layout.middle_skip
    start_cols = [c for c in range(name_col + 1)]
    n = len(atoms)
    # best[i][c]: best score with atoms[:i] read and the row's next free column c (c = -1: between rows)
    NEG = IMPOSSIBLE
    best: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    back: list[dict[int, tuple]] = [dict() for _ in range(n + 1)]
    rows_started = [dict() for _ in range(n + 1)]  # whether any row was started yet (first row has nothing above)
    best[0][-1] = 0.0
    rows_started[0][-1] = False

    def offer(i: int, c: int, score: float, how: tuple, started: bool) -> None:
        if score > best[i].get(c, NEG):
            best[i][c] = score
            back[i][c] = how
            rows_started[i][c] = started

    for i in range(n + 1):
        # end a row: settle it before anything at this position is placed
        for c in sorted(k for k in best[i] if k >= 0):
            score = best[i][c]
            if c <= name_col:
                continue  # a row needs its name
            trailing = sum(1 for col in range(c, width) if roles[col] in ("weight", "target", "actual"))
            trailing += sum(4 for col in range(c, width) if roles[col] == "score" and "weight" in roles[:c]) / 4
            # a row of nothing but its name is rare: likelier a name the text cut in two
            lone_name = (1.5 if atoms[i - 1].glued else 0.5) if c == name_col + 1 and i > 0 else 0.0
            if i == n:
                cost = 0.0
            else:
                brk = atoms[i].brk
                if brk == HARD:
                    cost = 0.3
                elif layout.rows_marked:
                    cost = -3.0
                else:
                    cost = 0.0 if brk == SOFT else (-0.2 if atoms[i].glued else -0.6)
            offer(i, -1, score + cost - 0.25 * trailing - lone_name, ("end", c), True)
        if i == n:
            break
        atom = atoms[i]
        for c, score in list(best[i].items()):
            started = rows_started[i][c]
            if c >= 0 and atom.brk == HARD:
                continue  # a hard break ends the row
            # a cell that fits nowhere: skipped and reported (an empty one costs nearly nothing:
            # extractions leave blank cells in the padding at a row's end)
            # (so is the frame's 绩效指标 where run-together text drops it between two rows)
            cheap = is_blank(atom.text) or is_frame(atom.text.replace(" ", "")) or bool(indicator_role(atom.text))
            offer(i + 1, c, score - (0.1 if cheap else 3.0), ("skip", c), started)
            targets = start_cols if c == -1 else range(c, width)
            for j, text, extra in _cells(atoms, i, atom.glued):
                for t in targets:
                    role = roles[t]
                    if 0 <= c <= name_col < t:
                        continue  # a row has its name: the name column is never skipped
                    if j - i > 1 and role not in _TEXT_ROLES:
                        continue
                    gain = fit(role, text)
                    if gain == IMPOSSIBLE:
                        continue
                    if c == -1:
                        # leading cells merged down from the row above are left out of the text;
                        # where the layout writes every cell, empty ones included, nothing is left out
                        omitted = [k for k in range(t) if roles[k] != "frame" or explicit_empties]
                        if explicit_empties:
                            penalty = skip_cost * len(omitted)
                        else:
                            penalty = 0.0 if started or not omitted else 1.5
                    else:
                        penalty = sum(skip_cost if roles[k] not in ("note", "rule", "explanation") else 0.1
                                      for k in range(c, t))
                    if role == "score" and c == t > 0 and roles[t - 1] == "weight" and i > 0 \
                            and atoms[i - 1].text.strip() == text.strip():
                        gain += 0.8  # full marks, the score equal to the weight beside it, is the usual row
                    offer(j, t + 1, score + gain + extra - penalty, ("cell", c, t, i, text), True)
            # a name with the next cells of its row run on (党性教育培训次数次 → 党性教育培训次数 | 次)
            if atom.glued and c >= -1:
                for t in (targets if c == -1 else range(c, width)):
                    if roles[t] != "name":
                        continue
                    for taken, head, pieces, bonus in _run_ons(atoms, i, roles, t):
                        gain = fit("name", head) + bonus
                        last = t
                        for col, text in pieces:
                            gain -= sum(skip_cost for _ in range(last + 1, col))
                            last = col
                        if gain > IMPOSSIBLE / 2:
                            offer(i + taken, last + 1, score + gain - 0.3, ("runon", c, t, head, pieces, taken), True)
            # a completed value with the reason for a shortfall run on: 无没有轮换、动用库存 → 无 | 没有轮换…
            if atom.glued and c >= 0:
                for t in range(c, width - 1):
                    if roles[t] not in ("actual", "target") or roles[t + 1] not in _REASON_ROLES:
                        continue
                    if 0 <= c <= name_col < t:
                        continue  # a row has its name
                    split = _value_then_reason(atom.text.strip())
                    if split is None:
                        continue
                    head, rest = split
                    gain = fit(roles[t], head) + fit(roles[t + 1], rest)
                    if gain == IMPOSSIBLE:
                        continue
                    skipped = sum(skip_cost for _ in range(c, t))
                    offer(i + 1, t + 2, score + gain - skipped - 0.3, ("valuesplit", c, t, head, rest), True)
            # glued digits: one run holding two to four numbers in consecutive numeric columns
            if atom.glued and _DIGIT_RUN.match(atom.text.strip()) and c >= 0:
                for parts in _splits(atom.text.strip()):
                    for first in range(c, width - len(parts) + 1):
                        cols = list(range(first, first + len(parts)))
                        if any(roles[k] not in _NUMERIC_ROLES for k in cols):
                            continue
                        if 0 <= c <= name_col < first:
                            continue
                        gain = sum(fit(roles[k], part) for k, part in zip(cols, parts))
                        if gain == IMPOSSIBLE:
                            continue
                        skipped = sum(skip_cost for _ in range(c, first))
                        offer(i + 1, cols[-1] + 1,
                              score + gain - skipped - 0.8 * (len(parts) - 1) + _plausible(parts, [roles[k] for k in cols]),
                              ("split", c, cols, parts), True)
    final = max(best[n].items(), key=lambda item: item[1], default=None)
    if final is None:
        return Rebuilt(leftovers=[atom.text for atom in atoms])
    result = _trace(back, atoms, n, -1 if -1 in best[n] else final[0])
    result.score = best[n].get(-1, final[1])
    result.rows = [_settle_adjusted(row, roles) for row in result.rows]
    return result


def _settle_adjusted(row: dict[int, str], roles: list[str]) -> dict[int, str]:
    """Two values under 年初指标值 | 调整指标值 | 实际完成值 are the target and the actual: a form
    writes an adjusted target only beside the target it changes, and never without the actual. A
    text that kept no empty cells cannot tell which of the three columns was blank; this can."""
    if not {"target", "adjusted_target", "actual"} <= set(roles):
        return row
    target, adjusted, actual = (roles.index(role) for role in ("target", "adjusted_target", "actual"))
    if not target < adjusted < actual or is_blank(row.get(adjusted, "")):
        return row
    if any(not is_blank(row.get(col, "")) for col in (*range(target + 1, adjusted), *range(adjusted + 1, actual))):
        return row  # something stands between the three: the text kept their places
    settled = dict(row)
    if is_blank(row.get(target, "")) and not is_blank(row.get(actual, "")):
        settled[target] = settled.pop(adjusted)
    elif is_blank(row.get(actual, "")) and not is_blank(row.get(target, "")):
        settled[actual] = settled.pop(adjusted)
    return settled


def _run_ons(atoms: list[Atom], i: int, roles: list[str], t: int):
    """Readings of a name cell that ran on into the next cells of its row, as run-together text
    and OCR leave them: (atoms taken, the name, [(column, cell)…], how much the reading is worth
    beyond the name's own fit).

    - its 计量单位: ``党性教育培训次数次`` → 党性教育培训次数 | 次;
    - its unit and the start of its target, the value ending in that unit as the row's values do:
      ``制作宣传品数量份第O份`` → … | 份 | 第O份; ``组织宣传活动次数次到`` ‖ ``0次`` → … | 次 | 到0次;
    - a unit the OCR garbled into lower-case letters: ``播发稿件数量tot扁`` → … | tot扁;
    - its 指标性质, the four characters of 定性指标 or 定量指标 in any order (OCR reads a narrow
      cell's two lines column by column): ``管理制度健全性性标定指`` → … | 性标定指.
    """
    text = atoms[i].text
    later = {}
    for col in range(t + 1, len(roles)):
        later.setdefault(roles[col], col)
    unit_col, nature_col, target_col = later.get("measure_unit"), later.get("nature"), later.get("target")
    following = atoms[i + 1] if i + 1 < len(atoms) else None
    if unit_col == t + 1:
        for unit in _UNITS_DESC:
            if text.endswith(unit) and len(text) > len(unit) + 1:
                yield 1, text[: -len(unit)], [(unit_col, unit)], fit("measure_unit", unit)
                break
        if target_col is not None:
            for unit in _UNITS_DESC:
                if unit in ("%", "％", "‰") or not text.endswith(unit):
                    continue
                for at in _positions(text, unit):
                    head, tail = text[:at], text[at + len(unit):]
                    if len(head) < 2 or not 1 <= len(tail) <= 3 or not _FIGURE_LIKE.search(tail):
                        continue
                    cells = [(unit_col, unit), (target_col, tail)]
                    yield 1, head, cells, fit("measure_unit", unit) + fit("target", tail)
                break
            if following is not None and following.glued and following.brk != HARD and is_value(following.text):
                for unit in _UNITS_DESC:
                    if unit in ("%", "％", "‰") or not following.text.strip().endswith(unit):
                        continue
                    at = text.rfind(unit)
                    if at >= 2 and 1 <= len(text) - at - len(unit) <= 2:
                        value = text[at + len(unit):] + following.text.strip()
                        yield 2, text[:at], [(unit_col, unit), (target_col, value)], \
                            fit("measure_unit", unit) + fit("target", following.text)
                    break
        garbled = _GARBLED_UNIT.search(text)
        if garbled and len(_CJK.findall(text[: garbled.start()])) >= 4:
            yield 1, text[: garbled.start()], [(unit_col, garbled.group())], 0.2
    if nature_col is not None:
        for word in ("定性指标", "定量指标"):
            if len(text) > len(word) + 1 and sorted(text[-len(word):]) == sorted(word):
                yield 1, text[: -len(word)], [(nature_col, text[-len(word):])], fit("nature", word)


def _positions(text: str, part: str) -> list[int]:
    return [at for at in range(len(text)) if text.startswith(part, at)]


_CJK = re.compile(r"[\u4e00-\u9fff]")
_FIGURE_LIKE = re.compile(r"[0-9OoIl〇]")  # a figure, or what OCR made of one
# OCR garbage where a unit stood: lower-case letters, perhaps with what is left of the character
_GARBLED_UNIT = re.compile(r"(?<=[\u4e00-\u9fff])[a-z]{2,}[\u4e00-\u9fff]?$")


def _cells(atoms: list[Atom], i: int, glued: bool):
    """Candidate cells starting at atom ``i``: the atom itself, and for run-together text a few
    atoms joined (a name the tokenizer cut at a digit: 0-6岁儿童健康管理数)."""
    # a cell ending in an enumeration comma (5000吨稻谷、) goes on in the next piece of run-together text
    open_ended = -2.0 if glued and _OPEN_END.search(atoms[i].text) else 0.0
    yield i + 1, atoms[i].text, open_ended
    if not glued:
        return
    text = atoms[i].text
    for j in range(i + 1, min(i + 5, len(atoms))):
        if atoms[j].brk == HARD or not atoms[j].glued:
            break
        if is_frame(atoms[j].text) or category_levels(atoms[j].text):
            break  # the form's own frame and category words are never part of a name
        text += atoms[j].text
        if is_value(atoms[j].text) or is_number(atoms[j].text) or _OPEN_END.search(atoms[j].text):
            continue  # a name may hold a figure (5000吨稻谷、500吨成品粮…) but does not end on one, nor on 、
        yield j + 1, text, -0.15 * (j - i)


_OPEN_END = re.compile(r"[、，,]$")
_REASON_ROLES = ("note",)  # 偏差原因分析及改进措施, 未完成原因和改进措施
# A value as forms write a completed one, then a sentence: the value's end is where the words begin.
# Not 完成 or 有: an actual often goes on from them (完成全年任务, 有效提升) in one cell; nor 无法, 合格率.
_VALUE_WORDS = re.compile(r"^(无(?![法需须效论])|是(?![否因])|否(?!则)|未完成|未?达标(?!率)|不?合格(?!率)|[≥≤<>=＞＜]?\d+(?:\.\d+)?%?)"
                          r"(?=[\u4e00-\u9fff])")


_UNIT_STARTS = ("人", "个", "次", "万", "元", "吨", "亩", "户", "天", "年", "月", "日", "家", "项", "所", "座", "公里", "米", "分",
                "公顷", "平方", "小时", "批", "台", "套", "册", "场", "期", "件", "株", "头", "只", "辆", "条", "处", "名", "周")


def _value_then_reason(text: str) -> tuple[str, str] | None:
    """``无没有轮换、动用库存`` → (无, 没有轮换、动用库存): a value word or figure and, glued to it, a
    reason of at least four characters; None when the text is no such pair."""
    match = _VALUE_WORDS.match(text)
    if match is None:
        return None
    rest = text[match.end():]
    if len(rest) < 4 or rest.startswith(_UNIT_STARTS):
        return None  # a unit (100人次), not a sentence
    return match.group(1), rest


def _splits(digits: str):
    """Ways to cut a run of figures into 2–4 numbers: no part with a leading zero (unless it is 0
    or 0.x), at most one decimal point and two decimals a part."""
    part = re.compile(r"(0|[1-9]\d*)(\.\d{1,2})?")

    def parts_of(rest: str, k: int):
        if k == 1:
            if part.fullmatch(rest):
                yield [rest]
            return
        for cut in range(1, len(rest) - k + 2):
            head = rest[:cut]
            if not part.fullmatch(head):
                continue
            for tail in parts_of(rest[cut:], k - 1):
                yield [head, *tail]

    for k in (2, 3, 4):
        if len(digits) >= k:
            yield from parts_of(digits, k)


def _plausible(parts: list[str], roles: list[str]) -> float:
    """Forms give full marks most of the time: a weight followed by an equal score is the likeliest
    reading of a glued pair; a score above its weight is not a reading at all; figures of one
    row are of like size, so a cut into single digits (2020 → 2|0|2|0) is unlikely."""
    bonus = 0.0
    lengths = [len(p) for p in parts]
    if len(set(parts)) == 1:
        bonus += 1.5  # 12.5 | 12.5 | 12.5: target, actual and weight alike
    if len(parts) > 2 and max(lengths) == 1:
        bonus -= 2.0
    if len(parts) > 2:
        bonus -= 0.7 * (len(parts) - 2)
    values = dict(zip(roles, (Decimal(p) for p in parts)))
    if "weight" in values and "score" in values:
        if values["score"] > values["weight"]:
            return -5.0
        if values["score"] == values["weight"]:
            bonus += 1.0
        if values["weight"] in {Decimal(n) for n in (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50)}:
            bonus += 0.3
    return bonus


def _trace(back, atoms: list[Atom], n: int, c: int) -> Rebuilt:
    result = Rebuilt()
    rows: list[dict[int, str]] = []
    current: dict[int, str] = {}
    i = n
    steps = []
    while i > 0 or c != -1:
        how = back[i].get(c)
        if how is None:
            break
        steps.append((i, c, how))
        kind = how[0]
        if kind == "end":
            c = how[1]
        elif kind == "skip":
            i -= 1
            c = how[1]
        elif kind == "cell":
            _, previous, _, start, _ = how
            i, c = start, previous
        elif kind in ("split", "valuesplit"):
            i -= 1
            c = how[1]
        elif kind == "runon":
            i -= how[5]
            c = how[1]
    for i, c, how in reversed(steps):
        kind = how[0]
        if kind == "end":
            if current:
                rows.append(current)
            current = {}
        elif kind == "skip":
            if not is_blank(atoms[i - 1].text):
                result.leftovers.append(atoms[i - 1].text)
        elif kind == "cell":
            current[how[2]] = how[4]
        elif kind == "valuesplit":
            current[how[2]] = how[3]
            current[how[2] + 1] = how[4]
        elif kind == "runon":
            current[how[2]] = how[3]
            current.update(dict(how[4]))
        elif kind == "split":
            for col, part in zip(how[2], how[3]):
                current[col] = part
            result.split_numbers.append("".join(how[3]))
    if current:
        rows.append(current)
    result.rows = [row for row in rows if any(not is_blank(text) for text in row.values())]
    return result
