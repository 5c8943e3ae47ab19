"""The corpus's tables, read from the YAML files beside this module: places, topics, sentences and
names, and the forms each scheme's records are written on. Nothing here scores: scores and grades
come from the scheme files (scores.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def _read(name: str):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((HERE / name).read_text(encoding="utf-8"), Loader=loader)


@dataclass(frozen=True)
class Topic:
    slug: str
    depts: dict  # level -> department suffixes
    titles: tuple
    impl: tuple
    q: tuple  # 数量指标
    p: tuple  # 质量指标
    c: tuple  # 成本指标
    soc: tuple  # 社会效益指标
    sus: tuple  # 可持续影响指标
    sat: tuple  # 服务对象满意度指标
    subs: tuple
    bg: tuple
    goals: tuple
    acts: tuple
    effects: tuple
    program: tuple = ()
    t: tuple = ()  # 时效指标 (beyond the generic ones)


@dataclass(frozen=True)
class FixedRow:
    """A row every copy of a form prints, with its target and weight."""

    name: str
    target: str
    weight: str
    explanation: str | None = None
    rule: str | None = None


@dataclass(frozen=True)
class Form:
    scheme: str
    share: int  # how often the form occurs, out of the sum of the shares
    full_marks: int
    fixed_rows: dict[str, tuple[FixedRow, ...]] = field(default_factory=dict)  # category -> rows
    media_rows: tuple[str, ...] = ()


_places = _read("places.yaml")
# (province, pinyin, [(city, pinyin, "district district …"), …]); a municipality lists itself as city.
PROVINCES = [
    (p["name"], p["pinyin"], [(c["name"], c["pinyin"], " ".join(c["districts"])) for c in p["cities"]])
    for p in _places["provinces"]
]
STREETS = _places["streets"]
COMMON_STREETS = _places["common_streets"]

_topics = _read("topics.yaml")
TOPICS = [Topic(**{key: tuple(value) if isinstance(value, list) else value for key, value in entry.items()})
          for entry in _topics["topics"]]
TOPICS_BY_SLUG = {topic.slug: topic for topic in TOPICS}
GEN_T, GEN_C, GEN_SOC, GEN_SUS, GEN_SAT = (_topics["generic"][key] for key in ("t", "c", "soc", "sus", "sat"))

_texts = _read("texts.yaml")
ORG_SENTENCES = _texts["org_sentences"]
PROBLEMS = _texts["problems"]
SUGGESTIONS = _texts["suggestions"]
MISS_REASONS = _texts["miss_reasons"]
MISS_REASONS_QUALITATIVE = _texts["miss_reasons_qualitative"]
MISS_REASONS_SATISFACTION = _texts["miss_reasons_satisfaction"]
EXEC_REASONS = _texts["exec_reasons"]
SURNAMES = _texts["surnames"]
GIVEN = _texts["given_names"]
FIRMS = _texts["firms"]
FIRM_KINDS = _texts["firm_kinds"]

_forms = _read("forms.yaml")
DEFECTS: dict[str, str] = _forms["defects"]
FORMS = {
    scheme: Form(scheme, entry["share"], entry["full_marks"],
                 {category: tuple(FixedRow(**row) for row in rows) for category, rows in entry.get("fixed_rows", {}).items()},
                 tuple(entry.get("media_rows", ())))
    for scheme, entry in _forms["forms"].items()
}
SCHEMES = tuple(FORMS)
MET_WORDS = _forms["met_words"]
PARTIAL_WORDS = _forms["partial_words"]
EVALUATOR_READS_WORDS_AS = _forms["evaluator_reads_words_as"]
