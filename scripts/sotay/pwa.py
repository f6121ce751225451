"""The handbook on a phone with no signal: the service worker, its precache manifest and the save box.

The worker is Workbox (npm ``workbox-*``, vendored under
``docs/assets/javascripts/vendor/workbox/`` by ``python -m sotay pwa vendor``;
nothing is loaded from a CDN: ``workbox-sw`` gets ``modulePathPrefix``). Our own
logic is ``docs/assets/javascripts/offline-sw.js`` (the worker) and
``docs/assets/javascripts/offline.js`` (registration, update notice, save box).
This module, run by ``python -m sotay build`` after every other exporter, writes
into the built site:

* ``sw.js`` at the site root (so it controls ``/`` and ``/en/``): the build
  version, the precache manifests and two ``importScripts`` lines. Every file is
  listed with a revision (its SHA-256, which is also its Subresource Integrity
  value), its size, and the size it takes in the cache (text is stored gzipped):

  - ``shell``: what every page needs (CSS, JavaScript, SVG icons, the web app
    manifests, both home pages and the pages shown for a page not saved);
    Workbox precaches it when the worker installs;
  - ``content``: every other page, the search files (whatever ``site/search/``
    holds), Word forms and other linked files; kept when a reader opens them,
    and all of a language's by "Lưu cả sổ tay";
  - ``pdf``: the PDF handbooks, kept only when the reader asks for them.

  Groups name what one button saves: ``vi`` and ``en`` (pages with their print
  views, search, Word forms: the files each language's pages link to), ``pdf-vi``
  and ``pdf-en``.
* ``offline.html`` and ``en/offline.html``: the page shown for a page that is not
  saved while there is no network (made like the 404 pages, ``sotay.deploy``).
* the sizes in the save box of the pages that have it (``<!-- sotay:offline-zip -->``,
  markup in ``sotay.offline.marker_html``).

Run by hand: ``python -m sotay pwa build [SITE]``; ``python -m sotay pwa vendor``
refreshes the vendored Workbox files from the npm registry (``WORKBOX_VERSION``).
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import html as htmlmod
import json
import os
import posixpath
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import model
from .strings import table as string_table

WORKBOX_VERSION = "7.4.1"
# npm package -> the production file the site needs (build/ in the package).
WORKBOX_FILES = {
    "workbox-sw": "workbox-sw.js",                      # the loader (importScripts in sw.js)
    "workbox-core": "workbox-core.prod.js",
    "workbox-routing": "workbox-routing.prod.js",
    "workbox-strategies": "workbox-strategies.prod.js",
    "workbox-precaching": "workbox-precaching.prod.js",
    "workbox-window": "workbox-window.prod.umd.js",     # in the page: registration and update flow
}
VENDOR = "assets/javascripts/vendor/workbox"           # in docs/ and in the built site
VENDOR_DIR = model.DOCS / VENDOR
LICENSE_NAME = "LICENSE-workbox.txt"
SW_NAME = "sw.js"
SW_LOGIC = "assets/javascripts/offline-sw.js"
PAGE_SCRIPT = "assets/javascripts/offline.js"
FALLBACK = "offline.html"                               # per language: offline.html, en/offline.html

VENDOR_HEADER = (
    "/*! {pkg} {version} (npm package {pkg}, file build/{file}), MIT License, Copyright Google LLC.\n"
    " * Full text: {license} beside this file. Vendored for the service worker of Sổ tay sinh hoạt chi bộ\n"
    " * (scripts/sotay/pwa.py). Do not edit; refresh with `python -m sotay pwa vendor`. */\n")


# --------------------------------------------------------------------------
# Vendoring Workbox from the npm registry
# --------------------------------------------------------------------------


def vendor(version: str = WORKBOX_VERSION, dest: Path = VENDOR_DIR) -> list[Path]:
    """Fetch the Workbox packages with ``npm pack`` and copy their production files into ``dest``.

    Source maps are left out (and their comment removed), so the site requests
    no file it does not have. Each file gets a header naming package, version and licence."""
    if not shutil.which("npm"):
        raise SystemExit("pwa vendor: npm not found (sudo apt-get install npm)")
    dest = Path(dest)
    out = []
    with tempfile.TemporaryDirectory(prefix="sotay-workbox-") as tmp:
        tmp = Path(tmp)
        for pkg in WORKBOX_FILES:
            r = subprocess.run(["npm", "pack", f"{pkg}@{version}", "--silent", "--pack-destination", str(tmp)],
                               capture_output=True, text=True)
            if r.returncode:
                raise SystemExit(f"pwa vendor: npm pack {pkg}@{version} failed:\n{r.stderr[-1500:]}")
        dest.mkdir(parents=True, exist_ok=True)
        for old in dest.iterdir():
            old.unlink()
        licence = None
        for pkg, name in WORKBOX_FILES.items():
            with tarfile.open(tmp / f"{pkg}-{version}.tgz") as t:
                text = t.extractfile(f"package/build/{name}").read().decode("utf-8")
                lic = t.extractfile("package/LICENSE").read().decode("utf-8")
            if licence is not None and lic != licence:
                raise SystemExit(f"pwa vendor: {pkg} has a different LICENSE; keep one file per licence")
            licence = lic
            text = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)
            f = dest / name
            f.write_text(VENDOR_HEADER.format(pkg=pkg, version=version, file=name, license=LICENSE_NAME) + text,
                         encoding="utf-8")
            out.append(f)
        (dest / LICENSE_NAME).write_text(licence, encoding="utf-8")
        out.append(dest / LICENSE_NAME)
    return out


def vendored_version(dest: Path = VENDOR_DIR) -> dict[str, str]:
    """{file: version} from the headers of the vendored files."""
    found = {}
    for name in WORKBOX_FILES.values():
        f = Path(dest) / name
        m = re.match(r"/\*! (\S+) (\S+) ", f.read_text(encoding="utf-8")) if f.exists() else None
        found[name] = m.group(2) if m else ""
    return found


# --------------------------------------------------------------------------
# What the site holds: shell, content, PDFs, and the groups a button saves
# --------------------------------------------------------------------------

# Text is stored gzipped in the cache (offline-sw.js, CompressionStream); these are text.
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".webmanifest", ".txt", ".xml")
# Not for a reader on a phone: built for file:// or for search engines, or the worker itself.
SKIP_NAMES = {"sitemap.xml", "sitemap.xml.gz", "robots.txt", "404.html", SW_NAME}
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")   # as deploy/nginx/sotay.conf's "immutable" rule
LINK = re.compile(r'<(?:a|link|script|img|source)\b[^>]*?\s(?:href|src)=(?:"([^"]*)"|\'([^\']*)\')')
# A Word or PDF file named in a page's data (the tools' JSON: {"docx": "../x.docx"}), relative to the page.
DATA_FILE = re.compile(r'"([^"\s<>:]+\.(?:docx|pdf))"')


def _lang_of(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in model.LANGS and first != model.DEFAULT_LANG else model.DEFAULT_LANG


def _lang_dir(lang: str) -> str:
    return "" if lang == model.DEFAULT_LANG else f"{lang}/"


def _skip(rel: str) -> bool:
    from .offline import SHIM, ZIP_NAME, unused_search_file

    name = rel.rsplit("/", 1)[-1]
    if name in SKIP_NAMES or name == ZIP_NAME or rel.endswith(".map") or rel == SHIM or rel == SW_LOGIC:
        return True
    if rel.startswith(VENDOR + "/"):   # the worker's own modules are kept with the worker by the browser
        return name != WORKBOX_FILES["workbox-window"]
    if rel.startswith(SHIM.rsplit("/", 1)[0] + "/") and "iframe-worker" in name:
        return True                    # file:// only (the zip)
    return unused_search_file(rel)     # as the offline zip leaves out


def url_of(rel: str) -> str:
    """The address of a built file, relative to the site root: 'huong-dan/x/index.html' -> 'huong-dan/x/'."""
    if rel == "index.html":
        return "./"
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def _is_shell(rel: str) -> bool:
    # PNG icons are for installing (the system keeps its own copy) and old browsers: saved with the pages
    # that link them, not downloaded on every first visit.
    if rel.startswith("assets/"):
        return not rel.endswith(".png")
    return rel in {f"{_lang_dir(lang)}{name}" for lang in model.LANGS
                   for name in ("index.html", FALLBACK, "manifest.webmanifest")}


def _search_file_langs(rel: str) -> set[str]:
    """Languages a file under search/ serves: all, unless its path names one language ('search/en/…',
    'search_index.vi.json'). The list of files comes from the built site, never from names known here."""
    tokens = set(re.split(r"[/._-]", rel[len("search/"):]))
    named = tokens & set(model.LANGS)
    return named or set(model.LANGS)


def revision(data: bytes) -> str:
    """SHA-256, base64url without padding: the Workbox revision (a query parameter) and, as
    standard base64, the Subresource Integrity value the worker checks every download against."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).decode().rstrip("=")


