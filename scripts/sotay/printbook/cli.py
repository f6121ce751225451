"""``python -m sotay.printbook SITE_DIR [--pdf] [--only BOOK] [--workers N]``: the print
views of a built site, and with --pdf their PDFs."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .. import model
from .books import all_books
from .pdf import export_pdfs
from .views import write_views


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sotay.printbook",
                                 description="Print views and PDF handbooks, made from the built site.")
    ap.add_argument("site", nargs="?", default=str(model.ROOT / "site"))
    ap.add_argument("--pdf", action="store_true", help="also render the PDFs")
    ap.add_argument("--only", choices=all_books(), help="one book")
    ap.add_argument("--workers", type=int)
    args = ap.parse_args(argv)
    site_dir = Path(args.site)
    if not (site_dir / "index.html").exists():
        print(f"printbook: {site_dir} is not a built site (no index.html): run `make build` first, "
              "or give the site directory", file=sys.stderr)
        return 2
    t = time.perf_counter()
    written = write_views(site_dir, model.load_pages(), args.only)
    print(f"views: {len(written)} in {time.perf_counter() - t:.2f} s")
    if args.pdf:
        return export_pdfs(site_dir, args.only, args.workers)
    return 0
