"""Print views and PDF handbooks, made from the built site.

Two products, one document:

* **Print views** (``post_build``, called by the MkDocs hook after both
  languages are built, so ``mkdocs serve`` has them too): one HTML page per
  book and language — ``in/<book>/index.html`` and ``en/in/<book>/index.html``
  — with a cover, a table of contents and every page of the book in nav order,
  numbered, without the site's navigation. A book is a section of the site
  (:data:`BOOKS`) or the whole handbook (:data:`WHOLE`). The training book has a
  learner edition (no solutions, no trainer notes, no quiz key) and a trainer
  edition (``in/tap-huan/giang-vien/``).
* **PDF handbooks** (:func:`export_pdfs`, the ``pdf`` exporter run by
  ``python -m sotay build`` after ``mkdocs build``): each print view rendered by
  WeasyPrint with ``print/pdf.css`` — A4, page numbers, running heads, table of
  contents with page numbers, one embedded font family (Noto Serif), a QR code
  and short address per chapter. Written next to the print view as
  ``in/<book>/sotay-<book>[-giang-vien]-<lang>.pdf``.

Nothing here parses front matter or Markdown: the order of pages comes from the
content model (:func:`sotay.model.build_nav`), the text from the built HTML
(``article.md-content__inner`` of each page).

Run by hand: ``python -m sotay.printbook SITE_DIR [--pdf] [--only BOOK]``.
"""
from __future__ import annotations

import datetime as dt
import html as htmlmod
import json
import os
import posixpath
import re
import sys
import copy
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import address, model
from .text import slugify

HERE = Path(__file__).resolve().parent / "print"
HANDBOOK_CSS = HERE / "handbook.css"   # print views (screen and print) and PDFs
PDF_CSS = HERE / "pdf.css"             # PDFs only: @page boxes, fonts, page references

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

FONT_DIR = Path(os.environ.get("SOTAY_FONT_DIR", "/usr/share/fonts/truetype/noto"))
FONT_FAMILY = "Noto Serif"
FONT_FACES = {  # (weight, style) -> file in FONT_DIR
    (400, "normal"): "NotoSerif-Regular.ttf",
    (700, "normal"): "NotoSerif-Bold.ttf",
    (400, "italic"): "NotoSerif-Italic.ttf",
    (700, "italic"): "NotoSerif-BoldItalic.ttf",
}
# Where glyphs the text font lacks (→ − ≥ ☐ ✓ …) are taken from; they are
# copied into the text font so the PDF keeps one font family.
GLYPH_DONORS = ("NotoSansMath-Regular.ttf", "NotoSansSymbols-Regular.ttf", "NotoSansSymbols2-Regular.ttf")

L = {
    "vi": {
        "toc": "Mục lục",
        "printed": "Bản in ngày",
        "online": "Bản trực tuyến",
        "part": "Phần",
        "whole": "Toàn bộ sổ tay",
        "learner": "Bản dành cho học viên",
        "whole_training": "Phần Tập huấn in theo bản học viên: không có đáp án và ghi chú giảng viên",
        "trainer": "Bản dành cho giảng viên: có đáp án, đáp án tự kiểm tra và ghi chú giảng viên",
        "qr": "Mã QR tới bản trực tuyến",
        "key": "đáp án",
        "print_title": "bản in",
        "screen_note": "Bản in của cả phần, để in bằng trình duyệt (Ctrl+P) hoặc tải PDF.",
        "pdf": "Tải PDF",
        "back": "Về bản trực tuyến",
        "page": "tr.",
        "months": None,
    },
    "en": {
        "toc": "Contents",
        "printed": "Printed on",
        "online": "Online",
        "part": "Part",
        "whole": "The whole handbook",
        "learner": "Learner edition",
        "whole_training": "The training part is the learner edition: no solutions or trainer notes",
        "trainer": "Trainer edition: with solutions, quiz answers and trainer notes",
        "qr": "QR code to the online version",
        "key": "answer",
        "print_title": "print edition",
        "screen_note": "The whole section on one page, to print from the browser (Ctrl+P) or download as PDF.",
        "pdf": "Download PDF",
        "back": "Back to the online version",
        "page": "p.",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"),
    },
}


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


def jobs() -> list[tuple[str, str, str]]:
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


def short_url(url: str) -> str:
    """'https://sotay.example.vn/hoi-dap/x/' -> 'sotay.example.vn/hoi-dap/x/'."""
    return re.sub(r"^[a-z]+://", "", url)


def today() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()


def fmt_date(d: dt.date, lang: str) -> str:
    months = L[lang]["months"]
    return f"{d.day} {months[d.month - 1]} {d.year}" if months else f"{d.day:02d}/{d.month:02d}/{d.year}"


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def esc(s: str) -> str:
    return htmlmod.escape(s, quote=True)


# --------------------------------------------------------------------------
# The site as built
# --------------------------------------------------------------------------


@dataclass
class SiteInfo:
    lang: str
    name: str
    description: str
    url: str          # the published address of this language's home, ends with '/'; '' when none
    root_url: str     # the published address of the site, ends with '/'; '' when none (sotay.address)
    copyright: str


def _meta(text: str, name: str) -> str:
    m = re.search(r'<meta name="%s" content="([^"]*)"' % re.escape(name), text)
    return htmlmod.unescape(m.group(1)) if m else ""


def site_info(site_dir: Path, lang: str) -> SiteInfo:
    home = (site_dir / lang_prefix(lang) / "index.html").read_text(encoding="utf-8")
    root = address.of_site(site_dir)  # '' without a published address: nothing absolute is written
    url = root + lang_prefix(lang) if root else ""
    title = re.search(r"<title>(.*?)</title>", home, re.S)
    name = htmlmod.unescape(title.group(1)).split(" - ")[-1].strip() if title else "Sổ tay sinh hoạt chi bộ"
    copy_m = re.search(r'<div class="md-copyright__highlight">\s*(.*?)\s*</div>', home, re.S)
    return SiteInfo(lang=lang, name=nfc(name), description=nfc(_meta(home, "description")), url=url, root_url=root,
                    copyright=nfc(htmlmod.unescape(re.sub(r"<[^>]+>", "", copy_m.group(1))).strip()) if copy_m else "")


