"""Hosting the built site: what a web server needs beyond ``mkdocs build``.

* ``export`` (the ``deploy`` exporter of ``python -m sotay build``): a real 404
  page per language (``404.html`` in Vietnamese, ``en/404.html`` in English —
  MkDocs with mkdocs-static-i18n writes one, in the last language built) and
  ``robots.txt``.
* The Content-Security-Policy of ``deploy/nginx/sotay.conf``: Material writes a few
  small inline scripts into every page; the policy allows exactly those by their
  SHA-256 (``script-src 'self' 'sha256-…'``), no ``'unsafe-inline'`` for scripts.
  ``python -m sotay deploy csp`` prints the policy for the built site;
  ``python -m sotay deploy csp --write`` puts it into the nginx file (after a
  Material update changes its inline scripts; tests/test_deploy.py says when).
* ``nginx_test_conf``: the repository's server block wrapped into a complete
  nginx configuration for a non-root, non-daemon nginx on 127.0.0.1 (tests and
  benchmarks).
* ``make_icons``: the web app icons (PNG) drawn from the favicon's shapes.

See docs/gioi-thieu/trien-khai.md for the steps a person follows.
"""
from __future__ import annotations

import base64
import hashlib
import html as htmlmod
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import model
from .strings import table as string_table

NGINX_CONF = model.ROOT / "deploy" / "nginx" / "sotay.conf"


def nginx_bin() -> str:
    """The nginx binary (sotay.settings: NGINX, default Debian's /usr/sbin/nginx)."""
    from . import settings

    return settings.current().nginx


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
SCOPE = re.compile(r'__md_scope=new URL\("([^"]*)",location\)')
MAX_DEPTH = 6   # the policy also allows Material's scope script for pages this deep (a new section)

L = string_table("deploy")  # the texts in each language (sotay.strings)


def lang_dir(lang: str) -> str:
    return "" if lang == model.DEFAULT_LANG else f"{lang}/"


def site_url(site_dir: Path) -> str:
    """The published address the site was built with, or '' (sotay.address)."""
    from . import address

    return address.of_site(site_dir)


# --------------------------------------------------------------------------
# 404 pages
# --------------------------------------------------------------------------

ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def absolute_path(url: str, page_dir: str) -> str:
    """'../assets/x.css' seen from '/en/' -> '/assets/x.css' (a 404 page is served at any depth)."""
    if not url or url.startswith(("#", "/")) or SCHEME.match(url):
        return url
    parts = urlsplit(url)
    path = posixpath.normpath(posixpath.join(page_dir, parts.path)) if parts.path else page_dir.rstrip("/")
    if parts.path.endswith("/") or parts.path in ("", ".", "..") or parts.path.endswith(("/.", "/..")):
        path = path.rstrip("/") + "/"
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def not_found_page(home_html: str, lang: str, root_path: str) -> str:
    """A 404 page made from the language's home page: same header, search and footer."""
    t = L[lang]
    page_dir = root_path + lang_dir(lang)
    links = "".join(f'<li><a href="{page_dir}{href}">{htmlmod.escape(label)}</a></li>' for href, label in t["sections"])
    article = (f'<h1 id="{NOT_FOUND_ID}">{htmlmod.escape(t["title"])}</h1>\n'
               f'<p>{htmlmod.escape(t["lead"])}</p>\n<ul>\n<li><a href="{page_dir}">{htmlmod.escape(t["home"])}</a></li>\n'
               f'<li>{htmlmod.escape(t["search"])}</li>\n</ul>\n<p>{htmlmod.escape(t["browse"])}</p>\n<ul>\n{links}\n</ul>\n')
    return page_from_home(home_html, lang, root_path, t["title"], article)


