"""The coded rules. Each module checks one part of a report; each check is a small function
that yields findings whose codes are documented in :mod:`jixiao.rules`.

Checks read the record and the computed figures; they never change either.
"""

from __future__ import annotations

from ..findings import Finding
from ..record import LoadedRecord
from . import indicators, money

RECORD_CHECKS = (*money.CHECKS, *indicators.CHECKS)


def check_record(loaded: LoadedRecord, scheme, computed) -> list[Finding]:
    findings: list[Finding] = []
    for check in RECORD_CHECKS:
        for finding in check(loaded, scheme, computed):
            loaded_line = finding.line or (loaded.line_of(*_path_tuple(finding.field)) if finding.field else None)
            finding.line = loaded_line
            finding.path = finding.path or loaded.path
            findings.append(finding)
    return findings


def _path_tuple(field: str) -> tuple:
    """``indicators[7].score`` -> ('indicators', 7, 'score'), to look up the source line."""
    parts: list = []
    for chunk in field.replace("]", "").split("."):
        name, *indexes = chunk.split("[")
        if name:
            parts.append(name)
        parts.extend(int(index) for index in indexes)
    return tuple(parts)
