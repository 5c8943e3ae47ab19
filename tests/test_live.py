"""Under `mkdocs serve` a save rebuilds only what it changed (jixiao/mkdocs/live.py): after a
record is edited, one added and one deleted, the site holds exactly the files, byte for byte, that
a clean build of the same content writes — pages, open data, feed, sitemap and search index,
the findings across records included (a copy of a report makes its unchanged original a duplicate)."""

from __future__ import annotations

import shutil
from pathlib import Path

import corpus
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitebuild import build_site, fixture_site

from jixiao.mkdocs.live import LiveSite

TODAY = "2026-06-30"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(one: Path, other: Path) -> list[str]:
    a, b = files_of(one), files_of(other)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def test_saved_edits_give_the_clean_build(tmp_path):
    config_file = fixture_site(tmp_path, {}, copy_seeds=True, today=TODAY, options={"page_size": 5})
    docs = tmp_path / "content"
    corpus.write_corpus(24, tmp_path / "generated", seed=11)
    generated = sorted((tmp_path / "generated" / "reports").rglob("*.md"))
    for file in generated[1:]:
        target = docs / "reports" / file.relative_to(tmp_path / "generated" / "reports")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(file, target)

    config = load_config(str(config_file), site_dir=str(tmp_path / "served"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    plugin = config.plugins["jixiao"]
    live = LiveSite(plugin)  # what on_serve sets up

    records = sorted((docs / "reports").rglob("*.md"))
    edited = next(r for r in records if "suzhou-2024" in r.name)
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("title: ", "title: 改写后的", 1), encoding="utf-8")
    assert live.update()
    live.wait()

    # The narrative alone: nothing the catalog holds changes, but the page is found by its new
    # words (its year's search part is indexed again).
    narrated = next(r for r in records if r != edited and r != records[-1])
    narrated.write_text(narrated.read_text(encoding="utf-8") + "\n\n补充说明：绩效自评后整改完毕。\n", encoding="utf-8")
    assert live.update()
    live.wait()

    added = docs / "reports" / generated[0].relative_to(tmp_path / "generated" / "reports")
    added.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(generated[0], added)
    assert live.update()

    deleted = records[-1]
    deleted.unlink()
    assert live.update()
    live.wait()

    # A copy under another id is the same project: the unchanged original gains the duplicate
    # finding too, though its own file was not saved.
    original = next(r for r in records if "hohhot" in r.name)
    copy = original.with_name("copy-" + original.name)
    copy.write_text(original.read_text(encoding="utf-8").replace("id: ", "id: copy-", 1), encoding="utf-8")
    assert live.update()
    live.wait()
    assert not (tmp_path / "served" / deleted.relative_to(docs).with_suffix("")).exists()
    page = tmp_path / "served" / original.relative_to(docs).with_suffix("") / "index.html"
    assert "copy-" + original.stem in page.read_text(encoding="utf-8")
    config.plugins.on_shutdown()

    clean = build_site(config_file, tmp_path / "clean")
    assert differences(tmp_path / "served", clean) == []


def test_a_hand_written_page_changed_is_a_full_build(tmp_path):
    config_file = fixture_site(tmp_path, {}, copy_seeds=True, today=TODAY)
    config = load_config(str(config_file), site_dir=str(tmp_path / "served"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    live = LiveSite(config.plugins["jixiao"])
    about = tmp_path / "content" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    assert not live.update()  # MkDocs builds the whole site then
    config.plugins.on_shutdown()


def test_a_save_is_seen_from_the_system_not_by_polling(tmp_path):
    # MkDocs polls every file of the watched folders twice a second; the plugin's server is told
    # of a save by the system instead, and reading a file (as every update does) is no change.
    import time

    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    from jixiao.mkdocs.live import watch_natively

    docs = tmp_path / "docs"
    (docs / "reports").mkdir(parents=True)
    page = docs / "index.md"
    page.write_text("# 首页\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 绩效\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(docs))
    server.watch(str(config))
    assert isinstance(server.observer, PollingObserver)
    assert watch_natively(server)
    assert not isinstance(server.observer, PollingObserver)
    assert list(server._watched_paths) == [str(docs), str(config)]

    def saw_change(action) -> bool:
        server._want_rebuild = False
        action()
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and not server._want_rebuild:
            time.sleep(0.02)
        return server._want_rebuild

    server.observer.start()
    try:
        time.sleep(0.2)
        assert not saw_change(lambda: page.read_text(encoding="utf-8"))
        assert saw_change(lambda: page.write_text("# 首页（改）\n", encoding="utf-8"))
        assert saw_change(lambda: (docs / "reports" / "new.md").write_text("x", encoding="utf-8"))

        def save_by_rename(text):  # as editors that write a new file and rename it over the old do
            (tmp_path / "mkdocs.yml.new").write_text(text, encoding="utf-8")
            (tmp_path / "mkdocs.yml.new").replace(config)

        # A file watched by itself is polled: every such save is seen, not only the first.
        assert saw_change(lambda: save_by_rename("site_name: 绩效一\n"))
        assert saw_change(lambda: save_by_rename("site_name: 绩效二\n"))
    finally:
        server.observer.stop()
        server.observer.join()
