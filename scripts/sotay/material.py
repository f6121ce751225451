"""The Material seam: every assumption this project makes on Material for MkDocs, as data.

Material is past its maintenance window and MkDocs 1.x is unmaintained (issue 20): the
project must be able to move, or to take a Material update, knowing what breaks. So each
place our code reads or relies on Material's markup, CSS classes, templates, search
index or JavaScript is one :class:`Assumption` here, with the pattern that must still
hold and the code that depends on it. The code uses these patterns (sotay.site,
sotay.phone); tests/test_material.py checks every one against the installed theme, the
built site and a small fixture page, and a broken one fails with a message naming it::

    Material assumption 'article.md-content__inner' no longer holds: …

Kinds:

- ``page``     markup of a built page (regular expression over the HTML our post-page
               steps rewrite, or a class our scripts select); ``when``: the assumption
               applies to pages matching that pattern only.
- ``theme``    Material's installed files: template blocks we extend, partials we
               override, classes its stylesheet styles, names its JavaScript binds to
               (``path``: a glob under material/templates).
- ``index``    the search index's schema (search/search_index.json).

Search's own patches of Material's JavaScript (worker, lunr.Builder, importScripts) are
listed beside the code that makes them, ``sotay.search.MATERIAL_ASSUMPTIONS``; they are
included in :func:`all_assumptions` when that list exists.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Assumption:
    name: str            # what is assumed, as a reader of the message knows it
    kind: str            # page | theme | index
    pattern: str         # regular expression that must match (page, theme); a JSON path (index)
    used_by: str         # the code that depends on it
    when: str = ""       # page: applies only to pages matching this
    some: bool = False   # page: holds on some of the pages (a feature not every page has), not on every one
    raw: bool = False    # page: in Material's output only (sotay.site.post_page removes it from the built page)
    path: str = ""       # theme: glob under material/templates
    flags: int = 0

    def regex(self) -> re.Pattern:
        return re.compile(self.pattern, self.flags)

    def message(self, where: str, detail: str = "") -> str:
        return (f"Material assumption '{self.name}' no longer holds: {detail or 'pattern not found'} in {where} "
                f"(pattern {self.pattern!r}; used by {self.used_by}). Update the pattern in sotay/material.py "
                f"and the code that uses it.")


A = Assumption
ASSUMPTIONS: tuple[Assumption, ...] = (
    # ---- markup of a built page ---------------------------------------------------------
    A("article.md-content__inner", "page", r'<article class="md-content__inner md-typeset"',
      "sotay.site.mark_vietnamese (lang=\"vi\"), sotay.deploy (404 pages), sotay.printbook (chapters), fill.js"),
    A("article body", "page", r'(<article class="md-content__inner[^"]*">)(.*?)(</article>)',
      "sotay.phone.page_html (tables), sotay.printbook", flags=re.S),
    A("div.md-header__topic", "page", r'(<div class="md-header__topic" data-md-component="header-topic")',
      "sotay.site.mark_vietnamese (the header title's lang)"),
    A("a.md-nav__link", "page", r'<a href="([^"]*)" class="md-nav__link[^"]*"[^>]*>(.*?)</a>',
      "sotay.site.mark_vietnamese (navigation links' lang)", some=True, flags=re.S),
    A("a.md-footer__link", "page", r'(<a href="([^"]*)" class="md-footer__link[^"]*"[^>]*>)(.*?)(</a>)',
      "sotay.site.mark_vietnamese (previous/next links' lang)", some=True, flags=re.S),
    A("div.md-ellipsis in the footer link", "page", r'class="md-footer__link[^"]*"[^>]*>.*?<div class="md-ellipsis">',
      "sotay.site.mark_vietnamese (the footer title's lang)", some=True, flags=re.S),
    A("label.md-nav__link--active for=__toc", "page",
      r'(<label class="md-nav__link md-nav__link--active" for="__toc")',
      "sotay.site.mark_vietnamese (the table of contents' lang)", some=True),
    A("table of contents link a.md-nav__link href=#", "page",
      r'(<a href="#([^"]+)" class="md-nav__link"[^>]*>)(.*?</a>\s*)(<nav class="md-nav")?',
      "sotay.site._mark_vietnamese_toc", some=True, flags=re.S),
    A("nav.md-nav--secondary", "page", r'<nav class="md-nav md-nav--secondary"',
      "sotay.deploy (404 pages drop the table of contents)", some=True),
    A("li.md-nav__item--active", "page", r'class="md-nav__item md-nav__item--active',
      "sotay.deploy (404 pages: no current page in the navigation)", some=True),
    A("a.md-select__link hreflang", "page", r'(<a href="[^"]*" hreflang="([a-z]{2})" class="md-select__link")',
      "sotay.site.mark_vietnamese (each language's name in its own lang)", some=True),
    A("head link rel=alternate hreflang", "page", r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">',
      "sotay.site.post_page (dropped: Material fetched <page>/sitemap.xml for each)", some=True, raw=True),
    A("div data-md-component=skip", "page",
      r'<div data-md-component="skip">\s*(?:<a href="[^"]*" class="md-skip">|</div>)',
      "sotay.phone.page_html (the skip link's target), sotay.deploy"),
    A("pymdownx.tasklist li.task-list-item", "page",
      r'(<li class="task-list-item">\s*<label class="task-list-control">\s*<input type="checkbox")([^>]*>)(.*?)(?=<li|</ul>|</ol>)',
      "sotay.site._label_task_checkboxes, checklist.js", when=r'task-list-item', flags=re.S),
    A("div.md-content for page scripts", "page", r'<div class="md-content" data-md-component="content">',
      "checklist.js, fill.js (.md-content)"),
    A("div.md-copyright__highlight", "page", r'<div class="md-copyright__highlight">\s*(.*?)\s*</div>',
      "sotay.printbook (the print view's copyright line)", some=True, flags=re.S),
    # ---- Material's installed files -----------------------------------------------------
    A("block htmltitle", "theme", r"\{% block htmltitle %\}", "overrides/main.html", path="base.html"),
    A("block extrahead", "theme", r"\{% block extrahead %\}", "overrides/main.html", path="base.html"),
    A("block content", "theme", r"\{% block content %\}", "overrides/main.html", path="base.html"),
    A("block scripts", "theme", r"\{% block scripts %\}", "overrides/main.html", path="base.html"),
    A("block config with the search worker's path", "theme",
      r"\{% block config %\}.*?\"search\": \"assets/javascripts/workers/search\.", "overrides/main.html (block config)",
      path="base.html", flags=re.S),
    A("partials/search.html", "theme", r'\{% include "partials/search.html" %\}', "overrides/partials/search.html",
      path="partials/header.html"),
    A("partials/languages/<lang>.html", "theme", r'"partials/languages/" ~ config.theme.language ~ ".html"',
      "overrides/partials/languages/vi.html", path="partials/language.html"),
    A("search components in the JavaScript", "theme", r"search-query.*search-result|search-result.*search-query",
      "overrides/partials/search.html (data-md-component names)", path="assets/javascripts/bundle.*.min.js", flags=re.S),
    A("document$ in the JavaScript", "theme", r"window\.document\$=",
      "docs/assets/javascripts/page.js (sotayOnPage: page scripts set up again after instant navigation)",
      path="assets/javascripts/bundle.*.min.js"),
    A("header-topic component in the JavaScript", "theme", r"header-topic",
      "sotay.site.mark_vietnamese (the header title Material swaps on scroll)", path="assets/javascripts/bundle.*.min.js"),
    A(".md-button styles", "theme", r"\.md-typeset \.md-button--primary", "forms, offline, tools, training pages; fill.js, quiz.js",
      path="assets/stylesheets/main.*.min.css"),
    A(".md-input styles", "theme", r"\.md-typeset \.md-input", "qa-filter.js", path="assets/stylesheets/main.*.min.css"),
    A("tables without a class", "theme", r"table:not\(\[class\]\)",
      "sotay.phone (data-stack is an attribute so Material keeps styling the table)",
      path="assets/stylesheets/main.*.min.css"),
    A("class md-source-file", "theme", r'md-source-file', "sotay.printbook.CHROME_CLASSES (removed from print views)",
      path="partials/*.html"),
    A("class md-content__button", "theme", r'md-content__button', "sotay.printbook.CHROME_CLASSES (removed from print views)",
      path="partials/*.html"),
    A("class md-tags", "theme", r'md-tags', "sotay.printbook.CHROME_CLASSES (removed from print views)",
      path="partials/*.html"),
    # ---- the search index -----------------------------------------------------------------
    A("search index config.lang", "index", "config.lang", "sotay.search.finish_index, sotay.searcheval"),
    A("search index config.separator", "index", "config.separator", "sotay.search, docs/assets/javascripts/workers"),
    A("search index docs[].location", "index", "docs.*.location", "sotay.search, sotay.searcheval, offline"),
    A("search index docs[].title", "index", "docs.*.title", "sotay.search.finish_index"),
    A("search index docs[].text", "index", "docs.*.text", "sotay.search.finish_index"),
)
del A

BY_NAME = {a.name: a for a in ASSUMPTIONS}


def regex(name: str) -> re.Pattern:
    """The compiled pattern of one assumption (the code that depends on it uses this)."""
    return BY_NAME[name].regex()


def all_assumptions() -> list:
    """These, and search's own list (sotay.search.MATERIAL_ASSUMPTIONS) when there is one."""
    out: list = list(ASSUMPTIONS)
    try:
        from . import search

        out += list(getattr(search, "MATERIAL_ASSUMPTIONS", ()))
    except ImportError:
        pass
    return out


