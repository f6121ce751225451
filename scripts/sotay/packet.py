"""The meeting packet: the papers of one regular meeting in one Word file and one PDF.

For the secretary who prints once: the notice, the programme, the chair's script,
the attendance and voting record, the minutes, the resolution and the
conclusion (a meeting ends with one of the two: keep the one you need), each on
its own pages, made by the build from the same form pages as the single forms
(:mod:`sotay.forms`), so they never differ.

* ``mau/bo-mau-buoi-sinh-hoat.docx``: the forms written one after the other by
  :func:`sotay.docx_export.write_form` into one document, a page break between
  them. Placeholders are the forms' highlighted ``[Label]`` runs, so the
  fill-in (docs/assets/javascripts/fill.js) fills the packet like a form.
* ``mau/bo-mau-buoi-sinh-hoat.pdf``: the same forms as HTML rendered by
  WeasyPrint (``print/packet.css``), in the one embedded font of the PDF
  handbooks (:func:`sotay.printbook.fonts.font_with_glyphs`).

The build adds both files (:func:`sotay.pipeline.site_files`; ``mkdocs serve``
has them too); they are kept in ``.cache/packet/`` by what they are made from.
"""
from __future__ import annotations

import hashlib
import html as htmlmod
import io
import tempfile
from pathlib import Path

from . import docx_export, forms
from .model import ROOT, Page

NAME = "mau/bo-mau-buoi-sinh-hoat"
DOCX = NAME + ".docx"
PDF = NAME + ".pdf"
TITLE = "Bộ mẫu cho một buổi sinh hoạt chi bộ thường kỳ"
# The papers of a regular meeting, in the order they are used.
FORMS = ("thong-bao-hop", "chuong-trinh-sinh-hoat-thuong-ky", "kich-ban-chu-tri", "diem-danh-bieu-quyet",
         "bien-ban-sinh-hoat-thuong-ky", "nghi-quyet-thang", "ket-luan-sinh-hoat")
CSS = Path(__file__).resolve().parent / "print" / "packet.css"
def _cache_dir() -> Path:  # .cache/packet/ (sotay.settings: SOTAY_CACHE)
    from . import settings

    return settings.current().cache("packet")


def packet_pages(pages) -> list[Page]:
    """The packet's form pages (Vietnamese), in order; raises FormError if one is missing."""
    by_name = {p.base.rsplit("/", 1)[-1][:-3]: p for p in pages
               if p.type == "form" and p.base.startswith("mau/") and p.lang == "vi"}
    missing = [n for n in FORMS if n not in by_name]
    if missing:
        raise docx_export.FormError(f"bộ mẫu buổi sinh hoạt thiếu trang: {', '.join(f'mau/{n}.md' for n in missing)}")
    return [by_name[n] for n in FORMS]


def parsed(pages: list[Page]) -> list[forms.Form]:
    out = []
    for page in pages:
        form = forms.parse_form(page)
        errors = [p for p in form.problems if p.severity == "error"]
        if errors:
            raise docx_export.FormError("\n".join(str(p) for p in errors))
        out.append(form)
    return out


# --------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------


