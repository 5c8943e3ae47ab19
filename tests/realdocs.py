"""Import fidelity on real documents: a careful reader's answers against what the import made of them.

A folder of real documents (``NN_*.txt``: ``SOURCE:`` and ``NOTE:`` lines, a line ``----``, then the
text as extracted) comes with ``answers/NN_*.json``, one per text, written by hand: identity, money
as printed, every visible indicator row, declared totals and grade, and the defects a checker must
report, each with the figures a finding must mention. A file with ``projects`` holds several reports.

:func:`measure` imports every text in one call, checks the records as ``jixiao check`` does, and
scores each document: fields, indicator rows and cells right out of those stated, values the record
holds that neither the answer nor the text has (invented), answer defects found by some finding,
and errors on reports whose answer lists no defect. ``scripts/import-fidelity`` prints it;
``tests/test_real_documents.py`` holds each document to it. Test tooling, not part of the package.

How the answers are read:

- records are matched with a file's reports by title (the rest in order); indicator rows by name,
  folded (whitespace, full/half width, ★ marks, quotes, numbering such as 指标1:), an unnamed
  answer row taking the next unmatched record row;
- a money label is right when one of the record fields it may live in holds the amount
  (:data:`MONEY_HOMES`; a label no field can hold is stated and missed); numbers compare as
  numbers (10 == 10.00, 20% == 20), text after folding, with ≧ ═ ﹦ >= read as ≥ = ≥; ``""`` is a
  blank cell the record must leave empty; an answer's combined ≧735人次 matches 指标值 735 with
  指标性质 ≧ and 度量单位 人次;
- a base-data figure (``base_data``: 编制数, 实际在职人数, 控制率, a cost row by its label) is right
  when the record's ``base_data`` holds it: a row's figures in order, one figure for a row whose
  every figure it is (三公经费 "0"), or the row's text as printed when its figures could not be split;
- a value is invented when the answer does not state it and the text (after the ``----`` line,
  also in simplified characters) does not hold it; a value saying it is unknown (未能读出…) is not;
- a defect is found by a warning or an error (not an info hint, not a finding about the file)
  that names every figure of the defect, on the part of the record the defect is about (the
  indicator row it names, or anything but an indicator row for a money defect); a defect without
  figures by a finding of its kind (:data:`DEFECT_CODES`).
"""

from __future__ import annotations

import functools
import json
import re
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from jixiao.core.collection import load_collection
from jixiao.importers import import_files

ROOT = Path(__file__).resolve().parents[1]
REAL_DEV = ROOT.parent / "shared" / "real-dev"
TEXT_START = "----"  # the line that ends the SOURCE/NOTE header of a development text

# --- reading the development set -------------------------------------------------------------


@dataclass
class Document:
    key: str  # the file's number, "05"
    path: Path
    answer: dict
    text: str  # the document as extracted, without the SOURCE/NOTE header

    @property
    def projects(self) -> list[dict]:
        """One answer per report, the file-level keys (year, region, truncated) inherited."""
        return project_answers(self.answer)


def project_answers(answer: dict) -> list[dict]:
    if "projects" not in answer:
        return [answer]
    shared = {key: answer[key] for key in ("truncated", "year", "region_contains", "unit") if key in answer}
    return [{**shared, **project} for project in answer["projects"]]


def document_key(path: Path) -> str:
    return path.name.split("_", 1)[0]


def load_documents(folder: Path = REAL_DEV, only: str | None = None) -> list[Document]:
    documents = []
    for path in sorted(folder.glob("*.txt")):
        key = document_key(path)
        if only is not None and not same_key(key, only):
            continue
        answer_file = folder / "answers" / f"{path.stem}.json"
        if not answer_file.is_file():
            continue
        raw = path.read_text(encoding="utf-8")
        documents.append(Document(key, path, json.loads(answer_file.read_text(encoding="utf-8")), document_text(raw)))
    return documents


def same_key(key: str, wanted: str) -> bool:
    return key == wanted or (key.isdigit() and wanted.isdigit() and int(key) == int(wanted))


DROP = object()  # an override value that takes the key out of the answer


def apply_override(answer: dict, path: str, value) -> None:
    """Set ``path`` in an answer (``year``, ``money.全年执行数``, ``projects[0].indicators[2].target``);
    the value :data:`DROP` removes the key."""
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    holder = answer
    for part in parts[:-1]:
        holder = holder[int(part[1:-1])] if part.startswith("[") else holder[part]
    last = parts[-1]
    if last.startswith("["):
        holder[int(last[1:-1])] = value
    elif value is DROP:
        holder.pop(last, None)
    else:
        holder[last] = value


def document_text(raw: str) -> str:
    """The text after the ``----`` line: the NOTE's own figures must not count as the document's."""
    lines = raw.splitlines()
    for index, line in enumerate(lines):
        if line.strip() == TEXT_START:
            return "\n".join(lines[index + 1:])
    return raw


# --- comparing values --------------------------------------------------------------------------

