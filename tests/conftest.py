"""Shared fixtures: one build of the real portal from content/, reused by every module."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: on a busy two-core machine an example that takes 5 ms alone can take
# 300 ms, and a deadline then fails a correct test. Tests that need a deadline set their own.
settings.register_profile("jixiao", deadline=None)
settings.load_profile("jixiao")

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The corpus generator (scripts/corpus/) is benchmark and test tooling, not part of the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from sitebuild import ROOT, Captured, build_site  # noqa: E402

# Under pytest-xdist (scripts/test runs --dist loadgroup) a test module runs whole in one worker, so
# that its module fixtures are built once; modules sharing a costly session fixture share a worker,
# so that it is built once in all (each worker builds the session fixtures its tests use).
SAME_WORKER = {
    "tests/test_generated_sites.py": "generated_sites",  # both use the generated_sites fixture
    "tests/browser/test_generated.py": "generated_sites",
    # the browser tests of the seed site with the hostile records (tests/browser/conftest.py: built_site)
    **{f"tests/browser/test_{name}.py": "built_site" for name in ("accessibility", "pages", "print", "reading", "search")},
}


# The groups that take longest (a minute and more of a worker for the first, 15-35 s each for the
# others, on two cores), handed out first and in this order: a group handed out last, when the
# other worker has nothing left, is time the suite waits on one core. (pytest-xdist's own order
# puts the groups with the most tests first, which left a 35-second module of two tests to the
# end.) The other groups follow in the order they are collected.
LONGEST_FIRST = ["built_site", "generated_sites", "tests/test_bench.py", "tests/test_parallel.py", "tests/test_import.py",
                 "tests/test_live.py", "tests/test_readers_roundtrip.py", "tests/test_diff.py", "tests/test_reimport.py",
                 "tests/test_corpus.py", "tests/test_export.py", "tests/test_site.py"]


assert all((ROOT / group).is_file() or group in SAME_WORKER.values() for group in LONGEST_FIRST), "LONGEST_FIRST names no group"


def pytest_configure(config):
    config.addinivalue_line("markers", "xdist_group(name): tests of one group run in the same pytest-xdist worker")
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False  # the order is LONGEST_FIRST's


def _group(item) -> str:
    module = item.nodeid.split("::", 1)[0]
    return SAME_WORKER.get(module, module)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(pytest.mark.xdist_group(_group(item)))
    rank = {group: at for at, group in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(_group(item), len(rank)))  # stable: the rest keep their order


def pytest_xdist_node_collection_finished(node, ids):
    # pytest-xdist marks a grouped test by its node id (test_x.py::test@group); when a pytest
    # release stops taking that, every group is split without a word: say so instead.
    if node.config.getoption("dist", "no") == "loadgroup" and ids and not any("@" in nodeid for nodeid in ids):
        pytest.exit("pytest-xdist 的 --dist loadgroup 没有生效（测试的 node id 没有 @分组 后缀）："
                    "多半是 pytest 版本过新，见 pyproject.toml 中 pytest 的版本上限", returncode=4)


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


@pytest.fixture(scope="session")
def generated_sites(tmp_path_factory) -> dict:
    """The seeds plus records drawn by tests/recordgen.py (an attack in every string of the record
    model, the narrative's Markdown features, drawn figures and dates), each accepted by
    `jixiao check`, built with the repository's own configuration (its Markdown extensions
    included) in both editions. Shared by the file tests and the browser tests: built once."""
    import recordgen

    from sitebuild import build_portal, fixture_site

    tmp = tmp_path_factory.mktemp("generated")
    texts = recordgen.accepted(recordgen.draw_corpus())
    fixture_site(tmp, texts, copy_seeds=True)
    sites = {"records": texts, "content": tmp / "content"}
    for edition in ("public", "internal"):
        sites[edition] = build_portal(tmp / "content", tmp / edition, edition, today=recordgen.TODAY.isoformat())
    return sites
