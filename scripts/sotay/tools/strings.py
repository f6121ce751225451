"""The tools' string table (the pages' HTML and tools.js): its texts are in sotay.strings."""
from __future__ import annotations

from typing import Any
from ..strings import table as string_table


STRINGS: dict[str, dict[str, Any]] = string_table("tools")  # sotay.strings


def strings(lang: str) -> dict:
    return STRINGS.get(lang, STRINGS["vi"])
