"""The page pipeline: the one place that says what the build does to a page, in order.

The MkDocs hook (``overrides/hooks/sotay.py``), the checks (links, anchors, hedges) and
the tests call the same functions, so what a check sees is what the build renders.

- :class:`Content` — pages, registry and glossary, loaded once from one checkout's
  ``docs/``, ``data/`` and ``includes/`` (cached by the files' sizes and times, so the
  two language builds and the checks share it; an edited file is read again).
- :func:`page_markdown` — THE ordered Markdown steps (:data:`STEPS`):

  1. ``training``  lessons: view bar, overview, key points; schedule, quizzes
     (sotay.training.page_markdown);
  2. ``site``      markers (generated lists, sources table…), placeholders, the basis
     line and box, the note on an English address showing the Vietnamese text
     (sotay.site.page_markdown);
  3. ``documents`` the Word button and format note of a form, its title as a heading
     (sotay.forms.page_markdown); the Word button of a kit (sotay.kit_docx.page_markdown).

  MkDocs' own i18n plugin runs before these (its admonition titles; priority 50).
- :func:`render_html` / :func:`page_anchors` — the page through Python-Markdown with
  mkdocs.yml's ``markdown_extensions``: the ids a link may point at.
- :func:`page_html` — the finishing steps of a rendered HTML page (sotay.site.post_page).
- :func:`site_files` — the files the build generates (Word files of forms, kits and the
  year plans, the meeting packet).
- :class:`Build` — what one ``mkdocs build``/``serve`` keeps between events: the
  published address, the content, the print views started early; ``finish`` is
  post_build (search index, redirects, sitemaps, print views).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

from . import model
from .model import DEFAULT_LANG, Page, Problem, Registry

PROJECT_ROOT = model.ROOT


# --------------------------------------------------------------------------
# The content, loaded once
# --------------------------------------------------------------------------


@dataclass
class Content:
    """Everything the pages are made from, for one checkout (``root``: docs/, data/, includes/)."""

    docs_dir: Path
    root: Path
    pages: list[Page]
    registry: Registry
    glossary: dict
    glossary_problems: list = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, docs_dir: Path | str, root: Path | str | None = None) -> "Content":
        """The content of ``docs_dir`` (and ``root``/data, ``root``/includes; ``root``
        defaults to the folder above docs/). Loaded again only when a file changed."""
        docs_dir = Path(docs_dir)
        root = Path(root) if root else docs_dir.resolve().parent
        key = (str(docs_dir.resolve()), str(root.resolve()))
        stamp = _stamp(docs_dir, root)
        hit = _LOADED.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        glossary, gproblems = model.load_glossary(_own(root, "includes/abbreviations.md"))
        content = cls(docs_dir=docs_dir, root=root, pages=model.load_pages(docs_dir),
                      registry=model.load_registry(_own(root, "data/sources.yml")),
                      glossary=glossary, glossary_problems=gproblems)
        _LOADED[key] = (stamp, content)
        return content

    def cached(self, key, make: Callable):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @property
    def by_src(self) -> dict[str, Page]:
        return self.cached("by_src", lambda: {p.src: p for p in self.pages})

    @property
    def aliases(self) -> dict[str, Page]:
        """Old addresses of merged pages -> the page (``aliases:``)."""
        return self.cached("aliases", lambda: model.alias_map(self.pages))

    @property
    def problems(self) -> list[Problem]:
        """What the build reports while loading (registry, glossary, front matter)."""
        return self.registry.problems + self.glossary_problems + [p for pg in self.pages for p in pg.problems]

    def vi_urls(self, lang: str) -> frozenset[str]:
        """Site paths of ``lang`` that show the Vietnamese text (sotay.site.fallback_urls)."""
        from . import site

        return self.cached(("vi_urls", lang), lambda: site.fallback_urls(self.pages, lang))

    def markdown_config(self) -> tuple[list, dict]:
        """(extensions, their configs) of the site: mkdocs.yml's ``markdown_extensions``."""
        return self.cached("markdown_config", lambda: markdown_config(self.root))


_LOADED: dict[tuple[str, str], tuple[tuple, Content]] = {}


def _own(root: Path, name: str) -> Path:
    """``root``/name, or the project's own file when that checkout has none (a test fixture)."""
    path = root / name
    return path if path.exists() else PROJECT_ROOT / name


