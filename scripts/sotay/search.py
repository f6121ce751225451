"""Search data, shared by the build, the offline copy and the benchmarks.

The search itself runs in the browser, in our worker
``docs/assets/javascripts/workers/sotay-search.js`` (why a worker of our own,
and how it indexes and ranks: its header comment). This module writes what it
reads, after mkdocs-static-i18n has merged both languages into Material's
``search/search_index.json``:

* ``search/sotay-vi.json`` and ``search/sotay-en.json`` (``LANGUAGE_FILES``):
  each language's documents exactly as Material's search plugin wrote them
  (``location``, ``title``, ``text``, ``tags``), NFC, plus a ``boost`` for
  section index pages (they list every page of their section and would
  otherwise outrank the pages themselves), ``asked`` on a page's own entry:
  its front matter's ``asked_as``, the everyday words readers type for it
  (indexed like tags, never shown), and in ``config.sotay`` the
  glossary's abbreviations and the language's synonyms (``synonym_tables``). The worker
  fetches its language's file when search is first opened, or earlier, at
  idle, on a fast connection (``lazy-search.js``).
* ``search/search_index.json``: Material's index without documents. Material's
  page script still downloads it (for its settings, e.g. the separator its
  page highlighter uses after a result is opened) and hands it to the worker;
  with the documents left out, the page's own thread never parses them.
* the offline copy's ``search/search_index.js`` (``offline_script``): Material
  loads it with a script tag on file://, where no worker can fetch; it holds
  the documents of both languages, which the worker takes from Material's
  setup message instead.

Files a service worker must cache for search to work offline:
``SEARCH_FILES`` (relative to the site root).

Material's internals this relies on are listed in ``MATERIAL_ASSUMPTIONS``;
each has a test in tests/test_search.py that fails naming the assumption.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from .model import DEFAULT_LANG, LANGS, ROOT, Abbreviation, Page, Terms, cached_terms
from .text import nfc

INDEX = Path("search") / "search_index.json"
OFFLINE_INDEX = Path("search") / "search_index.js"  # the offline copy (file://)
WORKER = "assets/javascripts/workers/sotay-search.js"
LAZY = "assets/javascripts/lazy-search.js"
LANGUAGE_FILES = {lang: f"search/sotay-{lang}.json" for lang in LANGS}
# What search needs from the server: Material's settings, our worker, each language's documents.
SEARCH_FILES = [INDEX.as_posix(), WORKER, LAZY, *LANGUAGE_FILES.values()]

# Section index pages (and the home page) rank below the pages they list.
TYPE_BOOST = {"section": 0.5, "home": 0.5}

# Every assumption about Material for MkDocs 9.8.1 the search makes, and the test
# that checks it (tests/test_search.py). When Material changes, the test names
# the assumption that broke; this list says what to adapt.
MATERIAL_ASSUMPTIONS = {
    "config-worker-url": "The page's __config JSON has `search`: the worker's address "
                         "(overrides/main.html replaces Material's worker with ours there).",
    "index-fetch": "Material's page script fetches search/search_index.json with XMLHttpRequest "
                   "(lazy-search.js holds the request back), and on file:// loads search/search_index.js, "
                   "which sets `__index`.",
    "worker-start": "Material creates the worker with `new Worker(url)` for a URL containing /workers/ "
                    "(lazy-search.js holds the worker back).",
    "protocol": "Worker messages are {type, data} with SETUP=0 (data: {config, docs, options}), READY=1, "
                "QUERY=2 (data: the query as typed), RESULT=3 (data: {items, suggest}).",
    "result-shape": "RESULT items are lists (one per page) of {location, title, text, score, terms, tags?}; "
                    "title, text and tags are inserted as HTML; the page's own entry (location without #) "
                    "is its heading; `terms` keys are shown as missing words (false) and sent as ?h= (true).",
    "suggest": "`suggest` is a list whose last word replaces the query's last word when it begins with it.",
    "result-markup": "Results are rendered as .md-search-result__meta (count), .md-search-result__item > "
                     "a.md-search-result__link > article.md-search-result__article (h1/h2, text, "
                     ".md-tag, .md-search-result__terms), and the suggestion in .md-search__suggest.",
    "page-highlight": "A result link carries ?h=<words>; on the opened page Material marks words beginning "
                      "with them, using config.separator from search_index.json.",
    "iframe-worker": "Offline (file://) the iframe-worker shim runs the worker in an iframe: importScripts "
                     "is asynchronous there and fetch of files is refused, so the documents come with SETUP.",
}


# Blocks, and the parts of a form the tool pages show (a label, its field, the field's help, the
# choices of a list): each is a box of its own on the page, so a newline between them changes nothing.
_BLOCK = (r"(?:p|div|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|caption|h[1-6]|blockquote|figure|figcaption"
          r"|details|summary|fieldset|legend|label|select|option|optgroup)")
_AFTER = re.compile(r"(<br\s*/?>|<input\b[^>]*>|</" + _BLOCK + r">)(?=[^\s])", re.I)
_BEFORE = re.compile(r"(?<=[^\s>])(<" + _BLOCK + r"[\s>])", re.I)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S | re.I)


def separate_words(html: str) -> str:
    """A newline after line breaks and between blocks, so the words on either side stay apart.

    Material's search plugin keeps the text of a page but drops ``<br>`` and
    the boundaries of table cells: "T/M CHI BỘ<br>BÍ THƯ" was indexed as
    "CHI BỘBÍ THƯ", "<td>Khai mạc</td><td>5</td>" as "Khai mạc5", a field's
    label and its help "…vắng mặt</label><input…><span>Người được miễn…" as
    "vắng mặtNgười". A newline there changes nothing on the page (the tool
    pages lay their fields out as flex boxes, where white space is not shown).
    Code blocks (``<pre>``) are left alone.
    """
    parts = _PRE.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = _BEFORE.sub(r"\n\1", _AFTER.sub(r"\1\n", parts[i]))
    return "".join(parts)


def abbreviation_table(glossary: dict[str, Abbreviation]) -> dict[str, str]:
    """'TCCSĐ' -> 'Tổ chức cơ sở đảng' (the Vietnamese part of the glossary entry)."""
    return {a.abbr: nfc(a.expansion.split(" — ")[0].split(" (")[0]) for a in glossary.values()}


SYNONYMS_FILE = ROOT / "data" / "search-synonyms.yml"
SYNONYMS_EN_FILE = ROOT / "data" / "search-synonyms-en.yml"


def synonym_table(path: Path = SYNONYMS_FILE) -> dict[str, list[str]]:
    """data/search-synonyms.yml: word or phrase -> phrases added to a query that contains it.

    Bad entries stop the build with the file, the entry and how to fix it.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise SystemExit(f"{path}: not valid YAML: {e}") from None
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: expected `word: [phrase, …]` lines, got {type(data).__name__}")
    out = {}
    for k, v in data.items():
        if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
            raise SystemExit(f"{path}: `{k}`: the right-hand side must be a list of phrases, e.g. `{k}: [sinh hoạt]`")
        out[nfc(str(k)).lower()] = [nfc(x).lower() for x in v]
    return out


