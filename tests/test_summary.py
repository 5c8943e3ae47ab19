"""One summary per report (jixiao.core.summary): the catalog's entry, the report page's header and
reports.csv show the same figures because they read the same object."""

from __future__ import annotations

import csv
from dataclasses import fields
from datetime import date
from pathlib import Path

from jixiao.core.collection import load_collection
from jixiao.core.summary import Summary, summarise
from jixiao.site.catalog import Catalog
from jixiao.site.exports import write_exports
from jixiao.site.presentation import view_of

ROOT = Path(__file__).resolve().parent.parent


def test_the_entry_the_header_and_the_csv_row_agree_with_the_summary(tmp_path):
    analyses = [a for a in load_collection(ROOT / "content" / "reports", base=ROOT / "content").analyses if a.ok]
    urls = {a.path: a.path.removesuffix(".md") + "/" for a in analyses}
    catalog = Catalog(analyses, urls, edition="internal", today=date(2026, 11, 21))
    write_exports(catalog, tmp_path, "internal")
    with (tmp_path / "data" / "reports.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["编号"]: row for row in csv.DictReader(handle)}
    assert len(catalog.entries) == len(analyses) == len(rows) >= 5
    entries = {entry.src_uri: entry for entry in catalog.entries}
    for analysis in analyses:
        summary, entry = summarise(analysis), entries[analysis.path]
        assert isinstance(entry, Summary)
        assert all(getattr(entry, f.name) == getattr(summary, f.name) for f in fields(Summary))
        header = view_of(analysis).headline
        assert (header.errors, header.warnings) == (summary.errors, summary.warnings)
        row = rows[entry.id]
        assert (row["错误数"], row["警告数"]) == (str(summary.errors), str(summary.warnings))
        assert row["申报总分"] == ("" if summary.declared_total is None else format(summary.declared_total, "f"))
