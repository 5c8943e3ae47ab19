"""Rows whose leading and trailing cells the text set apart.

A spreadsheet rendered to one line, or a PDF's text layer, sometimes gives a few rows of an
indicator table piecewise: the names (and targets) of several rows first, then the rest of those
rows' figures one whole row after another::

    指标1:居民健康档案 38508人 指标2:发放健康教育资料 不少于12种 不少于6种 116次 6次
    指标5:举办健康教育知识讲座 37442人 3 3 14种 1 1 28种 1 1 150次 1 1 150次 1 1

    指标24:传染病及突发公共卫生事件报告 数 指标25:家庭医生签约率 14例 14例 2 2 24694人 22584人 2 1.7

Reading such a block cell by cell gives rows of a target here and a weight there. What the text
does allow is the order: k whole runs of the trailing columns (实际完成值 | 分值 | 得分) after k
leading parts means the n-th leading part goes with the n-th run. That reading is taken only when
the counts leave no choice — as many names as runs, or names numbered (指标1 … 指标5) so that
each stands at its own row and the rows between have lost theirs — and the rest of the table is
read as before. The import says which rows were paired by order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...tables.kinds import fit, is_blank, is_number, is_percent, is_value
from ...tables.rows import Atom
from ...tables.vocabulary import (
    category_levels,
    indicator_role,
    is_frame,
    is_total_label,
)

_VALUE_ROLES = ("target", "actual", "weight", "score")
_NUMBERED = re.compile(r"^(?:指标)?(\d{1,3})\s*[:：、.．]")
_NAME_TAIL = re.compile(r"[率数度性量值额比例]")  # a name's last character set on its own
_MIN_RUNS = 2


@dataclass
class Block:
    begin: int  # atoms[begin:end] are the block's
    end: int
    rows: list[dict[int, str]]  # column -> text; a numbered gap is a row without a name


def blocks(body: list[Atom], roles: list[str]) -> list[Block]:
    """The blocks of displaced rows in ``body``, in order, not overlapping."""
    if "name" not in roles:
        return []
    name_col = roles.index("name")
    value_cols = [col for col in range(name_col + 1, len(roles)) if roles[col] in _VALUE_ROLES]
    if len(value_cols) < 2 or value_cols != list(range(value_cols[0], value_cols[0] + len(value_cols))):
        return []  # only the common shape: the figures side by side after the name
    found: list[Block] = []
    index = 0
    while index < len(body):
        block = None
        for lead in (0, 1):  # nothing before the runs but the names, or the names and one column
            tail = value_cols[lead:]
            if len(tail) < 2:
                continue
            runs = _runs_at(body, index, [roles[col] for col in tail])
            if runs < _MIN_RUNS:
                continue
            block = _block(body, index, runs, name_col, value_cols[:lead], tail, found[-1].end if found else 0,
                           roles[value_cols[0]])
            if block is not None:
                break
        if block is None:
            index += 1
            continue
        found.append(block)
        index = block.end
    return found


def _runs_at(body: list[Atom], index: int, roles: list[str]) -> int:
    """How many whole runs of ``roles`` follow one another from ``index``."""
    count, width = 0, len(roles)
    while index + width <= len(body) and all(_figure_fits(role, body[index + k].text) for k, role in enumerate(roles)):
        count += 1
        index += width
    return count


def _figure_fits(role: str, text: str) -> bool:
    flat = text.strip().replace(" ", "")
    if not flat or is_blank(flat):
        return False
    if role in ("weight", "score"):
        return is_number(flat) and fit(role, flat) > 0.5
    return _is_figure(flat) and fit(role, flat) > 0.5


def _is_figure(flat: str) -> bool:
    """A target or an actual with a figure in it (38508人, 不少于12种, 97.30%): what tells a
    leading value from a name."""
    return bool(re.search(r"\d", flat)) and (is_number(flat) or is_percent(flat) or is_value(flat)
                                              or bool(re.fullmatch(r"[^\d]{0,4}\d[\d.,]*[^\d]{0,4}", flat)))


def _is_name(flat: str) -> bool:
    return (len(flat) >= 2 and not _is_figure(flat) and fit("name", flat) >= 1.0 and not category_levels(flat)
            and not is_frame(flat) and not indicator_role(flat) and not is_total_label(flat))


def _block(body, first_run: int, runs: int, name_col: int, lead_cols: list[int], tail_cols: list[int],
           floor: int, lead_role: str = "target") -> Block | None:
    """The block whose ``runs`` trailing runs start at ``first_run``: walk back over its leading
    parts (names, and the leading column's figures) until there are as many as runs."""
    names: list[tuple[int, str]] = []  # (position, text), put in reading order below
    leads: list[tuple[int, str]] = []
    index = first_run - 1
    while index >= floor:
        flat = body[index].text.strip().replace(" ", "")
        if _skippable(flat):
            index -= 1  # header words the text set among the rows
            continue
        if lead_cols and _figure_fits(lead_role, flat):
            leads.append((index, flat))
        elif _is_name(flat) or _NAME_TAIL.fullmatch(flat):
            names.append((index, flat))  # a lone last character is joined to its name below
        else:
            break
        if len(leads) == runs and lead_cols:
            # the first row's name stands just before its figure
            before = index - 1
            while before >= floor and _skippable(body[before].text):
                before -= 1
            if before >= floor and _is_name(body[before].text.strip().replace(" ", "")):
                names.append((before, body[before].text.strip().replace(" ", "")))
                index = before
            break
        index -= 1
    begin = min([position for position, _ in names + leads], default=first_run)
    names = _joined(sorted(names))
    leads = sorted(leads)
    if lead_cols and len(leads) != runs:
        return None
    placed = _place(names, runs)
    if placed is None:
        return None
    rows = []
    for row in range(runs):
        cells: dict[int, str] = {}
        if placed[row] is not None:
            cells[name_col] = placed[row]
        if lead_cols:
            cells[lead_cols[0]] = leads[row][1]
        start = first_run + row * len(tail_cols)
        for offset, col in enumerate(tail_cols):
            cells[col] = body[start + offset].text.strip()
        rows.append(cells)
    return Block(begin, first_run + runs * len(tail_cols), rows)


def _skippable(text: str) -> bool:
    flat = text.strip().replace(" ", "")
    return not flat or is_blank(flat) or is_frame(flat) or (len(flat) >= 2 and bool(indicator_role(flat)))


def _joined(names: list[tuple[int, str]]) -> list[str]:
    """Names in reading order, a lone last character (报告 | 数) joined to the name before it."""
    out: list[str] = []
    for _, text in names:
        if _NAME_TAIL.fullmatch(text) and out:
            out[-1] += text
        elif len(text) >= 2:
            out.append(text)
    return out


def _place(names: list[str], runs: int) -> list[str | None] | None:
    """Which row each name stands at: in order when there are as many names as rows; by their
    numbers when every name is numbered, the first at the first row and the last within the
    block; else no reading."""
    if len(names) == runs:
        return list(names)
    numbers = [_NUMBERED.match(name) for name in names]
    if not names or not all(numbers):
        return None
    values = [int(match.group(1)) for match in numbers]
    if values != sorted(set(values)) or values[-1] - values[0] >= runs:
        return None
    placed: list[str | None] = [None] * runs
    for name, value in zip(names, values):
        placed[value - values[0]] = name
    if values[-1] - values[0] != runs - 1:
        return None  # rows after the last name: their count is known, their place is not
    return placed


__all__ = ["Block", "blocks"]
