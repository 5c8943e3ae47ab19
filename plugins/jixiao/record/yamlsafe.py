"""Reading front matter YAML so that values come out exactly as written.

PyYAML's SafeLoader speaks YAML 1.1: ``no`` becomes False, ``010`` becomes 8, ``2024-03-09``
becomes a date and ``29.16`` a binary float. A record's figures must survive untouched, so this
reader resolves only ``null``/``~``/empty and ``true``/``false``; every other scalar stays the
text the unit wrote, and the typed model decides what a field may hold (a weight parses the text
``7.5`` into ``Decimal('7.5')``, a target keeps ``=165个`` as a string).

It also refuses what a record never needs and a hostile file may carry: tags that build
objects, aliases (the "billion laughs" bomb), duplicate keys and absurd nesting. Every node's
line is kept so that a message can name the line a field is on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

MAX_DEPTH = 12

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

Path = tuple[str | int, ...]


class YamlProblem(Exception):
    """A front matter that cannot be read; ``line`` counts in the YAML text, from 1."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


@dataclass
class Document:
    data: object
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


class _NoAliasComposer(Composer):
    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                "不支持 YAML 别名（*引用）：记录里的每个值都要直接写出",
                event.start_mark.line + 1 + getattr(self, "line_offset", 0),
                event.start_mark.column + 1,
                "把 *别名 换成它所指的值，并删去 &锚点",
            )
        return super().compose_node(parent, index)


class _Loader(Reader, Scanner, Parser, _NoAliasComposer, BaseResolver):
    """Composes a node graph; with BaseResolver no scalar is typed implicitly."""

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _NoAliasComposer.__init__(self)
        BaseResolver.__init__(self)


def read_yaml(text: str, first_line: int = 1) -> Document:
    """Read ``text``; every line number reported counts from ``first_line`` (its line in the file)."""
    loader = _Loader(text)
    offset = first_line - 1
    loader.line_offset = offset
    try:
        node = loader.get_single_node()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlProblem(
            _explain(error),
            mark.line + 1 + offset if mark else None,
            mark.column + 1 if mark else None,
            "检查这一行的缩进、冒号后的空格和引号是否成对",
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML 无法解析：{error}") from None
    except RecursionError:
        raise YamlProblem("嵌套层数过深，无法读取", hint=f"记录的嵌套不会超过 {MAX_DEPTH} 层") from None
    finally:
        loader.dispose()
    document = Document(None)
    if node is None:
        return document
    document.data = _construct(node, (), document.lines, 0, offset)
    return document


def _explain(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    known = {
        "mapping values are not allowed here": "这里不能出现“键: 值”（常见原因：值里有冒号却没加引号，或缩进不对）",
        "could not find expected ':'": "缺少“:”（键和值之间要有冒号和空格）",
        "found character '\\t' that cannot start any token": "YAML 不能用制表符缩进，请改用空格",
        "found undefined alias": "不支持 YAML 别名",
        "expected <block end>, but found '-'": "列表项缩进与上一行不一致",
        "found unexpected end of stream": "文件在引号或括号闭合之前就结束了",
    }
    for english, chinese in known.items():
        if problem.startswith(english):
            return f"YAML 语法错误：{chinese}"
    return f"YAML 语法错误：{problem or error}"


def _construct(node, path: Path, lines: dict[Path, int], depth: int, offset: int):
    if depth > MAX_DEPTH:
        raise YamlProblem(
            f"嵌套层数超过 {MAX_DEPTH} 层",
            node.start_mark.line + 1 + offset,
            node.start_mark.column + 1,
            "记录的结构是固定的，检查缩进是否错位",
        )
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if node.tag not in _PLAIN_TAGS:  # only an explicit tag can put anything else here
        raise YamlProblem(
            f"不支持 YAML 标签 {node.tag}：记录只能包含文字、数字、列表和键值对",
            node.start_mark.line + 1 + offset,
            node.start_mark.column + 1,
            "删去以 ! 开头的标签",
        )
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            lines[path + (index,)] = child.start_mark.line + 1 + offset
            items.append(_construct(child, path + (index,), lines, depth + 1, offset))
        return items
    if isinstance(node, MappingNode):
        mapping: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(
                    "键必须是简单的文字",
                    key_node.start_mark.line + 1 + offset,
                    key_node.start_mark.column + 1,
                )
            if key_node.value == "<<" and key_node.style is None:
                raise YamlProblem("不支持 YAML 合并键 <<", key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            key = key_node.value
            if key in mapping:
                raise YamlProblem(
                    f"键“{key}”重复出现（第一次在第 {lines[path + (key,)]} 行）",
                    key_node.start_mark.line + 1 + offset,
                    key_node.start_mark.column + 1,
                    "同一层里每个键只能写一次，删去或合并重复的那一个",
                )
            lines[path + (key,)] = key_node.start_mark.line + 1 + offset
            mapping[key] = _construct(value_node, path + (key,), lines, depth + 1, offset)
        return mapping
    raise YamlProblem("无法识别的 YAML 结构", node.start_mark.line + 1 + offset)


def _scalar(node: ScalarNode):
    if node.style is not None:  # quoted or block text: always a string, as written
        return node.value
    value = node.value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return value
