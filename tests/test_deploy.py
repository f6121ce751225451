"""Hosting: the repository's nginx server block (deploy/nginx/sotay.conf) serving the built site.

Debian's nginx (nginx-light) runs on 127.0.0.1 with its own prefix, pid and logs
under tmp_path, in the foreground; only listen, server_name and root of the
server block are replaced. Pages load in Chromium with no CSP violation and no
failed request; headers, 404 pages and compression are checked directly.
"""
from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sotay import deploy

NGINX = Path(deploy.nginx_bin())


def fetch(url: str, gz: bool = True):
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gz else {})
    try:
        r = urllib.request.urlopen(req, timeout=10)
    except urllib.error.HTTPError as e:
        r = e
    body = r.read()
    if r.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return r.status, r.headers, body


@pytest.fixture(scope="module")
def nginx(site_dir, tmp_path_factory):
    if not NGINX.exists():
        pytest.fail(f"{NGINX} not found: run `make system-deps` (apt-get install nginx-light)")
    with deploy.Nginx(site_dir, tmp_path_factory.mktemp("nginx")) as ng:
        yield ng


# --------------------------------------------------------------------------
# Files (no server)
# --------------------------------------------------------------------------


def test_csp_allows_every_inline_script_of_the_site(site_dir):
    missing = deploy.missing_hashes(site_dir)
    assert not missing, (
        "inline scripts the Content-Security-Policy in deploy/nginx/sotay.conf would block "
        f"(first pages: {sorted(set(missing.values()))[:5]}).\n"
        "Run `python -m sotay deploy csp --write` after `make build` and review the diff.")


def test_conf_has_the_security_headers():
    text = deploy.NGINX_CONF.read_text(encoding="utf-8")
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Cache-Control"):
        assert re.search(rf"add_header {header} .* always;", text), header
    policy = deploy.conf_csp()
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
    assert "unsafe-eval" not in policy


