"""The offline copy for computers and workshops: the built site as a zip that works from ``file://``.

Phones read offline through the service worker instead (``sotay.pwa``: "Lưu cả
sổ tay"); the home page's box (``<!-- sotay:offline-zip -->``, ``marker_html``)
offers both, the zip as the copy for a computer or a training room.

Made from the finished ``site/`` (after the print views, PDFs and Word files are
written), so the copy holds exactly what the web site holds, in both languages.
The changes are those Material's ``offline`` plugin makes, done on the built
files instead of in a second MkDocs build:

* links to a folder (``huong-dan/``, ``..``) get ``index.html``: a browser shows a
  folder listing for ``file:///…/huong-dan/``, not the page; so does the
  ``<meta http-equiv="refresh">`` of the redirect pages at old addresses
  (``sotay.redirects``);
* the search index is written as a script, ``search/search_index.js``
  (``var __index = …``, with the documents of both languages:
  ``sotay.search.offline_script``), which Material loads instead of fetching
  the JSON when the page is a file; the entries' addresses get ``index.html`` too;
* every page loads the vendored iframe-worker shim
  (``assets/javascripts/vendor/iframe-worker-shim.js``) before Material's
  bundle. Browsers refuse ``new Worker()`` on ``file://``; the shim runs the
  search worker (our Vietnamese wrapper and Material's worker) in a hidden
  iframe instead. Material's plugin would load it from a CDN;
* the home pages' download paragraph (``<!-- sotay:offline-zip -->``) says that
  this is the offline copy, of which date, and where the current one is;
* files a reader does not need offline are left out: source maps, the JSON
  index (the script copy replaces it), sitemaps, 404 pages, the web app
  manifest (and its link), robots.txt, lunr (our search worker does not use
  it), the JSON search files;
* nothing of the service worker: a page opened from ``file://`` registers none
  (``offline.js`` and its script tag, ``sw.js``, the vendored Workbox and the
  worker's "not saved" pages are left out).

Why not a second ``mkdocs build`` with ``offline`` enabled: it doubles the build
time, and the print views and PDFs are made from the built pages of the web
site (``sotay.printbook`` reads ``<page>/index.html``), which the offline
plugin's ``use_directory_urls: false`` renames to ``<page>.html``.

The zip goes to ``site/`` (published next to the home page, which links to it
with its size and date) and ``dist/``; ``dist/offline.json`` records name,
size, date and SHA-256.

Run by hand: ``python -m sotay offline [SITE_DIR]`` (``make offline``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html as htmlmod
import json
import os
import posixpath
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import model, pwa, search, text
from .strings import table as string_table

ZIP_NAME = "so-tay-sinh-hoat-chi-bo-ngoai-tuyen.zip"
FOLDER = "so-tay-sinh-hoat-chi-bo"          # the folder the zip unpacks to
INFO_NAME = "offline.json"                   # in dist/
SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
BLOCK = re.compile(r'<div class="admonition tip sotay-offline[ "][^>]*>.*?</div>', re.S)

# Left out of the copy (paths relative to the site root, posix).
SKIP_NAMES = {"sitemap.xml", "sitemap.xml.gz", "404.html", "robots.txt", "manifest.webmanifest", ZIP_NAME,
              pwa.SW_NAME, pwa.FALLBACK}
SKIP_SUFFIXES = (".map",)
SKIP_PATHS = (pwa.VENDOR + "/", pwa.PAGE_SCRIPT, pwa.SW_LOGIC)   # the service worker and its library (sotay.pwa)
PWA_SCRIPT = re.compile(r'\s*<script src="[^"]*%s"[^>]*></script>' % re.escape(pwa.PAGE_SCRIPT))

L = string_table("offline")  # the texts in each language (sotay.strings)


# --------------------------------------------------------------------------
# The offline box of the home and about pages (render.expand_markers: <!-- sotay:offline-zip -->)
# --------------------------------------------------------------------------


def root_prefix(src: str, lang: str) -> str:
    """From a page (docs/ path) to the site root: 'gioi-thieu/index.en.md' -> '../../'."""
    base = model.base_name(src)[: -len(".md")]
    parts = base.split("/")
    if parts[-1] == "index":
        parts = parts[:-1]
    depth = len(parts) + (0 if lang == model.DEFAULT_LANG else 1)
    return "../" * depth


def marker_html(lang: str, src: str = "index.md") -> str:
    """The offline box: save the handbook in this browser (service worker, ``sotay.pwa`` and
    ``assets/javascripts/offline.js``), install it on a phone, or download the zip for a computer.

    Sizes and the zip's date are filled in after the build (``pwa.fill_sizes``, ``fill_meta``).
    Raw HTML (MkDocs does not check it): the zip is written by the build, not in docs/. No inner
    <div>: the offline copy replaces the box up to its first </div>. The buttons are enabled by
    offline.js where the browser can save (no script, no button)."""
    t = L.get(lang, L["vi"])
    href = root_prefix(src, lang) + ZIP_NAME
    anchor = "ban-ngoai-tuyen" if lang == "vi" else "offline-copy"

    def group(name: str, label: str, size: str, primary: bool) -> str:
        cls = "md-button md-button--primary" if primary else "md-button"
        return (f'<p class="sotay-save" data-group="{name}">\n'
                f'<button type="button" class="{cls}" data-act="save" disabled>{label}</button>\n'
                f'<span class="sotay-save__size">{size.format(group=name)}</span>\n'
                f'<progress class="sotay-save__bar" max="100" value="0" aria-label="{t["progress"]}" hidden></progress>\n'
                f'<span class="sotay-save__status" role="status" aria-live="polite"></span>\n'
                f'<button type="button" class="sotay-save__forget" data-act="forget" hidden></button>\n</p>\n')

    return (f'<div class="admonition tip sotay-offline sotay-screen-only" id="{anchor}" data-lang="{lang}">\n'
            f'<p class="admonition-title">{t["title"]}</p>\n'
            f'<p class="sotay-offline__intro">{t["intro"]} {t["private"]}</p>\n'
            + group(lang, t["save"], t["save_size"], True)
            + group(f"pdf-{lang}", t["pdf"], t["pdf_size"], False)
            + f'<details class="sotay-install">\n<summary>{t["install"]}</summary>\n<ul>\n'
            f'<li>{t["android"]} <button type="button" class="md-button" data-act="install" hidden>{t["install_now"]}</button></li>\n'
            f'<li>{t["ios"]}</li>\n</ul>\n</details>\n'
            f'<p class="sotay-offline__zip"><strong>{t["computer"]}</strong> <a href="{href}" download>{t["link"]}</a> '
            f'(<span data-sotay-offline-meta>{t["zip"]}</span>): {t["what"]}. {t["how"].format(folder=FOLDER)}</p>\n'
            f'</div>\n')


def human_size(n: int, lang: str) -> str:
    mb = n / 1_000_000
    s = f"{mb:.1f} MB" if mb >= 1 else f"{n / 1000:.0f} KB"
    return s.replace(".", ",") if lang == "vi" else s


def fill_meta(site_dir: Path, info: dict) -> int:
    """Write the zip's size and date into every page with the offline box (home and about pages)."""
    n = 0
    d = dt.date.fromisoformat(info["date"])
    for f in site_dir.rglob("index.html"):
        text = f.read_text(encoding="utf-8")
        if "<span data-sotay-offline-meta>" not in text:
            continue
        rel = f.relative_to(site_dir).as_posix()
        lang = next((x for x in model.LANGS if x != model.DEFAULT_LANG and rel.startswith(f"{x}/")), model.DEFAULT_LANG)
        meta = L[lang]["size"].format(size=human_size(info["bytes"], lang), date=_fmt(d, lang))
        new = re.sub(r"<span data-sotay-offline-meta>[^<]*</span>",
                     f"<span data-sotay-offline-meta>{htmlmod.escape(meta)}</span>", text)
        if new != text:
            f.write_text(new, encoding="utf-8")
            n += 1
    return n


