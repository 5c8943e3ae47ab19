"""Funds tables whose columns are lettered — 全年预算数 (A), 统筹整合资金数 (B), 扣除…后预算金额 (C),
全年到位资金 (D), 预算到位 (D/C×100%) — and a row one figure short: the letters say which
columns a rate is made of, so the empty column is the one no formula needs. Made-up forms."""

from __future__ import annotations

from jixiao.importers import prepare

_HEADER = ("行次 | 全年预算数(A) | 统筹整合资金数(B) | 扣除统筹整合资金后预算金额(C) | 全年到位资金(D) | "
           "预算到位(D/C×100%) | 全年执行资金(E) | 预算执行(E/C×100%)")


def _funding(tmp_path, header: str, row: str):
    source = tmp_path / "lettered.txt"
    source.write_text(f"某县2023年度专项资金绩效评价表\n项目名称 | 农村道路养护\n主管部门 | 某县交通运输局\n"
                      f"资金投入情况（万元）\n{header}\n{row}\n", encoding="utf-8")
    [draft] = prepare(source).drafts
    return draft.fields["funding"][0], draft.fields.get("budget", {})


def test_markdown_style_pipe_lines_are_rows(tmp_path):
    total, _ = _funding(tmp_path, _HEADER, "年度资金总额 | 1 | 80 | 70 | 56 | 80.00% | 42 | 60.00%")
    assert total["source"] == "年度资金总额"


def test_the_empty_column_is_the_one_no_formula_needs(tmp_path):
    # six figures for seven columns: 56 ÷ 70 = 80% and 42 ÷ 70 = 60% put 70 under (C), so (B) is the empty one
    total, budget = _funding(tmp_path, _HEADER, "年度资金总额 | 1 | 80 | 70 | 56 | 80.00% | 42 | 60.00%")
    assert total["full_year"] == "80" and total["executed"] == "42" and total["execution_rate"] == "60.00%"
    assert total["details"] == {"扣除统筹整合资金后预算金额": "70", "预算到位": "80.00%"}
    assert budget["appropriated"] == "56"


def test_without_letters_the_figures_are_placed_by_kind_alone(tmp_path):
    header = _HEADER.replace("(A)", "").replace("(B)", "").replace("(C)", "").replace("(D)", "").replace("(E)", "")
    header = header.replace("(D/C×100%)", "").replace("(E/C×100%)", "")
    total, _ = _funding(tmp_path, header, "年度资金总额 | 1 | 80 | 70 | 56 | 80.00% | 42 | 60.00%")
    # with nothing to say which column is empty, 70 stays in the column after 全年预算数
    assert total["details"].get("统筹整合资金数") == "70"
