"""Build-time exports written into site/ after MkDocs: Word forms, print views, PDFs.

Each exporter is a function (site_dir: Path) -> int (0 = ok) registered in EXPORTERS.
"""
from __future__ import annotations

from pathlib import Path

EXPORTERS: dict = {}


def _pdf(site_dir: Path) -> int:  # PDF handbooks of the print views in/<book>/ (sotay.printbook)
    from . import printbook

    return printbook.export_pdfs(Path(site_dir))


EXPORTERS["pdf"] = _pdf


def _pdf_meta(site_dir: Path) -> int:  # the home pages' PDF size and page count, read from the PDFs (sotay.home)
    from . import home

    return home.fill_meta(Path(site_dir))


EXPORTERS["pdf-meta"] = _pdf_meta


# Run after every other exporter, in this order: they package what the others wrote
# (pwa last: the service worker lists every file, with the sizes and hashes the others left).
LAST = ("deploy", "offline", "pwa")


def _deploy(site_dir: Path) -> int:  # 404 pages per language, robots.txt (sotay.deploy)
    from . import deploy

    return deploy.export(Path(site_dir))


def _offline(site_dir: Path) -> int:  # the offline zip, linked from the home page (sotay.offline)
    from . import offline

    return offline.export(Path(site_dir))


def _pwa(site_dir: Path) -> int:  # sw.js, offline pages, save sizes (sotay.pwa)
    from . import pwa

    return pwa.export(Path(site_dir))


EXPORTERS["deploy"] = _deploy
EXPORTERS["offline"] = _offline
EXPORTERS["pwa"] = _pwa


def expected_outputs(pages) -> list[str]:
    """Files the exporters write that pages may link to (paths relative to the site root)."""
    from .offline import ZIP_NAME
    from .packet import DOCX, PDF

    return [ZIP_NAME, DOCX, PDF]


def run_all(site_dir: Path) -> int:
    rc = 0
    order = [n for n in EXPORTERS if n not in LAST] + [n for n in LAST if n in EXPORTERS]
    for name in order:
        fn = EXPORTERS[name]
        r = fn(site_dir)
        if r:
            print(f"xuất {name}: lỗi ({r})")
            rc = rc or r
    return rc
