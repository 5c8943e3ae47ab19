"""Material's navigation, tabs, footer, script settings and scripts, stylesheets, the scripts and
analytics of the page's head, and its header but for the page's title, rendered once per folder
instead of once per page.

Every report and list page of the portal is outside the site's nav. On such a page those parts
of Material's layout read nothing of the page but where it is: no nav item is active, it has no
previous or next page, and each link in them is relative to the page's folder. So the pages of
one folder share them, and the portal's twenty thousand pages at 10,000 reports have a few dozen
folders. theme/main.html asks for them through ``once``; rendered per page, the first three were
a fifth of the time spent rendering, and the settings (a JSON object of translated strings) a
few percent more; the head's parts and the header, 0.3-0.7 ms a page more (at 2,000 reports,
one process, best of three, alternated twice: report pages 4.46/6.23 -> 4.11/5.46 ms, list pages
1.81/2.30 -> 1.48/1.59 ms).
"""

from __future__ import annotations


class SharedFragments:
    def __init__(self, nav) -> None:
        self._in_nav = {page.file.src_uri for page in nav.pages}
        self._nav_urls = [page.url for page in nav.pages]
        self._rendered: dict[tuple, str] = {}

    def key(self, page, base_url: str) -> tuple | None:
        """What the shared parts of ``page`` depend on, or None if they depend on the page itself."""
        if page.file.src_uri in self._in_nav or page.previous_page or page.next_page:
            return None
        # A nav item inside the page's own folder would be linked differently from its neighbours.
        if any(url.startswith(page.url) for url in self._nav_urls if page.url):
            return None
        return page.url.rstrip("/").rpartition("/")[0], base_url

    def once(self, name: str, key: tuple, caller) -> str:
        """The part ``name`` for pages of ``key``, rendered by ``caller`` the first time only."""
        found = self._rendered.get((name, key))
        if found is None:
            found = self._rendered[(name, key)] = caller()
        return found
