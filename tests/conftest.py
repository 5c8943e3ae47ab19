"""Shared fixtures: one build of the real portal from content/, reused by every module."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitebuild import ROOT, Captured, build_site  # noqa: E402


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> tuple[Path, list[str]]:
    """The portal built from content/, and every warning the build logged.

    Not --strict: the published reports carry three real errors, which `jixiao check content`
    reports (exit 1), and a strict build fails on every error check reports. test_site holds the
    warnings to exactly those errors, so that nothing else slips in unnoticed."""
    capture = Captured()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        site = build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("seed-site"))
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    return site, capture.messages()


@pytest.fixture(scope="session")
def seed_site(seed_build) -> Path:
    return seed_build[0]