def _fmt(d: dt.date, lang: str) -> str:
    return text.fmt_date(d, lang, "iso")  # the one formatter


# --------------------------------------------------------------------------
# Rewriting the built pages for file://
# --------------------------------------------------------------------------

ATTR = re.compile(r'(\s(?:href|src)=)("([^"]*)"|\'([^\']*)\')')
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def file_url(url: str, page_rel: str) -> str:
    """A link as it must be from file://: folders end with index.html; /root paths become relative.

    ``page_rel`` is the page's path in the site (``huong-dan/x/index.html``).
    """
    if not url or url.startswith("#") or url.startswith("//") or SCHEME.match(url):
        return url
    parts = urlsplit(url)
    path = parts.path
    if not path:  # '?q' or '#x' on the same page
        return url
    if path.startswith("/"):
        rel = posixpath.relpath(path.lstrip("/") or ".", posixpath.dirname(page_rel) or ".")
        path = rel + ("/" if path.endswith("/") and not rel.endswith("/") else "")
    last = path.rsplit("/", 1)[-1]
    if path.endswith("/") or last in (".", ".."):
        path = path.rstrip("/") + "/index.html" if path not in ("/",) else "index.html"
        if path.startswith("/"):
            path = path[1:]
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def rewrite_links(text: str, page_rel: str) -> str:
    def sub(m: re.Match) -> str:
        q = '"' if m.group(3) is not None else "'"
        old = m.group(3) if m.group(3) is not None else m.group(4)
        return f"{m.group(1)}{q}{file_url(htmlmod.unescape(old), page_rel).replace(q, '%22')}{q}"

    return ATTR.sub(sub, text)


