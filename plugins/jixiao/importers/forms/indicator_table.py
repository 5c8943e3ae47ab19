"""The indicator table of any form, read by its header words: one record row per table row.

The header row (or two rows: ``年度指标值`` over ``指标性质 | 指标值 | 度量单位``) names each
column's role (:mod:`..tables.vocabulary`), whatever the order and whatever the form calls it —
分值 or 权重, 年度指标值 or 年初目标值, 得分 or 自评分. Category cells are read from the merged
view, so a 一级指标 merged over five rows gives all five their category. Value cells are read
where the document wrote them: a score merged over a block of rows (Hubei's one score per 二级
block) is the block's, written once, not repeated on every row.

Everything is kept as printed; only what the record format needs is normalised, and that is
noted: a weight printed as ``20%`` is recorded as 20; ★ marks move from the name to ``mark``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ...core.record.model import POINTS_LIMIT
from ..cells import number, one_line, short, split_points
from ..document import Table
from ..draft import Draft
from ..tables.kinds import is_blank, is_placeholder
from ..tables.vocabulary import (
    INDICATOR_EXACT,
    category_levels,
    indicator_role,
    is_frame,
    is_header_piece,
    is_total_label,
    normal,
)

_MARKS = re.compile(r"^\s*([★☆※*]+)\s*")
_STOP = re.compile(r"^(说明|其他需要说明事项|注[:：\d]|填表说明|填报说明|评价结论|存在问题|改进措施|项目负责人|填表人|单位负责人|"
                   r"财务负责人|联系电话|审核人)")
_VALUE_ROLES = ("target", "adjusted_target", "actual", "nature", "measure_unit", "weight", "score", "review_score",
                "coefficient", "core", "rule", "note", "explanation", "weighted_score", "rating")
_GRADE = re.compile(r"^(优秀|良好|合格|不合格|优|良|中|差|较差|一般|及格|不及格)$")


@dataclass
class Header:
    row: int  # the last header row
    roles: dict[int, str]  # column → role
    first: int = -1  # the first header row (a header may take two)

    def __post_init__(self):
        if self.first < 0:
            self.first = self.row


@dataclass
class IndicatorTable:
    rows: list[dict] = field(default_factory=list)
    categories: dict[str, str] = field(default_factory=dict)
    total: dict = field(default_factory=dict)
    end_row: int = 0
    header_row: int = 0
    used_rows: set[int] = field(default_factory=set)
    columns: list[str] = field(default_factory=list)


def find_header(table: Table, start: int = 0) -> Header | None:
    """The indicator header in ``table`` at or after row ``start``. A table the reader rebuilt
    without a header (the text started mid-table) carries its columns itself."""
    given = getattr(table, "header_roles", None)
    if given and start == 0:
        return Header(0, dict(given))
    for r in range(start, len(table.cells)):
        roles = _row_roles(table, r)
        values = set(roles.values())
        if "name" in values and values & {"target", "weight", "score", "actual", "weighted_score"} and len(values) >= 3:
            if r + 1 < len(table.cells):
                below = _row_roles(table, r + 1)
                if "name" in below.values() or ({"nature", "measure_unit"} & set(below.values())):
                    merged = dict(roles)
                    merged.update(below)  # the lower row names the columns it splits
                    return Header(r + 1, _dedupe(merged), r)
            return Header(r, _dedupe(roles))
        # a first header row without the name column, whose second row has it (绩效指标 | 年度指标值 …)
        if "target" in values and r + 1 < len(table.cells):
            below = _row_roles(table, r + 1)
            if "name" in below.values():
                merged = dict(roles)
                merged.update(below)
                return Header(r + 1, _dedupe(merged), r)
    return None


def _is_header_row(table: Table, r: int) -> bool:
    """Whether row ``r`` opens another indicator table (a second project's header)."""
    values = set(_row_roles(table, r).values())
    return "name" in values and bool(values & {"target", "weight", "score", "actual"}) and len(values) >= 3


def _row_roles(table: Table, r: int) -> dict[int, str]:
    roles: dict[int, str] = {}
    for c, text in enumerate(table.grid[r]):
        if not text.strip():
            continue
        role = indicator_role(text)
        if role is None and is_frame(text):
            role = "frame"
        if role:
            roles[c] = role
            merge = table.merge_at(r, c)  # a header cell merged across columns names all of them
            if merge is not None:
                for col in range(merge.left, merge.right + 1):
                    roles.setdefault(col, role)
    return roles


def _dedupe(roles: dict[int, str]) -> dict[int, str]:
    """One column per role: the first (leftmost) keeps it; a repeated merged header covers one."""
    seen: set[str] = set()
    kept: dict[int, str] = {}
    for col in sorted(roles):
        role = roles[col]
        if role in seen and role != "frame":
            continue
        seen.add(role)
        kept[col] = role
    return kept


def read(table: Table, header: Header, draft: Draft) -> IndicatorTable:
    result = IndicatorTable(header_row=header.row, columns=[role for _, role in sorted(header.roles.items())])
    rebuilt = getattr(table, "rebuilt", None)
    if rebuilt is not None and rebuilt.paired:
        draft.note("原件文字的次序被打乱（PDF 文字层按栏输出）：指标名称与各行数值是按出现的先后一一配对的，请对照原件核对")
    if rebuilt is not None and rebuilt.paired_rows:
        names = [row.get(min(row), "") for index, row in enumerate(rebuilt.rows) if index in rebuilt.paired_rows]
        draft.note(f"指标表有 {len(rebuilt.paired_rows)} 行在原件文字中被拆开（先是名称和指标值，后是其余各栏）："
                   f"各栏按出现的先后一一配对，请对照原件核对（{'、'.join(short(name, 20) for name in names if name)}）")
    if rebuilt is not None and rebuilt.leftovers:
        draft.note(f"指标表中未能归入任何一行的内容：{'｜'.join(short(text, 60) for text in rebuilt.leftovers[:40])}")
    if getattr(table, "header_roles", None):
        draft.note("原件从指标表中间开始，没有表头：各栏按最吻合的常见表样（" + "、".join(
            _ROLE_WORDS.get(role, role) for role in header.roles.values()) + "）读出，请对照原件核对")
    result.used_rows.update(range(header.first, header.row + 1))
    roles = header.roles
    carried: dict[str, str] = {}  # the category and sub-category above, for rows that leave theirs blank
    goals: set[str] = set()  # the 年度总体目标 text, where it ran into the table
    r = header.row + 1
    while r < len(table.cells):
        grid = table.grid[r]
        cells = table.cells[r]
        filled = [text.strip() for text in grid if text.strip()]
        if not filled:
            r += 1
            continue
        first = filled[0]
        if any(is_total_label(text) for text in filled[:3]):
            result.total = _total(grid, roles, draft)
            result.used_rows.add(r)
            r += 1
            break
        if _STOP.match(normal(first)) or _is_header_row(table, r):
            break
        if len(filled) == 1 and has_levels(filled[0]) and (len(filled[0]) > 2 or "分" in filled[0]):
            # a category written on a row of its own (a merged cell flattened): it heads the rows below
            label, points = split_points(filled[0])
            levels = category_levels(filled[0])
            key = "category" if 1 in levels and "category" not in carried else "subcategory" if 2 in levels else "category"
            if key == "category":
                carried = {"category": label}
            else:
                carried["subcategory"] = label
            if points:
                result.categories.setdefault(label, points)
            result.used_rows.add(r)
            r += 1
            continue
        row = _row(cells, grid, roles, table, r, draft, result)
        result.used_rows.add(r)
        if row is not None and _goal_statement(row):
            draft.note(f"指标表第 {r + 1} 行的一级指标与指标名称同为“{short(row['name'], 40)}”，没有分值和得分："
                       "是年度总体目标一栏的文字落进了指标表，未作为指标")
            goals.add(row["name"])
            row = None
        if row is not None:
            for key in ("category", "subcategory"):
                if row.get(key) in goals:
                    del row[key]  # taken for a merged category cell over the rows below: it is none
        if row is not None:
            if row.get("category") and row.get("category") != carried.get("category"):
                carried = {"category": row["category"]}
            if row.get("subcategory"):
                carried["subcategory"] = row["subcategory"]
            for key in ("category", "subcategory"):
                if key not in row and key in carried and key in roles.values():
                    row[key] = carried[key]
            row = {key: row[key] for key in _ORDER if key in row}
        if row is not None:
            result.rows.append(row)
        r += 1
    result.end_row = r
    _categories_from_subcategories(result.rows, roles, draft)
    return result


# The national forms' second-level indicators and the first-level block each belongs to
# (财预〔2020〕10号 附件; 成本指标 stands under 产出 before 2021 and on its own after, either way
# scored as 产出). A flattened text can lose the 一级指标 cell merged over a block.
_PARENTS = (
    ("产出指标", re.compile(r"^(数量|质量|时效|成本)(指标)?$")),
    ("效益指标", re.compile(r"^(经济效益|社会效益|生态效益|环境效益|生态环境效益|可持续影响)(指标)?$")),
    ("满意度指标", re.compile(r"^(服务对象)?满意度(指标)?$")),
)


def _goal_statement(row: dict) -> bool:
    """A row without points or figures that repeats one text in two of its cells (as category and
    name, or as name and target): the 年度总体目标 row (预期目标 | 实际完成情况, often the same
    words) run into the table, not an indicator. So is a row of nothing but pieces of the header's
    words (年度 | 实际, of 年度指标值 and 实际完成值) that the text set apart."""
    if "weight" in row or "score" in row or re.search(r"\d", row.get("target", "") + row.get("actual", "")):
        return False
    texts = [row.get(key) for key in ("category", "subcategory", "name", "target", "actual") if row.get(key)]
    if texts.count(row["name"]) > 1:
        return True
    return all(len(normal(text)) <= 3 and any(normal(text) in word for word in INDICATOR_EXACT) for text in texts)


def _parent(subcategory: str | None) -> str | None:
    flat = normal(subcategory or "")
    return next((parent for parent, words in _PARENTS if words.match(flat)), None)


def _categories_from_subcategories(rows: list[dict], roles: dict, draft: Draft) -> None:
    """Rows that lost their 一级指标 but keep a 二级指标 of the national forms take its block; rows
    above the first such block, with neither, take it too when it is 产出指标 — the block every
    national form opens its table with, so nothing else can stand above it."""
    if "category" not in roles.values() or all(row.get("category") for row in rows):
        return
    inferred = 0
    for row in rows:
        if not row.get("category") and (parent := _parent(row.get("subcategory"))):
            row["category"] = parent
            inferred += 1
    first = next((index for index, row in enumerate(rows) if row.get("category")), None)
    if first and rows[first]["category"] == "产出指标" and _parent(rows[first].get("subcategory")) == "产出指标":
        for row in rows[:first]:
            if not row.get("category") and not row.get("subcategory"):
                row["category"] = "产出指标"
                inferred += 1
    if inferred:
        for index, row in enumerate(rows):
            rows[index] = {key: row[key] for key in _ORDER if key in row}
        draft.note(f"指标表有 {inferred} 行没有一级指标（原件合并的单元格在文字中丢失）：按所在的二级指标推定为产出、效益或满意度指标，请对照原件核对")


def _row(cells, grid, roles, table: Table, r: int, draft: Draft, result: IndicatorTable) -> dict | None:
    values: dict[str, str] = {}
    for col, role in roles.items():
        if col >= len(grid):
            continue
        if role in ("frame", "category", "subcategory"):
            text = cells[col]  # merged down: every row of the group knows its category
        else:
            text = grid[col]
        if text.strip() and not is_placeholder(text):
            values[role] = one_line(text)
    name_cell = next((grid[col] for col, role in roles.items() if role == "name" and col < len(grid)), "")
    if not any(role in values for role in ("target", "actual", "weight", "score")):
        if is_placeholder(name_cell):
            draft.note(f"指标表第 {r + 1} 行只有表样的编号“{one_line(name_cell)}”，是未填的空行，未作为指标")
            return None
        if is_header_piece(name_cell):
            draft.note(f"指标表第 {r + 1} 行只有“{one_line(name_cell)}”，是表头文字的残片（原件在此截断），未作为指标")
            return None
    for role, text in list(values.items()):
        if role not in ("rule", "note", "explanation") and len(text) > _SHORT:
            # a cell of many sentences is no name or figure (a column the text lost): kept in the notes
            draft.note(f"指标表第 {r + 1} 行“{_ROLE_WORDS.get(role, role)}”一格有 {len(text)} 字，不像这一栏的内容，"
                       f"未写入；原文：{short(text, 300)}")
            del values[role]
    name = values.get("name", "")
    if not name or is_blank(name):
        leftovers = [values[key] for key in ("target", "actual", "weight", "score") if values.get(key) and not is_blank(values[key])]
        if leftovers:
            draft.note(f"指标表一行没有指标名称，其内容“{'、'.join(leftovers)}”未能归入指标，请核对原件")
        return None
    row: dict = {}
    for key in ("category", "subcategory"):
        text = values.get(key)
        if text and not is_blank(text) and not is_frame(text):
            label, points = split_points(text)
            row[key] = label
            if points and label not in result.categories:
                result.categories[label] = points
    mark = _MARKS.match(name)
    if mark:
        row["mark"] = mark.group(1)
        name = name[mark.end():].strip()
        row["core"] = True
    row["name"] = name
    for key in ("nature", "target", "measure_unit", "adjusted_target", "actual", "explanation", "rule", "coefficient",
                "rating", "note"):
        text = values.get(key)
        if text and not (is_blank(text) and key not in ("target", "actual")):
            if is_blank(text):
                continue
            row[key] = text
    for key in ("weight", "score", "review_score", "weighted_score"):
        text = values.get(key)
        if not text or is_blank(text):
            continue
        figure = _points(text, key, name, draft)
        if figure is not None:
            row[key] = figure
    core = values.get("core")
    if core in ("是", "否"):
        row["core"] = core == "是"
    return row


def _points(text: str, key: str, name: str, draft: Draft) -> str | None:
    flat = text.replace(" ", "")
    if key == "weight" and re.fullmatch(r"\d+(\.\d+)?%", flat):
        draft.note(f"指标“{short(name)}”的权重印作“{flat}”（百分数），记录按 {flat[:-1]} 分记")
        flat = flat[:-1]
    figure = number(flat, allow_unit=False, allow_points=True)
    if figure.ok and not Decimal(0) <= Decimal(figure.text) <= POINTS_LIMIT:
        draft.note(f"指标“{short(name)}”的{_KEY_NAMES[key]}“{text}”超出分值的范围（0～1000），看来是别的栏目的数字，未写入")
        return None
    if figure.ok:
        if key == "weight" and Decimal(figure.text) == 0:
            draft.note(f"指标“{short(name)}”的权重为 0，未写入权重")
            return None
        if figure.problem:
            draft.note(f"指标“{short(name)}”：{figure.problem}")
        return figure.text
    draft.note(f"指标“{short(name)}”的{_KEY_NAMES[key]}“{text}”不是数字，未写入（原文已记入本说明）")
    return None


_ORDER = ["category", "subcategory", "name", "mark", "core", "nature", "explanation", "rule", "target", "adjusted_target",
          "measure_unit", "weight", "actual", "score", "coefficient", "weighted_score", "review_score", "rating", "note"]
_SHORT = 500  # the record's limit for a short text (a name, a target, a category)
_ROLE_WORDS = {"category": "一级指标", "subcategory": "二级指标", "name": "三级指标", "nature": "指标性质", "target": "指标值",
               "measure_unit": "度量单位", "actual": "实际完成值", "weight": "分值", "score": "得分", "note": "偏差原因"}
_KEY_NAMES = {"weight": "权重", "score": "得分", "review_score": "复核分", "weighted_score": "加权得分"}


def _total(grid, roles, draft: Draft) -> dict:
    """The 合计/总分 row: its weight and score by column where the columns say, else by order
    (满分 before 得分), and a grade word if the row prints one."""
    found: dict = {}
    figures: list[tuple[int, str]] = []
    for col, text in enumerate(grid):
        flat = text.strip()
        if not flat or is_total_label(flat):
            continue
        if _GRADE.match(flat):
            found["grade"] = flat
            continue
        figure = number(flat.rstrip("%"), allow_unit=False, allow_points=True)
        if figure.ok:
            figures.append((col, figure.text))
    by_role = {roles.get(col): text for col, text in figures if roles.get(col) in ("weight", "score")}
    if by_role.get("score"):
        found["total"] = by_role["score"]
    if by_role.get("weight"):
        found["weight_total"] = by_role["weight"]
    if not by_role:
        numbers = [text for _, text in figures]
        if len(numbers) == 1 and (glued := glued_total(numbers[0])):
            numbers = list(glued)
            draft.note(f"总分一行的数字连写作“{''.join(glued)}”，读作满分 {glued[0]}、得分 {glued[1]}")
        if len(numbers) == 1:
            found["total"] = numbers[0]
        elif len(numbers) >= 2:
            found["weight_total"], found["total"] = numbers[0], numbers[1]
            if _decimal(numbers[1]) > _decimal(numbers[0]):
                draft.note(f"合计行的两个数 {numbers[0]}、{numbers[1]} 中后者较大，按“满分、得分”的顺序记录，请核对")
    return found


def glued_total(text: str) -> tuple[str, str] | None:
    """``10098`` in a 总分 row is 满分 100 and 得分 98 run together: read so only when the first
    part is a round full mark (100, 110, 120) and the second is not above it."""
    if not re.fullmatch(r"\d{4,7}(\.\d{1,2})?", text):
        return None
    for full in ("100", "110", "120", "150", "200"):
        rest = text[len(full):]
        if text.startswith(full) and rest and re.fullmatch(r"(0|[1-9]\d*)(\.\d{1,2})?", rest) and float(rest) <= float(full):
            return full, rest
    return None


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal(0)


def has_levels(text: str) -> bool:
    return bool(category_levels(text))
