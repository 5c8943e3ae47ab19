"""Public and internal editions from one repository: nothing internal ever reaches the public site."""

from __future__ import annotations

import json

from sitebuild import build_site, fixture_site

CANARIES = {
    "internal.contacts.name": "CANARY-CONTACT-NAME-7f3a",
    "internal.contacts.role": "CANARY-CONTACT-ROLE-19bd",
    "internal.contacts.phone": "13900000417",
    "internal.contacts.email": "canary-mail-5e21@example.org",
    "internal.reviewers": "CANARY-REVIEWER-a0c4",
    "internal.notes": "CANARY-REVIEW-NOTE-66d2",
    "internal.working_papers": "CANARY-WORKING-PAPER-0b8e",
    "responsible.name": "CANARY-RESPONSIBLE-PERSON-c1d9",
    "responsible.phone": "13711112222",
    "draft.title": "CANARY-DRAFT-TITLE-3e7f",
    "draft.narrative": "CANARY-DRAFT-NARRATIVE-92aa",
    "embargo.title": "CANARY-EMBARGO-TITLE-4410",
    "embargo.indicator": "CANARY-EMBARGO-INDICATOR-d5e6",
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


def records():
    c = CANARIES
    with_internal = BASE.format(
        id="open-report", title="公开报告", indicator="完成率", narrative="公开正文。",
        extra=(
            "responsible:\n"
            f"  - {{name: {c['responsible.name']}, role: 项目负责人, phone: \"{c['responsible.phone']}\"}}\n"
            "internal:\n"
            "  contacts:\n"
            f"    - {{name: {c['internal.contacts.name']}, role: {c['internal.contacts.role']}, "
            f"phone: \"{c['internal.contacts.phone']}\", email: {c['internal.contacts.email']}}}\n"
            f"  reviewers: [{c['internal.reviewers']}]\n"
            f"  notes: {c['internal.notes']}\n"
            f"  working_papers: [{c['internal.working_papers']}]\n"
        ),
    )
    draft = BASE.format(id="draft-report", title=c["draft.title"], indicator="及时率",
                        narrative=c["draft.narrative"], extra="publish: false\n")
    embargoed = BASE.format(id="embargoed-report", title=c["embargo.title"], indicator=c["embargo.indicator"],
                            narrative="未到公开日期。", extra="publish_date: 2099-01-01\n")
    return {"2024/open-report.md": with_internal, "2024/draft-report.md": draft,
            "2024/embargoed-report.md": embargoed}


def all_text(site):
    for file in site.rglob("*"):
        if file.is_file():
            yield file, file.read_bytes().decode("utf-8", errors="replace")


def test_public_edition_contains_no_canary(tmp_path):
    config = fixture_site(tmp_path, records(), copy_seeds=True, today="2026-11-21")
    site = build_site(config, tmp_path / "public", strict=True)
    leaks = [(str(f.relative_to(site)), name) for f, text in all_text(site)
             for name, canary in CANARIES.items() if canary in text]
    assert leaks == []
    assert (site / "reports/2024/open-report/index.html").is_file()
    assert not (site / "reports/2024/draft-report").exists()
    assert not (site / "reports/2024/embargoed-report").exists()
    ids = {r["id"] for r in json.loads((site / "data/reports.json").read_text(encoding="utf-8"))["reports"]}
    assert "open-report" in ids and "draft-report" not in ids and "embargoed-report" not in ids
    record = json.loads((site / "reports/2024/open-report/report.json").read_text(encoding="utf-8"))["record"]
    assert "internal" not in record and "responsible" not in record


def test_internal_edition_shows_everything_and_marks_it(tmp_path):
    config = fixture_site(tmp_path, records(), copy_seeds=True, edition="internal", today="2026-11-21")
    site = build_site(config, tmp_path / "internal", strict=True)
    everything = "\n".join(text for _, text in all_text(site))
    missing = [name for name, canary in CANARIES.items() if canary not in everything]
    assert missing == []
    draft = (site / "reports/2024/draft-report/index.html").read_text(encoding="utf-8")
    assert "不公开" in draft
    embargo = (site / "reports/2024/embargoed-report/index.html").read_text(encoding="utf-8")
    assert "2099-01-01 起公开" in embargo


def test_embargo_lifts_on_its_date(tmp_path):
    config = fixture_site(tmp_path, records(), today="2099-01-01")
    site = build_site(config, tmp_path / "later", strict=True)
    assert (site / "reports/2024/embargoed-report/index.html").is_file()
    assert not (site / "reports/2024/draft-report").exists()
