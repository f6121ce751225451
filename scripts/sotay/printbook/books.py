"""The books: which there are, their editions, names and addresses, and what each holds.

The one definition of the books (the template of the print links reads it too). A book is a section of the site (:data:`BOOKS`)
or the whole handbook (:data:`WHOLE`); the training book also has a trainer
edition. :func:`outline` says what a book holds — parts, groups, chapters, in
the order of the site's navigation (:func:`sotay.model.build_nav`), numbered,
with the id each gets in the print view — as frozen data, made in one pass.

The page template ``overrides/partials/sotay-print.html`` gets its links and
words from :func:`page_print` (the Jinja global ``sotay_print``, set by the
MkDocs hook's ``on_env``), so the books are named here only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Union

from .. import model
from ..text import slugify
from .strings import L

PRINT_DIR = "in"                       # site/in/<book>/, site/en/in/<book>/
BOOKS = ("huong-dan", "mau", "hoi-dap", "tap-huan", "van-ban")
WHOLE = "toan-bo"                      # the whole handbook
WHOLE_SECTIONS = ("gioi-thieu", "huong-dan", "mau", "hoi-dap", "tap-huan", "van-ban")
# Sections the whole handbook takes only the index page of (how to read the
# handbook, abbreviations; not the notes on deploying the site).
INTRO_ONLY = ("gioi-thieu",)
LEARNER, TRAINER = "hoc-vien", "giang-vien"
TRAINER_BOOKS = ("tap-huan",)          # books that also get a trainer edition
# Chapters of these page types run on after each other; others start a new page.
RUN_ON_TYPES = ("qa",)
# Sections whose pages have no print links (the tools print their own documents).
NO_PRINT_LINKS = ("cong-cu",)

Job = tuple[str, str, str]             # (book, lang, edition): one print view and one PDF


# --------------------------------------------------------------------------
# Names and addresses
# --------------------------------------------------------------------------


def lang_prefix(lang: str) -> str:
    return "" if lang == model.DEFAULT_LANG else f"{lang}/"


def editions(book: str) -> tuple[str, ...]:
    return (LEARNER, TRAINER) if book in TRAINER_BOOKS else (LEARNER,)


def view_dir(book: str, lang: str, edition: str = LEARNER) -> str:
    """Site path of a print view, without leading slash: 'in/huong-dan/', 'en/in/tap-huan/giang-vien/'."""
    return f"{lang_prefix(lang)}{PRINT_DIR}/{book}/" + (f"{TRAINER}/" if edition == TRAINER else "")


def pdf_name(book: str, lang: str, edition: str = LEARNER) -> str:
    return f"sotay-{book}" + (f"-{TRAINER}" if edition == TRAINER else "") + f"-{lang}.pdf"


def pdf_path(book: str, lang: str, edition: str = LEARNER) -> str:
    """Site path of a PDF: 'in/huong-dan/sotay-huong-dan-vi.pdf'."""
    return f"{lang_prefix(lang)}{PRINT_DIR}/{book}/{pdf_name(book, lang, edition)}"


def all_books() -> list[str]:
    return list(BOOKS) + [WHOLE]


def jobs() -> list[Job]:
    """Every (book, lang, edition) there is a print view and a PDF of."""
    return [(b, lang, e) for b in all_books() for lang in model.LANGS for e in editions(b)]


def page_path(src: str) -> str:
    """docs/ name -> site path: 'huong-dan/x.md' -> 'huong-dan/x/', 'huong-dan/index.md' -> 'huong-dan/'."""
    base = model.base_name(src)[:-3]
    if base == "index":
        return ""
    if base.endswith("/index"):
        return base[: -len("index")]
    return base + "/"


def site_path(src: str, lang: str) -> str:
    """The site path a page is built at: '/en/huong-dan/x/'."""
    return "/" + lang_prefix(lang) + page_path(src)


def chapter_id(src: str) -> str:
    return "c-" + re.sub(r"[^a-z0-9]+", "-", page_path(src) or "trang-chu").strip("-")


def short_url(url: str) -> str:
    """'https://sotay.example.vn/hoi-dap/x/' -> 'sotay.example.vn/hoi-dap/x/'."""
    return re.sub(r"^[a-z]+://", "", url)


def for_trainers_only(page: model.Page | None) -> bool:
    """A page whose audience is only trainers (``audience: [giang-vien]``)."""
    audience = (page.meta.get("audience") or []) if page is not None else []
    return bool(audience) and set(audience) <= {"giang-vien"}


def book_of(src: str) -> str:
    """The book a page's print links lead to: its section's, else the whole handbook."""
    section = src.split("/")[0] if "/" in src else ""
    return section if section in BOOKS else WHOLE


def page_print(src: str, lang: str) -> dict | None:
    """The print links of a page (``src``: its docs/ name, '' for a page without one) for the
    template overrides/partials/sotay-print.html: the print view and PDF(s) of its book and
    the words of the links (:data:`sotay.printbook.strings.L`); None on the home page (it has
    its own, sotay.home) and on the tools' pages."""
    section = src.split("/")[0] if "/" in src else ""
    if (src and "/" not in src and src.startswith("index.")) or section in NO_PRINT_LINKS:
        return None
    book = book_of(src)
    t = L.get(lang, L[model.DEFAULT_LANG])
    whole = book == WHOLE
    return {"book": book, "view": view_dir(book, lang), "pdf": pdf_path(book, lang),
            "trainer_pdf": pdf_path(book, lang, TRAINER) if TRAINER in editions(book) else "",
            "t": {"group": t["actions"], "pdf": t["pdf"], "pdf_title": t["pdf_title"],
                  "view": t["print_whole" if whole else "print_section"],
                  "view_title": t["print_whole_title" if whole else "print_section_title"],
                  "trainer": t["trainer_pdf"], "trainer_title": t["trainer_pdf_title"]}}


