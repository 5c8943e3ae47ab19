"""The portal under ProperDocs, the maintained drop-in fork of MkDocs 1.6 (a way forward when MkDocs
1.x stops installing): the seed site built by `properdocs build` with the repository's own
mkdocs.yml is the site MkDocs builds, file for file, but for the generator named in each page's head."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys

import pytest

from sitebuild import ROOT

GENERATOR = re.compile(rb'\s*<meta name="generator" content="[^"]*">')


def files(site) -> dict[str, bytes]:
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found[path.relative_to(site).as_posix()] = GENERATOR.sub(b"", data) if path.suffix == ".html" else data
    return found


def test_the_seed_site_builds_under_properdocs_as_under_mkdocs(seed_site, tmp_path):
    if importlib.util.find_spec("properdocs") is None:
        pytest.skip("ProperDocs 未安装（scripts/setup 随测试依赖安装：pip install properdocs），跳过")
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, timeout=900, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert b"ProperDocs" in (site / "index.html").read_bytes()  # it was ProperDocs that built it
    built, expected = files(site), files(seed_site)
    assert sorted(built) == sorted(expected)
    assert [name for name in expected if built[name] != expected[name]] == []
