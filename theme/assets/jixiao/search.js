// Search over the Pagefind index in the site's own pagefind/ folder: the header's box on every
// page, and the 检索 page (filters, sorting, more results). Pagefind's script is imported on the
// first use only, so a page that nobody searches from loads nothing of the index. Results are
// filled into the <template>s of partials/search.html and jixiao/search.html with textContent:
// titles and excerpts come from the pages' text, never become markup.
(function () {
  "use strict";
  var box = document.querySelector("[data-jx-search]");
  if (!box || !window.fetch || !window.URL) return;

  var bundle = new URL(box.getAttribute("data-pagefind"), location.href);
  var siteRoot = new URL((box.getAttribute("data-base") || ".").replace(/\/?$/, "/"), location.href);
  var searchPageUrl = new URL(box.getAttribute("data-page"), location.href);
  // A word every report holds (partials/jixiao/report-search.html). Searched for when only
  // filters or a sort are chosen: Pagefind answers a search without words (null) by downloading
  // every chunk of the index, 27 MB at 10,000 reports.
  var allWord = box.getAttribute("data-all-word");
  var HEADER_RESULTS = 8;
  var PAGE_RESULTS = 20;
  var RERANKED = 20;  // how many of Pagefind's first results literalFirst reorders
  var loading = null;

  // The index is in parts (a year of reports each, plugins/jixiao/mkdocs/search_parts.py): the
  // main one at pagefind/ and the parts listed in pagefind/jixiao-parts.json, merged into one
  // search with Pagefind's multisite search as a search needs them. Each merged part costs its
  // metadata and a chunk of its index for every word searched: merging every year for the
  // header's first query made it grow with the collection (2.5 MB at 30,000 reports).
  // years holds the year of every report, for sorting; parts the listed parts, newest year
  // first; merged the merging of each part, by its path.
  var years = [];
  var parts = [];
  var merged = {};
  var mergeOptions = null;

  function pagefind() {
    if (!loading) {
      // baseUrl: result addresses are relative to the site root, which may be a sub-folder.
      // "pieces" (every character and pair of the text, partials/jixiao/report-search.html) is
      // there so that pages are found, not to rank them: almost every page matches it.
      var options = { baseUrl: siteRoot.pathname, ranking: { metaWeights: { pieces: 0.1 } } };
      var listing = fetch(new URL("jixiao-parts.json", bundle)).then(function (response) {
        return response.ok ? response.json() : { parts: [] };
      });
      loading = import(bundle.href).then(function (pf) {
        return pf.options(Object.assign({ basePath: new URL(".", bundle).pathname }, options)).then(function () {
          return listing;
        }).then(function (listed) {
          var seen = {};
          (listed.years || []).concat(listed.parts.map(function (part) { return part.year; })).forEach(function (year) {
            if (year && !seen[year]) { seen[year] = true; years.push(year); }
          });
          mergeOptions = options;
          parts = listed.parts.slice().sort(function (a, b) { return (b.year || "").localeCompare(a.year || ""); });
          return pf;
        });
      });
      loading.catch(function () { loading = null; });  // a later query may try again
    }
    return loading;
  }

  // The parts chosen(part) picks merged (every part without it), each once.
  function merge(pf, chosen) {
    return Promise.all(parts.filter(function (part) { return !chosen || chosen(part); }).map(function (part) {
      if (!merged[part.path]) {
        merged[part.path] = pf.mergeIndex(new URL(part.path, bundle).pathname, mergeOptions);
        merged[part.path].catch(function () { delete merged[part.path]; });  // a later query may try again
      }
      return merged[part.path];
    })).then(function () { return pf; });
  }

  // Every part of one year, or of every year: what a search with a year filter, a sort, or the
  // list of departments needs to be complete.
  function mergeYear(pf, year) {
    return merge(pf, year ? function (part) { return part.year === year; } : null);
  }

  // The years of the parts, newest first.
  function partYears() {
    var list = [];
    parts.forEach(function (part) { if (part.year && list.indexOf(part.year) < 0) list.push(part.year); });
    return list;
  }

  // Sorted results across parts. Pagefind's merged search orders every part's results by score,
  // and a sorted search scores by place within its own part, so parts would interleave. Each
  // year is searched on its own (its parts hold no other year), the years put in order, and for
  // the declared total the years' lists merged by the value each result carries (its metadata,
  // loaded as results are shown). next(n) gives the data of the next n results.
  function sortedSearch(pf, text, filters, order) {
    var key = Object.keys(order)[0];
    var descending = order[key] === "desc";
    var chosen = filters.year ? [filters.year] : years.slice();
    chosen.sort(function (a, b) { return descending ? b.localeCompare(a) : a.localeCompare(b); });
    return Promise.all(chosen.map(function (year) {
      return pf.search(text, { filters: Object.assign({}, filters, { year: year }), sort: order });
    })).then(function (searches) {
      var lists = searches.map(function (search) { return { results: search ? search.results : [], at: 0, head: null }; });
      var total = lists.reduce(function (sum, list) { return sum + list.results.length; }, 0);
      function value(data) {
        var number = parseFloat(((data && data.meta) || {})[key]);
        return isNaN(number) ? -1 : number;  // as the page's sort key: -1 without a declared total
      }
      function head(list) {
        if (list.at >= list.results.length) return Promise.resolve(null);
        if (!list.head) list.head = list.results[list.at].data();
        return list.head;
      }
      function nextOne() {
        if (key === "year") {  // the years are in order already
          var list = lists.find(function (l) { return l.at < l.results.length; });
          if (!list) return Promise.resolve(null);
          return list.results[list.at++].data();
        }
        return Promise.all(lists.map(head)).then(function (heads) {
          var best = -1;
          heads.forEach(function (data, index) {
            if (!data) return;
            if (best < 0 || (descending ? value(data) > value(heads[best]) : value(data) < value(heads[best]))) best = index;
          });
          if (best < 0) return null;
          lists[best].at++;
          lists[best].head = null;
          return heads[best];
        });
      }
      function next(count) {
        var items = [];
        function step() {
          if (items.length >= count) return Promise.resolve(items);
          return nextOne().then(function (data) {
            if (!data) return items;
            items.push(data);
            return step();
          });
        }
        return step();
      }
      return { total: total, next: next };
    });
  }

  // Pagefind's excerpt is text with the matched words wrapped in <mark>. It is parsed in an inert
  // document (nothing loads or runs there) and only its text and <mark>s are copied over.
  function fillExcerpt(node, excerpt) {
    var doc = new DOMParser().parseFromString("<body>" + (excerpt || ""), "text/html");
    node.replaceChildren();
    doc.body.childNodes.forEach(function (child) {
      if (child.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = child.textContent;
        node.appendChild(mark);
      } else {
        node.appendChild(document.createTextNode(child.textContent));
      }
    });
  }

  function metaLine(meta) {
    var parts = [];
    if (meta.year) parts.push(meta.year + " 年度");
    if (meta.department) parts.push(meta.department);
    if (meta.region) parts.push(meta.region);
    if (meta.grade) parts.push("等级 " + meta.grade);
    if (meta.score) parts.push("申报总分 " + meta.score);
    if (meta.status) parts.push(meta.status);
    return parts.join(" · ");
  }

  function fillResult(item, data) {
    var link = item.querySelector("a");
    link.href = data.url;
    item.querySelector("[class$='__title']").textContent = (data.meta && data.meta.title) || data.url;
    item.querySelector("[class$='__meta']").textContent = metaLine(data.meta || {});
    fillExcerpt(item.querySelector("[class$='__excerpt']"), data.excerpt);
    return item;
  }

  // Pagefind matches words: a query the browser cuts into single characters (组团式 into 组/团/式)
  // also matches pages that merely hold those characters in other words. Among the first
  // results, pages holding the query as written come first: in the title, then in the text.
  function literalScore(query, data) {
    var title = (data.meta && data.meta.title) || "";
    var text = data.content || "";
    return query.split(/\s+/).filter(Boolean).reduce(function (sum, word) {
      return sum + (title.indexOf(word) >= 0 ? 2 : text.indexOf(word) >= 0 ? 1 : 0);
    }, 0);
  }

  function literalFirst(query, items) {
    return items
      .map(function (data, index) { return { data: data, index: index, score: literalScore(query, data) }; })
      .sort(function (a, b) { return b.score - a.score || a.index - b.index; })
      .map(function (entry) { return entry.data; });
  }

  function unavailable(node) {
    node.textContent = "检索暂时不可用：检索索引未能加载。可以改用分类浏览。";
  }

  // --- the header's box ------------------------------------------------------------------------

  var toggle = document.getElementById("__search");
  var input = box.querySelector(".md-search__input");
  var form = box.querySelector("form");
  var status = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var all = box.querySelector(".jx-search-all");
  var itemTemplate = box.querySelector("template.jx-search-item");
  var latest = 0;

  function setOpen(open) {
    if (toggle && toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function showEmpty() {
    latest++;
    status.textContent = "输入关键词检索报告";
    list.replaceChildren();
    all.hidden = true;
  }

  // Years that follow one another as a range: "2023–2025", "2018、2020–2021、2023–2025".
  function yearRange(list) {
    var runs = [];
    list.slice().sort().forEach(function (year) {
      var run = runs[runs.length - 1];
      if (run && +year === +run[run.length - 1] + 1) run.push(year);
      else runs.push([year]);
    });
    return runs.map(function (run) { return run.length > 1 ? run[0] + "–" + run[run.length - 1] : run[0]; }).join("、");
  }

  // The years searched so far among the parts ``among``: those whose every part is merged
  // (complete) and those of which some parts are (partial), newest first.
  function searchedYears(among) {
    var complete = [];
    var partial = [];
    partYears().forEach(function (year) {
      var mine = among.filter(function (part) { return part.year === year; });
      var read = mine.filter(function (part) { return merged[part.path]; }).length;
      if (!mine.length) return;
      if (read === mine.length) complete.push(year);
      else if (read) partial.push(year);
    });
    return { complete: complete, partial: partial };
  }

  // The parts of the index holding a department or a report's title named exactly as the query,
  // or null: the name's file of the lookup (plugins/jixiao/site/search_names.py, the same hash
  // of the same text), a few kilobytes, instead of reading part after part until it is found.
  var namesBase = box.getAttribute("data-names") ? new URL(box.getAttribute("data-names"), location.href) : null;
  var NAME_SHARDS = 256;
  function nameParts(query) {
    if (!namesBase) return Promise.resolve(null);
    var name = query.replace(/\s+/g, " ").trim();
    var hash = 0x811c9dc5;
    for (var i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
    var file = ("0" + (hash % NAME_SHARDS).toString(16)).slice(-2) + ".json";
    return fetch(new URL(file, namesBase)).then(function (response) {
      return response.ok ? response.json() : {};
    }).then(function (names) {
      var held = Object.prototype.hasOwnProperty.call(names, name) ? names[name] : [];
      var known = parts.filter(function (part) { return held.indexOf(part.path.replace(/^parts\/|\/$/g, "")) >= 0; });
      return known.length ? known : null;
    }).catch(function () { return null; });
  }

  // Resolves true once the query id has stood for a moment: typing a name asks once, not at
  // every character.
  function stood(id) {
    return new Promise(function (resolve) { setTimeout(function () { resolve(id === latest); }, 200); });
  }

  // The header's search reads the newest parts of the index first: one part, then twice as many
  // each time fewer than HEADER_RESULTS of its first results hold the query as written, up to all
  // of them. A word of every report is found in the first part alone: a part is at most
  // search_part_pages reports, and a year of a large collection is many parts (ten at 100,000
  // reports), each costing its metadata and a chunk for the query. A query that names a
  // department or a title reads the parts that hold its reports, in the same way. The years
  // searched are named when some were not; 全部结果 leads to the 检索 page, which searches them all.
  function recentSearch(pf, query, id) {
    return stood(id).then(function (current) {
      return current ? nameParts(query) : undefined;
    }).then(function (named) {
      if (named === undefined || id !== latest) return null;
      var candidates = (named || parts).filter(function (part) { return part.year; });
      function found(search, items) {
        var whole = parts.every(function (part) { return merged[part.path]; });
        return { search: search, items: items, years: whole ? null : searchedYears(candidates), named: !!named };
      }
      var count = 1;
      function attempt() {
        var chosen = candidates.slice(0, count);
        return merge(pf, function (part) { return !part.year || chosen.indexOf(part) >= 0; }).then(function () {
          return pf.search(query);
        }).then(function (search) {
          if (!search || id !== latest) return null;
          return Promise.all(search.results.slice(0, RERANKED).map(function (r) { return r.data(); })).then(function (items) {
            if (id !== latest) return null;
            var holding = items.filter(function (data) { return literalScore(query, data) > 0; }).length;
            if (holding >= HEADER_RESULTS || count >= candidates.length) return found(search, items);
            // Twice as many, past those an earlier query merged already.
            do { count *= 2; } while (count < candidates.length && candidates.slice(0, count).every(function (part) { return merged[part.path]; }));
            return attempt();
          });
        });
      }
      return attempt();
    });
  }

  // Where the header's count comes from, when not from every year: "2025 年度", "2024–2025 年度及
  // 2023 年度部分报告", and where the rest is.
  function searchedText(searched, named) {
    var complete = searched.complete.length ? yearRange(searched.complete) + " 年度" : "";
    var partial = searched.partial.length ? searched.partial.join("、") + " 年度部分报告" : "";
    var where = complete && partial ? complete + "及" + partial + "中" : complete || partial + "中";
    var newest = searched.complete.join() === partYears().slice(0, searched.complete.length).join();
    var rest = partial ? "其余见全部结果" : named ? "其他年度见全部结果" : newest ? "更早年度见全部结果" : "其余见全部结果";
    return { where: where, rest: rest };
  }

  function headerSearch() {
    var query = input.value.trim();
    if (!query) return showEmpty();
    var id = ++latest;
    status.textContent = "正在检索…";
    pagefind().then(function (pf) {
      return recentSearch(pf, query, id);
    }).then(function (found) {
      if (!found || id !== latest) return;  // a newer query replaced this one
      var items = literalFirst(query, found.items).slice(0, HEADER_RESULTS);
      var count = found.search.results.length;
      var searched = found.years ? searchedText(found.years, found.named) : null;
      status.textContent = count
        ? (searched ? searched.where + "共 " + count + " 条结果，" + searched.rest : "共 " + count + " 条结果")
        : "没有找到与“" + query + "”相符的内容";
      list.replaceChildren.apply(list, items.map(function (data) {
        return fillResult(itemTemplate.content.firstElementChild.cloneNode(true), data);
      }));
      var more = new URL(searchPageUrl);
      more.searchParams.set("q", query);
      all.querySelector("a").href = more.href;
      all.hidden = count === 0;
    }).catch(function () { if (id === latest) unavailable(status); });
  }

  if (input && toggle) {
    input.addEventListener("focus", function () { setOpen(true); pagefind(); });
    input.addEventListener("input", headerSearch);
    form.addEventListener("reset", function () { setTimeout(function () { showEmpty(); input.focus(); }); });
    toggle.addEventListener("change", function () {
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "Escape" && toggle.checked) {
        setOpen(false);
        input.blur();
      } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && /^[fs/]$/.test(event.key)) {
        event.preventDefault();  // the keys Material's own search box answers to
        input.focus();
      }
    });
  }

  // --- the 检索 page ---------------------------------------------------------------------------

  var page = document.getElementById("jx-search-page");
  if (page) searchPage(page);

  function searchPage(form) {
    var query = form.elements.q;
    var province = document.getElementById("jx-province");
    var city = document.getElementById("jx-city");
    var department = document.getElementById("jx-department");
    var sort = document.getElementById("jx-sort");
    var pageStatus = document.getElementById("jx-search-status");
    var results = document.getElementById("jx-search-results");
    var more = document.getElementById("jx-search-more");
    var template = document.getElementById("jx-search-result-page");
    var state = { id: 0, total: 0, shown: 0, next: null };
    var departmentsLoaded = false;

    function selects() {
      return Array.prototype.filter.call(form.elements, function (el) { return el.tagName === "SELECT"; });
    }

    function showCities() {
      var chosen = province.value;
      Array.prototype.forEach.call(city.options, function (option) {
        var mine = !option.value || !chosen || option.getAttribute("data-province") === chosen;
        option.hidden = !mine;
        option.disabled = !mine;
      });
      if (city.selectedOptions[0] && city.selectedOptions[0].disabled) city.value = "";
    }

    // Departments are many (thousands in a province's collection): the list comes from the
    // index's own filter values, loaded when the reader first opens the list.
    function loadDepartments() {
      if (departmentsLoaded) return Promise.resolve();
      departmentsLoaded = true;
      return pagefind().then(function (pf) { return mergeYear(pf, null); }).then(function (pf) {
        return pf.filters();
      }).then(function (filters) {
        var names = Object.keys((filters && filters.department) || {}).sort(function (a, b) { return a.localeCompare(b, "zh-CN"); });
        var current = department.value;
        names.forEach(function (name) {
          if (name === current) return;
          var option = document.createElement("option");
          option.value = name;
          option.textContent = name + "（" + filters.department[name] + "）";
          department.appendChild(option);
        });
      }).catch(function () { departmentsLoaded = false; });
    }

    function chosenFilters() {
      var filters = {};
      selects().forEach(function (select) {
        var key = select.getAttribute("data-filter");
        if (key && select.value && key !== "region") filters[key] = select.value;
      });
      var region = city.value || province.value;
      if (region) filters.region = region;
      return filters;
    }

    function chosenSort() {
      if (!sort.value) return {};
      var parts = sort.value.split(":");
      var order = {};
      order[parts[0]] = parts[1];
      return order;
    }

    function remember() {
      var params = new URLSearchParams();
      if (query.value.trim()) params.set("q", query.value.trim());
      selects().forEach(function (select) { if (select.value) params.set(select.name, select.value); });
      var search = params.toString();
      history.replaceState(null, "", search ? "?" + search : location.pathname);
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      query.value = params.get("q") || "";
      selects().forEach(function (select) {
        var value = params.get(select.name);
        if (!value) return;
        if (select === department && !Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value;
          select.appendChild(option);
        }
        select.value = value;
      });
      showCities();
      // The filters fold away on a phone; they are open on a wider screen, or when one is set.
      var fold = document.getElementById("jx-search-fold");
      if (fold && (window.matchMedia("(min-width: 48em)").matches || selects().some(function (el) { return el.value; }))) {
        fold.open = true;
      }
    }

    // Results in the order shown: Pagefind's own list, or the sorted one across the index's parts.
    function inOrder(list) {
      var at = 0;
      return {
        total: list.length,
        next: function (count) {
          var batch = list.slice(at, at + count);
          at += batch.length;
          return Promise.all(batch.map(function (r) { return r.data(); }));
        }
      };
    }

    function showMore() {
      var id = state.id;
      more.hidden = true;
      return state.next(PAGE_RESULTS).then(function (items) {
        if (id !== state.id) return;
        state.shown += items.length;
        items.forEach(function (data) {
          results.appendChild(fillResult(template.content.firstElementChild.cloneNode(true), data));
        });
        more.hidden = state.shown >= state.total;
      });
    }

    function run() {
      remember();
      var text = query.value.trim();
      var filters = chosenFilters();
      var order = chosenSort();
      var id = ++state.id;
      results.replaceChildren();
      more.hidden = true;
      // Busy until this search's first results are on the page (a newer search takes over).
      function done(message) {
        if (id !== state.id) return;
        pageStatus.textContent = message;
        results.setAttribute("aria-busy", "false");
      }
      if (!text && !Object.keys(filters).length && !Object.keys(order).length) {
        done("输入关键词，或选择筛选条件。");
        return;
      }
      results.setAttribute("aria-busy", "true");
      pageStatus.textContent = "正在检索…";
      pagefind().then(function (pf) {
        return mergeYear(pf, filters.year);  // a year's parts, or all: the count is the whole count
      }).then(function (pf) {
        // No words but filters or a sort: every report that passes them.
        if (Object.keys(order).length) return sortedSearch(pf, text || allWord, filters, order);
        return pf.search(text || allWord, { filters: filters }).then(function (search) {
          if (!text || id !== state.id) return inOrder(search.results);
          var first = search.results.slice(0, RERANKED);
          return Promise.all(first.map(function (r) { return r.data(); })).then(function (items) {
            var reordered = literalFirst(text, items).map(function (data) {
              return { data: function () { return Promise.resolve(data); } };
            });
            return inOrder(reordered.concat(search.results.slice(RERANKED)));
          });
        });
      }).then(function (found) {
        if (!found || id !== state.id) return null;
        state.total = found.total;
        state.next = found.next;
        state.shown = 0;
        var conditions = Object.keys(filters).length ? "（已按所选条件筛选）" : "";
        return showMore().then(function () {
          done(found.total
            ? "共 " + found.total + " 条结果" + conditions
            : "没有找到相符的报告" + conditions + "。可以减少关键词或放宽筛选条件。");
        });
      }).catch(function () {
        done("");
        if (id === state.id) unavailable(pageStatus);
      });
    }

    var timer = null;
    query.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 300); });
    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
    selects().forEach(function (select) {
      select.addEventListener("change", function () {
        if (select === province) showCities();
        run();
      });
    });
    department.addEventListener("focus", loadDepartments);
    department.addEventListener("pointerdown", loadDepartments);
    more.addEventListener("click", showMore);
    restore();
    pageStatus.textContent = "输入关键词，或选择筛选条件。";
    if (location.search) run();
  }
})();
