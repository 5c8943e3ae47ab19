"""Bad input: every broken record gets one clear Chinese message naming file, line and field.

The corpus in ``tests/bad_records/`` holds one small text file per case; cases that must be binary
or large (GBK, UTF-16, junk bytes, 20 MB, a 100 000-character title, 1000 levels of indentation)
are written into ``tmp_path`` by the tests below, so that nothing over 100 KB is committed.

For every case the test says what loading must produce: the finding code (``parse-error``,
``schema-error``, ``utf8-bom`` or none at all), the line, the field path where there is one, and
a meaningful part of the Chinese message and of the hint.
"""

from __future__ import annotations

import random
import re
import time
import tracemalloc
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.record.loading import MAX_FILE_BYTES, LoadedRecord, iter_record_files, load_bytes, load_file, load_text

CORPUS = Path(__file__).resolve().parent / "bad_records"
EXEMPLAR = Path(__file__).resolve().parent.parent / "content" / "reports" / "2024" / "suzhou-2024-dangjian.md"
CJK = re.compile(r"[\u4e00-\u9fff]")

# A valid record; the corpus files are this with one thing broken (line numbers below refer to it).
BASE = """---
id: test-2024-demo
title: 测试项目
year: 2024
kind: self
region: [江苏省, 苏州市]
scheme: suzhou-2024
unit: 万元
indicators:
  - {category: 产出目标, name: 活动次数, target: ">=2", weight: 10, actual: "2", score: 10}
---

正文。
"""


@dataclass(frozen=True)
class Expect:
    code: str | None  # None: loads with no finding at all
    line: int | None = None
    field: str = ""
    message: tuple[str, ...] = ()  # substrings of the message
    hint: tuple[str, ...] = ()  # substrings of the hint
    loads: bool = False  # the record is valid (possibly with an info finding)


def error(code, line, field, message, hint=()):
    return Expect(code, line, field, tuple([message] if isinstance(message, str) else message), tuple([hint] if isinstance(hint, str) else hint))


def weight_error(message, hint=()):
    return error("schema-error", 10, "indicators[0].weight", ("“权重”（indicators[0].weight）", message), hint)


def missing(key, title):
    return error("schema-error", 2, key, f"缺少必填字段“{title}”（{key}）", f"加一行 {key}: ")