def integrity(rev: str) -> str:
    return "sha256-" + rev.replace("-", "+").replace("_", "/") + "=" * (-len(rev) % 4)


def stored_size(rel: str, data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0)) if rel.endswith(COMPRESSIBLE) else len(data)


def _links(html: str, rel: str, files: set[str]) -> set[str]:
    """Files of the site that a page links to or loads (paths relative to the site root)."""
    out = set()
    here = posixpath.dirname(rel)
    named = [m.group(1) if m.group(1) is not None else m.group(2) for m in LINK.finditer(html)]
    for u in named + [m.group(1) for m in DATA_FILE.finditer(html)]:
        u = htmlmod.unescape(u)
        if not u or u.startswith(("#", "//", "data:", "mailto:", "tel:", "javascript:")) or re.match(r"^[a-z][a-z0-9+.-]*:", u):
            continue
        path = unquote(urlsplit(u).path)
        if not path:
            continue
        target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(here, path))
        if target == ".":
            target = "index.html"
        elif path.endswith(("/", "/.", "/..")) or path in (".", ".."):
            target += "/index.html"
        if target in files:
            out.add(target)
    return out


def collect(site_dir: Path) -> dict:
    """The manifest of the built site: {'shell': [...], 'content': [...], 'pdf': [...], 'groups': {...}}.

    Each entry is (url, revision, bytes, stored bytes), url relative to the site root."""
    site_dir = Path(site_dir)
    files: dict[str, bytes] = {}
    for f in sorted(site_dir.rglob("*")):
        if f.is_file():
            rel = f.relative_to(site_dir).as_posix()
            if not _skip(rel):
                files[rel] = f.read_bytes()
    entries = {rel: (url_of(rel), revision(data), len(data), stored_size(rel, data)) for rel, data in files.items()}
    shell = [rel for rel in files if _is_shell(rel)]
    pdf = [rel for rel in files if rel.endswith(".pdf")]
    content = [rel for rel in files if rel not in shell and rel not in pdf]
    index = {rel: i for i, rel in enumerate(content)}
    pindex = {rel: i for i, rel in enumerate(pdf)}
    names = set(files)
    groups: dict[str, set[int]] = {}
    for lang in model.LANGS:
        g, p = set(), set()
        for rel in files:
            if not rel.endswith(".html") or _lang_of(rel) != lang:
                continue
            if rel in index:
                g.add(index[rel])
            for target in _links(files[rel].decode("utf-8", "replace"), rel, names):
                if target in pindex:
                    p.add(pindex[target])
                elif target in index and not target.endswith(".html"):
                    g.add(index[target])
        for rel in content:
            if rel.startswith("search/") and lang in _search_file_langs(rel):
                g.add(index[rel])

        groups[lang] = g
        groups[f"pdf-{lang}"] = p
    return {
        "shell": [entries[r] for r in shell],
        "content": [entries[r] for r in content],
        "pdf": [entries[r] for r in pdf],
        "groups": {k: sorted(v) for k, v in groups.items()},
    }


