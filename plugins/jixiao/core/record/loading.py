"""From a file on disk to a validated record, or to findings that say why not.

Loading never raises for a bad file: whatever is wrong (encoding, front matter, YAML, a field
that does not fit the model) becomes a ``parse-error`` or ``schema-error`` finding naming the
file, the line and the field, with a hint on how to fix it. The caller decides what a failed
record means (the site leaves it out; ``--strict`` fails the build).
"""

from __future__ import annotations

import difflib
import errno
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..findings import Finding, Severity
from . import frontmatter
from .frontmatter import FENCE
from .compact import compact
from .model import KIND_LABELS, Report
from .yamlsafe import Document, YamlProblem, nearest_line, read_yaml

MAX_FILE_BYTES = 2 * 1024 * 1024  # the longest real report is ~60 KB; 2 MB leaves room for a long narrative
MAX_SCHEMA_FINDINGS = 50  # a file that is wrong everywhere needs the first fixes, not ten thousand lines


@dataclass
class LoadedRecord:
    """One record file after loading: the report when it fits the model, and what was found."""

    path: str  # as shown to people: relative to the folder being read, with forward slashes
    report: Report | None = None
    body: str = ""
    body_line: int = 1  # file line on which the narrative starts
    findings: list[Finding] = field(default_factory=list)
    lines: dict[tuple, int] = field(default_factory=dict)  # field path -> file line
    refused: bool = False  # a file of the reports tree that is not a record (record/tree.py): never read

    @property
    def ok(self) -> bool:
        return self.report is not None

    def line_of(self, *path) -> int | None:
        return nearest_line(self.lines, path)

    def add(self, finding: Finding) -> None:
        finding.path = finding.path or self.path
        self.findings.append(finding)


def load_file(file: Path, shown_as: str | None = None) -> LoadedRecord:
    record = LoadedRecord(path=shown_as or file.as_posix())
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            record.add(_too_big(size))
            return record
        data = file.read_bytes()
    except OSError as error:
        reason = _OS_REASONS.get(error.errno, f"{error.strerror or error}")
        record.add(_parse_error(f"无法读取文件：{reason}", None, "检查文件是否存在、是否有读取权限"))
        return record
    return load_bytes(data, record)


_OS_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EIO: "磁盘读取出错",
}


def load_text(text: str, shown_as: str = "<文本>") -> LoadedRecord:
    return load_bytes(text.encode("utf-8", "surrogatepass"), LoadedRecord(path=shown_as))


def load_bytes(data: bytes, record: LoadedRecord) -> LoadedRecord:
    try:
        return _load(data, record)
    except Exception as error:  # noqa: BLE001 - a bad file must never stop the other records
        record.report = None
        record.add(_parse_error(
            f"读取这个文件时出现了意外的内部错误（{type(error).__name__}），文件未能载入",
            1,
            "请把这个文件和这条消息发给维护者；其他记录不受影响",
        ))
        return record