CASES: dict[str, Expect] = {
    # --- YAML syntax: the line of the mistake, not of the place PyYAML noticed it
    "invalid-yaml.md": error("parse-error", 6, "", "第 6 行的方括号 [ 没有闭合", "补上 ]"),
    "invalid-yaml-colon-in-value.md": error("parse-error", 3, "", "这里不能出现“键: 值”", "加上英文双引号"),
    "invalid-yaml-unclosed-quote.md": error("parse-error", 3, "", "第 3 行的双引号没有闭合", "补上英文双引号"),
    "invalid-yaml-chinese-colon.md": error("parse-error", 5, "", "第 5 行的键后面用了中文冒号“：”", "英文冒号"),
    "invalid-yaml-no-space-after-colon.md": error("parse-error", 3, "", "第 3 行的冒号后面缺少空格", "加一个空格"),
    "invalid-yaml-value-starts-with-at.md": error("parse-error", 3, "", "值不能以“@”开头", "英文双引号"),
    "invalid-yaml-bad-indent.md": error("parse-error", 11, "", "缩进不对", "左对齐"),
    "tabs-indent.md": error("parse-error", 10, "", "制表符（Tab）", "把 Tab 换成空格"),
    "control-character.md": error("parse-error", 3, "", ("第 3 行第 10 列", "控制字符 U+0007"), "删去这个字符"),
    "line-separator-u2028.md": error("parse-error", 3, "", ("第 3 行第 10 列", "U+2028"), "删去它"),
    # --- the front matter block itself
    "no-front-matter.md": error("parse-error", 1, "", "缺少元数据块：记录的第一行必须是 ---", "在文件开头加一行 ---"),
    "fields-without-fences.md": error("parse-error", 1, "", "缺少元数据块的开始标记", "在文件开头加一行 ---"),
    "blank-line-before-front-matter.md": error("parse-error", 1, "", "元数据块前面有空行：第 3 行才是 ---", "删去第 1 至 2 行的空行"),
    "unclosed-front-matter.md": error("parse-error", 1, "", "元数据块没有结束", "加一行 ---"),
    "wrong-closing-fence.md": error("parse-error", 11, "", "第 11 行的“——”不是结束标记", "改成 ---"),
    "forgot-closing-fence.md": error("parse-error", 12, "", "第 12 行缺少冒号", "元数据块结束的 --- 可能漏写了"),
    "empty.md": error("parse-error", 1, "", "文件是空的", "---"),
    "whitespace-only.md": error("parse-error", 1, "", "只有空白", "---"),
    "front-matter-empty.md": error("parse-error", 2, "", "元数据块是空的", "id: …"),
    "front-matter-list.md": error("parse-error", 2, "", ("元数据块应为一组“键: 值”字段", "这里是列表"), "不要以“- ”开头"),
    "front-matter-scalar.md": error("parse-error", 2, "", ("元数据块应为一组“键: 值”字段", "一段文字“测试项目”"), "键: 值"),
    "dashes-in-narrative.md": Expect(None, loads=True),
    "crlf.md": Expect(None, loads=True),
    "bom.md": Expect("utf8-bom", 1, "", ("UTF-8 BOM",), ("无 BOM",), loads=True),
    # --- what a hostile file may carry
    "tag-python-object-apply.md": error("parse-error", 3, "title", "不支持 YAML 标签“!!python/object/apply:os.system”", "删去以 ! 开头的标签"),
    "tag-python-name.md": error("parse-error", 3, "title", "不支持 YAML 标签“!!python/name:os.system”", "删去以 ! 开头的标签"),
    "tag-custom.md": error("parse-error", 3, "title", "不支持 YAML 标签“!foo”", "删去以 ! 开头的标签"),
    "tag-on-key.md": error("parse-error", 3, "title", "不支持 YAML 标签“!!python/name:os.system”", "删去以 ! 开头的标签"),
    "alias-simple.md": error("parse-error", 8, "", "不支持 YAML 别名（*r）", "换成它所指的值"),
    "alias-bomb.md": error("parse-error", 11, "", "不支持 YAML 别名（*a）", "换成它所指的值"),
    "merge-key.md": error("parse-error", 10, "budget.<<", "不支持 YAML 合并键 <<", "逐个写在这一层"),
    "duplicate-key-top.md": error("parse-error", 9, "title", "键“title”重复出现（第一次在第 3 行）", "每个键只能写一次"),
    "duplicate-key-indicator.md": error("parse-error", 10, "indicators[0].weight", "键“weight”重复出现", "每个键只能写一次"),
    "deep-nesting-list.md": error("parse-error", 9, "", "嵌套层数超过 12 层", "方括号"),
    "deep-nesting-mapping.md": error("parse-error", 9, "", "嵌套层数超过 12 层", "花括号"),
    # --- YAML 1.1 surprises: values stay the text that was written
    "publish-no.md": error("schema-error", 9, "publish", "“公开”（publish）应为 true 或 false，这里写的是“no”", "yes/no/on/off 不是真假值"),
    "year-leading-zero.md": error("schema-error", 4, "year", "应为四位数字年份，如 2024，这里写的是“010”", "year: 2024"),
    "year-chinese.md": error("schema-error", 4, "year", "应为四位数字年份，如 2024，这里写的是“二〇二四”", "阿拉伯数字"),
    "evaluated-on-date.md": Expect(None, loads=True),
    "target-leading-zero.md": Expect(None, loads=True),
    "title-number.md": Expect(None, loads=True),
    # --- figures
    "weight-chinese.md": weight_error("权重应为普通数字（如 29.16 或 -6.5），这里写的是“八分”", "阿拉伯数字"),
    "weight-fullwidth.md": weight_error("权重“７．５”含全角字符，请改用半角数字", "半角"),
    "weight-nan.md": weight_error("这里写的是“NaN”", "不能作为数字"),
    "weight-dot-nan.md": weight_error("这里写的是“.nan”", "不能作为数字"),
    "weight-infinity.md": weight_error("这里写的是“Infinity”", "不能作为数字"),
    "weight-dot-inf.md": weight_error("这里写的是“.inf”", "不能作为数字"),
    "weight-1e309.md": weight_error("这里写的是“1e309”", "不要用科学计数法"),
    "weight-negative.md": weight_error("权重不能小于 0，这里写的是 -5", "不能为负数"),
    "weight-zero.md": weight_error("权重为 0 的指标不计分", "照原表填写"),
    "weight-with-unit.md": weight_error("这里写的是“10分”", "不带单位"),
    "weight-true.md": weight_error("权重应为数字，这里写的是真假值“true”", "阿拉伯数字"),
    "weight-empty.md": Expect(None, loads=True),  # a blank 分值 cell is a row without a weight, as on real forms
    "budget-thousands-separator.md": error(
        "schema-error", 10, "budget.initial", "金额“1,234.5”含千位分隔符，请去掉逗号（写作 1234.5）", "千位分隔符"
    ),
    "execution-rate-chinese.md": error("schema-error", 10, "budget.execution_rate", "“百分之百”应为百分比数字，如 99.86%", "半角数字"),
    # the checker judges these later; loading accepts them
    "score-above-weight.md": Expect(None, loads=True),
    "unknown-scheme.md": Expect(None, loads=True),
    # --- values that do not fit the model
    "unknown-unit.md": error("schema-error", 8, "unit", "金额单位只能是“元”“万元”或“亿元”，这里写的是“千元”", "换算后录入"),
    "missing-id.md": missing("id", "编号"),
    "missing-title.md": missing("title", "项目名称"),
    # an undated record may only be a draft: publish defaults to true, so this one is refused
    "missing-year.md": error("schema-error", 2, "year", "没有项目年份的记录不能公开", "补填 year"),
    "missing-kind.md": missing("kind", "评价类型"),
    "missing-region.md": missing("region", "地区"),
    "missing-scheme.md": missing("scheme", "评分办法"),
    # no amounts, no unit needed (a form that prints only rates and scores)
    "missing-unit.md": Expect(None, loads=True),
    "missing-weight-in-indicator.md": Expect(None, loads=True),  # 其中 sub-rows and forms without 分值 have none
    "unknown-field-indicatros.md": error("schema-error", 9, "indicatros", ("未知字段“indicatros”", "是不是想写 indicators"), "改成 indicators"),
    "unknown-field-budgt.md": error("schema-error", 9, "budgt", ("未知字段“budgt”", "是不是想写 budget"), "改成 budget"),
    "unknown-field-scroe.md": error(
        "schema-error", 10, "indicators[0].scroe", ("未知字段“scroe”（indicators[0].scroe）", "是不是想写 score"), "改成 score"
    ),
    "Bad Name.md": error("schema-error", 2, "id", "“编号”（id）“Bad Name”格式不对：只能用小写字母、数字和单个连字符", ("id: bad-name", "bad-name.md")),
    "id-uppercase.md": error("schema-error", 2, "id", "“Suzhou-2024-Dangjian”格式不对", "id: suzhou-2024-dangjian"),
    "budget-list.md": error("schema-error", 9, "budget", "“预算执行与资金使用”（budget）应为“键: 值”形式的一组字段，这里是列表", "initial"),
    "region-string.md": error("schema-error", 6, "region", "“地区”（region）应为列表，这里是一段文字“江苏省”", "region: [江苏省]"),
    "region-empty.md": error("schema-error", 6, "region", "“地区”（region）至少要有 1 项", "region: [江苏省, 苏州市]"),
    "kind-chinese.md": error(
        "schema-error",
        5,
        "kind",
        ("self（单位自评）", "department（部门评价）", "finance（财政评价）", "这里写的是“自评”"),
        "kind: self",
    ),
    "title-empty.md": error("schema-error", 3, "title", "“项目名称”（title）不能为空", "写上内容"),
    "title-null.md": error("schema-error", 3, "title", "“项目名称”（title）是空的", "写上内容"),
    "indicators-mapping.md": error("schema-error", 9, "indicators", "“绩效指标”（indicators）应为列表，这里是一组“键: 值”", "“- ”"),
    "indicator-scalar.md": error("schema-error", 9, "indicators[0]", "应为“键: 值”形式的一组字段，这里是一段文字“活动次数”", "weight"),
    "indicator-columns-typo.md": error("schema-error", 9, "indicator_columns[1]", ("只能是 category、subcategory", "这里写的是“nmae”"), "检查拼写"),
    "publish-date-slash.md": error("schema-error", 9, "publish_date", "“2025/6/30”应写作 年-月-日，如 2025-06-30", "publish_date: 2025-06-30"),
    "two-total-rows.md": error(
        "schema-error", 12, "subprojects[2].total", ("subprojects 里只能有一行标为合计", "第 10 行和第 12 行"), "只保留"
    ),
}