def page_from_home(home_html: str, lang: str, root_path: str, title: str, article: str) -> str:
    """A page served at any address (404, the service worker's "not saved" page), made from the
    language's home page: same header, search and footer; every link and asset from the site root;
    ``article`` (HTML) replaces the home page's text."""
    page_dir = root_path + lang_dir(lang)
    text = ATTR.sub(lambda m: m.group(1) + absolute_path(htmlmod.unescape(m.group(2)), page_dir) + m.group(3), home_html)
    text = SCOPE.sub(lambda m: f'__md_scope=new URL("{absolute_path(m.group(1), page_dir)}",location)', text)

    def config(m: re.Match) -> str:
        body = m.group(2)
        for key in ("base", "search"):
            body = re.sub(r'("%s": ")([^"]*)(")' % key,
                          lambda c: c.group(1) + absolute_path(c.group(2), page_dir) + c.group(3), body)
        return m.group(1) + body + m.group(3)

    text = re.sub(r'(<script id="__config" type="application/json">)(.*?)(</script>)', config, text, flags=re.S)
    text = re.sub(r'\s*<link rel="canonical" href="[^"]*">', "", text)
    text = re.sub(r"\s*<link rel=\"(?:prev|next)\" href=\"[^\"]*\">", "", text)
    text = text.replace("<head>", '<head>\n    <meta name="robots" content="noindex">', 1)
    name = re.search(r"<title>(.*?)</title>", text, re.S)
    site_name = htmlmod.unescape(name.group(1)).split(" - ")[-1].strip() if name else ""
    text = re.sub(r"<title>.*?</title>", f"<title>{htmlmod.escape(title)} - {htmlmod.escape(site_name)}</title>",
                  text, count=1, flags=re.S)
    body = f'<article class="md-content__inner md-typeset">\n{article}</article>'
    text, n = re.subn(r'<article class="md-content__inner md-typeset">.*?</article>', lambda m: body, text,
                      count=1, flags=re.S)
    if not n:
        raise ValueError("home page without <article class=\"md-content__inner md-typeset\">")
    first_id = re.search(r'\bid="([^"]+)"', article)
    return without_home_toc(text, first_id.group(1) if first_id else "")


NOT_FOUND_ID = "not-found"


def without_home_toc(text: str, skip_to: str) -> str:
    """The 404 page is made from the home page: drop what pointed into the home page's
    headings (its table of contents, in both sidebars, and the skip link to its first
    heading, e.g. #van-ban-hien-hanh) and the home page's "current page" marks.

    lxml, not regular expressions: Material's markup around the table of contents is
    nested navs and labels. Inline scripts keep their exact text (the
    Content-Security-Policy lists their hashes)."""
    from lxml import html as lhtml

    doctype = re.match(r"\s*(<!doctype[^>]*>)", text, re.I)
    doc = lhtml.document_fromstring(text)

    def has(cls: str) -> str:
        return f'contains(concat(" ", normalize-space(@class), " "), " {cls} ")'

    for nav in doc.xpath(f'//nav[{has("md-nav--secondary")}]'):
        nav.drop_tree()
    for el in doc.xpath('//input[@id="__toc"] | //label[@for="__toc"]'):
        el.drop_tree()
    for el in doc.xpath(f'//*[{has("md-nav__item--active")} or {has("md-nav__link--active")}]'):
        el.set("class", " ".join(c for c in el.get("class", "").split()
                                 if c not in ("md-nav__item--active", "md-nav__link--active")))
    for a in doc.xpath(f'//a[{has("md-skip")}]'):
        if skip_to:
            a.set("href", f"#{skip_to}")  # the page's own heading
        else:
            a.drop_tree()
    out = lhtml.tostring(doc, encoding="unicode", method="html")
    return (doctype.group(1) + "\n" if doctype else "") + out


def write_404_pages(site_dir: Path) -> list[Path]:
    # Served at any depth, so links are root-absolute: under the published address's
    # path, or '/' when there is none (a site served from a sub-folder needs SITE_URL).
    root_path = urlsplit(site_url(site_dir)).path or "/"
    out = []
    for lang in model.LANGS:
        home = site_dir / lang_dir(lang) / "index.html"
        if not home.exists():
            continue
        f = site_dir / lang_dir(lang) / "404.html"
        f.write_text(not_found_page(home.read_text(encoding="utf-8"), lang, root_path), encoding="utf-8")
        out.append(f)
    return out


def robots_txt(site_dir: Path) -> str:
    """Allow everything; name the sitemap only when there is one (a published address)."""
    url = site_url(site_dir)
    sitemap = f"\nSitemap: {url}sitemap.xml\n" if url and (Path(site_dir) / "sitemap.xml").exists() else ""
    return f"User-agent: *\nAllow: /\n{sitemap}"


def drop_source_maps(site_dir: Path) -> list[Path]:
    """Material's source maps (assets/**/*.map): a developer's aid, 1.3 MB no reader
    downloads, with Material's source comments (which name this machine's address)."""
    maps = sorted((Path(site_dir) / "assets").rglob("*.map"))
    for f in maps:
        f.unlink()
    return maps


