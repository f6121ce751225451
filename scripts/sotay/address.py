"""The address the handbook is published at: configured once, used everywhere, or nowhere.

The address comes from one place: ``site_url`` in mkdocs.yml, which reads the
``SITE_URL`` environment variable (``site_url: !ENV [SITE_URL, ""]``). Every
artifact that prints or encodes an address (QR codes and "Bản trực tuyến" lines
of the print views and PDFs, the addresses printed after links on paper, the
canonical links, ``sitemap.xml``, ``robots.txt``, the offline copy's
``DOC-TRUOC.txt``) asks :func:`published` and gets either the real address or
``""``.

Without a real address (a build for a preview, ``mkdocs serve``) the build
writes **no absolute address at all**: no QR codes, no online-address lines,
relative links in the print views, no sitemap (the sitemap protocol accepts
only absolute URLs, and a build without an address is not published where
search engines could crawl it), ``robots.txt`` without a ``Sitemap:`` line.
``mkdocs build`` says so once (:func:`warning`).

A loopback address (127.0.0.0/8, ``localhost``, ``::1``, ``0.0.0.0``) is never a
published address: ``mkdocs serve`` sets ``site_url`` to its own loopback
address, and that must not leak into anything a reader keeps. A *release*
(``make build RELEASE=1``, i.e. ``SOTAY_RELEASE=1``, or ``SITE_URL`` set) with
a missing or loopback address stops before building (:func:`check_release`),
and after building :func:`loopback_leaks` scans what was written.
"""
from __future__ import annotations

import ipaddress
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

RELEASE_ENV = "SOTAY_RELEASE"
SITE_URL_ENV = "SITE_URL"
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
# What a loopback address looks like inside a text (an http(s) URL or a bare host:port).
LOOPBACK_TEXT = re.compile(
    r"(?:https?://)?(?:127(?:\.\d{1,3}){3}|localhost|\[::1\]|0\.0\.0\.0)(?::\d+)?(?=[/\s\"'<>)]|$)", re.I)
# Files of the built site where the deployment guide may show a loopback address as an
# example (the page itself and the search index built from it).
EXAMPLE_PAGES = ("gioi-thieu/trien-khai/", "en/gioi-thieu/trien-khai/")
TEXT_SUFFIXES = (".html", ".xml", ".txt", ".json", ".js", ".css", ".webmanifest", ".svg", ".map")


class AddressError(ValueError):
    """The configured address cannot be used for this build."""


def is_loopback(url: str) -> bool:
    """True for an address on this machine only (127.x, localhost, ::1, 0.0.0.0)."""
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    if not host:
        return False
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def normalise(url: str) -> str:
    url = (url or "").strip()
    return url if not url or url.endswith("/") else url + "/"


def problem(url: str) -> str:
    """Why ``url`` is not a usable published address ('' when it is)."""
    url = (url or "").strip()
    if not url:
        return "chưa đặt địa chỉ"
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"'{url}' không phải địa chỉ web"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"'{url}' không phải địa chỉ web đầy đủ (cần dạng https://ten-mien/thu-muc/)"
    if parts.query or parts.fragment:
        return f"'{url}' có phần ?… hoặc #…"
    if is_loopback(url):
        return f"'{url}' là địa chỉ trên máy này (loopback), người đọc không mở được"
    return ""


def published(site_url: str | None = None) -> str:
    """The published address, ending in '/', or '' when there is none.

    ``site_url``: the value MkDocs has (mkdocs.yml's ``site_url``); when None,
    the ``SITE_URL`` of the run's settings (sotay.settings). A loopback or malformed address is
    treated as none."""
    url = _settings().site_url_env if site_url is None else site_url
    return "" if problem(url) else normalise(url)


def _settings():
    from . import settings

    return settings.current()


def is_release() -> bool:
    """A build meant for publishing: SOTAY_RELEASE=1 (make build RELEASE=1), or SITE_URL set
    (read once, by sotay.settings)."""
    s = _settings()
    return s.release or bool(s.site_url_env)


def check_release(site_url: str | None = None, release: bool | None = None) -> None:
    """Raise AddressError when a release build has no usable published address.
    ``release``: whether this is a release (default: :func:`is_release`)."""
    if not (is_release() if release is None else release):
        return
    url = _settings().site_url_env if site_url is None else site_url
    why = problem(url)
    if why:
        raise AddressError(
            f"bản phát hành cần địa chỉ công bố của sổ tay, nhưng {why}. "
            "Đặt SITE_URL=https://ten-mien/thu-muc/ (xem docs/gioi-thieu/trien-khai.md, mục Địa chỉ của sổ tay); "
            "muốn dựng thử không có địa chỉ thì bỏ RELEASE=1 và SITE_URL.")


def warning() -> str:
    """The one line a build without an address prints."""
    return ("CẢNH BÁO: chưa đặt địa chỉ công bố (SITE_URL) nên bản dựng này không ghi địa chỉ tuyệt đối nào: "
            "không có mã QR, dòng 'Bản trực tuyến', sitemap.xml; liên kết trong bản in là liên kết tương đối. "
            "Trước khi đưa lên mạng: SITE_URL=https://ten-mien/thu-muc/ make build RELEASE=1 "
            "(docs/gioi-thieu/trien-khai.md).")


def of_site(site_dir: Path) -> str:
    """The address a built site was made with ('' if none): its home page's canonical link."""
    home = Path(site_dir) / "index.html"
    try:
        text = home.read_text(encoding="utf-8")
    except OSError:
        return ""
    m = re.search(r'<link rel="canonical" href="([^"]*)"', text)
    return published(m.group(1)) if m else ""


def root_path(site_url: str) -> str:
    """The path the site is served under: '/' or '/sotay/' ('/' when there is no address)."""
    return (urlsplit(site_url).path or "/") if site_url else "/"


# Vendored libraries (Workbox's workbox-sw.js tests `"localhost" === location.hostname` to turn on its
# debug build): library code compares the reader's own host, it prints no address to anyone.
VENDOR_DIR = "assets/javascripts/vendor/"


def _is_example(rel: str) -> bool:
    return (rel.startswith(EXAMPLE_PAGES) or rel.startswith(VENDOR_DIR) or rel.startswith("search/")
            or rel.endswith("search_index.json") or rel.endswith("search_index.js"))


def loopback_leaks(site_dir: Path, limit: int = 20) -> list[str]:
    """'file: text' for every loopback address written into the built site (text files, and
    the text files inside the offline zip), except the deployment guide's own examples."""
    site_dir = Path(site_dir)
    out: list[str] = []

    def scan(rel: str, text: str, inner: str | None = None) -> None:
        if _is_example(inner if inner is not None else rel):
            return
        for m in LOOPBACK_TEXT.finditer(text):
            out.append(f"{rel}: …{text[max(0, m.start() - 40):m.end() + 20]!r}…")
            return

    for f in sorted(site_dir.rglob("*")):
        if len(out) >= limit:
            break
        rel = f.relative_to(site_dir).as_posix()
        if f.is_file() and f.suffix in TEXT_SUFFIXES:
            scan(rel, f.read_text(encoding="utf-8", errors="replace"))
        elif f.suffix == ".zip":
            with zipfile.ZipFile(f) as z:
                for info in z.infolist():
                    name = info.filename.split("/", 1)[-1]
                    if name.endswith(TEXT_SUFFIXES):
                        scan(f"{rel}/{name}", z.read(info).decode("utf-8", "replace"), inner=name)
    return out[:limit]
