"""Public and internal editions from one repository: nothing internal ever reaches the public site.

A canary test: private markers are put in every way a careless or hostile submitter could let
them out (internal fields, drafts, embargoed records, one embargoed until the day of the build,
records that duplicate a public one but are hidden, a record reusing a published id, files in the
reports tree that are not records, symbolic links out of the content tree and into the reports
tree), and every file of the public site is searched for them, Pagefind's compressed index
included. The internal edition holds every private marker of a record; what is refused (stray
files, links, the second claimant of an id) is in neither edition.
"""

from __future__ import annotations

import gzip
import json
import logging
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from sitebuild import Captured, build_site, fixture_site

from jixiao.core.publication import china_today, is_public
from jixiao.core.record import load_text

TODAY = "2026-11-21"

# Markers are single lowercase words, so that a leak into the search index is a word of it too.
PRIVATE = {  # shown by the internal edition only
    "internal.contacts.name": "cycontactname7f3a",
    "internal.contacts.role": "cycontactrole19bd",
    "internal.contacts.phone": "13900000417",
    "internal.contacts.email": "cymail5e21",
    "internal.reviewers": "cyreviewera0c4",
    "internal.notes": "cyreviewnote66d2",
    "internal.working_papers": "cyworkingpaper0b8e",
    "responsible.name": "cyresponsiblec1d9",
    "responsible.phone": "13711112222",
    "draft.title": "cydrafttitle3e7f",
    "draft.narrative": "cydraftnarrative92aa",
    "embargo.title": "cyembargotitle4410",
    "embargo.indicator": "cyembargoindicatord5e6",
    "embargo-today.title": "cyembargotodaytitle8c1b",
    "hidden-duplicate.draft": "cyhiddendupdraft51a0",
    "hidden-duplicate.embargoed": "cyhiddendupembargo77b1",
}
CANARIES = PRIVATE  # tests/test_search_index.py searches the index for them
REFUSED = {  # in neither edition
    "duplicate-id.title": "cydupidtitle9c2e",
    "stray.upper-md": "cystrayupper2d4f",
    "stray.backup": "cystraybackup6a19",
    "stray.yaml": "cystrayyaml0e3c",
    "stray.markdown": "cystraymarkdown4b7d",
    "stray.text": "cystraytext8f02",
    "link.draft-outside": "cylinkdraftb3a1",
    "link.text-outside": "cylinktext5c6d",
    "link.folder-outside": "cylinkfolder1e8f",
    "link.page-outside": "cylinkpage7d20",
}

BASE = """---
id: {id}
title: {title}
year: 2024
kind: self
department: 测试局
region: [江苏省, 苏州市]
scheme: suzhou-2024
unit: 万元
{extra}indicators:
  - {{category: 产出目标, name: {indicator}, target: "≥95%", weight: 10, actual: "96%", score: 10}}
declared: {{total: 10}}
---

## 项目概况

{narrative}
"""


def record(id, title="公开报告", indicator="完成率", narrative="公开正文。", extra=""):  # noqa: A002 - the field's name
    return BASE.format(id=id, title=title, indicator=indicator, narrative=narrative, extra=extra)


def open_report(marker: str = "") -> str:
    c = PRIVATE
    return record("open-report", narrative=f"公开正文。{marker}", extra=(
        "responsible:\n"
        f"  - {{name: {c['responsible.name']}, role: 项目负责人, phone: \"{c['responsible.phone']}\"}}\n"
        "internal:\n"
        "  contacts:\n"
        f"    - {{name: {c['internal.contacts.name']}, role: {c['internal.contacts.role']}, "
        f"phone: \"{c['internal.contacts.phone']}\", email: {c['internal.contacts.email']}@example.org}}\n"
        f"  reviewers: [{c['internal.reviewers']}]\n"
        f"  notes: {c['internal.notes']}\n"
        f"  working_papers: [{c['internal.working_papers']}]\n"
    ))


def records() -> dict[str, str]:
    c, r = PRIVATE, REFUSED
    return {
        "2024/open-report.md": open_report(),
        "2024/draft-report.md": record("draft-report", c["draft.title"], "及时率", c["draft.narrative"],
                                       "publish: false\n"),
        "2024/embargoed-report.md": record("embargoed-report", c["embargo.title"], c["embargo.indicator"],
                                           "未到公开日期。", "publish_date: 2099-01-01\n"),
        # publish_date is the build's own day: 在此日期（含）之前不公开, so not yet
        "2024/embargo-today.md": record("embargo-today", c["embargo-today.title"], extra=f"publish_date: {TODAY}\n"),
        # the same title, year and department as the open report, but hidden: never named publicly
        f"2024/{c['hidden-duplicate.draft']}.md": record(c["hidden-duplicate.draft"], extra="publish: false\n"),
        f"2024/{c['hidden-duplicate.embargoed']}.md": record(c["hidden-duplicate.embargoed"],
                                                             extra="publish_date: 2099-01-01\n"),
        # a later record reusing the published id (path order decides outside git): refused
        "2024/zz-later-claimant.md": record("open-report", r["duplicate-id.title"]),
    }