# --------------------------------------------------------------------------
# What a book holds
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Chapter:
    src: str
    type: str
    num: int
    id: str
    path: str                    # site path: '/en/hoi-dap/x/'


@dataclass(frozen=True)
class Group:
    title: str
    id: str
    intro: str | None            # a page introducing the group (hoi-dap/<group>.md)
    chapters: tuple[Chapter, ...]


Unit = Union[Chapter, Group]


@dataclass(frozen=True)
class Part:
    section: str
    title: str
    num: int
    id: str
    intro: str | None            # the section's index.md
    units: tuple[Unit, ...]

    def chapters(self) -> list[Chapter]:
        return [c for u in self.units for c in (u.chapters if isinstance(u, Group) else (u,))]


@dataclass(frozen=True)
class Outline:
    book: str
    lang: str
    edition: str
    parts: tuple[Part, ...]

    @property
    def whole(self) -> bool:
        return self.book == WHOLE

    def chapters(self) -> list[Chapter]:
        return [c for p in self.parts for c in p.chapters()]

    def sources(self) -> list[str]:
        """Every page of the book, introductions included, in order."""
        out: list[str] = []
        for part in self.parts:
            out += [part.intro] if part.intro else []
            for u in part.units:
                if isinstance(u, Group):
                    out += ([u.intro] if u.intro else []) + [c.src for c in u.chapters]
                else:
                    out.append(u.src)
        return out

    def targets(self) -> dict[str, str]:
        """Site path of each page of the book -> the id it has in the print view."""
        out: dict[str, str] = {}
        for part in self.parts:
            if part.intro:
                out[site_path(part.intro, self.lang)] = part.id
            for u in part.units:
                if isinstance(u, Group) and u.intro:
                    out[site_path(u.intro, self.lang)] = u.id
                for c in u.chapters if isinstance(u, Group) else (u,):
                    out[c.path] = c.id
        return out


@dataclass(frozen=True)
class _NavGroup:
    title: str
    intro: str | None
    chapters: tuple[str, ...]


@dataclass(frozen=True)
class _NavSection:
    section: str
    intro: str | None
    units: tuple[str | _NavGroup, ...]


def nav_sections(pages: list[model.Page], lang: str) -> dict[str, _NavSection]:
    """The sections of the site's navigation as books see them: section -> its pages."""
    types = {p.src: p.type for p in pages}
    out = {}
    for entry in model.build_nav(pages):
        if not isinstance(entry, dict):
            continue  # the home page
        (_title, items), = entry.items()
        if isinstance(items, str) or not items:
            continue
        section = items[0].split("/")[0]
        intro = items[0] if items[0].endswith("index.md") else None
        units: list = []
        for item in [] if section in INTRO_ONLY else items[1:] if intro else items:
            if isinstance(item, str):
                units.append(item)
                continue
            (gtitle, gitems), = item.items()
            if lang == "en":
                gtitle = model.NAV_TRANSLATIONS_EN.get(gtitle, gtitle)
            gintro = gitems[0] if gitems and types.get(gitems[0]) == "section" else None
            units.append(_NavGroup(gtitle, gintro, tuple(s for s in gitems if s != gintro)))
        if not units and intro and section not in INTRO_ONLY:
            units, intro = [intro], None  # a one-page section (van-ban): the page is the chapter
        out[section] = _NavSection(section, intro, tuple(units))
    return out


def outline(pages: list[model.Page], book: str, lang: str, edition: str = LEARNER,
            built: Callable[[str], bool] = lambda src: True) -> Outline | None:
    """What ``book`` holds in ``lang`` and ``edition``, numbered; None if it has no section.

    Pages in the nav but not ``built`` (a page being written) are left out; so are, in a
    learner's copy, the pages only for trainers (their notes, the class preparation).
    Chapters are numbered through the book; a group left without chapters is dropped."""
    by_src = {p.src: p for p in pages}
    types = {p.src: p.type for p in pages}

    def keep(src: str | None) -> bool:
        return bool(src) and built(src) and not (edition == LEARNER and for_trainers_only(by_src.get(src)))

    nav = nav_sections(pages, lang)
    sections = [s for s in (WHOLE_SECTIONS if book == WHOLE else (book,)) if s in nav]
    numbers = iter(range(1, 10 ** 6))

    def chapter(src: str) -> Chapter:
        return Chapter(src, types.get(src, ""), next(numbers), chapter_id(src), site_path(src, lang))

    parts = []
    for num, section in enumerate(sections, 1):
        sec = nav[section]
        units: list[Unit] = []
        for u in sec.units:
            if isinstance(u, str):
                if keep(u):
                    units.append(chapter(u))
                continue
            chapters = tuple(chapter(s) for s in u.chapters if keep(s))
            if chapters:
                intro = u.intro if keep(u.intro) else None
                gid = chapter_id(intro) if intro else f"g-{section}-" + slugify(u.title)
                units.append(Group(u.title, gid, intro, chapters))
        title = model.SECTION_TITLES[section][1 if lang == "en" else 0]
        parts.append(Part(section, title, num, f"p-{section}", sec.intro if keep(sec.intro) else None, tuple(units)))
    return Outline(book, lang, edition, tuple(parts)) if parts else None
