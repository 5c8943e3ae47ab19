"""Shared fixtures: one strict build of the real portal from content/, reused by every module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitebuild import ROOT, build_site  # noqa: E402


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("seed-site"), strict=True)