def add_refused_files(tmp: Path) -> dict[str, str]:
    """Files and links that are not records, beside and around the records; what each is called
    in the build's warnings."""
    r = REFUSED
    reports = tmp / "content" / "reports"
    outside = tmp / "outside"
    (outside / "folder" / "2023").mkdir(parents=True)
    (outside / "pages").mkdir()
    strays = {"open-report.MD": "stray.upper-md", "open-report.md~": "stray.backup", "open-report.yaml": "stray.yaml",
              "open-report.markdown": "stray.markdown", "notes.txt": "stray.text"}
    for name, key in strays.items():  # copies of a real record, private fields and all
        (reports / "2024" / name).write_text(open_report(r[key]), encoding="utf-8")
    (outside / "draft.md").write_text(record("linked-draft", r["link.draft-outside"]), encoding="utf-8")
    (outside / "secret.txt").write_text(f"# {r['link.text-outside']}\n", encoding="utf-8")
    (outside / "folder" / "2023" / "linked.md").write_text(record("linked", r["link.folder-outside"]), encoding="utf-8")
    (outside / "pages" / "page.md").write_text(f"# {r['link.page-outside']}\n", encoding="utf-8")
    (reports / "2024" / "linked-draft.md").symlink_to(outside / "draft.md")
    (reports / "2024" / "secret.md").symlink_to(outside / "secret.txt")
    (reports / "linked-folder").symlink_to(outside / "folder", target_is_directory=True)
    (tmp / "content" / "leak").symlink_to(outside / "pages", target_is_directory=True)
    (tmp / "content" / "leak.md").symlink_to(outside / "secret.txt")
    (tmp / "content" / "alias").symlink_to(reports / "2024", target_is_directory=True)  # records as plain pages
    (reports / "aside.md").symlink_to(tmp / "content" / "index.md")  # inside the content tree, still a link
    return {**{f"reports/2024/{name}": key for name, key in strays.items()},
            "reports/2024/linked-draft.md": "link", "reports/2024/secret.md": "link", "reports/linked-folder": "link",
            "leak/page.md": "link", "leak.md": "link", "reports/aside.md": "link",
            "alias/open-report.md": "link", "alias/draft-report.md": "link"}


def site_text(site: Path):
    """(file, its text lowercased) for every file of a site; compressed files (Pagefind's index,
    the sitemap) decompressed."""
    for file in sorted(site.rglob("*")):
        if file.is_file():
            data = file.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield file, data.decode("utf-8", errors="replace").lower()


def build(tmp: Path, edition: str, today: str = TODAY) -> tuple[Path, list[str]]:
    config = fixture_site(tmp, records(), copy_seeds=True, edition=edition, today=today)
    named = add_refused_files(tmp)
    capture = Captured()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        site = build_site(config, tmp / "site")
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    warnings = capture.messages()
    for path in named:  # every refused file or link is named in a warning
        assert any(path in warning for warning in warnings), (path, warnings)
    return site, warnings


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("public"), "public")[0]


@pytest.fixture(scope="module")
def internal(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("internal"), "internal")[0]


def test_public_edition_contains_no_canary(public):
    markers = {**PRIVATE, **REFUSED}
    leaks = [(str(f.relative_to(public)), name) for f, text in site_text(public)
             for name, canary in markers.items() if canary in text]
    assert leaks == []
    assert any((public / "pagefind").rglob("*.pf_index"))  # the index was searched, not missing


def test_public_edition_keeps_the_published_report(public):
    assert (public / "reports/2024/open-report/index.html").is_file()  # the second claimant of its id lost
    for hidden in ("draft-report", "embargoed-report", "embargo-today"):
        assert not (public / "reports/2024" / hidden).exists(), hidden
    ids = {r["id"] for r in json.loads((public / "data/reports.json").read_text(encoding="utf-8"))["reports"]}
    assert "open-report" in ids and not {"draft-report", "embargoed-report", "embargo-today"} & ids
    record = json.loads((public / "reports/2024/open-report/report.json").read_text(encoding="utf-8"))
    assert "internal" not in record["record"] and "responsible" not in record["record"]
    assert "duplicate-report" not in {f["code"] for f in record["findings"]}  # its twins are all hidden


def test_internal_edition_shows_everything_and_marks_it(internal):
    everything = "\n".join(text for _, text in site_text(internal))
    assert [name for name, canary in PRIVATE.items() if canary not in everything] == []
    assert [name for name, canary in REFUSED.items() if canary in everything] == []
    draft = (internal / "reports/2024/draft-report/index.html").read_text(encoding="utf-8")
    assert "不公开" in draft
    embargo = (internal / "reports/2024/embargoed-report/index.html").read_text(encoding="utf-8")
    assert "2099-01-01（含）之前不公开" in embargo
    assert (internal / "reports/2024/open-report/index.html").is_file()


def test_embargo_lifts_the_day_after_its_date(tmp_path):
    site, _ = build(tmp_path, "public", today="2099-01-02")
    assert (site / "reports/2024/embargoed-report/index.html").is_file()  # 2099-01-01 (含) passed
    assert (site / "reports/2024/embargo-today/index.html").is_file()
    assert not (site / "reports/2024/draft-report").exists()


def test_the_boundary_day_is_counted_in_china():
    """A record with publish_date 2025-06-30 opens at 00:00 on 1 July in Beijing: 16:00 UTC on 30 June."""
    report = load_text(record("x", extra="publish_date: 2025-06-30\n"), "reports/2024/x.md").report
    before = datetime(2025, 6, 30, 15, 59, 59, tzinfo=timezone.utc)  # 23:59:59 on the 30th in Beijing
    after = datetime(2025, 6, 30, 16, 0, 0, tzinfo=timezone.utc)  # 00:00 on 1 July in Beijing
    assert china_today(before) == date(2025, 6, 30) and not is_public(report, china_today(before))
    assert china_today(after) == date(2025, 7, 1) and is_public(report, china_today(after))
    assert not is_public(report, date(2025, 6, 30)) and is_public(report, date(2025, 7, 1))
    with pytest.raises(ValueError):
        china_today(datetime(2025, 6, 30, 16, 0))  # a naive time says nothing about its zone
