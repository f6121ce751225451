"""MkDocs hooks: thin adapters from MkDocs events to ``sotay`` (scripts/sotay).

All logic lives in plain Python under scripts/sotay so the project can move to
another generator; this file only passes MkDocs objects in and out.
"""
from __future__ import annotations

import logging
import os
import sys

from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import event_priority

from sotay import address, model, render, search, site

log = logging.getLogger("mkdocs.hooks.sotay")

_state: dict = {}


def _lang(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or model.DEFAULT_LANG


def on_startup(command, dirty):
    _state["command"] = command  # "build", "serve" or "gh-deploy"


def _address(config) -> str:
    """The published address (sotay.address): checked for a release, the one warning when
    there is none, and no loopback address left in the config of a build (canonical links,
    sitemap). ``mkdocs serve`` sets its own loopback site_url: a preview, left alone."""
    if _state.get("command") == "serve":
        return address.published(config.site_url or "")
    try:
        address.check_release(config.site_url or "")
    except address.AddressError as e:
        raise ConfigurationError(str(e)) from None
    url = address.published(config.site_url or "")
    if not url and config.site_url:
        config.site_url = ""  # e.g. a loopback address in mkdocs.yml: never written into a page
    if not url and not _state.get("warned"):
        _state["warned"] = True
        print(address.warning(), file=sys.stderr)
    return url


@event_priority(100)  # before mkdocs-static-i18n reads the nav
def on_config(config):
    _state["address"] = _address(config)
    docs = model.Path(config.docs_dir)
    pages = model.load_pages(docs)
    registry = model.load_registry()
    glossary, gproblems = model.load_glossary()
    if _lang(config) == model.DEFAULT_LANG:  # once, not again for each language build
        for problem in registry.problems + gproblems + [p for pg in pages for p in pg.problems]:
            if problem.severity == "error":
                log.warning(str(problem))
    _state.update(pages={p.src: p for p in pages}, page_list=pages, registry=registry, glossary=glossary,
                  vi_urls=site.fallback_urls(pages, _lang(config)))
    if _lang(config) != model.DEFAULT_LANG and _parallel() and "views" not in _state:
        # The default language's pages are written: its print views are made
        # while the other languages build.
        _state["views"] = site.start_print_views(config.site_dir, pages, model.DEFAULT_LANG)
    if not config.nav:
        config.nav = model.build_nav(pages)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        for language in i18n.config.languages:
            if language.locale == "en":
                language.nav_translations = {**model.NAV_TRANSLATIONS_EN, **(language.nav_translations or {})}
    return config


def on_page_markdown(markdown, page, config, files):
    lang = _lang(config)
    src = page.file.src_uri
    p = _state["pages"].get(src)
    if p is None:
        return markdown
    is_fallback = lang != model.DEFAULT_LANG and p.lang != lang
    if is_fallback:
        # An English URL showing the Vietnamese text: say so, keep it out of English search.
        page.meta.setdefault("search", {})["exclude"] = True
    return site.page_markdown(markdown, p, _state["page_list"], _state["registry"], _state["glossary"], lang, is_fallback)


def on_page_content(html, page, config, files):
    # Before Material's search plugin reads the page (on_page_context).
    return search.separate_words(html)


def on_post_page(output, page, config):
    lang = _lang(config)
    p = _state["pages"].get(page.file.src_uri)
    return site.post_page(output, page.file.dest_uri, _state.get("address", ""), lang=lang,
                          text_lang=p.lang if p else lang, vi_urls=_state.get("vi_urls", frozenset()))


@event_priority(-200)  # after mkdocs-static-i18n has merged the languages
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a nested per-language build; the outer build finishes the job
    site.post_build(config.site_dir, _state["page_list"], _state["registry"], _state["glossary"],
                    parallel=_parallel(), started=_state.pop("views", None), site_url=_state.get("address", ""))


def _parallel() -> bool:
    """Fork helpers only under `mkdocs build` (not under `mkdocs serve`, a threaded server),
    and not with SOTAY_JOBS=1 (one process, e.g. to compare)."""
    return _state.get("command") in ("build", "gh-deploy") and os.environ.get("SOTAY_JOBS") != "1"
