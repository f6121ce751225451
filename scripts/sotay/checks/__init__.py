"""Content checks. Each check is a function Context -> list[Problem], registered in CHECKS.

Run them with ``python -m sotay check [NAME ...]`` (``make check`` runs the default set):

  frontmatter    front matter schema of every page (model.validate_meta), broken YAML,
                 duplicate keys, file names, translations without an original
  sources        registry ids in ``sources:``/``history:``, superseded or unverified
                 documents, document symbols written in the text
  structure      required sections per page type, guide and Q&A openings, the timed
                 programme of topic-session kits, tables, admonitions, generated lists
  placeholders   ``{{ten_chi_bo}}`` syntax, declared and used, malformed variants
  links          internal links and #anchors (both languages, generated pages, Word and
                 PDF downloads), images, raw HTML links, snippets, external URLs
                 (listed in data/external-links.yml, never fetched)
  questions      two Q&A pages asking the same question (similar folded titles,
                 descriptions and answers: sotay.checks.questions)
  vietnamese     NFC, traditional tone marks, look-alike letters, invisible characters,
                 mis-decoded text, words typed without diacritics
  abbreviations  ALL-CAPS abbreviations missing from includes/abbreviations.md
  forms          the forms' restricted Markdown (sotay.forms.form_problems), which the
                 Word export needs
  training       lessons, the workshop schedule and quizzes (sotay.training.problems)
  tools          the tools' rules (data/meeting-rules.yml, data/voting-rules.yml; sotay.tools.problems):
                 schema, sources in the registry, forms, kits and guide anchors that exist
  freshness      pages past ``reviewed`` + ``review_in`` (warning; error with --strict)
  translations   English pages in step with the Vietnamese: missing (an error once
                 ``translations = "required"`` in pyproject.toml), stale (warning), copied
                 front matter (sotay.translations)
  pairs          each vi/en pair has the same numbers, document symbols, dates and links
  terms          English pages use the renderings of data/terms-en.yml and show the
                 Vietnamese term at its first use; the English string tables too
  hedges         "cần/chưa đối chiếu", "không chính thức"… as a reader sees them on the
                 Vietnamese pages (build additions included): each one listed (note), an
                 error when there are more than sotay.checks.hedges.LIMIT
  site           the built site/ (when present and up to date): every internal href/src
                 and #fragment of every HTML page, Markdown left unrendered
  mkdocs         ``mkdocs build --strict`` into a temporary directory, its warnings as
                 problems (slow: not in the default set; ``check mkdocs`` or ``--all``)

Every check reads pages only through :mod:`sotay.model`; helpers shared by several
checks (code blocks, links, anchors) live in :mod:`sotay.checks._markdown`.
"""
from __future__ import annotations

