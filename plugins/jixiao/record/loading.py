"""From a file on disk to a validated record, or to findings that say why not.

Loading never raises for a bad file: whatever is wrong (encoding, front matter, YAML, a field
that does not fit the model) becomes a ``parse-error`` or ``schema-error`` finding naming the
file, the line and the field, with a hint on how to fix it. The caller decides what a failed
record means (the site leaves it out; ``--strict`` fails the build).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..findings import Finding, Severity
from .model import Report
from .yamlsafe import Document, YamlProblem, read_yaml

MAX_FILE_BYTES = 2 * 1024 * 1024  # the longest real report is ~60 KB; 2 MB leaves room for a long narrative
FENCE = "---"


@dataclass
class LoadedRecord:
    """One record file after loading: the report when it fits the model, and what was found."""

    path: str  # as shown to people: relative to the folder being read, with forward slashes
    report: Report | None = None
    body: str = ""
    body_line: int = 1  # file line on which the narrative starts
    findings: list[Finding] = field(default_factory=list)
    lines: dict[tuple, int] = field(default_factory=dict)  # field path -> file line

    @property
    def ok(self) -> bool:
        return self.report is not None

    def line_of(self, *path) -> int | None:
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

    def add(self, finding: Finding) -> None:
        finding.path = finding.path or self.path
        self.findings.append(finding)


def load_file(file: Path, shown_as: str | None = None) -> LoadedRecord:
    record = LoadedRecord(path=shown_as or file.as_posix())
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            record.add(_parse_error(
                f"文件有 {size / 1024 / 1024:.1f} MB，超过记录文件的上限 {MAX_FILE_BYTES // 1024 // 1024} MB",
                1,
                "一份报告的记录通常不到 100 KB；附件请另行存放，正文只保留报告内容",
            ))
            return record
        data = file.read_bytes()
    except OSError as error:
        record.add(_parse_error(f"无法读取文件：{error.strerror or error}", None, "检查文件是否存在、是否有读取权限"))
        return record
    return load_bytes(data, record)


def load_text(text: str, shown_as: str = "<文本>") -> LoadedRecord:
    return load_bytes(text.encode("utf-8"), LoadedRecord(path=shown_as))


def load_bytes(data: bytes, record: LoadedRecord) -> LoadedRecord:
    text = _decode(data, record)
    if text is None:
        return record
    front, body, body_line = _split_front_matter(text, record)
    if front is None:
        return record
    try:
        document = read_yaml(front, first_line=2)  # the opening fence is line 1
    except YamlProblem as problem:
        record.add(_parse_error(problem.message, problem.line or 1, problem.hint, problem.column))
        return record
    record.lines = document.lines
    record.body, record.body_line = body, body_line
    if not isinstance(document.data, dict):
        record.add(_parse_error(
            "元数据块应为“键: 值”的列表" + ("，这里是空的" if document.data is None else ""),
            2,
            "在 --- 之间写 id: …、title: … 等字段，见记录格式说明",
        ))
        return record
    try:
        record.report = Report.model_validate(document.data)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            record.add(_schema_finding(problem, record))
    return record


def _decode(data: bytes, record: LoadedRecord) -> str | None:
    if not data.strip():
        record.add(_parse_error("文件是空的", 1, "记录以 --- 开头的元数据块起首，见记录格式说明"))
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        record.add(_parse_error(
            "文件是 UTF-16 编码；记录文件必须是 UTF-8",
            1,
            "用编辑器“另存为 UTF-8”，或运行 iconv -f UTF-16 -t UTF-8 原文件 > 新文件",
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
    if b"\x00" in data[:8192]:
        record.add(_parse_error("这不是文本文件（含有 NUL 字节），无法作为记录读取", 1, "记录必须是 UTF-8 编码的 Markdown 文本文件"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            record.add(_parse_error(
                f"文件不是有效的 UTF-8 文本（第 {error.start} 字节起无法解码），可能是二进制文件或已损坏",
                line,
                "记录必须是 UTF-8 编码的 Markdown 文本文件",
            ))
            return None
        # Decoding GBK silently would publish whatever the guess produced; a person must look.
        record.add(_parse_error(
            "文件看起来是 GBK/GB18030 编码（Windows 中文系统的默认编码）；记录文件必须是 UTF-8",
            line,
            "用编辑器“另存为 UTF-8”，或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件",
        ))
        return None


def _split_front_matter(text: str, record: LoadedRecord) -> tuple[str | None, str, int]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        record.add(_parse_error(
            "缺少元数据块：记录的第一行必须是 ---",
            1,
            "在文件开头加一行 ---，写完 id、title 等字段后再加一行 ---，其后是报告正文",
        ))
        return None, "", 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2
    record.add(_parse_error(
        "元数据块没有结束：第 1 行的 --- 之后找不到结束的 ---",
        1,
        "在最后一个字段之后、正文之前加一行 ---",
    ))
    return None, "", 1


def _parse_error(message: str, line: int | None, hint: str = "", column: int | None = None) -> Finding:
    return Finding("parse-error", Severity.ERROR, message, line=line, column=column, hint=hint)


# --- turning pydantic's errors into plain Chinese ---


def field_path(loc) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


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


def _known_keys(loc) -> list[str]:
    model: type[BaseModel] | None = Report
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(str(part))
        model = _inner_model(info.annotation) if info else None
    return list(model.model_fields) if model else []


def _schema_finding(problem: dict, record: LoadedRecord) -> Finding:
    loc = tuple(problem["loc"])
    kind = problem["type"]
    ctx = problem.get("ctx") or {}
    value = problem.get("input")
    title = _field_title(loc)
    where = f"“{title}”（{field_path(loc)}）" if title else field_path(loc)
    hint = ""
    if kind.startswith("jixiao_"):
        message = f"{where}：{problem['msg']}"
    elif kind == "missing":
        message = f"缺少必填字段{where}"
        hint = "见记录格式说明中该字段的写法"
    elif kind == "extra_forbidden":
        key = str(loc[-1])
        message = f"未知字段“{key}”（{field_path(loc)}）：记录格式里没有这个字段"
        close = difflib.get_close_matches(key, _known_keys(loc[:-1]), n=1, cutoff=0.6)
        hint = f"是不是想写 {close[0]}？" if close else "检查拼写，或见记录格式说明"
    elif kind == "literal_error":
        message = f"{where}只能是 {ctx.get('expected', '')} 之一，这里写的是“{value}”"
    elif kind in ("string_type",):
        message = f"{where}应为文字，这里是{_describe(value)}"
    elif kind == "string_too_short":
        message = f"{where}不能为空"
    elif kind == "string_too_long":
        message = f"{where}过长：最多 {ctx.get('max_length')} 个字符，这里有 {len(str(value))} 个"
        hint = "正文内容请写在元数据块之后的报告正文里"
    elif kind == "string_pattern_mismatch":
        if loc and loc[-1] in ("id", "scheme"):
            message = f"{where}“{value}”格式不对：只能用小写字母、数字和单个连字符，如 suzhou-2024-dangjian"
        elif loc and loc[-1] in ("execution_rate", "previous_execution_rate"):
            message = f"{where}“{value}”应为百分比数字，如 99.86%"
        elif loc and loc[-1] == "publish_date":
            message = f"{where}“{value}”应写作 年-月-日，如 2025-06-30"
        else:
            message = f"{where}“{value}”格式不对"
    elif kind in ("list_type",):
        message = f"{where}应为列表（每项单独一行，以“- ”开头），这里是{_describe(value)}"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = f"{where}应为“键: 值”形式的一组字段，这里是{_describe(value)}"
    elif kind in ("too_long",):
        message = f"{where}最多 {ctx.get('max_length')} 项"
    elif kind in ("too_short",):
        message = f"{where}至少要有 {ctx.get('min_length')} 项"
    elif kind in ("bool_type", "bool_parsing"):
        message = f"{where}应为 true 或 false，这里写的是“{value}”"
        hint = "YAML 里 yes/no/on/off 不是真假值，请写 true 或 false"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"{where}应为整数，这里写的是“{value}”"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        relation = {"greater_than_equal": "不能小于", "less_than_equal": "不能大于", "greater_than": "必须大于", "less_than": "必须小于"}[kind]
        message = f"{where}{relation} {bound}，这里写的是 {value}"
    else:
        message = f"{where}：{problem['msg']}"
    return Finding(
        "schema-error",
        Severity.ERROR,
        message,
        path=record.path,
        line=record.line_of(*loc),
        field=field_path(loc),
        hint=hint,
    )


def _describe(value) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"真假值 {str(value).lower()}"
    if isinstance(value, dict):
        return "一组“键: 值”"
    if isinstance(value, list):
        return "列表"
    return f"“{value}”"


def iter_record_files(root: Path):
    """Record files under ``root`` (a file or a folder): every ``*.md`` below ``reports/``
    when the folder has one, else every ``*.md``; sorted for stable output."""
    if root.is_file():
        yield root
        return
    base = root / "reports" if (root / "reports").is_dir() else root
    yield from sorted(p for p in base.rglob("*.md") if p.is_file())


__all__ = ["LoadedRecord", "load_file", "load_text", "load_bytes", "iter_record_files", "field_path", "Document"]
