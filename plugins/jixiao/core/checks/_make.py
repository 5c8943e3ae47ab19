"""Building a finding from a rule code, so that severity always comes from the rule table."""

from __future__ import annotations

from decimal import Decimal

from ..findings import Finding
from ..rules import RULES


def finding(code: str, field: str, message: str, hint: str = "", **figures) -> Finding:
    return Finding(
        code,
        RULES[code].severity,
        message,
        field=field,
        hint=hint,
        figures={name: fmt(value) for name, value in figures.items()},
    )


def fmt(value) -> str:
    """A declared figure as the unit wrote it: 96.00 stays 96.00, never in exponent form."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def plain(value) -> str:
    """A figure the portal computed, without the trailing zeros arithmetic leaves: 82.0 → 82."""
    if isinstance(value, Decimal):
        value = value.normalize()
        return format(value, "f") if value != 0 else "0"
    return fmt(value)
