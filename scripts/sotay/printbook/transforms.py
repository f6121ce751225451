"""A built page's article made ready for paper: lxml transforms, in place.

Each function takes the article (an lxml element, :meth:`sotay.books.source.BuiltSite.article`)
and changes it for a book: the site's chrome and what the edition leaves out are
dropped, collapsible blocks open, checkboxes become drawn boxes, tabs become
panels one after another, headings get the book's levels and numbers, and ids,
links and images are made to work inside the print view.

What these rely on of the site's markup (Material's and the handbook's own class
names) is in the constants below.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lhtml

from ..text import nfc
from .books import LEARNER, TRAINER, short_url

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
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A host no link has: relative links are resolved against it, and what stays on it is the site.
FAKE_HOST = "http://site.invalid/"


def has_class(cls: str) -> str:
    """An XPath test: the element has class ``cls``."""
    return f'contains(concat(" ", normalize-space(@class), " "), " {cls} ")'


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def add_class(el, cls: str) -> None:
    el.set("class", " ".join(sorted(classes(el) | {cls})))


def drop(el) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    if el.getparent() is not None:
        el.drop_tree()


def element(tag: str, cls: str, text: str | None = None):
    el = lhtml.Element(tag)
    el.set("class", cls)
    el.text = text
    return el


def inner_html(el) -> str:
    """The content of an element as HTML (its text and children, not its own tag)."""
    from html import escape

    out = [escape(el.text or "", quote=True)]
    for child in el:
        out.append(lhtml.tostring(child, encoding="unicode", method="html", with_tail=True))
    return "".join(out)


def outer_html(el) -> str:
    return lhtml.tostring(el, encoding="unicode", method="html", with_tail=False)


# --------------------------------------------------------------------------
# What a page shows on paper
# --------------------------------------------------------------------------


def _is_chrome(el, hidden: set[str]) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return tag is etree.Comment
    if tag in CHROME_TAGS or el.get("data-sotay-viewbar") is not None:
        return True
    if tag == "input" and el.get("type") != "checkbox":
        return True
    cls = classes(el)
    return bool(cls & CHROME_CLASSES or cls & hidden or (tag == "a" and cls & CHROME_LINK_CLASSES))


def strip_chrome(art, edition: str) -> None:
    """Drop the site's chrome and what the edition leaves out, in one walk over the tree."""
    hidden = set(HIDDEN[edition])
    for el in [el for el in art.iter() if el is not art and _is_chrome(el, hidden)]:
        drop(el)


def drop_empty_headings(art) -> None:
    """Headings left with nothing under them once the edition's blocks are gone (a
    "Ghi chú cho giảng viên" heading in a learner's copy): a heading alone is no use on paper."""
    changed = True
    while changed:
        changed = False
        kids = [k for k in art if isinstance(k.tag, str)]
        for i, k in enumerate(kids):
            if k.tag in HEADINGS:
                nxt = kids[i + 1] if i + 1 < len(kids) else None
                if nxt is None or (nxt.tag in HEADINGS and int(nxt.tag[1]) <= int(k.tag[1])):
                    drop(k)
                    changed = True
                    break


def details_to_blocks(art) -> None:
    """<details> -> an always-open block like an admonition (Material opens them for print anyway)."""
    for d in art.xpath(".//details"):
        d.tag = "div"
        add_class(d, "admonition")
        add_class(d, "details")
        d.attrib.pop("open", None)
        for s in d.xpath("./summary"):
            s.tag = "p"
            s.set("class", "admonition-title")


def tasklists(art, edition: str, key_label: str) -> None:
    """Checkboxes -> drawn boxes; the quiz key is shown (trainer, marked ``key_label``) or removed (learner)."""
    for li in art.xpath(f".//li[{has_class('task-list-item')}]"):
        box = li.xpath(".//input[@type='checkbox']")
        checked = bool(box) and box[0].get("checked") is not None
        in_quiz = bool(li.xpath(f"ancestor::*[{has_class('quiz')}]"))
        shown = checked and (not in_quiz or edition == TRAINER)  # the quiz key: trainer only
        for label in li.xpath(f"./label[{has_class('task-list-control')}]") + li.xpath("./input[@type='checkbox']"):
            span = element("span", "box" + (" box--checked" if shown else ""))
            span.set("aria-hidden", "true")
            span.tail = label.tail
            label.getparent().replace(label, span)
        if in_quiz and checked and edition == TRAINER:
            add_class(li, "quiz-key")
            li.append(element("strong", "key-mark", f" ({key_label})"))
    for box in art.xpath(".//input[@type='checkbox']"):
        drop(box)


def tabbed_sets(art) -> None:
    """Content tabs -> every panel one after the other, each under its label."""
    for ts in art.xpath(f".//div[{has_class('tabbed-set')}]"):
        labels = [lab.text_content().strip() for lab in ts.xpath(f"./div[{has_class('tabbed-labels')}]/label")]
        blocks = ts.xpath(f"./div[{has_class('tabbed-content')}]/div[{has_class('tabbed-block')}]")
        new = element("div", "tabs")
        for title, block in zip(labels, blocks):
            new.append(element("p", "tab-title", title))
            block.set("class", "tab-panel")
            new.append(block)
        new.tail = ts.tail
        ts.getparent().replace(ts, new)


def prepare(art, edition: str, key_label: str) -> None:
    """What every page of a book goes through: chrome out, the edition's blocks, boxes, tabs."""
    strip_chrome(art, edition)
    drop_empty_headings(art)
    details_to_blocks(art)
    tasklists(art, edition, key_label)
    tabbed_sets(art)


