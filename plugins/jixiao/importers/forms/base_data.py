"""The 部门整体支出绩效评价基础数据表 (Hunan and others print it before a department's 部门整体支出绩效
自评表), read by its words into the record's ``base_data``.

The table has four blocks, each found by its label wherever the extraction put it: 财政供养人员情况
(编制数 | 实际在职人数 | 控制率), 经费控制情况 (rows such as 三公经费 and 公用经费 under columns
named by year: 2022年决算数 | 2023年预算数 | 2023年决算数), 楼堂馆所控制情况 (six fixed columns) and
厉行节约保障措施. Rows are nested as the form nests them: numbered rows (1、2、3、) are the parts of
the row above them, rows under 其中 are some of it.

Figures are taken only when it is certain which column each belongs to. A PDF extraction glues a
row's figures together (``877383.91%``, ``3.816343.7640``): a run is split only when one way of
cutting it exists — for the staff line, the one that makes 控制率 = 实际在职人数 ÷ 编制数 — and
otherwise kept as printed text (``printed``) with a note, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ...core.scoring import agrees
from ..cells import one_line, unit_in
from ..draft import Draft
from .stream import Stream

# --- the form's words ---------------------------------------------------------------------------

_TITLE = "基础数据表"
_STAFF = "财政供养人员"
_COSTS = "经费控制情况"
_BUILDINGS = ("楼堂馆所", "批复规模")  # the header may come out before the block's label
_THRIFT = "厉行节约"
_NOTE = re.compile(r"^说明[:：]")
_NEXT_FORM = re.compile(r"^附件\s*[二2]|自评表")
_COLUMN = re.compile(r"((?:19|20)\d{2})\s*年\s*度?\s*(决算数|预算数|执行数|决算|预算)")
# Top-level rows of 经费控制情况: a row with one of these names starts a block of its own.
_TOP_ROWS = ("三公经费", "项目支出", "公用经费", "政府采购金额", "部门基本支出预算调整", "基本支出", "人员经费",
             "对个人和家庭的补助")
_NUMBERED = re.compile(r"^[（(]?\d{1,2}[)）]?[、.．]")
_OF_WHICH = re.compile(r"^其中")
_PLACEHOLDER = re.compile(r"^[.…。·．\s]+$")
# The staff header's words: 编制数, (2023 年)实际在职人数, 控制率; one extraction splits them
# (2021年实际在职人 … 财政供养人员情况数), so each is known by its core.
_STAFF_WORDS = {"authorized": "编制", "actual": "在职", "control_rate": "控制率"}
# 楼堂馆所控制情况, in the form's order; a header is known by any of its words (实际规(㎡) lost a 模).
_BUILDING_COLUMNS = (
    ("approved_area", ("批复规模",)),
    ("actual_area", ("实际规",)),
    ("area_control_rate", ("规模控制",)),
    ("budget_investment", ("预算投资",)),
    ("actual_investment", ("实际投资",)),
    ("investment_control_rate", ("投资概算",)),
)
_RATE_KEYS = {"control_rate", "area_control_rate", "investment_control_rate"}

_FIGURES = re.compile(r"^[—\-－]?\d[\d.,%]*$")
_UNIT_CELL = re.compile(r"[（(]\s*(万元|元)")  # a header's unit: 经费控制情况(万元, 预算投资(万元)
_TAIL = re.compile(r"^(?P<label>.*?\D)\s*(?P<tail>[—\-－]?\d[\d.,%]*)$", re.S)
_AMOUNT = re.compile(r"(0|[1-9]\d*)(\.\d+)?")
_COUNT = re.compile(r"0|[1-9]\d*")
_RATE = re.compile(r"(0|[1-9]\d*)(\.\d+)?%?")
_MOST_READINGS = 2  # two readings of a run are enough to know it is not certain
_LONGEST_RUN = 40  # a longer run of digits is no row of this table


def read_base_data(stream: Stream, draft: Draft) -> None:
    """Find the table in ``stream`` and put what it states into ``draft`` as ``base_data``; the
    cells it takes are marked used, so they are no longer noted as unplaced."""
    start = _start(stream)
    if start is None:
        return
    stop = _stop(stream, start)
    found = _Blocks.of(stream, start, stop)
    reader = _Reader(stream, draft)
    stream.use(start)
    base: dict = {}
    staff = reader.staff(found.staff)
    if staff:
        base["staff"] = staff
    unit = reader.unit(found)
    columns, costs = reader.costs(found.costs, unit)
    if costs:
        base["columns"] = columns
        base["costs"] = costs
    buildings = reader.buildings(found.buildings, unit)
    if buildings:
        base["buildings"] = buildings
    thrift = reader.thrift(found.thrift)
    if thrift:
        base["thrift"] = thrift
    reader.footnote(found.note)
    reader.write_notes()
    draft.put("base_data", base)


# --- where the blocks are -------------------------------------------------------------------------


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _start(stream: Stream) -> int | None:
    for index in range(len(stream)):
        flat = _flat(stream.text(index))
        if _TITLE in flat or flat.startswith(_STAFF + "情况"):
            return index
    return None


def _stop(stream: Stream, start: int) -> int:
    for index in range(start + 1, len(stream)):
        if _NEXT_FORM.search(_flat(stream.text(index))):
            return index
    return len(stream)


@dataclass
class _Blocks:
    staff: range
    costs: range
    buildings: range
    thrift: range
    note: range

    @classmethod
    def of(cls, stream: Stream, start: int, stop: int) -> _Blocks:
        def first(test, after: int) -> int | None:
            return next((i for i in range(after, stop) if test(_flat(stream.text(i)))), None)

        costs = first(lambda text: _COSTS in text, start + 1)
        buildings = first(lambda text: any(word in text for word in _BUILDINGS), costs or start + 1)
        thrift = first(lambda text: _THRIFT in text, start + 1)
        note = first(lambda text: bool(_NOTE.match(text)), start + 1)
        ends = sorted(i for i in (costs, buildings, thrift, note, stop) if i is not None)

        def block(begin: int | None) -> range:
            if begin is None:
                return range(0)
            return range(begin, next(i for i in ends if i > begin) if begin < stop else stop)

        staff_end = next(i for i in ends if i > start)
        return cls(range(start + 1, staff_end), block(costs), block(buildings), block(thrift), block(note))


# --- reading the blocks ---------------------------------------------------------------------------


@dataclass
class _Row:
    label: str
    cells: list[int]
    tail: str | None = None  # figures glued to the label: 三公经费3.816343.7640
    figures: list[str] = field(default_factory=list)  # figures in cells of their own
    parts: list[_Row] = field(default_factory=list)
    of_which: list[_Row] = field(default_factory=list)


class _Reader:
    def __init__(self, stream: Stream, draft: Draft):
        self.stream = stream
        self.draft = draft
        self.split: list[str] = []  # runs cut the one way they can be cut
        self.printed: list[str] = []  # runs kept as printed

    def texts(self, block: range) -> list[tuple[int, str]]:
        return [(i, self.stream.text(i).strip()) for i in block if self.stream.text(i).strip()]

    # 财政供养人员情况

    def staff(self, block: range) -> dict:
        header: list[tuple[int, str]] = []
        figures: list[tuple[int, str]] = []
        for index, text in self.texts(block):
            if _FIGURES.match(_flat(text)):
                figures.append((index, _flat(text)))
            elif any(word in _flat(text) for word in (*_STAFF_WORDS.values(), _STAFF)):
                header.append((index, _flat(text)))
        if not header or not figures:
            return {}
        staff: dict = {}
        year = re.search(r"((?:19|20)\d{2})\s*年\s*实际在职", "".join(text for _, text in header))
        if year:
            staff["year"] = year.group(1)
        order = _header_order(header)
        values = [text for _, text in figures]
        reading = self._staff_reading(values, order)
        if reading is None:
            return {}
        self.stream.use(*(index for index, _ in header + figures))
        staff.update(reading)
        return {key: staff[key] for key in ("authorized", "actual", "year", "control_rate") if key in staff}

    def _staff_reading(self, values: list[str], order: list[str] | None) -> dict | None:
        if len(values) > 1 and order and len(values) == len(order):
            reading = dict(zip(order, values))
            if all(_fits(key, text) for key, text in reading.items()):
                return reading
        run = "".join(values)
        readings = _staff_splits(run, order)
        if len(readings) == 1:
            reading = readings[0]
            if len(values) == 1 or not order:
                self.split.append(f"财政供养人员情况“{run}”读作编制数 {reading['authorized']}、实际在职人数 "
                                  f"{reading['actual']}、控制率 {reading['control_rate']}（只有这样拆分，控制率才等于"
                                  "实际在职人数 ÷ 编制数）")
            return reading
        self.draft.note(f"基础数据表的财政供养人员情况写作“{run}”，无法确定编制数、实际在职人数和控制率各是多少，"
                        "未写入；请对照原件填写 base_data.staff")
        return None

    # 经费控制情况

    def unit(self, found: _Blocks) -> str | None:
        """The money unit the table prints (经费控制情况(万元), 预算投资(万元)), against the record's."""
        printed = next((unit for i in (*found.costs, *found.buildings)
                        if _UNIT_CELL.search(self.stream.text(i)) and (unit := unit_in(self.stream.text(i)))), None)
        record = self.draft.fields.get("unit")
        if printed and record and printed != record:
            self.draft.note(f"基础数据表的金额单位是“{printed}”，与自评表的“{record}”不同；记录只有一个金额单位，"
                            "基础数据表的金额照录为原文（printed），请核对")
            return None
        if printed and not record:
            self.draft.fields["unit"] = printed
        return printed or record

    def costs(self, block: range, unit: str | None) -> tuple[list[str], list[dict]]:
        texts = self.texts(block)
        columns: list[str] = []
        first_row = 0
        for position, (index, text) in enumerate(texts):
            found = _COLUMN.findall(text)
            rest = _COLUMN.sub("", _flat(text)).replace(_COSTS, "")
            if (found or _COSTS in _flat(text)) and not re.sub(r"[（()）:：万元]", "", rest):
                columns.extend(f"{year}年{name}" for year, name in found)
                self.stream.use(index)
                first_row = position + 1
            else:
                break
        if not columns:
            return [], []
        rows = self._rows(texts[first_row:], len(columns))
        tree = _nest(rows)
        return columns, [self._cost_row(row, len(columns), unit) for row in tree]

    def _rows(self, texts: list[tuple[int, str]], width: int) -> list[_Row]:
        rows: list[_Row] = []
        for index, text in texts:
            flat = _flat(text)
            if _PLACEHOLDER.match(text):
                self.stream.use(index)
                continue
            if _FIGURES.match(flat):
                row = rows[-1] if rows else None
                if row is None or row.tail is not None or len(row.figures) >= width:
                    continue  # a figure without its row: left for the unplaced-content note
                row.figures.append(flat)
                row.cells.append(index)
                self.stream.use(index)
                continue
            label, tail = _label_and_tail(one_line(text))
            if not tail and rows and _continues(label):
                # a label broken over two lines (农村义教学校…营养餐 | 872.60 | 款): one row
                rows[-1].label += label
                rows[-1].cells.append(index)
            else:
                rows.append(_Row(label, [index], tail))
            self.stream.use(index)
        return rows

    def _cost_row(self, row: _Row, width: int, unit: str | None) -> dict:
        item: dict = {"label": row.label}
        values = self._values(row, [_AMOUNT] * width, unit is not None)
        if values is not None:
            item["values"] = values
        elif row.tail or row.figures:
            item["printed"] = row.tail or " ".join(row.figures)
            self.printed.append(f"“{row.label}”{item['printed']}")
        if row.parts:
            item["parts"] = [self._cost_row(part, width, unit) for part in row.parts]
        if row.of_which:
            item["of_which"] = [self._cost_row(part, width, unit) for part in row.of_which]
        return item

    def _values(self, row: _Row, patterns: list[re.Pattern], known_unit: bool = True) -> list[str] | None:
        """The row's figures, one per column, when it is certain which is which (and, for money, in
        which unit); else None."""
        if not known_unit and not all(set(figure) <= {"0"} for figure in (row.tail or "", *row.figures)):
            return None  # money with no unit printed anywhere: kept as printed, not guessed to be 万元
        if row.figures and row.tail is None:
            if len(row.figures) == len(patterns) and all(p.fullmatch(f) for p, f in zip(patterns, row.figures)):
                return list(row.figures)
            run = row.figures[0] if len(row.figures) == 1 else None
        else:
            run = row.tail
        if run is None:
            return None
        readings = _splits(run, len(patterns))
        if len(readings) != 1 or len(readings[0]) != len(patterns):
            return None
        if not all(pattern.fullmatch(piece) for pattern, piece in zip(patterns, readings[0])):
            return None
        if len(patterns) > 1:
            self.split.append(f"“{row.label}”{run} 读作 {' | '.join(readings[0])}")
        return readings[0]

    # 楼堂馆所控制情况

    def buildings(self, block: range, unit: str | None) -> list[dict]:
        header: list[str] = []
        rows: list[_Row] = []
        for index, text in self.texts(block):
            flat = _flat(text)
            roles = [key for key, words in _BUILDING_COLUMNS if any(word in flat for word in words)]
            if roles or any(word in flat for word in _BUILDINGS) or re.fullmatch(r"[（(]?(m1|nf|㎡|m2|万元|元)?[)）]?", flat):
                header.extend(roles)
                self.stream.use(index)
            elif _FIGURES.match(flat) and rows and rows[-1].tail is None and not rows[-1].figures:
                rows[-1].figures.append(flat)
                self.stream.use(index)
            elif not _FIGURES.match(flat):
                label, tail = _label_and_tail(one_line(text))
                rows.append(_Row(label.strip("（()）"), [index], tail))
                self.stream.use(index)
        found = []
        keys = [key for key, _ in _BUILDING_COLUMNS]
        patterns = [_RATE if key in _RATE_KEYS else _AMOUNT for key in keys]
        for row in rows:
            if row.tail is None and not row.figures:
                continue  # the form's 2023 年完工项目 line, not filled in
            values = self._values(row, patterns, unit is not None)
            item: dict = {"label": row.label}
            if values is not None:
                item.update({key: value for key, value in zip(keys, values)})
            else:
                item["printed"] = row.tail or " ".join(row.figures)
                self.printed.append(f"“{row.label}”{item['printed']}")
            found.append(item)
        return found

    # 厉行节约保障措施 and the form's own note

    def thrift(self, block: range) -> str | None:
        texts = self.texts(block)
        if not texts:
            return None
        index, text = texts[0]
        self.stream.use(index)
        words = re.sub(r"^.*?厉行节约保障措施", "", one_line(text)).strip(" :：")
        if not words and len(texts) > 1:
            words = one_line(texts[1][1])
            self.stream.use(texts[1][0])
        return words or None

    def footnote(self, block: range) -> None:
        """说明: what 项目支出 and 公用经费 mean: the form's own words, not a report's (and the line it
        wrapped onto, 出。)."""
        self.stream.use(*(index for index, text in self.texts(block) if not re.search(r"\d", text)))

    def write_notes(self) -> None:
        if self.split:
            self.draft.note("基础数据表中连写的数字只有一种拆法的，已拆开录入：" + "；".join(self.split))
        if self.printed:
            self.draft.note("基础数据表中连写或缺栏的数字无法确定地拆分到各栏，照录为原文（printed），未写入金额，"
                            "也不参与核验：" + "；".join(self.printed) + "。请对照原件填写 values")


