"""What the browser tests share: the pages they visit, finding (or installing) Debian's Chromium,
a page that records everything it does, screenshots. Fixtures are in conftest.py; this module has
its own name so test modules import it unambiguously (tests/conftest.py is also "conftest")."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # sitebuild
sys.path.insert(0, str(HERE))  # hostile

import hostile  # noqa: E402
from sitebuild import ROOT  # noqa: E402

HOST = "127.0.0.1"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
# Nothing a page asks of another host reaches the network: every request but those to 127.0.0.1
# goes to a proxy on a port where nothing listens, and fails (a test sees it: Watched records
# every request). Not Playwright's request routing, which turns the browser's cache off and passes
# every request through Python: page loads took 40% longer.
NO_PROXY_PORT = 9  # the discard port: nothing listens on it here
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    f"--proxy-server=http://{HOST}:{NO_PROXY_PORT}", f"--proxy-bypass-list={HOST}",
]
# The windows of the `watched` and `watched_phone` pages (conftest.py); tests that borrow their own
# page from the pool say which.
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
APT_PACKAGES = ["chromium", "chromium-driver", "fonts-noto-cjk"]

# The pages every browser test visits: name -> path under the site root.
SUZHOU = "reports/2024/suzhou-2024-dangjian/"
PAGES = {
    "home": "",
    "report-suzhou-2024": SUZHOU,
    "reports-index": "reports/",
    "rules": "rules/",
    "indicators": "indicators/",
    "hostile": hostile.URL,
    "hostile-title": hostile.TITLE_BREAKER_URL,
}
SEED_REPORTS = {  # id -> title, as in content/reports/
    "suzhou-2024-dangjian": "党建系列活动",
    "suzhou-2018-shequ-weimin": "姑苏区社区党组织为民服务项目",
    "minhang-2020-zutuanshi": "(党建办) 组团式服务联系群众专项",
    "hohhot-2023-shequ-dangzuzhi": "街道社区党组织建设项目",
    "dongchuan-2020-tongyuan-shequ": "铜源社区治理创新试点项目",
}


def kind_of(path: str) -> str:
    """The kind of page (its template), told by its path: pages of one kind differ only in data."""
    parts = path.strip("/").split("/") if path.strip("/") else ["home"]
    if "page" in parts:
        parts = parts[:parts.index("page")]  # a list's page N is the list's kind
    top, depth = parts[0], len(parts) - 1
    if top == "reports":
        return "report" if depth >= 2 else "reports-index"
    if top == "browse" and depth >= 2:
        if parts[1] in ("region", "department"):
            return "departments" if parts[1] == "department" and depth == 2 else "profile"
        return "listing"
    if top == "quality" and depth:
        return "listing"
    if top in ("about", "review"):
        return "page"  # hand-written Markdown
    return f"{top}/{min(depth, 1)}"


def _run(command: list[str]) -> str | None:
    """Run an install step; the failure as text, or None."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{' '.join(command)}: {exc}"
    if done.returncode != 0:
        return f"{' '.join(command)} exited {done.returncode}: {(done.stderr or done.stdout).strip()[-500:]}"
    return None


