"""QR codes of the print views (the cover's and each chapter's online address), as SVG data URIs.

Choosing the best mask costs ~10 ms a code, so codes are kept in a JSON file
(``.cache/qr.json``) between builds. A :class:`QrCodes` is made per run and
passed down; two processes may save the same file (the print views are written
by forked processes): each keeps what the other saved.
"""
from __future__ import annotations

import json
import os
from pathlib import Path


class QrCodes:
    def __init__(self, cache_file: Path | None):
        self.file = cache_file
        self.codes: dict[str, str] = {}
        self.new = 0
        if cache_file is not None:
            self.codes.update(self._read())

    def _read(self) -> dict[str, str]:
        try:
            return json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def data_uri(self, url: str) -> str:
        if url not in self.codes:
            import segno

            self.codes[url] = segno.make(url, error="m").svg_data_uri(scale=4, border=0, dark="#000", light="#fff")
            self.new += 1
        return self.codes[url]

    def save(self) -> None:
        """Write the new codes to the cache file (nothing when there are none, or no file)."""
        if not self.new or self.file is None:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            merged = {**self._read(), **self.codes}
            tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(merged, sort_keys=True), encoding="utf-8")
            tmp.replace(self.file)
            self.new = 0
        except OSError:
            pass
