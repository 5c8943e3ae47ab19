// The 指标库 page's lookup over every indicator name, including the many used by one or two
// reports that have no page of their own. data/indicator-names.json is fetched when the reader
// first types, not on page load: it grows with the collection.
// Text is set with textContent only: record strings never become markup.
(function () {
  "use strict";
  var host = document.getElementById("jx-indicator-lookup");
  if (!host || !window.fetch) return;
  var input = document.getElementById("jx-indicator-input");
  var results = document.getElementById("jx-indicator-results");
  var count = document.getElementById("jx-indicator-count");
  var source = host.getAttribute("data-source");
  var base = source.replace(/data\/indicator-names\.json$/, "");
  var SHOWN = 50;
  var names = null;
  var loading = null;
  var QUOTES = /["'“”‘’「」『』〝〞〟‟„‚‛`´\s]/g;

  // The same folding as the catalogue's (jixiao.core.values.normalise_name): full-width forms,
  // spaces, quote marks and letter case do not matter.
  function fold(text) {
    return String(text || "").normalize("NFKC").replace(QUOTES, "").toLowerCase();
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function link(text, url) {
    var a = element("a", text);
    a.href = base + url;
    return a;
  }

  function load() {
    if (!loading) {
      count.textContent = "正在载入指标名称…";
      loading = fetch(source).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (data) {
        var at = {};
        data.columns.forEach(function (column, i) { at[column] = i; });
        names = data.rows.map(function (row) {
          return { name: row[at.name], key: row[at.key], reports: row[at.reports], rows: row[at.rows],
                   page: row[at.page], uses: row[at.uses] };
        });
      }).catch(function () {
        count.textContent = "指标名称载入失败，请下载 indicators.csv 查看。";
      });
    }
    return loading;
  }

  function show() {
    if (!names) return;
    var query = fold(input.value);
    if (!query) {
      results.replaceChildren();
      count.textContent = "";
      return;
    }
    var found = names.filter(function (item) { return item.key.indexOf(query) !== -1; });
    count.textContent = "共 " + found.length + " 个名称" + (found.length > SHOWN ? "，列出使用最多的 " + SHOWN + " 个" : "");
    var list = element("ul", null, "jx-plain jx-lookup");
    found.slice(0, SHOWN).forEach(function (item) {
      var li = element("li");
      li.appendChild(item.page ? link(item.name, item.page) : element("strong", item.name));
      li.appendChild(element("span", " " + item.reports + " 份报告，" + item.rows + " 行", "jx-muted"));
      if (item.uses) {
        var uses = element("ul", null, "jx-plain");
        item.uses.forEach(function (use) {
          var row = element("li");
          row.appendChild(link(use[0], use[1]));
          row.appendChild(element("span", "（" + use[2] + "）目标 " + (use[3] || "未写") + "，实际 " + (use[4] || "未写"), "jx-muted"));
          uses.appendChild(row);
        });
        li.appendChild(uses);
      }
      list.appendChild(li);
    });
    results.replaceChildren(list);
  }

  input.addEventListener("input", function () { load().then(show); });
  input.addEventListener("focus", load, { once: true });
  host.hidden = false;
})();