import datetime as dt
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
    # Problems found while loading (missing docs/, unreadable files, missing glossary).
    load_problems: list = field(default_factory=list)
    root: Path = model.ROOT
    links_file: Path = model.ROOT / "data" / "external-links.yml"
    sources_file: Path = model.SOURCES_FILE
    glossary_file: Path = model.GLOSSARY_FILE
    terms_file: Path = model.TERMS_FILE
    settings_file: Path = model.SETTINGS_FILE
    today: dt.date = field(default_factory=dt.date.today)
    # Names of the checks asked for on the command line (a check may then say more,
    # e.g. `check site` explains why it did nothing).
    requested: set = field(default_factory=set)
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, docs_dir: Path = model.DOCS, site_dir: Path = model.ROOT / "site",
             sources_file: Path = model.SOURCES_FILE, glossary_file: Path = model.GLOSSARY_FILE,
             links_file: Path | None = None, root: Path | None = None,
             today: dt.date | None = None, terms_file: Path = model.TERMS_FILE,
             settings_file: Path | None = None) -> "Context":
        docs_dir, site_dir = Path(docs_dir), Path(site_dir)
        root = Path(root) if root else docs_dir.resolve().parent
        load_problems: list = []
        try:
            glossary, gproblems = model.load_glossary(glossary_file)
        except (OSError, UnicodeDecodeError) as e:
            glossary, gproblems = {}, [model.Problem(model.rel(glossary_file), None,
                                                     f"không đọc được bảng chữ viết tắt ({_reason(e)})",
                                                     "tạo lại includes/abbreviations.md, mỗi dòng dạng '*[BCH]: Ban Chấp hành'",
                                                     check="abbreviations")]
        pages = []
        if not docs_dir.is_dir():
            load_problems.append(model.Problem(model.rel(docs_dir), None, "không tìm thấy thư mục nội dung docs/",
                                               "chạy lệnh trong thư mục gốc của sổ tay, hoặc chỉ đường dẫn bằng --docs",
                                               check="frontmatter"))
        else:
            try:
                paths = model.iter_markdown(docs_dir)
            except OSError as e:
                paths = []
                load_problems.append(model.Problem(model.rel(docs_dir), None, f"không đọc được thư mục docs/ ({_reason(e)})",
                                                   "kiểm tra quyền đọc thư mục", check="frontmatter"))
            for path in paths:
                try:
                    pages.append(model.load_page(path, docs_dir))
                except OSError as e:
                    load_problems.append(model.Problem(model.rel(path), None, f"không đọc được tệp ({_reason(e)})",
                                                       "kiểm tra tệp có tồn tại, có quyền đọc (chmod a+r) và là văn bản UTF-8",
                                                       check="frontmatter"))
                except Exception as e:  # the model stumbled on a value of an unexpected kind
                    load_problems.append(model.Problem(model.rel(path), 2,
                                                       f"khai báo đầu trang có giá trị sai kiểu, không đọc được ({type(e).__name__}: {e})",
                                                       "mỗi khóa một giá trị đúng kiểu: 'type: guide' (một chữ), "
                                                       "'sources: [a, b]' (danh sách), 'reviewed: 2026-11-23' (ngày)",
                                                       check="frontmatter"))
            if not pages and not load_problems:
                load_problems.append(model.Problem(model.rel(docs_dir), None, "thư mục docs/ không có trang Markdown (.md) nào",
                                                   "kiểm tra đường dẫn --docs", check="frontmatter"))
        try:
            registry = model.load_registry(sources_file)
        except (OSError, UnicodeDecodeError, ValueError, TypeError) as e:
            registry = model.Registry({}, [model.Problem(model.rel(sources_file), None,
                                                         f"không đọc được sổ văn bản ({_reason(e)})",
                                                         "kiểm tra data/sources.yml: UTF-8, quyền đọc, mỗi mục '- id: …'",
                                                         check="sources")])
        return cls(docs_dir=docs_dir, site_dir=site_dir, pages=pages,
                   registry=registry, glossary=glossary, glossary_problems=gproblems,
                   load_problems=load_problems, root=root,
                   links_file=Path(links_file) if links_file else root / "data" / "external-links.yml",
                   sources_file=Path(sources_file), glossary_file=Path(glossary_file),
                   terms_file=Path(terms_file),
                   settings_file=Path(settings_file) if settings_file else root / "pyproject.toml",
                   today=today or dt.date.today())

    # ------------------------------------------------------------------
    # Shared, cached views of the content
    # ------------------------------------------------------------------

    def rel(self, path) -> str:
        """A path as messages show it: relative to the checked checkout when inside it."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError):
            return model.rel(path)

    def cached(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def scan(self, page):
        """The page body split into lines, with code blocks and code spans masked (see _markdown.Scan)."""
        from . import _markdown

        return self.cached(("scan", page.src), lambda: _markdown.scan(page))

    def raw(self, page) -> str:
        """The whole file as text (front matter included), for checks that need exact columns."""
        def read():
            try:
                return page.path.read_bytes().decode("utf-8", errors="replace")
            except OSError:
                return ""
        return self.cached(("raw", page.src), read)

    @property
    def terms(self) -> model.Terms:
        """The English terms (data/terms-en.yml)."""
        return self.cached("terms", lambda: model.load_terms(self.terms_file))

    @property
    def settings(self) -> dict:
        """[tool.sotay] of the checked checkout's pyproject.toml, with defaults."""
        return self.cached("settings", lambda: model.load_settings(self.settings_file))[0]

    @property
    def settings_problems(self) -> list:
        return self.cached("settings", lambda: model.load_settings(self.settings_file))[1]

    @property
    def by_src(self) -> dict:
        return self.cached("by_src", lambda: {p.src: p for p in self.pages})

    @property
    def files(self) -> set:
        """Every file under docs/ (POSIX paths relative to docs/), Markdown and assets."""
        def walk():
            out = set()
            if self.docs_dir.is_dir():
                for p in self.docs_dir.rglob("*"):
                    rel = p.relative_to(self.docs_dir)
                    if p.is_file() and not any(part.startswith(".") for part in rel.parts):
                        out.add(rel.as_posix())
            return out
        return self.cached("files", walk)