# --------------------------------------------------------------------------
# What a book holds, in nav order
# --------------------------------------------------------------------------


@dataclass
class Chapter:
    src: str
    type: str
    id: str = ""
    num: int = 0
    title: str = ""
    html: str = ""
    url: str = ""
    lead: str = ""
    lang: str = ""    # set when the text is in another language than the book's (a page not translated yet)


@dataclass
class Group:
    title: str
    intro: str | None            # a section page introducing the group (hoi-dap/<group>.md)
    chapters: list[Chapter]
    id: str = ""
    html: str = ""


@dataclass
class Part:
    section: str
    title: str
    intro: str | None            # the section's index.md
    units: list                  # Chapter | Group
    id: str = ""
    num: int = 0
    html: str = ""
    description: str = ""

    def chapters(self) -> list[Chapter]:
        out = []
        for u in self.units:
            out.extend(u.chapters if isinstance(u, Group) else [u])
        return out


def book_parts(pages: list[model.Page], book: str, lang: str) -> list[Part]:
    """The parts (sections) of a book, from the site navigation of the content model."""
    types = {p.src: p.type for p in pages}
    sections = WHOLE_SECTIONS if book == WHOLE else (book,)
    parts: list[Part] = []
    for entry in model.build_nav(pages):
        if not isinstance(entry, dict):
            continue  # the home page
        (title, items), = entry.items()
        if isinstance(items, str) or not items:
            continue
        section = items[0].split("/")[0]
        if section not in sections:
            continue
        ptitle = model.SECTION_TITLES[section][1] if lang == "en" else model.SECTION_TITLES[section][0]
        intro = items[0] if items[0].endswith("index.md") else None
        units: list = []
        for item in [] if section in INTRO_ONLY else items[1:] if intro else items:
            if isinstance(item, str):
                units.append(Chapter(item, types.get(item, "")))
                continue
            (gtitle, gitems), = item.items()
            if lang == "en":
                gtitle = model.NAV_TRANSLATIONS_EN.get(gtitle, gtitle)
            gintro = gitems[0] if gitems and types.get(gitems[0]) == "section" else None
            chapters = [Chapter(s, types.get(s, "")) for s in gitems if s != gintro]
            units.append(Group(gtitle, gintro, chapters))
        if not units and intro and section not in INTRO_ONLY:
            units, intro = [Chapter(intro, types.get(intro, ""))], None  # a one-page section (van-ban)
        parts.append(Part(section, ptitle, intro, units))
    parts.sort(key=lambda p: sections.index(p.section))
    return parts


# --------------------------------------------------------------------------
# HTML surgery on one page's article
# --------------------------------------------------------------------------


def _lx():
    from lxml import html as lhtml

    return lhtml


