"""Print views and PDF handbooks, made from the built site.

Two products, one document:

* **Print views** (:func:`post_build`, called by the MkDocs hook after both
  languages are built, so ``mkdocs serve`` has them too): one HTML page per
  book and language — ``in/<book>/index.html`` and ``en/in/<book>/index.html``
  — with a cover, a table of contents and every page of the book in nav order,
  numbered, without the site's navigation. A book is a section of the site
  (:data:`BOOKS`) or the whole handbook (:data:`WHOLE`). The training book has a
  learner edition (no solutions, no trainer notes, no quiz key) and a trainer
  edition (``in/tap-huan/giang-vien/``).
* **PDF handbooks** (:func:`export_pdfs`, the ``pdf`` exporter run by
  ``python -m sotay build`` after ``mkdocs build``): each print view rendered by
  WeasyPrint, one embedded font family, written next to the print view.

Nothing here parses front matter or Markdown: the order of pages comes from the
content model (:func:`sotay.model.build_nav`), the text from the built HTML.

The modules, in the order the work goes:

``books``       the books: names, addresses, editions, what each holds (the one definition)
``strings``     the words of the print views and of the print links, per language
``source``      the built site: each page's article (parsed once per run), the site's name
``transforms``  an article made ready for paper (lxml)
``make``        a book: the outline filled with the transformed articles
``render``      the book page (template ``book.html``)
``qr``          QR codes, cached between builds
``views``       writing the print views, in forked processes under ``mkdocs build``
``annotate``    the printed address of internal links on the site's own pages
``fonts``       one font family: missing glyphs grafted into the text font
``pdf``         the PDFs (WeasyPrint), cached by what they are made from
``settings``    cache and font directories, workers: the view of sotay.settings
``cli``         what ``python -m sotay print`` does
"""
from __future__ import annotations

from .annotate import annotate_html
from .books import (BOOKS, INTRO_ONLY, LEARNER, PRINT_DIR, TRAINER, TRAINER_BOOKS, WHOLE, WHOLE_SECTIONS, all_books,
                    chapter_id, editions, for_trainers_only, jobs, lang_prefix, outline, page_path, page_print,
                    pdf_name, pdf_path, view_dir)
from .cli import make as make_print
from .fonts import font_with_glyphs, text_chars
from .make import make_book
from .pdf import export_pdfs
from .render import fmt_date, render_book
from .settings import PrintSettings
from .strings import L
from .views import can_fork, post_build, start_views, wait_views, write_views

__all__ = ["BOOKS", "INTRO_ONLY", "L", "LEARNER", "PRINT_DIR", "PrintSettings", "TRAINER", "TRAINER_BOOKS", "WHOLE",
           "WHOLE_SECTIONS", "all_books", "annotate_html", "can_fork", "chapter_id", "editions", "export_pdfs",
           "font_with_glyphs", "for_trainers_only", "jobs", "lang_prefix", "make_book", "make_print", "outline", "page_path",
           "page_print", "pdf_name", "pdf_path", "post_build", "render_book", "start_views", "text_chars", "view_dir",
           "wait_views", "write_views"]
