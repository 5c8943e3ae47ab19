"""axe-core (vendored from npm, tests/vendor/axe.min.js) on the pages a citizen opens: no serious or
critical violation is allowed."""

from __future__ import annotations

import json

import pytest

from browserkit import PAGES, ROOT, ARTIFACTS

AXE = ROOT / "tests" / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}

# (rule id, CSS selector of the node as axe reports it) -> why it is not ours to fix.
# Only Material's own markup may be listed here, each with the reason; our templates get fixed.
EXCLUDED: dict[tuple[str, str], str] = {
    # None today. Material's own search overlay (role="dialog" without a name) needed
    # ("aria-dialog-name", ".md-search") until theme/partials/search.html named it 检索.
}


def run_axe(page, inject: bool = True, only: list[str] | None = None) -> list[dict]:
    """axe's violations on the page as it is laid out now; ``inject=False`` when this page has
    axe already (run again at another width); ``only``: these rules alone."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # here: without Playwright these tests skip

    if inject:
        page.add_script_tag(path=str(AXE))  # inline: no request
    # Material makes a code block focusable once it scrolls, from a size observer that answers a
    # frame or two after the page was laid out (or narrowed): axe is run when it has answered.
    try:
        page.wait_for_function("""() => [...document.querySelectorAll('pre > code')].every(
            code => code.scrollWidth <= code.clientWidth || code.hasAttribute('tabindex'))""", timeout=3000)
    except PlaywrightTimeout:
        pass  # still unanswered: axe reports the block, which is the finding
    result = page.evaluate("""async (only) => {
        const options = {resultTypes: ['violations']};
        if (only) options.runOnly = {type: 'rule', values: only};
        const r = await axe.run(document, options);
        return r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), impact: n.impact, summary: n.failureSummary, html: n.html.slice(0, 300)})),
        }));
    }""", only)
    return result


def blocking(violations: list[dict]) -> list[dict]:
    found = []
    for violation in violations:
        nodes = [node for node in violation["nodes"]
                 if (node["impact"] or violation["impact"]) in BLOCKING_IMPACTS
                 and (violation["id"], node["target"]) not in EXCLUDED]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(watched, name):
    watched.open(PAGES[name])
    violations = run_axe(watched.page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(violations, ensure_ascii=False, indent=2), encoding="utf-8")
    bad = blocking(violations)
    described = "\n".join(
        f"{v['id']} ({v['help']}): " + "; ".join(f"{n['target']} — {n['summary']}" for n in v["nodes"][:5])
        for v in bad
    )
    assert not bad, f"serious/critical accessibility violations on {name}:\n{described}"
    watched.assert_clean()