def take_title(art) -> str:
    """Remove the page's h1 and return its text."""
    hs = art.xpath(".//h1")
    if not hs:
        return ""
    for a in hs[0].xpath(f".//a[{has_class('headerlink')}]"):
        drop(a)
    title = " ".join(hs[0].text_content().split())
    drop(hs[0])
    return nfc(title)


def take_lead(art) -> str:
    """Remove the "Căn cứ: …" line (it goes under the chapter's title, beside the QR code); its HTML."""
    lead = art.xpath(f"./p[{has_class('sotay-basis-line')}]")
    if not lead:
        return ""
    html = outer_html(lead[0])
    drop(lead[0])
    return html


def has_headings(art) -> bool:
    """The page has headings of its own (below its title, which :func:`take_title` removed)."""
    return bool(art.xpath(" | ".join(f".//{h}" for h in HEADINGS[1:])))


def drop_generated_lists(art, chapter_paths: set[str], page_url: str) -> None:
    """Section and group pages: drop the generated page lists (the table of contents has them)
    and the review date (of the list page, not of the chapters)."""
    for el in art.xpath(f"./p[{has_class('sotay-reviewed')}]"):
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


# --------------------------------------------------------------------------
# Ids, links, images and headings inside the book
# --------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Place:
    """Where a book's pages land: the print view's directory and the site's published address."""
    dir: str                     # 'in/huong-dan/' (catalog.view_dir)
    root_url: str = ""           # '' without a published address

    def online(self, path: str) -> str:
        """Published address of a site path ('/hoi-dap/x/'); '' without a published address."""
        return self.root_url + path.lstrip("/") if self.root_url else ""

    def relative(self, path: str) -> str:
        """A site path ('/hoi-dap/x/') as a link relative to this print view."""
        rel = posixpath.relpath(path, "/" + self.dir)
        return rel + "/" if path.endswith("/") and not rel.endswith("/") else rel


@dataclass
class Xrefs:
    """What links inside a book can point to: site path -> element id of the page in the book,
    the ids each page has, and the numbers printed after a cross-reference ("(mục 8.2)")."""
    targets: dict[str, str]
    ids: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def add_page(self, path: str, art, number: int | None) -> None:
        """Record a page's ids, and for a chapter its heading numbers: {heading id: '8.2', '': '8'}."""
        self.ids[path] = {e.get("id") for e in art.xpath(".//*[@id]")}
        if number is not None:
            self.labels[path] = {"": str(number)}
            self.labels[path].update((h.get("id"), label) for h, label in heading_numbers(art, number) if h.get("id"))


REF_ATTRS = ("for", "aria-controls", "aria-labelledby", "aria-describedby")


def rewrite(art, place: Place, xrefs: Xrefs, own_id: str, page_path: str, level_base: int, number: int | None) -> None:
    """Ids, links, images and heading levels of one page's content, in place."""
    page_url = FAKE_HOST + page_path.lstrip("/")
    # Ids: unique in the book.
    for el in art.xpath(".//*[@id]"):
        el.set("id", f"{own_id}--{el.get('id')}")
    for el in art.xpath(" | ".join(f".//*[@{a}]" for a in REF_ATTRS)):
        for attr in REF_ATTRS:
            if el.get(attr):
                el.set(attr, " ".join(f"{own_id}--{v}" for v in el.get(attr).split()))
    for a in art.xpath(".//a[@href]"):
        _link(a, place, xrefs, page_url, page_path)
    # Images and other embedded files: relative to the print view.
    for el in art.xpath(".//img[@src] | .//source[@src]"):
        src = el.get("src")
        if not src.startswith(("data:", "http:", "https:")):
            el.set("src", posixpath.relpath(urlsplit(urljoin(page_url, src)).path, "/" + place.dir))
    for el in art.xpath(".//*[@srcset]"):
        del el.attrib["srcset"]
    # Heading levels and numbers: h2 of a page becomes a level under its chapter title.
    numbers = dict(heading_numbers(art, number)) if number is not None else {}
    for h in art.xpath(" | ".join(f".//{h}" for h in HEADINGS)):
        lv = int(h.tag[1])
        label = numbers.get(h)
        h.tag = f"h{min(6, level_base + lv - 1)}"
        add_class(h, f"lv{lv}")
        if label:
            num = element("span", "num", label)
            num.tail = " " + (h.text or "")
            h.text = None
            h.insert(0, num)


def _link(a, place: Place, xrefs: Xrefs, page_url: str, page_path: str) -> None:
    """One link: an anchor in the book, the published address, or a link relative to the view."""
    href = a.get("href")
    if href.startswith(("mailto:", "tel:", "data:")):
        return
    target = urljoin(page_url, href)
    u = urlsplit(target)
    if not target.startswith(FAKE_HOST):
        add_class(a, "ext")  # a link off the site: printed with its address
        a.set("data-short", short_url(target))
        return
    path = u.path[: -len("index.html")] if u.path.endswith("/index.html") else u.path
    frag = f"#{u.fragment}" if u.fragment else ""
    if path in xrefs.targets:
        tid = xrefs.targets[path]
        if u.fragment and u.fragment in xrefs.ids.get(path, set()):
            tid = f"{tid}--{u.fragment}"
        a.set("href", f"#{tid}")
        add_class(a, "xref")
        labels = xrefs.labels.get(path, {})
        label = labels.get(u.fragment) or labels.get("")
        if label and path != page_path:
            a.set("data-ref", label)  # printed after the link: "(mục 8.2)"
    elif place.online(path):
        url = place.online(path) + frag
        a.set("href", url)
        add_class(a, "ext")
        a.set("data-short", short_url(url))
    else:  # no published address: a relative link, nothing printed after it
        a.set("href", place.relative(path) + frag)
        add_class(a, "rel")


def lang_block(html: str, lang: str) -> str:
    return f'<div lang="{lang}">{html}</div>' if lang and html.strip() else html
