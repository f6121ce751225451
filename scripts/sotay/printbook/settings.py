"""What the print views and PDFs need from the run's settings (sotay.settings): where caches
and fonts are, whether a PDF may come from the cache, how many processes render. A view of
:class:`sotay.settings.Settings`, which reads the environment once; nothing here reads it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import settings as run_settings
from ..settings import DEFAULT_FONT_DIR


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
    def of(cls, s: run_settings.Settings) -> "PrintSettings":
        return cls(cache_dir=s.cache_dir, font_dir=s.font_dir, reuse_pdfs=s.pdf_cache, workers=s.pdf_workers)

    @classmethod
    def current(cls) -> "PrintSettings":
        """The view of the process's settings (those its entry point set, sotay.settings.current)."""
        return cls.of(run_settings.current())
