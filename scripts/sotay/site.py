"""What the build does to each page and to the built site, independent of MkDocs.

``page_markdown`` turns a page's Markdown into what the site renders (basis
line and block, generated lists, placeholders); ``post_build`` finishes
``site/`` (per-language sitemaps, …). The MkDocs hooks call these two.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import printbook, render, search
from .model import NORMATIVE_TYPES, Page, Registry

FALLBACK_NOTE_EN = (
    '!!! note "Vietnamese only"\n\n'
    "    This page has not been translated yet. The text below is the Vietnamese original.\n\n"
)


def page_markdown(markdown: str, page: Page, pages: list[Page], registry: Registry, glossary: dict, lang: str,
                  is_fallback: bool = False) -> str:
    text_lang = page.lang  # the language the text is written in
    out = render.expand_markers(markdown, page, pages, registry, glossary, text_lang)
    if page.meta.get("placeholders") is not None or page.type in ("form", "template"):
        out = render.placeholders_to_html(out, page.meta.get("placeholders") or {})
    head = ""
    if page.type in NORMATIVE_TYPES:
        head = render.basis_line(page, registry, text_lang)
    if is_fallback and lang == "en":
        head = FALLBACK_NOTE_EN + head
    return head + out + render.basis_block(page, registry, text_lang)


HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


TASK_ITEM = re.compile(
    r'(<li class="task-list-item">\s*<label class="task-list-control">\s*<input type="checkbox")([^>]*>)(.*?)(?=<li|</ul>|</ol>)',
    re.S)


def _label_task_checkboxes(html: str) -> str:
    """Give each task-list checkbox the item's text as its name (axe: 'label').

    pymdownx.tasklist renders a bare disabled checkbox inside an empty label,
    which screen readers announce as "checkbox" with nothing else.
    """
    def sub(m: re.Match) -> str:
        words = re.sub(r"<[^>]+>", " ", m.group(3))
        words = re.sub(r"\s+", " ", words).strip()[:120].replace('"', "&quot;")
        return f'{m.group(1)} aria-label="{words or "Việc cần làm"}"{m.group(2)}{m.group(3)}'

    return TASK_ITEM.sub(sub, html)


def post_page(html: str, dest: str = "", site_url: str = "") -> str:
    """Finish one rendered HTML page (``dest``: its path in site/; ``site_url``: the site's address).

    Internal links in the article get the address printed after them on paper
    (``printbook.annotate_html``).

    Material's JavaScript fetches ``sitemap.xml`` next to every
    ``<link rel="alternate" hreflang>`` in the head, to map pages between
    languages. mkdocs-static-i18n makes those links page-specific, so every page
    asked for ``<page>/sitemap.xml``: a 404 per page per language. The language
    menu already links each page to its translation, and sitemap.xml carries the
    hreflang alternates for search engines, so the head links are dropped.
    """
    head_end = html.find("</head>")
    if head_end >= 0:
        html = HEAD_ALTERNATE.sub("", html[:head_end]) + html[head_end:]
    if 'class="task-list-item"' in html:
        html = _label_task_checkboxes(html)
    if dest.endswith(".html"):
        html = printbook.annotate_html(html, dest, printbook.root_url(site_url))
    return html


def post_build(site_dir: str, pages: list[Page], registry: Registry, glossary: dict, parallel: bool = False,
               started=None) -> None:
    """Finish site/ after both languages are built (``parallel``, ``started``: see printbook.post_build)."""
    search.finish_index(Path(site_dir), glossary, pages)
    printbook.post_build(site_dir, pages, parallel=parallel, started=started)


def start_print_views(site_dir: str, pages: list[Page], lang: str):
    """The print views of one language, in a forked process, while the build goes on (printbook.start_views)."""
    if not printbook.can_fork():
        return None
    return printbook.start_views(site_dir, pages, [j for j in printbook.jobs() if j[1] == lang])  # print views in/<book>/ and print addresses of links
