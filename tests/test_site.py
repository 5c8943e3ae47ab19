"""The portal built from content/ end to end: a page per report, exact figures, no other host."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from sitebuild import ROOT, Captured, build_site, fixture_site

REPORTS = {
    "suzhou-2024-dangjian": "reports/2024/suzhou-2024-dangjian/index.html",
    "suzhou-2018-shequ-weimin": "reports/2018/suzhou-2018-shequ-weimin/index.html",
    "minhang-2020-zutuanshi": "reports/2020/minhang-2020-zutuanshi/index.html",
    "hohhot-2023-shequ-dangzuzhi": "reports/2023/hohhot-2023-shequ-dangzuzhi/index.html",
    "dongchuan-2020-tongyuan-shequ": "reports/2020/dongchuan-2020-tongyuan-shequ/index.html",
}


@pytest.fixture
def site(seed_site) -> Path:
    return seed_site


def page(site: Path, report_id: str) -> str:
    return (site / REPORTS[report_id]).read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def indicator_rows(markup: str) -> list[str]:
    table = markup.split('class="jx-table jx-indicator-table jx-stack"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr data-row=\"\d+\">(.*?)</tr>", body, re.S)


def cells(row: str) -> list[str]:
    return [" ".join(text_of(c).split()) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]


def test_home_page_shows_what_the_portal_holds(site):
    home = text_of((site / "index.html").read_text(encoding="utf-8"))
    for words in ("5 份报告", "4 个年度（2018–2024）", "个主管部门", "最新公开", "核验发现问题较多的报告", "检索报告"):
        assert " ".join(words.split()) in " ".join(home.split()), words
    latest = home.split("最新公开", 1)[1].split("核验发现问题较多的报告", 1)[0]
    assert latest.index("党建系列活动") < latest.index("姑苏区社区党组织为民服务项目")  # newest first
    serious = home.split("核验发现问题较多的报告", 1)[1]
    assert serious.index("组团式服务联系群众专项") < serious.index("党建系列活动")  # errors before warnings
    assert "总分与各项得分之和不符" in serious and "score-total-mismatch" not in serious
    markup = (site / "index.html").read_text(encoding="utf-8")
    for link in ('href="dashboard/"', 'href="data/reports.csv"', 'action="jiansuo/"'):
        assert link in markup


def test_every_report_has_a_page(site):
    for report_id, path in REPORTS.items():
        assert (site / path).is_file(), report_id
        assert f'data-report-id="{report_id}"' in page(site, report_id)


def test_suzhou_2024_figures(site):
    markup = page(site, "suzhou-2024-dangjian")
    rows = indicator_rows(markup)
    assert len(rows) == 17
    execution = next(cells(r) for r in rows if "预算执行率" in r)
    assert execution[:5] == ["预算执行率", "=100%", "8", "99.86%", "7.94"]
    text = " ".join(text_of(markup).split())
    for spent in ("19.42", "0.21", "5.24", "1.34", "2.95"):
        assert spent in text
    assert "81.94" in text
    assert "党建系列活动" in text and "中国共产党苏州市委员会市级机关工作委员会" in text
    # the category is a merged cell spanning its rows, as on the form
    assert 'rowspan="6"' in markup and 'rowspan="5"' in markup and 'rowspan="4"' in markup


def test_minhang_blank_score(site):
    markup = page(site, "minhang-2020-zutuanshi")
    rows = indicator_rows(markup)
    assert len(rows) == 13
    known = next(r for r in rows if "政策知晓率" in r)
    assert "（空白）" in text_of(known)
    assert "96.00" in text_of(markup)


def test_suzhou_2018_amounts_as_printed(site):
    text = text_of(page(site, "suzhou-2018-shequ-weimin"))
    assert "16500000.00" in text and "16400000.00" in text and "1640" in text
    assert len(indicator_rows(page(site, "suzhou-2018-shequ-weimin"))) == 18


def test_reports_without_indicator_table(site):
    hohhot = text_of(page(site, "hohhot-2023-shequ-dangzuzhi"))
    for figure in ("3510", "6240", "6030", "15780", "81.18"):
        assert figure in hohhot
    assert "内蒙古腾冠管理咨询有限公司" in hohhot
    dongchuan = text_of(page(site, "dongchuan-2020-tongyuan-shequ"))
    assert "铜源社区治理创新试点项目" in dongchuan and "100" in dongchuan


def test_reports_are_not_in_the_nav(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    chrome = home.split('<div class="md-content"', 1)[0]  # the tabs and the navigation drawer
    assert "md-nav--primary" in chrome and "党建系列活动" not in chrome
    index = (site / "reports" / "index.html").read_text(encoding="utf-8")
    for report_id in REPORTS:
        assert f"{report_id}/" in index


FETCHING = [
    re.compile(r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I),
    re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I),
    re.compile(r"""url\(\s*["']?((?:https?:)?//[^"')\s]+)""", re.I),
    re.compile(r"""@import\s+["']((?:https?:)?//[^"']+)""", re.I),
]


def external_requests(site: Path) -> dict[str, list[str]]:
    """Everything a browser would fetch from another host while showing the built pages."""
    offenders: dict[str, list[str]] = {}
    for file in site.rglob("*"):
        if file.suffix not in (".html", ".css"):
            continue
        content = file.read_text(encoding="utf-8", errors="replace")
        for pattern in FETCHING:
            for match in pattern.finditer(content):
                offenders.setdefault(str(file.relative_to(site)), []).append(match.group(1))
    return offenders


def test_no_page_requests_another_host(site):
    assert external_requests(site) == {}


def test_external_request_detector_is_not_blind(tmp_path):
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css">'
                                     '<script src="//cdn.example/x.js"></script>', encoding="utf-8")
    (tmp_path / "b.css").write_text("@font-face{src:url(https://fonts.gstatic.com/x.woff2)}", encoding="utf-8")
    assert len(external_requests(tmp_path)["a.html"]) == 2 and "b.css" in external_requests(tmp_path)