# Operators as printed in the wild, folded to one spelling: ≧100% and ≥100% state the same target.
_OPERATORS = str.maketrans({"≧": "≥", "≦": "≤", "═": "=", "﹦": "=", "＝": "="})
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_NUMBERS_IN_TEXT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")  # 215,457.6 but not the 3 of “3，”
_MARKS = re.compile(r"[★☆✩✭“”‘’\"'「」]")
# Numbering printed before a name (指标1:, 指标2工程验收合格率, 其中:) is not part of it.
_NUMBERING = (re.compile(r"^指标\d+[:：]"), re.compile(r"^指标\d+(?=[^\d.])"), re.compile(r"^其中[:：]"))
_OPERATOR = re.compile(r"^(≥|≤|=|<|>|≧|≦|═|﹦|＝|>=|<=)$")
_PROJECT_CODE = re.compile(r"^[0-9A-Z]{12,}[-—_]")
_UNIT_CODE = re.compile(r"^\[\d+\]")  # a department printed with its budget code: [155]濉溪县民政局
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")  # the mirror's 項(xiàng)目
# A value the importer writes to say it does not know is not a claim about the document.
_DECLARED_UNKNOWN = ("未能", "未注明", "待补")


def fold(value) -> str:
    """Text as compared: full-width forms half-width, operators in one spelling, no whitespace."""
    text = unicodedata.normalize("NFKC", str(value)).translate(_OPERATORS)
    text = text.replace(">=", "≥").replace("<=", "≤")
    return re.sub(r"\s+", "", text)


def fold_name(value) -> str:
    """An indicator's name as matched: also without ★ marks, stray quotes and numbering."""
    text = _MARKS.sub("", fold(value))
    for numbering in _NUMBERING:
        text = numbering.sub("", text)
    return text


def fold_title(value) -> str:
    return _PROJECT_CODE.sub("", fold(value))


def fold_unit_name(value) -> str:
    return _UNIT_CODE.sub("", fold(value))


def as_number(value) -> Decimal | None:
    """A number when the value is one (10, 10.00, 20%, 9,034); None for ≥95%, 合规 and blanks."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = fold(value)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    if text.endswith("%"):
        text = text[:-1]
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return fold(value) == ""
    if isinstance(value, (list, dict)):
        return not value
    return False


class Either(tuple):
    """Readings a careful reader cannot choose between (which of two cells is blank): any is right."""

    def __new__(cls, *options):
        return super().__new__(cls, options)

    def __str__(self) -> str:
        return " 或 ".join(shown(option) if option != "" else "空白" for option in self)


_YES = {"是", "★", "true", "True", "√", "✓"}
_NO = {"否", "false", "False", "×"}


def same(expected, got, fraction_ok: bool = False) -> bool:
    """Whether the record holds what the answer states: ``""`` means a blank cell; numbers compare
    numerically (10 == 10.00, 20% == 20); text after folding. ``fraction_ok`` accepts 1 for 100%."""
    if isinstance(expected, Either):
        return any(same(option, got, fraction_ok) for option in expected)
    if is_blank(expected):
        return is_blank(got)
    if is_blank(got):
        return False
    if isinstance(got, bool):
        wanted = fold(expected)
        return (wanted in _YES and got) or (wanted in _NO and not got)
    a, b = as_number(expected), as_number(got)
    if a is not None and b is not None:
        return a == b or (fraction_ok and str(expected).strip().endswith("%") and a / 100 == b)
    return fold(expected) == fold(got)


def shown(value) -> str:
    if isinstance(value, Either):
        return str(value)
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


# --- where the answer's labels live in a record ---------------------------------------------------

# A money label of the answer (as printed on the form) → the record fields that may hold it, in
# ``budget`` or the funding table's total row ("total."). Right when any of them holds the value.
_FULL_YEAR = ("budget.full_year", "total.full_year", "total.amount")
MONEY_HOMES: dict[str, tuple[str, ...]] = {
    "年初预算数": ("budget.initial", "total.initial"),
    "年初部门预算安排金额": ("budget.initial", "total.initial"),
    "全年预算数": _FULL_YEAR,
    "预算数": _FULL_YEAR,
    "合计": _FULL_YEAR,  # the 合计 column of the sources (中央 | 省 | 本级 | 其他 | 合计)
    "小计": _FULL_YEAR,  # ④ = ①+②+③, the year's adjusted total (Fujian)
    "项目资金": _FULL_YEAR,
    "预算金额": _FULL_YEAR,
    "发行金额": _FULL_YEAR,  # a special bond's issued amount is the project's money
    "年度金额(提前下达)": _FULL_YEAR,
    "计划安排资金": _FULL_YEAR,
    "下达资金": (*_FULL_YEAR, "budget.appropriated"),
    "批复下达预算资金": (*_FULL_YEAR, "budget.appropriated"),
    "全年执行数": ("budget.executed", "total.executed"),
    "执行数": ("budget.executed", "total.executed"),
    "全年执行资金": ("budget.executed", "total.executed"),
    "实际支出": ("budget.executed", "total.executed"),
    "资金使用情况合计": ("budget.executed", "total.executed"),
    "年度拨付金额": ("budget.executed", "total.executed", "budget.appropriated"),  # ⑥ 支出实现率 = ⑤/④
    "全年到位资金": ("budget.appropriated",),
    "实际到位资金": ("budget.appropriated",),
    "执行率": ("budget.execution_rate", "total.execution_rate"),
    "预算执行率": ("budget.execution_rate", "total.execution_rate"),
    "预算执行": ("budget.execution_rate", "total.execution_rate"),
    "支出实现率": ("budget.execution_rate", "total.execution_rate"),
    "年中调整金额": ("budget.adjustment",),
    "本年度结余金额": ("budget.balance",),
    "结余": ("budget.balance",),
    # No field of the record holds these; they count as stated and missed.
    "历年结余结转": (),
    "扣除统筹整合资金后预算金额": (),
    "预算到位": (),
    "资金结余率": (),
}

# Labels not in the table above (another document's wording), placed by the words they contain.
_MONEY_WORDS = (
    (("执行率", "实现率"), ("budget.execution_rate", "total.execution_rate")),
    (("年初",), ("budget.initial", "total.initial")),
    (("调整",), ("budget.adjustment",)),
    (("结余",), ("budget.balance",)),
    (("到位", "拨付", "拨款"), ("budget.appropriated",)),
    (("执行", "支出", "支付"), ("budget.executed", "total.executed")),
    (("预算", "资金", "金额", "合计"), _FULL_YEAR),
)


def money_homes(label: str) -> tuple[str, ...]:
    folded = fold(label)
    for known, homes in MONEY_HOMES.items():
        if fold(known) == folded:
            return homes
    if "率" in folded and not any(word in folded for word in ("执行率", "实现率")):
        return ()
    for words, homes in _MONEY_WORDS:
        if any(word in folded for word in words):
            return homes
    return ()


# An indicator cell of the answer → the field of the record's indicator row.
CELL_HOMES = {
    "target": "target",
    "actual": "actual",
    "weight": "weight",
    "score": "score",
    "measure_unit": "measure_unit",
    "coefficient": "coefficient",
    "core": "core",
    "nature": "nature",
    "deviation": "note",
    "method": "rule",
    "weighted_score": "weighted_score",
    "grade": "rating",
}
CELL_LABELS = {
    "target": "目标值", "actual": "实际完成值", "weight": "权重", "score": "得分", "measure_unit": "度量单位",
    "coefficient": "得分系数", "core": "核心指标", "nature": "指标性质", "note": "偏差原因",
    "rule": "评分方法", "weighted_score": "加权得分", "rating": "等级",
}
FIELD_LABELS = {
    "title": "项目名称", "year": "年份", "department": "主管部门", "implementer": "实施单位", "kind": "评价类型",
    "evaluator": "评价机构", "unit": "金额单位", "region": "地区", "draft": "不公开（原件不完整或未写年份）",
    "budget_weight": "资金分值", "budget_score": "资金得分", "declared_total": "申报总分",
    "declared_grade": "申报等级", "declared_weight_total": "满分", "money": "金额", "declared_subtotals": "类别分值",
    "base_data": "基础数据表",
}


def total_row(report):
    return next((row for row in report.funding if row.total), None)


def record_value(report, home: str):
    """The value at ``budget.x`` or ``total.x``; None when the record has no such field or row."""
    part, name = home.split(".", 1)
    holder = report.budget if part == "budget" else total_row(report)
    return getattr(holder, name, None) if holder is not None else None


# An answer's base_data label → the record's staff field; any other label names a cost row by its
# words before the first space ("项目支出 2022决算/2023预算/2023决算").
BASE_STAFF = {"编制数": "authorized", "实际在职人数": "actual", "控制率": "control_rate"}


def base_rows(base) -> list:
    """Every cost row of a record's base_data, nested ones included."""
    rows: list = []

    def walk(level) -> None:
        for row in level:
            rows.append(row)
            walk(row.parts)
            walk(row.of_which)

    walk(base.costs if base is not None else [])
    return rows


