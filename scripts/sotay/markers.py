"""The one marker grammar: ``<!-- sotay:KIND key=value … -->`` on a line of its own.

A page asks the build for generated content with a marker; an HTML comment, so the
Markdown still reads (and renders) without the build. :data:`KINDS` lists every kind,
the module that expands it and the parameters it takes: the structure check
(sotay.checks.structure) validates markers against it, and the modules expand theirs
with :func:`expand` (sotay.training first, then sotay.render: sotay.pipeline.STEPS).
"""
from __future__ import annotations

import re
from typing import Callable

MARKER = re.compile(r"^<!--\s*sotay:([a-z-]+)((?:\s+[a-z_]+=[\w:.-]+)*)\s*-->\s*$", re.M)

# kind: (the module that expands it, the parameters it takes)
KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "list": ("sotay.render", frozenset({"section", "group", "type"})),
    "sources": ("sotay.render", frozenset()),
    "glossary": ("sotay.render", frozenset()),
    "expected-changes": ("sotay.render", frozenset()),
    "terms": ("sotay.render", frozenset()),
    "qa-groups": ("sotay.render", frozenset()),
    "offline-zip": ("sotay.offline", frozenset()),
    "print-handbook": ("sotay.home", frozenset()),
    "tool": ("sotay.tools", frozenset({"name"})),
    "schedule": ("sotay.training", frozenset({"start", "afternoon"})),
    "keypoints": ("sotay.training", frozenset()),
    "trainer-notes": ("sotay.training", frozenset()),
    "lesson-ratings": ("sotay.training", frozenset()),
}


def args(text: str) -> dict[str, str]:
    """' start=7:30 afternoon=13:30' -> {'start': '7:30', 'afternoon': '13:30'}."""
    return dict(kv.split("=", 1) for kv in text.split())


def parse(line: str) -> tuple[str, dict[str, str]] | None:
    """(kind, parameters) of a marker line, or None."""
    m = MARKER.match(line.strip())
    return (m.group(1), args(m.group(2))) if m else None


def expand(markdown: str, handlers: dict[str, Callable[[dict[str, str]], str]]) -> str:
    """Replace each marker whose kind has a handler by what the handler returns; leave others."""
    def sub(m: re.Match) -> str:
        handler = handlers.get(m.group(1))
        return m.group(0) if handler is None else handler(args(m.group(2)))

    return MARKER.sub(sub, markdown)
