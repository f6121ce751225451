"""The print view of a book: the template ``book.html`` (Jinja, autoescaped) filled
with a :class:`sotay.printbook.make.Book`.

The style sheet ``print/handbook.css`` goes inline, so a print view is one file
that prints the same from the browser (Ctrl+P) as through WeasyPrint.
"""
from __future__ import annotations

import datetime as dt
import posixpath
from functools import lru_cache
from pathlib import Path

from ..text import nfc
from .books import TRAINER, TRAINER_BOOKS, RUN_ON_TYPES, lang_prefix, page_path, pdf_path, short_url
from .make import Book
from .qr import QrCodes
from .strings import L

HERE = Path(__file__).resolve().parent
CSS_DIR = HERE.parent / "print"
HANDBOOK_CSS = CSS_DIR / "handbook.css"   # print views (screen and print) and PDFs
TEMPLATE = "book.html"


@lru_cache(maxsize=1)
def _template():
    """The compiled template (read-only, the same for every book)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE)), autoescape=True,
                             undefined=jinja2.ChainableUndefined)
    return env.get_template(TEMPLATE)


def fmt_date(d: dt.date, lang: str) -> str:
    """The cover's date: '02/12/2026' (vi), '2 December 2026' (en): the one formatter, sotay.text."""
    from .. import text

    return text.fmt_date(d, lang, "long")


def render_book(b: Book, qr: QrCodes | None = None) -> str:
    """The print view of ``b`` (one HTML page); QR codes come from ``qr`` (default: made here, not cached)."""
    from markupsafe import Markup

    qr = qr or QrCodes(None)
    t = L[b.lang]
    first = b.outline.parts[0]
    section_path = "/" + lang_prefix(b.lang) + (page_path(first.intro) if not b.whole and first.intro else "")
    section_url = b.place.online(section_path)  # '' without a published address
    if b.book in TRAINER_BOOKS:
        edition_note = t["trainer"] if b.edition == TRAINER else t["learner"]
    elif b.whole and any(p.section in TRAINER_BOOKS for p in b.outline.parts):
        edition_note = t["whole_training"]
    else:
        edition_note = ""

    def qr_img(url: str) -> Markup:
        return Markup('<img class="qr" src="{}" alt="{}: {}">').format(qr.data_uri(url), t["qr"], url)

    html = _template().render(
        b=b, t=t, run_on=RUN_ON_TYPES, css=Markup(HANDBOOK_CSS.read_text(encoding="utf-8")),
        canonical=b.place.online("/" + b.dir), section_url=section_url,
        section_rel=b.place.relative(section_path), edition_note=edition_note,
        pdf_rel=posixpath.relpath("/" + pdf_path(b.book, b.lang, b.edition), "/" + b.dir),
        date=fmt_date(b.built, b.lang), qr=qr_img, short_url=short_url)
    return nfc(html)