def base_row_name(label: str) -> str:
    return re.sub(r"^\d+[、.]|[:：]$", "", fold_name(label))


def base_value(report, label: str):
    """The staff figure, or the cost row's figures (a list) or its printed text; None when absent."""
    base = getattr(report, "base_data", None) if report is not None else None
    if base is None:
        return None
    if label in BASE_STAFF:
        return getattr(base.staff, BASE_STAFF[label], None) if base.staff is not None else None
    name = base_row_name(label.split(" ")[0])
    row = next((row for row in base_rows(base) if base_row_name(row.label) == name), None)
    if row is None:
        return None
    return list(row.values) if row.values else row.printed


def base_right(expected, got) -> bool:
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and all(map(same, expected, got))
    if isinstance(got, list):
        return bool(got) and all(same(expected, value) for value in got)
    return same(expected, got)


# --- the score of one report ------------------------------------------------------------------


@dataclass
class Score:
    """What one answer (a report) got right; every list is in Chinese, one line per miss."""

    label: str
    record: str | None = None  # the record file compared, relative to the import folder
    fields_right: int = 0
    fields_stated: int = 0
    field_misses: list[str] = field(default_factory=list)
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind of field → [right, stated]
    homeless: list[str] = field(default_factory=list)  # money labels no field of the record holds
    rows_right: int = 0
    rows_stated: int = 0
    row_misses: list[str] = field(default_factory=list)
    extra_rows: list[str] = field(default_factory=list)
    cells_right: int = 0
    cells_stated: int = 0
    cell_misses: list[str] = field(default_factory=list)
    cells_by_kind: dict[str, list[int]] = field(default_factory=dict)  # record field → [right, stated]
    invented: list[str] = field(default_factory=list)
    defects_found: int = 0
    defects_stated: int = 0
    defect_misses: list[str] = field(default_factory=list)
    clean: bool = False  # the answer lists no defect
    clean_errors: list[str] = field(default_factory=list)

    def add_field(self, kind: str, name: str, ok: bool, expected, got) -> None:
        """``kind`` groups fields for the breakdown: title, money, subtotal…"""
        self.fields_stated += 1
        counts = self.by_kind.setdefault(kind, [0, 0])
        counts[1] += 1
        if ok:
            self.fields_right += 1
            counts[0] += 1
        else:
            self.field_misses.append(f"{name}：应为 {shown(expected)}，记录为 {shown(got)}")


