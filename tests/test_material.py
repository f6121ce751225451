"""The Material seam (sotay.material): every assumption on Material's markup, templates,
stylesheet, JavaScript and search index holds, and a broken one fails naming it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sotay import material

FIXTURE = Path(__file__).parent / "fixtures" / "material" / "page.html"

# For each assumption on a page: how a Material update could break it (old text -> new text
# in the fixture). A new assumption needs its line here (test_every_assumption_can_break).
PAGE_BREAKS = {
    "article.md-content__inner": ("md-content__inner", "md-content__body"),
    "article body": ("</article>", "</section>"),
    "div.md-header__topic": ('data-md-component="header-topic"', 'data-md-component="header-subtitle"'),
    "a.md-nav__link": ("md-nav__link", "md-nav-link"),
    "a.md-footer__link": ("md-footer__link", "md-footer-link"),
    "div.md-ellipsis in the footer link": ('<div class="md-ellipsis">', '<div class="md-truncate">'),
    "label.md-nav__link--active for=__toc": ('md-nav__link--active" for="__toc"', 'md-nav__link--current" for="__toc"'),
    "table of contents link a.md-nav__link href=#": ('<a href="#cac-moc-chuan-bi" class="md-nav__link">',
                                                     '<a href="#cac-moc-chuan-bi" class="md-toc__link">'),
    "nav.md-nav--secondary": ("md-nav--secondary", "md-nav--toc"),
    "li.md-nav__item--active": ("md-nav__item--active", "md-nav__item--current"),
    "a.md-select__link hreflang": ('class="md-select__link"', 'class="md-select__option"'),
    "head link rel=alternate hreflang": ('<link rel="alternate"', '<link rel="alternative"'),
    "div data-md-component=skip": ('data-md-component="skip"', 'data-md-component="skip-link"'),
    "pymdownx.tasklist li.task-list-item": ('class="task-list-control"', 'class="task-list-label"'),
    "div.md-content for page scripts": ('class="md-content" data-md-component', 'class="md-main__content" data-md-component'),
    "div.md-copyright__highlight": ("md-copyright__highlight", "md-copyright__text"),
}
# The same for Material's installed files: (file glob, old, new).
THEME_BREAKS = {
    "block htmltitle": ("base.html", "{% block htmltitle %}", "{% block title %}"),
    "block extrahead": ("base.html", "{% block extrahead %}", "{% block head_extra %}"),
    "block content": ("base.html", "{% block content %}", "{% block page %}"),
    "block scripts": ("base.html", "{% block scripts %}", "{% block javascript %}"),
    "block config with the search worker's path": ("base.html", "assets/javascripts/workers/search.",
                                                   "assets/javascripts/search-worker."),
    "partials/search.html": ("partials/header.html", '"partials/search.html"', '"partials/search/modal.html"'),
    "partials/languages/<lang>.html": ("partials/language.html", '"partials/languages/"', '"partials/i18n/"'),
    "search components in the JavaScript": ("assets/javascripts/bundle.*.min.js", "search-query", "search-input"),
    "document$ in the JavaScript": ("assets/javascripts/bundle.*.min.js", "window.document$=", "window.documents$="),
    "header-topic component in the JavaScript": ("assets/javascripts/bundle.*.min.js", "header-topic", "header-label"),
    ".md-button styles": ("assets/stylesheets/main.*.min.css", ".md-button--primary", ".md-btn--primary"),
    ".md-input styles": ("assets/stylesheets/main.*.min.css", ".md-input", ".md-field"),
    "tables without a class": ("assets/stylesheets/main.*.min.css", "table:not([class])", "table.md-table"),
    "class md-source-file": ("partials/*.html", "md-source-file", "md-page-source"),
    "class md-content__button": ("partials/*.html", "md-content__button", "md-content__action"),
    "class md-tags": ("partials/*.html", "md-tags", "md-labels"),
}


def _kind(kind):
    return [a.name for a in material.ASSUMPTIONS if a.kind == kind]


def test_every_assumption_can_break():
    """Each assumption has a way to break it in these tests, and names are unique."""
    names = [a.name for a in material.ASSUMPTIONS]
    assert len(names) == len(set(names))
    assert sorted(PAGE_BREAKS) == sorted(_kind("page"))
    assert sorted(THEME_BREAKS) == sorted(_kind("theme"))


def test_the_fixture_page_meets_every_assumption():
    assert material.check_pages({"fixture": FIXTURE.read_text(encoding="utf-8")}, raw=True) == []


@pytest.mark.parametrize("name", sorted(PAGE_BREAKS))
def test_a_renamed_class_fails_naming_the_assumption(name):
    old, new = PAGE_BREAKS[name]
    html = FIXTURE.read_text(encoding="utf-8")
    assert old in html, f"fixture lacks {old!r}"
    broken = material.check_pages({"fixture": html.replace(old, new)}, raw=True)
    assert any(f"Material assumption '{name}' no longer holds" in m for m in broken), broken
    # the build's own check names it too (for the assumptions every page meets)
    a = material.BY_NAME[name]
    if not a.some:
        assert any(f"'{name}'" in m for m in material.Watch().page("x/index.html", html.replace(old, new)))


def test_the_installed_theme_meets_every_assumption():
    assert material.check_theme() == []


@pytest.mark.parametrize("name", sorted(THEME_BREAKS))
def test_a_changed_theme_fails_naming_the_assumption(tmp_path, name):
    glob, old, new = THEME_BREAKS[name]
    theme = material.theme_dir()
    files = [p for p in theme.glob(glob) if p.suffix != ".map"]
    assert files, glob
    for f in files:
        dest = tmp_path / f.relative_to(theme)
        dest.parent.mkdir(parents=True, exist_ok=True)
        text = f.read_text(encoding="utf-8", errors="replace")
        dest.write_text(text.replace(old, new), encoding="utf-8")
    broken = material.check_theme(tmp_path, names=[name])
    assert broken and f"Material assumption '{name}' no longer holds" in broken[0], broken


def test_a_changed_search_index_fails_naming_the_assumption():
    good = {"config": {"lang": ["vi"], "separator": "[\\s]+"}, "docs": [{"location": "", "title": "T", "text": "x"}]}
    assert material.check_index(good) == []
    bad = json.loads(json.dumps(good))
    bad["docs"][0]["url"] = bad["docs"][0].pop("location")
    assert any("'search index docs[].location'" in m for m in material.check_index(bad))


def test_the_code_uses_the_patterns_listed():
    """sotay.site and sotay.phone rewrite Material's markup with the listed patterns, not copies."""
    from sotay import phone, site

    assert site.ARTICLE_OPEN.pattern == material.BY_NAME["article.md-content__inner"].pattern
    assert site.NAV_LINK.pattern == material.BY_NAME["a.md-nav__link"].pattern
    assert site.TASK_ITEM.pattern == material.BY_NAME["pymdownx.tasklist li.task-list-item"].pattern
    assert phone._ARTICLE.pattern == material.BY_NAME["article body"].pattern


def test_the_built_site_meets_every_assumption(site_dir):
    """The real build (after sotay's post-page steps): sample pages, the theme, the index."""
    assert material.check_site(site_dir) == []
    missing = [s for s in material.SAMPLES if not (site_dir / s).exists()]
    assert not missing, f"sample pages gone from the site: {missing} (update sotay.material.SAMPLES)"
