"""Scoring schemes: the shipped YAML files plus any a site adds.

The shipped files are package data we wrote ourselves, so ``yaml.safe_load`` reads them. A site's
own scheme files are read with :func:`jixiao.core.record.yamlsafe.read_yaml`, which keeps every scalar
as the text written and refuses tags and aliases, as for records. Either way a bad file stops the
load with a :class:`SchemeError` that names the file and the field in Chinese: a scheme decides
every computed score, so it must never half-load.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import yaml
from pydantic import ValidationError

from ..record.yamlsafe import YamlProblem, read_yaml
from .model import CategoryRule, ExecutionRule, GradeBand, Qualitative, QualitativeLevel, QuantitativeRule, Scheme

SHIPPED_DIR = Path(__file__).parent

__all__ = [
    "CategoryRule",
    "ExecutionRule",
    "GradeBand",
    "Qualitative",
    "QualitativeLevel",
    "QuantitativeRule",
    "Scheme",
    "SchemeError",
    "assemble",
    "load_scheme_file",
    "load_scheme_text",
    "load_schemes",
]


class SchemeError(Exception):
    """A scheme file that cannot be used; the message names the file and the field."""

    def __init__(self, message: str, path: str = "", field: str = ""):
        super().__init__(message)
        self.message = message
        self.path = path
        self.field = field

    @property
    def headline(self) -> str:
        """What `jixiao check` prints and the MkDocs build stops with: one wording for both."""
        return f"评分办法有误：{self.message}"


def load_schemes(extra_dirs: Iterable[Path | str] = ()) -> dict[str, Scheme]:
    """Every shipped scheme, plus the ``*.yaml`` / ``*.yml`` files in each of ``extra_dirs``."""
    sources = [(path, True) for path in sorted(SHIPPED_DIR.glob("*.yaml"))]
    for folder in extra_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            raise SchemeError(f"评分办法目录 {folder.as_posix()} 不存在或不是目录", folder.as_posix())
        files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
        sources.extend((path, False) for path in files)
    return assemble((path.as_posix(), _file_text(path), shipped) for path, shipped in sources)


def assemble(sources: Iterable[tuple[str, str, bool]], origins: dict[str, str] | None = None) -> dict[str, Scheme]:
    """Schemes from ``(shown path, text, shipped)`` in order; an id twice is an error. A git revision's
    schemes (gitrevs.py) come through here as well as the files on disk. ``origins``, when given,
    is filled with each scheme's file."""
    schemes: dict[str, Scheme] = {}
    origins = {} if origins is None else origins
    for shown, text, shipped in sources:
        scheme = load_scheme_text(text, shown, shipped=shipped)
        if scheme.id in schemes:
            raise SchemeError(
                f"评分办法文件 {shown}：编号“{scheme.id}”与 {origins[scheme.id]} 重复；"
                "修改办法请换一个新编号（如加上年份或地区），不要覆盖已有办法",
                shown,
                "id",
            )
        schemes[scheme.id] = scheme
        origins[scheme.id] = shown
    return schemes


def load_scheme_file(path: Path | str, shipped: bool = False) -> Scheme:
    path = Path(path)
    return load_scheme_text(_file_text(path), path.as_posix(), shipped=shipped)


def _file_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SchemeError(f"评分办法文件 {path.as_posix()} 无法读取：{error}", path.as_posix()) from None


def load_scheme_text(text: str, shown: str, shipped: bool = False) -> Scheme:
    """One scheme from the text of its file; ``shown`` names the file (its stem must be the id)."""
    data = _read(text, shown, shipped)
    if not isinstance(data, dict):
        raise SchemeError(f"评分办法文件 {shown} 应为“键: 值”的列表（id、title、source …）", shown)
    try:
        scheme = Scheme.model_validate(data)
    except ValidationError as error:
        problem = error.errors(include_url=False)[0]
        field = _field_path(problem["loc"])
        where = f"的字段 {field} 有误" if field else "有误"
        raise SchemeError(f"评分办法文件 {shown} {where}：{_explain(problem)}", shown, field) from None
    stem = PurePosixPath(shown).stem
    if scheme.id != stem:
        raise SchemeError(
            f"评分办法文件 {shown} 的字段 id 有误：编号“{scheme.id}”应与文件名“{stem}”一致", shown, "id"
        )
    return scheme


def _read(text: str, shown: str, shipped: bool):
    if shipped:
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"第 {mark.line + 1} 行" if mark else ""
            raise SchemeError(f"评分办法文件 {shown} {where} YAML 语法错误：{getattr(error, 'problem', error)}", shown) from None
    try:
        return read_yaml(text).data
    except YamlProblem as problem:
        where = f"第 {problem.line} 行：" if problem.line else ""
        raise SchemeError(f"评分办法文件 {shown} {where}{problem.message}", shown) from None


def _field_path(loc) -> str:
    # Pydantic puts the validator of an Annotated type in the path ("function-before[...]"): drop it.
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif "[" in str(part) or str(part).startswith("function"):
            continue
        else:
            text += f".{part}" if text else str(part)
    return text


_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不认识这个字段（是否拼写有误？）",
    "string_type": "应为一段文字",
    "string_too_short": "不能为空",
    "string_too_long": "文字过长",
    "string_pattern_mismatch": "格式不对：编号只能用小写字母、数字和连字符，如 suzhou-2024",
    "list_type": "应为列表",
    "too_short": "至少要写一项",
    "dict_type": "应为“键: 值”的列表",
    "model_type": "应为“键: 值”的列表",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "tuple_type": "应为列表",
}


def _explain(problem: dict) -> str:
    kind = problem["type"]
    value = problem.get("input")
    if kind == "literal_error":
        expected = problem.get("ctx", {}).get("expected", "").replace(" or ", "、").replace(", ", "、").replace("'", "")
        return f"只能是 {expected} 之一，这里写的是“{value}”"
    if kind.startswith("jixiao_"):
        return problem["msg"]
    if kind in _MESSAGES:
        message = _MESSAGES[kind]
        return message if kind == "missing" else f"{message}，这里写的是“{value}”"
    return problem["msg"]