@dataclass
class Imported:
    """One imported record with the findings ``jixiao check`` gives it."""

    path: str
    report: object | None
    findings: list
    problems: list[str] = field(default_factory=list)  # what the importer could not make fit the format


def score_project(answer: dict, imported: Imported | None, text: str, label: str, key: tuple[str, int]) -> Score:
    """``key`` (document, report number) finds the finding codes of the answer's figure-less defects."""
    score = Score(label, imported.path if imported else None, clean=not answer.get("defects"))
    report = imported.report if imported else None
    score_fields(score, answer, report)
    pairs = score_indicators(score, answer, report)
    score_invented(score, answer, report, pairs, text)
    row_index = {id(expected): index_of(report.indicators, row) for expected, row in pairs if row is not None}
    names = tuple(row.name for row in report.indicators) if report is not None else ()
    score_defects(score, answer, imported.findings if imported else [], key, row_index, names)
    return score


def index_of(rows: list, row) -> int:
    return next(index for index, candidate in enumerate(rows) if candidate is row)


def score_fields(score: Score, answer: dict, report) -> None:
    get = (lambda name: getattr(report, name, None)) if report is not None else (lambda name: None)
    for name in ("title", "department", "implementer"):
        if name in answer:
            folder = fold_title if name == "title" else fold_unit_name
            got = get(name)
            ok = (is_blank(answer[name]) and is_blank(got)) or (
                not is_blank(got) and folder(answer[name]) == folder(got))
            score.add_field(name, FIELD_LABELS[name], ok, answer[name], got)
    for name in ("year", "kind", "evaluator", "unit"):
        if name in answer:
            score.add_field(name, FIELD_LABELS[name], same(answer[name], get(name)), answer[name], get(name))
    if "region_contains" in answer:
        region = fold("".join(get("region") or []))
        ok = report is not None and all(fold(place) in region for place in answer["region_contains"])
        score.add_field("region", FIELD_LABELS["region"], ok, "包含" + "、".join(answer["region_contains"]), "、".join(get("region") or []) or None)
    # A cut-off document, and one that states no year, become drafts (issue: nothing invented, the
    # record says what is missing until a reviewer completes it).
    if answer.get("truncated") is True or "year" not in answer:
        draft = report is not None and report.publish is False
        score.add_field("draft", FIELD_LABELS["draft"], draft, "publish: false", "未设为不公开" if report is not None else None)
    score_money(score, answer, report)
    for label, expected in (answer.get("base_data") or {}).items():
        got = base_value(report, label)
        score.add_field("base_data", f"基础数据表 {label}", base_right(expected, got), expected,
                        "、".join(map(str, got)) if isinstance(got, list) else got)
    declared = get("declared")
    total = total_row(report) if report is not None else None
    for name, value in (
        ("budget_weight", getattr(total, "weight", None)),
        ("budget_score", getattr(total, "score", None)),
        ("declared_total", getattr(declared, "total", None)),
        ("declared_grade", getattr(declared, "grade", None)),
        ("declared_weight_total", getattr(declared, "weight_total", None)),
    ):
        if name in answer:
            score.add_field(name, FIELD_LABELS[name], same(answer[name], value), answer[name], value)
    categories = {fold_name(name): points for name, points in (get("categories") or {}).items()}
    for name, points in (answer.get("declared_subtotals") or {}).items():
        got = categories.get(fold_name(name))
        score.add_field("declared_subtotals", f"类别分值 {name}", same(points, got), points, got)


def score_money(score: Score, answer: dict, report) -> None:
    for label, expected in (answer.get("money") or {}).items():
        homes = money_homes(label)
        if not homes:
            # no field of its own: a column the form names in its own words is kept in the total
            # row's details, under the form's header
            total = total_row(report) if report is not None else None
            details = {fold(key): value for key, value in ((getattr(total, "details", None) or {}) if total is not None else {}).items()}
            if fold(label) in details:
                got = details[fold(label)]
                score.add_field("money", f"金额 {label}（资金表 details）", money_right(expected, [got]), expected, got)
                continue
            score.homeless.append(label)
            score.add_field("money", f"金额 {label}（记录中无对应字段）", False, expected, None)
            continue
        values = [record_value(report, home) for home in homes] if report is not None else []
        held = [value for value in values if not is_blank(value)]
        score.add_field("money", f"金额 {label}", money_right(expected, held), expected, "、".join(map(str, held)) or None)


def money_right(expected, held: list) -> bool:
    """Right when a field holds the amount; a blank (``""``) is right when none holds anything."""
    if isinstance(expected, Either):
        return any(money_right(option, held) for option in expected)
    if is_blank(expected):
        return not held
    return any(same(expected, value) for value in held)