def export(site_dir: Path) -> int:
    """The ``deploy`` exporter: 404 pages, robots.txt, no source maps."""
    site_dir = Path(site_dir)
    pages = write_404_pages(site_dir)
    (site_dir / "robots.txt").write_text(robots_txt(site_dir), encoding="utf-8")
    maps = drop_source_maps(site_dir)
    print(f"deploy: {', '.join(p.relative_to(site_dir).as_posix() for p in pages)}, robots.txt"
          + (f"; bỏ {len(maps)} tệp .map" if maps else ""))
    return 0


# --------------------------------------------------------------------------
# Content-Security-Policy
# --------------------------------------------------------------------------


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_scripts(site_dir: Path) -> dict[str, str]:
    """{hash: first page that has it} for every executable inline script in the built site."""
    found: dict[str, str] = {}
    for f in sorted(Path(site_dir).rglob("*.html")):
        text = f.read_text(encoding="utf-8")
        for m in INLINE_SCRIPT.finditer(text):
            t = re.search(r'\btype="([^"]*)"', m.group(1))
            if t and t.group(1) not in ("text/javascript", "module", "application/javascript"):
                continue  # data (application/json), not run
            found.setdefault(sha256(m.group(2)), f.relative_to(site_dir).as_posix())
    return found


def script_hashes(site_dir: Path) -> list[str]:
    """The hashes of the site's inline scripts, plus Material's scope script for every depth up to MAX_DEPTH."""
    hashes = set(inline_scripts(site_dir))
    sample = None
    for f in Path(site_dir).rglob("index.html"):
        m = re.search(r"<script>(__md_scope=new URL\(\"[^\"]*\",location\).*?)</script>", f.read_text(encoding="utf-8"), re.S)
        if m:
            sample = m.group(1)
            break
    if sample:
        for d in range(MAX_DEPTH + 1):
            base = "." if d == 0 else "/".join([".."] * d)
            hashes.add(sha256(SCOPE.sub(f'__md_scope=new URL("{base}",location)', sample)))
        hashes.add(sha256(SCOPE.sub('__md_scope=new URL("/",location)', sample)))
    return sorted(hashes)


def csp(site_dir: Path) -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes(site_dir)),
        "style-src 'self' 'unsafe-inline'",   # Material's inline styles (SVG icons, print views)
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ])


CSP_LINE = re.compile(r'(add_header Content-Security-Policy ")([^"]*)(" always;)')


def conf_csp(conf: Path = NGINX_CONF) -> str:
    m = CSP_LINE.search(conf.read_text(encoding="utf-8"))
    return m.group(2) if m else ""


def missing_hashes(site_dir: Path, conf: Path = NGINX_CONF) -> dict[str, str]:
    """Inline scripts of the built site that the nginx file's policy would block: {hash: page}."""
    policy = conf_csp(conf)
    return {h: page for h, page in inline_scripts(site_dir).items() if h not in policy}


def write_csp(site_dir: Path, conf: Path = NGINX_CONF) -> bool:
    text = conf.read_text(encoding="utf-8")
    new = CSP_LINE.sub(lambda m: m.group(1) + csp(site_dir) + m.group(3), text, count=1)
    if new != text:
        conf.write_text(new, encoding="utf-8")
    return new != text


# --------------------------------------------------------------------------
# nginx for tests and benchmarks
# --------------------------------------------------------------------------