def test_404_pages_in_both_languages(site_dir):
    vi = (site_dir / "404.html").read_text(encoding="utf-8")
    en = (site_dir / "en" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in vi and "Không tìm thấy trang" in vi
    assert '<html lang="en"' in en and "Page not found" in en
    for html in (vi, en):
        assert 'name="robots" content="noindex"' in html
        # Served at any depth: no relative links or assets.
        rel = [u for u in re.findall(r'\s(?:href|src)="([^"]*)"', html)
               if u and not u.startswith(("/", "#", "http:", "https:", "data:", "mailto:"))]
        assert not rel, rel[:10]


def test_manifests_and_icons(site_dir):
    for prefix, lang in (("", "vi"), ("en/", "en")):
        m = json.loads((site_dir / prefix / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert m["lang"] == lang and m["display"] == "standalone" and m["start_url"] == "./"
        sizes = {i["sizes"] for i in m["icons"] if i["type"] == "image/png"}
        assert {"192x192", "512x512"} <= sizes
        for icon in m["icons"]:
            assert (site_dir / prefix / icon["src"]).resolve().is_file(), icon["src"]
        assert any(i.get("purpose") == "maskable" for i in m["icons"])
    for page, lang in (("index.html", "vi"), ("en/index.html", "en"), ("huong-dan/index.html", "vi"),
                       ("en/huong-dan/index.html", "en")):
        href = re.search(r'<link rel="manifest" href="([^"]*)">', (site_dir / page).read_text(encoding="utf-8"))
        assert href, page
        m = json.loads(((site_dir / page).parent / href.group(1)).read_text(encoding="utf-8"))
        assert m["lang"] == lang, page


# --------------------------------------------------------------------------
# nginx on 127.0.0.1
# --------------------------------------------------------------------------


def test_nginx_headers_cache_and_compression(nginx, site_dir):
    bundle = next((site_dir / "assets" / "javascripts").glob("bundle.*.min.js")).name
    css = next((site_dir / "assets" / "stylesheets").glob("main.*.min.css")).name
    cases = {
        "/": ("text/html", "no-cache"),
        "/huong-dan/": ("text/html", "no-cache"),
        "/en/": ("text/html", "no-cache"),
        f"/assets/javascripts/{bundle}": ("application/javascript", "max-age=31536000, immutable"),
        f"/assets/stylesheets/{css}": ("text/css", "max-age=31536000, immutable"),
        "/assets/stylesheets/sotay.css": ("text/css", "max-age=3600"),
        "/assets/javascripts/workers/sotay-search.js": ("application/javascript", "max-age=3600"),
        "/search/search_index.json": ("application/json", "no-cache"),
        "/manifest.webmanifest": ("application/manifest+json", "max-age=3600"),
        "/assets/images/logo.svg": ("image/svg+xml", "max-age=3600"),
    }
    for path, (ctype, cache) in cases.items():
        status, h, body = fetch(nginx.url + path)
        assert status == 200, path
        assert h["Content-Type"].startswith(ctype), (path, h["Content-Type"])
        assert cache in h["Cache-Control"], (path, h["Cache-Control"])
        assert h["Content-Encoding"] == "gzip", f"{path} is not compressed"
        assert "Accept-Encoding" in (h.get("Vary") or ""), path
        assert h["X-Content-Type-Options"] == "nosniff", path
        assert h["Referrer-Policy"] == "same-origin", path
        assert h["Content-Security-Policy"].startswith("default-src 'self'"), path
        assert body, path
    # Binary files are not recompressed; a folder without / is redirected without naming the host.
    status, h, _ = fetch(nginx.url + "/assets/images/icon-192.png")
    assert status == 200 and h.get("Content-Encoding") is None
    req = urllib.request.Request(nginx.url + "/huong-dan")
    opener = urllib.request.build_opener(type("NoRedirect", (urllib.request.HTTPRedirectHandler,),
                                              {"redirect_request": lambda *a, **k: None}))
    try:
        opener.open(req, timeout=10)
        raise AssertionError("no redirect for /huong-dan")
    except urllib.error.HTTPError as e:
        assert e.code == 301 and e.headers["Location"] == "/huong-dan/"


def test_nginx_404_pages_per_language(nginx):
    for path, lang, text in (("/khong-co-trang-nay/", "vi", "Không tìm thấy trang"),
                             ("/huong-dan/khong-co/", "vi", "Không tìm thấy trang"),
                             ("/en/no-such-page/", "en", "Page not found"),
                             ("/en/huong-dan/missing", "en", "Page not found")):
        status, h, body = fetch(nginx.url + path)
        html = body.decode("utf-8")
        assert status == 404, path
        assert f'<html lang="{lang}"' in html and text in html, path
        assert h["Cache-Control"] == "no-cache" and h["Content-Security-Policy"], path


CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || ''}:${e.lineNumber}`));
"""


@pytest.mark.browser
def test_nginx_pages_in_chromium_without_csp_violation(nginx, browser, site_dir):
    ctx = browser.new_context(locale="vi-VN", accept_downloads=True)
    ctx.add_init_script(CSP_LISTENER)
    console, failed, violations = [], [], []
    expected_404 = ("/khong-co-trang-nay/", "/en/no-such-page/")

    def on_response(r):
        if r.status >= 400 and not r.url.endswith(expected_404):
            failed.append(f"{r.status} {r.url}")

    ctx.on("response", on_response)
    # A request cancelled by the next navigation (net::ERR_ABORTED) is not a server failure.
    ctx.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else
           failed.append(f"failed {r.url} ({r.failure})"))
    page = ctx.new_page()
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text
            or "Content-Security-Policy" in m.text else None)
    forms = sorted(p.parent.name for p in (site_dir / "mau").glob("*/index.html")
                   if "sotay-docx" in p.read_text(encoding="utf-8"))
    qa = sorted(p.parent.name for p in (site_dir / "hoi-dap").glob("*/index.html"))
    views = sorted(p.parent.name for p in (site_dir / "in").glob("*/index.html"))
    paths = ["/", "/en/", "/huong-dan/", f"/hoi-dap/{qa[0]}/", f"/mau/{forms[0]}/", f"/en/mau/{forms[0]}/",
             f"/in/{views[0]}/", "/van-ban/", *expected_404]
    for path in paths:
        page.goto(nginx.url + path, wait_until="networkidle")
        violations += [f"{path}: {v}" for v in page.evaluate("window.__csp")]

    assert not violations and not console, "CSP violations:\n" + "\n".join(violations + console)

    # A form page: fill a field and build the filled Word file (fetch + blob download).
    page.goto(nginx.url + f"/mau/{forms[0]}/", wait_until="networkidle")
    page.click("details.sotay-fill > summary")
    field = page.locator(".sotay-fill input").first
    field.fill("Chi bộ Thử nghiệm")
    with page.expect_download() as dl:
        page.locator("a.sotay-docx").click()  # the form's Word button: what was typed
    assert Path(dl.value.path()).read_bytes()[:2] == b"PK"
    violations += [f"form: {v}" for v in page.evaluate("window.__csp")]

    # Search: our worker loads its language file under the policy and answers.
    page.goto(nginx.url + "/", wait_until="networkidle")
    from test_site import open_search

    open_search(page)
    box = page.locator("input.md-search__input")
    box.fill("bien ban")
    box.dispatch_event("keyup")
    page.wait_for_selector(".md-search-result__item", timeout=60000)
    page.wait_for_load_state("networkidle")
    violations += [f"search: {v}" for v in page.evaluate("window.__csp")]
    ctx.close()
    assert not violations and not console, "CSP violations:\n" + "\n".join(violations + console)
    assert not failed, "failed requests:\n" + "\n".join(failed)


@pytest.mark.browser
def test_chromium_can_install_the_site_as_an_app(nginx, browser):
    """Chromium's own installability check finds nothing wrong with the manifest and icons
    (test contexts are incognito, which alone prevents installing)."""
    for path, lang in (("/", "vi"), ("/en/huong-dan/", "en")):
        ctx = browser.new_context()
        page = ctx.new_page()
        page.goto(nginx.url + path, wait_until="networkidle")
        cdp = ctx.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert not manifest.get("errors"), manifest.get("errors")
        assert json.loads(manifest["data"])["lang"] == lang
        errors = {e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]}
        ctx.close()
        assert errors <= {"in-incognito"}, (path, errors)
