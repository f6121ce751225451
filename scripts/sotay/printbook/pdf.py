"""PDF handbooks: each print view rendered by WeasyPrint with ``print/pdf.css``.

A4, page numbers, running heads, contents with page numbers, one embedded font
family (:mod:`.fonts`). Written next to the print view as
``in/<book>/sotay-<book>[-giang-vien]-<lang>.pdf`` and kept in the PDF cache by
what it is made from, so a build after a change renders only the books that
changed. Renders in parallel, one process per core.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import fonts
from .books import jobs, pdf_path, view_dir
from .render import HANDBOOK_CSS
from .settings import PrintSettings

PDF_CSS = HANDBOOK_CSS.parent / "pdf.css"   # PDFs only: @page boxes, fonts, page references
# The code a PDF depends on (its cache key): how print views become PDFs.
PDF_CODE = (Path(__file__), Path(fonts.__file__))


def pdf_css(faces: dict[tuple[int, str], Path]) -> str:
    return fonts.font_faces_css(faces) + "\n" + PDF_CSS.read_text(encoding="utf-8")


def render_pdf(view: Path, target: Path, css: str) -> tuple[str, int, float]:
    """One print view to one PDF: (the PDF, its pages, seconds)."""
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


def cache_key(view_text: str, settings: PrintSettings) -> str:
    """What a PDF depends on: the print view, pdf.css, this code, the fonts, WeasyPrint."""
    import weasyprint

    h = hashlib.sha256()
    for part in [view_text, PDF_CSS.read_text(encoding="utf-8"), weasyprint.__version__,
                 fonts.fingerprint(settings.font_dir)] + [f.read_text(encoding="utf-8") for f in PDF_CODE]:
        h.update(part.encode("utf-8"))
    return h.hexdigest()[:20]


def css_chars() -> set[str]:
    """Characters the style sheets print (generated content: "✓", leaders, …)."""
    chars: set[str] = set()
    for sheet in (HANDBOOK_CSS, PDF_CSS):
        for m in re.finditer(r"content:\s*([^;}]*)", sheet.read_text(encoding="utf-8")):
            for q in re.findall(r'"([^"]*)"', m.group(1)):
                chars |= set(q)
    return chars


def export_pdfs(site_dir: Path, only: str | None = None, workers: int | None = None,
                settings: PrintSettings | None = None) -> int:
    """The ``pdf`` exporter: a PDF of every print view (made by the MkDocs hook)."""
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    settings = settings or PrintSettings.current()
    site_dir = Path(site_dir)
    cache = settings.pdf_cache
    t0 = time.perf_counter()
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
        cached = cache / f"{target.stem}.{cache_key(text, settings)}.pdf"
        if settings.reuse_pdfs and cached.exists():
            shutil.copyfile(cached, target)
            reused.append(target)
            continue
        chars |= fonts.text_chars(text)
        todo.append((view, target, cached))
    results = []
    if todo:
        chars |= css_chars()
        with tempfile.TemporaryDirectory(prefix="sotay-fonts-") as tmp:
            css = pdf_css(fonts.font_with_glyphs(chars, Path(tmp), settings.font_dir))
            todo.sort(key=lambda j: -j[0].stat().st_size)  # largest first, so the workers finish together
            n = workers or settings.workers or min(len(todo), _cpus())
            args = [(v, t, css) for v, t, _c in todo]
            if n > 1 and len(todo) > 1:
                import concurrent.futures as cf
                import multiprocessing as mp

                with cf.ProcessPoolExecutor(max_workers=n, mp_context=mp.get_context("fork")) as pool:
                    results = list(pool.map(_render_job, args))
            else:
                results = [render_pdf(*a) for a in args]
        if settings.reuse_pdfs:
            cache.mkdir(parents=True, exist_ok=True)
            for _v, target, cached in todo:
                for old in cache.glob(f"{target.stem}.*.pdf"):
                    old.unlink()
                shutil.copyfile(target, cached)
    total_pages = 0
    for target, n_pages, secs in sorted(results):
        total_pages += n_pages
        size = Path(target).stat().st_size
        print(f"pdf: {Path(target).relative_to(site_dir)}: {n_pages} trang, {size / 1024:.0f} KB, {secs:.1f} s")
    print(f"pdf: {len(results)} tệp dựng mới ({total_pages} trang), {len(reused)} tệp lấy lại từ {cache}, "
          f"{time.perf_counter() - t0:.1f} s")
    return 0


def _cpus() -> int:
    import os

    return os.cpu_count() or 1
