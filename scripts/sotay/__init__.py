"""Sổ tay sinh hoạt chi bộ: the handbook's own tools.

- ``sotay.text``   Vietnamese text: NFC, tone-mark style, accent folding, slugs.
- ``sotay.model``  the content model: page types, front matter schema, sources
                   registry, glossary, navigation. Hooks, checks and exports all
                   read content through it; nothing else parses front matter.
"""