def score_indicators(score: Score, answer: dict, report) -> list[tuple[dict, object]]:
    """Answer rows matched with record rows by name; empty names take the next unmatched row."""
    rows = list(getattr(report, "indicators", []) or [])
    used: set[int] = set()
    pairs: list[tuple[dict, object]] = []
    last = -1
    named = {fold_name(expected.get(key) or "") for expected in answer.get("indicators") or []
             for key in ("name", "printed_name")} - {""}
    for expected in answer.get("indicators") or []:
        index = match_row(expected, rows, used, last, named)
        if index is None:
            pairs.append((expected, None))
            score.rows_stated += 1
            score.row_misses.append(f"缺少指标“{expected.get('name') or '（无名）'}”")
            for key in CELL_HOMES:
                if key in expected:
                    score.cells_stated += 1
                    score.cells_by_kind.setdefault(CELL_HOMES[key], [0, 0])[1] += 1
                    score.cell_misses.append(f"“{expected.get('name') or '（无名）'}”的{CELL_LABELS[CELL_HOMES[key]]}：行缺失")
            continue
        used.add(index)
        last = index
        pairs.append((expected, rows[index]))
        score_row(score, expected, rows[index])
    # Names the answer saw without values ("成本指标 指标1: (name cut off)"): not extra rows.
    unnamed = {fold_name(name.split(" (")[0]) for name in answer.get("indicator_names_without_values") or []}
    for index, row in enumerate(rows):
        if index not in used and fold_name(row.name) not in unnamed:
            score.extra_rows.append(row.name)
    return pairs


def match_row(expected: dict, rows: list, used: set[int], last: int, named: set[str] = frozenset()) -> int | None:
    """The record row for an answer row: by name; a row the answer gives no name takes the next
    unmatched row, unless that row bears the name of another answer row (it is that one)."""
    names = {fold_name(expected.get(key) or "") for key in ("name", "printed_name")} - {""}
    if not names:
        return next((i for i in range(last + 1, len(rows)) if i not in used and fold_name(rows[i].name) not in named), None)
    return next((i for i, row in enumerate(rows) if i not in used and fold_name(row.name) in names), None)


def cell_forms(expected: dict, row, home: str) -> list:
    """The record's cell as the answer may have written it: a target or actual together with the
    row's unit (≧735人次 is 指标值 735 and 度量单位 人次) and operator (the 指标性质 column ≧) when
    the answer does not state those columns apart."""
    got = getattr(row, home, None)
    forms = [got]
    if home not in ("target", "actual") or is_blank(got):
        return forms
    unit = getattr(row, "measure_unit", None) if "measure_unit" not in expected else None
    nature = getattr(row, "nature", None) if "nature" not in expected else None
    operator = fold(nature) if not is_blank(nature) and _OPERATOR.match(fold(nature)) else ""
    suffix = str(unit).strip() if not is_blank(unit) else ""
    for prefix in {"", operator} if home == "target" else {""}:
        forms.append(f"{prefix}{got}{suffix}")
    return forms


def score_row(score: Score, expected: dict, row) -> None:
    score.rows_stated += 1
    wrong = []
    for key, home in CELL_HOMES.items():
        if key not in expected:
            continue
        got = getattr(row, home, None)
        score.cells_stated += 1
        counts = score.cells_by_kind.setdefault(home, [0, 0])
        counts[1] += 1
        if any(same(expected[key], form, fraction_ok=home == "coefficient") for form in cell_forms(expected, row, home)):
            score.cells_right += 1
            counts[0] += 1
        else:
            wrong.append(f"{CELL_LABELS[home]} 应为 {shown(expected[key]) if expected[key] != '' else '空白'}，记录为 {shown(got)}")
    if wrong:
        score.row_misses.append(f"“{expected['name']}”：" + "；".join(wrong))
        score.cell_misses.extend(f"“{expected['name']}”的{item}" for item in wrong)
    else:
        score.rows_right += 1


# --- invented values -----------------------------------------------------------------------------

_ROW_FIELDS = ("target", "actual", "weight", "score", "measure_unit", "coefficient", "nature", "note", "rule",
               "weighted_score", "rating", "review_score", "adjusted_target", "mark")
# Identity the answers do not state but a record may hold: printed codes and the commissioning body.
_MORE_IDENTITY = {"project_code": "项目编码", "document_number": "文号", "report_number": "报告编号",
                  "commissioned_by": "委托方"}
_MONEY_FIELDS = ("initial", "adjustment", "full_year", "appropriated", "unallocated", "unallocated_recovered",
                 "executed", "balance", "carried_forward", "recovered", "execution_rate", "previous_execution_rate")
_FUNDING_FIELDS = ("amount", "initial", "full_year", "executed", "weight", "execution_rate", "score")


class Haystack:
    """The document text, to ask whether a value occurs in it. A traditional-character copy is also
    searched in simplified characters (the record holds them), when OpenCC is installed."""

    def __init__(self, text: str):
        text = _PINYIN.sub("", text)  # the mirror's 項(xiàng)目
        simplified = to_simplified(text)
        self.folded = fold(text) + "\n" + fold(simplified) if simplified != text else fold(text)
        self.digits = re.sub(r"(?<=\d),(?=\d)", "", self.folded)

    def has_year(self, year) -> bool:
        """A year as a number of its own (2026 inside 索引号 202604 or a phone number is not one)."""
        return is_blank(year) or re.search(rf"(?<!\d){year}(?!\d)|{year}年", self.digits) is not None

    def has(self, value) -> bool:
        """Whether the text holds the value. A number is looked for as a digit string anywhere, since
        glued cells (303010100%) split nothing: a small number is therefore seldom caught."""
        if isinstance(value, bool) or is_blank(value):
            return True
        number = as_number(value)
        if number is not None:
            return any(form in self.digits for form in number_forms(number))
        text = fold(value)
        if any(word in text for word in _DECLARED_UNKNOWN):
            return True
        return text in self.folded