def _load(data: bytes, record: LoadedRecord) -> LoadedRecord:
    if len(data) > MAX_FILE_BYTES:
        record.add(_too_big(len(data)))
        return record
    text = _decode(data, record)
    if text is None:
        return record
    front, body, body_line = _split_front_matter(text, record)
    if front is None:
        return record
    try:
        document = read_yaml(front, first_line=2)  # the opening fence is line 1
    except YamlProblem as problem:
        finding = _parse_error(problem.message, problem.line or 1, _body_hint(front, problem), problem.column)
        finding.field = field_path(problem.path)
        record.add(finding)
        return record
    record.lines = document.lines
    record.body, record.body_line = body, body_line
    data = document.data
    if not isinstance(data, dict):
        if data is None:
            message = "元数据块是空的：两行 --- 之间没有任何字段"
            hint = "在 --- 之间写 id: …、title: … 等字段，见记录格式说明"
        else:
            message = f"元数据块应为一组“键: 值”字段（如 id: …、title: …），这里是{_describe(data)}"
            hint = "每个字段单独一行，写成 键: 值（英文冒号后加一个空格），不要以“- ”开头"
            if isinstance(data, str) and "：" in data:
                hint = "键后面用了中文冒号“：”，YAML 只认英文冒号“:”；" + hint
        record.add(_parse_error(message, 2, hint))
        return record
    try:
        record.report = Report.model_validate(data)
    except ValidationError as error:
        problems = [_at_field(problem) for problem in error.errors(include_url=False)]
        for problem in problems[:MAX_SCHEMA_FINDINGS]:
            record.add(_schema_finding(problem, record, data))
        if len(problems) > MAX_SCHEMA_FINDINGS:
            record.add(Finding(
                "schema-error",
                Severity.ERROR,
                f"另有 {len(problems) - MAX_SCHEMA_FINDINGS} 处字段错误未列出（下一处在字段 {field_path(problems[MAX_SCHEMA_FINDINGS]['loc'])}）",
                path=record.path,
                line=record.line_of(*problems[MAX_SCHEMA_FINDINGS]["loc"]),
                hint="先改正上面列出的错误，再重新检查",
            ))
    else:
        compact(record.report)
    return record


def _too_big(size: int) -> Finding:
    return _parse_error(
        f"文件有 {size / 1024 / 1024:.1f} MB，超过记录文件的上限 {MAX_FILE_BYTES // 1024 // 1024} MB，未读取",
        1,
        "一份报告的记录通常不到 100 KB；附件请另行存放，正文只保留报告内容",
    )


def _body_hint(front: str, problem: YamlProblem) -> str:
    """A YAML error on a line of prose usually means the closing --- was forgotten."""
    rows = front.split("\n")
    index = (problem.line or 0) - 2
    if 0 <= index < len(rows):
        row = rows[index].strip()
        cjk = sum(1 for char in row if "\u4e00" <= char <= "\u9fff")
        if cjk >= 15 and ":" not in row and "：" not in row[:12]:
            return "这一行看起来是报告正文：元数据块结束的 --- 可能漏写了，请在最后一个字段之后、正文之前加一行 ---"
    return problem.hint


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_SMART_PUNCTUATION = set(b"\x85\x91\x92\x93\x94\x96\x97")