def find_chromium() -> str | None:
    for candidate in (os.environ.get("JIXIAO_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def install_chromium() -> str | None:
    """Install Debian's Chromium as scripts/test does; the reason it could not be, or None."""
    if not shutil.which("apt-get"):
        return "apt-get is not available to install chromium"
    prefix: list[str] = []
    if os.geteuid() != 0:
        if not shutil.which("sudo") or subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode:
            return "not root and no password-less sudo to run apt-get install chromium"
        prefix = ["sudo", "-n"]
    env_prefix = prefix + ["env", "DEBIAN_FRONTEND=noninteractive"]
    return (_run(env_prefix + ["apt-get", "update"])
            or _run(env_prefix + ["apt-get", "install", "-y", "--no-install-recommends", *APT_PACKAGES]))


@functools.cache
def browser_requirements() -> tuple[str | None, str | None]:
    """(chromium path, None) when the browser tests can run, else (None, why they cannot)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        failure = _run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "playwright"])
        if failure:
            return None, f"Playwright for Python is not installed and could not be installed ({failure})"
    chromium = find_chromium()
    if chromium is None:
        failure = install_chromium()
        chromium = find_chromium()
        if chromium is None:
            return None, f"Chromium not found at /usr/bin/chromium and could not be installed: {failure}"
    return chromium, None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


def serve(site: Path):
    """Serve ``site`` on 127.0.0.1 at a free port; yields its address (for a fixture's yield from)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)  # port 0: a free port
    thread = threading.Thread(target=server.serve_forever, name=f"serving-{site.parent.name}", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class _Traffic:
    """A page's requests in flight, and when the last one started or ended."""

    def __init__(self, page):
        self.in_flight: set = set()
        self.last_change = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, request):
        self.in_flight.add(request)
        self.last_change = time.monotonic()

    def _ended(self, request):
        self.in_flight.discard(request)
        self.last_change = time.monotonic()


_TRAFFIC: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
QUIET_SECONDS = 0.15


def watch_traffic(page) -> None:
    """Follow the page's requests from now on, for settle(); call it before the page's first goto."""
    if page not in _TRAFFIC:
        _TRAFFIC[page] = _Traffic(page)


def settle(page, timeout: float = 15.0) -> None:
    """Wait until the page has had no request in flight for QUIET_SECONDS: its late scripts, the
    search index's files and anything that would leave 127.0.0.1 have been asked for by then.
    Playwright's "networkidle" does the same with a fixed half second, which over the hundred-odd
    page loads of the browser tests was a fifth of their time."""
    traffic = _TRAFFIC[page]
    deadline = time.monotonic() + timeout
    while traffic.in_flight or time.monotonic() - traffic.last_change < QUIET_SECONDS:
        if time.monotonic() > deadline:
            raise AssertionError(f"requests still in flight after {timeout} s: {[r.url for r in traffic.in_flight][:5]}")
        page.wait_for_timeout(25)


def goto_settled(page, url: str):
    """Open url, wait for its load event, then for its requests to settle; the response."""
    watch_traffic(page)
    response = page.goto(url, wait_until="load")
    settle(page)
    return response


@dataclass
class Watched:
    """A page with everything it did recorded: requests, console errors, script errors, dialogs."""

    page: object
    base_url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: str):
        response = goto_settled(self.page, self.base_url + path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return response

    def foreign_requests(self) -> list[str]:
        """Requests that would leave 127.0.0.1 (data: URLs never leave the page)."""
        return [url for url in self.requests
                if urlsplit(url).scheme != "data" and urlsplit(url).hostname != HOST]

    def forget(self, base_url: str) -> None:
        """Start a new record, of pages under ``base_url``."""
        self.base_url = base_url
        for seen in (self.requests, self.console_errors, self.page_errors, self.dialogs):
            seen.clear()

    def assert_clean(self):
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.page_errors == [], f"script errors: {self.page_errors}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.foreign_requests() == [], f"requests leaving {HOST}: {self.foreign_requests()}"


def watched_page(browser, base_url: str, **context_options) -> Watched:
    """A page of a context of its own; see PagePool for one that tests take in turn."""
    context = browser.new_context(locale="zh-CN", **context_options)
    page = context.new_page()
    watch_traffic(page)
    watched = Watched(page, base_url)
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and watched.console_errors.append(
        f"{message.text} ({message.location.get('url')})"))
    page.on("pageerror", lambda error: watched.page_errors.append(str(error)))

    def on_dialog(dialog):
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return watched


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


class PagePool:
    """Pages that the tests of one process take in turn, one for each kind of window (a context's
    options: size, touch, pixel ratio), each put back as a fresh context's page would be.

    Why: a new context and page cost Chromium 1.0-1.5 s of processor time before the first page
    is drawn, a page load in an open one about 0.3 s; over the browser tests' fifty-odd contexts
    that was a tenth of the whole test suite's time. What a test could leave behind is wiped when
    the page is put back (``_wipe``): what the site stored in the browser (local and session
    storage, cookies, anything else of each address the page asked), the HTTP cache (so that a
    test sees every request a first visit makes, as in a new context), the window's size and the
    print emulation; tabs it opened are closed. A page that cannot be wiped, or that a test
    closed, is closed and never lent again."""

    SETTLE_SECONDS = 5.0

    def __init__(self, browser):
        self.browser = browser
        self._free: dict[str, Watched] = {}
        self._options: dict[int, tuple[str, dict]] = {}

    def borrow(self, base_url: str, **context_options) -> Watched:
        key = repr(sorted(context_options.items()))
        watched = self._free.pop(key, None)
        if watched is None or watched.page.is_closed():
            watched = watched_page(self.browser, base_url, **context_options)
            self._options[id(watched)] = (key, context_options)
        watched.forget(base_url)
        return watched

    def give_back(self, watched: Watched) -> None:
        key, options = self._options[id(watched)]
        try:
            self._wipe(watched, options)
        except Exception:  # noqa: BLE001 - a page in a state we cannot undo is not lent again
            self._options.pop(id(watched))
            try:
                watched.page.context.close()
            except Exception:  # noqa: BLE001 - a browser that crashed has no context left to close
                pass
            return
        self._free[key] = watched

    def _wipe(self, watched: Watched, options: dict) -> None:
        page = watched.page
        for other in page.context.pages:  # tabs a test opened (a link clicked with Ctrl, window.open)
            if other is not page:
                other.close()
        settle(page, timeout=self.SETTLE_SECONDS)
        if urlsplit(page.url).scheme in ("http", "https"):
            page.evaluate("() => { sessionStorage.clear(); localStorage.clear(); }")
        origins = {f"{u.scheme}://{u.netloc}" for u in map(urlsplit, watched.requests + [page.url])
                   if u.scheme in ("http", "https") and u.hostname == HOST}
        session = page.context.new_cdp_session(page)
        try:
            for origin in sorted(origins):
                session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            session.send("Network.clearBrowserCache")
        finally:
            session.detach()
        page.context.clear_cookies()
        page.emulate_media(media="null")
        page.set_viewport_size(options.get("viewport", {"width": 1280, "height": 720}))

    def close(self) -> None:
        for watched in self._free.values():
            watched.page.context.close()
        self._free.clear()
