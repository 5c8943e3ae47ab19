"""The package's layers and the imports between them.

The package is cut by role: ``core`` reads, scores and checks records; ``site`` makes the portal's
pages and open data from them; ``review`` compares revisions; ``importers`` and ``exporters`` turn
documents into records and back; ``mkdocs`` is the thin adapter to MkDocs and ``cli`` the command
line. Data flows one way, so each layer may import only the layers below it (``ALLOWED``), no two
folders import each other (directly or round a longer loop), and the core imports no MkDocs:
MkDocs 1.x is frozen, and the CLI and exports run without it.

The imports are read from the source, those inside functions included, so a lazy import cannot
hide a dependency.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "jixiao"

# The layer each may import besides itself. A new arrow is a decision about the design: add it
# here only when the dependency really goes that way.
ALLOWED = {
    "core": set(),
    "site": {"core"},
    "review": {"core"},
    "importers": {"core"},
    "exporters": {"core"},
    "mkdocs": {"core", "site"},
    "cli": {"core", "review", "importers", "exporters"},
}
ROOT_MODULES = {"__init__.py", "cli.py"}  # every other module belongs in a folder by its role
WITHOUT_MKDOCS = ("core", "site", "review", "importers", "exporters", "cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports_of(name: str) -> set[str]:
    """Every module (of this package or outside it) that module ``name`` imports, anywhere in it."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in MODULES)
    return found


def unit(name: str, depth: int) -> str:
    """The folder (or root module) of the package a module belongs to, ``depth`` levels down."""
    return ".".join(name.split(".")[: depth + 1])


def layer(name: str) -> str:
    return name.split(".")[1] if "." in name else "jixiao"


def is_folder(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def graph(depth: int) -> dict[str, set[str]]:
    """Imports between the package's units ``depth`` levels down (1: core, site, …, cli; 2:
    core.record, core.values, …), each a folder or a module, between units of the same folder;
    a folder's own ``__init__`` stands for it one level up, not here."""
    edges: dict[str, set[str]] = {}
    for name in MODULES:
        if name.count(".") < depth:
            continue
        source = unit(name, depth)
        for target in imports_of(name):
            if target.split(".")[0] == "jixiao" and target.count(".") >= depth:
                edges.setdefault(source, set())
                if unit(target, depth) != source and unit(source, depth - 1) == unit(target, depth - 1):
                    edges[source].add(unit(target, depth))
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The loops of a graph, one path each (its strongly connected parts of more than one node)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_package_root_holds_only_the_command_line():
    loose = sorted(path.name for path in PACKAGE.glob("*.py") if path.name not in ROOT_MODULES)
    assert loose == [], f"modules at the package root; put each in the folder of its role: {loose}"
    folders = {path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__" and not path.name.startswith(".")}
    assert folders == set(ALLOWED) - {"cli"}


def test_each_layer_imports_only_the_layers_below_it():
    wrong = sorted(
        f"{name} imports {target}"
        for name in MODULES
        if layer(name) in ALLOWED
        for target in imports_of(name)
        if target.split(".")[0] == "jixiao" and layer(target) not in {layer(name), "jixiao"} | ALLOWED[layer(name)]
    )
    assert wrong == []


def test_no_import_cycle_between_folders():
    """Between the layers, and between the folders inside each (core.record and core.schemes, …),
    also round a loop through a module beside them (core.record → core.findings → core.record).
    Two modules of one folder may still use each other (a lazy import inside a function)."""
    for depth in (1, 2, 3):
        loops = [loop for loop in cycles(graph(depth)) if any(is_folder(name) for name in loop)]
        assert loops == [], f"import cycle between folders {depth} levels down"


def test_the_architecture_test_sees_what_it_forbids():
    """The checks above would catch a forbidden arrow and a loop (a test of the test's own parts)."""
    assert {"jixiao.core.findings", "jixiao.core.record.tree"} <= imports_of("jixiao.core.collection")
    assert "jixiao.core" in graph(1)["jixiao.site"] and "jixiao.core.record" in graph(2)["jixiao.core.schemes"]
    assert "jixiao.review.gitrevs" in imports_of("jixiao.cli")  # an import inside a function counts
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_layer_but_the_adapter_imports_mkdocs_in_its_source():
    wrong = sorted(
        f"{name} imports {target}"
        for name in MODULES
        if layer(name) in WITHOUT_MKDOCS
        for target in imports_of(name)
        if target.split(".")[0] in ("mkdocs", "material", "properdocs")
    )
    assert wrong == []


def test_core_modules_import_without_mkdocs():
    modules = sorted(name for name in MODULES if layer(name) in WITHOUT_MKDOCS)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] in ('mkdocs', 'material')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
