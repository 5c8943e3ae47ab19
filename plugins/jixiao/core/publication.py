"""Who may see a report: the public edition shows only published records past their embargo.

The embargo, as the record format states it: ``publish_date`` is the last day on which the
report is *not* public (在此日期（含）之前不公开). A record with ``publish_date: 2025-06-30`` is
left out of every public build made on or before 30 June 2025 and appears in the first one made
on 1 July or later. Days are counted in China's time (Asia/Shanghai, UTC+8 all year: no daylight
saving since 1991), not the build machine's: a CI runner in UTC builds at 07:00 Beijing time on
the boundary morning and must already count it as the next day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # fixed offset: no tz database needed on any OS


def china_today(now: datetime | None = None) -> date:
    """The calendar day in China at ``now`` (default: this moment)."""
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        raise ValueError("china_today needs an aware datetime: a naive one says nothing about the zone")
    return now.astimezone(CHINA).date()


def parse_day(value) -> date:
    """The day a build counts embargoes from, as an option gives it: ``2025-06-30`` written as
    text or read by YAML as a date. ValueError with the Chinese reason otherwise."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(value.strip() if isinstance(value, str) else "")
    except ValueError:
        raise ValueError(f"应为日历上的日期，写作 年-月-日（如 2025-06-30），现为“{value}”") from None


def embargoed(report, today: date) -> bool:
    """Whether the record's publish_date still holds it back on ``today`` (the day itself included)."""
    opens = report.is_published_on
    return opens is not None and today <= opens


def is_public(report, today: date) -> bool:
    return bool(report.publish) and not embargoed(report, today)


def visibility(report, today: date) -> str | None:
    """Why a record is hidden from the public edition: "draft", "embargoed", or None when it is public."""
    if not report.publish:
        return "draft"
    if embargoed(report, today):
        return "embargoed"
    return None
