"""The rules table documents each rule as ruff does, and its examples are true: the YAML shown as
breaking a rule does raise that finding, and the fixed YAML beside it does not. A renamed code
keeps working through rules.REDIRECTS, with a warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jixiao.core import rules
from jixiao.core.collection import load_collection
from jixiao.core.rules import BLOCKING, RULES, Rule
from test_checks import GOOD, NATIONAL

# An example is put over each of these consistent records in turn (test_checks.py: no finding on
# either); it is true when, over one of them, its bad YAML raises the rule and its fixed YAML does not.
BASES = {"suzhou-2024": GOOD, "national-2020": NATIONAL}
DEFAULT_PATH = "reports/2024/good-2024.md"
FILE_LINE = re.compile(r"^# 文件 (\S+)$")
KEY_LINE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:")

# Examples the harness cannot re-enact, and where the rule is tested instead.
NOT_REENACTED = {
    "utf8-bom": "the example is three invisible bytes; tests/test_bad_input.py reads a file with a BOM",
}
# renamed-code's example supposes a rename, as its comment says.
SUPPOSED_RENAME = {"score-missing": "missing-score"}


def _blocks(front: str) -> list[tuple[str, str]]:
    """Top-level keys of front matter with their text (a key's line and the lines under it)."""
    blocks: list[tuple[str, str]] = []
    for line in front.splitlines():
        if line.startswith("#"):
            continue
        if KEY_LINE.match(line):
            blocks.append((line.split(":", 1)[0], line + "\n"))
        elif blocks:
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + line + "\n")
    return blocks


def overlay(base: str, fragment: str) -> str:
    """``base`` (a record's text) with the top-level fields ``fragment`` writes replaced by its own."""
    _, front, body = base.split("---\n", 2)
    mine = _blocks(fragment)
    keys = {key for key, _ in mine}
    kept = [text for key, text in _blocks(front) if key not in keys]
    return "---\n" + "".join(kept) + "".join(text for _, text in mine) + "---\n" + body


def example_files(example: str, base: str) -> dict[str, str]:
    """The files an example stands for: ``# 文件 path`` lines start one; otherwise one record. A
    ``# 正文`` line starts the narrative: the lines after it replace the base record's."""
    files: dict[str, list[str]] = {}
    bodies: dict[str, list[str]] = {}
    current = DEFAULT_PATH
    for line in example.splitlines():
        marked = FILE_LINE.match(line)
        if marked:
            current = marked.group(1)
            files.setdefault(current, [])
        elif line.strip() == "# 正文":
            bodies[current] = []
        elif current in bodies:
            bodies[current].append(line)
        else:
            files.setdefault(current, []).append(line)
    texts = {path: overlay(base, "\n".join(files.get(path, []))) for path in files.keys() | bodies.keys()}
    for path, body in bodies.items():
        texts[path] = texts[path].rsplit("---\n", 1)[0] + "---\n" + "\n".join(body) + "\n"
    return texts


def codes_of(files: dict[str, str], tmp: Path) -> set[str]:
    for path, text in files.items():
        (tmp / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp / path).write_text(text, encoding="utf-8")
    collection = load_collection(tmp / "reports", base=tmp)
    return {f.code for a in collection.analyses for f in a.findings}


@pytest.mark.parametrize("code", sorted(set(RULES) - set(NOT_REENACTED)))
def test_each_example_breaks_its_rule_and_the_fixed_one_does_not(code, tmp_path, monkeypatch):
    monkeypatch.setattr(rules, "REDIRECTS", SUPPOSED_RENAME if code == "renamed-code" else {})
    rule = RULES[code]
    outcomes = {}
    for name, base in BASES.items():
        bad = codes_of(example_files(rule.bad, base), tmp_path / name / "bad")
        good = codes_of(example_files(rule.good, base), tmp_path / name / "good")
        outcomes[name] = (code in bad, code in good)
        if code in bad and code not in good:
            return
    pytest.fail(f"{code}: (bad raises it, fixed raises it) over each base record: {outcomes}")


