"""Indexes, the indicator catalogue, the data-quality index, the dashboard and open data,
built from the five seed records."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from jixiao.site.catalog import slug
from test_site import external_requests, text_of


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_year_pages(seed_site):
    index = read(seed_site, "browse/year/index.html")
    for year in ("2018", "2020", "2023", "2024"):
        assert (seed_site / f"browse/year/{year}/index.html").is_file()
        assert f'href="{year}/"' in index
    page_2020 = text_of(read(seed_site, "browse/year/2020/index.html"))
    assert "组团式服务联系群众专项" in page_2020 and "铜源社区治理创新试点项目" in page_2020
    assert "党建系列活动" not in page_2020


# Browse pages are cited by readable addresses made from the name alone (jixiao/site/addresses.py):
# written out here, so that a change of reading (a pypinyin release) fails instead of moving pages.
PLACES = {
    ("江苏省",): "jiangsusheng", ("上海市",): "shanghaishi", ("云南省",): "yunnansheng", ("内蒙古自治区",): "neimengguzizhiqu",
    ("江苏省", "苏州市"): "jiangsusheng/suzhoushi", ("内蒙古自治区", "呼和浩特市"): "neimengguzizhiqu/huhehaoteshi",
    ("云南省", "昆明市"): "yunnansheng/kunmingshi", ("上海市", "闵行区"): "shanghaishi/minhangqu",
    ("江苏省", "苏州市", "姑苏区"): "jiangsusheng/suzhoushi/gusuqu",
    ("上海市", "闵行区", "古美路街道"): "shanghaishi/minhangqu/gumeilujiedao",
    ("云南省", "昆明市", "东川区"): "yunnansheng/kunmingshi/dongchuanqu",
}
DEPARTMENTS = {
    ("江苏省", "中共苏州市委组织部"): "jiangsusheng/zhonggongsuzhoushiweizuzhibu",
    ("云南省", "昆明市东川区民政局"): "yunnansheng/kunmingshidongchuanquminzhengju",
    ("内蒙古自治区", "未载明"): "neimengguzizhiqu/weizaiming",
}


def test_region_hierarchy(seed_site):
    index = text_of(read(seed_site, "browse/region/index.html"))
    for names, address in PLACES.items():
        page = seed_site / "browse/region" / address / "index.html"
        assert page.is_file(), names
        text = text_of(page.read_text(encoding="utf-8"))
        assert f"地区：{' · '.join(names)}" in text
        if len(names) == 1:
            assert names[0] in index and f'href="{address}/"' in read(seed_site, "browse/region/index.html")
        else:  # linked from the place above it
            parent = address.rsplit("/", 1)
            assert f'href="../{parent[1]}/"' in read(seed_site, f"browse/region/{parent[0]}/index.html") or \
                f'href="{parent[1]}/"' in read(seed_site, f"browse/region/{parent[0]}/index.html")
    jiangsu = text_of(read(seed_site, "browse/region/jiangsusheng/index.html"))
    assert "党建系列活动" in jiangsu and "姑苏区社区党组织为民服务项目" in jiangsu


def test_department_and_region_profiles(seed_site):
    for (province, department), address in DEPARTMENTS.items():
        page = text_of(read(seed_site, f"browse/department/{address}/index.html"))
        assert f"主管部门：{department}" in page and "份报告" in page and "各年度" in page
        assert department in text_of(read(seed_site, f"browse/department/{address.split('/')[0]}/index.html"))
    # The figures come first: reports by year, money, grades, targets met, findings, indicators.
    suzhou = read(seed_site, "browse/region/jiangsusheng/index.html")
    figures, listing = suzhou.split('id="reports"', 1)
    for heading in ("各年度", "申报等级与总分", "核验结论", "常用指标", "主管部门", "指标达到目标"):
        assert heading in figures
    assert "金额单位可疑" in text_of(figures)  # a finding's title, not its code
    assert "unit-magnitude" not in text_of(figures)
    assert "党建系列活动" in listing
    # A region's profile links its departments' profiles.
    assert "zhonggongsuzhoushiweizuzhibu/" in figures


def test_addresses_do_not_move_when_reports_are_added():
    """A name's address depends on the name alone: other names, before or after, change nothing;
    two names that read alike are told apart by a mark of each name."""
    from jixiao.site.addresses import segment, unique_segments

    alone, _ = unique_segments(["苏州市"])
    among, _ = unique_segments(["无锡市", "苏州市", "常州市", "南京市"])
    assert alone["苏州市"] == among["苏州市"] == segment("苏州市") == "suzhoushi"
    apart, clashes = unique_segments(["ABC公司", "abc公司"])
    assert apart["ABC公司"] != apart["abc公司"] and clashes == [["ABC公司", "abc公司"]]
    assert segment("2024") == "2024" and segment("爬格") != "page"  # a list's page N keeps its name
    assert (segment("山西省"), segment("陕西省"), segment("闵行区")) == ("shanxisheng", "shaanxisheng", "minhangqu")
    assert len(segment("很" * 200)) <= 72 and segment("很" * 200) != segment("很" * 199)


def test_a_group_s_figures_are_made_when_its_page_is_rendered():
    """Listing the pages makes no profile (a build makes the pages' list in one process, while
    the others wait); each is made for its page's context, the same as made at once."""
    from datetime import date

    from jixiao.core.collection import load_collection
    from jixiao.site.catalog import Catalog
    from jixiao.site.pages import portal_pages
    from jixiao.site.profiles import _profile

    content = Path(__file__).resolve().parent.parent / "content"
    analyses = [a for a in load_collection(content / "reports", base=content).analyses if a.ok]
    catalog = Catalog(analyses, {a.path: a.path.removesuffix(".md") + "/" for a in analyses}, today=date(2026, 11, 21))
    pages = portal_pages(catalog, "reports")
    assert not catalog.profiles
    profiled = {src: page for src, page in pages.items() if "profile" in page.deferred}
    assert len(profiled) >= 5 and not any("profile" in page.context for page in pages.values())
    for page in profiled.values():
        group = page.context["group"]
        assert page.full_context()["profile"] == _profile(group.entries, catalog)
    assert catalog.profiles  # made now, and kept (groups of the very same reports share one)