def _stamp(docs_dir: Path, root: Path) -> tuple:
    """Names, sizes and times of the files the content is read from."""
    out = []
    for path in [*(model.iter_markdown(docs_dir) if docs_dir.is_dir() else []),
                 root / "data" / "sources.yml", root / "includes" / "abbreviations.md"]:
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def markdown_config(root: Path | None = None) -> tuple[list, dict]:
    """mkdocs.yml's ``markdown_extensions`` as Python-Markdown takes them (with MkDocs'
    built-in ones, as MkDocs adds them), read without loading MkDocs' plugins or theme.
    ``root``: the checkout whose mkdocs.yml to read (the project's when it has none).
    pymdownx.snippets' ``base_path`` is made absolute, so rendering does not depend on
    the working directory."""
    from mkdocs.config import config_options
    from mkdocs.utils.yaml import yaml_load

    path = Path(root or PROJECT_ROOT) / "mkdocs.yml"
    if not path.exists():
        path = PROJECT_ROOT / "mkdocs.yml"
    with open(path, encoding="utf-8") as f:
        data = yaml_load(f) or {}
    option = config_options.MarkdownExtensions(builtins=["toc", "tables", "fenced_code"])
    extensions = option.run_validation(data.get("markdown_extensions") or [])
    configs = {name: dict(cfg) for name, cfg in option.configdata.items()}
    snippets = configs.get("pymdownx.snippets")
    if snippets and snippets.get("base_path"):
        base = snippets["base_path"]
        snippets["base_path"] = [str(path.parent / b) for b in ([base] if isinstance(base, str) else base)]
    return extensions, configs


# --------------------------------------------------------------------------
# Markdown: one ordered list of steps
# --------------------------------------------------------------------------


def is_fallback(page: Page, lang: str) -> bool:
    """An address of ``lang`` showing a page written in another language (no translation yet)."""
    return lang != DEFAULT_LANG and page.lang != lang


def _training(markdown: str, page: Page, content: Content, lang: str) -> str:
    from . import training

    return training.page_markdown(markdown, page, content.pages)


def _site(markdown: str, page: Page, content: Content, lang: str) -> str:
    from . import site

    return site.page_markdown(markdown, page, content.pages, content.registry, content.glossary, lang,
                              is_fallback(page, lang))


def _documents(markdown: str, page: Page, content: Content, lang: str) -> str:
    from . import forms, kit_docx

    if page.type == "form":
        return forms.page_markdown(markdown, page)
    if kit_docx.is_kit(page):
        return kit_docx.page_markdown(markdown, page)
    return markdown


# The order of the page's Markdown steps (see the module's docstring).
STEPS: tuple[tuple[str, Callable[[str, Page, Content, str], str]], ...] = (
    ("training", _training),
    ("site", _site),
    ("documents", _documents),
)


def page_markdown(page: Page, content: Content, lang: str | None = None, markdown: str | None = None) -> str:
    """The page's Markdown as the site renders it at the address of ``lang`` (the page's
    own language by default). ``markdown``: the text MkDocs read (``page.body`` by default)."""
    lang = lang or page.lang
    out = page.body if markdown is None else markdown
    for _name, step in STEPS:
        out = step(out, page, content, lang)
    return out


def render_html(page: Page, content: Content, lang: str | None = None) -> str:
    """The page's content as HTML, rendered by Python-Markdown with the site's extensions."""
    import markdown

    def make():
        extensions, configs = content.markdown_config()
        md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        return md.convert(page_markdown(page, content, lang))

    return content.cached(("html", page.src, lang or page.lang), make)


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


def page_anchors(page: Page, content: Content, lang: str | None = None) -> set[str]:
    """The ids of the rendered page (headings, attribute lists, raw HTML, footnotes):
    what a link ``page.md#id`` may point at."""
    def make():
        parser = _Ids()
        parser.feed(render_html(page, content, lang))
        parser.close()
        return parser.ids

    return content.cached(("anchors", page.src, lang or page.lang), make)


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------


def page_content(html: str) -> str:
    """The rendered article, before Material's search plugin reads it: words kept apart
    across <br> and table cells (sotay.search.separate_words)."""
    from . import search

    return search.separate_words(html)


def page_html(html: str, dest: str, page: Page | None, content: Content, lang: str, site_url: str = "") -> str:
    """Finish one rendered HTML page (``dest``: its path in site/; sotay.site.post_page)."""
    from . import site

    return site.post_page(html, dest, site_url, lang=lang, text_lang=page.lang if page else lang,
                          vi_urls=content.vi_urls(lang))


# --------------------------------------------------------------------------
# Generated files
# --------------------------------------------------------------------------