def test_every_rule_fills_every_field_in_chinese():
    for code, rule in RULES.items():
        assert rule.code == code and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
        for name in ("title", "group", "rule", "why", "fix"):
            assert re.search(r"[\u4e00-\u9fff]", getattr(rule, name)), (code, name)
        assert rule.bad.strip() and rule.good.strip() and rule.bad != rule.good, code
        assert rule.silenceable == (code not in BLOCKING)


def test_rules_are_written_with_named_fields():
    """Each entry names its fields: count commas no more to tell `why` from an example."""
    source = Path(rules.__file__).read_text(encoding="utf-8")
    entries = source.count("    Rule(\n")
    assert entries == len(RULES)
    assert source.count("code=") >= len(RULES) and "Rule(\"" not in source
    assert {field for field in Rule.__dataclass_fields__} >= {
        "code", "title", "severity", "rule", "why", "bad", "good", "fix"}


def test_redirects_lead_from_codes_no_longer_used_to_codes_in_use():
    for old, new in rules.REDIRECTS.items():
        assert old not in RULES and new in RULES, (old, new)


SILENCED_OLD = GOOD.replace("actual: 健全, score: 45}", "actual: 健全}").replace(
    "declared:", "silence:\n  - code: score-missing\n    reason: 原件得分栏空白，照录\ndeclared:")


def test_a_silence_with_a_renamed_code_still_silences_and_is_warned_of(tmp_path, monkeypatch, capsys):
    from jixiao import cli

    monkeypatch.setattr(rules, "REDIRECTS", SUPPOSED_RENAME)
    path = tmp_path / "reports/2024/good-2024.md"
    path.parent.mkdir(parents=True)
    path.write_text(SILENCED_OLD, encoding="utf-8")
    analysis = load_collection(tmp_path / "reports", base=tmp_path).analyses[0]
    missing = [f for f in analysis.findings if f.code == "missing-score"]
    assert missing and all(f.silenced == "原件得分栏空白，照录" for f in missing)
    warned = [f for f in analysis.findings if f.code == "renamed-code"]
    assert len(warned) == 1 and warned[0].field == "silence[0].code" and "missing-score" in warned[0].message
    assert not [f for f in analysis.findings if f.code == "schema-error"]
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "reports"]) == 1  # the record's own score-total error, not the silence
    out = capsys.readouterr().out
    assert "renamed-code" in out and "已更名为“missing-score”" in out
    # Without the redirect the same silence is an unknown code, an error.
    monkeypatch.setattr(rules, "REDIRECTS", {})
    again = load_collection(tmp_path / "reports", base=tmp_path).analyses[0]
    assert [f.code for f in again.findings if f.field == "silence[0].code"] == ["schema-error"]


def test_the_rules_page_shows_each_example_and_keeps_old_anchors(monkeypatch):
    """The 核验规则 template alone (Material's main.html stubbed): every field of every rule, and an
    old code's anchor inside the rule it was renamed to, so that old links still land."""
    import jinja2
    from jixiao.site.routes import ROUTES
    from markupsafe import escape

    monkeypatch.setattr(rules, "REDIRECTS", SUPPOSED_RENAME)
    theme = Path(__file__).resolve().parent.parent / "theme"
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.DictLoader({"main.html": "{% block content %}{% endblock %}"}),
                                    jinja2.FileSystemLoader(str(theme))]),
        autoescape=True)
    env.filters["url"] = lambda value: value
    env.globals["routes"] = ROUTES  # as the plugin's environment has them
    html = env.get_template("jixiao/rules.html").render(page={"title": "核验规则"}, rules=RULES)
    for code, rule in RULES.items():
        section = html.split(f'id="{code}"', 1)[1].split("</section>", 1)[0]
        for text in (rule.title, rule.rule, rule.why, rule.fix):
            assert str(escape(text)) in section, (code, text)
        assert str(escape(rule.bad)) in section and str(escape(rule.good)) in section, code
    missing_score = html.split('id="missing-score"', 1)[1].split("</section>", 1)[0]
    assert '<span id="score-missing"></span>' in missing_score and "<code>score-missing</code>" in missing_score