def test_remembered_readings_are_pypinyin_s_own():
    """addresses.py remembers each phrase's reading: a phrase read in one name, then in another,
    before or after, reads as pypinyin reads the name alone (readings that depend on the phrase)."""
    from pypinyin import Style, lazy_pinyin

    from jixiao.site import addresses

    names = ["重庆市长寿区", "银行行长", "长沙市重点", "单县", "朝阳区", "蚌埠市", "六安市", "乐山音乐厅",
             "都江堰首都", "厦门大学", "Café 与 ABC", "藏族自治州西藏", "曾经的曾家", "重庆", "行长"]
    for order in (names, names[::-1], names + names):
        converter = addresses._RememberingConverter()
        remembering = addresses.Pinyin(converter)
        for name in order:
            read = remembering.lazy_pinyin(name, style=Style.NORMAL, errors=addresses._as_written)
            assert read == lazy_pinyin(name, style=Style.NORMAL, errors=addresses._as_written, v_to_u=False), name
            for handed_out in remembering.pinyin(name, style=Style.NORMAL, errors=addresses._as_written):
                handed_out.append("变")  # what was handed out may be changed: the remembered reading is not
        assert converter._readings


def test_every_grade_and_other_dimensions(seed_site):
    grades = text_of(read(seed_site, "browse/grade/index.html"))
    for grade in ("优", "良", "未评级"):
        assert grade in grades
    for dimension in ("department", "kind", "evaluator", "scheme"):
        assert (seed_site / f"browse/{dimension}/index.html").is_file()
    assert "内蒙古腾冠管理咨询有限公司" in text_of(read(seed_site, "browse/evaluator/index.html"))
    assert "单位自评" in text_of(read(seed_site, "browse/kind/index.html"))


def test_index_rows_show_money_scores_and_findings(seed_site):
    page = text_of(read(seed_site, "browse/year/2020/index.html"))
    assert "242400.00 元" in page and "96.00" in page and "89" in page and "错误 2" in page
    # A total that leaves out a report says so.
    assert "另有 1 份金额单位可疑，未计入" in text_of(read(seed_site, "browse/year/2018/index.html"))
    # A grade the portal could only read off the declared total is labelled as such.
    assert "按申报总分定级：" in text_of(read(seed_site, "browse/year/2023/index.html"))


def test_indicator_catalogue_page_for_execution_rate(seed_site):
    catalogue = read(seed_site, "indicators/index.html")
    assert "预算执行率" in catalogue
    page = text_of(read(seed_site, f"indicators/{slug('预算执行率')}/index.html"))
    for title in ("党建系列活动", "姑苏区社区党组织为民服务项目", "组团式服务联系群众专项"):
        assert title in page
    assert "99.86%" in page and "=100%" in page