def shim_tag(page_rel: str) -> str:
    rel = posixpath.relpath(SHIM, posixpath.dirname(page_rel) or ".")
    return f'<script src="{rel}"></script>'


REFRESH = re.compile(r'(<meta http-equiv="refresh" content="\d+; url=)([^"]*)(")')


def offline_page(text: str, page_rel: str, built: dt.date, site_url: str) -> str:
    text = rewrite_links(text, page_rel)
    # The redirect pages at old addresses (sotay.redirects): their target is a folder too.
    text = REFRESH.sub(lambda m: m.group(1) + htmlmod.escape(file_url(htmlmod.unescape(m.group(2)), page_rel)) + m.group(3),
                       text)
    text = re.sub(r'\s*<link rel="manifest" href="[^"]*">', "", text)  # a folder on disk is not an installable app
    text = PWA_SCRIPT.sub("", text)  # no service worker from file://
    if SHIM.rsplit("/", 1)[-1] not in text and "</head>" in text:
        text = text.replace("</head>", shim_tag(page_rel) + "\n</head>", 1)

    def block(m: re.Match) -> str:
        lang = "en" if 'data-lang="en"' in m.group(0) else model.DEFAULT_LANG
        t = L[lang]
        url = site_url + ("" if lang == model.DEFAULT_LANG else f"{lang}/") if site_url else ""
        update = t["update"].format(url=htmlmod.escape(url)) if url else t["update_no_url"]
        return (f'<div class="admonition tip sotay-offline sotay-screen-only"><p class="admonition-title">{t["title"]}</p>'
                f'<p>{t["here"].format(date=_fmt(built, lang))} {update}</p></div>')

    return BLOCK.sub(block, text)


def offline_index(data: dict) -> dict:
    """Search entries point at files: 'huong-dan/x/#a' -> 'huong-dan/x/index.html#a'."""
    for doc in data.get("docs", []):
        loc = doc.get("location", "")
        path, _, frag = loc.partition("#")
        if path == "" or path.endswith("/"):
            path = path + "index.html"
        doc["location"] = path + (f"#{frag}" if frag else "")
    return data