# --- nesting and splitting ------------------------------------------------------------------------


def _label_and_tail(text: str) -> tuple[str, str | None]:
    match = _TAIL.match(text)
    if not match or not re.search(r"[\u4e00-\u9fff)）]", match.group("label")):
        return text.rstrip(":： "), None
    return match.group("label").rstrip(":： "), _flat(match.group("tail"))


def _continues(label: str) -> bool:
    """A line that only finishes the label above it: a bracketed note, or one character."""
    return bool(re.fullmatch(r"[（(][^（()）]+[)）]", label)) or len(label) == 1


def _kind(label: str) -> str:
    flat = re.sub(r"[\s“”\"'‘’]", "", label)
    if any(flat.startswith(word) for word in _TOP_ROWS):
        return "top"
    if _NUMBERED.match(flat):
        return "part"
    if _OF_WHICH.match(flat):
        return "of_which"
    return "plain"


def _nest(rows: list[_Row]) -> list[_Row]:
    """Rows as the form nests them: numbered rows under the row they are parts of, 其中 rows (and the
    unnumbered rows that follow them) under the row they are some of."""
    tree: list[_Row] = []
    top: _Row | None = None
    part: _Row | None = None
    of_which_of: _Row | None = None
    for row in rows:
        kind = _kind(row.label)
        if kind == "top" or top is None:
            tree.append(row)
            top, part, of_which_of = row, None, None
        elif kind == "part":
            top.parts.append(row)
            part, of_which_of = row, None
        elif kind == "of_which" or part is not None or of_which_of is not None:
            owner = part or of_which_of or top
            owner.of_which.append(row)
            of_which_of = owner
        else:
            tree.append(row)
            top, part, of_which_of = row, None, None
    return tree


