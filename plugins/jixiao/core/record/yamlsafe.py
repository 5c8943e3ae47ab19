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

import re
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

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        hint: str = "",
        path: tuple = (),
    ):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint
        self.path = tuple(path)  # the field the problem is in, when known: ("indicators", 0, "weight")


@dataclass
class Document:
    data: object
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        return nearest_line(self.lines, path)


def nearest_line(lines: dict[Path, int], path) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one (a missing key's parent)."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


class _NoAliasComposer(Composer):
    """Refuses aliases and stops at absurd nesting before Python's recursion limit is near."""

    _depth = 0

    def compose_node(self, parent, index):
        offset = getattr(self, "line_offset", 0)
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                f"不支持 YAML 别名（*{event.anchor}）：记录里的每个值都要直接写出",
                event.start_mark.line + 1 + offset,
                event.start_mark.column + 1,
                "把 *别名 换成它所指的值，并删去 &锚点；若这是一段以 * 开头的文字，请给它加引号",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                event = self.peek_event()
                raise YamlProblem(
                    f"嵌套层数超过 {MAX_DEPTH} 层（列表或“键: 值”套得太深）",
                    event.start_mark.line + 1 + offset,
                    event.start_mark.column + 1,
                    "记录的结构是固定的，最多几层；检查缩进是否错位，或方括号 [ 与花括号 { 是否多写了",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Loader(Reader, Scanner, Parser, _NoAliasComposer, BaseResolver):
    """Composes a node graph; with BaseResolver no scalar is typed implicitly."""

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _NoAliasComposer.__init__(self)
        BaseResolver.__init__(self)


try:  # libyaml does the scanning 10× faster; the pure-Python path stays the authority on errors
    from yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None

if _CParser is not None:

    _PLAIN_TAG_OF = {
        ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
        SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
        MappingNode: BaseResolver.DEFAULT_MAPPING_TAG,
    }

    class _FastLoader(_CParser, BaseResolver):
        def __init__(self, stream):
            _CParser.__init__(self, stream)
            BaseResolver.__init__(self)

        # libyaml asks these of every node. With no implicit and no path resolvers (BaseResolver
        # has none) the answer is the kind's plain tag; BaseResolver's general Python work for it
        # was a sixth of reading a record.
        def resolve(self, kind, value, implicit):
            return _PLAIN_TAG_OF[kind]

        def descend_resolver(self, current_node, current_index):
            pass

        def ascend_resolver(self):
            pass


# What only the Python composer handles as we want: aliases and anchors, tags, deep nesting.
_SPECIAL = re.compile(r"(?:^|[\s\[{,:-])[&*!]\S")
_BRACKET = re.compile(r"[\[\]{}]")
_DEEP_INDENT = re.compile(rf"^ {{{MAX_DEPTH * 2 + 1}}}", re.MULTILINE)


def _fast_path_allowed(text: str) -> bool:
    if _CParser is None:
        return False
    # The characters first: most records have none of them, and the expression is slower than they.
    if ("&" in text or "*" in text or "!" in text) and _SPECIAL.search(text):
        return False
    # Brackets inside quotes count too: that only sends a record to the slow path. Only the
    # brackets are walked, and only when there are enough of them to nest too deep (a walk over
    # every character of the text was a tenth of reading a record).
    if text.count("[") + text.count("{") > MAX_DEPTH // 2:
        depth = deepest = 0
        for bracket in _BRACKET.findall(text):
            if bracket in "[{":
                depth += 1
                deepest = max(deepest, depth)
            else:
                depth -= 1
        if deepest > MAX_DEPTH // 2:
            return False
    return _DEEP_INDENT.search(text) is None


def _compose_fast(text: str):
    """The node graph from libyaml, or None when the text must take the Python path."""
    if not _fast_path_allowed(text):
        return None
    loader = _FastLoader(text)
    try:
        return True, loader.get_single_node()
    except yaml.YAMLError:
        return None  # the Python path will say what is wrong, in its own words
    finally:
        loader.dispose()


# Line breaks PyYAML counts but a text editor does not: they would shift every line number after them.
_ODD_BREAKS = {"\x85": "U+0085（NEL 换行符）", "\u2028": "U+2028（行分隔符）", "\u2029": "U+2029（段分隔符）"}


def read_yaml(text: str, first_line: int = 1) -> Document:
    """Read ``text``; every line number reported counts from ``first_line`` (its line in the file)."""
    offset = first_line - 1
    for char, name in _ODD_BREAKS.items():
        at = text.find(char)
        if at >= 0:
            line = text.count("\n", 0, at) + first_line
            column = at - (text.rfind("\n", 0, at) + 1) + 1
            raise YamlProblem(
                f"第 {line} 行第 {column} 列有不可见的特殊换行字符 {name}，元数据块里不能有它",
                line,
                column,
                "这种字符常见于从网页或 PDF 复制的文字；删去它，需要换行就直接回车",
            )
    fast = _compose_fast(text)
    if fast is not None:
        document = Document(None)
        if fast[1] is not None:
            document.data = _construct(fast[1], (), document.lines, 0, offset)
        return document
    loader = None
    try:
        loader = _Loader(text)
        loader.line_offset = offset
        node = loader.get_single_node()
    except YamlProblem:
        raise
    except yaml.reader.ReaderError as error:
        position = error.position if isinstance(error.position, int) else 0
        line = text.count("\n", 0, position) + first_line
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        code = error.character if isinstance(error.character, int) else 0
        raise YamlProblem(
            f"第 {line} 行第 {column} 列有不可见的控制字符 U+{code:04X}，YAML 不允许出现这种字符",
            line,
            column,
            "删去这个字符（常见于从 Word、PDF 或网页复制的文字）；编辑器里它可能显示为方框或什么也不显示",
        ) from None
    except yaml.MarkedYAMLError as error:
        message, mark, hint = _explain(error, offset, text)
        raise YamlProblem(
            message,
            mark.line + 1 + offset if mark else None,
            mark.column + 1 if mark else None,
            hint,
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML 无法解析（原文：{error}）", hint="检查元数据块的写法，见记录格式说明") from None
    except RecursionError:
        raise YamlProblem(
            "嵌套层数过深，无法读取", first_line, hint=f"记录的嵌套不会超过 {MAX_DEPTH} 层；检查方括号和缩进"
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    document = Document(None)
    if node is None:
        return document
    document.data = _construct(node, (), document.lines, 0, offset)
    return document


@dataclass
class _LineMark:
    line: int  # from 0, like a PyYAML mark
    column: int = 0


_TOKEN_NAMES = {
    "<stream end>": "元数据块结束",
    "<block end>": "缩进结束",
    "<block mapping start>": "一组缩进的“键: 值”",
    "<block sequence start>": "一个缩进的列表",
    "<scalar>": "一段文字",
    "<document start>": "文档开始标记",
    "<block entry>": "列表项“- ”",
    "'-'": "列表项“- ”",
    "'?'": "“?”",
    "':'": "冒号“:”",
    "','": "逗号“,”",
    "']'": "右方括号“]”",
    "'}'": "右花括号“}”",
    "'['": "左方括号“[”",
    "'{'": "左花括号“{”",
    "'\\n'": "换行",
}

_QUOTE_HINT = "值里含有 : # [ ] { } , & * ! | > ' \" % @ ` 等符号时，给整个值加上英文双引号，如 title: \"甲: 乙\""
_INDENT_HINT = "同一层的键要左对齐（前面的空格数相同），下一层比上一层多缩进两个空格；不要用 Tab"


def _found(problem: str) -> str:
    match = re.search(r"(?:found|got) (.+)$", problem)
    token = match.group(1).strip() if match else ""
    if token in _TOKEN_NAMES:
        return _TOKEN_NAMES[token]
    bare = token[1:-1] if len(token) > 2 and token[0] == token[-1] == "'" else token
    if bare in _TOKEN_NAMES:
        return _TOKEN_NAMES[bare]
    return f"“{bare}”" if bare else "其他内容"


_FULLWIDTH_COLON = re.compile(r"^\s*(?:-\s+)?[^\s:：\"'#\[{][^:\"'\[{]*?：")


def _unbalanced_quote_line(text: str, until: int, offset: int) -> int | None:
    """The first file line before ``until`` that opens a double-quoted value and never closes it."""
    for index, row in enumerate(text.split("\n")[: max(0, until - offset - 1)]):
        stripped = row.split(" #", 1)[0]
        if re.search(r"(^|[:\[{,-])\s*\"", stripped) and len(re.findall(r'(?<!\\)"', stripped)) % 2 == 1:
            return index + 1 + offset
    return None


_NO_SPACE_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:[^\s:/]")


def _line_matching(pattern: re.Pattern, text: str, lines: list[int], offset: int) -> int | None:
    """The first of ``lines`` (file lines) that matches ``pattern`` and has no proper ``key: value``."""
    rows = text.split("\n")
    for line in lines:
        index = line - 1 - offset
        if 0 <= index < len(rows) and pattern.match(rows[index]) and ": " not in rows[index]:
            return line
    return None


def _explain(error: yaml.MarkedYAMLError, offset: int = 0, text: str = ""):
    """PyYAML's English problem, in plain Chinese: (message, mark to report, hint)."""
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    mark = error.problem_mark or error.context_mark
    start = error.context_mark or mark
    start_line = start.line + 1 + offset if start else None
    where = f"第 {start_line} 行" if start_line else "前面"
    if mark and text:
        problem_line = mark.line + 1 + offset
        quote_line = _unbalanced_quote_line(text, min(problem_line, start_line or problem_line), offset)
        if quote_line is not None and quote_line < problem_line:
            return (
                f"YAML 语法错误：第 {quote_line} 行的双引号没有闭合，后面几行都被当成了引号里的文字，"
                f"直到第 {problem_line} 行才出错",
                _LineMark(quote_line - 1 - offset),
                "在第 %d 行的值末尾补上英文双引号 \"；文字里要用引号时，请用中文引号“”" % quote_line,
            )
        candidates = sorted({line for line in (start_line, problem_line - 1, problem_line) if line})
        colon_line = _line_matching(_FULLWIDTH_COLON, text, candidates, offset)
        if colon_line is not None:
            return (
                f"YAML 语法错误：第 {colon_line} 行的键后面用了中文冒号“：”，YAML 只认英文冒号“:”",
                _LineMark(colon_line - 1 - offset),
                "把“：”改成英文冒号加一个空格，如 title: 项目名称",
            )
        colon_line = _line_matching(_NO_SPACE_COLON, text, candidates, offset)
        if colon_line is not None:
            return (
                f"YAML 语法错误：第 {colon_line} 行的冒号后面缺少空格，YAML 把整行当成了一段文字",
                _LineMark(colon_line - 1 - offset),
                "在冒号后面加一个空格，如 title: 项目名称",
            )

    if problem.startswith("expected ',' or ']'") or problem.startswith("expected ',' or '}'"):
        opener, closer, what = ("[", "]", "方括号") if "']'" in problem else ("{", "}", "花括号")
        found = _found(problem)
        until = "直到元数据块结束" if found == "元数据块结束" else f"到第 {mark.line + 1 + offset} 行遇到{found}时"
        return (
            f"YAML 语法错误：{where}的{what} {opener} 没有闭合（{until}仍未找到对应的 {closer}）",
            start,
            f"在这一组的末尾补上 {closer}；若其中某一项本身含有逗号、冒号或括号，请给它加英文双引号",
        )
    if problem.startswith("found unexpected end of stream") and "quoted" in context:
        return (
            f"YAML 语法错误：{where}的引号没有闭合：直到元数据块结束也没有找到配对的引号",
            start,
            "补上配对的引号；文字里要用引号时，可以用中文引号“”，或在单引号里把 ' 写成 ''",
        )
    if problem.startswith("found unexpected end of stream"):
        return ("YAML 语法错误：元数据块在引号或括号闭合之前就结束了", start, "检查引号和括号是否成对")
    if problem.startswith("mapping values are not allowed here"):
        return (
            "YAML 语法错误：这里不能出现“键: 值”（常见原因：值里有英文冒号加空格却没加引号，或这一行缩进不对）",
            mark,
            _QUOTE_HINT + "；" + _INDENT_HINT,
        )
    if problem.startswith("could not find expected ':'"):
        return (
            f"YAML 语法错误：{where}缺少冒号：每一行都应写成“键: 值”（冒号是英文冒号，后面有一个空格）",
            start,
            "检查这一行是否漏写了冒号、用了中文冒号“：”，或上一行的值断成了两行",
        )
    if "'\\t'" in problem or "tab character" in problem:
        return (
            "YAML 语法错误：这一行用了制表符（Tab）：YAML 只能用空格缩进和分隔",
            mark,
            "把 Tab 换成空格（编辑器里可设置“用空格代替 Tab”）",
        )
    match = re.match(r"found character '(.+)' that cannot start any token", problem)
    if match:
        return (
            f"YAML 语法错误：值不能以“{match.group(1)}”开头（它在 YAML 里有特殊含义）",
            mark,
            f"给整个值加上英文双引号，如 title: \"{match.group(1)}…\"",
        )
    if problem.startswith("found unknown escape character"):
        return (
            "YAML 语法错误：双引号里的反斜杠 \\ 后面跟了不认识的字符",
            mark,
            "在双引号里用 \\\\ 表示一个反斜杠，或改用单引号（单引号里反斜杠没有特殊含义）",
        )
    if problem.startswith("expected alphabetic or numeric character") and ("alias" in context or "anchor" in context):
        return (
            "YAML 语法错误：* 或 & 后面应是名称（YAML 用它们表示别名和锚点，记录里不用）",
            mark,
            "若这是一段以 * 或 & 开头的文字，请给整个值加英文双引号",
        )
    if problem.startswith("expected <block end>"):
        found = _found(problem)
        if "sequence" in problem or "'-'" in problem:
            text = "列表项“- ”的缩进与上一项不一致"
        elif "mapping" in problem:
            text = "这一行的缩进不对：它既不与上面同一层的键对齐，也不属于上一个键"
        elif "'?'" in problem:
            text = "这里混用了列表（“- ”开头）和“键: 值”"
        else:
            text = f"这一行出现了多余的{found}（常见原因：缩进不对，或引号之后还有文字）"
        return (f"YAML 语法错误：{text}", mark, _INDENT_HINT)
    if problem.startswith("expected the node content"):
        return (
            f"YAML 语法错误：这里应有一个值，却遇到了{_found(problem)}",
            mark,
            _QUOTE_HINT,
        )
    if problem.startswith("sequence entries are not allowed here"):
        return (
            "YAML 语法错误：这里不能出现列表项“- ”（常见原因：缩进不对，或值以“- ”开头却没加引号）",
            mark,
            _INDENT_HINT + "；以“- ”开头的文字请加英文双引号",
        )
    if "directive" in context:
        return (
            "YAML 语法错误：以 % 开头的行在 YAML 里是指令，记录里不用",
            mark,
            "若这是一段以 % 开头的文字，请给整个值加英文双引号",
        )
    if problem.startswith(("expected chomping or indentation indicators", "expected indentation indicator")):
        return (
            "YAML 语法错误：| 或 > 之后只能写 +、- 或 1～9 的数字，然后换行写多行文字",
            mark,
            "若这是一段以 | 或 > 开头的文字，请给整个值加英文双引号",
        )
    if problem.startswith("expected a comment or a line break"):
        return ("YAML 语法错误：这里多出了文字（引号或块标记之后同一行不能再写内容）", mark, _QUOTE_HINT)
    if "another document" in problem or "another document" in context or problem.startswith("expected '<document start>'"):
        return (
            "YAML 语法错误：元数据块里出现了第二个文档或 % 指令，一份记录只能有一个元数据块",
            mark,
            "删去这一行；正文里的分隔线请写在结束的 --- 之后",
        )
    if "duplicate anchor" in context or "duplicate anchor" in problem:
        return ("YAML 语法错误：锚点（&名称）重复；记录里不需要锚点", mark, "删去 & 及其后的名称")
    if "tag" in context:
        return ("YAML 语法错误：标签（! 开头）写法不对；记录里不用标签", mark, "删去以 ! 开头的标签，或给整个值加英文双引号")
    detail = f"{context}: {problem}" if context else problem
    return (f"YAML 语法错误（原文：{detail or error}）", mark, "检查这一行的缩进、冒号后的空格和引号是否成对")


def _construct(node, path: Path, lines: dict[Path, int], depth: int, offset: int):
    if depth > MAX_DEPTH:
        raise YamlProblem(
            f"嵌套层数超过 {MAX_DEPTH} 层",
            node.start_mark.line + 1 + offset,
            node.start_mark.column + 1,
            "记录的结构是固定的，检查缩进是否错位",
            path,
        )
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if node.tag not in _PLAIN_TAGS:  # only an explicit tag can put anything else here
        raise _tag_problem(node, offset, path)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    # A plain scalar child is read here, as the call for it would (its line is already kept):
    # most nodes are such scalars, and the call per node was a third of this walk.
    inline = depth + 1 <= MAX_DEPTH
    if isinstance(node, SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            lines[path + (index,)] = child.start_mark.line + 1 + offset
            if inline and child.__class__ is ScalarNode and child.tag in _PLAIN_TAGS:
                items.append(_scalar(child))
            else:
                items.append(_construct(child, path + (index,), lines, depth + 1, offset))
        return items
    if isinstance(node, MappingNode):
        mapping: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(
                    "键必须是简单的文字，不能是列表或“键: 值”",
                    key_node.start_mark.line + 1 + offset,
                    key_node.start_mark.column + 1,
                    "每个键写成 名称: 值；键里有方括号或花括号时请加英文双引号",
                    path,
                )
            if key_node.tag not in _PLAIN_TAGS:
                raise _tag_problem(key_node, offset, path + (str(key_node.value),))
            if key_node.value == "<<" and not key_node.style:
                raise YamlProblem(
                    "不支持 YAML 合并键 <<：记录里的每个字段都要直接写出",
                    key_node.start_mark.line + 1 + offset,
                    key_node.start_mark.column + 1,
                    "删去 << 这一行，把要合并的字段逐个写在这一层",
                    path + ("<<",),
                )
            key = key_node.value
            if key in mapping:
                raise YamlProblem(
                    f"键“{key}”重复出现（第一次在第 {lines[path + (key,)]} 行）",
                    key_node.start_mark.line + 1 + offset,
                    key_node.start_mark.column + 1,
                    "同一层里每个键只能写一次，删去或合并重复的那一个",
                    path + (key,),
                )
            lines[path + (key,)] = key_node.start_mark.line + 1 + offset
            if inline and value_node.__class__ is ScalarNode and value_node.tag in _PLAIN_TAGS:
                mapping[key] = _scalar(value_node)
            else:
                mapping[key] = _construct(value_node, path + (key,), lines, depth + 1, offset)
        return mapping
    raise YamlProblem("无法识别的 YAML 结构", node.start_mark.line + 1 + offset)


def _tag_problem(node, offset: int, path: Path = ()) -> YamlProblem:
    tag = str(node.tag)
    shown = "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
    if len(shown) > 80:
        shown = shown[:80] + "…"
    return YamlProblem(
        f"不支持 YAML 标签“{shown}”：记录只能包含文字、数字、列表和“键: 值”，不能用标签构造对象",
        node.start_mark.line + 1 + offset,
        node.start_mark.column + 1,
        "删去以 ! 开头的标签；若这是一段以 ! 开头的文字，请给整个值加英文双引号",
        path,
    )


def _scalar(node: ScalarNode):
    if node.style:  # quoted or block text: always a string, as written (libyaml marks plain as "")
        return node.value
    value = node.value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return value