def _load(name: str) -> LoadedRecord:
    return load_file(CORPUS / name, shown_as=name)


def _check(record: LoadedRecord, name: str, expect: Expect) -> None:
    findings = record.findings
    if expect.code is None:
        assert findings == [], [f.text() for f in findings]
        assert record.ok
        return
    assert len(findings) == 1, [f.text() for f in findings]  # one clear message, not a cascade
    finding = findings[0]
    assert finding.code == expect.code, finding.text()
    assert finding.path == name  # the message names the file
    assert finding.text().startswith(f"{name}:{expect.line}"), finding.text()
    assert finding.line == expect.line, finding.text()
    assert finding.field == expect.field, finding.text()
    for part in expect.message:
        assert part in finding.message, f"{part!r} not in {finding.message!r}"
    for part in expect.hint:
        assert part in finding.hint, f"{part!r} not in {finding.hint!r}"
    assert record.ok == expect.loads
    if not expect.loads:
        assert finding.severity.value == "error"


def test_corpus_is_complete():
    files = {path.name for path in CORPUS.iterdir() if path.is_file()}
    assert files == set(CASES), (files - set(CASES), set(CASES) - files)
    assert len(files) >= 45
    assert all(path.stat().st_size < 100 * 1024 for path in CORPUS.iterdir())


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_record(name):
    _check(_load(name), name, CASES[name])


