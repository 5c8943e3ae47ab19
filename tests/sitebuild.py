"""Building small fixture sites end to end, as a user's `mkdocs build` would."""

from __future__ import annotations

import logging
import shutil
import textwrap
from pathlib import Path

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


def build_portal(content: Path, site_dir: Path, edition: str = "public", today: str | None = None) -> Path:
    """``content`` built with the repository's own mkdocs.yml (nav, Markdown extensions, theme
    features), in either edition."""
    options = {"edition": edition, **({"today": today} if today else {})}
    return build_site(ROOT / "mkdocs.yml", site_dir, docs_dir=str(content), plugins=[{"jixiao": options}],
                      site_url="https://jixiao.example/")  # so that the sitemap lists every page


def fixture_site(tmp_path: Path, records: dict[str, str], extra_yaml: str = "", copy_seeds: bool = False,
                 edition: str = "public", today: str | None = None) -> Path:
    """A site in ``tmp_path`` using the project's theme, with ``records`` under content/reports/."""
    docs = tmp_path / "content"
    if copy_seeds:
        shutil.copytree(CONTENT, docs)
    else:
        (docs / "reports").mkdir(parents=True)
        (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    for relative, text in records.items():
        path = docs / "reports" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(f"""
        site_name: 测试站点
        docs_dir: content
        theme:
          name: material
          custom_dir: {THEME}
          language: zh
          font: false
        plugins:
          - search:
              lang: zh
          - jixiao:
              edition: {edition}
        """) + (f"      today: '{today}'\n" if today else "") + extra_yaml,
        encoding="utf-8",
    )
    return config


class Captured(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def messages(self, level=logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]