def sizes(man: dict) -> dict[str, dict[str, int]]:
    """What each save button costs: files, bytes on the server, bytes in the cache (shell included
    for the language groups: a reader offline needs it too)."""
    shell_bytes = sum(e[2] for e in man["shell"])
    shell_stored = sum(e[3] for e in man["shell"])
    out = {}
    for name, idx in man["groups"].items():
        pool = man["pdf"] if name.startswith("pdf-") else man["content"]
        es = [pool[i] for i in idx]
        extra = (0, 0, 0) if name.startswith("pdf-") else (len(man["shell"]), shell_bytes, shell_stored)
        out[name] = {"files": len(es) + extra[0], "bytes": sum(e[2] for e in es) + extra[1],
                     "stored": sum(e[3] for e in es) + extra[2]}
    return out


def version_of(man: dict, logic: bytes) -> str:
    h = hashlib.sha256()
    for part in ("shell", "content", "pdf"):
        for e in man[part]:
            h.update(f"{part} {e[0]} {e[1]}\n".encode())
    h.update(hashlib.sha256(logic).digest())
    h.update(WORKBOX_VERSION.encode())
    return h.hexdigest()[:12]


# --------------------------------------------------------------------------
# Writing into the built site
# --------------------------------------------------------------------------

L = string_table("pwa")  # the texts in each language (sotay.strings)


def _write(path: Path, text: str) -> None:
    """Write by replacing the file (a new inode): a site copied with hard links keeps its own file."""
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_fallback_pages(site_dir: Path) -> list[Path]:
    """offline.html per language: what the worker shows for a page not saved while there is no network."""
    from . import deploy

    root_path = urlsplit(deploy.site_url(site_dir)).path or "/"
    out = []
    for lang in model.LANGS:
        home = site_dir / _lang_dir(lang) / "index.html"
        if not home.exists():
            continue
        t = L[lang]
        page_dir = root_path + _lang_dir(lang)
        article = (f'<h1 id="offline">{htmlmod.escape(t["title"])}</h1>\n<p>{htmlmod.escape(t["lead"])}</p>\n<ul>\n'
                   f'<li><a href="{page_dir}">{htmlmod.escape(t["home"])}</a></li>\n'
                   f'<li>{htmlmod.escape(t["read"])}</li>\n<li>{htmlmod.escape(t["save"])}</li>\n'
                   f'<li>{htmlmod.escape(t["retry"])}</li>\n</ul>\n')
        f = site_dir / _lang_dir(lang) / FALLBACK
        _write(f, deploy.page_from_home(home.read_text(encoding="utf-8"), lang, root_path, t["title"], article))
        out.append(f)
    return out


