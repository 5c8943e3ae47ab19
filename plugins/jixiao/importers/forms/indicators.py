"""The indicator table (绩效指标表) every form shares: header, rows with category spans, totals.

Columns are found by their header words, so the same reader serves the Suzhou, Minhang and
national forms. A category cell merged over several rows (or, in a text extraction, written once
and left empty below) is carried down to every row it spans. Category headers carry their points
(``投入目标（24分）``), recorded in ``categories``.

A text extraction may print a merged category label on the wrong row (the Minhang seed). When
spans were inferred, not read from merges, and the printed spans do not add up to the printed
points, the one reading in which every category adds up is taken — and noted. Spans read from a
real file's merges are the document's own and are never moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..cells import label, number, one_line, short, split_points
from ..document import Row
from ..draft import Draft

# Header words → field. Exact labels first, then containment in this order (the first hit wins).
_EXACT = {"项目": "group", "类别": "category", "权重": "weight", "分值": "weight", "得分": "score", "备注": "note"}
_CONTAINS = [
    ("rule", ("评分规则", "评分标准", "评分方法", "计分方法")),
    ("note", ("偏差原因", "备注", "未完成原因")),
    ("explanation", ("指标解释", "指标说明", "指标内涵")),
    ("subcategory", ("二级指标",)),
    ("name", ("三级指标", "指标名称", "绩效指标名称")),
    ("category", ("一级指标", "指标类别")),
    ("target", ("目标值", "年度指标值", "指标值", "预期目标", "计划值")),
    ("actual", ("实际完成值", "实际完成情况", "实际值", "完成值", "实际完成")),
    ("weight", ("权重", "分值", "标准分")),
    ("score", ("自评分", "得分", "评分")),
]
TOTAL_WORDS = ("合计", "总分", "总计", "合计得分", "总得分", "自评总分")
_FIELD_ORDER = ["category", "subcategory", "name", "explanation", "rule", "target", "weight", "actual", "score", "note"]


def column_map(cells: list[str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for col, text in enumerate(cells):
        flat = label(text)
        if not flat:
            continue
        found = _EXACT.get(flat)
        if not found:
            found = next((name for name, words in _CONTAINS if any(word in flat for word in words)), None)
        if found and found not in taken:
            mapping[col] = found
            taken.add(found)
    return mapping


def is_header(row: Row) -> bool:
    fields = set(column_map(row.cells).values())
    return "name" in fields and bool(fields & {"weight", "score"})


@dataclass
class _Line:
    values: dict[str, str]
    category: str | None
    position: int
    weight: Decimal = Decimal(0)


@dataclass
class _Label:
    name: str
    points: str | None
    first_line: int


@dataclass
class IndicatorTable:
    columns: list[str] = field(default_factory=list)
    lines: list[_Line] = field(default_factory=list)
    labels: list[_Label] = field(default_factory=list)
    end: int = 0  # index of the first row after the table


def read_indicators(rows: list[Row], header_index: int, draft: Draft) -> int:
    """Read the table whose header is ``rows[header_index]`` into ``draft``; return the next row index."""
    header = rows[header_index]
    mapping = column_map(header.cells)
    table = IndicatorTable(columns=[name for _, name in sorted(mapping.items()) if name != "group"])
    category: str | None = None
    subcategory: str | None = None
    found_total = False
    index = header_index + 1
    while index < len(rows):
        row = rows[index]
        if row.table is not header.table:
            break
        filled = row.filled
        if not filled:
            index += 1
            continue
        if _is_total(row):
            _read_total(row, mapping, draft)
            found_total = True
            index += 1
            break
        if len(filled) == 1 and (len(filled[0]) > 40 or label(filled[0]).startswith(("说明", "填表说明", "注"))):
            break
        values = {name: row.cells[col] if col < len(row.cells) else "" for col, name in mapping.items()}
        for col, text in enumerate(row.cells):
            if text.strip() and col not in mapping:
                draft.note(f"指标表第 {row.position} 行有一栏没有表头，内容“{short(text, 60)}”未能归位")
        if values.get("group", "").strip():
            _, points = split_points(values["group"])
            if points:
                draft.fields.setdefault("declared", {})["weight_total"] = points
        if values.get("category", "").strip():
            category, points = split_points(values["category"])
            table.labels.append(_Label(category, points, len(table.lines)))
        if values.get("subcategory", "").strip():
            subcategory = one_line(values["subcategory"])
        line = _line(values, category, subcategory, row, draft)
        if line is not None:
            table.lines.append(line)
        index += 1
    if not found_total:
        draft.note("指标表没有读到“合计”行（表格可能不完整），申报总分未能从表中读出")
    if not header.spans_known:
        _realign(table, draft)
    _store(table, draft)
    return index


def _is_total(row: Row) -> bool:
    return any(label(cell) in TOTAL_WORDS for cell in row.filled[:3])


def _line(values: dict[str, str], category, subcategory, row: Row, draft: Draft) -> _Line | None:
    name = one_line(values.get("name", ""))
    raw_weight = values.get("weight", "")
    if not name:
        leftovers = [one_line(values.get(key, "")) for key in ("target", "weight", "actual", "score") if values.get(key, "").strip()]
        if leftovers:
            draft.note(f"指标表第 {row.position} 行没有指标名称，其内容“{'、'.join(leftovers)}”未能归入指标，请核对原件")
        return None
    weight = number(raw_weight, allow_unit=False, allow_points=True)
    whole_row = "｜".join(short(cell, 30) for cell in row.filled)
    if not weight.ok:
        reason = weight.problem or "栏为空"
        draft.note(f"指标“{name}”的权重{reason}，记录格式要求每个指标有权重，这一行未写入 indicators：{whole_row}")
        return None
    if Decimal(weight.text) == 0:
        draft.note(f"指标“{name}”的权重为 0，记录格式不收权重为 0 的指标，这一行未写入 indicators：{whole_row}")
        return None
    if weight.problem:
        draft.note(f"指标“{name}”的权重{weight.problem}")
    if category is None:
        draft.note(f"指标“{name}”之前没有一级指标（类别），记作“未分类”，请核对原件")
        category = "未分类"
    line_values = {"category": category, "name": name, "weight": weight.text}
    if subcategory:
        line_values["subcategory"] = subcategory
    for key in ("explanation", "rule", "target", "actual", "note"):
        text = one_line(values.get(key, ""))
        if text:
            line_values[key] = text
    raw_score = values.get("score", "")
    score = number(raw_score, allow_unit=False, allow_points=True)
    if score.ok:
        line_values["score"] = score.text
        if score.problem:
            draft.note(f"指标“{name}”的自评分{score.problem}")
    elif score.problem:
        draft.note(f"指标“{name}”的自评分{score.problem}，未写入 score（原文已记入本说明）")
    return _Line(line_values, category, row.position, Decimal(weight.text))


def _read_total(row: Row, mapping: dict[int, str], draft: Draft) -> None:
    declared = draft.fields.setdefault("declared", {})
    figures = []
    for col, text in enumerate(row.cells):
        if not text.strip() or label(text) in TOTAL_WORDS:
            continue
        value = number(text, allow_unit=False, allow_points=True)
        figures.append((col, value, text.strip()))
    placed = {"weight": None, "score": None}
    for col, value, _ in figures:
        if mapping.get(col) in placed and value.ok:
            placed[mapping[col]] = value.text
    if not any(placed.values()):
        numeric = [value.text for _, value, _ in figures if value.ok]
        if len(numeric) == 1:
            placed["score"] = numeric[0]
        elif len(numeric) == 2:
            placed["weight"], placed["score"] = numeric
    used = {text for text in placed.values() if text}
    for _, value, raw in figures:
        if not value.ok or value.text not in used:
            draft.note(f"指标表合计行中的“{raw}”未能归入申报总分或满分，请核对原件")
    if placed["score"]:
        declared["total"] = placed["score"]
    if placed["weight"]:
        stated = declared.get("weight_total")
        if stated and Decimal(stated) != Decimal(placed["weight"]):
            draft.note(f"表头写满分 {stated}，合计行权重为 {placed['weight']}；记录满分取表头所写")
        else:
            declared["weight_total"] = placed["weight"]


def _realign(table: IndicatorTable, draft: Draft) -> None:
    labels = [item for item in table.labels if item.points is not None]
    if not labels or not table.lines or len(labels) != len(table.labels):
        return
    if _spans_add_up(table):
        return
    weights = [line.weight for line in table.lines]
    points = [Decimal(item.points) for item in labels]
    solutions = _partitions(weights, points)
    if not solutions:
        draft.note("指标表各一级指标的权重之和与类别标题上的分值对不上，也找不到能全部对上的读法；类别按表上位置照录")
        return
    most = max(len(solution) for solution in solutions)
    best = [solution for solution in solutions if len(solution) == most]
    if len(best) != 1:
        draft.note("指标表各一级指标的权重之和与类别标题上的分值对不上，且有多种读法都能对上；类别按表上位置照录，请核对原件")
        return
    described = []
    used = set()
    for label_index, start, end in best[0]:
        used.add(label_index)
        for line in table.lines[start:end]:
            line.values["category"] = labels[label_index].name
        names = "、".join(line.values["name"] for line in table.lines[start:end])
        described.append(f"{labels[label_index].name} {labels[label_index].points}（{names}）")
    unused = [f"“{labels[i].name}（{labels[i].points}分）”" for i in range(len(labels)) if i not in used]
    table.labels = [labels[i] for i in sorted(used)]
    message = (
        "文本中一级指标标签与各行错位（按表上位置读，各类权重之和与标题分值对不上）；"
        "已采用各类权重都能相加吻合的唯一读法：" + "；".join(described)
    )
    if unused:
        message += "；" + "、".join(unused) + " 不是能与各行相加吻合的类别，未采用"
    draft.note(message)


def _spans_add_up(table: IndicatorTable) -> bool:
    sums: dict[str, Decimal] = {}
    for line in table.lines:
        sums[line.values["category"]] = sums.get(line.values["category"], Decimal(0)) + line.weight
    return all(item.points is None or sums.get(item.name) == Decimal(item.points) for item in table.labels)


def _partitions(weights: list[Decimal], points: list[Decimal], limit: int = 20) -> list[list[tuple[int, int, int]]]:
    """Ways to cut the rows, in order, into runs whose weights equal the labels' points, in order.
    A label may go unused; every row must be covered."""
    prefix = [Decimal(0)]
    for weight in weights:
        prefix.append(prefix[-1] + weight)
    found: list[list[tuple[int, int, int]]] = []

    def walk(row: int, label_index: int, taken: list[tuple[int, int, int]]):
        if len(found) >= limit:
            return
        if row == len(weights):
            found.append(list(taken))
            return
        if label_index == len(points):
            return
        for end in range(row + 1, len(weights) + 1):
            total = prefix[end] - prefix[row]
            if total == points[label_index]:
                walk(end, label_index + 1, [*taken, (label_index, row, end)])
            if total > points[label_index]:
                break
        walk(row, label_index + 1, taken)

    walk(0, 0, [])
    return found


def _store(table: IndicatorTable, draft: Draft) -> None:
    if table.columns:
        draft.put("indicator_columns", [name for name in table.columns if name in _FIELD_ORDER])
    rows = []
    for line in table.lines:
        rows.append({key: line.values[key] for key in _FIELD_ORDER if key in line.values})
    draft.put("indicators", rows)
    categories = {}
    for item in table.labels:
        if item.points is not None and item.name not in categories:
            categories[item.name] = item.points
    draft.put("categories", categories)