def to_simplified(text: str) -> str:
    converter = _simplifier()
    return converter.convert(text) if converter else text


@functools.cache
def _simplifier():
    try:
        import opencc
    except ImportError:  # then a simplified value read from a traditional copy counts as invented
        return None
    return opencc.OpenCC("t2s")


def number_forms(number: Decimal) -> set[str]:
    plain = format(number, "f")
    forms = {plain}
    if "." in plain:
        forms.add(plain.rstrip("0").rstrip("."))
    return forms


def score_invented(score: Score, answer: dict, report, pairs, text: str) -> None:
    if report is None:
        return
    haystack = Haystack(text)

    def check(where: str, value) -> None:
        if not is_blank(value) and not haystack.has(value):
            score.invented.append(f"{where}：{shown(value)}")

    if "year" not in answer and not haystack.has_year(getattr(report, "year", None)):
        score.invented.append(f"{FIELD_LABELS['year']}：{report.year}")
    for name in ("title", "department", "implementer", "evaluator"):
        if name not in answer:
            check(FIELD_LABELS[name], getattr(report, name, None))
    for name, label in _MORE_IDENTITY.items():
        check(label, getattr(report, name, None))
    if "unit" not in answer and holds_money(report):
        check(FIELD_LABELS["unit"], report.unit)
    stated = {home for label in answer.get("money") or {} for home in money_homes(label)}
    if report.budget is not None:
        for name in _MONEY_FIELDS:
            if f"budget.{name}" not in stated:
                check(f"budget.{name}", getattr(report.budget, name, None))
    total = total_row(report)
    for index, row in enumerate(report.funding):
        for name in _FUNDING_FIELDS:
            if row is total and (f"total.{name}" in stated or name in total_stated(answer)):
                continue
            check(f"funding[{index}].{name}（{row.source}）", getattr(row, name, None))
    for index, row in enumerate(report.subprojects):
        check(f"subprojects[{index}].budget（{row.name}）", row.budget)
        check(f"subprojects[{index}].spent（{row.name}）", row.spent)
    declared = report.declared
    for name, attr in (("declared_total", "total"), ("declared_grade", "grade"), ("declared_weight_total", "weight_total")):
        if name not in answer:
            check(FIELD_LABELS[name], getattr(declared, attr, None))
    subtotals = {fold_name(name) for name in answer.get("declared_subtotals") or {}}
    for name, points in report.categories.items():
        if fold_name(name) not in subtotals:
            check(f"类别分值 {name}", points)
    for name, points in (getattr(report, "footnote_points", None) or {}).items():
        check(f"说明所列分值 {name}", points)
    base = getattr(report, "base_data", None)
    if base is not None:
        for name in BASE_STAFF.values():
            check(f"基础数据表 staff.{name}", getattr(base.staff, name, None) if base.staff else None)
        for row in base_rows(base):
            for value in [*row.values, row.printed]:
                check(f"基础数据表“{row.label}”", value)
        for row in base.buildings:
            for name, value in row.model_dump(exclude={"label"}).items():
                check(f"基础数据表“{row.label}”的 {name}", value)
    matched = {id(row): expected for expected, row in pairs if row is not None}
    for row in report.indicators:
        expected = matched.get(id(row), {})
        stated_cells = {CELL_HOMES[key] for key in expected if key in CELL_HOMES}
        for name in _ROW_FIELDS:
            if name not in stated_cells:
                check(f"指标“{row.name}”的{CELL_LABELS.get(name, name)}", getattr(row, name, None))


def total_stated(answer: dict) -> set[str]:
    """The total row's weight and score are stated by budget_weight / budget_score."""
    return {name for key, name in (("budget_weight", "weight"), ("budget_score", "score")) if key in answer}


def holds_money(report) -> bool:
    if report.budget is not None and any(getattr(report.budget, name, None) is not None for name in _MONEY_FIELDS[:-2]):
        return True
    return bool(report.funding or report.subprojects)


# --- defects ---------------------------------------------------------------------------------------

# A defect counts as found by a warning or an error: an info finding is a hint (a template's
# blank row, a value the scheme cannot judge), not a report that the document is wrong. These
# warnings and errors are about the record file, not the document, and never find a defect.
NOT_A_DEFECT = {"path-mismatch", "duplicate-id", "duplicate-report", "unknown-scheme", "parse-error", "schema-error"}

# Defects without figures (a kind of fault, not a sum): found by a finding of the right kind.
# Keyed by document, report and defect number; the value is a pattern over finding codes.
DEFECT_CODES = {
    ("01", 0, 3): r"placeholder",  # placeholders left in indicator names: (≥**人)
    ("03", 0, 0): r"funding-amount-blank|amount-blank",  # an amount cell of the funds row is blank
    ("07", 0, 0): r"unfilled",  # no figure at all: an unfilled form
    ("09", 0, 2): r"score-without-actual|unfilled",  # rows without target or actual scored in full
    ("22", 0, 0): r"missing-score",  # a block of indicators without a score
    ("24", 0, 0): r"placeholder|unfilled",  # the template's 好坏 left as target and actual
}
# Another document's figure-less defect, placed by the words of its description.
_DEFECT_WORDS = (
    (("placeholder",), r"placeholder"),
    (("unfilled", "template"), r"unfilled|placeholder|score-without-actual"),
    (("no 得分", "blank", "empty", "missing"), r"missing-score|amount-blank|unfilled"),
)