# --- what the records that load must hold


def test_title_number_is_text():
    record = _load("title-number.md")
    assert record.report.title == "2024"


def test_evaluated_on_stays_text():
    record = _load("evaluated-on-date.md")
    assert record.report.evaluated_on == "2024-03-09"
    assert isinstance(record.report.evaluated_on, str)


def test_target_keeps_leading_zero():
    assert _load("target-leading-zero.md").report.indicators[0].target == "010"


def test_score_above_weight_loads_for_the_checker():
    indicator = _load("score-above-weight.md").report.indicators[0]
    assert (indicator.weight, indicator.score) == (Decimal("10"), Decimal("12"))


def test_unknown_scheme_loads_for_the_checker():
    assert _load("unknown-scheme.md").report.scheme == "atlantis-2099"


def test_bom_is_dropped():
    assert (CORPUS / "bom.md").read_bytes().startswith(b"\xef\xbb\xbf")
    record = _load("bom.md")
    assert record.report.id == "test-2024-demo"
    assert record.findings[0].severity.value == "info"


def test_crlf_loads_with_the_same_lines():
    data = (CORPUS / "crlf.md").read_bytes()
    assert b"\r\n" in data
    record = _load("crlf.md")
    assert record.line_of("indicators", 0) == 10
    assert record.body.strip() == "正文。"
    assert "\r" not in record.report.title


def test_dashes_in_narrative_are_narrative():
    record = _load("dashes-in-narrative.md")
    assert record.report.id == "test-2024-demo"
    assert "第二部分。" in record.body
    assert "id: not-front-matter" in record.body
    assert record.body_line == 12


# --- cases written at run time: binary, huge or over 100 KB


def _write(tmp_path: Path, name: str, data: bytes) -> LoadedRecord:
    path = tmp_path / name
    path.write_bytes(data)
    return load_file(path, shown_as=name)


def _junk(low: int, high: int) -> bytes:
    rng = random.Random(1)
    return bytes(rng.randrange(low, high) for _ in range(5000))


