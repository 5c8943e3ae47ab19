"""Search in a real browser: the header's box and the 检索 page query the Pagefind index in the
site's own pagefind/ folder — Chinese words, filters, sorting — with no request leaving 127.0.0.1
and no error in the console."""

from __future__ import annotations

import gzip
import json
import re

import hostile
from browserkit import DESKTOP, SCREENSHOTS, SUZHOU, screenshot, settle

MINHANG = "minhang-2020-zutuanshi"


def header_search(page, query: str):
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15000)
    return results


def result_links(page, selector: str) -> list[str]:
    return [a.get_attribute("href") or "" for a in page.locator(selector).all()]


def page_results_shown(page):
    """Wait until the 检索 page's search has put its first results (or its no-result message) up."""
    page.wait_for_function("document.querySelector('#jx-search-results').getAttribute('aria-busy') === 'false'",
                           timeout=15000)


def page_search(page, query: str = "", **filters):
    """Fill the 检索 page's form and wait for the result count it announces."""
    for name, value in filters.items():
        page.locator(f"select[name='{name}']").select_option(value)
    page.locator("#jx-q").fill(query)
    page.locator("#jx-search-page button[type=submit]").click()  # sets aria-busy at once
    page_results_shown(page)
    return page.locator("#jx-search-status").inner_text()


def test_header_search_finds_the_minhang_report(watched):
    watched.open("")
    page = watched.page
    header_search(page, "组团式")
    links = result_links(page, ".md-search-result__link")
    assert any(MINHANG in href for href in links), links
    assert MINHANG in links[0], f"the report holding 组团式 as written comes first: {links}"
    first = page.locator(".md-search-result__item").first
    assert "组团式服务联系群众专项" in first.locator(".jx-search-result__title").inner_text()
    assert "2020 年度" in first.locator(".jx-search-result__meta").inner_text()
    assert first.locator(".jx-search-result__excerpt mark").count() >= 1, "matched words are marked"
    screenshot(page, "search-header-zutuanshi")
    # The result leads to the report.
    first.locator("a").click()
    page.wait_for_url(lambda url: url.endswith(f"{MINHANG}/"))
    settle(page)
    watched.assert_clean()


def parts_read(watched) -> list[str]:
    """The parts of the index (pagefind/parts/<name>/) the page has read from."""
    return sorted({re.search(r"/pagefind/parts/([^/]+)/", url).group(1) for url in watched.requests if "/pagefind/parts/" in url})


def test_header_search_reads_the_newest_parts_first(page_pool, corpus_site, corpus_url):
    """The first query of a word every report holds reads part of the newest year's index alone
    (each part merged costs its metadata and a chunk of its index, and a year of a large
    collection is many parts), and says what it searched; a title of an older year is searched
    back to its year; 全部结果 searches every year."""
    parts = sorted(p.name for p in (corpus_site / "pagefind" / "parts").iterdir())
    newest, oldest = parts[-1].split("-")[0], parts[0].split("-")[0]
    newest_parts = [name for name in parts if name.split("-")[0] == newest]
    assert len(newest_parts) >= 2, f"the newest year is cut into parts: {parts}"
    watched = page_pool.borrow(corpus_url, **DESKTOP)
    page = watched.page
    try:
        watched.open("")
        header_search(page, "预算执行率")
        status = page.locator(".md-search-result__meta").inner_text()
        loaded = parts_read(watched)
        assert loaded and set(loaded) < set(newest_parts), (loaded, newest_parts, status)
        assert status.startswith(f"{newest} 年度部分报告中共 ") and status.endswith("其余见全部结果"), status
        reports = [meta for meta in page.locator(".jx-search-result__meta").all_inner_texts() if meta]  # not the site's pages
        assert len(reports) >= 5 and all(meta.startswith(f"{newest} 年度") for meta in reports), reports

        # 全部结果: the 检索 page searches every year, and counts them all.
        header_count = int(re.search(r"共 (\d+) 条", status).group(1))
        page.locator(".jx-search-all a").click()
        page.wait_for_url(re.compile(r"/jiansuo/\?q="))
        page_results_shown(page)
        every = int(re.search(r"共 (\d+) 条", page.locator("#jx-search-status").inner_text()).group(1))
        assert every > header_count, (every, header_count)

        # On a new page, the oldest year's report by its title: no newer year holds it, so the
        # header's search reads back to its year.
        watched.open("")
        report = next((corpus_site / "reports" / oldest).glob("*/index.html")).parent.name
        title = page.evaluate("async (url) => (await (await fetch(url)).text()).match(/<h1[^>]*>([^<]+)</)[1].trim()",
                              f"{corpus_url}reports/{oldest}/{report}/")
        header_search(page, title)
        page.wait_for_function(f"[...document.querySelectorAll('.md-search-result__link')].some(a => a.href.includes('{report}'))",
                               timeout=15000)
        assert result_links(page, ".md-search-result__link")[0].endswith(f"/{report}/")
        status = page.locator(".md-search-result__meta").inner_text()
        assert "更早年度" not in status and "部分" not in status, status
        watched.assert_clean()
    finally:
        page_pool.give_back(watched)