def build_docx(pages: list[Page]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK

    doc = Document()
    docx_export._setup(doc, pages[0])
    cp = doc.core_properties
    cp.title, cp.keywords = TITLE, ", ".join(str(p.meta.get("doc_code") or "") for p in pages if p.meta.get("doc_code"))
    cp.subject = "; ".join(str(p.meta.get("title", "")) for p in pages)
    for k, form in enumerate(parsed(pages)):
        if k:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        docx_export.write_form(doc, form)
    buf = io.BytesIO()
    doc.save(buf)
    return docx_export._repack(buf.getvalue())


# --------------------------------------------------------------------------
# PDF: the same forms as HTML
# --------------------------------------------------------------------------


def _runs(runs) -> str:
    out = []
    for r in runs:
        t = htmlmod.escape(r.text)
        if r.ph:
            t = f'<span class="ph">{t}</span>'
        if r.italic:
            t = f"<em>{t}</em>"
        if r.bold:
            t = f"<strong>{t}</strong>"
        out.append(t)
    return "".join(out)


def _lines(lines) -> str:
    return "<br>".join(_runs(ln) for ln in lines)


def _table(t: forms.Table) -> str:
    head = "".join(f"<th>{_lines(c)}</th>" for c in t.head)
    rows = "".join("<tr>" + "".join(f'<td class="{a}">{_lines(c)}</td>' for c, a in zip(row, t.align)) + "</tr>"
                   for row in t.rows)
    return f'<table class="grid"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def form_html(form: forms.Form) -> str:
    out = ['<section class="form">']
    if form.header is not None and not form.internal:
        (issuer, party), (number, date) = form.header.rows
        out.append('<table class="doc-header"><tr>'
                   f'<td class="issuer">{_lines(issuer)}</td><td class="party">{_lines(party)}</td></tr>'
                   f'<tr><td class="number">{_lines(number)}</td><td class="date">{_lines(date)}</td></tr></table>')
    for p in form.title:
        out.append(f'<p class="doc-{p.kind}">{_runs(p.runs)}</p>')
    for b in form.body:
        if isinstance(b, forms.Table):
            out.append(_table(b))
        elif b.kind == "h":
            out.append(f'<p class="h">{_runs(b.runs)}</p>')
        elif b.kind in ("ol", "ul"):
            out.append(f'<p class="li">{htmlmod.escape(b.marker)}{_runs(b.runs)}</p>')
        else:
            out.append(f"<p>{_runs(b.runs)}</p>")
    if form.signature is not None and not form.internal:
        left, right = form.signature.rows[0]
        cls = "recipients" if form.recipients else "signer"
        if form.recipients:
            left_html = f'<span class="recipients-head">{_runs(left[0])}</span><br>' + _lines(left[1:])
        else:
            left_html = _lines(left)
        out.append(f'<table class="doc-signature"><tr><td class="{cls}">{left_html}</td>'
                   f'<td class="signer">{_lines(right)}</td></tr></table>')
    out.append("</section>")
    return "\n".join(out)


def packet_html(pages: list[Page], css: str = "") -> str:
    body = "\n".join(form_html(f) for f in parsed(pages))
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{htmlmod.escape(TITLE)}</title>'
            f'<meta name="author" content="Sổ tay sinh hoạt chi bộ">'
            f"<style>{css}\n{CSS.read_text(encoding='utf-8')}</style></head><body>{body}</body></html>")


def build_pdf(pages: list[Page]) -> bytes:
    import logging

    from weasyprint import HTML

    from . import printbook

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    text = packet_html(pages)
    with tempfile.TemporaryDirectory(prefix="sotay-packet-") as tmp:
        fonts = printbook.font_with_glyphs(printbook.text_chars(text) | set("*–"), Path(tmp))
        faces = printbook.fonts.font_faces_css(fonts)
        return HTML(string=packet_html(pages, faces)).write_pdf()


# --------------------------------------------------------------------------
# Cached, for the hook
# --------------------------------------------------------------------------


def _key(pages: list[Page], what: str) -> str:
    import docx
    import weasyprint

    h = hashlib.sha256(what.encode())
    for part in [Path(__file__).read_text(encoding="utf-8"), CSS.read_text(encoding="utf-8"), docx_export._code(),
                 getattr(docx, "__version__", ""), weasyprint.__version__ if what == "pdf" else ""]:
        h.update(part.encode("utf-8"))
    for p in pages:
        h.update((str(p.path) + p.body + repr(sorted(p.meta.items(), key=str))).encode("utf-8"))
    if what == "pdf":
        from . import printbook

        for f in docx_export.source_files(printbook):
            h.update(f.read_bytes())
    return h.hexdigest()[:24]


def files(pages) -> dict[str, bytes]:
    """{site path: bytes} of the packet's Word file and PDF."""
    chosen = packet_pages(pages)
    out = {}
    for what, path, make in (("docx", DOCX, build_docx), ("pdf", PDF, build_pdf)):
        stem = Path(path).stem
        out[path] = docx_export.kept(_cache_dir() / f"{stem}.{_key(chosen, what)}.{what}",
                                     lambda make=make: make(chosen), stale_glob=f"{stem}.*.{what}")
    return out
