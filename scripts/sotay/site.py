"""What the build does to each page and to the built site, independent of MkDocs.

``page_markdown`` turns a page's Markdown into what the site renders (basis
line and block, generated lists, placeholders); ``post_build`` finishes
``site/`` (per-language sitemaps, …). The MkDocs hooks call these two.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from . import render
from .model import NORMATIVE_TYPES, Page, Registry

FALLBACK_NOTE_EN = (
    '!!! note "Vietnamese only"\n\n'
    "    This page has not been translated yet. The text below is the Vietnamese original.\n\n"
)


def page_markdown(markdown: str, page: Page, pages: list[Page], registry: Registry, glossary: dict, lang: str,
                  is_fallback: bool = False) -> str:
    text_lang = page.lang  # the language the text is written in
    out = render.expand_markers(markdown, page, pages, registry, glossary, text_lang)
    if page.meta.get("placeholders") is not None or page.type in ("form", "template"):
        out = render.placeholders_to_html(out, page.meta.get("placeholders") or {})
    head = ""
    if page.type in NORMATIVE_TYPES:
        head = render.basis_line(page, registry, text_lang)
    if is_fallback and lang == "en":
        head = FALLBACK_NOTE_EN + head
    return head + out + render.basis_block(page, registry, text_lang)


def post_build(site_dir: str, pages: list[Page], registry: Registry) -> None:
    site = Path(site_dir)
    # Material's language switcher fetches <lang>/sitemap.xml; mkdocs-static-i18n
    # writes one sitemap at the root, so every page asked for /en/sitemap.xml (404).
    root_map = site / "sitemap.xml"
    if root_map.exists():
        for lang_dir in ("en",):
            if (site / lang_dir).is_dir():
                shutil.copyfile(root_map, site / lang_dir / "sitemap.xml")
                gz = site / "sitemap.xml.gz"
                if gz.exists():
                    shutil.copyfile(gz, site / lang_dir / "sitemap.xml.gz")
