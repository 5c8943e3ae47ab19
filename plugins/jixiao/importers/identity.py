"""Stable record ids: the same report read twice gets the same id, whatever file it came in.

An id is ``<place hint>-<year>-<hash8>``: the hint makes it readable (``suzhou-2024-…``), the hash
of region, year, project name and department makes it unique and stable (two departments may
both run a project called 党建系列活动). Nothing about the file (its name,
its format) goes into the hash, so a .docx and its text extraction land on the same record.
"""

from __future__ import annotations

import hashlib
import re

from .cells import label


def derive_id(hint: str, year: int | str, title: str, region: list[str], department: str = "") -> str:
    year = year or "undated"  # a draft whose document states no year
    key = "|".join(["/".join(region), str(year), label(title), label(department)])
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    hint = re.sub(r"[^a-z0-9]+", "-", hint.lower()).strip("-") or "r"
    return f"{hint}-{year}-{digest}"