def english_synonym_table(terms: Terms, path: Path = SYNONYMS_EN_FILE) -> dict[str, list[str]]:
    """The English search's synonyms: from data/terms-en.yml, each rendering the handbook
    does not use ("Party branch") and each Vietnamese term ("chi bộ", typed on the
    English site) -> the handbook's rendering ("Party cell"); then data/search-synonyms-en.yml."""
    out: dict[str, list[str]] = {}
    for t in terms.terms:
        en = nfc(t.en).lower()
        for k in [w for w in t.wrong if "{symbol}" not in w] + [t.vi, *t.vi_also]:
            k = nfc(k).lower()
            if k != en and en not in out.setdefault(k, []):
                out[k].append(en)
    for k, v in synonym_table(path).items():
        out[k] = list(dict.fromkeys(out.get(k, []) + v))
    return out


def synonym_tables() -> dict[str, dict[str, list[str]]]:
    """{language: its synonym table}: the worker uses the table of its language."""
    return {"vi": synonym_table(), "en": english_synonym_table(cached_terms())}


def page_location(page: Page) -> str:
    """Where Material's index puts a page: 'huong-dan/x.en.md' -> 'en/huong-dan/x/'."""
    src = page.base[:-3]  # without .md
    path = "" if src == "index" else (src[:-len("index")] if src.endswith("/index") else src + "/")
    return (f"{page.lang}/" if page.lang != DEFAULT_LANG else "") + path