def test_data_quality_index(seed_site):
    markup = read(seed_site, "quality/index.html")
    quality = text_of(markup)
    from jixiao.core.rules import RULES

    for code in ("unit-magnitude", "grade-mismatch", "subproject-overspend", "weight-total-mismatch"):
        # the finding in words for the public; its code is the page's address, not its text
        assert RULES[code].title in quality and code not in quality and f'href="{code}/"' in markup
    overspend = text_of(read(seed_site, "quality/subproject-overspend/index.html"))
    assert "党建系列活动" in overspend and "组团式" not in overspend


def test_dashboard_has_charts_tables_and_no_external_request(seed_site):
    dashboard = read(seed_site, "dashboard/index.html")
    assert dashboard.count("<svg class=\"jx-chart\"") >= 5
    assert dashboard.count("<table") >= 4
    assert "未计入金额合计" in text_of(dashboard)  # the 2018 unit problem is kept out of sums
    assert external_requests(seed_site) == {}


def csv_rows(site, name, english=True):
    """A CSV file's rows by column; by the English names programs use (from columns.csv), unless
    ``english`` is False: then by the Chinese headers the file itself has."""
    raw = (site / "data" / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel on Chinese Windows needs the BOM"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    if not english:
        return rows
    columns = list(csv.DictReader(io.StringIO((site / "data/columns.csv").read_text(encoding="utf-8-sig"))))
    key = {c["列名"]: c["英文名（供程序使用）"] for c in columns if c["文件"] == name}
    return [{key[title]: value for title, value in row.items()} for row in rows]


def test_open_data(seed_site):
    indicators = csv_rows(seed_site, "indicators.csv")
    assert len(indicators) == 18 + 17 + 13
    execution = next(r for r in indicators if r["report_id"] == "suzhou-2024-dangjian" and r["name"] == "预算执行率")
    assert (execution["target"], execution["actual"], execution["weight"], execution["declared_score"],
            execution["computed_score"]) == ("=100%", "99.86%", "8", "7.94", "7.94")
    reports = {r["id"]: r for r in csv_rows(seed_site, "reports.csv")}
    assert set(reports) == {"suzhou-2024-dangjian", "suzhou-2018-shequ-weimin", "minhang-2020-zutuanshi",
                            "hohhot-2023-shequ-dangzuzhi", "dongchuan-2020-tongyuan-shequ"}
    assert reports["minhang-2020-zutuanshi"]["declared_total"] == "96.00"
    assert reports["minhang-2020-zutuanshi"]["computed_grade"] == "良好"
    assert reports["minhang-2020-zutuanshi"]["computed_grade_basis"] == "按计算总分"
    assert reports["hohhot-2023-shequ-dangzuzhi"]["computed_grade_basis"] == "按申报总分"
    # The 2018 form's money is in 万元 under a 元 heading: flagged, and left out of every sum.
    assert reports["suzhou-2018-shequ-weimin"]["amount_doubtful"] == "是"
    assert reports["suzhou-2024-dangjian"]["amount_doubtful"] == "否"
    # For people: Chinese headers, codes as words, figures as the record wrote them.
    people = {r["编号"]: r for r in csv_rows(seed_site, "reports.csv", english=False)}
    assert people["minhang-2020-zutuanshi"]["申报总分"] == "96.00"
    assert people["minhang-2020-zutuanshi"]["评价类型"] == "单位自评"
    assert people["minhang-2020-zutuanshi"]["计算等级的依据"] == "按计算总分"
    assert {r["级别"] for r in csv_rows(seed_site, "findings.csv", english=False)} <= {"错误", "警告", "提示"}
    findings = csv_rows(seed_site, "findings.csv")
    assert any(r["code"] == "grade-mismatch" and r["report_id"] == "minhang-2020-zutuanshi" for r in findings)
    data = json.loads(read(seed_site, "data/reports.json"))
    assert len(data["reports"]) == 5
    suzhou = next(r for r in data["reports"] if r["id"] == "suzhou-2024-dangjian")
    assert suzhou["record"]["budget"]["executed"] == 29.16 and suzhou["computed"]["total"] == 81.94
    beside = json.loads(read(seed_site, "reports/2024/suzhou-2024-dangjian/report.json"))
    assert beside["id"] == "suzhou-2024-dangjian" and len(beside["record"]["indicators"]) == 17
    package = json.loads(read(seed_site, "data/datapackage.json"))
    assert {r["path"] for r in package["resources"]} == {"reports.csv", "indicators.csv", "findings.csv"}
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO((seed_site / "data" / resource["path"]).read_text(encoding="utf-8-sig"))))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
    schema = json.loads(read(seed_site, "data/schema.json"))
    assert schema["title"] == "绩效评价报告记录"