def nginx_test_conf(prefix: Path, site_dir: Path, port: int, conf: Path = NGINX_CONF) -> Path:
    """A complete nginx.conf under ``prefix`` serving ``site_dir`` on 127.0.0.1:port with the repo's
    server block (only ``listen``, ``server_name`` and ``root`` changed). Start with
    ``nginx -p PREFIX -c PREFIX/nginx.conf -e PREFIX/error.log`` (stays in the foreground)."""
    prefix = Path(prefix)
    for d in ("logs", "tmp"):
        (prefix / d).mkdir(parents=True, exist_ok=True)
    block = conf.read_text(encoding="utf-8")
    block = re.sub(r"^(\s*)listen\s+\[::\][^;]*;\s*$", "", block, flags=re.M)
    block = re.sub(r"^(\s*)listen\s+[^;]*;", rf"\g<1>listen 127.0.0.1:{port};", block, count=1, flags=re.M)
    block = re.sub(r"^(\s*)server_name\s+[^;]*;", r"\g<1>server_name 127.0.0.1;", block, count=1, flags=re.M)
    block = re.sub(r"^(\s*)root\s+[^;]*;", rf"\g<1>root {Path(site_dir).resolve()};", block, count=1, flags=re.M)
    (prefix / "sotay.conf").write_text(block, encoding="utf-8")
    user = "user root;\n" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""
    tmp = prefix / "tmp"
    main = f"""{user}worker_processes 1;
daemon off;
master_process on;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/logs/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    sendfile on;
    include {prefix}/sotay.conf;
}}
"""
    (prefix / "nginx.conf").write_text(main, encoding="utf-8")
    return prefix / "nginx.conf"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """Debian's nginx serving a built site with the repo's config, as a child process."""

    def __init__(self, site_dir: Path, prefix: Path, conf: Path = NGINX_CONF, nginx: str | None = None):
        self.site_dir, self.prefix, self.conf = Path(site_dir), Path(prefix), conf
        self.nginx = nginx or nginx_bin()
        self.proc = None
        self.port = 0

    def __enter__(self) -> "Nginx":
        import subprocess
        import time
        import urllib.error
        import urllib.request

        if not Path(self.nginx).exists():
            raise FileNotFoundError(f"{self.nginx} not found: apt-get install nginx-light (make system-deps)")
        for _attempt in range(3):
            self.port = free_port()
            main = nginx_test_conf(self.prefix, self.site_dir, self.port, self.conf)
            test = subprocess.run([self.nginx, "-t", "-p", str(self.prefix), "-c", str(main), "-e", str(self.prefix / "logs/error.log")],
                                  capture_output=True, text=True)
            if test.returncode:
                raise RuntimeError("nginx -t failed:\n" + test.stderr)
            self.proc = subprocess.Popen([self.nginx, "-p", str(self.prefix), "-c", str(main), "-e",
                                          str(self.prefix / "logs/error.log")],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            deadline = time.time() + 10
            while time.time() < deadline and self.proc.poll() is None:
                try:
                    urllib.request.urlopen(self.url + "/robots.txt", timeout=1).read()
                    return self
                except urllib.error.HTTPError:
                    return self
                except OSError:
                    time.sleep(0.05)
            self.stop()
        raise RuntimeError("nginx did not start: " + (self.prefix / "logs/error.log").read_text(errors="replace")[-2000:])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()   # SIGTERM: fast shutdown of master and workers
            try:
                self.proc.wait(10)
            except Exception:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc and self.proc.stderr:
            self.proc.stderr.close()
        self.proc = None

    def __exit__(self, *exc) -> None:
        self.stop()


# --------------------------------------------------------------------------
# Icons for the web app manifest
# --------------------------------------------------------------------------

ICON_DIR = model.ROOT / "docs" / "assets" / "images"
ICONS = {"icon-192.png": (192, False), "icon-512.png": (512, False), "icon-maskable-512.png": (512, True),
         "apple-touch-icon.png": (180, True)}
RED, WHITE = (0x9F, 0x1C, 0x1C), (0xFF, 0xFF, 0xFF)


def draw_icon(size: int, maskable: bool):
    """The favicon (a page with lines on a red square), drawn with Pillow at ``size``.

    Maskable icons fill the square and keep the drawing in the middle 80 %
    (the safe zone launchers crop to a circle or a rounded square)."""
    from PIL import Image, ImageDraw

    scale = 4  # draw large, then reduce: smooth edges
    s = size * scale
    img = Image.new("RGB" if maskable else "RGBA", (s, s), RED if maskable else (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if not maskable:
        d.rounded_rectangle([0, 0, s - 1, s - 1], radius=s * 4 // 24, fill=RED)
    inset = 0.1 if maskable else 0.0     # keep the mark inside the safe zone
    k = s * (1 - 2 * inset) / 24
    o = s * inset

    def rect(x0, y0, x1, y1, **kw):
        d.rectangle([o + x0 * k, o + y0 * k, o + x1 * k - 1, o + y1 * k - 1], **kw)

    # favicon.svg: page M7 5h9a2 2 0 0 1 2 2v12H7z; lines at y 8–10, 12–14, 16–17.
    d.rounded_rectangle([o + 7 * k, o + 5 * k, o + 18 * k - 1, o + 19 * k - 1], radius=2 * k, fill=WHITE)
    rect(7, 15, 18, 19, fill=WHITE)
    rect(9, 8, 16, 10, fill=RED)
    rect(9, 12, 16, 14, fill=RED)
    rect(9, 16, 13, 17, fill=RED)
    return img.resize((size, size), Image.LANCZOS)


def make_icons(out_dir: Path = ICON_DIR) -> list[Path]:
    out = []
    for name, (size, maskable) in ICONS.items():
        f = Path(out_dir) / name
        draw_icon(size, maskable).save(f, optimize=True)
        out.append(f)
    return out
