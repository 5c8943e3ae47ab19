"""Forms name the same column in many words (分值/权重/满分, 年度指标值/目标值/预期值, 实际完成值/
完成值/目标完成情况, 得分/自评得分/考核得分): the columns are read by those words, whatever their
order. Made-up forms."""

from __future__ import annotations

import pytest

from madeup import import_form

from jixiao.importers.tables.vocabulary import indicator_role

WORDS = {
    "weight": ["分值", "权重", "指标分值", "标准分值", "满分", "分值（分）", "权重(%)"],
    "target": ["年度指标值", "目标值", "预期目标值", "预期值", "绩效目标值", "全年目标值", "计划指标值"],
    "actual": ["实际完成值", "完成值", "全年实际值", "实际值", "实际完成情况", "目标完成情况"],
    "score": ["得分", "自评得分", "考核得分", "评价得分", "得分（分）"],
}


@pytest.mark.parametrize("role,word", [(role, word) for role, words in WORDS.items() for word in words])
def test_each_word_names_its_column(role, word):
    assert indicator_role(word) == role


def test_a_form_with_other_words_in_another_order_reads_the_same_rows(tmp_path):
    draft = import_form(tmp_path, "|指标名称|满分|预期值|目标完成情况|考核得分|\n"
                                  "|养护里程|50|100公里|96公里|48|\n|群众满意度|50|≥90%|95%|50|\n")
    rows = {row["name"]: row for row in draft.fields["indicators"]}
    assert (rows["养护里程"]["weight"], rows["养护里程"]["target"], rows["养护里程"]["actual"], rows["养护里程"]["score"]) \
        == ("50", "100公里", "96公里", "48")
    assert rows["群众满意度"]["target"] == "≥90%"
