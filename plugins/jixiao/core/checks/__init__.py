"""The coded rules. Each module checks one part of a report; each check is a small function
that yields findings whose codes are documented in :mod:`jixiao.core.rules`.

Checks read the record and the computed figures; they never change either.
"""

from __future__ import annotations

from ..findings import Finding
from ..record import LoadedRecord
from ..record.loading import path_of
from . import base_data, document, indicators, money, narrative_counts, template

RECORD_CHECKS = (*money.CHECKS, *base_data.CHECKS, *indicators.CHECKS, *template.CHECKS, *document.CHECKS,
                 *narrative_counts.CHECKS)


def check_record(loaded: LoadedRecord, scheme, computed) -> list[Finding]:
    findings: list[Finding] = []
    for check in RECORD_CHECKS:
        for finding in check(loaded, scheme, computed):
            finding.line = finding.line or (loaded.line_of(*path_of(finding.field)) if finding.field else None)
            finding.path = finding.path or loaded.path
            findings.append(finding)
    return findings

