"""Print views: written after both languages are built (``post_build``, called through
sotay.site by the MkDocs hook, so ``mkdocs serve`` has them too).

Under ``mkdocs build`` the print views are written by forked processes beside the
work that is left (the machines this runs on have two cores): the default
language's while mkdocs-static-i18n builds the other languages
(:func:`start_views`, from the hook's ``on_config``), then the rest in two
halves. Each process has its own :class:`.source.BuiltSite` and
:class:`.qr.QrCodes`; they share only the QR cache file, merged on save. Under
``mkdocs serve`` (a threaded server) nothing is forked.
"""
from __future__ import annotations

import os
from pathlib import Path

from .. import model
from .books import PRINT_DIR, WHOLE, Job, jobs, lang_prefix
from .make import make_book
from .qr import QrCodes
from .render import render_book
from .settings import PrintSettings
from .source import BuiltSite


def write_views(site_dir: Path, pages: list[model.Page], only: str | None = None,
                job_list: list[Job] | None = None, settings: PrintSettings | None = None) -> list[Path]:
    """The print views of ``job_list`` (default: every one; ``only``: one book's)."""
    settings = settings or PrintSettings.current()
    site = BuiltSite(site_dir)
    qr = QrCodes(settings.qr_file)
    out = []
    for book, lang, edition in jobs() if job_list is None else job_list:
        if (only and book != only) or not site.has_home(lang):
            continue
        b = make_book(site, pages, book, lang, edition)
        if b is None:
            continue
        f = site.dir / b.dir / "index.html"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(render_book(b, qr), encoding="utf-8")
        out.append(f)
    qr.save()
    return out


def start_views(site_dir: str | Path, pages: list[model.Page], job_list: list[Job]):
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
    """The print views (links have their print addresses already: annotate_html, from
    sotay.site.post_page).

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
        other = [j for j in rest if j[1] != langs[0]] if len(langs) > 1 else [j for j in rest if j[0] == WHOLE]
        child = start_views(site_dir, pages, other)
        try:
            write_views(site_dir, pages, job_list=[j for j in rest if j not in other])
        finally:
            wait_views(child)
    finally:
        if started is not None:
            wait_views(started)