def site_files(content: Content, exists: Callable[[str], bool] = lambda name: False,
               md_config: tuple[list, dict] | None = None) -> tuple[dict[str, bytes], list[str]]:
    """({site path: bytes}, warnings): the Word files of the forms and the kits, the
    meeting packet, the year plans. ``exists``: a path already in the build (left alone)."""
    from . import docx_export, forms, kit_docx, packet, tools

    made: dict[str, bytes] = {}
    warnings: list[str] = []
    vi_docs = [p for p in content.pages if p.lang == DEFAULT_LANG and p.src.startswith("mau/")]
    for page in vi_docs:
        if page.type != "form" or exists(forms.docx_name(page)):
            continue
        try:
            made[forms.docx_name(page)] = docx_export.docx_for(page)
        except docx_export.FormError as e:
            warnings.append(str(e))  # strict mode turns this into a failed build
    md_config = md_config or content.markdown_config()
    for page in vi_docs:
        if page.type != "template" or exists(kit_docx.docx_name(page)):
            continue
        try:
            made[kit_docx.docx_name(page)] = kit_docx.docx_for(page, md_config)
        except docx_export.FormError as e:
            warnings.append(str(e))
    try:
        made.update({k: v for k, v in packet.files(content.pages).items() if not exists(k)})
    except docx_export.FormError as e:
        warnings.append(str(e))
    try:
        made.update({k: v for k, v in tools.plan_docx_files(content.pages).items() if not exists(k)})
    except (ValueError, KeyError) as e:
        warnings.append(f"kế hoạch sinh hoạt năm (Word): {e}")
    return made, warnings


def content_problems(content: Content) -> list[str]:
    """What the build logs as warnings (strict mode: a failed build) while loading: the
    content's errors, the training kit's and the tools' problems."""
    from . import tools, training

    out = [str(p) for p in content.problems if p.severity == "error"]
    out += [str(p) for p in training.problems(content.pages)]
    out += [str(p) for p in tools.problems()]
    return out


# --------------------------------------------------------------------------
# One build
# --------------------------------------------------------------------------


@dataclass
class Build:
    """What one MkDocs run keeps between events (the hook holds one)."""

    command: str = "build"          # "build", "serve" or "gh-deploy"
    site_url: str = ""              # the published address, '' when there is none
    content: Content | None = None
    warned: bool = False
    views: object = None            # the print views of the default language, started early
    md_config: tuple | None = None
    watch: object = None            # Material's markup, checked on every page (sotay.material.Watch)
    run_settings: object = None     # sotay.settings.Settings of this run, read once (use_settings)

    def use_settings(self, config_file: str | Path | None) -> None:
        """Read the run's settings once, for the checkout of ``config_file`` (mkdocs.yml), and make
        them the process's (sotay.settings.use): the hook's entry point, like the CLI's main."""
        from . import settings

        if self.run_settings is None:
            root = Path(config_file).parent if config_file else None
            self.run_settings = settings.use(settings.Settings.load(root=root))

    @property
    def settings(self):
        from . import settings

        return self.run_settings or settings.current()

    @property
    def parallel(self) -> bool:
        """Fork helpers only under `mkdocs build` (not `mkdocs serve`, a threaded server),
        and not with SOTAY_JOBS=1 (one process, e.g. to compare)."""
        return self.command in ("build", "gh-deploy") and self.settings.parallel

    def address(self, configured: str) -> str:
        """The published address (sotay.address): checked for a release (AddressError), the
        one warning when there is none. Returns the site_url the config keeps: no loopback
        address in a build (canonical links, sitemap); ``mkdocs serve`` keeps its own."""
        import sys

        from . import address

        if self.command == "serve":
            self.site_url = address.published(configured)
            return configured
        address.check_release(configured)
        self.site_url = address.published(configured)
        if not self.site_url and not self.warned:
            self.warned = True
            print(address.warning(), file=sys.stderr)
        return configured if self.site_url else ""

    def configure(self, docs_dir: str, site_dir: str, lang: str, md_config: tuple | None = None) -> list[str]:
        """on_config: load the content; the warnings to log (once, in the default language).
        While another language builds, the default language's print views are made."""
        self.content = Content.load(docs_dir)
        self.md_config = md_config
        if lang != DEFAULT_LANG and self.parallel and self.views is None:
            from . import site

            self.views = site.start_print_views(site_dir, self.content.pages, DEFAULT_LANG) or False
        return content_problems(self.content) if lang == DEFAULT_LANG else []

    def nav(self) -> list:
        return model.build_nav(self.content.pages)

    def page(self, src: str) -> Page | None:
        return self.content.by_src.get(src) if self.content else None

    def files(self, exists: Callable[[str], bool]) -> tuple[dict[str, bytes], list[str]]:
        return site_files(self.content, exists, self.md_config)

    def page_html(self, html: str, dest: str, src: str, lang: str) -> tuple[str, list[str]]:
        """(the finished page, warnings): Material's page checked against sotay.material's
        assumptions (a broken one is a warning naming it), then finished (:func:`page_html`)."""
        from . import material

        if self.watch is None:
            self.watch = material.Watch()
        warnings = self.watch.page(dest, html)
        return page_html(html, dest, self.page(src), self.content, lang, self.site_url), warnings

    def finish(self, site_dir: str) -> None:
        """post_build, after every language: search index, redirects, sitemaps, print views."""
        from . import site

        c = self.content
        started, self.views = self.views or None, None
        site.post_build(site_dir, c.pages, c.registry, c.glossary, parallel=self.parallel, started=started,
                        site_url=self.site_url)