def theme_dir() -> Path:
    import material

    return Path(material.__file__).resolve().parent / "templates"


# --------------------------------------------------------------------------
# Checking
# --------------------------------------------------------------------------


def check_pages(pages: dict[str, str], names: list[str] | None = None, raw: bool = False) -> list[str]:
    """Broken ``page`` assumptions on ``pages`` ({name: html}): one message each.
    An assumption must hold on every page it applies to (on one of them if ``some``), and
    apply to at least one. ``raw``: the pages are Material's output, before sotay's
    post-page steps (the build's own check, :class:`Watch`)."""
    out = []
    for a in ASSUMPTIONS:
        if a.kind != "page" or (names and a.name not in names) or (a.raw and not raw):
            continue
        applied = [n for n, html in pages.items() if not a.when or re.search(a.when, html)]
        if not applied:
            out.append(a.message(", ".join(pages) or "no page", "it applies to none of the pages checked"))
            continue
        bad = [n for n in applied if not a.regex().search(pages[n])]
        if a.some and len(bad) < len(applied):
            continue
        if bad:
            out.append(a.message(", ".join(bad[:3]) + (" …" if len(bad) > 3 else "")))
    return out


def check_theme(root: Path | None = None, names: list[str] | None = None) -> list[str]:
    """Broken ``theme`` assumptions on Material's installed files (or ``root``, a copy)."""
    root = root or theme_dir()
    out = []
    for a in ASSUMPTIONS:
        if a.kind != "theme" or (names and a.name not in names):
            continue
        files = sorted(p for p in root.glob(a.path) if p.suffix != ".map")
        if not files:
            out.append(a.message(f"material/templates/{a.path}", "the file is missing"))
            continue
        if not any(a.regex().search(f.read_text(encoding="utf-8", errors="replace")) for f in files):
            out.append(a.message(f"material/templates/{a.path}"))
    return out


