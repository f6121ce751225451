"""MkDocs hook adapter for the training feature (logic in scripts/sotay/training.py).

Loads the pages once per build (on_config) and hands each training page to
``sotay.training.page_markdown``; nothing here knows about lessons.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from sotay import model, training

log = logging.getLogger("mkdocs.hooks.training")

_state: dict = {}


def on_config(config):
    pages = model.load_pages(Path(config.docs_dir))
    _state.update(pages=pages, by_src={p.src: p for p in pages})
    for problem in training.problems(pages):
        log.warning(str(problem))
    return config


@event_priority(50)  # before the sotay hook adds the basis line and block
def on_page_markdown(markdown, page, config, files):
    p = _state.get("by_src", {}).get(page.file.src_uri)
    if p is None:
        return markdown
    return training.page_markdown(markdown, p, _state["pages"])
