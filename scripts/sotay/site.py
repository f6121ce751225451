"""What the build does to each page and to the built site, independent of MkDocs.

``page_markdown`` turns a page's Markdown into what the site renders (basis
line and block, generated lists, placeholders); ``post_build`` finishes
``site/`` (search index, print views; no sitemap without a published address,
see sotay.address). The MkDocs hooks call these two.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from . import material, phone, printbook, redirects, render, search
from .strings import STRINGS
from .model import DEFAULT_LANG, NORMATIVE_TYPES, Page, Registry

# An English URL that shows the Vietnamese text (no translation yet): this box, in
# English, over the text; the article itself is marked lang="vi" (post_page).
FALLBACK_TITLE_EN = STRINGS["en"]["site"]["fallback_title"]
FALLBACK_TEXT_EN = STRINGS["en"]["site"]["fallback_text"]
FALLBACK_NOTE_EN = (
    f'<div class="admonition note sotay-fallback" lang="en">\n<p class="admonition-title">{FALLBACK_TITLE_EN}</p>\n'
    f"<p>{FALLBACK_TEXT_EN}</p>\n</div>\n\n"
)


def page_markdown(markdown: str, page: Page, pages: list[Page], registry: Registry, glossary: dict, lang: str,
                  is_fallback: bool = False) -> str:
    text_lang = page.lang  # the language the text is written in
    out = render.expand_markers(markdown, page, pages, registry, glossary, text_lang)
    if page.meta.get("placeholders") is not None or page.type in ("form", "template"):
        out = render.placeholders_to_html(out, page.meta.get("placeholders") or {}, *_docx_labels(page, pages))
    head = ""
    if page.type in NORMATIVE_TYPES:
        head = render.basis_line(page, registry, text_lang)
    if is_fallback and lang == "en":
        head = FALLBACK_NOTE_EN + head
    return head + out + render.basis_block(page, registry, text_lang)


def _docx_labels(page: Page, pages: list[Page]) -> tuple:
    """(labels of the Vietnamese page, language) for a translated page's fields; () for a
    Vietnamese page. The Word files are made from the Vietnamese pages, so a field on a
    translated page needs the Vietnamese label to be found in it (render.placeholders_to_html)."""
    if page.lang == DEFAULT_LANG:
        return ()
    source = next((p for p in pages if p.src == page.base), None)
    return ((source.meta.get("placeholders") or {}) if source else {}, page.lang)


HEAD_ALTERNATE = material.regex("head link rel=alternate hreflang")


TASK_ITEM = material.regex("pymdownx.tasklist li.task-list-item")


def _label_task_checkboxes(html: str, lang: str = DEFAULT_LANG) -> str:
    """Give each task-list checkbox the item's text as its name (axe: 'label').

    pymdownx.tasklist renders a bare disabled checkbox inside an empty label,
    which screen readers announce as "checkbox" with nothing else.
    """
    def sub(m: re.Match) -> str:
        words = re.sub(r"<[^>]+>", " ", m.group(3))
        words = re.sub(r"\s+", " ", words).strip()[:120].replace('"', "&quot;")
        return f'{m.group(1)} aria-label="{words or render.L[lang]["task"]}"{m.group(2)}{m.group(3)}'

    return TASK_ITEM.sub(sub, html)


# --------------------------------------------------------------------------
# Vietnamese text on English URLs: lang="vi"
# --------------------------------------------------------------------------

# Material's markup these steps rewrite: sotay.material (each pattern checked there).
ARTICLE_OPEN = material.regex("article.md-content__inner")
HEADER_TOPIC = material.regex("div.md-header__topic")
NAV_LINK = material.regex("a.md-nav__link")
FOOTER_LINK = material.regex("a.md-footer__link")
# Text in italics, possibly with tags inside (an abbreviation: "*T/M CHI BỘ*"), not another <em>.
EM_VI = re.compile(r"<em>((?:[^<]|<(?!/?em\b)[^>]*>)*)</em>")
ABBR_TITLE = re.compile(r'<abbr title="([^"]*?) — ([^"]*)">')
TOC_LABEL = material.regex("label.md-nav__link--active for=__toc")
# The language menu: each language's name in that language ("Tiếng Việt", "English").
LANGUAGE_LINK = material.regex("a.md-select__link hreflang")
HEADING_TAG = re.compile(r"<h[1-6]\b([^>]*)>")
# A link of the table of contents, and the list of its subsections right after it.
TOC_LINK = material.regex("table of contents link a.md-nav__link href=#")


def fallback_urls(pages: list[Page], lang: str) -> frozenset[str]:
    """Site paths ('en/huong-dan/x/') of the pages of ``lang`` that show the Vietnamese text."""
    if lang == DEFAULT_LANG:
        return frozenset()
    translated = {p.base for p in pages if p.lang == lang}
    return frozenset(f"{lang}/{printbook.page_path(p.src)}" for p in pages
                     if p.lang == DEFAULT_LANG and p.src not in translated)


def _target(dest: str, href: str) -> str:
    """The site path ('en/huong-dan/x/') a relative href of the page at ``dest`` points to."""
    href = href.split("#", 1)[0]
    base = posixpath.dirname(dest)
    path = posixpath.normpath(posixpath.join(base, href)) if href else base
    path = "" if path == "." else path
    return path.rstrip("/") + "/" if path else ""


def mark_vietnamese(html: str, dest: str, lang: str, text_lang: str, vi_urls: frozenset[str] = frozenset()) -> str:
    """On a page of another language than Vietnamese, mark what is Vietnamese lang="vi":

    - the article, the header title and the current page's entry in the navigation of a
      page that shows the Vietnamese text;
    - links of the navigation and the footer to such pages, when their text is Vietnamese;
    - the entries of the table of contents whose headings are marked lang="vi" (the
      document of a form, which stays Vietnamese: sotay.forms.page_markdown);
    - Vietnamese terms in italics in English text ("Party cell (*chi bộ*)"); the
      abbreviations' titles read English first ("Central Organisation Commission (Ban
      Tổ chức Trung ương)").

    On every page, each language's name in the language menu gets its own lang.
    """
    html = LANGUAGE_LINK.sub(lambda m: m.group(1) + f' lang="{m.group(2)}"' if m.group(2) != lang else m.group(1), html)
    if lang == DEFAULT_LANG:
        return html
    if text_lang == DEFAULT_LANG:
        html = ARTICLE_OPEN.sub(lambda m: m.group(0) + ' lang="vi"', html, count=1)
        html = HEADER_TOPIC.sub(lambda m: m.group(1) + ' lang="vi"', html, count=1)
        html = TOC_LABEL.sub(lambda m: m.group(1) + ' lang="vi"', html, count=1)

    def nav(m: re.Match) -> str:
        # A link to a page shown in Vietnamese, or an entry of this page's own table of
        # contents (href "#…") whose heading is a Vietnamese name (e.g. an article's title).
        to_vi = m.group(1).startswith("#") or _target(dest, m.group(1)) in vi_urls
        if to_vi and render.VI_LETTERS.search(m.group(2)) and " lang=" not in m.group(0)[:200]:
            return m.group(0).replace("<a ", '<a lang="vi" ', 1)
        return m.group(0)

    def footer(m: re.Match) -> str:
        if _target(dest, m.group(2)) in vi_urls and render.VI_LETTERS.search(m.group(3)):
            return m.group(1) + m.group(3).replace('<div class="md-ellipsis">', '<div class="md-ellipsis" lang="vi">') + m.group(4)
        return m.group(0)

    if text_lang != DEFAULT_LANG:
        # before NAV_LINK: the entries of Vietnamese headings with their subsections (NAV_LINK
        # then leaves a marked link alone)
        html = _mark_vietnamese_toc(html)
    html = NAV_LINK.sub(nav, html)
    if vi_urls:
        html = FOOTER_LINK.sub(footer, html)
    if text_lang != DEFAULT_LANG:
        # Abbreviations (includes/abbreviations.md: "Vietnamese — English"): the English first.
        html = ABBR_TITLE.sub(lambda m: f'<abbr title="{m.group(2)} ({m.group(1)})">', html)
        html = EM_VI.sub(lambda m: f'<em lang="vi">{m.group(1)}</em>'
                         if render.VI_LETTERS.search(re.sub(r"<[^>]*>", "", m.group(1))) else m.group(0),
                         html)
    return html


def _mark_vietnamese_toc(html: str) -> str:
    """Headings marked lang="vi" in the text of a translated page (a form's document, which
    stays Vietnamese): their entries in the table of contents, with their subsections, too."""
    ids = set()
    for m in HEADING_TAG.finditer(html):
        if ' lang="vi"' in m.group(1):
            found = re.search(r'\bid="([^"]+)"', m.group(1))
            if found:
                ids.add(found.group(1))
    if not ids:
        return html

    def sub(m: re.Match) -> str:
        if m.group(2) not in ids:
            return m.group(0)
        nav = '<nav class="md-nav" lang="vi"' if m.group(4) else ""
        return m.group(1).replace("<a ", '<a lang="vi" ', 1) + m.group(3) + nav

    return TOC_LINK.sub(sub, html)


def post_page(html: str, dest: str = "", site_url: str = "", lang: str = DEFAULT_LANG, text_lang: str | None = None,
              vi_urls: frozenset[str] = frozenset()) -> str:
    """Finish one rendered HTML page (``dest``: its path in site/; ``site_url``: the
    published address, '' when there is none: sotay.address.published).

    With an address, internal links in the article get it printed after them on
    paper (``printbook.annotate_html``); without one, nothing is printed after them. On an English URL (``lang``), what is in
    Vietnamese is marked lang="vi" (``text_lang``: the language of the page's text;
    ``vi_urls``: the pages of this language that show the Vietnamese, from
    ``fallback_urls``; see mark_vietnamese).

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
        html = _label_task_checkboxes(html, text_lang or lang)
    html = mark_vietnamese(html, dest, lang, text_lang or lang, vi_urls)
    html = phone.page_html(html, lang)  # tables on a phone, abbreviation titles, the skip link
    if dest.endswith(".html") and site_url:
        html = printbook.annotate_html(html, dest, site_url)
    return html


