"""Content checks. Each check is a function Context -> list[Problem], registered in CHECKS.

Run them with ``python -m sotay check [NAME ...]``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import model


@dataclass
class Context:
    docs_dir: Path
    site_dir: Path
    pages: list
    registry: model.Registry
    glossary: dict
    glossary_problems: list = field(default_factory=list)

    @classmethod
    def load(cls, docs_dir: Path = model.DOCS, site_dir: Path = model.ROOT / "site",
             sources_file: Path = model.SOURCES_FILE, glossary_file: Path = model.GLOSSARY_FILE) -> "Context":
        glossary, gproblems = model.load_glossary(glossary_file)
        return cls(docs_dir=docs_dir, site_dir=site_dir, pages=model.load_pages(docs_dir),
                   registry=model.load_registry(sources_file), glossary=glossary, glossary_problems=gproblems)


def check_frontmatter(ctx: Context) -> list:
    return [p for page in ctx.pages for p in page.problems]


def check_sources(ctx: Context) -> list:
    out = list(ctx.registry.problems)
    for page in ctx.pages:
        out.extend(model.source_problems(page, ctx.registry))
    return out


CHECKS = {
    "frontmatter": check_frontmatter,
    "sources": check_sources,
}
