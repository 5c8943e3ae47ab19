"""Material's parts that the pages of a folder share (jixiao/mkdocs/fragments.py: navigation,
tabs, footer, script settings and scripts, stylesheets and the header but for the page's title)
are rendered once per folder: every page must come out as it would rendered on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.mkdocs import fragments
from sitebuild import build_site, fixture_site


def _pages(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*.html")
            if "pagefind" not in path.parts}


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_pages_sharing_parts_are_those_rendered_on_their_own(tmp_path, monkeypatch, edition):
    config = fixture_site(tmp_path, {}, copy_seeds=True, edition=edition, options={"page_size": 2})
    shared = _pages(build_site(config, tmp_path / "shared"))
    asked = []
    real_key = fragments.SharedFragments.key

    def key(self, page, base_url):
        asked.append(real_key(self, page, base_url))
        return None  # every part rendered for the page itself

    monkeypatch.setattr(fragments.SharedFragments, "key", key)
    alone = _pages(build_site(config, tmp_path / "alone"))
    assert sum(found is not None for found in asked) > 50  # most pages share their folder's parts
    assert shared.keys() == alone.keys()
    differing = [page for page in shared if shared[page] != alone[page]]
    assert differing == []
    report = next(page for page in shared if page.startswith("reports/2020/"))
    assert b'data-md-component="header-topic"' in shared[report]