def post_build(site_dir: str, pages: list[Page], registry: Registry, glossary: dict, parallel: bool = False,
               started=None, site_url: str = "") -> None:
    """Finish site/ after both languages are built (``parallel``, ``started``: see printbook.post_build;
    ``site_url``: the published address or '').

    Old addresses of merged pages get their redirect pages (sotay.redirects)."""
    search.finish_index(Path(site_dir), glossary, pages)
    redirects.write(site_dir, pages, site_url)
    if not site_url:
        drop_sitemaps(Path(site_dir))
    printbook.post_build(site_dir, pages, parallel=parallel, started=started)


def start_print_views(site_dir: str, pages: list[Page], lang: str):
    """The print views of one language, in a forked process, while the build goes on (printbook.start_views)."""
    if not printbook.can_fork():
        return None
    return printbook.start_views(site_dir, pages, [j for j in printbook.jobs() if j[1] == lang])  # print views in/<book>/ and print addresses of links


SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


def drop_sitemaps(site_dir: Path) -> None:
    """No published address: no sitemap. The sitemap protocol takes absolute URLs only, and
    MkDocs would write bare paths (or, with a loopback site_url, this machine's address)."""
    from .model import DEFAULT_LANG, LANGS

    for lang_dir in [site_dir] + [site_dir / lang for lang in LANGS if lang != DEFAULT_LANG]:
        for name in SITEMAPS:
            (lang_dir / name).unlink(missing_ok=True)
