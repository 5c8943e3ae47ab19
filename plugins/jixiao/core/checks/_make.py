"""Building a finding from a rule code, so that severity always comes from the rule table."""

from __future__ import annotations

from ..figures import fmt
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