def counted(finding) -> bool:
    return (not finding.silenced and finding.severity.value in ("error", "warning")
            and finding.code not in NOT_A_DEFECT and "import" not in finding.code)


def finding_numbers(finding, names: tuple[str, ...] = ()) -> set[Decimal]:
    """The numbers a finding states, leaving out those inside the indicator names it quotes
    (the 3 of “配套电力设施1250KVA变压器3台” is not a figure)."""
    text = " ".join([finding.message, finding.hint, *map(str, finding.figures.values())])
    for name in names:
        text = text.replace(name, " ")
    numbers = set()
    for token in _NUMBERS_IN_TEXT.findall(unicodedata.normalize("NFKC", text)):
        number = as_number(token)
        if number is not None:
            numbers.add(number)
    return numbers


def mentions(finding, figure: str, names: tuple[str, ...] = ()) -> bool:
    number = as_number(re.sub(r"^[^\d.]+|[^\d.%]+$", "", fold(figure)))
    if number is not None:
        return number in finding_numbers(finding, names)
    return fold(figure) in fold(finding.message + finding.hint)


def defect_pattern(key: tuple[str, int, int], what: str) -> str | None:
    if key in DEFECT_CODES:
        return DEFECT_CODES[key]
    for words, pattern in _DEFECT_WORDS:
        if any(word in what for word in words):
            return pattern
    return None


def score_defects(score: Score, answer: dict, findings: list, key: tuple[str, int], row_index: dict | None = None,
                  names: tuple[str, ...] = ()) -> None:
    """Each defect of the answer against the record's findings. ``row_index`` gives, for an answer
    row (by id), the index of the record row it was matched with; ``names`` are the record's
    indicator names, whose digits are no figures."""
    active = [finding for finding in findings if counted(finding)]
    names = tuple(sorted({*names, *(row.get("name") or "" for row in answer.get("indicators") or [])} - {""},
                         key=len, reverse=True))
    for number, defect in enumerate(answer.get("defects") or []):
        score.defects_stated += 1
        if defect_found(defect, (*key, number), answer, active, row_index or {}, names):
            score.defects_found += 1
        else:
            figures = defect.get("figures") or []
            confidence = f"（把握：{defect['confidence']}）" if defect.get("confidence") else ""
            figures_text = "、".join(figures) if figures else "无数字，按结论代码"
            score.defect_misses.append(f"未发现 [{figures_text}]{confidence}：{defect.get('what', '')}")
    if score.clean:
        score.clean_errors = [f"{finding.code} {finding.message}" for finding in findings
                              if not finding.silenced and finding.severity.value == "error"]


def defect_found(defect: dict, key: tuple[str, int, int], answer: dict, active: list, row_index: dict,
                 names: tuple[str, ...]) -> bool:
    figures = defect.get("figures") or []
    if not figures:
        pattern = defect_pattern(key, defect.get("what", ""))
        return pattern is not None and any(re.search(pattern, finding.code) for finding in active)
    about = where_about(defect, answer, row_index)
    return any(about(finding) and all(mentions(finding, figure, names) for figure in figures) for finding in active)


def where_about(defect: dict, answer: dict, row_index: dict):
    """What a finding must be about to find this defect, besides naming its figures: a figure as
    common as 10 must not be found by a finding on another part of the record. A defect that names
    an indicator of the answer is found on that row (its field, or its name in the message); one
    about the money (资金, 预算, 执行率) by a finding that is not on an indicator row."""
    what = fold(defect.get("what", ""))
    row = defect_row(what, answer)
    if row is not None:
        core = name_core(row.get("name") or "")
        index = row_index.get(id(row))
        field_pattern = re.compile(rf"indicators\[{index}\](\.|$)") if index is not None else None
        return lambda finding: bool(
            (field_pattern and field_pattern.match(finding.field)) or core in fold_name(finding.message))
    if any(word in what for word in _MONEY_DEFECT_WORDS):
        return lambda finding: not finding.field.startswith("indicators")
    return lambda finding: True


_MONEY_DEFECT_WORDS = ("资金", "预算", "执行率", "执行数", "budget", "funds", "amount")


def defect_row(what: str, answer: dict) -> dict | None:
    """The indicator row a defect's description names first (the longest name when two start there)."""
    best = None
    for row in answer.get("indicators") or []:
        core = name_core(row.get("name") or "")
        at = what.find(core) if len(core) >= 3 else -1
        if at >= 0 and (best is None or (at, -len(core)) < best[0]):
            best = ((at, -len(core)), row)
    return best[1] if best else None


def name_core(name: str) -> str:
    """A name without its bracketed tail: 特困人员救助供养人数(按月平均)(≥**人) → 特困人员救助供养人数."""
    return re.split(r"[(（]", fold_name(name), maxsplit=1)[0]


# --- one document, the whole set ----------------------------------------------------------------


@dataclass
class DocumentScore:
    key: str
    file: str
    projects: list[Score]
    extra_records: list[str] = field(default_factory=list)
    extra_invented: list[str] = field(default_factory=list)
    extra_errors: list[str] = field(default_factory=list)  # errors on extra records of a clean document
    import_error: str | None = None
    overwritten: list[str] = field(default_factory=list)  # records another document wrote over
    unloadable: list[str] = field(default_factory=list)  # records that do not load, with why

    def total(self, name: str) -> int:
        return sum(getattr(project, name) for project in self.projects)

    @property
    def invented(self) -> list[str]:
        return [item for project in self.projects for item in project.invented] + self.extra_invented

    @property
    def clean_errors(self) -> list[str]:
        return [item for project in self.projects for item in project.clean_errors] + self.extra_errors

    def as_dict(self) -> dict:
        data = asdict(self)
        data["totals"] = totals([self])
        return data