SIZE_SPAN = re.compile(r'(<span data-sotay-size="([a-z-]+)">)[^<]*(</span>)')


def fill_sizes(site_dir: Path, size: dict[str, dict[str, int]]) -> int:
    """Put each save button's size into the pages that show it (the box of sotay.offline.marker_html)."""
    from .offline import human_size

    n = 0
    for f in site_dir.rglob("index.html"):
        text = f.read_text(encoding="utf-8")
        if "data-sotay-size=" not in text:
            continue
        lang = _lang_of(f.relative_to(site_dir).as_posix())
        t = L[lang]

        def sub(m: re.Match) -> str:
            s = size.get(m.group(2))
            if not s:
                return m.group(0)
            label = (t["pdf"].format(n=s["files"], size=human_size(s["stored"], lang)) if m.group(2).startswith("pdf-")
                     else t["size"].format(size=human_size(s["stored"], lang)))
            return m.group(1) + htmlmod.escape(label) + m.group(3)

        new = SIZE_SPAN.sub(sub, text)
        if new != text:
            _write(f, new)
            n += 1
    return n


def worker_script(man: dict, version: str, built: str, logic_rev: str) -> str:
    data = {
        "version": version,
        "date": built,
        "workbox": VENDOR + "/",
        "langs": {lang: _lang_dir(lang) for lang in model.LANGS},
        "fallback": {lang: _lang_dir(lang) + FALLBACK for lang in model.LANGS},
        # Fingerprinted files (Material's bundle.<hash>.min.js…) get a 5th item: Workbox may take them
        # from the browser's HTTP cache (a new content has a new name), saving a second download.
        "shell": [list(e) + ([1] if FINGERPRINTED.search(e[0]) else []) for e in man["shell"]],
        "content": [list(e) for e in man["content"]],
        "pdf": [list(e) for e in man["pdf"]],
        "groups": man["groups"],
    }
    return ("/* Sổ tay sinh hoạt chi bộ: service worker. Written by scripts/sotay/pwa.py at each build; do not edit.\n"
            " * self.__SOTAY: the build version and the files of this build, each [url, revision (SHA-256),\n"
            " * bytes, bytes stored]; the logic is offline-sw.js, the library Workbox (vendored, no CDN). */\n"
            f"self.__SOTAY = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n"
            f'importScripts("{VENDOR}/{WORKBOX_FILES["workbox-sw"]}", "{SW_LOGIC}?v={logic_rev[:16]}");\n')


def build(site_dir: Path, built: str | None = None) -> dict:
    """Write the fallback pages, the sizes of the save box and sw.js into ``site_dir``. Returns figures."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").exists():
        raise SystemExit(f"pwa: no site in {site_dir} (run `make build` first)")
    logic = site_dir / SW_LOGIC
    if not logic.exists() or not (site_dir / VENDOR / WORKBOX_FILES["workbox-sw"]).exists():
        raise SystemExit(f"pwa: {SW_LOGIC} or {VENDOR}/ is missing from the site (they live in docs/)")
    write_fallback_pages(site_dir)
    fill_sizes(site_dir, sizes(collect(site_dir)))   # sizes first: they change the pages that show them
    man = collect(site_dir)
    logic_bytes = logic.read_bytes()
    version = version_of(man, logic_bytes)
    from .offline import build_date

    built = built or build_date().isoformat()
    sw = worker_script(man, version, built, revision(logic_bytes))
    _write(site_dir / SW_NAME, sw)
    return {"version": version, "date": built, "sizes": sizes(man), "sw_bytes": len(sw.encode()),
            "files": {k: len(man[k]) for k in ("shell", "content", "pdf")}}


def export(site_dir: Path) -> int:
    """The ``pwa`` exporter (run last by ``python -m sotay build``)."""
    from .offline import human_size

    info = build(Path(site_dir))
    s = info["sizes"]
    print(f"pwa: sw.js {info['version']} ({human_size(info['sw_bytes'], 'en')}); lưu cả sổ tay: "
          + ", ".join(f"{k} {human_size(v['stored'], 'en')} ({v['files']} tệp)" for k, v in s.items()))
    return 0
