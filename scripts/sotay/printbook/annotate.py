"""The printed address of the links of a built page (printing a page from the browser).

Internal links in a page's article (Material's ``article.md-content__inner``) get
their published address in ``data-print-url``, which sotay.css (its print part)
prints after the link text. Only with a published address (sotay.address).

lxml finds the article (the line it starts on); from there the standard
library's HTML tokenizer (``html.parser``), which reports where each tag starts,
reads the article's tags, and the attribute is inserted into the page's text
there: nothing else of the page changes. (Writing the page back with lxml would
rewrite all of it, e.g. lower-case the SVG ``viewBox``.)
"""
from __future__ import annotations

import html as htmlmod
import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .books import short_url
from .transforms import FAKE_HOST

ARTICLE_CLASS = "md-content__inner"   # Material's element around a page's content
_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|#|//)", re.I)  # an href that is not a path on the site


class _End(Exception):
    pass


class _Links(HTMLParser):
    """Where the internal links of the article start, as (offset in the text fed of the end of the tag, href)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.lines = [0]        # where each line of the text starts
        i = text.find("\n")
        while i >= 0:
            self.lines.append(i + 1)
            i = text.find("\n", i + 1)
        self.depth = 0          # articles open (0: not in the article)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            if self.depth or ARTICLE_CLASS in (dict(attrs).get("class") or "").split():
                self.depth += 1
            return
        if not self.depth or tag != "a":
            return
        a = dict(attrs)
        href = a.get("href")
        if href is None or _EXTERNAL.match(href) or "data-print-url" in a:
            return
        line, col = self.getpos()
        start = self.lines[line - 1] + col
        raw = self.get_starttag_text()
        end = start + len(raw) - (2 if raw.endswith("/>") else 1)
        self.found.append((end, href))

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1
            if not self.depth:
                raise _End


def _article_start(text: str) -> int:
    """Where the line the article starts on begins in ``text`` (-1: no article)."""
    from lxml import html as lhtml

    if not text.strip():
        return -1
    found = lhtml.document_fromstring(text).xpath(
        f'//article[contains(concat(" ", normalize-space(@class), " "), " {ARTICLE_CLASS} ")]')
    if not found or found[0].sourceline is None:
        return -1
    start = 0
    for _ in range(found[0].sourceline - 1):
        start = text.index("\n", start) + 1
    return start


def annotate_html(text: str, relp: str, root: str) -> str:
    """One built page (``relp``: its path in site/, e.g. 'huong-dan/x/index.html'):
    data-print-url on the internal links of its article; ``root`` is the site's address."""
    start = _article_start(text)
    if start < 0:
        return text
    parser = _Links(text[start:])
    try:
        parser.feed(text[start:])
        parser.close()
    except _End:
        pass
    if not parser.found:
        return text
    page_url = FAKE_HOST + (posixpath.dirname(relp) + "/" if "/" in relp else "")
    out, last = [], 0
    for end, href in parser.found:
        end += start
        u = urlsplit(urljoin(page_url, href))
        path = u.path[: -len("index.html")] if u.path.endswith("/index.html") else u.path
        url = short_url(root + path.lstrip("/")) + (f"#{u.fragment}" if u.fragment else "")
        out += [text[last:end], f' data-print-url="{htmlmod.escape(url, quote=True)}"']
        last = end
    out.append(text[last:])
    return "".join(out)
