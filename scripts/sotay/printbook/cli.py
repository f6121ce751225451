"""What ``python -m sotay print`` does (sotay.cli parses the command line and calls
:func:`make`): the print views of a built site, and with ``pdf`` their PDFs."""
from __future__ import annotations

import time
from pathlib import Path

from .. import model
from .books import all_books
from .pdf import export_pdfs
from .views import write_views


class UnknownBook(ValueError):
    """A book name that is not one of :func:`all_books` (the CLI exits 2 with this sentence)."""


def make(site_dir: Path, only: str | None = None, pdf: bool = False, workers: int | None = None,
         docs_dir: Path | None = None) -> int:
    """Write the print views of ``site_dir`` (one book with ``only``), then their PDFs with
    ``pdf``: 0, or the PDF export's exit."""
    if only and only not in all_books():
        raise UnknownBook(f"không có phần '{only}' để in; có: {', '.join(all_books())}")
    t = time.perf_counter()
    written = write_views(Path(site_dir), model.load_pages(docs_dir or model.DOCS), only)
    print(f"bản in: {len(written)} trang trong {time.perf_counter() - t:.2f} s")
    if pdf:
        return export_pdfs(Path(site_dir), only, workers)
    return 0