def language_of(location: str) -> str:
    first = location.split("/", 1)[0]
    return first if first in LANGS and first != DEFAULT_LANG else DEFAULT_LANG


def split_index(data: dict, pages: list[Page] | None, extra: dict) -> dict[str, dict]:
    """Material's merged index -> one search file per language (see the module docstring)."""
    boosts = {page_location(p): TYPE_BOOST[p.type] for p in pages or [] if p.type in TYPE_BOOST}
    asked = {page_location(p): [nfc(str(x)) for x in p.meta["asked_as"]] for p in pages or []
             if isinstance(p.meta.get("asked_as"), list) and p.meta["asked_as"]}
    out = {lang: {"config": {"lang": lang, "sotay": extra}, "docs": []} for lang in LANGS}
    for doc in data["docs"]:
        doc = dict(doc)
        doc["title"], doc["text"] = nfc(doc["title"]), nfc(doc["text"])
        if doc.get("tags"):
            doc["tags"] = [nfc(t) for t in doc["tags"]]
        path = doc["location"].split("#")[0]
        if path in boosts:
            doc["boost"] = round(doc.get("boost", 1) * boosts[path], 3)
        if doc["location"] in asked:  # the page's own entry, not its sections
            doc["asked"] = asked[doc["location"]]
        out[language_of(doc["location"])]["docs"].append(doc)
    return out


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def finish_index(site: Path, glossary: dict[str, Abbreviation], pages: list[Page] | None = None) -> None:
    """Write the language files and leave Material's index without documents."""
    path = site / INDEX
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    if not data.get("docs") and all((site / f).exists() for f in LANGUAGE_FILES.values()):
        return  # already done (a second post_build of the same site)
    from . import material

    broken = material.check_index(data)  # Material's index as its search plugin wrote it
    if broken:
        raise ValueError("\n".join(broken))
    tables = synonym_tables()
    for lang, part in split_index(data, pages, {"abbr": abbreviation_table(glossary)}).items():
        part["config"]["sotay"] = {**part["config"]["sotay"], "synonyms": {lang: tables[lang]}}
        (site / LANGUAGE_FILES[lang]).write_text(_dump(part), encoding="utf-8")
    data["docs"] = []
    data["config"]["sotay"] = {"documents": "the worker reads them from " + ", ".join(LANGUAGE_FILES.values())}
    path.write_text(_dump(data), encoding="utf-8")


def load_documents(site: Path) -> tuple[dict, list[dict]]:
    """(Material's config, the documents of both languages) as the build left them."""
    config = json.loads((site / INDEX).read_text(encoding="utf-8"))["config"]
    docs: list[dict] = []
    for f in LANGUAGE_FILES.values():
        if (site / f).exists():
            docs += json.loads((site / f).read_text(encoding="utf-8"))["docs"]
    return config, docs


def offline_script(site: Path, locate) -> str:
    """search/search_index.js for the offline copy: Material's index with every document.

    ``locate(docs)`` rewrites the documents' addresses for file:// (offline.offline_index).
    """
    config, docs = load_documents(site)
    parts = {lang: json.loads((site / f).read_text(encoding="utf-8"))["config"].get("sotay", {})
             for lang, f in LANGUAGE_FILES.items()}
    # One settings object for both sites on file://: the abbreviations, and each language's synonyms.
    sotay = {**parts[DEFAULT_LANG], "synonyms": {k: v for p in parts.values() for k, v in p.get("synonyms", {}).items()}}
    config = {**config, "sotay": sotay}
    data = locate({"config": config, "docs": docs})
    return "var __index = " + _dump(data)