def _decode(data: bytes, record: LoadedRecord) -> str | None:
    if not data.strip():
        record.add(_parse_error(
            "文件是空的" if not data else "文件里只有空白，没有内容",
            1,
            "记录以 --- 开头的元数据块起首，见记录格式说明",
        ))
        return None
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        record.add(_parse_error(
            "文件是 UTF-32 编码；记录文件必须是 UTF-8",
            1,
            "用编辑器“另存为 UTF-8”，或运行 iconv -f UTF-32 -t UTF-8 原文件 > 新文件",
        ))
        return None
    utf16 = _utf16_kind(data)
    if utf16:
        record.add(_parse_error(
            f"文件是 {utf16} 编码（Windows 记事本的“Unicode”）；记录文件必须是 UTF-8",
            1,
            f"用编辑器“另存为 UTF-8”，或运行 iconv -f {utf16} -t UTF-8 原文件 > 新文件",
        ))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        record.add(Finding(
            "utf8-bom",
            Severity.INFO,
            "文件以 UTF-8 BOM（字节顺序标记）开头，已忽略",
            line=1,
            hint="保存时选“UTF-8（无 BOM）”可去掉它",
        ))
    if b"\x00" in data:
        where = data.index(b"\x00")
        record.add(_parse_error(
            "这不是文本文件（含有 NUL 字节），无法作为记录读取",
            data.count(b"\n", 0, where) + 1,
            "记录必须是 UTF-8 编码的 Markdown 文本文件；检查是否误把 Word、PDF 或图片文件改成了 .md",
        ))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        bad = data[error.start : min(error.end, error.start + 4)].hex(" ").upper()
        loose = data.decode("utf-8", "replace")
        broken = loose.count("\ufffd")
        chinese = len(_CJK.findall(loose))
        if chinese >= max(4, 2 * broken):
            # Mostly good UTF-8 with a few stray bytes: text pasted from another encoding.
            guess = ""
            if data[error.start] in _SMART_PUNCTUATION:
                guess = "，看起来是从 Word 或 Windows 程序粘贴来的弯引号或破折号（Windows-1252 编码）"
            record.add(_parse_error(
                f"文件大部分是 UTF-8，但有 {broken} 处无法解码的字节，第一处在第 {line} 行第 {column} 列（{bad}）{guess}",
                line,
                "在编辑器里找到这一处（通常显示为乱码或方框），删去后重新输入该字符；中文引号请用“”",
                column,
            ))
            return None
        try:
            guessed = data.decode("gb18030")
        except UnicodeDecodeError:
            guessed = None
        if guessed is not None and _CJK.search(guessed):
            # Decoding GBK silently would publish whatever the guess produced; a person must look.
            record.add(_parse_error(
                "文件看起来是 GBK/GB18030 编码（Windows 中文系统的默认编码）；记录文件必须是 UTF-8",
                line,
                "用编辑器“另存为 UTF-8”，或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件",
            ))
            return None
        if all(byte < 0x80 or byte in _SMART_PUNCTUATION for byte in data):
            record.add(_parse_error(
                f"文件看起来是 Windows-1252 编码（第 {line} 行第 {column} 列的 {bad} 是弯引号或破折号）；记录文件必须是 UTF-8",
                line,
                "用编辑器“另存为 UTF-8”，或运行 iconv -f WINDOWS-1252 -t UTF-8 原文件 > 新文件",
                column,
            ))
            return None
        record.add(_parse_error(
            f"文件不是有效的 UTF-8 文本（第 {line} 行第 {column} 列起无法解码：{bad}），可能是二进制文件或已损坏",
            line,
            "记录必须是 UTF-8 编码的 Markdown 文本文件；检查是否误把 Word、PDF 或图片文件改成了 .md",
            column,
        ))
        return None


