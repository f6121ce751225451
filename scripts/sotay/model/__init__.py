"""The content model: the one place that knows what a page is.

Page types and their front matter schema, the sources registry
(``data/sources.yml``), the glossary (``includes/abbreviations.md``), the
placeholder syntax of forms and the site navigation. The MkDocs hooks, the
checks (``python -m sotay check``), the exports (Word, print) and the tests all
load content through this module; none of them parses front matter itself.

Every problem found is a :class:`Problem` that names the file, the line, what is
wrong and how to fix it.
"""

from pathlib import Path  # noqa: F401  (model.Path: callers build paths with it)
from .core import (  # noqa: F401
    _YAML_LOADER, ROOT, DOCS, SOURCES_FILE, SOURCE_NOTES_FILE, GLOSSARY_FILE, TERMS_FILE,
    SETTINGS_FILE, LANGS, DEFAULT_LANG, Problem, rel, AUDIENCES, QA_GROUPS, QA_GROUPS_EN, _STR,
    _INT, _DATE, _LIST, _DICT, _BOOL, COMMON_FIELDS, TYPE_FIELDS, NORMATIVE_TYPES, PAGE_TYPES,
    SECTION_TYPES, SECTION_TITLES, SECTION_ORDER, PLACEHOLDER, PLACEHOLDER_NAME,
)
from .registry import (  # noqa: F401
    SOURCE_STATUSES, SOURCE_FIELDS, EXPECTED_CHANGE_KEYS, Source, Registry, _line_map, _check_value,
    _expected_change_problem, load_registry, NOTE_KEYS, NOTE_MARKS, source_note_problems, ABBR_LINE,
    Abbreviation, load_glossary,
)
from .pages import (  # noqa: F401
    Page, lang_of, base_name, FRONT_MATTER, parse_page, _PARSED, load_page, _load_page,
    validate_meta, ALIAS, _alias_problems_of_page, alias_map, alias_problems, page_url, _similar,
    iter_markdown, load_pages,
)
from .structure import (  # noqa: F401
    SYMBOL, source_problems, add_months, review_due, section_pages, build_nav, NAV_TRANSLATIONS_EN,
    REQUIRED_SECTIONS, GUIDE_OPENING, QA_OPENING, PROGRAMME_SECTION, PROGRAMME_MINUTES_COLUMN,
    PROGRAMME_SECTION_EN, PROGRAMME_MINUTES_COLUMN_EN, headings, section_text, TRANSLATION_HASH_LEN,
    TRANSLATION_HASH, TRANSLATED_KEYS, translated_text, translation_hash,
)
from .terms import (  # noqa: F401
    SETTINGS, load_settings, TERM_FIELDS, TERMS_SECTIONS, Term, Terms, load_terms, cached_terms,
)
