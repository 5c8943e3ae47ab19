"""Records drawn by hypothesis (tests/recordgen.py), built into both editions: whatever a record
holds that `jixiao check` accepts, the build publishes it and nothing of it runs in a page; two
clean builds of the same content are the same bytes. The same sites are loaded in Chromium by
tests/browser/test_generated.py.

The sites are built once (the ``generated_sites`` fixture of conftest.py); a core-level property
test draws many more records through everything the build does but MkDocs itself.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

import recordgen  # noqa: E402
from sitebuild import build_portal  # noqa: E402
from test_sanitize import dangers, elements  # noqa: E402

from jixiao.site.catalog import Catalog  # noqa: E402
from jixiao.core.collection import check_all  # noqa: E402
from jixiao.site.exports import write_exports  # noqa: E402
from jixiao.core.findings import Severity  # noqa: E402
from jixiao.site.pages import portal_pages  # noqa: E402
from jixiao.site.narrative import NarrativeRenderer  # noqa: E402
from jixiao.core.publication import is_public  # noqa: E402
from jixiao.core.record import load_text  # noqa: E402
from jixiao.core.record.model import Report  # noqa: E402
from jixiao.core.report_json import analysis_json, to_json_text  # noqa: E402
from jixiao.core.rules import BLOCKING  # noqa: E402

SCHEMES = recordgen.SCHEMES


def test_the_drawn_records_fill_every_field_of_the_model():
    """FULL has every field of the record model: a new field must be drawn too."""
    assert recordgen.model_paths(Report) - recordgen.data_paths(recordgen.FULL) == set()


def test_every_string_field_carries_an_attack(generated_sites):
    """Across the corpus every string of the model holds a payload somewhere, but for the fields
    whose format admits none (ids, codes, rates, dates, fixed choices)."""
    import yaml

    attacked, seen = set(), set()
    for text in generated_sites["records"].values():
        data = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
        for path, value, is_key in recordgen._strings(data):
            where = recordgen.field_of(path, is_key)
            seen.add(where)
            if recordgen.PAYLOAD_MARK.search(value):
                attacked.add(where)
    formats = {"id", "scheme", "kind", "unit", "publish_date", "indicator_columns", "silence.code",
               "budget.execution_rate", "budget.previous_execution_rate", "funding.execution_rate",
               "import_fingerprints.<key>", "base_data.staff.control_rate", "base_data.buildings.area_control_rate",
               "base_data.buildings.investment_control_rate"}
    assert seen - attacked <= formats, sorted(seen - attacked - formats)
    assert len(attacked) > 50


def test_check_accepts_every_record_and_the_build_publishes_exactly_those_it_shows(generated_sites):
    """The property: a record `jixiao check` accepts is built and published (unless a draft or
    embargoed in the public edition); nothing escaped the build (the fixture would have failed)."""
    texts = generated_sites["records"]
    analyses = check_all(Path("reports"), [load_text(t, f"reports/{p}") for p, t in texts.items()], SCHEMES).analyses
    assert all(a.ok and not a.active(Severity.ERROR) for a in analyses)
    for analysis in analyses:
        page = f"{analysis.path.removesuffix('.md')}/index.html"
        shown = is_public(analysis.report, recordgen.TODAY)
        assert (generated_sites["public"] / page).is_file() == shown, (page, shown)
        assert (generated_sites["internal"] / page).is_file(), page
    assert any(not is_public(a.report, recordgen.TODAY) for a in analyses)  # both kinds were drawn


def _files(site: Path, suffix: str):
    return sorted(site.rglob(f"*{suffix}"))


def test_nothing_in_either_edition_runs(generated_sites):
    for edition in ("public", "internal"):
        site = generated_sites[edition]
        offenders = {}
        for file in _files(site, ".html"):
            found = dangers(file.read_text(encoding="utf-8"))
            if found:
                offenders[str(file.relative_to(site))] = sorted(set(found))[:5]
        assert offenders == {}, edition
        for file in _files(site, ".xml"):
            ET.parse(file)  # an unescaped payload would break it
        for file in _files(site, ".json"):
            json.loads(file.read_text(encoding="utf-8"))


def test_page_heads_contents_and_skip_links_hold_only_text(generated_sites):
    """What Material prints unescaped: the page's metadata (title, description), the table of
    contents and the skip link. The narrative's metadata blocks and attribute lists reach none."""
    site = generated_sites["public"]
    description = "财政支出项目绩效自评表与绩效评价报告的结构化公开、核验与检索"
    for path in generated_sites["records"]:
        page = site / path.removesuffix(".md") / "index.html"
        if not page.exists():
            continue
        markup = page.read_text(encoding="utf-8")
        head = markup[:markup.index("<body")]
        assert re.findall(r'<meta name="description" content="([^"]*)"', head) == [description], page
        assert "<" not in re.search(r"<title>(.*?)</title>", head, re.S).group(1)
        for tag, attributes, _ in elements(markup).tags:
            href = attributes.get("href") or ""
            if tag == "a" and ("md-skip" in (attributes.get("class") or "") or "md-nav__link" in (attributes.get("class") or "")) \
                    and href.startswith("#"):
                assert re.fullmatch(r"#[\w-]+", href), (page, href)
        for heading in re.findall(r"<h[1-6]\b[^>]*>", markup):
            assert re.fullmatch(r'<h[1-6]( id="[\w-]+")?( class="[\w -]+")?>', heading), (page, heading)


def test_two_clean_builds_are_the_same_bytes(generated_sites, tmp_path, monkeypatch):
    """On another day too: MkDocs takes the time of the build from SOURCE_DATE_EPOCH when it is set
    (here, a day in 2001), and no file may hold it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    again = build_portal(generated_sites["content"], tmp_path / "again", "public", today=recordgen.TODAY.isoformat())
    sitemap = (again / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://jixiao.example/reports/" in sitemap and "<lastmod>" not in sitemap
    done = subprocess.run(["diff", "-r", "-q", str(generated_sites["public"]), str(again)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]


# --- many more records, through everything but MkDocs -----------------------------------------

@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(recordgen.drawn_record([0]))
def test_any_record_check_accepts_goes_through_the_build_steps(tmp_path_factory, drawn):
    """Load, check, catalogue, pages, exports, the narrative and the report's JSON: whatever the
    record, if `jixiao check` accepts it nothing raises, and the record is in the catalog."""
    data, body = drawn
    data = dict(data, id="drawn")
    text = recordgen.as_text(data, body)
    path = f"reports/{data.get('year') or 'undated'}/drawn.md"
    analyses = check_all(Path("reports"), [load_text(text, path)], SCHEMES).analyses
    errors = {f.code for f in analyses[0].active(Severity.ERROR)}
    assert not errors & BLOCKING, [f.text() for f in analyses[0].findings]
    data["silence"] = list(data.get("silence", [])) + [{"code": code, "reason": "照原件录入"} for code in sorted(errors)]
    analyses = check_all(Path("reports"), [load_text(recordgen.as_text(data, body), path)], SCHEMES).analyses
    assert not analyses[0].active(Severity.ERROR)
    url = path.removesuffix(".md") + "/"
    catalog = Catalog(analyses, {analyses[0].path: url}, today=date(2026, 11, 21))
    assert [e.id for e in catalog.entries] == ["drawn"]
    pages = portal_pages(catalog, "reports", page_size=2)
    assert all(len(part) <= 80 for src in pages for part in src.split("/")), "a URL segment is too long"
    site = tmp_path_factory.mktemp("steps")
    write_exports(catalog, site, "public")
    NarrativeRenderer().render(body)
    to_json_text(analysis_json(analyses[0]))