def _has_class(cls: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {cls} ")'


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def add_class(el, cls: str) -> None:
    el.set("class", " ".join(sorted(classes(el) | {cls})))


def drop(el) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    if el.getparent() is not None:
        el.drop_tree()


# Parsed articles by file and modification time: a page is in its section's
# book and in the whole handbook (and in both editions of the training books),
# and is parsed once; every book gets its own copy to change.
_ARTICLES: dict[tuple[str, int], object] = {}


def read_article(site_dir: Path, lang: str, src: str):
    """The ``article.md-content__inner`` of a built page (lxml element, a copy), or None."""
    f = site_dir / lang_prefix(lang) / page_path(src) / "index.html"
    try:
        key = (str(f), f.stat().st_mtime_ns)
    except FileNotFoundError:
        return None
    if key not in _ARTICLES:
        text = f.read_text(encoding="utf-8")
        m = _ARTICLE.search(text)  # parse the article alone, not the page around it
        found = _lx().fragment_fromstring(m.group(0)) if m else None
        _ARTICLES[key] = found if found is not None and found.tag == "article" else None
    art = _ARTICLES[key]
    return copy.deepcopy(art) if art is not None else None


# Blocks a person holding the paper cannot use, or that belong to the site.
CHROME_TAGS = {"script", "style", "button", "noscript", "form"}
CHROME_CLASSES = {"sotay-viewbar", "md-source-file", "md-content__button", "md-tags", "sotay-actions",
                  "sotay-screen-only", "md-button", "sotay-fill"}  # buttons (e.g. "Tải bản Word") are for the screen
CHROME_LINK_CLASSES = {"headerlink", "footnote-backref"}
# What a learner must not get, and what a trainer does not need.
HIDDEN = {
    LEARNER: ["trainer", "solution", "sotay-trainer-only", "quiz-explain"],
    TRAINER: ["sotay-learner-only"],
}


def _is_chrome(el, hidden: set[str], comment) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return tag is comment
    if tag in CHROME_TAGS or el.get("data-sotay-viewbar") is not None:
        return True
    if tag == "input" and el.get("type") != "checkbox":
        return True
    classes = set((el.get("class") or "").split())
    return bool(classes & CHROME_CLASSES or classes & hidden or (tag == "a" and classes & CHROME_LINK_CLASSES))


def strip_chrome(art, edition: str) -> None:
    """Drop the site's chrome and what the edition leaves out, in one walk over the tree."""
    from lxml import etree

    hidden = set(HIDDEN[edition])
    for el in [el for el in art.iter() if el is not art and _is_chrome(el, hidden, etree.Comment)]:
        drop(el)


def details_to_blocks(art) -> None:
    """<details> -> an always-open block like an admonition (Material opens them for print anyway)."""
    for d in art.xpath(".//details"):
        d.tag = "div"
        add_class(d, "admonition")
        add_class(d, "details")
        for attr in ("open",):
            d.attrib.pop(attr, None)
        for s in d.xpath("./summary"):
            s.tag = "p"
            s.set("class", "admonition-title")


def tasklists(art, edition: str, lang: str = model.DEFAULT_LANG) -> None:
    """Checkboxes -> drawn boxes; the quiz key is shown (trainer) or removed (learner)."""
    lhtml = _lx()
    for li in art.xpath(f".//li[{_has_class('task-list-item')}]"):
        box = li.xpath(".//input[@type='checkbox']")
        checked = bool(box) and box[0].get("checked") is not None
        in_quiz = bool(li.xpath(f"ancestor::*[{_has_class('quiz')}]"))
        for label in li.xpath(f"./label[{_has_class('task-list-control')}]") + li.xpath("./input[@type='checkbox']"):
            tail = label.tail
            span = lhtml.Element("span")
            shown = checked and (not in_quiz or edition == TRAINER)  # the quiz key: trainer only
            span.set("class", "box" + (" box--checked" if shown else ""))
            span.set("aria-hidden", "true")
            span.tail = tail
            label.getparent().replace(label, span)
        if in_quiz and checked and edition == TRAINER:
            add_class(li, "quiz-key")
            mark = lhtml.Element("strong")
            mark.set("class", "key-mark")
            mark.text = f" ({L[lang]['key']})"
            li.append(mark)
    for box in art.xpath(".//input[@type='checkbox']"):
        drop(box)


def tabbed_sets(art) -> None:
    """Content tabs -> every panel one after the other, each under its label."""
    lhtml = _lx()
    for ts in art.xpath(f".//div[{_has_class('tabbed-set')}]"):
        labels = [lab.text_content().strip() for lab in ts.xpath(f"./div[{_has_class('tabbed-labels')}]/label")]
        blocks = ts.xpath(f"./div[{_has_class('tabbed-content')}]/div[{_has_class('tabbed-block')}]")
        new = lhtml.Element("div")
        new.set("class", "tabs")
        for title, block in zip(labels, blocks):
            p = lhtml.Element("p")
            p.set("class", "tab-title")
            p.text = title
            new.append(p)
            block.set("class", "tab-panel")
            new.append(block)
        new.tail = ts.tail
        ts.getparent().replace(ts, new)


def drop_generated_lists(art, chapter_paths: set[str], page_url: str) -> None:
    """Section and group pages: drop the generated page lists (the table of contents has them)
    and the review date (of the list page, not of the chapters)."""
    for el in art.xpath(f"./p[{_has_class('sotay-reviewed')}]"):
        drop(el)
    for ul in art.xpath("./ul | ./ol"):
        items = ul.xpath("./li")
        if items and all(_first_link_target(li, page_url) in chapter_paths for li in items):
            drop(ul)
    drop_empty_headings(art)  # headings left with nothing under them (the groups of the Q&A index)


def _first_link_target(li, page_url: str) -> str | None:
    a = li.xpath("./a[@href] | ./p/a[@href]")
    if not a:
        return None
    u = urlsplit(urljoin(page_url, a[0].get("href")))
    return u.path if u.netloc == urlsplit(page_url).netloc else None


FAKE_HOST = "http://site.invalid/"


@dataclass
class Book:
    book: str
    lang: str
    edition: str
    site: SiteInfo
    parts: list[Part]
    title: str = ""
    description: str = ""
    built: dt.date = field(default_factory=today)
    # site path ('/huong-dan/x/') -> element id in the book
    targets: dict[str, str] = field(default_factory=dict)
    ids: dict[str, set[str]] = field(default_factory=dict)
    # site path -> {heading id: '8.2'} and {'': '8'}: numbers printed after cross-references
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def dir(self) -> str:
        return view_dir(self.book, self.lang, self.edition)

    @property
    def whole(self) -> bool:
        return self.book == WHOLE

    def online(self, path: str) -> str:
        """Published address of a site path ('/hoi-dap/x/'); '' without a published address."""
        return self.site.root_url + path.lstrip("/") if self.site.root_url else ""

    def relative(self, path: str) -> str:
        """A site path ('/hoi-dap/x/') as a link relative to this print view."""
        rel = posixpath.relpath(path, "/" + self.dir)
        return rel + "/" if path.endswith("/") and not rel.endswith("/") else rel


def chapter_id(src: str) -> str:
    return "c-" + re.sub(r"[^a-z0-9]+", "-", page_path(src) or "trang-chu").strip("-")


def heading_numbers(art, number: int) -> list[tuple[object, str]]:
    """(heading, '8.2') for the numbered headings of a chapter: its own h2 and h3."""
    out, sec, sub = [], 0, 0
    for h in art.xpath("./h2 | ./h3"):
        if h.tag == "h2":
            sec, sub = sec + 1, 0
            out.append((h, f"{number}.{sec}"))
        elif sec:
            sub += 1
            out.append((h, f"{number}.{sec}.{sub}"))
    return out


def rewrite(art, book: Book, own_id: str, page_path_: str, level_base: int, number: int | None) -> None:
    """Ids, links, images and heading levels of one page's content, in place."""
    page_url = FAKE_HOST + page_path_.lstrip("/")
    lhtml = _lx()
    # Ids: unique in the book.
    for el in art.xpath(".//*[@id]"):
        el.set("id", f"{own_id}--{el.get('id')}")
    for el in art.xpath(".//*[@for] | .//*[@aria-controls] | .//*[@aria-labelledby] | .//*[@aria-describedby]"):
        for attr in ("for", "aria-controls", "aria-labelledby", "aria-describedby"):
            if el.get(attr):
                el.set(attr, " ".join(f"{own_id}--{v}" for v in el.get(attr).split()))
    # Links.
    for a in art.xpath(".//a[@href]"):
        href = a.get("href")
        if href.startswith(("mailto:", "tel:", "data:")):
            continue
        target = urljoin(page_url, href)
        u = urlsplit(target)
        if not target.startswith(FAKE_HOST):
            add_class(a, "ext")  # a link off the site: printed with its address
            a.set("data-short", short_url(target))
            continue
        path = u.path
        if path.endswith("/index.html"):
            path = path[: -len("index.html")]
        if path in book.targets:
            tid = book.targets[path]
            frag = u.fragment
            if frag and frag in book.ids.get(path, set()):
                tid = f"{tid}--{frag}"
            a.set("href", f"#{tid}")
            add_class(a, "xref")
            labels = book.labels.get(path, {})
            label = labels.get(frag) or labels.get("")
            if label and path != page_path_:
                a.set("data-ref", label)  # printed after the link: "(mục 8.2)"
        elif book.online(path):
            url = book.online(path) + (f"#{u.fragment}" if u.fragment else "")
            a.set("href", url)
            add_class(a, "ext")
            a.set("data-short", short_url(url))
        else:  # no published address: a relative link, nothing printed after it
            a.set("href", book.relative(path) + (f"#{u.fragment}" if u.fragment else ""))
            add_class(a, "rel")
    # Images and other embedded files: relative to the print view.
    for el in art.xpath(".//img[@src] | .//source[@src]"):
        src = el.get("src")
        if src.startswith(("data:", "http:", "https:")):
            continue
        path = urlsplit(urljoin(page_url, src)).path
        el.set("src", posixpath.relpath(path, "/" + book.dir))
    for el in art.xpath(".//*[@srcset]"):
        del el.attrib["srcset"]
    # Heading levels and numbers: h2 of a page becomes a level under its chapter title.
    numbers = dict(heading_numbers(art, number)) if number is not None else {}
    for h in art.xpath(".//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6"):
        lv = int(h.tag[1])
        label = numbers.get(h)
        h.tag = f"h{min(6, level_base + lv - 1)}"
        add_class(h, f"lv{lv}")
        if not label:
            continue
        num = lhtml.Element("span")
        num.set("class", "num")
        num.text = label
        num.tail = " " + (h.text or "")
        h.text = None
        h.insert(0, num)


def inner_html(el) -> str:
    lhtml = _lx()
    out = [esc(el.text or "")]
    for child in el:
        out.append(lhtml.tostring(child, encoding="unicode", method="html", with_tail=True))
    return "".join(out)


QR_CACHE = Path(os.environ.get("SOTAY_CACHE", model.ROOT / ".cache")) / "qr.json"
_qr_memo: dict[str, str] = {}
_qr_new: list[str] = []


def _qr_uri(url: str) -> str:
    """A QR code as an SVG data URI. Choosing the best mask costs ~10 ms a code, so
    codes are kept in .cache/qr.json between builds (and in memory under mkdocs serve)."""
    if not _qr_memo and QR_CACHE.exists():
        try:
            _qr_memo.update(json.loads(QR_CACHE.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    if url not in _qr_memo:
        import segno

        _qr_memo[url] = segno.make(url, error="m").svg_data_uri(scale=4, border=0, dark="#000", light="#fff")
        _qr_new.append(url)
    return _qr_memo[url]


def _save_qr_cache() -> None:
    if not _qr_new:
        return
    try:
        QR_CACHE.parent.mkdir(parents=True, exist_ok=True)
        # Two processes may write it (post_build): keep what the other one saved.
        try:
            _qr_memo.update({k: v for k, v in json.loads(QR_CACHE.read_text(encoding="utf-8")).items()
                             if k not in _qr_memo})
        except (OSError, ValueError):
            pass
        tmp = QR_CACHE.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(_qr_memo, sort_keys=True), encoding="utf-8")
        tmp.replace(QR_CACHE)
        _qr_new.clear()
    except OSError:
        pass


def _qr(url: str, title: str) -> str:
    return f'<img class="qr" src="{_qr_uri(url)}" alt="{esc(title)}: {esc(url)}">'


# --------------------------------------------------------------------------
# A book
# --------------------------------------------------------------------------


def make_book(site_dir: Path, pages: list[model.Page], book: str, lang: str, edition: str = LEARNER,
              info: SiteInfo | None = None) -> Book | None:
    info = info or site_info(site_dir, lang)
    parts = book_parts(pages, book, lang)
    if not parts:
        return None
    b = Book(book, lang, edition, info, parts)
    by_src = {p.src: p for p in pages}

    # Pages in the nav but not built (a page being written) are left out; so are, in a
    # learner's copy, the pages only for trainers (their notes, the class preparation).
    def built(src: str) -> bool:
        return (site_dir / lang_prefix(lang) / page_path(src) / "index.html").exists() and \
            not (edition == LEARNER and for_trainers_only(by_src.get(src)))

    for part in parts:
        if part.intro and not built(part.intro):
            part.intro = None
        part.units = [u for u in part.units if isinstance(u, Group) or built(u.src)]
        for u in part.units:
            if isinstance(u, Group):
                u.chapters = [c for c in u.chapters if built(c.src)]
                if u.intro and not built(u.intro):
                    u.intro = None
        part.units = [u for u in part.units if not isinstance(u, Group) or u.chapters]
    # First pass: where each page lands, its number, the ids it has.
    n_part, n_chapter = 0, 0
    articles: dict[str, object] = {}
    for part in parts:
        n_part += 1
        part.num = n_part
        part.id = f"p-{part.section}"
        if part.intro:
            b.targets["/" + lang_prefix(lang) + page_path(part.intro)] = part.id
        for unit in part.units:
            chapters = unit.chapters if isinstance(unit, Group) else [unit]
            if isinstance(unit, Group):
                unit.id = f"g-{part.section}-" + slugify(unit.title)
                if unit.intro:
                    unit.id = chapter_id(unit.intro)
                    b.targets["/" + lang_prefix(lang) + page_path(unit.intro)] = unit.id
            for ch in chapters:
                n_chapter += 1
                ch.num = n_chapter
                ch.id = chapter_id(ch.src)
                path = "/" + lang_prefix(lang) + page_path(ch.src)
                b.targets[path] = ch.id
                ch.url = b.online(path)
    nums = {ch.src: ch.num for part in parts for ch in part.chapters()}
    for src in [s for part in parts for s in _all_srcs(part)]:
        art = read_article(site_dir, lang, src)
        articles[src] = art
        if art is None:
            continue
        path = "/" + lang_prefix(lang) + page_path(src)
        b.ids[path] = {e.get("id") for e in art.xpath(".//*[@id]")}
        if src in nums:
            b.labels[path] = {"": str(nums[src])}
            b.labels[path].update((h.get("id"), label) for h, label in heading_numbers(art, nums[src]) if h.get("id"))
    # Titles of the book.
    if b.whole:
        b.title = L[lang]["whole"]
        b.description = info.description
    else:
        b.title = parts[0].title
        intro = by_src.get(parts[0].intro or "")
        # The English section page's description when it has one, else the default language's.
        en = by_src.get((parts[0].intro or "").replace(".md", f".{lang}.md")) if lang != model.DEFAULT_LANG else None
        b.description = str(((en or intro).meta.get("description", "")) if (en or intro) else "")
    chapter_paths = set(b.targets)
    # Second pass: the content.
    base = 3 if b.whole else 2  # cover h1; (part h2;) chapter title; content below it
    for part in parts:
        intro_src = part.intro
        if intro_src and articles.get(intro_src) is not None:
            art = articles[intro_src]
            _title_of(art)
            _prepare(art, b, edition)
            drop_generated_lists(art, chapter_paths, FAKE_HOST + lang_prefix(lang) + page_path(intro_src))
            rewrite(art, b, part.id, "/" + lang_prefix(lang) + page_path(intro_src), base + 1, None)
            part.html = _lang_block(inner_html(art), art.get("lang", ""))
        p = by_src.get(intro_src or "")
        part.description = str(p.meta.get("description", "")) if p else ""
        for unit in part.units:
            if isinstance(unit, Group):
                if unit.intro and articles.get(unit.intro) is not None:
                    art = articles[unit.intro]
                    _title_of(art)
                    _prepare(art, b, edition)
                    drop_generated_lists(art, chapter_paths, FAKE_HOST + lang_prefix(lang) + page_path(unit.intro))
                    rewrite(art, b, unit.id, "/" + lang_prefix(lang) + page_path(unit.intro), base + 1, None)
                    unit.html = _lang_block(inner_html(art), art.get("lang", ""))
                chapters = unit.chapters
                level = base + 1
            else:
                chapters = [unit]
                level = base
            for ch in chapters:
                art = articles.get(ch.src)
                if art is None:
                    ch.title = ch.src
                    continue
                ch.title = _title_of(art) or ch.src
                ch.lang = art.get("lang", "")
                _prepare(art, b, edition)
                rewrite(art, b, ch.id, "/" + lang_prefix(lang) + page_path(ch.src), level + 1, ch.num)
                lead = art.xpath(f"./p[{_has_class('sotay-basis-line')}]")
                if lead:  # the "Căn cứ: …" line goes under the title, beside the QR code
                    ch.lead = _lx().tostring(lead[0], encoding="unicode", method="html", with_tail=False)
                    drop(lead[0])
                ch.html = inner_html(art)
                ch.level = level
    return b


def for_trainers_only(page: model.Page | None) -> bool:
    """A page whose audience is only trainers (``audience: [giang-vien]``)."""
    audience = (page.meta.get("audience") or []) if page is not None else []
    return bool(audience) and set(audience) <= {"giang-vien"}


def drop_empty_headings(art) -> None:
    """Headings left with nothing under them once the edition's blocks are gone (a
    "Ghi chú cho giảng viên" heading in a learner's copy): a heading alone is no use on paper."""
    changed = True
    while changed:
        changed = False
        kids = [k for k in art if isinstance(k.tag, str)]
        for i, k in enumerate(kids):
            if re.fullmatch(r"h[1-6]", k.tag):
                nxt = kids[i + 1] if i + 1 < len(kids) else None
                if nxt is None or (re.fullmatch(r"h[1-6]", nxt.tag) and int(nxt.tag[1]) <= int(k.tag[1])):
                    drop(k)
                    changed = True
                    break


def _all_srcs(part: Part) -> list[str]:
    out = [part.intro] if part.intro else []
    for u in part.units:
        if isinstance(u, Group):
            out += ([u.intro] if u.intro else []) + [c.src for c in u.chapters]
        else:
            out.append(u.src)
    return out


def _title_of(art) -> str:
    """Remove the page's h1 and return its text."""
    hs = art.xpath(".//h1")
    if not hs:
        return ""
    h = hs[0]
    for a in h.xpath(f".//a[{_has_class('headerlink')}]"):
        drop(a)
    title = " ".join(h.text_content().split())
    drop(h)
    return nfc(title)


def _prepare(art, b: Book, edition: str) -> None:
    strip_chrome(art, edition)
    drop_empty_headings(art)
    details_to_blocks(art)
    tasklists(art, edition, b.lang)
    tabbed_sets(art)


def render_book(b: Book) -> str:
    """The print view: one HTML page."""
    t = L[b.lang]
    css = HANDBOOK_CSS.read_text(encoding="utf-8")
    section_path = "/" + lang_prefix(b.lang) + (page_path(b.parts[0].intro) if not b.whole and b.parts[0].intro else "")
    section_url = b.online(section_path)  # '' without a published address
    edition_note = ""
    if b.book in TRAINER_BOOKS:
        edition_note = f'<p class="cover__edition">{esc(t["trainer"] if b.edition == TRAINER else t["learner"])}</p>'
    elif b.whole and any(p.section in TRAINER_BOOKS for p in b.parts):
        edition_note = f'<p class="cover__edition">{esc(t["whole_training"])}</p>'
    pdf_rel = posixpath.relpath("/" + pdf_path(b.book, b.lang, b.edition), "/" + b.dir)
    title = f"{b.title} — {b.site.name}"
    out = [
        "<!doctype html>",
        f'<html lang="{b.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{esc(title)} ({esc(t['print_title'])})</title>",
        f'<meta name="description" content="{esc(b.description or b.site.description)}">',
        f'<meta name="author" content="{esc(b.site.copyright.split(" — ")[0] or b.site.name)}">',
        f'<meta name="dcterms.created" content="{b.built.isoformat()}">',
        '<meta name="generator" content="sotay printbook (WeasyPrint for the PDF)">',
        f'<link rel="canonical" href="{esc(b.online("/" + b.dir))}">' if b.online("/" + b.dir) else "",
        f"<style>\n{css}\n</style>",
        "</head>",
        f'<body class="book book--{b.book} edition--{b.edition}">',
        '<header class="cover">',
        f'<p class="screen-only screen-note">{esc(t["screen_note"])} '
        f'<a href="{esc(pdf_rel)}" download>{esc(t["pdf"])}</a> · '
        f'<a href="{esc(section_url or b.relative(section_path))}">{esc(t["back"])}</a></p>',
        # The running heads of the PDF come from data-running (pdf.css): the
        # handbook's name on the left, the section on the right.
        f'<p class="cover__site" data-running="{esc(b.site.name)}">{esc(b.title if b.whole else b.site.name)}</p>',
        f'<h1 class="cover__title" data-running="{"" if b.whole else esc(b.title)}">'
        f'{esc(b.site.name if b.whole else b.title)}</h1>',
        f'<p class="cover__desc">{esc(b.description)}</p>' if b.description else "",
        edition_note,
        '<div class="cover__foot">',
        _qr(section_url, t["qr"]) if section_url else "",
        '<div class="cover__meta">',
        f'<p class="cover__date">{esc(t["printed"])} {esc(fmt_date(b.built, b.lang))}</p>',
        f'<p class="cover__url">{esc(t["online"])}: <a href="{esc(section_url)}">{esc(short_url(section_url))}</a></p>'
        if section_url else "",
        f'<p class="cover__note">{esc(b.site.copyright)}</p>' if b.site.copyright else "",
        "</div></div>",
        "</header>",
        '<main class="book__body">',
    ]
    intro = b.parts[0].html if not b.whole else ""
    intro_html = f'<div class="book__intro">{intro}</div>' if intro.strip() else ""
    # A one-line preface goes before the contents; an intro with its own headings (the
    # documents register on van-ban/) is content of its own: the contents come first.
    has_headings = re.search(r"<h[2-6][\s>]", intro) is not None
    out += [render_toc(b), intro_html] if has_headings else [intro_html, render_toc(b)]
    for part in b.parts:
        out.append(render_part(b, part))
    out += ["</main>", "</body>", "</html>", ""]
    return nfc("\n".join(x for x in out if x))


def render_toc(b: Book) -> str:
    t = L[b.lang]
    out = [f'<nav class="toc" aria-labelledby="toc-title"><h2 class="toc__title" id="toc-title">{esc(t["toc"])}</h2>',
           '<ol class="toc__list">']

    def chapter_items(chapters: list[Chapter]) -> list[str]:
        return [f'<li class="toc__chapter"><a href="#{c.id}"><span class="num">{c.num}.</span> '
                f'{_in_lang(esc(c.title), c.lang)}</a></li>' for c in chapters]

    def unit_items(units: list) -> list[str]:
        items: list[str] = []
        for u in units:
            if isinstance(u, Group):
                items.append(f'<li class="toc__group"><a href="#{u.id}">{esc(u.title)}</a>'
                             f'<ol>{"".join(chapter_items(u.chapters))}</ol></li>')
            else:
                items += chapter_items([u])
        return items

    if b.whole:
        for part in b.parts:
            inner = "".join(unit_items(part.units))
            out.append(f'<li class="toc__part"><a href="#{part.id}"><span class="num">{esc(t["part"])} {part.num}.</span> '
                       f'{esc(part.title)}</a>' + (f"<ol>{inner}</ol>" if inner else "") + "</li>")
    else:
        out += unit_items(b.parts[0].units)
    out += ["</ol>", "</nav>"]
    return "\n".join(out)


def render_part(b: Book, part: Part) -> str:
    t = L[b.lang]
    out = []
    if b.whole:
        out.append(f'<section class="part part--{part.section}" id="{part.id}" aria-labelledby="{part.id}-title">')
        out.append(f'<h2 class="part__title" id="{part.id}-title" data-running="{esc(part.title)}"><span class="num">{esc(t["part"])} {part.num}.</span> '
                   f'{esc(part.title)}</h2>')
        if part.html.strip():
            out.append(f'<div class="part__intro">{part.html}</div>')
        level = 3
    else:  # a section book: its introduction is printed before the table of contents
        out.append(f'<div class="part part--{part.section}" id="{part.id}">')
        level = 2
    for unit in part.units:
        if isinstance(unit, Group):
            out.append(f'<section class="group" id="{unit.id}" aria-labelledby="{unit.id}-title">')
            out.append(f'<h{level} class="group__title" id="{unit.id}-title">{esc(unit.title)}</h{level}>')
            if unit.html.strip():
                out.append(f'<div class="group__intro">{unit.html}</div>')
            out += [render_chapter(b, c, level + 1) for c in unit.chapters]
            out.append("</section>")
        else:
            out.append(render_chapter(b, unit, level))
    out.append("</section>" if b.whole else "</div>")
    return "\n".join(out)


def _lang_block(html: str, lang: str) -> str:
    return f'<div lang="{lang}">{html}</div>' if lang and html.strip() else html


def _in_lang(html: str, lang: str) -> str:
    return f'<span lang="{lang}">{html}</span>' if lang else html


def render_chapter(b: Book, ch: Chapter, level: int) -> str:
    t = L[b.lang]
    kind = "chapter--run-on" if ch.type in RUN_ON_TYPES else "chapter--page"
    lang = f' lang="{ch.lang}"' if ch.lang and ch.lang != b.lang else ""
    # The QR code and short address of the chapter's online page: only with a published address.
    link = (f'<div class="chapter__link">{_qr(ch.url, t["qr"])}'
            f'<a class="chapter__url" href="{esc(ch.url)}">{esc(short_url(ch.url))}</a></div>') if ch.url else ""
    return "\n".join([
        f'<section class="chapter {kind} chapter--{ch.type or "page"}" id="{ch.id}" aria-labelledby="{ch.id}-title"{lang}>',
        '<div class="chapter__head">',
        link,
        '<div class="chapter__heading">',
        f'<h{level} class="chapter__title" id="{ch.id}-title"><span class="num">{ch.num}.</span> {esc(ch.title)}</h{level}>',
        ch.lead,
        "</div></div>",
        ch.html,
        "</section>",
    ])


# --------------------------------------------------------------------------
# Print views: written by the MkDocs hook after the build
# --------------------------------------------------------------------------


def write_views(site_dir: Path, pages: list[model.Page], only: str | None = None,
                job_list: list[tuple[str, str, str]] | None = None) -> list[Path]:
    """The print views of ``job_list`` (default: every one; ``only``: one book's)."""
    out = []
    job_list = jobs() if job_list is None else job_list
    infos = {lang: site_info(site_dir, lang) for lang in {j[1] for j in job_list}
             if (site_dir / lang_prefix(lang) / "index.html").exists()}
    for book, lang, edition in job_list:
        if (only and book != only) or lang not in infos:
            continue
        b = make_book(site_dir, pages, book, lang, edition, infos[lang])
        if b is None:
            continue
        f = site_dir / b.dir / "index.html"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(render_book(b), encoding="utf-8")
        out.append(f)
    _save_qr_cache()
    return out


# Internal links in the site's pages get their published address in
# data-print-url, which sotay.css (printing part) prints after the link text.
# The article of a built page; an English URL showing the Vietnamese text has lang="vi" on it (site.mark_vietnamese).
_ARTICLE = re.compile(r'(<article class="md-content__inner[^"]*"[^>]*>)(.*?)(</article>)', re.S)
_LINK = re.compile(r'<a href="(?![a-z]+:|#|//)([^"]+)"(?! data-print-url)')


def annotate_html(text: str, relp: str, root: str) -> str:
    """One built page (``relp``: its path in site/, e.g. 'huong-dan/x/index.html'):
    data-print-url on the internal links of its article; ``root`` is the site's address."""
    page_dir = "/" + posixpath.dirname(relp) + "/" if "/" in relp else "/"

    def link(m: re.Match) -> str:
        href = htmlmod.unescape(m.group(1))
        u = urlsplit(urljoin(FAKE_HOST + page_dir.lstrip("/"), href))
        path = u.path[: -len("index.html")] if u.path.endswith("/index.html") else u.path
        url = short_url(root + path.lstrip("/")) + (f"#{u.fragment}" if u.fragment else "")
        return f'<a href="{m.group(1)}" data-print-url="{esc(url)}"'

    def article(m: re.Match) -> str:
        return m.group(1) + _LINK.sub(link, m.group(2)) + m.group(3)

    return _ARTICLE.sub(article, text, count=1)


# Under `mkdocs build` the print views are written by forked processes, beside
# the work that is left (there are two cores on the machines this runs on):
# the default language's, while mkdocs-static-i18n builds the other languages
# (start_views, from the hook's on_config), then the rest in two halves. Each
# process shares nothing with the others but the QR cache, merged on save.
# Under `mkdocs serve` (a threaded server) nothing is forked.


def start_views(site_dir: str | Path, pages: list[model.Page], job_list: list[tuple[str, str, str]]):
    """Write these print views in a forked process; wait_views() collects it."""
    import multiprocessing

    child = multiprocessing.get_context("fork").Process(
        target=write_views, args=(Path(site_dir), pages), kwargs={"job_list": job_list}, name="sotay-print-views")
    child.start()
    child.sotay_jobs = job_list
    return child


def wait_views(child) -> None:
    child.join()
    if child.exitcode:
        books = ", ".join(sorted({f"{lang_prefix(lang)}{PRINT_DIR}/{book}/" for book, lang, _e in child.sotay_jobs}))
        raise RuntimeError(f"print views failed ({books}): see the error above")


def can_fork() -> bool:
    return hasattr(os, "fork")


def post_build(site_dir: str | Path, pages: list[model.Page], parallel: bool = False, started=None) -> None:
    """Called by sotay.site.post_build: the print views (links have their print
    addresses already: annotate_html, from sotay.site.post_page).

    ``started``: a process from start_views already writing some of them.
    ``parallel``: the rest are written in two processes (this one and a fork)."""
    site_dir = Path(site_dir)
    done = set(started.sotay_jobs) if started is not None else set()
    rest = [j for j in jobs() if j not in done]
    try:
        if not parallel or not can_fork() or len(rest) < 2:
            write_views(site_dir, pages, job_list=rest)
            return
        # Two halves of about the same work: the whole handbook is about as much
        # as the sections together.
        langs = sorted({lang for _b, lang, _e in rest})
        if len(langs) > 1:
            other = [j for j in rest if j[1] != langs[0]]
        else:
            other = [j for j in rest if j[0] == WHOLE]
        child = start_views(site_dir, pages, other)
        try:
            write_views(site_dir, pages, job_list=[j for j in rest if j not in other])
        finally:
            wait_views(child)
    finally:
        if started is not None:
            wait_views(started)


# --------------------------------------------------------------------------
# PDFs
# --------------------------------------------------------------------------


def _text_chars(html_text: str) -> set[str]:
    body = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html_text, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return set(htmlmod.unescape(body)) | set("•◦▪")  # and the markers of nested lists


def font_with_glyphs(chars: set[str], out_dir: Path) -> dict[tuple[int, str], Path]:
    """Copies of the text font's faces with the glyphs it lacks added from GLYPH_DONORS.

    So symbols in the text (→ − ≥ …) come from the same embedded font as the
    letters, instead of Pango's per-glyph fallback to another family.
    """
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    out: dict[tuple[int, str], Path] = {}
    donors = [TTFont(FONT_DIR / d) for d in GLYPH_DONORS if (FONT_DIR / d).exists()]
    for face, fname in FONT_FACES.items():
        src = FONT_DIR / fname
        if not src.exists():
            raise SystemExit(f"font not found: {src} (apt-get install fonts-noto-core)")
        font = TTFont(src)
        cmap = font.getBestCmap()
        missing = sorted(c for c in chars if ord(c) not in cmap and ord(c) > 0x20
                         and unicodedata.category(c)[0] not in "CZ")
        added = []
        for c in missing:
            for donor in donors:
                dname = donor.getBestCmap().get(ord(c))
                if not dname:
                    continue
                gs = donor.getGlyphSet()
                rec = DecomposingRecordingPen(gs)
                gs[dname].draw(rec)
                pen = TTGlyphPen(None)
                scale = font["head"].unitsPerEm / donor["head"].unitsPerEm
                if scale != 1:
                    from fontTools.pens.transformPen import TransformPen
                    rec.replay(TransformPen(pen, (scale, 0, 0, scale, 0, 0)))
                else:
                    rec.replay(pen)
                glyph = pen.glyph()
                name = f"sotay_uni{ord(c):04X}"
                font["glyf"][name] = glyph
                glyph.recalcBounds(font["glyf"])
                adv = round(donor["hmtx"][dname][0] * scale)
                font["hmtx"][name] = (adv, getattr(glyph, "xMin", 0))
                for table in font["cmap"].tables:
                    if table.isUnicode() and (table.format != 4 or ord(c) <= 0xFFFF):
                        table.cmap[ord(c)] = name
                added.append(c)
                break
        if added:
            for tag in ("hdmx", "LTSH", "VDMX", "DSIG"):
                if tag in font:
                    del font[tag]
            dest = out_dir / fname
            font.save(dest)
            out[face] = dest
        else:
            out[face] = src
        unknown = set(missing) - set(added)
        if unknown and face == (400, "normal"):
            print("pdf: no font has " + " ".join(f"U+{ord(c):04X}" for c in sorted(unknown)), file=sys.stderr)
    return out


def pdf_css(fonts: dict[tuple[int, str], Path]) -> str:
    faces = "\n".join(
        f'@font-face {{ font-family: "Sotay Text"; src: url("{p.resolve().as_uri()}"); '
        f"font-weight: {w}; font-style: {s}; }}" for (w, s), p in fonts.items())
    return faces + "\n" + PDF_CSS.read_text(encoding="utf-8")


def render_pdf(view: Path, target: Path, css: str) -> tuple[str, int, float]:
    from weasyprint import HTML

    t = time.perf_counter()
    # pdf.css goes in as an author style sheet after handbook.css (the
    # `stylesheets` argument would make it a user style sheet, which loses).
    text = view.read_text(encoding="utf-8").replace("</head>", f"<style>\n{css}\n</style>\n</head>", 1)
    doc = HTML(string=text, base_url=str(view), encoding="utf-8").render()
    doc.write_pdf(str(target))
    return str(target), len(doc.pages), time.perf_counter() - t


def _render_job(args):
    return render_pdf(*args)


CACHE_DIR = Path(os.environ.get("SOTAY_CACHE", model.ROOT / ".cache")) / "pdf"


def _cache_key(view_text: str) -> str:
    """What a PDF depends on: the print view, pdf.css, this module, the fonts, WeasyPrint."""
    import hashlib

    import weasyprint

    h = hashlib.sha256()
    for part in (view_text, PDF_CSS.read_text(encoding="utf-8"), Path(__file__).read_text(encoding="utf-8"),
                 weasyprint.__version__):
        h.update(part.encode("utf-8"))
    for name in list(FONT_FACES.values()) + list(GLYPH_DONORS):
        f = FONT_DIR / name
        h.update(f"{name}:{f.stat().st_size if f.exists() else 0}".encode())
    return h.hexdigest()[:20]


def export_pdfs(site_dir: Path, only: str | None = None, workers: int | None = None) -> int:
    """The ``pdf`` exporter: a PDF of every print view (made by the MkDocs hook).

    PDFs are cached in .cache/pdf/ by the content they come from, so a build
    after a change renders only the books that changed (SOTAY_PDF_CACHE=0: never
    reuse). Renders in parallel, one process per core (SOTAY_PDF_WORKERS).
    """
    import logging
    import shutil

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    site_dir = Path(site_dir)
    t0 = time.perf_counter()
    use_cache = os.environ.get("SOTAY_PDF_CACHE", "1") != "0"
    todo, reused = [], []
    chars: set[str] = set()
    for book, lang, edition in jobs():
        if only and book != only:
            continue
        view = site_dir / view_dir(book, lang, edition) / "index.html"
        if not view.exists():
            print(f"pdf: no print view {view.relative_to(site_dir)} (run mkdocs build first)", file=sys.stderr)
            return 1
        text = view.read_text(encoding="utf-8")
        target = site_dir / pdf_path(book, lang, edition)
        cached = CACHE_DIR / f"{target.stem}.{_cache_key(text)}.pdf"
        if use_cache and cached.exists():
            shutil.copyfile(cached, target)
            reused.append(target)
            continue
        chars |= _text_chars(text)
        todo.append((view, target, cached))
    results = []
    if todo:
        for sheet in (HANDBOOK_CSS, PDF_CSS):  # generated content: "✓", leaders, …
            for m in re.finditer(r"content:\s*([^;}]*)", sheet.read_text(encoding="utf-8")):
                for q in re.findall(r'"([^"]*)"', m.group(1)):
                    chars |= set(q)
        with tempfile.TemporaryDirectory(prefix="sotay-fonts-") as tmp:
            css = pdf_css(font_with_glyphs(chars, Path(tmp)))
            # Largest first, so the workers finish together.
            todo.sort(key=lambda j: -j[0].stat().st_size)
            workers = workers or int(os.environ.get("SOTAY_PDF_WORKERS", 0)) or min(len(todo), os.cpu_count() or 1)
            args = [(v, t, css) for v, t, _c in todo]
            if workers > 1 and len(todo) > 1:
                import concurrent.futures as cf
                import multiprocessing as mp

                with cf.ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork")) as pool:
                    results = list(pool.map(_render_job, args))
            else:
                results = [render_pdf(*a) for a in args]
        if use_cache:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            for _v, target, cached in todo:
                for old in CACHE_DIR.glob(f"{target.stem}.*.pdf"):
                    old.unlink()
                shutil.copyfile(target, cached)
    total_pages = 0
    for target, n, secs in sorted(results):
        total_pages += n
        size = Path(target).stat().st_size
        print(f"pdf: {Path(target).relative_to(site_dir)}: {n} trang, {size / 1024:.0f} KB, {secs:.1f} s")
    print(f"pdf: {len(results)} tệp dựng mới ({total_pages} trang), {len(reused)} tệp lấy lại từ {CACHE_DIR}, "
          f"{time.perf_counter() - t0:.1f} s")
    return 0


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m sotay.printbook", description=__doc__.split("\n")[0])
    ap.add_argument("site", nargs="?", default=str(model.ROOT / "site"))
    ap.add_argument("--pdf", action="store_true", help="also render the PDFs")
    ap.add_argument("--only", help="one book")
    ap.add_argument("--workers", type=int)
    args = ap.parse_args(argv)
    site_dir = Path(args.site)
    t = time.perf_counter()
    written = write_views(site_dir, model.load_pages(), args.only)
    print(f"views: {len(written)} in {time.perf_counter() - t:.2f} s")
    if args.pdf:
        return export_pdfs(site_dir, args.only, args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
