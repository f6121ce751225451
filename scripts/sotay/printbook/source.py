"""The built site as the books read it: each page's article and the site's name.

Nothing here parses front matter or Markdown: the text of a book is the text of
the built pages (``article.md-content__inner``, Material's content element), read
with lxml. A :class:`BuiltSite` parses each page once (a page is in its section's
book and in the whole handbook, and in both editions of the training book) and
hands out copies to change.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from .. import address
from ..text import nfc
from .books import lang_prefix, page_path

# Material's element around a page's content (and the only part of a page a book takes).
ARTICLE_XPATH = '//article[contains(concat(" ", normalize-space(@class), " "), " md-content__inner ")]'
COPYRIGHT_XPATH = '//div[contains(concat(" ", normalize-space(@class), " "), " md-copyright__highlight ")]'
DEFAULT_NAME = "Sổ tay sinh hoạt chi bộ"


@dataclass(frozen=True)
class SiteInfo:
    lang: str
    name: str
    description: str
    url: str          # the published address of this language's home, ends with '/'; '' when none
    root_url: str     # the published address of the site, ends with '/'; '' when none (sotay.address)
    copyright: str


def parse(text: str):
    from lxml import html as lhtml

    return lhtml.document_fromstring(text)


class BuiltSite:
    """``site_dir`` after ``mkdocs build``: its pages' articles (parsed once) and its name."""

    def __init__(self, site_dir: str | Path):
        self.dir = Path(site_dir)
        self._articles: dict[tuple[str, int], object] = {}
        self._infos: dict[str, SiteInfo] = {}

    def page_file(self, lang: str, src: str) -> Path:
        return self.dir / lang_prefix(lang) / page_path(src) / "index.html"

    def has_page(self, lang: str, src: str) -> bool:
        return self.page_file(lang, src).exists()

    def has_home(self, lang: str) -> bool:
        return (self.dir / lang_prefix(lang) / "index.html").exists()

    def article(self, lang: str, src: str):
        """The ``article.md-content__inner`` of a built page (an lxml element: a copy), or None."""
        f = self.page_file(lang, src)
        try:
            key = (str(f), f.stat().st_mtime_ns)
        except FileNotFoundError:
            return None
        if key not in self._articles:
            found = parse(f.read_text(encoding="utf-8")).xpath(ARTICLE_XPATH)
            self._articles[key] = found[0] if found else None
        art = self._articles[key]
        return copy.deepcopy(art) if art is not None else None

    def info(self, lang: str) -> SiteInfo:
        """The site's name, description, address and copyright line, from the home page of ``lang``."""
        if lang not in self._infos:
            doc = parse((self.dir / lang_prefix(lang) / "index.html").read_text(encoding="utf-8"))
            root = address.of_site(self.dir)  # '' without a published address: nothing absolute is written
            title = doc.findtext(".//title")
            name = title.split(" - ")[-1].strip() if title is not None else DEFAULT_NAME
            desc = doc.xpath('//meta[@name="description"]/@content')
            copy_el = doc.xpath(COPYRIGHT_XPATH)
            self._infos[lang] = SiteInfo(
                lang=lang, name=nfc(name), description=nfc(desc[0]) if desc else "",
                url=root + lang_prefix(lang) if root else "", root_url=root,
                copyright=nfc(copy_el[0].text_content().strip()) if copy_el else "")
        return self._infos[lang]
