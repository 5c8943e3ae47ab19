// The all-reports table, enhanced: rows load lazily from data/reports-index.json, then filter,
// sort and paginate in the browser. Without JavaScript the server-rendered first page remains.
// Cells are set with textContent only: record strings never become markup.
(function () {
  "use strict";
  var host = document.getElementById("jx-all-reports");
  if (!host || !window.fetch) return;
  var PAGE = parseInt(host.getAttribute("data-page-size"), 10) || 100;  // the plugin's page_size
  var state = { rows: [], shown: [], page: 0, sort: null, descending: false };
  var headers = [
    ["title", "项目名称"], ["year", "年份"], ["department", "主管部门"], ["region", "地区"],
    ["amount_wan", "金额（万元）"], ["declared_total", "申报总分"], ["declared_grade", "申报等级"],
    ["computed_total", "门户计算"], ["issues", "核验"]
  ];

  function cell(tag, text, className, label) {
    var node = document.createElement(tag);
    node.textContent = text == null ? "—" : String(text);
    if (className) node.className = className;
    if (label) node.setAttribute("data-label", label);  // shown beside the value on a phone
    return node;
  }

  function render() {
    var target = document.getElementById("jx-table-host");
    var wrap = document.createElement("div");
    wrap.className = "jx-scroll";
    var table = document.createElement("table");
    table.className = "jx-table jx-index jx-stack jx-sortable";
    var head = table.createTHead().insertRow();
    headers.forEach(function (pair) {
      var th = document.createElement("th");
      th.scope = "col";
      var button = cell("button", pair[1] + (state.sort === pair[0] ? (state.descending ? " ▼" : " ▲") : ""), "jx-sort");
      button.type = "button";
      button.addEventListener("click", function () { sortBy(pair[0]); });
      th.appendChild(button);
      head.appendChild(th);
    });
    var body = table.createTBody();
    state.shown.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (row) {
      var tr = body.insertRow();
      var title = document.createElement("td");
      title.className = "jx-entry-title";
      var link = cell("a", row.title);
      link.href = base + row.url;
      title.appendChild(link);
      tr.appendChild(title);
      tr.appendChild(cell("td", row.year, null, "年份"));
      tr.appendChild(cell("td", row.department, null, "主管部门"));
      tr.appendChild(cell("td", row.region, null, "地区"));
      tr.appendChild(cell("td", row.amount_wan, "jx-num", "金额（万元）"));
      tr.appendChild(cell("td", row.declared_total, "jx-num", "申报总分"));
      tr.appendChild(cell("td", row.declared_grade || "—", null, "申报等级"));
      tr.appendChild(cell("td", row.computed_total, "jx-num", "门户计算"));
      var parts = [];
      if (row.errors) parts.push("错误 " + row.errors);
      if (row.warnings) parts.push("警告 " + row.warnings);
      var issues = parts.length ? parts.join(" · ") : "无";
      tr.appendChild(cell("td", issues, row.errors ? "jx-bad" : row.warnings ? "jx-warn" : "jx-ok", "核验"));
    });
    wrap.appendChild(table);
    var pages = Math.max(1, Math.ceil(state.shown.length / PAGE));
    var nav = document.createElement("nav");
    nav.className = "jx-pagination";
    nav.setAttribute("aria-label", "分页");
    for (var p = 0; p < pages; p++) {
      (function (p) {
        var b = cell("button", p + 1);
        b.type = "button";
        if (p === state.page) b.setAttribute("aria-current", "page");
        b.addEventListener("click", function () { state.page = p; render(); });
        nav.appendChild(b);
      })(p);
    }
    target.replaceChildren(wrap, nav);
    document.getElementById("jx-filter-count").textContent = "共 " + state.shown.length + " 份";
  }

  function sortBy(key) {
    state.descending = state.sort === key ? !state.descending : false;
    state.sort = key;
    var sign = state.descending ? -1 : 1;
    state.shown.sort(function (a, b) {
      var x = key === "issues" ? a.errors * 1000 + a.warnings : a[key];
      var y = key === "issues" ? b.errors * 1000 + b.warnings : b[key];
      if (x == null) return 1;
      if (y == null) return -1;
      return (x > y ? 1 : x < y ? -1 : 0) * sign;
    });
    state.page = 0;
    render();
  }

  function filter(text) {
    var words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    state.shown = state.rows.filter(function (row) {
      var hay = row.haystack;
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    });
    if (state.sort) { state.descending = !state.descending; sortBy(state.sort); } else { state.page = 0; render(); }
  }

  var source = host.getAttribute("data-source");
  var base = source.replace(/data\/reports-index\.json$/, "");
  fetch(source).then(function (response) { return response.json(); }).then(function (data) {
    var columns = data.columns;
    state.rows = data.rows.map(function (values) {
      var row = {};
      columns.forEach(function (name, index) { row[name] = values[index]; });
      row.haystack = [row.title, row.year, row.department, row.region, row.kind, row.declared_grade].join(" ").toLowerCase();
      return row;
    });
    state.shown = state.rows.slice();
    host.hidden = false;
    document.getElementById("jx-filter-input").addEventListener("input", function (event) { filter(event.target.value); });
    render();
  }).catch(function () { /* keep the server-rendered table */ });
})();