def pair_records(projects: list[dict], records: list[Imported]) -> tuple[list[Imported | None], list[Imported]]:
    """Each answer's record, by title (exact, then one inside the other), the rest in order."""
    chosen: list[Imported | None] = [None] * len(projects)
    free = list(records)
    for closeness in (_same_title, _title_inside):
        for index, project in enumerate(projects):
            if chosen[index] is not None or not project.get("title"):
                continue
            match = next((r for r in free if r.report is not None and closeness(project["title"], r.report.title)), None)
            if match is not None:
                chosen[index] = match
                free.remove(match)
    for index in range(len(projects)):
        if chosen[index] is None and free:
            chosen[index] = free.pop(0)
    return chosen, free


def _same_title(expected: str, got: str) -> bool:
    return fold_title(expected) == fold_title(got)


def _title_inside(expected: str, got: str) -> bool:
    a, b = fold_title(expected), fold_title(got)
    return bool(a and b) and (a in b or b in a)


def score_document(document: Document, records: list[Imported], error: str | None = None) -> DocumentScore:
    projects = document.projects
    chosen, extra = pair_records(projects, records)
    scores = []
    for number, (answer, imported) in enumerate(zip(projects, chosen)):
        label = document.key if len(projects) == 1 else f"{document.key}#{number + 1}"
        scores.append(score_project(answer, imported, document.text, label, (document.key, number)))
    result = DocumentScore(document.key, document.path.name, scores, import_error=error)
    for imported in records:
        if imported.report is None or imported.problems:
            why = imported.problems or [f"{f.code} {f.message}" for f in imported.findings if f.severity.value == "error"]
            result.unloadable.append(f"{imported.path}：{'；'.join(why) or '无法读取'}")
    clean = all(not answer.get("defects") for answer in projects)
    for imported in extra:
        result.extra_records.append(f"{imported.path}（{imported.report.title if imported.report else '无法读取'}）")
        if imported.report is not None:
            probe = Score("extra")
            score_invented(probe, {}, imported.report, [], document.text)
            result.extra_invented.extend(f"多出的记录 {imported.path} 的{item}" for item in probe.invented)
        if clean:
            result.extra_errors.extend(f"{f.code} {f.message}" for f in imported.findings
                                       if not f.silenced and f.severity.value == "error")
    return result


TOTAL_KEYS = ("fields_right", "fields_stated", "rows_right", "rows_stated", "cells_right", "cells_stated",
              "defects_found", "defects_stated")


def totals(documents: list[DocumentScore]) -> dict:
    result = {name: sum(document.total(name) for document in documents) for name in TOTAL_KEYS}
    result["invented"] = sum(len(document.invented) for document in documents)
    result["clean_errors"] = sum(len(document.clean_errors) for document in documents)
    result["documents"] = len(documents)
    result["fields_by_kind"] = added_up(documents, "by_kind", list(FIELD_LABELS))
    result["cells_by_kind"] = added_up(documents, "cells_by_kind", list(CELL_LABELS))
    return result


def added_up(documents: list[DocumentScore], name: str, order: list[str]) -> dict[str, list[int]]:
    """[right, stated] per kind of field (or cell) over ``documents``, in the given order."""
    counts: dict[str, list[int]] = {}
    for document in documents:
        for project in document.projects:
            for kind, (right, stated) in getattr(project, name).items():
                total = counts.setdefault(kind, [0, 0])
                total[0] += right
                total[1] += stated
    return dict(sorted(counts.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))


# --- running the import and the checks ---------------------------------------------------------------


def import_and_check(documents: list[Document], out: Path) -> dict[str, tuple[list[Imported], str | None]]:
    """Import every text in one call, check the records as ``jixiao check`` does; per document key,
    its records with their findings, and the import error when the file could not be read."""
    results = import_files([document.path for document in documents], out)
    collection = load_collection([out], base=out) if out.is_dir() else None
    analyses = {analysis.path: analysis for analysis in (collection.analyses if collection else [])}
    by_key: dict[str, tuple[list[Imported], str | None]] = {}
    for document, result in zip(documents, results):
        records = []
        for written in result.records:
            shown_path = written.path.resolve().relative_to(out.resolve()).as_posix()
            analysis = analyses.get(shown_path)
            report = analysis.report if analysis else None
            records.append(Imported(shown_path, report, analysis.findings if analysis else [], list(written.problems)))
        by_key[document.key] = (records, result.error)
    return by_key


def measure(documents: list[Document], out: Path | None = None) -> list[DocumentScore]:
    """Import, check and score ``documents`` (into ``out``, or a temporary folder)."""
    if out is None:
        with tempfile.TemporaryDirectory() as temporary:
            return measure(documents, Path(temporary) / "reports")
    imported = import_and_check(documents, out)
    written_by: dict[str, list[str]] = {}
    for key, (records, _) in imported.items():
        for record in records:
            written_by.setdefault(record.path, []).append(key)
    scores = []
    for document in documents:
        records, error = imported[document.key]
        result = score_document(document, records, error)
        result.overwritten = sorted({path for path in (r.path for r in records) if len(set(written_by[path])) > 1})
        scores.append(result)
    return scores