def test_rules_page_documents_every_code(site):
    from jixiao.core.rules import RULES

    rules = (site / "rules" / "index.html").read_text(encoding="utf-8")
    for code in RULES:
        assert f'id="{code}"' in rules


def test_format_page_defines_the_embargo_and_what_a_narrative_is(site):
    page = text_of((site / "format" / "index.html").read_text(encoding="utf-8"))
    assert "在此日期（含）之前不公开" in page and "北京时间（Asia/Shanghai）" in page
    assert "7 月 1 日零时（北京时间）以后生成的公开版才有" in page
    assert "{: id=… }" in page and "not-a-record" in page and "duplicate-id" in page


def test_format_page_documents_every_key(site):
    from jixiao.core.record.model import Report

    fmt = (site / "format" / "index.html").read_text(encoding="utf-8")
    for key in Report.model_fields:
        assert f">{key}<" in fmt


def test_broken_record_is_left_out_with_a_warning(tmp_path):
    config = fixture_site(tmp_path, {
        "2024/broken.md": "---\nid: broken\ntitle: 坏记录\nyear: 2024\nkind: self\nregion: [江苏省]\nscheme: suzhou-2024\nunit: 万元\nindicatros: []\n---\n正文\n",
    }, copy_seeds=True)
    capture = Captured()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        site = build_site(config, tmp_path / "site")
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    warnings = "\n".join(capture.messages())
    assert "reports/2024/broken.md:9" in warnings
    assert "未知字段“indicatros”" in warnings
    assert not (site / "reports/2024/broken/index.html").exists()
    assert (site / REPORTS["suzhou-2024-dangjian"]).exists()


def test_build_warns_of_exactly_the_errors_check_reports(seed_build):
    """`--strict` fails on any error `jixiao check` reports, and on nothing else in the seeds: the
    build's warnings are check's errors, one for one (the three real errors of the seeds)."""
    from jixiao.core.collection import load_collection
    from jixiao.core.findings import Severity

    _, warnings = seed_build
    collection = load_collection(ROOT / "content", base=ROOT / "content")
    errors = [f.text() for a in collection.analyses for f in a.active(Severity.ERROR)]
    assert errors  # the seeds carry real errors (three when this was written)
    assert sorted(w.removeprefix("jixiao: ") for w in warnings) == sorted(errors)


def test_strict_build_fails_after_reporting_every_bad_record(tmp_path):
    config = fixture_site(tmp_path, {
        "2024/one.md": "---\nid: one\n: : :\n---\n",
        "2024/two.md": "no front matter\n",
    }, copy_seeds=True)
    capture = Captured()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        with pytest.raises(Abort):
            build_site(config, tmp_path / "site", strict=True)
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    warnings = "\n".join(capture.messages())
    assert "reports/2024/one.md" in warnings and "reports/2024/two.md" in warnings


CHONGQING = """---
id: chongqing-2021-rongmeiti
title: 融媒体中心部门整体支出
year: 2021
kind: self
region: [重庆市, 两江新区]
scheme: national-2020
unit: 万元
project_code: "51092322T000000436802"
commissioned_by: 测试区财政局
grade_bands: {优良: 80分以上, 中: 70-80分}
funding:
  - {source: 年度资金总额, total: true, full_year: 100, executed: 76, execution_rate: "76%", weight: 10, score: 7.6}
indicators:
  - {name: 政府采购执行率, mark: ★, core: true, target: "100%", measure_unit: "%", weight: 2, actual: "72.74%", score: 2, coefficient: 100%}
  - {name: 其中：集中采购执行率, target: "100%", actual: "80%"}
  - {name: 播发稿件数量, core: false, target: 2200篇, weight: 10, actual: 2859篇, score: 10, coefficient: 100%, review_score: 10}
declared: {total: 19.6}
---
正文
"""


