"""Build-time exports written into site/ after MkDocs: Word forms, print views, PDFs.

Each exporter is a function (site_dir: Path) -> int (0 = ok) registered in EXPORTERS.
"""
from __future__ import annotations

from pathlib import Path

EXPORTERS: dict = {}


def run_all(site_dir: Path) -> int:
    rc = 0
    for name, fn in EXPORTERS.items():
        r = fn(site_dir)
        if r:
            print(f"xuất {name}: lỗi ({r})")
            rc = rc or r
    return rc