def _header_order(header: list[tuple[int, str]]) -> list[str] | None:
    """The staff columns in the order the header prints them, when each header cell names one
    column; None when an extraction ran them together (编制数控制率) and the order cannot be told."""
    order: list[str] = []
    for _, text in header:
        named = [key for key, word in _STAFF_WORDS.items() if word in text]
        if len(named) > 1:
            return None
        order.extend(named)
    return order if len(order) >= 2 and len(set(order)) == len(order) else None


def _fits(key: str, text: str) -> bool:
    return bool((_RATE if key == "control_rate" else _COUNT).fullmatch(text))


def _staff_splits(run: str, order: list[str] | None) -> list[dict]:
    """Every reading of a staff run (编制数, 实际在职人数, then 控制率 ending in %) in which the
    rate is the ratio of the two counts, to the decimals printed. Without a known header order
    both orders of the counts are tried: the rate tells them apart."""
    if not run.endswith("%") or len(run) > _LONGEST_RUN:
        return []
    orders = [order] if order and len(order) == 3 and order[2] == "control_rate" else [
        ["authorized", "actual", "control_rate"], ["actual", "authorized", "control_rate"]]
    found: list[dict] = []
    for end_first in range(1, len(run)):
        for end_second in range(end_first + 1, len(run)):
            first, second, rate = run[:end_first], run[end_first:end_second], run[end_second:]
            if not (_COUNT.fullmatch(first) and _COUNT.fullmatch(second) and _RATE.fullmatch(rate)):
                continue
            for keys in orders:
                reading = dict(zip(keys, (first, second, rate)))
                authorized, actual = Decimal(reading["authorized"]), Decimal(reading["actual"])
                if authorized and agrees(Decimal(rate.rstrip("%")), actual / authorized * 100) and reading not in found:
                    found.append(reading)
    return found


def _splits(run: str, most: int) -> list[list[str]]:
    """Ways to cut ``run`` into at most ``most`` figures (a rate keeps its %): a reading of fewer
    figures is a blank cell left out of the run, so any second reading, or a short one, means the
    columns cannot be told. At most two readings are looked for."""
    if len(run) > _LONGEST_RUN or not re.fullmatch(r"[\d.%]+", run):
        return []
    found: list[list[str]] = []

    def walk(rest: str, pieces: list[str]) -> None:
        if len(found) >= _MOST_READINGS:
            return
        if not rest:
            found.append(list(pieces))
            return
        if len(pieces) == most:
            return
        for end in range(1, len(rest) + 1):
            if _RATE.fullmatch(rest[:end]):
                walk(rest[end:], [*pieces, rest[:end]])

    walk(run, [])
    return found