def test_forms_without_categories_or_weights_render_as_printed(tmp_path):
    config = fixture_site(tmp_path, {"2021/chongqing-2021-rongmeiti.md": CHONGQING})
    markup = (build_site(config, tmp_path / "site") / "reports/2021/chongqing-2021-rongmeiti/index.html").read_text(encoding="utf-8")
    table = markup.split('class="jx-table jx-indicator-table jx-stack"', 1)[1].split("</table>", 1)[0]
    headers = [" ".join(text_of(h).split()) for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", table, re.S)]
    assert headers[:3] == ["指标名称", "标记", "核心指标"] and "一级指标" not in headers
    for label in ("度量单位", "得分系数", "复核分", "自评分"):
        assert label in headers
    rows = [cells(row) for row in indicator_rows(markup)]
    assert rows[0][:3] == ["政府采购执行率", "★", "是"] and rows[2][2] == "否"
    assert "None" not in text_of(table)
    total = re.search(r'<tr class="jx-total">(.*?)</tr>', table, re.S).group(1)
    assert 'colspan="{}"'.format(headers.index("自评分")) in total  # 合计 sits under the 自评分 column
    text = " ".join(text_of(markup).split())
    assert "未达目标，却得满分 2" in text and "72.74%" in text
    assert "项目编码 51092322T000000436802" in text and "委托方 测试区财政局" in text
    assert "优良：80分以上；中：70-80分" in text and "都包含 80 分" in text


HUNAN = """---
id: hunan-2023-guantang
title: 测试乡人民政府
year: 2023
kind: self
region: [湖南省, 衡阳市, 衡山县]
scheme: national-2020
unit: 万元
funding:
  - {source: 年度资金总额, total: true, initial: 861.10, full_year: 2030.12, executed: 2030.12, execution_rate: "100%", weight: 10, score: 10}
base_data:
  staff: {authorized: 46, actual: 50, year: 2023, control_rate: "108.70%"}
  columns: [2022年决算数, 2023年预算数, 2023年决算数]
  costs:
    - label: 三公经费
      values: [6.50, 6.00, 5.40]
      parts:
        - {label: 1、公务用车购置和维护经费, values: [4.00, 4.00, 3.20]}
        - {label: 2、出国经费, values: [0, 0, 0]}
        - {label: 3、公务接待, values: [2.50, 2.00, 2.00]}
    - label: 公用经费
      values: [118.31, 85.76, 193.42]
      of_which:
        - {label: 其中：办公经费, values: [29.35, 27.00, 49.09]}
    - {label: 部门基本支出预算调整, printed: "—178.27"}
  thrift: 严控“三公”经费支出
---
正文
"""


def test_a_department_report_shows_its_base_data_with_findings_marked(tmp_path):
    config = fixture_site(tmp_path, {"2023/hunan-2023-guantang.md": HUNAN})
    markup = (build_site(config, tmp_path / "site") / "reports/2023/hunan-2023-guantang/index.html").read_text(encoding="utf-8")
    section = markup.split('class="jx-base-data"', 1)[1].split("</section>", 1)[0]
    staff = section.split("财政供养人员情况（人）", 1)[1].split("</table>", 1)[0]
    # 50 > 46: each figure of the staff line carries the mark, linking to the finding in 数据核验
    figures = cells(re.findall(r"<tr>(.*?)</tr>", staff, re.S)[-1])
    assert [figure.split(" ⚠ ")[0] for figure in figures] == ["46", "50", "108.70%"]
    assert all("核验提示：2023 年实际在职人数 50 超过编制数 46（超编 4 人）" in figure for figure in figures)
    assert staff.count('class="jx-num jx-flagged"') == 3 and 'data-label="2023年实际在职人数"' in staff
    costs = section.split('class="jx-table jx-base-costs jx-stack"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr class="jx-depth-(\d)">(.*?)</tr>', costs, re.S)
    assert [(depth, cells(row)[0]) for depth, row in rows] == [
        ("0", "三公经费"), ("1", "1、公务用车购置和维护经费"), ("1", "2、出国经费"), ("1", "3、公务接待"),
        ("0", "公用经费"), ("1", "其中：办公经费"), ("0", "部门基本支出预算调整")]
    first = rows[0][1]
    # only the cell the parts do not add up to is marked: 3.20 + 0 + 2.00 = 5.20, not 5.40
    assert first.count("jx-flagged") == 1 and 'data-label="2023年决算数">5.40<a class="jx-flag" href="#jx-finding-' in first
    assert 'colspan="3" data-label="表上原文"><span class="jx-printed-value">—178.27' in rows[-1][1]
    assert "厉行节约保障措施：</strong>严控“三公”经费支出" in html.unescape(section)
    text = " ".join(text_of(markup).split())
    assert "实际在职人数超过编制数" in text and "经费分项之和不符" in text
