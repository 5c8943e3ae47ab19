"""Scoring schemes as data: the shipped files, site files, and clear errors for bad ones."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.schemes import SHIPPED_DIR, SchemeError, load_scheme_file, load_schemes

SHIPPED = {"national-2020", "suzhou-2024", "suzhou-2018", "minhang-2020"}

NEW_PROVINCE = """\
# 一个新省份的办法：只加文件，不改代码。
id: example-2025
title: 示例省项目支出绩效自评
source: 示例省财政厅通知
grades:
  - {label: 优, min: "90"}
  - {label: 良, min: "80"}
  - {label: 差, min: "0"}
categories:
  - name: 产出
    keywords: [产出]
    weighting: fixed
    quantitative: {rule: banded, full_from: "100", full_to: "120", over_deduction: "0.02", under_deduction: "0.1"}
    qualitative: levels
qualitative:
  percent_is_level: true
  levels:
    - {label: 完成, score: "1", words: [完成]}
    - {label: 未完成, score: "0", words: [未完成]}
execution:
  names: [预算执行率]
  rule: proportional
"""


@pytest.fixture(scope="module")
def schemes():
    return load_schemes()


def test_shipped_schemes_load(schemes):
    assert SHIPPED <= set(schemes)
    for scheme_id, scheme in schemes.items():
        assert (SHIPPED_DIR / f"{scheme_id}.yaml").is_file()
        assert re.search(r"[\u4e00-\u9fff]", scheme.title)
        assert scheme.source


def test_national_2020(schemes):
    national = schemes["national-2020"]
    assert "财预〔2020〕10号" in national.source
    assert [(g.label, g.min) for g in national.grades] == [("优", 90), ("良", 80), ("中", 60), ("差", 0)]
    assert sum(rule.points for rule in national.categories) + 10 == 100
    assert national.category_for("产出指标").quantitative.rule == "proportional"
    assert national.execution.rule == "proportional"
    assert national.grade_for(Decimal("81.18")).label == "良"
    assert national.grade_for(Decimal("100")).label == "优"
    assert national.grade_for(Decimal("59.99")).label == "差"


def test_suzhou_2024_as_printed_on_the_form(schemes):
    suzhou = schemes["suzhou-2024"]
    assert suzhou.grades == []
    assert suzhou.missing_value == "zero"
    assert suzhou.execution is None  # 预算执行率 is an ordinary 过程 row there
    output = suzhou.category_for("产出目标")
    assert output.weighting == "split_evenly"
    assert (output.quantitative.full_from, output.quantitative.full_to) == (100, 130)
    assert output.quantitative.over_deduction == Decimal("0.01")
    assert output.quantitative.under_deduction == Decimal("0.05")
    benefit = suzhou.category_for("效益目标")
    assert benefit.quantitative.full_to == 200 and benefit.weighting == "split_evenly"
    for name in ("决策目标", "过程目标"):
        rule = suzhou.category_for(name)
        assert rule.weighting == "fixed" and rule.quantitative.full_to is None
    assert suzhou.category_for("满意度目标").weighting == "split_evenly"
    assert [level.score for level in suzhou.qualitative.levels] == [
        (Decimal(x), Decimal(x)) for x in ("1", "0.8", "0.6", "0.4", "0.2", "0")
    ]


def test_suzhou_2018_documents_its_assumption(schemes):
    older = schemes["suzhou-2018"]
    assert {rule.name for rule in older.categories} == {"投入", "产出", "结果", "影响力"}
    assert older.assumptions and any("2024" in text for text in older.assumptions)
    assert all(rule.weighting == "fixed" for rule in older.categories)
    assert older.category_for("结果目标").quantitative.full_to == 200
    assert older.category_for("影响力目标").quantitative.full_to == 200
    assert older.category_for("投入目标").quantitative.full_to is None
    raw = (SHIPPED_DIR / "suzhou-2018.yaml").read_text(encoding="utf-8")
    assert "推定" in raw


def test_minhang_2020(schemes):
    minhang = schemes["minhang-2020"]
    assert [(g.label, g.min, g.aliases) for g in minhang.grades] == [
        ("优秀", 90, ["优"]), ("良好", 75, ["良"]), ("合格", 60, []), ("不合格", 0, []),
    ]
    assert minhang.find_grade("优").label == "优秀"
    assert minhang.grade_for(Decimal("89")).label == "良好"
    bands = [(band.min, band.score) for band in minhang.execution.bands]
    assert bands == [
        (90, (1, 1)), (80, (Decimal("0.75"), 1)), (70, (Decimal("0.5"), Decimal("0.75"))), (0, (0, 0)),
    ]
    assert not hasattr(minhang, "unmatched")  # rows no rule scores go to the evaluator always: not a setting


def test_a_file_written_before_unmatched_was_retired_still_loads():
    """Earlier revisions (read by `jixiao diff`) and older site files say `unmatched: evaluator`."""
    from jixiao.core.schemes import load_scheme_text

    text = (SHIPPED_DIR / "minhang-2020.yaml").read_text(encoding="utf-8") + "unmatched: evaluator\n"
    assert load_scheme_text(text, "minhang-2020.yaml", shipped=True) == load_schemes()["minhang-2020"]
    with pytest.raises(SchemeError, match="unmatched"):
        load_scheme_text(text.replace("unmatched: evaluator", "unmatched: zero"), "minhang-2020.yaml", shipped=True)


def test_site_scheme_needs_no_code(tmp_path):
    (tmp_path / "example-2025.yaml").write_text(NEW_PROVINCE, encoding="utf-8")
    schemes = load_schemes([tmp_path])
    example = schemes["example-2025"]
    assert SHIPPED <= set(schemes)
    assert example.category_for("产出指标").quantitative.over_deduction == Decimal("0.02")
    assert example.grade_for(Decimal("85")).label == "良"


def _bad(tmp_path: Path, text: str, name: str = "example-2025.yaml") -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(SchemeError) as caught:
        load_schemes([tmp_path])
    message = caught.value.message
    assert name in message
    assert re.search(r"[\u4e00-\u9fff]", message)
    return message


def test_unknown_field_is_named(tmp_path):
    message = _bad(tmp_path, NEW_PROVINCE.replace("under_deduction", "under_deducton"))
    assert "categories[0].quantitative.under_deducton" in message
    assert "不认识" in message


def test_wrong_choice_is_named(tmp_path):
    message = _bad(tmp_path, NEW_PROVINCE.replace("rule: proportional", "rule: linear"))
    assert "execution.rule" in message and "linear" in message


def test_fraction_out_of_range(tmp_path):
    message = _bad(tmp_path, NEW_PROVINCE.replace('over_deduction: "0.02"', 'over_deduction: "2"'))
    assert "over_deduction" in message and "0 到 1" in message


def test_missing_field(tmp_path):
    message = _bad(tmp_path, NEW_PROVINCE.replace("source: 示例省财政厅通知\n", ""))
    assert "source" in message and "缺少" in message


def test_banded_needs_under_deduction(tmp_path):
    message = _bad(tmp_path, NEW_PROVINCE.replace(', under_deduction: "0.1"', ""))
    assert "under_deduction" in message


def test_grades_must_descend(tmp_path):
    message = _bad(tmp_path, NEW_PROVINCE.replace('{label: 优, min: "90"}', '{label: 优, min: "70"}'))
    assert "grades" in message or "等级" in message


def test_id_must_match_file_name(tmp_path):
    message = _bad(tmp_path, NEW_PROVINCE, name="other-2025.yaml")
    assert "id" in message and "other-2025" in message


def test_duplicate_id_is_refused(tmp_path):
    message = _bad(tmp_path, NEW_PROVINCE.replace("example-2025", "suzhou-2024"), name="suzhou-2024.yaml")
    assert "重复" in message


def test_site_file_yaml_aliases_refused(tmp_path):
    text = NEW_PROVINCE.replace("keywords: [产出]", "keywords: &k [产出]") + "region: *k\n"
    message = _bad(tmp_path, text)
    assert "别名" in message


def test_yaml_syntax_error_names_line(tmp_path):
    message = _bad(tmp_path, "id: example-2025\ntitle: [unclosed\n")
    assert "行" in message


def test_not_a_mapping(tmp_path):
    _bad(tmp_path, "- just\n- a list\n")


def test_missing_folder():
    with pytest.raises(SchemeError) as caught:
        load_schemes(["/nonexistent/schemes"])
    assert "不存在" in caught.value.message


def test_load_single_file():
    scheme = load_scheme_file(SHIPPED_DIR / "suzhou-2024.yaml", shipped=True)
    assert scheme.id == "suzhou-2024"
