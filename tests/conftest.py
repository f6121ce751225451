"""Shared fixtures: the built site served on 127.0.0.1 and Debian's Chromium via Playwright.

Browser tests are marked ``browser``. They need ``site/`` (``make build``; built
here if missing), Chromium at /usr/bin/chromium and poppler where they say so.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("SOTAY_TEST_SITE", ROOT / "site")).resolve()
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: needs Debian's Chromium and the built site")


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").exists():
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "sotay", "build"], cwd=ROOT, check=True, env=env)
    return SITE


# The published address of the test build made with SITE_URL (site_with_url): a site
# under a sub-folder, the harder case.
TEST_SITE_URL = "https://example.org/sotay/"


@pytest.fixture(scope="session")
def site_with_url(tmp_path_factory) -> Path:
    """The site built with SITE_URL=TEST_SITE_URL (mkdocs build, then the deploy and
    offline exporters and the PDFs of the smallest book), in a temporary folder.
    ``make build`` makes site/ without an address: together they cover both cases."""
    from sotay import deploy, offline, printbook

    out = tmp_path_factory.mktemp("site-url") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": TEST_SITE_URL}
    env.pop("SOTAY_RELEASE", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], cwd=ROOT,
                   check=True, env=env)
    cache = os.environ.get("SOTAY_PDF_CACHE")
    os.environ["SOTAY_PDF_CACHE"] = "0"  # leave .cache/pdf to the build of site/
    try:
        assert printbook.export_pdfs(out, only="van-ban") == 0
    finally:
        os.environ.pop("SOTAY_PDF_CACHE") if cache is None else os.environ.update(SOTAY_PDF_CACHE=cache)
    assert deploy.export(out) == 0
    offline.build(out)
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="session")
def server(site_dir):
    handler = functools.partial(_Handler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make system-deps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watch:
    """Records every request a page makes; blocks and lists those leaving 127.0.0.1."""

    def __init__(self):
        self.external: list[str] = []
        self.failed: list[str] = []

    def attach(self, context):
        def route(r):
            host = urlparse(r.request.url).hostname
            if r.request.url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", None, ""):
                return r.continue_()
            self.external.append(r.request.url)
            return r.abort()

        context.route("**/*", route)

        def on_response(resp):
            if resp.status >= 400:
                self.failed.append(f"{resp.status} {resp.url}")

        context.on("response", on_response)
        def on_failed(req):
            # A request cut off because the test moved to the next page is not a failure.
            if urlparse(req.url).hostname == "127.0.0.1" and "ERR_ABORTED" not in (req.failure or ""):
                self.failed.append(f"failed {req.url} ({req.failure})")

        context.on("requestfailed", on_failed)


@pytest.fixture
def watch():
    return Watch()


@pytest.fixture
def context(browser, watch):
    ctx = browser.new_context(locale="vi-VN")
    watch.attach(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def phone(browser, watch):
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740}, device_scale_factor=2,
                              is_mobile=True, has_touch=True)
    watch.attach(ctx)
    yield ctx
    ctx.close()


def built_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as URL paths ('/', '/huong-dan/x/', '/en/…').

    Not the redirect pages at old addresses (sotay.redirects; tests/test_redirects.py)."""
    from sotay.redirects import is_redirect

    out = []
    for f in sorted(site.rglob("index.html")):
        relp = f.parent.relative_to(site).as_posix()
        if relp.startswith(("assets", "search")):
            continue
        if is_redirect(f.read_text(encoding="utf-8")):
            continue
        out.append("/" if relp == "." else f"/{relp}/")
    return out