def _skip(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    if name in SKIP_NAMES or rel.endswith(SKIP_SUFFIXES) or rel.startswith("search/") \
            or rel.startswith(SKIP_PATHS):
        return True
    return unused_search_file(rel)


def unused_search_file(rel: str) -> bool:
    """Search runs in our own worker (sotay.search): Material's worker and lunr are never loaded."""
    name = rel.rsplit("/", 1)[-1]
    return rel.startswith("assets/javascripts/lunr/") or (rel.startswith("assets/javascripts/workers/")
                                                          and name != search.WORKER.rsplit("/", 1)[1])


def site_url_of(site_dir: Path) -> str:
    """The published address the site was built with, or '' (sotay.address)."""
    from . import address

    return address.of_site(site_dir)


def make_copy(site_dir: Path, dest: Path, built: dt.date | None = None) -> dict:
    """Write the offline copy of ``site_dir`` into ``dest`` (a new folder). Returns counts."""
    built = built or build_date()
    site_url = site_url_of(site_dir)
    if not (site_dir / SHIM).exists():
        raise SystemExit(f"offline: {SHIM} is missing from the site (it lives in docs/{SHIM})")
    pages = files = 0
    for dirpath, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in sorted(names):
            src = Path(dirpath) / name
            rel = src.relative_to(site_dir).as_posix()
            if _skip(rel):
                continue
            out = dest / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(".html"):
                text = src.read_text(encoding="utf-8")
                out.write_text(offline_page(text, rel, built, site_url), encoding="utf-8")
                pages += 1
            else:
                shutil.copy2(src, out)
            files += 1
    if (site_dir / search.INDEX).exists():
        # Every document of both languages (the worker cannot fetch files on file://).
        (dest / "search").mkdir(exist_ok=True)
        (dest / search.OFFLINE_INDEX).write_text(search.offline_script(site_dir, offline_index), encoding="utf-8")
        files += 1
    readme = dest / "DOC-TRUOC.txt"
    readme.write_text(
        "Sổ tay sinh hoạt chi bộ — bản đọc không cần mạng\n\n"
        "Mở tệp index.html trong thư mục này bằng trình duyệt (Chrome, Edge, Firefox, Safari).\n"
        "Tìm kiếm, bản in, PDF và biểu mẫu Word đều dùng được khi không có mạng.\n"
        f"Bản này dựng ngày {_fmt(built, 'vi')}. "
        + (f"Bản mới nhất: {site_url}\n\n" if site_url else "Bản mới nhất: hỏi người gửi bản này.\n\n")
        + "Party Cell Meeting Handbook — offline copy\n\n"
        "Open index.html (Vietnamese) or en/index.html (English) in a browser.\n"
        f"Built on {built.isoformat()}. "
        + (f"Current edition: {site_url}\n" if site_url else "Current edition: ask whoever gave you this copy.\n"),
        encoding="utf-8")
    return {"pages": pages, "files": files + 1}


def build_date() -> dt.date:
    """The date a build carries (the zip, the service worker's version): the run's
    (sotay.settings: SOURCE_DATE_EPOCH) or today."""
    from . import settings

    return settings.current().today()


def write_zip(folder: Path, zip_path: Path, built: dt.date) -> None:
    """Deterministic for the same files: sorted entries, the build date as every file's time."""
    stamp = (built.year, built.month, built.day, 0, 0, 0)
    tmp = zip_path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for dirpath, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                f = Path(dirpath) / name
                arc = f"{FOLDER}/{f.relative_to(folder).as_posix()}"
                info = zipfile.ZipInfo(arc, date_time=stamp)
                info.compress_type = zipfile.ZIP_STORED if name.endswith((".png", ".pdf", ".docx", ".gz")) \
                    else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, f.read_bytes(), compresslevel=6)
    tmp.replace(zip_path)


def build(site_dir: Path, dist_dir: Path | None = None, built: dt.date | None = None) -> dict:
    """The offline zip of ``site_dir``: written to site_dir/ZIP_NAME (and dist_dir/), home pages updated."""
    t0 = time.perf_counter()
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").exists():
        raise SystemExit(f"offline: no site in {site_dir} (run `make build` first)")
    built = built or build_date()
    zip_path = site_dir / ZIP_NAME
    with tempfile.TemporaryDirectory(prefix="sotay-offline-") as tmp:
        folder = Path(tmp) / FOLDER
        counts = make_copy(site_dir, folder, built)
        write_zip(folder, zip_path, built)
    data = zip_path.read_bytes()
    info = {"name": ZIP_NAME, "bytes": len(data), "date": built.isoformat(),
            "sha256": hashlib.sha256(data).hexdigest(), "pages": counts["pages"], "files": counts["files"],
            "folder": FOLDER}
    fill_meta(site_dir, info)
    if dist_dir is not None:
        dist_dir = Path(dist_dir)
        dist_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(zip_path, dist_dir / ZIP_NAME)
        (dist_dir / INFO_NAME).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    info["seconds"] = round(time.perf_counter() - t0, 2)
    return info


def export(site_dir: Path) -> int:
    """The ``offline`` exporter (run last by ``python -m sotay build``)."""
    from . import settings

    s = settings.current()
    if not s.offline_zip:
        print("offline: bỏ qua (SOTAY_OFFLINE=0)")
        return 0
    site_dir = Path(site_dir)
    # dist/ gets a copy only for the project's own site/ (not for benchmark or test builds).
    dist = s.root / "dist" if site_dir.resolve() == s.site_dir.resolve() else None
    info = build(site_dir, dist)
    print(f"offline: {info['name']} — {human_size(info['bytes'], 'en')}, {info['pages']} trang, "
          f"{info['files']} tệp, {info['seconds']} s")
    return 0
