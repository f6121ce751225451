"""The MkDocs hook: adapts MkDocs' events to sotay.pipeline (scripts/sotay/pipeline.py).

No logic here: MkDocs objects in, plain values to the pipeline, results back to MkDocs.
The only state is ``_run``, the pipeline's record of this build (sotay.pipeline.Build).
The order of the page's Markdown steps is sotay.pipeline.STEPS, not hook priorities;
the priorities below only place the hook around mkdocs-static-i18n's events.
"""
from __future__ import annotations

import logging

from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sotay import address, model, pipeline, printbook

log = logging.getLogger("mkdocs.hooks.sotay")

_run = pipeline.Build()


def _lang(config) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or model.DEFAULT_LANG


def on_startup(command, dirty):
    _run.command = command


def on_env(env, config, files):
    """The print links above each page (overrides/partials/sotay-print.html) come from the
    one definition of the books (sotay.printbook.page_print)."""
    env.globals["sotay_print"] = printbook.page_print
    return env


@event_priority(100)  # before mkdocs-static-i18n (-100) reads the nav
def on_config(config):
    _run.use_settings(getattr(config, "config_file_path", None))  # once per run: sotay.settings, the environment's overrides
    try:
        config.site_url = _run.address(config.site_url or "")
    except address.AddressError as e:
        raise ConfigurationError(str(e)) from None
    md_config = (list(config["markdown_extensions"]), dict(config["mdx_configs"]))
    for message in _run.configure(config.docs_dir, config.site_dir, _lang(config), md_config):
        log.warning(message)  # strict mode turns this into a failed build
    if not config.nav:
        config.nav = _run.nav()
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        for language in i18n.config.languages:
            if language.locale == "en":
                language.nav_translations = {**model.NAV_TRANSLATIONS_EN, **(language.nav_translations or {})}
    return config


# mkdocs-static-i18n rebuilds the file list in its on_files (-100) and cannot take
# in-memory files (it reads abs_src_path): add the generated ones after it.
@event_priority(-150)
def on_files(files, config):
    made, warnings = _run.files(lambda name: files.get_file_from_path(name) is not None)
    for message in warnings:
        log.warning(message)
    for name, data in made.items():
        files.append(File.generated(config, name, content=data))
    return files


def on_page_markdown(markdown, page, config, files):
    p = _run.page(page.file.src_uri)
    if p is None:
        return markdown
    lang = _lang(config)
    if pipeline.is_fallback(p, lang):
        # An English address showing the Vietnamese text: kept out of English search.
        page.meta.setdefault("search", {})["exclude"] = True
    return pipeline.page_markdown(p, _run.content, lang, markdown)


def on_page_content(html, page, config, files):
    # Before Material's search plugin reads the page (on_page_context).
    return pipeline.page_content(html)


def on_post_page(output, page, config):
    html, warnings = _run.page_html(output, page.file.dest_uri, page.file.src_uri, _lang(config))
    for message in warnings:
        log.warning(message)  # a Material assumption that no longer holds (sotay.material)
    return html


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built and merged the languages
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a nested per-language build; the outer build finishes the job
    _run.finish(config.site_dir)
