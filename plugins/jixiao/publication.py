"""Who may see a report: the public edition shows only published, unembargoed records."""

from __future__ import annotations

from datetime import date


def is_public(report, today: date) -> bool:
    if not report.publish:
        return False
    opens = report.is_published_on
    return opens is None or opens <= today
