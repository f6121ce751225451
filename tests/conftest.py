"""Shared fixtures: the built site served on 127.0.0.1 and Debian's Chromium via Playwright.

The site: ``site/`` when ``python -m sotay build`` made it from the checkout as it
is now (its build stamp, sotay.build.stale), else a fresh build into a temporary
folder, once per session — never an old build. ``make test`` builds first, so
the tests use that build. ``SOTAY_TEST_SITE=DIR`` tests the site in DIR as it is
(e.g. a build being compared with ``python -m sotay compare``).

Markers: ``browser`` (needs Debian's Chromium), ``slow`` (needs a built site, a
browser, a build, PDFs, LibreOffice or nginx; every test using the site or
browser fixtures gets it). ``make test-unit`` runs ``-m "not slow"``, in under a
minute; ``make test`` runs everything.
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
    config.addinivalue_line("markers", "slow: needs a built site, a browser, a build, PDFs, LibreOffice or nginx "
                                       "(left out by `make test-unit`)")


# Fixtures that make a test slow: it needs the built site, a build of its own, a browser,
# or PDFs (the meeting packet, tests/test_kits.py).
SLOW_FIXTURES = {"site_dir", "server", "site_with_url", "browser", "context", "phone", "packet_files"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def site_dir(request, tmp_path_factory) -> Path:
    """The built site of the checkout as it is now (see the module docstring)."""
    if "SOTAY_TEST_SITE" in os.environ:  # a site the caller vouches for (e.g. a build being compared)
        return SITE
    from sotay import build, settings

    why = build.stale(settings.current(), SITE)
    if not why:
        return SITE
    out = tmp_path_factory.mktemp("site") / "site"
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\n{why}.\nDựng site mới vào {out} cho lần kiểm thử này "
              "(chạy 'make build' trước để các lần sau dùng lại site/).", file=sys.stderr, flush=True)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        for k in ("SITE_URL", "SOTAY_RELEASE"):
            env.pop(k, None)
        r = subprocess.run([sys.executable, "-m", "sotay", "build", "--site-dir", str(out)], cwd=ROOT, env=env)
    if r.returncode:
        pytest.exit(f"'python -m sotay build' failed (exit {r.returncode}): fix the build, then run the tests again",
                    returncode=1)
    return out


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
    from sotay import settings

    before = settings.current()
    settings.use(before.with_(pdf_cache=False))  # leave .cache/pdf to the build of site/
    try:
        assert printbook.export_pdfs(out, only="van-ban") == 0
    finally:
        settings.use(before)
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