def parts_of_pages(site) -> dict[str, str]:
    """Each page's address (from the site root) and the part of the index that holds it."""
    found = {}
    for fragment in (site / "pagefind" / "parts").rglob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        url = json.loads(data[data.index(b"{"):])["url"]
        found[url.lstrip("/")] = fragment.relative_to(site / "pagefind" / "parts").parts[0]
    return found


def test_header_search_reads_only_the_parts_of_a_department_it_names(page_pool, corpus_site, corpus_url):
    """A department with reports in older years only: its name is looked up (data/names/, one
    small file), and only the parts of the index that hold its reports are read, not part after
    part back, nor every part of its years."""
    index = json.loads((corpus_site / "data" / "reports-index.json").read_text(encoding="utf-8"))
    column = {name: at for at, name in enumerate(index["columns"])}
    years_of: dict[str, set[int]] = {}
    urls_of: dict[str, set[str]] = {}
    for row in index["rows"]:
        years_of.setdefault(row[column["department"]], set()).add(row[column["year"]])
        urls_of.setdefault(row[column["department"]], set()).add(row[column["url"]])
    part_of = parts_of_pages(corpus_site)
    every_part = [p.name for p in (corpus_site / "pagefind" / "parts").iterdir()]
    newest = max(year for years in years_of.values() for year in years)
    department, years = next((name, found) for name, found in sorted(years_of.items())
                             if newest not in found and newest - 1 not in found and name != "未载明"
                             and {part_of[url] for url in urls_of[name]} < {p for p in every_part if int(p[:4]) in found})
    its_parts = {part_of[url] for url in urls_of[department]}
    watched = page_pool.borrow(corpus_url, **DESKTOP)
    page = watched.page
    try:
        watched.open("")
        header_search(page, department)
        status = page.locator(".md-search-result__meta").inner_text()
        assert set(parts_read(watched)) == its_parts, (department, parts_read(watched), its_parts, status)
        assert status.endswith("其他年度见全部结果"), status
        runs: list[list[int]] = []
        for year in sorted(years):  # years that follow one another as a range, as the script writes them
            if runs and year == runs[-1][-1] + 1:
                runs[-1].append(year)
            else:
                runs.append([year])
        named = "、".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
        assert status.startswith(f"{named} 年度共 "), (named, status)
        names = [url for url in watched.requests if "/data/names/" in url]
        assert len(names) == 1, names
        first = page.locator(".md-search-result__item").first
        assert department in first.locator(".jx-search-result__meta").inner_text()
        watched.assert_clean()
    finally:
        page_pool.give_back(watched)


def test_header_enter_opens_the_search_page(watched):
    watched.open("")
    page = watched.page
    header_search(page, "党建")
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url(re.compile(r"/jiansuo/\?q="))
    page.wait_for_function("document.querySelectorAll('#jx-search-results li').length > 0", timeout=15000)
    assert page.locator("#jx-q").input_value() == "党建"
    watched.assert_clean()


def test_dangjian_in_2024_finds_only_the_suzhou_report(watched):
    watched.open("jiansuo/")
    page = watched.page
    everywhere = page_search(page, "党建")
    all_years = result_links(page, ".jx-search-result a")
    assert len(all_years) > 1, (everywhere, all_years)
    status = page_search(page, "党建", year="2024")
    links = result_links(page, ".jx-search-result a")
    assert [link.rstrip("/").rsplit("/", 1)[-1] for link in links] == ["suzhou-2024-dangjian"], links
    assert "共 1 条结果" in status
    assert "year=2024" in page.url and "q=" in page.url  # the search can be linked to
    item = page.locator(".jx-search-result").first
    meta = item.locator(".jx-search-result__meta").inner_text()
    for part in ("2024 年度", "中国共产党苏州市委员会市级机关工作委员会", "等级 未评级"):
        assert part in meta, meta
    assert item.locator(".jx-search-result__excerpt mark", has_text="党建").count() >= 1
    screenshot(page, "search-page-dangjian-2024")
    watched.assert_clean()