def _utf16_kind(data: bytes) -> str | None:
    """``UTF-16LE``/``UTF-16BE`` (or ``UTF-16`` with a byte order mark) when the bytes look like it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for kind, codec, zeros, other in (("UTF-16LE", "utf-16-le", odd, even), ("UTF-16BE", "utf-16-be", even, odd)):
        if zeros.count(0) > len(zeros) * 0.3 and other.count(0) < len(other) * 0.05:
            if sample[: len(sample) // 2 * 2].decode(codec, "replace").count("\ufffd") <= 1:  # a pair cut at the end
                return kind
    return None


def _split_front_matter(text: str, record: LoadedRecord) -> tuple[str | None, str, int]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = frontmatter.split(text)
    if parts is not None:
        return parts.front.removesuffix("\n"), parts.body, parts.body_line
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        record.add(_no_front_matter(lines))
        return None, "", 1
    near = next(
        (index for index in range(1, len(lines)) if _NEAR_FENCE.match(lines[index])),
        None,
    )
    if near is not None:
        record.add(_parse_error(
            f"元数据块没有结束：第 {near + 1} 行的“{lines[near].strip()[:20]}”不是结束标记，结束标记必须是单独一行的三个英文减号 ---",
            near + 1,
            "把这一行改成 ---（行首不留空格，后面不写其他文字）",
        ))
    else:
        record.add(_parse_error(
            "元数据块没有结束：第 1 行的 --- 之后找不到结束的 ---",
            1,
            "在最后一个字段之后、正文之前加一行 ---",
        ))
    return None, "", 1


_NEAR_FENCE = re.compile(r"^\s*(-{2,}|[—–－]{1,}|-{3,}.*\S)\s*$")


def _no_front_matter(lines: list[str]) -> Finding:
    first = lines[0].strip()
    for index, line in enumerate(lines[:50]):
        if line.rstrip() == FENCE and index > 0 and all(not row.strip() for row in lines[:index]):
            return _parse_error(
                f"元数据块前面有空行：第 {index + 1} 行才是 ---，它必须是文件的第一行",
                1,
                f"删去第 1 至 {index} 行的空行",
            )
    if _NEAR_FENCE.match(lines[0]):
        return _parse_error(
            f"缺少元数据块：第一行“{first[:20]}”不是开始标记，开始标记必须是单独一行的三个英文减号 ---",
            1,
            "把第一行改成 ---（行首不留空格，后面不写其他文字）",
        )
    if re.match(r"^[A-Za-z_]+\s*[:：]", first):
        return _parse_error(
            "缺少元数据块的开始标记：记录的第一行必须是 ---，这里直接从字段开始了",
            1,
            "在文件开头加一行 ---；字段写完后也要有一行 --- 与正文分开",
        )
    return _parse_error(
        "缺少元数据块：记录的第一行必须是 ---",
        1,
        "在文件开头加一行 ---，写完 id、title 等字段后再加一行 ---，其后是报告正文",
    )


def _parse_error(message: str, line: int | None, hint: str = "", column: int | None = None) -> Finding:
    return Finding("parse-error", Severity.ERROR, message, line=line, column=column, hint=hint)


# --- turning pydantic's errors into plain Chinese ---


# Whole-record rules that are about one field: reported at that field, so the message names it
# and points at its line.
_RULE_FIELDS = {"jixiao_undated": ("year",), "jixiao_unit_missing": ("unit",)}


_RULE_HINTS = {
    "jixiao_undated": "补填 year（原件所写的预算年度）；原件确实没写年份，就写 publish: false，作为草稿留在内部版",
    "jixiao_unit_missing": "按原件表头补写 unit: 万元（或 元、亿元）",
    "jixiao_base_columns": "在 base_data.columns 里按表上次序列出每一栏的栏名（如 2023年决算数），或删去多写的金额",
    "jixiao_base_depth": "把更深的一层并入上一层：分项写在 parts 里，“其中”写在 of_which 里",
    "jixiao_headcount": "照表上写整数人数，如 actual: 50",
}


def _at_field(problem: dict) -> dict:
    field = _RULE_FIELDS.get(problem.get("type"))
    if field and not problem.get("loc"):
        return {**problem, "loc": field}
    at = (problem.get("ctx") or {}).get("at")
    if isinstance(at, tuple):  # a rule of a nested block about one of its rows (base_data.costs[3].values)
        return {**problem, "loc": (*problem.get("loc", ()), *at)}
    return problem


def field_path(loc) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def path_of(field: str) -> tuple:
    """``indicators[7].score`` -> ('indicators', 7, 'score'): the inverse of :func:`field_path`."""
    parts: list = []
    for chunk in field.replace("]", "").split("."):
        name, *indexes = chunk.split("[")
        if name:
            parts.append(name)
        parts.extend(int(index) for index in indexes)
    return tuple(parts)


def _field_title(loc) -> str:
    """The Chinese title of the field at ``loc``, from the model itself."""
    model: type[BaseModel] | None = Report
    title = ""
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            return title or str(part)
        title = info.title or str(part)
        model = _inner_model(info.annotation)
    return title


def _inner_model(annotation) -> type[BaseModel] | None:
    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            return current
        stack.extend(getattr(current, "__args__", ()) or ())
    return None


def _model_at(loc) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Report
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(str(part))
        model = _inner_model(info.annotation) if info else None
    return model


def _known_keys(loc) -> list[str]:
    model = _model_at(loc)
    return list(model.model_fields) if model else []


def _raw_at(data, loc):
    """The value as written in the file at ``loc`` (before the model touched it), or None."""
    for part in loc:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


_MISSING_EXAMPLES = {
    ("id",): "id: suzhou-2024-dangjian（与文件名一致）",
    ("title",): "title: 党建系列活动",
    ("year",): "year: 2024",
    ("kind",): "kind: self（self 单位自评 / department 部门评价 / finance 财政评价）",
    ("region",): "region: [江苏省, 苏州市]",
    ("scheme",): "scheme: suzhou-2024（见“评分办法”页）",
    ("unit",): "unit: 万元（或 元，按表头所写）",
    ("category",): "category: 产出目标",
    ("name",): "name: 活动完成及时性",
    ("weight",): "weight: 7.5",
    ("source",): "source: 本年财政拨款",
    ("code",): "code: weight-total-mismatch",
    ("reason",): "reason: 原件如此，已核对",
}
_KIND_WORDS = {
    "自评": "self", "单位自评": "self", "绩效自评": "self", "自我评价": "self",
    "部门评价": "department", "部门": "department", "部门评估": "department",
    "财政评价": "finance", "财政": "finance", "第三方评价": "finance", "第三方": "finance", "财政重点评价": "finance",
}


def _schema_finding(problem: dict, record: LoadedRecord, data=None) -> Finding:
    loc = tuple(problem["loc"])
    kind = problem["type"]
    ctx = problem.get("ctx") or {}
    value = problem.get("input")
    raw = _raw_at(data, loc)
    line = record.line_of(*loc)
    title = _field_title(loc)
    key = str(loc[-1]) if loc else ""
    where = f"“{title}”（{field_path(loc)}）" if title else field_path(loc)
    hint = ""
    if kind == "jixiao_totals":
        name = str(ctx.get("name", ""))
        rows = _raw_at(data, (name,))
        marked = [i for i, row in enumerate(rows if isinstance(rows, list) else []) if isinstance(row, dict) and row.get("total") is True]
        if len(marked) >= 2:
            loc = (name, marked[1], "total")
            line = record.line_of(*loc)
            first = record.line_of(name, marked[0])
            message = (
                f"{name} 里只能有一行标为合计（total: true），这里有 {len(marked)} 行："
                f"第 {first} 行和第 {line} 行都标了"
            )
        else:
            loc = (name,) if name else loc
            line = record.line_of(*loc)
            message = f"{name} 里只能有一行标为合计（total: true）"
        hint = "只保留表上“合计”那一行的 total: true，其余行删去 total"
    elif kind == "jixiao_year" or (loc == ("year",) and kind in _BOUNDS):
        shown = raw if raw is not None else value
        message = f"“项目年份”（year）应为四位数字年份，如 2024，这里写的是“{_short(shown)}”"
        hint = "写阿拉伯数字的预算年度，如 year: 2024（不要写汉字、前导 0 或“年”字）"
    elif kind in _RULE_HINTS:
        message = f"{where}：{_plain_msg(problem['msg'], value)}"
        hint = _RULE_HINTS[kind]
    elif kind.startswith("jixiao_"):
        message = f"{where}：{_plain_msg(problem['msg'], value)}"
        hint = _NUMBER_HINTS.get(kind, "")
        if kind == "jixiao_number" and isinstance(value, str) and value.strip().lower().lstrip("+-.") in _NOT_NUMBERS:
            hint = f"“{value.strip()}”（非数/无穷大）不能作为数字；照原表写出普通数字，如 weight: 7.5"
        elif kind == "jixiao_number" and isinstance(value, str) and re.fullmatch(r"[+-]?[\d.]+[eE][+-]?\d+", value.strip()):
            hint = "不要用科学计数法，照原表写出普通数字，如 7.5"
        if kind == "jixiao_unit":
            hint = "按原表表头填写 元 或 万元；原表若用其他单位（如千元），请换算后录入，并在 source.note 里说明"
        elif kind == "jixiao_zero_weight":
            hint = "权重照原表填写；原表确实为 0 的行不计分，可删去"
    elif kind == "missing":
        message = f"缺少必填字段{where}"
        example = _MISSING_EXAMPLES.get(loc[-1:]) if loc else None
        inside = "这一项里" if len(loc) > 1 else "元数据块里"
        hint = f"在{inside}加一行 {example}" if example else "见记录格式说明中该字段的写法"
    elif kind == "extra_forbidden":
        close = difflib.get_close_matches(key, _known_keys(loc[:-1]), n=1, cutoff=0.6)
        shown = _short(key, 40)
        inside = f"（{_short(field_path(loc), 60)}）" if len(loc) > 1 else ""
        message = f"未知字段“{shown}”{inside}：记录格式里没有这个字段"
        if close:
            message += f"，是不是想写 {close[0]}？"
            hint = f"把 {shown} 改成 {close[0]}"
        else:
            known = _known_keys(loc[:-1])
            hint = "检查拼写；这一层可用的字段有：" + "、".join(known) if known else "检查拼写，或见记录格式说明"
    elif kind == "literal_error":
        if loc == ("kind",):
            choices = "、".join(f"{code}（{label}）" for code, label in KIND_LABELS.items())
            message = f"{where}只能是 {choices}之一，这里写的是“{_short(value)}”"
            suggestion = _KIND_WORDS.get(str(value).strip()) if isinstance(value, str) else None
            hint = (
                f"“{value}”请写作 kind: {suggestion}"
                if suggestion
                else "self 是单位自评，department 是主管部门组织的部门评价，finance 是财政部门（含委托第三方）的评价"
            )
        else:
            expected = str(ctx.get("expected", "")).replace(" or ", ", ").replace("'", "")
            message = f"{where}只能是 {expected.replace(', ', '、')} 之一，这里写的是“{_short(value)}”"
            hint = "检查拼写（只用小写英文）"
    elif kind in ("string_type",):
        if value is None:
            message = f"{where}是空的：冒号后面要写内容"
            hint = "写上内容，或整行删去（必填字段不能删）"
        else:
            message = f"{where}应为文字，这里是{_describe(value)}"
            if isinstance(value, bool):
                hint = "若要写文字 true 或 false，请加引号"
    elif kind == "string_too_short" or (kind == "too_short" and isinstance(value, str)):
        message = f"{where}不能为空"
        hint = "写上内容，或整行删去（必填字段不能删）"
    elif kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        message = f"{where}过长：最多 {ctx.get('max_length')} 个字符，这里有 {len(str(value))} 个"
        hint = "正文内容请写在元数据块之后的报告正文里"
    elif kind == "string_pattern_mismatch":
        if key in ("id", "scheme"):
            message = f"{where}“{_short(value)}”格式不对：只能用小写字母、数字和单个连字符，如 suzhou-2024-dangjian"
            slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
            hint = f"可以写作 {key}: {slug}" if slug and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) else "用拼音或英文缩写，如 suzhou-2024-dangjian"
            if key == "id":
                hint += "；文件名也要与它一致（如 " + (slug or "suzhou-2024-dangjian") + ".md）"
        elif key in ("execution_rate", "previous_execution_rate"):
            message = f"{where}“{_short(value)}”应为百分比数字，如 99.86%"
            hint = "照表上所写的数字填写，只用半角数字、小数点和 %"
        elif key == "publish_date":
            message = f"{where}“{_short(value)}”应写作 年-月-日，如 2025-06-30"
            hint = "月和日都写两位数字，用减号分隔，如 publish_date: 2025-06-30"
        elif key == "url":
            message = f"{where}“{_short(value)}”应以 http:// 或 https:// 开头"
        elif key == "code":
            message = f"{where}“{_short(value)}”格式不对：结论代码只用小写字母和连字符，如 weight-total-mismatch"
        else:
            message = f"{where}“{_short(value)}”格式不对"
    elif kind in ("list_type",):
        message = f"{where}应为列表，这里是{_describe(value)}"
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            hint = f"即使只有一项也要写成列表：{key}: [{_short(value, 40)}]，多项用逗号分开，或每项单独一行以“- ”开头"
        else:
            hint = f"写成 {key}: [甲, 乙]，或每项单独一行以“- ”开头"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = f"{where}应为“键: 值”形式的一组字段，这里是{_describe(value)}"
        model = _model_at(loc)
        known = list(model.model_fields) if model else []
        hint = ("可用的字段有：" + "、".join(known) + "；每个字段写成 键: 值") if known else "写成 键: 值 的形式"
    elif kind in ("too_long",):
        message = f"{where}最多 {ctx.get('max_length')} 项，这里有 {ctx.get('actual_length', '更多')} 项"
    elif kind in ("too_short",):
        message = f"{where}至少要有 {ctx.get('min_length')} 项，这里是空的"
        if loc == ("region",):
            hint = "写成 region: [江苏省, 苏州市]"
    elif kind in ("bool_type", "bool_parsing"):
        message = f"{where}应为 true 或 false，这里写的是“{_short(value)}”"
        hint = "YAML 里 yes/no/on/off 不是真假值，请写 true 或 false"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"{where}应为整数，这里写的是“{_short(value)}”"
    elif kind in _BOUNDS:
        bound = next(iter(ctx.values()), "")
        message = f"{where}{_BOUNDS[kind]} {bound}，这里写的是 {_short(value)}"
    else:
        message = f"{where}：{_plain_msg(problem['msg'], value)}"
    return Finding(
        "schema-error",
        Severity.ERROR,
        message,
        path=record.path,
        line=line,
        field=field_path(loc),
        hint=hint,
    )


_NUMBER_HINTS = {
    "jixiao_number": "只写阿拉伯数字，不带单位、汉字或百分号，如 weight: 7.5",
    "jixiao_fullwidth": "切换到半角（英文）输入法后重新输入数字和小数点",
    "jixiao_thousands": "数字里不写千位分隔符",
    "jixiao_range": "照原表填写；权重、分值不能为负数",
    "jixiao_date": "写出真实存在的日期，如 publish_date: 2025-06-30（2 月最多 29 日，小月 30 日）",
}
_NOT_NUMBERS = {"nan", "inf", "infinity"}
_BOUNDS = {"greater_than_equal": "不能小于", "less_than_equal": "不能大于", "greater_than": "必须大于", "less_than": "必须小于"}


def _plain_msg(message: str, value) -> str:
    """A model message, with Python's spelling of empty and true/false replaced by the YAML one."""
    if value is None:
        message = message.replace("“None”", "空值")
    elif isinstance(value, bool):
        for spelled in (str(value), str(int(value))):
            message = message.replace(f"“{spelled}”", f"真假值“{str(value).lower()}”")
    if len(message) > 300:
        text = str(value)
        message = message.replace(text, _short(text)) if len(text) > 60 else message[:300] + "…"
    return message


def _short(value, limit: int = 60) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    text = "" if value is None else str(value)
    return text if len(text) <= limit else f"{text[:limit]}…（共 {len(text)} 个字符）"


def _describe(value) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"真假值 {str(value).lower()}"
    if isinstance(value, dict):
        return "一组“键: 值”"
    if isinstance(value, list):
        return "列表"
    return f"一段文字“{_short(value)}”"


def iter_record_files(root: Path):
    """Record files under ``root`` (a file or a folder): every regular ``*.md`` below ``reports/``
    when the folder has one, else every ``*.md``; sorted, links not followed (see record/tree.py,
    which also says why every other file is refused)."""
    from .tree import records_root, scan

    yield from scan(records_root(root)).records


__all__ = ["LoadedRecord", "load_file", "load_text", "load_bytes", "iter_record_files", "field_path", "Document"]
