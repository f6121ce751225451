"""Debian's Chromium through Playwright, and a local static server: shared by
the browser tests and the benchmarks (never downloads a browser)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or make system-deps)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def block_remote(context) -> list[str]:
    """Abort every request that leaves 127.0.0.1; returns the list of those URLs."""
    blocked: list[str] = []

    def route(r):
        u = r.request.url
        if u.startswith(("data:", "blob:", "about:", "file:")) or urlparse(u).hostname == "127.0.0.1":
            return r.continue_()
        blocked.append(u)
        return r.abort()

    context.route("**/*", route)
    return blocked


class SearchBox:
    """Types queries into Material's search box on one page and reads the results."""

    def __init__(self, page, url: str):
        self.page = page
        page.goto(url)
        button = page.locator('label.md-header__button[for="__search"]')
        if button.is_visible():
            button.click()
        else:
            page.locator("input.md-search__input").click()
        # Wait until the worker has built the index.
        page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta')?.textContent.includes('…') && "
            "document.querySelector('.md-search-result__meta')?.textContent.trim().length > 0 && "
            "!/Initializing|Đang tải/.test(document.querySelector('.md-search-result__meta').textContent)",
            timeout=20000)

    def query(self, q: str, timeout: float = 10.0) -> tuple[list[str], float]:
        """Return (result URLs in order, seconds from the last keystroke to results)."""
        page = self.page
        box = page.locator("input.md-search__input")
        box.fill("")
        page.wait_for_timeout(150)  # let the cleared box settle before timing the next query
        page.evaluate("() => { window.__sotayMark = null; }")
        # Results are replaced as the user types; record the moment the list changes.
        page.evaluate("""() => {
            const list = document.querySelector('.md-search-result__list');
            window.__sotayObs && window.__sotayObs.disconnect();
            window.__sotayObs = new MutationObserver(() => { window.__sotayMark = performance.now(); });
            window.__sotayObs.observe(list, {childList: true, subtree: true});
            const meta = document.querySelector('.md-search-result__meta');
            window.__sotayObs.observe(meta, {childList: true, subtree: true, characterData: true});
        }""")
        box.fill(q)
        t0 = page.evaluate("() => performance.now()")
        page.locator("input.md-search__input").dispatch_event("keyup")
        deadline = time.time() + timeout
        last = None
        page.wait_for_function("() => window.__sotayMark !== null", timeout=timeout * 1000)
        stable = 0
        while time.time() < deadline:
            mark = page.evaluate("() => window.__sotayMark")
            stable = stable + 1 if mark == last else 0
            if stable >= 4:
                break  # the results changed, then stayed the same for 4 polls (~240 ms)
            last = mark
            page.wait_for_timeout(60)
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item > .md-search-result__link",
            "els => els.map(e => e.getAttribute('href'))")
        elapsed = ((last or t0) - t0) / 1000.0
        return hrefs, max(elapsed, 0.0)
