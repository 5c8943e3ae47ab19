"""Every address of the portal is made by one object (jixiao.site.routes): no module of the site or
the adapter, and no template, spells a section's address itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from jixiao.site.routes import ROUTES, Routes

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plugins" / "jixiao"
SECTIONS = ("browse", "indicators", "quality", "dashboard", "schemes", "rules", "format", "jiansuo", "data")


def test_the_addresses():
    routes = Routes("berichte")
    assert routes.reports == "berichte/" and ROUTES.reports == "reports/"
    assert ROUTES.dimension("year") == "browse/year/" and ROUTES.indicator("ab12") == "indicators/ab12/"
    assert ROUTES.finding("unit-magnitude") == "quality/unit-magnitude/" and ROUTES.scheme("suzhou-2024") == "schemes/suzhou-2024/"
    assert ROUTES.search == "jiansuo/" and ROUTES.data_file("feed.xml") == "data/feed.xml"
    assert [Routes.list_page("quality/x/", n) for n in (1, 2)] == ["quality/x/", "quality/x/page/2/"]
    assert Routes.source("browse/") == "browse/index.md"
    assert routes.sections()[0] == "berichte/" and "jiansuo/" in ROUTES.sections()


def _spelt(text: str) -> bool:
    return re.match(r"(%s)/" % "|".join(SECTIONS), text) is not None


def test_no_module_of_the_site_or_the_adapter_spells_an_address():
    found = []
    for folder in ("site", "mkdocs"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            name = path.relative_to(PACKAGE).as_posix()
            if name == "site/routes.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                          if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                          and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                    if _spelt(node.value):
                        found.append(f"{name}:{node.lineno}: {node.value!r}")
    assert found == []


def test_no_template_spells_an_address():
    found = []
    for path in sorted((ROOT / "theme").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for literal in re.findall(r"""['"]([^'"]*)['"]""", " ".join(re.findall(r"{{.*?}}|{%.*?%}", line))):
                if _spelt(literal):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {literal}")
    assert found == []