def _has(data, path: list[str]) -> bool:
    if not path:
        return True
    key, rest = path[0], path[1:]
    if key == "*":
        return isinstance(data, list) and bool(data) and all(_has(x, rest) for x in data)
    return isinstance(data, dict) and key in data and _has(data[key], rest)


def check_index(data, names: list[str] | None = None) -> list[str]:
    """Broken ``index`` assumptions on a search index (the parsed search_index.json)."""
    return [a.message("search/search_index.json", f"'{a.pattern}' is missing")
            for a in ASSUMPTIONS if a.kind == "index" and not (names and a.name not in names)
            and not _has(data, a.pattern.split("."))]


def check_site(site_dir: Path, samples: tuple[str, ...] = ()) -> list[str]:
    """Every assumption on a built site: the theme, the search index and ``samples`` (pages
    relative to site_dir; by default a guide, a form, an English page and the home page)."""
    site_dir = Path(site_dir)
    samples = samples or SAMPLES
    pages = {s: (site_dir / s).read_text(encoding="utf-8") for s in samples if (site_dir / s).exists()}
    out = check_theme() + check_pages(pages)
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        # Material's documents as the build left them: moved into the per-language files
        # (sotay.search.finish_index, which checks Material's own file before moving them)
        from . import search

        config, docs = search.load_documents(site_dir)
        out += check_index({"config": config, "docs": docs})
    return out


SAMPLES = (
    "index.html",
    "huong-dan/chuan-bi-sinh-hoat-thuong-ky/index.html",
    "mau/bien-ban-sinh-hoat-thuong-ky/index.html",
    "en/huong-dan/chuan-bi-sinh-hoat-thuong-ky/index.html",
)


class Watch:
    """The build's own check: every page as Material rendered it, before sotay's post-page
    steps, against the assumptions that hold on every page (``some=False``). Each broken
    one is reported once (a warning: strict mode fails the build, naming it)."""

    def __init__(self):
        self.reported: set[str] = set()
        self.every = [a for a in ASSUMPTIONS if a.kind == "page" and not a.some]

    def page(self, dest: str, html: str) -> list[str]:
        out = []
        for a in self.every:
            if a.name in self.reported or (a.when and not re.search(a.when, html)):
                continue
            if not a.regex().search(html):
                self.reported.add(a.name)
                out.append(a.message(dest))
        return out
