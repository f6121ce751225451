"""The home page's "In cả sổ tay / Tải PDF" block, with the PDF's size and page count.

``<!-- sotay:print-handbook -->`` on a home page becomes the links to the whole
handbook's print view and PDF (render.expand_markers calls :func:`marker_html`);
the size and the number of pages are written into it after the PDFs exist (the
``pdf-meta`` exporter, :func:`fill_meta`), read from the PDF itself: nothing is
typed by hand, and a rebuilt PDF updates the figures.
"""
from __future__ import annotations

import html
import re
import zlib
from pathlib import Path

from . import model
from .strings import table as string_table

L = string_table("home")  # the texts in each language (sotay.strings)


def _paths(lang: str) -> tuple[str, str]:
    from . import printbook

    return printbook.view_dir(printbook.WHOLE, lang), printbook.pdf_path(printbook.WHOLE, lang)


def marker_html(lang: str) -> str:
    """The block (raw HTML; links relative to the home page of ``lang``)."""
    t = L.get(lang, L["vi"])
    view, pdf = _paths(lang)
    prefix = f"{lang}/"
    if lang != model.DEFAULT_LANG:  # the English home page is en/: its links start there
        view, pdf = view[len(prefix):], pdf[len(prefix):]
    e = html.escape
    # A newline between the two links: the box is a flex row (no visible space), and search
    # reads "In cả sổ tay" and "Tải PDF" as two phrases, not "sổ tayTải".
    return (f'<div class="sotay-actions sotay-actions--home" role="group" aria-label="{e(t["group"])}">'
            f'<a class="sotay-actions__link" href="{e(view)}" title="{e(t["view_title"])}">{e(t["view"])}</a>\n'
            f'<a class="sotay-actions__link" href="{e(pdf)}" title="{e(t["pdf_title"])}" download>{e(t["pdf"])}</a>'
            f' <span class="sotay-actions__meta" data-sotay-pdf-meta>({e(t["meta"])})</span></div>\n')


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_PAGES = re.compile(rb"/Type\s*/Pages\b(?:(?!>>).)*?/Count\s+(\d+)|/Count\s+(\d+)(?:(?!>>).)*?/Type\s*/Pages\b", re.S)


def pdf_page_count(path: Path) -> int:
    """The number of pages of a PDF: the /Count of its page tree's root (the largest),
    looked for in the file and in its compressed object streams. 0 if none is found."""
    data = Path(path).read_bytes()
    chunks = [data]
    for m in _STREAM.finditer(data):
        try:
            chunks.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    counts = [int(a or b) for c in chunks for a, b in _PAGES.findall(c)]
    return max(counts, default=0)


def fill_meta(site_dir: Path) -> int:
    """Write the whole-handbook PDF's size and page count into each home page. Returns 0."""
    from .offline import human_size

    site_dir = Path(site_dir)
    done = []
    for lang in model.LANGS:
        home = site_dir / ("" if lang == model.DEFAULT_LANG else lang) / "index.html"
        pdf = site_dir / _paths(lang)[1]
        if not home.exists() or not pdf.exists():
            continue
        pages = pdf_page_count(pdf)
        if not pages:
            print(f"pdf-meta: không đọc được số trang của {pdf.relative_to(site_dir)}")
            continue
        meta = L[lang]["size"].format(size=human_size(pdf.stat().st_size, lang), pages=pages)
        text = home.read_text(encoding="utf-8")
        new = re.sub(r"(<span class=\"sotay-actions__meta\" data-sotay-pdf-meta>)[^<]*(</span>)",
                     lambda m: f"{m.group(1)}({html.escape(meta)}){m.group(2)}", text)
        if new != text:
            home.write_text(new, encoding="utf-8")
            done.append(f"{lang}: {meta}")
    print("pdf-meta: " + ("; ".join(done) if done else "không có trang chủ nào cần ghi"))
    return 0
