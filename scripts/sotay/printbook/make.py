"""A book made from the built site: the outline (:func:`sotay.printbook.books.outline`)
filled with the text of each page, ready for the book page template (:mod:`.render`).

One pass over the pages the outline lists: each page's article is read once
(:class:`.source.BuiltSite`), its ids and heading numbers are recorded (so links
between pages of the book become anchors with "(mục 8.2)" after them), then
every article goes through the transforms (:mod:`.transforms`) and becomes the
HTML of its chapter, group or part. What comes out is frozen data.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import model
from .books import LEARNER, Chapter, Group, Outline, Part, lang_prefix, outline, page_path, site_path, view_dir
from .source import BuiltSite, SiteInfo
from .strings import L
from .transforms import (FAKE_HOST, Place, Xrefs, drop_generated_lists, has_headings, inner_html, lang_block, prepare,
                         rewrite, take_lead, take_title)


def today() -> dt.date:
    """The date printed on the cover: the run's (sotay.settings: SOURCE_DATE_EPOCH, a reproducible build) or today."""
    from .. import settings

    return settings.current().today()


@dataclass(frozen=True)
class Intro:
    """The text of a section or group page, printed before its chapters."""
    html: str = ""
    has_headings: bool = False   # headings of its own (the documents register of van-ban/)


@dataclass(frozen=True)
class ChapterText:
    chapter: Chapter
    title: str
    html: str
    lead: str = ""               # the "Căn cứ: …" line, under the title
    lang: str = ""               # set when the text is in another language than the book's (not translated yet)
    url: str = ""                # the published address of the page; '' without one


@dataclass(frozen=True)
class GroupText:
    group: Group
    intro: Intro
    chapters: tuple[ChapterText, ...]


@dataclass(frozen=True)
class PartText:
    part: Part
    intro: Intro
    description: str
    units: tuple  # ChapterText | GroupText


@dataclass(frozen=True)
class Book:
    outline: Outline
    site: SiteInfo
    place: Place
    title: str
    description: str
    built: dt.date
    parts: tuple[PartText, ...]

    @property
    def book(self) -> str:
        return self.outline.book

    @property
    def lang(self) -> str:
        return self.outline.lang

    @property
    def edition(self) -> str:
        return self.outline.edition

    @property
    def whole(self) -> bool:
        return self.outline.whole

    @property
    def dir(self) -> str:
        return self.place.dir


def make_book(site: BuiltSite | Path, pages: list[model.Page], book: str, lang: str, edition: str = LEARNER,
              built: dt.date | None = None) -> Book | None:
    """``book`` in ``lang`` and ``edition`` from ``site`` (a BuiltSite, or the directory of one);
    None if the site has no such section."""
    if not isinstance(site, BuiltSite):
        site = BuiltSite(site)
    ol = outline(pages, book, lang, edition, built=lambda src: site.has_page(lang, src))
    if ol is None:
        return None
    by_src = {p.src: p for p in pages}
    info = site.info(lang)
    place = Place(view_dir(book, lang, edition), info.root_url)
    xrefs = Xrefs(ol.targets())
    numbers = {c.src: c.num for c in ol.chapters()}
    articles = {src: site.article(lang, src) for src in ol.sources()}
    for src, art in articles.items():
        if art is not None:
            xrefs.add_page(site_path(src, lang), art, numbers.get(src))
    chapter_paths = set(xrefs.targets)
    key = L[lang]["key"]
    base = 3 if ol.whole else 2  # cover h1; (part h2;) chapter title; content below it

    def intro(src: str | None, own_id: str) -> Intro:
        art = articles.get(src) if src else None
        if art is None:
            return Intro()
        take_title(art)
        prepare(art, edition, key)
        drop_generated_lists(art, chapter_paths, FAKE_HOST + lang_prefix(lang) + page_path(src))
        rewrite(art, place, xrefs, own_id, site_path(src, lang), base + 1, None)
        return Intro(lang_block(inner_html(art), art.get("lang", "")), has_headings(art))

    def chapter(ch: Chapter, level: int) -> ChapterText:
        url = place.online(ch.path)
        art = articles.get(ch.src)
        if art is None:
            return ChapterText(ch, ch.src, "", url=url)
        title = take_title(art) or ch.src
        prepare(art, edition, key)
        rewrite(art, place, xrefs, ch.id, ch.path, level + 1, ch.num)
        lead = take_lead(art)
        return ChapterText(ch, title, inner_html(art), lead, art.get("lang", ""), url)

    parts = []
    for part in ol.parts:
        units = []
        for u in part.units:
            if isinstance(u, Group):
                units.append(GroupText(u, intro(u.intro, u.id), tuple(chapter(c, base + 1) for c in u.chapters)))
            else:
                units.append(chapter(u, base))
        page = by_src.get(part.intro or "")
        parts.append(PartText(part, intro(part.intro, part.id),
                              str(page.meta.get("description", "")) if page else "", tuple(units)))
    if ol.whole:
        title, description = L[lang]["whole"], info.description
    else:
        first = ol.parts[0]
        title = first.title
        page = by_src.get(first.intro or "")
        # The English section page's description when it has one, else the default language's.
        en = by_src.get((first.intro or "").replace(".md", f".{lang}.md")) if lang != model.DEFAULT_LANG else None
        description = str(((en or page).meta.get("description", "")) if (en or page) else "")
    return Book(ol, info, place, title, description, built or today(), tuple(parts))

