"""What the print views and PDFs need from outside: where caches and fonts are, how many
processes render. Read from the environment once, by :meth:`PrintSettings.from_env`,
and passed down (nothing here is read at import time).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .. import model

DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/noto")   # Debian's fonts-noto-core


@dataclass(frozen=True)
class PrintSettings:
    cache_dir: Path                     # .cache/: qr.json and pdf/
    font_dir: Path = DEFAULT_FONT_DIR
    reuse_pdfs: bool = True             # take a PDF from the cache when its print view has not changed
    workers: int = 0                    # processes rendering PDFs; 0: one per core

    @property
    def qr_file(self) -> Path:
        return self.cache_dir / "qr.json"

    @property
    def pdf_cache(self) -> Path:
        return self.cache_dir / "pdf"

    @classmethod
    def from_env(cls, environ=None) -> "PrintSettings":
        """SOTAY_CACHE (default .cache/ of the checkout), SOTAY_FONT_DIR, SOTAY_PDF_CACHE=0 (never
        reuse a PDF), SOTAY_PDF_WORKERS."""
        env = os.environ if environ is None else environ
        return cls(cache_dir=Path(env.get("SOTAY_CACHE", model.ROOT / ".cache")),
                   font_dir=Path(env.get("SOTAY_FONT_DIR", DEFAULT_FONT_DIR)),
                   reuse_pdfs=env.get("SOTAY_PDF_CACHE", "1") != "0",
                   workers=int(env.get("SOTAY_PDF_WORKERS", 0) or 0))