def _reason(e: Exception) -> str:
    if isinstance(e, PermissionError):
        return "không có quyền đọc"
    if isinstance(e, FileNotFoundError):
        return "không tìm thấy tệp"
    if isinstance(e, IsADirectoryError):
        return "là thư mục, không phải tệp"
    return f"{type(e).__name__}: {e}"


def check_frontmatter(ctx: Context) -> list:
    from .frontmatter import check
    return check(ctx)


def check_sources(ctx: Context) -> list:
    from .sources import check
    return check(ctx)


def _lazy(module: str):
    def run(ctx: Context) -> list:
        import importlib

        return importlib.import_module(f"{__name__}.{module}").check(ctx)
    run.__name__ = f"check_{module}"
    return run


def _module_problems(module: str, function: str):
    """A check that another build module owns (its rules live beside the code that renders them)."""
    def run(ctx: Context) -> list:
        import importlib

        try:
            mod = importlib.import_module(f"sotay.{module}")
        except ModuleNotFoundError:
            return []
        fn = getattr(mod, function, None)
        return list(fn(ctx.pages)) if callable(fn) else []
    run.__name__ = f"check_{module}"
    return run


CHECKS = {
    "frontmatter": check_frontmatter,
    "sources": check_sources,
    "structure": _lazy("structure"),
    "placeholders": _lazy("placeholders"),
    "links": _lazy("links"),
    "questions": _lazy("questions"),
    "vietnamese": _lazy("vietnamese"),
    "abbreviations": _lazy("abbreviations"),
    "forms": _module_problems("forms", "form_problems"),        # sotay/forms.py: the restricted form syntax
    "training": _module_problems("training", "problems"),       # sotay/training.py: lessons, schedule, quizzes
    "tools": _module_problems("tools", "problems"),             # sotay/tools.py: data/meeting-rules.yml, data/voting-rules.yml
    "freshness": _lazy("freshness"),
    "translations": _lazy("translations"),
    "pairs": _lazy("pairs"),
    "terms": _lazy("terms"),
    "hedges": _lazy("hedges"),
    "site": _lazy("site"),
    "mkdocs": _lazy("mkdocs_build"),
}

DESCRIPTIONS = {
    "frontmatter": "khai báo đầu trang đúng lược đồ của loại trang; tên tệp; bản dịch",
    "sources": "mã văn bản trong sổ văn bản; văn bản đã thay thế, chưa đối chiếu; số hiệu trong bài",
    "structure": "mục bắt buộc theo loại trang, phần mở đầu, chương trình đủ phút, bảng, khung, danh sách tự động",
    "placeholders": "chỗ điền {{ten_cho_dien}}: một cú pháp, khai báo và dùng đủ",
    "links": "liên kết, neo, ảnh, tệp tải về, địa chỉ ngoài (không truy cập mạng)",
    "questions": "hai trang hỏi đáp hỏi cùng một câu (tiêu đề, mô tả, câu trả lời gần giống nhau)",
    "vietnamese": "NFC, kiểu bỏ dấu truyền thống, chữ giống Latin, ký tự ẩn, chữ thiếu dấu",
    "abbreviations": "chữ viết tắt có trong includes/abbreviations.md",
    "forms": "cú pháp văn bản mẫu của biểu mẫu (để xuất Word)",
    "training": "bài tập huấn, lịch tập huấn, câu hỏi tự kiểm tra",
    "tools": "quy tắc của các công cụ (data/meeting-rules.yml, data/voting-rules.yml): lược đồ, căn cứ, liên kết",
    "freshness": "trang quá hạn rà soát (cảnh báo; lỗi với --strict)",
    "translations": "bản tiếng Anh: thiếu, cũ so với bản tiếng Việt, khai báo đầu trang chép khác bản gốc",
    "pairs": "mỗi cặp Việt–Anh có cùng con số, số hiệu văn bản, ngày và liên kết",
    "terms": "trang tiếng Anh dùng đúng bảng thuật ngữ data/terms-en.yml, kèm thuật ngữ tiếng Việt ở lần dùng đầu",
    "hedges": "chỗ rào đón người đọc thấy (cần/chưa đối chiếu, không chính thức…): liệt kê; lỗi khi quá 20",
    "site": "liên kết và neo trong site/ đã dựng (khi site/ mới hơn nội dung)",
    "mkdocs": "mkdocs build --strict vào thư mục tạm (chậm)",
}

# What `make check` runs. `mkdocs` builds the whole site (several seconds) and is run by
# `make test` (`sotay build` is mkdocs build --strict); ask for it with `check mkdocs` or `--all`.
DEFAULT = [name for name in CHECKS if name != "mkdocs"]
SLOW = ["mkdocs"]
