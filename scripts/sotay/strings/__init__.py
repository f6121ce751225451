"""The string tables: one per language, every text the build writes into a page.

``STRINGS[lang]`` holds the texts of one language, under the name of the module that
writes them (``STRINGS["en"]["training"]["lesson"]``); a module takes its part with
:func:`table` (``L = strings.table("render")``: ``L["en"]`` is ``STRINGS["en"]["render"]``,
the same dict). The terms check (sotay.checks.terms) reads every English string here.
Keep the Vietnamese and English tables in step: tests/test_pipeline.py checks they have
the same keys.

The tables are written in two files by what they are for: ``pages.py`` (what the build
adds to every page: render, training, forms, tools, site, phone, nav) and ``exports.py``
(printbook, offline, pwa, home, deploy, redirects); :data:`FILES` says which.
"""
from __future__ import annotations

from pathlib import Path

from . import exports, pages

LANGS = ("vi", "en")

_TABLES = {
    "render": pages._RENDER, "training": pages._TRAINING, "forms": pages._FORMS, "tools": pages._TOOLS,
    "site": pages._SITE, "phone": pages._PHONE, "nav": pages._NAV,
    "printbook": exports._PRINTBOOK, "offline": exports._OFFLINE, "pwa": exports._PWA, "home": exports._HOME,
    "deploy": exports._DEPLOY, "redirects": exports._REDIRECTS,
}

STRINGS: dict[str, dict[str, dict]] = {lang: {name: t[lang] for name, t in _TABLES.items()} for lang in LANGS}

# The file that holds each module's texts (the terms check names it with the line).
FILES: dict[str, Path] = {name: Path(module.__file__) for module in (pages, exports)
                          for name, t in _TABLES.items() if any(t is v for v in vars(module).values())}


def table(name: str) -> dict[str, dict]:
    """{lang: the texts of module ``name``} (the dicts of :data:`STRINGS`, not copies)."""
    return {lang: STRINGS[lang][name] for lang in LANGS}
