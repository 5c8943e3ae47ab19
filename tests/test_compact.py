"""A read record shares its field-name sets and amounts with other records (record/compact.py),
and is the same record for every reader: figures as written, dumps and equality unchanged."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.record import load_text

RECORD = """---
id: a-2024-x
title: 示例项目
year: 2024
kind: self
region: [江苏省, 苏州市]
scheme: suzhou-2024
unit: 万元
budget:
  initial: {initial}
indicators:
  - {{category: 产出目标, name: 甲, target: "1", actual: "1", weight: 10, score: 10}}
  - {{category: 产出目标, name: 乙, target: "1", actual: "1", weight: 10.0, score: 10}}
---
正文。
"""


def loaded(initial: str):
    record = load_text(RECORD.format(initial=initial))
    assert record.report is not None, record.findings
    return record.report


def test_records_share_field_sets_and_amounts_written_alike():
    one, two = loaded("100"), loaded("100")
    assert one.indicators[0].__pydantic_fields_set__ is two.indicators[0].__pydantic_fields_set__
    assert one.budget.initial is two.budget.initial
    assert one.indicators[0].score is one.indicators[1].score


def test_amounts_written_differently_stay_as_written():
    one, two = loaded("100"), loaded("100.00")
    assert str(one.budget.initial) == "100" and str(two.budget.initial) == "100.00"
    first, second = one.indicators
    assert (str(first.weight), str(second.weight)) == ("10", "10.0")
    assert first.weight == second.weight == Decimal(10)


def test_a_compacted_record_dumps_and_compares_as_before():
    one, two = loaded("100"), loaded("100")
    assert one == two
    dumped = one.model_dump(mode="python", exclude_none=True)
    assert dumped["budget"] == {"initial": Decimal("100")}
    assert [row["name"] for row in dumped["indicators"]] == ["甲", "乙"]
