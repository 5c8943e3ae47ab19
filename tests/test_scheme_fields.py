"""Every field of the scoring-scheme model is used by scoring or shown on the scheme's 评分办法 page:
a field nothing reads promises behaviour nothing implements (as `weighting: split_evenly` did
while no page said it and no score used it).

The seed site is built with every read of a scheme model's field recorded: the records scored
and checked, every page rendered, the scheme pages among them. The schemes are loaded before the
recording starts, so that their own validation does not count as use."""

from __future__ import annotations

import pytest

from sitebuild import ROOT, build_site

from jixiao.core.schemes import load_schemes, model


def scheme_models() -> list[type]:
    return [cls for cls in vars(model).values()
            if isinstance(cls, type) and issubclass(cls, model.Strict) and cls is not model.Strict]


def every_field() -> set[tuple[str, str]]:
    return {(cls.__name__, name) for cls in scheme_models() for name in cls.model_fields}


@pytest.fixture(scope="module")
def fields_read(tmp_path_factory) -> set[tuple[str, str]]:
    import jixiao.core.collection

    schemes = load_schemes()
    read: set[tuple[str, str]] = set()
    patch = pytest.MonkeyPatch()
    try:
        patch.setattr(jixiao.core.collection, "load_schemes", lambda extra_dirs=(): dict(schemes))
        for cls in scheme_models():
            fields = frozenset(cls.model_fields)

            def traced(self, name, _cls=cls.__name__, _fields=fields):
                if name in _fields:
                    read.add((_cls, name))
                return object.__getattribute__(self, name)

            patch.setattr(cls, "__getattribute__", traced)
        build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("scheme-fields") / "site")
    finally:
        patch.undo()
    return read


def test_every_scheme_field_is_read_by_scoring_or_its_page(fields_read):
    unread = sorted(every_field() - fields_read)
    assert unread == [], f"scheme fields nothing reads (use them in scoring, show them on the scheme's page, or remove them): {unread}"


def test_the_recording_sees_reads():
    """The recorder itself: a field read after it is installed is seen, one never read is not."""
    schemes = load_schemes()
    read: set[tuple[str, str]] = set()
    patch = pytest.MonkeyPatch()
    try:
        def traced(self, name):
            if name in type(self).model_fields:
                read.add(name)
            return object.__getattribute__(self, name)

        patch.setattr(model.Scheme, "__getattribute__", traced)
        schemes["suzhou-2024"].title
    finally:
        patch.undo()
    assert read == {"title"}