def test_a_linked_search_runs_on_opening(watched):
    watched.open("jiansuo/?q=%E5%85%9A%E5%BB%BA&year=2024")
    page = watched.page
    page.wait_for_function("document.querySelectorAll('#jx-search-results li').length > 0", timeout=15000)
    assert result_links(page, ".jx-search-result a") == [f"/{SUZHOU}"]
    assert page.locator("select[name=year]").input_value() == "2024"
    watched.assert_clean()


def test_filters_alone_and_by_city(watched):
    watched.open("jiansuo/")
    page = watched.page
    page_search(page, "", province="上海市")
    assert [MINHANG in link for link in result_links(page, ".jx-search-result a")] == [True]
    # Choosing a province narrows the cities offered to its own.
    page.locator("select[name=province]").select_option("江苏省")
    offered = page.evaluate("[...document.querySelectorAll('#jx-city option')].filter(o => !o.hidden && o.value).map(o => o.value)")
    assert offered and all(value.startswith("江苏省 · ") for value in offered), offered
    page_search(page, "", province="江苏省", city="江苏省 · 苏州市", kind="单位自评")
    links = result_links(page, ".jx-search-result a")
    assert links and all("suzhou" in link or hostile.REPORT_ID in link for link in links), links
    watched.assert_clean()


def test_sorting_by_year_and_by_score(watched):
    watched.open("jiansuo/")
    page = watched.page

    def years():
        metas = [m.inner_text() for m in page.locator(".jx-search-result__meta").all()]
        return [int(re.match(r"(\d{4}) 年度", m).group(1)) for m in metas]

    page_search(page, "", sort="year:desc")
    newest_first = years()
    assert len(newest_first) >= 5 and newest_first == sorted(newest_first, reverse=True), newest_first
    page_search(page, "", sort="year:asc")
    assert years() == sorted(years())
    page_search(page, "", sort="score:desc")
    scores = [float(m.group(1)) for m in (re.search(r"申报总分 ([\d.]+)", t.inner_text())
                                          for t in page.locator(".jx-search-result__meta").all()) if m]
    assert len(scores) >= 4 and scores == sorted(scores, reverse=True), scores
    watched.assert_clean()


def test_departments_load_from_the_index(watched):
    watched.open("jiansuo/")
    page = watched.page
    department = page.locator("select[name=department]")
    department.focus()
    page.wait_for_function("document.querySelectorAll('#jx-department option').length > 3", timeout=15000)
    options = page.evaluate("[...document.querySelectorAll('#jx-department option')].map(o => o.value)")
    assert "中共苏州市委组织部" in options
    page_search(page, "", department="中共苏州市委组织部")
    links = result_links(page, ".jx-search-result a")
    assert [link.rstrip("/").rsplit("/", 1)[-1] for link in links] == ["suzhou-2018-shequ-weimin"], links
    watched.assert_clean()


def test_names_are_found_as_words(watched):
    """The user dictionary: names of records that the browser cuts differently from the index."""
    watched.open("jiansuo/")
    page = watched.page
    for query, report in (("苏州市级机关工委", "suzhou-2024-dangjian"), ("预算执行率", "suzhou-2024-dangjian"),
                          ("古美路街道办事处", MINHANG), ("闵行区", MINHANG), ("姑苏区社区党组织", "suzhou-2018")):
        page_search(page, query)
        links = result_links(page, ".jx-search-result a")
        assert any(report in link for link in links), (query, links)
    watched.assert_clean()


def test_hostile_strings_in_results_stay_text(watched):
    watched.open("jiansuo/")
    page = watched.page
    page_search(page, "宣传资料印制")
    result = page.locator(".jx-search-result", has=page.locator(f"a[href*='{hostile.REPORT_ID}']"))
    assert result.count() == 1
    assert result.locator(".jx-search-result__title").inner_text() == hostile.TITLE
    assert result.locator("img, svg, script, iframe").count() == 0
    watched.assert_clean()


def test_header_search_on_a_phone(watched_phone):
    watched_phone.open(SUZHOU)
    page = watched_phone.page
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.fill("丽人健康行")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15000)
    assert any("suzhou-2024-dangjian" in h for h in result_links(page, ".md-search-result__link"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search-header-phone.png"))  # the screen, not the page below
    watched_phone.assert_clean()


def test_search_page_and_open_header_results_are_accessible(watched):
    from test_accessibility import blocking, run_axe

    watched.open("jiansuo/?q=%E5%85%9A%E5%BB%BA")
    page = watched.page
    page_results_shown(page)
    assert blocking(run_axe(page)) == []
    header_search(page, "组团式")
    page.locator(".md-search-result__item").first.hover()  # a hovered result is tinted
    page.wait_for_timeout(400)  # Material's transition
    assert blocking(run_axe(page)) == []
    watched.assert_clean()