RUNTIME: dict[str, tuple] = {
    "gbk-encoded.md": (
        lambda: BASE.encode("gbk"),
        error("parse-error", 3, "", "看起来是 GBK/GB18030 编码", "iconv -f GB18030 -t UTF-8"),
    ),
    "gb18030-encoded.md": (
        lambda: BASE.replace("测试项目", "测试𠀀项目").encode("gb18030"),  # a character GBK does not have
        error("parse-error", 3, "", "看起来是 GBK/GB18030 编码", "iconv -f GB18030 -t UTF-8"),
    ),
    "utf16.md": (
        lambda: BASE.encode("utf-16"),
        error("parse-error", 1, "", ("文件是 UTF-16 编码", "记录文件必须是 UTF-8"), "iconv -f UTF-16 -t UTF-8"),
    ),
    "utf16-be-bom.md": (
        lambda: b"\xfe\xff" + BASE.encode("utf-16-be"),
        error("parse-error", 1, "", "UTF-16 编码", "iconv -f UTF-16 -t UTF-8"),
    ),
    "utf16le-no-bom.md": (
        lambda: BASE.encode("utf-16-le"),
        error("parse-error", 1, "", "UTF-16LE 编码", "iconv -f UTF-16LE -t UTF-8"),
    ),
    "utf32.md": (
        lambda: BASE.encode("utf-32"),
        error("parse-error", 1, "", "UTF-32 编码", "iconv -f UTF-32 -t UTF-8"),
    ),
    "binary-junk.md": (
        lambda: _junk(0, 256),
        error("parse-error", 1, "", "这不是文本文件（含有 NUL 字节）", "Markdown 文本文件"),
    ),
    "binary-junk-no-nul.md": (
        lambda: _junk(0x80, 256),
        error("parse-error", 1, "", "不是有效的 UTF-8 文本", "Markdown 文本文件"),
    ),
    "png-renamed.md": (
        lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        error("parse-error", 3, "", "这不是文本文件", "图片"),
    ),
    "nul-after-8k.md": (
        lambda: BASE.encode() + b"x" * 9000 + b"\x00",
        error("parse-error", 14, "", "含有 NUL 字节", "Markdown"),
    ),
    "smart-quotes-cp1252-in-utf8.md": (
        lambda: BASE.encode().replace("title: 测试项目".encode(), "title: 测试项目".encode() + b"\x93abc\x94"),
        error("parse-error", 3, "", ("文件大部分是 UTF-8", "第 3 行第 12 列", "Windows-1252"), "中文引号请用“”"),
    ),
    "windows-1252.md": (
        lambda: "---\nid: test\ntitle: \u201cSmart\u201d quotes \u2014 dash\n---\n".encode("cp1252"),
        error("parse-error", 3, "", "看起来是 Windows-1252 编码", "iconv -f WINDOWS-1252 -t UTF-8"),
    ),
    "truncated-utf8.md": (
        lambda: BASE.encode().replace("测试项目".encode(), "测试项目".encode()[:-1]),
        error("parse-error", 3, "", ("无法解码的字节", "第 3 行"), "删去后重新输入"),
    ),
    "long-title.md": (
        lambda: BASE.replace("title: 测试项目", "title: " + "长" * 100_000).encode(),
        error("schema-error", 3, "title", "“项目名称”（title）过长：最多 500 个字符，这里有 100000 个", "报告正文"),
    ),
    "deep-indentation.md": (
        lambda: BASE.replace("unit: 万元\n", "unit: 万元\nbudget:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1000))).encode(),
        error("parse-error", 21, "", "嵌套层数超过 12 层", "缩进"),
    ),
}


@pytest.mark.parametrize("name", sorted(RUNTIME))
def test_generated_bad_record(tmp_path, name):
    make, expect = RUNTIME[name]
    _check(_write(tmp_path, name, make()), name, expect)


def test_huge_file_is_rejected_from_its_size(tmp_path, monkeypatch):
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # sparse: 20 MB on paper, nothing on disk

    def never(self):
        raise AssertionError("a 20 MB file must not be read")

    monkeypatch.setattr(Path, "read_bytes", never)
    started = time.perf_counter()
    record = load_file(path, shown_as="huge.md")
    assert time.perf_counter() - started < 0.5
    _check(record, "huge.md", error("parse-error", 1, "", ("20.0 MB", "超过记录文件的上限 2 MB"), "100 KB"))


def test_huge_text_is_rejected_without_parsing():
    record = load_text("---\n" + "x: 1\n" * (MAX_FILE_BYTES // 5 + 10), shown_as="huge.md")
    _check(record, "huge.md", error("parse-error", 1, "", "超过记录文件的上限", "100 KB"))


def test_a_file_wrong_everywhere_lists_the_first_fifty():
    text = BASE.replace("unit: 万元\n", "unit: 万元\n" + "".join(f"extra{i}: 1\n" for i in range(80)))
    record = load_text(text, shown_as="many.md")
    assert len(record.findings) == 51
    assert all(f.code == "schema-error" and "未知字段" in f.message for f in record.findings[:50])
    last = record.findings[-1]
    assert "另有 30 处字段错误未列出" in last.message
    assert last.line == 9 + 50 and last.field == ""


def test_unreadable_paths_get_chinese_reasons(tmp_path):
    missing_file = load_file(tmp_path / "gone.md", shown_as="gone.md")
    assert "无法读取文件：文件不存在" in missing_file.findings[0].message
    folder = load_file(tmp_path, shown_as="folder.md")
    assert "这是一个文件夹" in folder.findings[0].message


def test_an_unexpected_failure_is_still_a_finding(monkeypatch):
    from jixiao.core.record import loading

    def broken(data):
        raise ValueError("boom")

    monkeypatch.setattr(loading.Report, "model_validate", broken)
    record = load_text(BASE, shown_as="x.md")
    assert not record.ok
    assert "意外的内部错误（ValueError）" in record.findings[0].message


def test_alias_bomb_is_rejected_fast():
    started = time.perf_counter()
    tracemalloc.start()
    try:
        record = _load("alias-bomb.md")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 2
    assert peak < 20 * 1024 * 1024
    assert record.findings[0].code == "parse-error"


def test_deep_nesting_stops_before_the_recursion_limit():
    for name in ("deep-nesting-list.md", "deep-nesting-mapping.md"):
        assert "嵌套层数超过" in _load(name).findings[0].message
    deeper = load_text("---\nimport_notes: " + "[" * 100_000 + "\n---\n", shown_as="deeper.md")
    assert deeper.findings[0].line == 2
    assert "嵌套层数超过" in deeper.findings[0].message


def test_only_plain_yaml_takes_libyaml_s_path():
    # What the Python composer must see (it alone refuses aliases, tags and deep nesting in our
    # words), at the limits: brackets nested 6 deep pass and 7 do not, many brackets side by
    # side pass, 24 spaces of indent pass and 25 do not.
    from jixiao.core.record.yamlsafe import MAX_DEPTH, _fast_path_allowed

    assert MAX_DEPTH == 12
    assert _fast_path_allowed("a: " + "[" * 6 + "]" * 6)
    assert not _fast_path_allowed("a: " + "[" * 7 + "]" * 7)
    assert not _fast_path_allowed("a: " + "{[" * 4)
    assert _fast_path_allowed("a: [1]\n" * 50 + "b: {c: d}\n" * 50)
    assert _fast_path_allowed("a:\n" + " " * 24 + "b: c")
    assert not _fast_path_allowed("a:\n" + " " * 25 + "b: c")
    for special in ("a: &x 1", "a: *x", "a: !!str 1", "- !tag x", "a: [*x]"):
        assert not _fast_path_allowed(special), special
    assert _fast_path_allowed("a: b&c*d!e\nf: 完成率 100%！")



def _nested(depth: int, leaf: str) -> str:
    return "".join("  " * level + f"k{level}:\n" for level in range(depth - 1)) + "  " * (depth - 1) + leaf + "\n"


@pytest.mark.parametrize("text", [
    *(path.read_text(encoding="utf-8").split("\n---", 1)[0][4:] for path in sorted(EXEMPLAR.parents[1].glob("*/*.md"))),
    "a: ~\nb: null\nc:\nd: true\ne: False\nf: '~'\ng: \"true\"\nh: 010\ni: 2024-03-09\nj: 29.16\nk: no\n",
    "list:\n  - ~\n  - ''\n  - [1, [2, {x: y}], TRUE]\n  - |\n    块\n    文字\n  - >-\n    折叠\nempty: []\nm: {}\n",
    "\"quoted key\": 1\n? complex\n: 2\n3: 4\n",
    _nested(12, "leaf: x"), _nested(13, "leaf: x"), _nested(12, "leaf: [x]"), _nested(13, "- x"),
    "a: 1\na: 2\n", "<<: {a: 1}\n", "[a]: 1\n",
])
def test_libyaml_s_path_reads_what_the_python_path_reads(text, monkeypatch):
    """The same values, the same lines and the same refusals whichever path reads a text (the
    records of the portal, YAML 1.1's typed words kept as text, every kind of node, nesting at
    the limit and one level past it)."""
    from jixiao.core.record import yamlsafe

    def read(text):
        try:
            document = yamlsafe.read_yaml(text, first_line=2)
            return document.data, document.lines
        except yamlsafe.YamlProblem as problem:  # worded by each path its own way (too deep: more words)
            return problem.message[:problem.message.find("层") + 1] if "嵌套" in problem.message else problem.message, problem.line

    assert yamlsafe._compose_fast(text) is not None, "this text is meant for libyaml's path"
    fast = read(text)
    monkeypatch.setattr(yamlsafe, "_compose_fast", lambda text: None)
    assert read(text) == fast


# --- the whole corpus at once


def _all_records(tmp_path: Path) -> list[LoadedRecord]:
    records = [_load(path.name) for path in sorted(CORPUS.iterdir())]
    for name, (make, _expect) in sorted(RUNTIME.items()):
        records.append(_write(tmp_path, name, make()))
    return records


def test_every_message_is_chinese_and_located(tmp_path):
    for record in _all_records(tmp_path):
        for finding in record.findings:
            assert finding.message.strip(), finding
            assert CJK.search(finding.message), finding.text()
            assert finding.hint and CJK.search(finding.hint), finding.text()
            assert finding.line, finding.text()
            assert finding.path == record.path
            assert "Traceback" not in finding.message and "Error" not in finding.message, finding.text()
            assert "原文：" not in finding.message, finding.text()  # a PyYAML problem left in English


def test_whole_corpus_stays_under_500_mb(tmp_path):
    tracemalloc.start()
    try:
        records = _all_records(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(records) >= 45
    assert peak < 500 * 1024 * 1024, f"peak {peak / 1024 / 1024:.0f} MB"


def test_other_records_are_unaffected(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / EXEMPLAR.name).write_bytes(EXEMPLAR.read_bytes())
    for path in sorted(CORPUS.iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "utf16.md").write_bytes(BASE.encode("utf-16"))
    records = {path.name: load_file(path, shown_as=path.name) for path in iter_record_files(tmp_path)}
    good = records[EXEMPLAR.name]
    assert good.ok and good.findings == []
    assert good.report.id == "suzhou-2024-dangjian"
    assert not records["utf16.md"].ok
    assert sum(record.ok for record in records.values()) == 1 + sum(expect.loads for expect in CASES.values())


def test_random_damage_never_raises():
    """Mangled copies of the exemplar: each loads or gets Chinese findings, never an internal error."""
    source = EXEMPLAR.read_bytes()
    front = source[: source.index(b"\n---\n", 4) + 5]
    pieces = [b"[", b"]", b"{", b"}", b":", b": ", b"\t", b'"', b"'", b"&a ", b"*a", b"!!int ", b"- ", b"\n", b"\n  ",
              b"#", b"\xff", b"\x00", b"\x07", b"<<: ", b"---\n", b"? ", b"|", b">", b"%", b"@", b"\\", "：".encode(),
              b",", b"null", b"true", b".nan", "\u2028".encode()]
    rng = random.Random(20240309)
    for _ in range(600):
        data = bytearray(front)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data))
            roll = rng.random()
            if roll < 0.4:
                data[at:at] = rng.choice(pieces)
            elif roll < 0.7:
                del data[at : at + rng.randint(1, 20)]
            else:
                start = rng.randrange(len(data))
                data[at:at] = data[start : start + rng.randint(1, 30)]
        record = load_bytes(bytes(data), LoadedRecord(path="damaged.md"))
        for finding in record.findings:
            assert "内部错误" not in finding.message, bytes(data)
            assert CJK.search(finding.message), finding.text()
            assert finding.line or finding.code == "schema-error", finding.text()
