"""How figures are written (jixiao.core.figures), and that no other module of the portal writes them.

The importers read figures in the formats documents use and the exporters write cells as a
spreadsheet shows them; both are about other programs' notations and are left out of the check.
"""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

from jixiao.core.figures import fixed, fmt, number, plain, rate, rate_value, short

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "jixiao"


def test_declared_figures_are_written_as_the_unit_wrote_them():
    assert fmt(Decimal("96.00")) == "96.00"
    assert fmt(Decimal("1E+2")) == "100" and fmt(Decimal("1E-7")) == "0.0000001"  # never in exponent form
    assert fmt(None) == "—" and fmt("合规") == "合规" and fmt(3) == "3"


def test_computed_figures_lose_the_zeros_arithmetic_leaves():
    assert plain(Decimal("82.0")) == "82" and plain(Decimal("81.9400")) == "81.94"
    assert plain(Decimal("0.000")) == "0" and plain(Decimal("1E+3")) == "1000"
    assert plain(None) == "—"


def test_basis_texts_round_half_up():
    assert fixed(Decimal("31.0784"), 2) == "31.08" and fixed(Decimal("31"), 2) == "31.00"
    assert fixed(Decimal("0.125"), 2) == "0.13"  # half up, not to even
    assert short(Decimal("7.4400")) == "7.44" and short(Decimal("1.23456"), 2) == "1.23"
    assert short(Decimal("0.00")) == "0" and short(Decimal("2.5"), 0) == "3"


def test_json_numbers():
    assert number(Decimal("81.94")) == 81.94 and number(Decimal("82.00")) == 82 and isinstance(number(Decimal("82.00")), int)
    assert number(None) is None and number("x") == "x"
    assert rate(Decimal("95.123456")) == 95.1235 and rate(None) is None
    assert rate_value(Decimal("95.1")) == Decimal("95.1000")


def test_no_other_module_of_the_portal_writes_figures_its_own_way():
    """`format(x, "f")` (a Decimal as text) only in figures.py, outside the importers and exporters."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if parts[0] in ("importers", "exporters") or path.name == "figures.py" and parts[0] == "core":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "format"
                    and len(node.args) == 2 and isinstance(node.args[1], ast.Constant) and node.args[1].value == "f"):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []
