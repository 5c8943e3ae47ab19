"""The plugin as a MkDocs citizen: generated pages stay out of any nav MkDocs makes itself, one
instance lives through `mkdocs serve` and forgets each build, a failed build gives the frozen
objects back to the collector, and wrong options or schemes stop the build in Chinese, in the
words `jixiao check` uses."""

from __future__ import annotations

import gc
import logging
import shutil
import subprocess
import sys

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import get_files, set_exclusions
from mkdocs.structure.nav import get_navigation

from sitebuild import ROOT, Captured, build_site, fixture_site, site_config, write_config

SECTION_PAGES = {"reports/index.md", "browse/index.md", "indicators/index.md", "quality/index.md",
                 "dashboard/index.md", "rules/index.md", "schemes/index.md", "format/index.md", "jiansuo/index.md"}


def navigation(config_file, tmp_path):
    """The nav MkDocs makes for a site, through the plugin's on_files, without rendering a page."""
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        set_exclusions(files, config)
        return files, config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    finally:
        config.plugins.on_shutdown()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("plugin-seeds")
    fixture_site(tmp, {}, copy_seeds=True)
    return tmp


def test_generated_pages_stay_out_of_a_nav_mkdocs_makes_itself(seeds, tmp_path):
    """Without a `nav:` MkDocs lists every page it may; the reports and the lists (thousands on a
    real site, each page carrying the whole nav) are not among them, the portal's sections are."""
    config = site_config(seeds / "content")
    del config["nav"]
    config_file = tmp_path / "no-nav.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    files, nav = navigation(config_file, tmp_path)
    in_nav = {page.file.src_uri for page in nav.pages}
    assert SECTION_PAGES <= in_nav, SECTION_PAGES - in_nav
    assert {"index.md", "about.md", "review.md"} <= in_nav
    assert all(src.count("/") <= 1 for src in in_nav), sorted(in_nav)
    reports = [f.src_uri for f in files.documentation_pages() if f.src_uri.startswith("reports/20")]
    lists = [f.src_uri for f in files.documentation_pages() if f.src_uri.count("/") > 1 and not f.src_uri.startswith("reports/")]
    assert len(reports) == 5 and lists, "the seed site has report and list pages"
    assert all(files.get_file_from_path(src).inclusion.is_not_in_nav() for src in reports + lists)
    # The sections are the pages themselves, named as the pages are, as in the repository's nav.
    top = {item.file.src_uri: item for item in nav.items if item.is_page}
    assert SECTION_PAGES <= set(top), [getattr(item, "title", item) for item in nav.items]


def test_the_plugins_pages_skip_markdown_they_do_not_have(seeds, tmp_path):
    """A report's or a list's Markdown is empty: it is not given a converter (0.3 ms a page), and
    comes out as MkDocs renders nothing; Markdown a later plugin adds is rendered as usual."""
    from mkdocs.structure.pages import Page

    def rendered(page):
        return (page.content, page.present_anchor_ids, page.links_to_anchors or {},
                [(link.title, link.id, link.level) for link in page.toc])

    config = load_config(str(seeds / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        plugin = config.plugins["jixiao"]
        report = next(src for src in plugin.reports)
        for src, added in ((report, ""), ("dashboard/index.md", ""), (report, "## 另一插件加的标题\n\n正文")):
            page = config.plugins.on_pre_page(Page(None, files.get_file_from_path(src), config), config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files) + added
            page.render(config, files)
            plain = Page(None, files.get_file_from_path(src), config)
            plain.markdown = page.markdown
            Page.render(plain, config, files)  # MkDocs' own
            assert rendered(page) == rendered(plain)
            assert ("另一插件加的标题" in page.content) == bool(added)
            assert page.render.func.__name__ == "_render_empty"
    finally:
        config.plugins.on_shutdown()


def test_the_hand_nav_leaves_no_page_omitted(seeds, tmp_path):
    """With the repository's nav, MkDocs finds no page missing from it: generated pages are
    NOT_IN_NAV, so the config needs no `validation: nav: omitted_files: ignore`."""
    capture = Captured()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(capture)
    logger.setLevel(logging.INFO)  # MkDocs names omitted pages at INFO
    try:
        navigation(write_config(tmp_path / "mkdocs.yml", seeds / "content"), tmp_path)
    finally:
        logger.removeHandler(capture)
        logger.setLevel(level)
    assert not [m for m in capture.messages(logging.INFO) if "not included in the \"nav\"" in m]


def test_one_instance_lives_through_serve_and_forgets_each_build(seeds, tmp_path):
    """With on_startup MkDocs keeps the plugin between the rebuilds of `mkdocs serve` (it loads the
    config again each time); each build starts from nothing the previous one knew."""
    config_file = write_config(tmp_path / "mkdocs.yml", seeds / "content")
    first = load_config(str(config_file), site_dir=str(tmp_path / "a"))
    first.plugins.on_startup(command="serve", dirty=False)
    try:
        plugin = first.plugins["jixiao"]
        assert plugin.serving
        first = first.plugins.on_config(first)
        first.plugins.on_files(get_files(first), config=first)
        assert plugin.reports and plugin.catalog is not None and gc.get_freeze_count() > 0
        again = load_config(str(config_file), site_dir=str(tmp_path / "a"))
        assert again.plugins["jixiao"] is plugin  # the same instance, as under serve
        again.plugins.on_config(again)
        assert plugin.reports == {} and plugin.generated == {} and plugin.catalog is None
        assert gc.get_freeze_count() == 0
    finally:
        first.plugins.on_shutdown()
    assert gc.get_freeze_count() == 0


def test_a_failed_build_gives_the_frozen_objects_back(tmp_path, monkeypatch):
    """gc.freeze() in on_files is undone in on_post_build; a build that fails before it reaches
    on_build_error instead."""
    from jixiao.mkdocs.plugin import JixiaoPlugin

    def fail(self, context, page, config, nav):
        raise RuntimeError("a template failed")

    monkeypatch.setattr(JixiaoPlugin, "on_page_context", fail)
    config = fixture_site(tmp_path, {})
    with pytest.raises(Exception, match="a template failed"):
        build_site(config, tmp_path / "site")
    assert gc.get_freeze_count() == 0


BROKEN_SCHEME = "id: broken-2025\ntitle: 坏办法\nsource: 测试\ncategories:\n  - name: 产出\n    keywords: []\n"


def test_a_broken_scheme_stops_the_build_in_the_words_check_uses(tmp_path):
    config = fixture_site(tmp_path, {}, copy_seeds=True, options={"schemes_dir": "schemes"})
    (tmp_path / "schemes").mkdir()
    (tmp_path / "schemes" / "broken-2025.yaml").write_text(BROKEN_SCHEME, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "jixiao.cli", "check", "content", "--schemes", "schemes"],
                           cwd=tmp_path, capture_output=True, text=True)
    assert check.returncode == 2
    said = check.stderr.strip().removeprefix("jixiao: ")
    assert said.startswith("评分办法有误：评分办法文件") and "keywords" in said
    capture = Captured()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        with pytest.raises(Abort):
            build_site(config, tmp_path / "site")
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    messages = capture.messages(logging.ERROR)
    assert any(message.endswith(said.split("评分办法文件 ", 1)[1]) and message.startswith("评分办法有误：")
               for message in messages), (messages, said)
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("value, accepted", [
    ("2025-06-30", True),  # unquoted: YAML reads a date
    ("'2025-06-30'", True),
    ("'2025-02-30'", False),
    ("2025", False),
    ("'明天'", False),
])
def test_today_is_a_calendar_day_however_it_is_written(tmp_path, value, accepted):
    docs = tmp_path / "docs"
    (docs / "reports").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "index.md", docs / "index.md")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: t\ndocs_dir: docs\nplugins:\n  - jixiao:\n      today: {value}\n", encoding="utf-8")
    if accepted:
        config = load_config(str(config_file))
        assert str(config.plugins["jixiao"].config.today) == "2025-06-30"
        return
    capture = Captured()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        with pytest.raises(Abort):
            load_config(str(config_file))
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    assert any("today 应为日历上的日期，写作 年-月-日（如 2025-06-30）" in m for m in capture.messages(logging.ERROR))
