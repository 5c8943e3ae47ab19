"""Building fixture sites end to end, as a user's `mkdocs build` would, with the repository's own
configuration: every fixture site's mkdocs.yml is the repository's mkdocs.yml (theme and its
features, nav, Markdown extensions, plugins) with only its content folder and the jixiao plugin's
options changed, so that no test builds a site production would not."""

from __future__ import annotations

import logging
import shutil
import textwrap
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
THEME = ROOT / "theme"


def build_site(config_file: Path, site_dir: Path, strict: bool = False, **overrides):
    config = load_config(str(config_file), site_dir=str(site_dir), strict=strict, **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def site_config(docs: Path, **options) -> dict:
    """The repository's mkdocs.yml for the content in ``docs``, the jixiao plugin given ``options``
    on top of those the repository sets."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(THEME)
    plugins = []
    for entry in config.get("plugins", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name == "jixiao":
            entry = {"jixiao": {**({} if isinstance(entry, str) else entry["jixiao"] or {}), **options}}
        plugins.append(entry)
    assert any(isinstance(p, dict) and "jixiao" in p for p in plugins), "mkdocs.yml no longer uses the jixiao plugin"
    config["plugins"] = plugins
    return config


def write_config(path: Path, docs: Path, **options) -> Path:
    path.write_text(yaml.safe_dump(site_config(docs, **options), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_portal(content: Path, site_dir: Path, edition: str = "public", today: str | None = None, **options) -> Path:
    """``content`` built with the repository's own configuration, in either edition, the jixiao
    plugin given ``options`` besides; with a site URL, so that the sitemap lists every page."""
    config = write_config(site_dir.parent / f"{site_dir.name}.mkdocs.yml", content,
                          edition=edition, **({"today": today} if today else {}), **options)
    return build_site(config, site_dir, site_url="https://jixiao.example/")


def fixture_site(tmp_path: Path, records: dict[str, str], options: dict | None = None, copy_seeds: bool = False,
                 edition: str = "public", today: str | None = None) -> Path:
    """A site in ``tmp_path``: the hand-written pages of content/ (the nav names them), the seed
    records too when ``copy_seeds``, and ``records`` under content/reports/; its mkdocs.yml is the
    repository's with the jixiao plugin's ``options`` (edition, today, page_size …)."""
    docs = tmp_path / "content"
    shutil.copytree(CONTENT, docs, ignore=None if copy_seeds else shutil.ignore_patterns("reports"))
    (docs / "reports").mkdir(exist_ok=True)
    for relative, text in records.items():
        path = docs / "reports" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    options = {"edition": edition, **({"today": today} if today else {}), **(options or {})}
    return write_config(tmp_path / "mkdocs.yml", docs, **options)


class Captured(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def messages(self, level=logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]