def test_feed(seed_site):
    feed = ET.fromstring(read(seed_site, "data/feed.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)]
    assert len(titles) == 5 and titles[0] == "2024 年 党建系列活动"
    # Valid Atom (RFC 4287): an author, and relative links that resolve from the site's root
    # (the feed lies in data/; mkdocs.yml has no site_url).
    assert feed.find("a:author/a:name", ns).text
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == "../"
    first = feed.find("a:entry/a:link", ns).get("href")
    assert first == "reports/2024/suzhou-2024-dangjian/" and (seed_site / first / "index.html").is_file()
    assert feed.find("a:updated", ns).text == feed.find("a:entry/a:updated", ns).text  # not the build's time
    # Dates are the report's own: Minhang's evaluation is dated 2021/7/16.
    minhang = next(e for e in feed.findall("a:entry", ns) if e.find("a:id", ns).text.endswith("minhang-2020-zutuanshi"))
    assert minhang.find("a:updated", ns).text == minhang.find("a:published", ns).text == "2021-07-16T00:00:00Z"
    assert 'href="../data/feed.xml"' in read(seed_site, "browse/index.html")
    assert 'href="../data/feed.xml"' in read(seed_site, "dashboard/index.html")


def test_every_report_page_and_index_links_to_data(seed_site):
    report = read(seed_site, "reports/2024/suzhou-2024-dangjian/index.html")
    assert 'href="report.json"' in report
    for index in ("reports/index.html", "browse/year/2024/index.html", "indicators/index.html"):
        assert re.search(r'href="[./]*data/', read(seed_site, index)), index


def test_all_reports_index_loads_rows_lazily(seed_site):
    page = read(seed_site, "reports/index.html")
    assert 'data-source="../data/reports-index.json"' in page and "reports-table.js" in page
    rows = json.loads(read(seed_site, "data/reports-index.json"))
    assert len(rows["rows"]) == 5 and rows["columns"][0] == "title"


def test_report_page_links_indicator_to_its_catalogue_page(seed_site):
    page = read(seed_site, "reports/2024/suzhou-2024-dangjian/index.html")
    assert f'href="../../../indicators/{slug("预算执行率")}/"' in page


def test_indicator_target_ranges_are_per_unit():
    from decimal import Decimal

    from jixiao.site.catalog import IndicatorName, IndicatorUse

    def use(target):
        return IndicatorUse(None, "产出指标", "覆盖率", target, None, Decimal(5), None, None, None)

    name = IndicatorName("覆盖率", "覆盖率", [use(t) for t in ("≥95%", "=100%", "98%以上", "不少于2次", "≥4次", "达标", None)])
    ranges = [(r.unit, r.count, r.low, r.median, r.high) for r in name.target_ranges]
    # 95% beside 2 次 would be a meaningless range: each unit has its own.
    assert ranges == [("%", 3, Decimal(95), Decimal(98), Decimal(100)), ("次", 2, Decimal(2), Decimal(3), Decimal(4))]
    assert name.targets[0][1] == 1 and ("（未写）", 1) in name.targets


def test_indicator_page_shows_target_range_and_share_met(seed_site):
    page = text_of(read(seed_site, f"indicators/{slug('预算执行率')}/index.html"))
    assert "目标值范围" in page and "100% ～ 100%" in page and "达到目标" in page


def test_indicator_names_cover_every_name_for_the_lookup(seed_site):
    data = json.loads(read(seed_site, "data/indicator-names.json"))
    rows = [dict(zip(data["columns"], row)) for row in data["rows"]]
    indicators = csv_rows(seed_site, "indicators.csv")
    assert sum(r["rows"] for r in rows) == len(indicators) == 48  # every row of every record, once
    by_name = {r["name"]: r for r in rows}
    execution = by_name["预算执行率"]
    assert execution["page"] == f"indicators/{slug('预算执行率')}/" and execution["uses"] is None
    lecture = by_name["“每季一讲”系列教育讲座"]
    assert lecture["page"] is None and lecture["key"] == "每季一讲系列教育讲座"
    assert lecture["uses"] == [["党建系列活动", "reports/2024/suzhou-2024-dangjian/", 2024, ">=2", "2"]]
    page = read(seed_site, "indicators/index.html")
    assert 'data-source="../data/indicator-names.json"' in page and "indicator-lookup.js" in page
