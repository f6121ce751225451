"""What every built page gets for a phone and for a screen reader (called by site.post_page).

* Tables: every body cell carries the heading of its column (``data-label``); a table
  of :data:`STACK_COLUMNS` columns or more gets ``data-stack`` (an attribute, not a
  class: Material styles and wraps only ``table:not([class])``). On a
  narrow screen sotay.css shows such a table as one card per row, each cell
  labelled, so nothing is cut or scrolls sideways; narrower tables get compact
  cells. Paper and wide screens keep the grid.
* Abbreviations: the glossary (includes/abbreviations.md) gives "Vietnamese —
  English"; a Vietnamese page shows only the Vietnamese expansion in the tooltip.
* The skip link goes to the top of the content (the anchor :data:`SKIP_TARGET`
  that overrides/main.html puts before the page), not past the first part of it
  (role cards, download buttons, the fill-in panel, the trainer switch).

Only the parts of the page written by the content (Python-Markdown tables inside
the <article>) are changed; each table is parsed with lxml on its own.
"""
from __future__ import annotations

import html as htmlmod
import re

STACK_COLUMNS = 4
SKIP_TARGET = "noi-dung"

_ARTICLE = re.compile(r'(<article class="md-content__inner[^"]*">)(.*?)(</article>)', re.S)
_TABLE = re.compile(r"<table>\s*<thead>.*?</table>", re.S)   # Python-Markdown's tables (no class)
_ABBR = re.compile(r'<abbr title="([^"]*?) — [^"]*">')
_SKIP = re.compile(r'<a href="[^"]*" class="md-skip">')
_SKIP_EMPTY = re.compile(r'(<div data-md-component="skip">)(\s*)(</div>)')
SKIP_TEXT = {"vi": "Đến nội dung chính", "en": "Skip to content"}


def _table(text: str) -> str:
    from lxml import html as lhtml

    try:
        t = lhtml.fragment_fromstring(text)
    except Exception:  # not a table lxml reads: leave it as it is
        return text
    heads = [re.sub(r"\s+", " ", th.text_content()).strip() for th in t.xpath("./thead/tr[1]/th")]
    if not any(heads):
        return text  # the header and signature blocks of a form: not a data table
    for tr in t.xpath("./tbody/tr"):
        for td, head in zip(tr.xpath("./td"), heads):
            if head:
                td.set("data-label", head)
    if len(heads) >= STACK_COLUMNS:
        t.set("data-stack", "")
    return lhtml.tostring(t, encoding="unicode")


def page_html(html: str, lang: str) -> str:
    """Finish one built page (see the module's docstring)."""
    m = _ARTICLE.search(html)
    if m and "<table>" in m.group(2):
        body = _TABLE.sub(lambda t: _table(t.group(0)), m.group(2))
        html = html[: m.start(2)] + body + html[m.end(2):]
    if lang == "vi":
        html = _ABBR.sub(lambda a: f'<abbr title="{a.group(1)}">', html)
    if _SKIP.search(html):
        html = _SKIP.sub(f'<a href="#{SKIP_TARGET}" class="md-skip">', html, count=1)
    elif f'id="{SKIP_TARGET}"' in html:
        text = htmlmod.escape(SKIP_TEXT.get(lang, SKIP_TEXT["en"]))
        html = _SKIP_EMPTY.sub(lambda s: f'{s.group(1)}<a href="#{SKIP_TARGET}" class="md-skip">{text}</a>{s.group(3)}',
                               html, count=1)
    return html
