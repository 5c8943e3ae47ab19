"""The funds block's 分值 and 得分 score the execution of the whole budget: they are the total
row's, wherever a flattened text set them. Made-up forms."""

from __future__ import annotations

from madeup import import_form

_ROWS = """|项目资金（万元）|年初预算数|全年预算数|全年执行数|分值|执行率|得分|
|年度资金总额|100|100|90|{total}|
|其中：当年财政拨款|100|100|90|{part}|
|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|
|产出指标|数量指标|养护里程|100公里|100公里|90|90|
"""


def _funding(tmp_path, total: str, part: str):
    draft = import_form(tmp_path, _ROWS.format(total=total, part=part))
    return draft.fields["funding"], draft.notes


def test_a_weight_and_score_on_the_part_row_alone_are_the_totals(tmp_path):
    (total, part), notes = _funding(tmp_path, " | | ", "10|90%|9")
    assert (total["weight"], total["score"]) == ("10", "9")
    assert "weight" not in part and "score" not in part and part["execution_rate"] == "90%"  # the rate stays the row's
    assert any("记入总额" in note for note in notes)


def test_a_total_row_with_its_own_score_keeps_it(tmp_path):
    (total, part), notes = _funding(tmp_path, "10|90%|9", "10|90%|9")
    assert (total["weight"], total["score"]) == ("10", "9")
    assert not any("记入总额" in note for note in notes)
