"""Templates compiled by one build are read by the next (jixiao/mkdocs/compiled_templates.py):
never a stale or wrongly escaped page, and never a failed build for the cache's sake."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from jixiao.mkdocs.compiled_templates import CompiledTemplates

TEMPLATE = "<p>{{ text }}</p>"


def environment(cache, templates: dict[str, str], autoescape=False) -> Environment:
    return Environment(loader=DictLoader(templates), bytecode_cache=cache, autoescape=autoescape)


def compiles(monkeypatch) -> list[str]:
    """The names of the templates compiled from now on."""
    compiled: list[str] = []
    original = Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", counting)
    return compiled


def test_a_template_is_compiled_once_and_again_when_it_changes(tmp_path, monkeypatch):
    compiled = compiles(monkeypatch)
    cache = CompiledTemplates(str(tmp_path))
    assert environment(cache, {"page.html": TEMPLATE}).get_template("page.html").render(text="甲") == "<p>甲</p>"
    assert environment(cache, {"page.html": TEMPLATE}).get_template("page.html").render(text="乙") == "<p>乙</p>"
    assert compiled == ["page.html"]
    changed = environment(cache, {"page.html": "<b>{{ text }}</b>"}).get_template("page.html")
    assert changed.render(text="丙") == "<b>丙</b>" and compiled == ["page.html"] * 2


def test_an_escaping_environment_never_reads_what_another_compiled(tmp_path, monkeypatch):
    cache = CompiledTemplates(str(tmp_path))
    plain = environment(cache, {"page.html": TEMPLATE}).get_template("page.html")
    assert plain.render(text="<i>") == "<p><i></p>"
    escaping = environment(cache, {"page.html": TEMPLATE}, autoescape=True).get_template("page.html")
    assert escaping.render(text="<i>") == "<p>&lt;i&gt;</p>"


def test_a_cache_that_cannot_be_read_or_written_is_no_cache(tmp_path):
    cache = CompiledTemplates(str(tmp_path))
    environment(cache, {"page.html": TEMPLATE}).get_template("page.html")
    for file in tmp_path.iterdir():  # damaged: cut short
        file.write_bytes(file.read_bytes()[:20])
    assert environment(cache, {"page.html": TEMPLATE}).get_template("page.html").render(text="丁") == "<p>丁</p>"
    # a folder that cannot be written (here: a file where the folder should be)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    fresh = environment(CompiledTemplates(str(blocked)), {"other.html": TEMPLATE}).get_template("other.html")
    assert fresh.render(text="戊") == "<p>戊</p>"
