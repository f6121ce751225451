"""Links: every link, image and anchor a page writes, with its line — without building.

MkDocs' ``validation:`` (run by ``check mkdocs`` and by ``make build``) reports broken
Markdown links, but without a line number, only after a full build, and it misses
several cases. This check covers, per line:

- Markdown links ``[t](x.md#a)``, images ``![alt](x.svg)``, reference-style links
  ``[t][id]`` / ``[id]: x.md``, autolinks ``<https://…>``, bare URLs and raw HTML
  ``href``/``src`` (MkDocs neither checks nor rewrites those);
- the suffix i18n structure: on an English page ``x.md`` means ``x.en.md`` when it
  exists, else the Vietnamese page shown as fallback; a Vietnamese page linking to
  ``x.en.md`` gets a dead link on the site (MkDocs leaves it as is, silently);
- anchors computed like the site does: headings folded to ASCII (sotay.text.slugify,
  ``_1`` for repeats), ``{ #id }`` attribute lists, HTML ids, and the anchors of
  generated content (van-ban: one per registry id; hoi-dap: one per Q&A group);
- downloads made by the build, which are not in docs/ (see :func:`downloads`);
- external URLs: well formed, https, listed in ``data/external-links.yml``; never fetched;
- slips: a space in ``[t] (x.md)``, a missing ``)``, ``(x.md)[t]``, an undefined
  ``[t][id]``, a directory or ``.html`` link, an absolute ``/path``, an image
  without alt text, a missing snippet file.
"""
from __future__ import annotations

import difflib
import posixpath
import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import yaml

from .. import model
from ..text import slugify
from . import _markdown as md

# Downloads the build writes into site/ (they are not in docs/), accepted as link targets:
# 1. Word files: one per form and per kit, at the page's own URL with .docx (docs/mau/x.md -> mau/x.docx);
# 2. what the exporters declare: sotay.exports.expected_outputs(pages) -> paths relative
#    to the site root (the offline zip, …);
# 3. the print views and PDF handbooks of sotay.printbook (view_dir / pdf_path of jobs());
# 4. any .docx/.pdf/.zip… already in a built site/.
# Anything else is an error: a link to a file nobody produces.
DOCX_TYPES = {"form", "template"}   # forms (sotay.docx_export) and topic-session kits (sotay.kit_docx)
DOWNLOAD_EXT = {".docx", ".pdf", ".zip", ".odt", ".doc", ".xlsx", ".epub"}
SELF_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
WEB_TYPO = re.compile(r"^(?:h?t{1,3}p{1,2}s?\s*[:;]?\s*[/\\]{1,3}|www\.)(?!/)", re.I)
SPACE_BEFORE_PAREN = re.compile(r"\[[^\[\]\n]+\]\s+\((?:\.{0,2}/|#|[\w.-]+\.(?:md|png|svg|jpg|pdf|docx)\b|https?:)[^()\s]*\)")
REVERSED = re.compile(r"\(([^()\s]+\.md(?:#[^()\s]*)?)\)\[([^\[\]\n]+)\]")
SNIPPET = re.compile(r"^\s*;?-{1,}8<-{1,}\s+[\"']([^\"']+)[\"']")


def _p(page, line, message, fix="", severity="error"):
    return model.Problem(page.where if hasattr(page, "where") else page, line, message, fix,
                         severity=severity, check="links")


# --------------------------------------------------------------------------
# External links registry
# --------------------------------------------------------------------------


def load_external(ctx) -> tuple[dict[str, int], list]:
    """data/external-links.yml: a list of {url, title, note}. Returns {normalized url: line}."""
    path = ctx.links_file
    where = ctx.rel(path)
    if not path.exists():
        return {}, []
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except UnicodeDecodeError:
        return {}, [model.Problem(where, None, "tệp không phải UTF-8", "lưu lại với mã hóa UTF-8", check="links")]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        return {}, [model.Problem(where, mark.line + 1 if mark else None, f"YAML không hợp lệ: {getattr(e, 'problem', e)}",
                                  "mỗi mục dạng '- url: https://…' rồi '  title: …' (thụt lề bằng dấu cách)", check="links")]
    except OSError as e:
        return {}, [model.Problem(where, None, f"không đọc được tệp ({e})", "kiểm tra quyền đọc", check="links")]
    if data is None:
        return {}, []
    if not isinstance(data, list):
        return {}, [model.Problem(where, 1, "danh sách địa chỉ ngoài phải là một danh sách", "mỗi mục bắt đầu bằng '- url: …'", check="links")]
    out: dict[str, int] = {}
    problems = []
    for item, inode in zip(data, node.value if node is not None else []):
        line = inode.start_mark.line + 1
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            problems.append(model.Problem(where, line, "mục thiếu 'url:'", "viết '- url: https://…' và '  title: …'", check="links"))
            continue
        for key in item:
            if key not in ("url", "title", "note", "used_for"):
                problems.append(model.Problem(where, line, f"khóa lạ '{key}'", "dùng url, title, note", check="links"))
        if not isinstance(item.get("title"), str) or not item["title"].strip():
            problems.append(model.Problem(where, line, f"'{item['url']}' thiếu 'title:'", "ghi tên trang web/tài liệu", check="links"))
        reason, sev = url_problem(item["url"])
        if reason:
            problems.append(model.Problem(where, line, f"địa chỉ '{item['url']}' {reason}", "sửa địa chỉ", severity=sev, check="links"))
        key = norm_url(item["url"])
        if key in out:
            problems.append(model.Problem(where, line, f"địa chỉ '{item['url']}' đã có ở dòng {out[key]}", "bỏ một mục", check="links"))
        out[key] = line
    return out, problems


def norm_url(url: str) -> str:
    u = url.strip().split("#", 1)[0]
    return u[:-1] if u.endswith("/") else u


def url_problem(url: str) -> tuple[str | None, str]:
    """(what is wrong with an external URL, severity) or (None, '')."""
    if any(ch.isspace() for ch in url):
        return "có dấu cách", "error"
    try:
        u = urlsplit(url)
        host = u.hostname or ""
        _ = u.port
    except ValueError:
        return "không đúng dạng địa chỉ web", "error"
    if u.scheme not in ("http", "https"):
        return "phải bắt đầu bằng https://", "error"
    if not url.lower().startswith(("http://", "https://")):
        return "phải bắt đầu bằng https:// (hai dấu '/')", "error"
    if not host or "." not in host or host.startswith(".") or host.endswith(".") or ".." in host:
        return f"có tên miền '{host}' không hợp lệ", "error"
    if not re.fullmatch(r"[a-z0-9.-]+", host):
        return f"có tên miền '{host}' chứa ký tự không phải ASCII", "error"
    if re.search(r"[^\x21-\x7e]", url):
        return "chứa chữ có dấu hoặc ký tự đặc biệt chưa mã hóa (sao chép địa chỉ từ thanh địa chỉ của trình duyệt)", "error"
    if url[-1] in ".,;:!)":
        return f"thừa dấu '{url[-1]}' ở cuối", "error"
    if u.scheme == "http":
        return "dùng http, không mã hóa (dùng https:// nếu trang hỗ trợ)", "warning"
    return None, ""


# --------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------


def downloads(ctx) -> dict[str, str]:
    """Files the build produces that pages may link to: {path relative to the site root: why}."""
    def make():
        out: dict[str, str] = {}
        for p in ctx.pages:
            if p.lang == model.DEFAULT_LANG and p.type in DOCX_TYPES:
                out[p.base[:-3] + ".docx"] = f"bản Word của {p.src}"
        try:
            from .. import exports

            fn = getattr(exports, "expected_outputs", None)
            if callable(fn):
                for path in fn(ctx.pages) or []:
                    out.setdefault(str(path).lstrip("/"), "tệp do bản dựng tạo")
        except Exception:
            pass
        for path in _print_outputs():
            out.setdefault(path, "bản in / PDF do bản dựng tạo")
        site = ctx.site_dir
        if site.is_dir():
            for ext in DOWNLOAD_EXT:
                for f in site.rglob(f"*{ext}"):
                    out.setdefault(f.relative_to(site).as_posix(), "có trong site/ đã dựng")
        return out
    return ctx.cached("downloads", make)


def _print_outputs() -> list[str]:
    """Print views ('in/huong-dan/') and PDFs ('in/huong-dan/sotay-huong-dan-vi.pdf') of sotay.printbook."""
    try:
        from .. import printbook

        out = []
        for book, lang, edition in printbook.jobs():
            out.append(printbook.view_dir(book, lang, edition))
            out.append(printbook.pdf_path(book, lang, edition))
        return out
    except Exception:
        return []


def candidates(joined: str, lang: str) -> list[str]:
    """What the i18n plugin tries for a link target: x.<lang>.ext, x.vi.ext, x.ext."""
    p = PurePosixPath(joined)
    if not p.suffix or re.search(r"\.(?:%s)$" % "|".join(model.LANGS), p.stem):
        return [joined]
    return [str(p.with_suffix(f".{lang}{p.suffix}")), str(p.with_suffix(f".{model.DEFAULT_LANG}{p.suffix}")), joined]


def relative(page, target_src: str) -> str:
    return posixpath.relpath(target_src, posixpath.dirname(page.src) or ".")


def _suggest_file(ctx, page, joined: str, ext: str) -> str:
    pool = sorted(f for f in ctx.files if f.endswith(ext) and not re.search(r"\.(?:%s)%s$" % ("|".join(model.LANGS[1:]), re.escape(ext)), f)) \
        if ext else sorted(ctx.files)
    name = posixpath.basename(joined)
    same = [f for f in pool if posixpath.basename(f) == name]
    if same:
        return f"có phải '{relative(page, same[0])}'?"
    close = difflib.get_close_matches(joined, pool, n=1, cutoff=0.85)
    if close:
        return f"có phải '{relative(page, close[0])}'?"
    return ""


def _suggest_anchor(frag: str, anchors: set[str]) -> str:
    s = slugify(unquote(frag))
    if s in anchors and s != frag:
        return f"viết '#{s}' (chữ thường, không dấu, nối bằng '-')"
    close = difflib.get_close_matches(frag, sorted(anchors), n=1, cutoff=0.6)
    if close:
        return f"có phải '#{close[0]}'?"
    return "neo là tiêu đề viết thường không dấu, nối bằng '-' (## Đại biểu dự họp → #dai-bieu-du-hop) hoặc { #ma-neo }"


page_url = model.page_url  # URL path of a page (huong-dan/x.md -> huong-dan/x/)


def site_urls(ctx) -> dict[str, object]:
    """Every URL path the built site will have: pages (both languages) -> Page, files -> None."""
    def make():
        out: dict[str, object] = {}
        by_src = ctx.by_src
        for p in ctx.pages:
            if p.lang == model.DEFAULT_LANG:
                out[page_url(p.src, p.lang)] = p
                for lang in model.LANGS[1:]:
                    tr = by_src.get(p.src[:-3] + f".{lang}.md")
                    out[page_url(p.src, lang)] = tr or p
        for f in ctx.files:
            if not f.endswith(".md"):
                out.setdefault(f, None)
        for f in downloads(ctx):
            out.setdefault(f, None)
        return out
    return ctx.cached("site_urls", make)


# --------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------


def check(ctx) -> list:
    out: list = []
    known, problems = load_external(ctx)
    out.extend(problems)
    used: set[str] = set()
    for page in ctx.pages:
        if not page.meta and page.problems:
            continue
        sc = ctx.scan(page)
        all_links = md.links(sc)
        defs = {md.norm_ref(link.text) for link in all_links if link.kind == "refdef"}
        for link in all_links:
            out.extend(_check_link(ctx, page, link, known, used))
        for n, col, text, ref in md.ref_uses(sc):
            if md.norm_ref(ref) not in defs:
                out.append(_p(page, n, f"liên kết tham chiếu '[{text}][{ref}]' (cột {col}) chưa có dòng định nghĩa '[{ref}]: …'",
                              f"thêm dòng '[{ref}]: ten-tep.md' cuối trang, hoặc viết '[{text}](ten-tep.md)'"))
        out.extend(_slips(ctx, page, sc))
    for url, line in known.items():
        if url not in used:
            out.append(model.Problem(ctx.rel(ctx.links_file), line, f"địa chỉ '{url}' không còn trang nào dùng",
                                     "xóa mục này nếu không cần nữa", severity="warning", check="links"))
    return out


def _slips(ctx, page, sc) -> list:
    out = []
    for n, raw, t, code in sc:
        if code or not t:
            continue
        if "] (" in t or "]\t(" in t:
            for m in SPACE_BEFORE_PAREN.finditer(t):
                out.append(_p(page, n, f"có dấu cách giữa ']' và '(' ở '{m.group(0)[:60]}' (cột {m.start() + 1}): liên kết không hoạt động",
                              "viết liền '[chữ](ten-tep.md)'"))
        if "](" in t:
            last_close = t.rfind(")")
            start = t.find("](", last_close + 1)
            if start >= 0:
                out.append(_p(page, n, f"liên kết thiếu dấu ')' đóng (cột {start + 1})", "viết '[chữ](ten-tep.md)'"))
        if ")[" in t:
            for m in REVERSED.finditer(t):
                out.append(_p(page, n, f"liên kết viết ngược '{m.group(0)[:60]}'",
                              f"viết '[{m.group(2)}]({m.group(1)})': chữ trong [ ], đường dẫn trong ( )"))
        if "8<" in raw:
            m = SNIPPET.match(raw)
            if m:
                name = m.group(1)
                if not (ctx.root / "includes" / name).exists():
                    out.append(_p(page, n, f"không có tệp chèn 'includes/{name}'", "sửa tên tệp hoặc tạo tệp trong includes/"))
    return out


def _check_link(ctx, page, link, known, used) -> list:
    target = link.target.strip()
    where = f"(cột {link.col})"
    out = []
    if link.kind == "image" and not link.text.strip():
        out.append(_p(page, link.line, f"ảnh '{target}' {where} không có mô tả (alt)",
                      "viết mô tả ngắn trong ngoặc vuông: ![Sơ đồ trình tự buổi họp](…)"))
    if not target:
        if link.kind in ("link", "image", "refdef"):
            out.append(_p(page, link.line, f"liên kết '{link.text[:40]}' {where} không có đích", "ghi tệp đích trong ( ): [chữ](ten-tep.md)"))
        return out
    if target.startswith("//"):
        return out + [_p(page, link.line, f"địa chỉ '{target}' {where} thiếu 'https:'", f"viết 'https:{target}'")]
    sm = SCHEME.match(target)
    if sm and not re.match(r"^[a-zA-Z]:[\\/]", target):
        scheme = sm.group(1).lower()
        if scheme in ("http", "https"):
            return out + _external(ctx, page, link, target, known, used)
        if scheme == "mailto":
            if not re.fullmatch(r"mailto:[^@\s]+@[^@\s]+\.[^@\s]+", target):
                out.append(_p(page, link.line, f"địa chỉ thư '{target}' {where} không đúng dạng", "viết 'mailto:ten@mien.vn'"))
            return out
        if scheme == "tel":
            if not re.fullmatch(r"tel:\+?[\d\-. ()]{6,}", target):
                out.append(_p(page, link.line, f"số điện thoại '{target}' {where} không đúng dạng", "viết 'tel:+84…'"))
            return out
        if WEB_TYPO.match(target):
            return out + [_p(page, link.line, f"địa chỉ web '{target}' {where} viết sai", "viết đầy đủ 'https://ten-mien/…'")]
        return out + [_p(page, link.line, f"liên kết kiểu '{scheme}:' {where} không dùng được trong sổ tay",
                         "chỉ dùng liên kết tới tệp .md trong docs/ hoặc địa chỉ https:// đã liệt kê")]
    if WEB_TYPO.match(target) or re.match(r"^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|org|net|gov)(?:/|$)", target):
        return out + [_p(page, link.line, f"địa chỉ web '{target}' {where} viết sai hoặc thiếu 'https://'",
                         "viết đầy đủ 'https://ten-mien/…' và liệt kê trong data/external-links.yml")]
    if link.kind in ("auto", "bare"):
        return out
    if link.kind == "html":
        return out + _html_target(ctx, page, link, target)
    return out + _internal(ctx, page, link, target)


def _external(ctx, page, link, url, known, used) -> list:
    out = []
    where = f"(cột {link.col})"
    host = ""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        pass
    if host in SELF_HOSTS or host == _site_host():
        return [_p(page, link.line, f"liên kết tuyệt đối '{url}' {where} tới chính sổ tay",
                   "dùng đường dẫn tương đối tới tệp .md, ví dụ '../huong-dan/ghi-bien-ban.md'")]
    reason, sev = url_problem(url)
    if reason:
        out.append(_p(page, link.line, f"địa chỉ '{url}' {where} {reason}", "sửa địa chỉ", severity=sev))
        if sev == "error":
            return out
    if link.kind == "image":
        out.append(_p(page, link.line, f"ảnh lấy từ trang ngoài '{url}' {where}",
                      "tải ảnh về docs/assets/images/ (nếu được phép dùng) và dẫn tới tệp đó"))
    key = norm_url(url)
    if key in known:
        used.add(key)
    else:
        out.append(_p(page, link.line, f"địa chỉ ngoài '{url}' {where} chưa có trong {ctx.rel(ctx.links_file)}",
                      "thêm một mục '- url: …' kèm 'title: …' vào data/external-links.yml (địa chỉ ngoài được liệt kê một chỗ "
                      "để rà soát; không tự kiểm tra qua mạng), hoặc dẫn văn bản bằng mã trong sổ văn bản"))
    return out


def _site_host() -> str:
    from .. import settings

    url = settings.current().site_url_env
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _internal(ctx, page, link, target) -> list:
    where = f"(cột {link.col})"
    path, _, frag = target.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        return _anchor(ctx, page, page, frag, link, target)
    path = unquote(path)
    if path.startswith("/"):
        return [_p(page, link.line, f"đường dẫn tuyệt đối '{target}' {where}: hỏng khi sổ tay đặt ở thư mục con hoặc mở offline",
                   "dùng đường dẫn tương đối từ tệp này tới tệp .md, ví dụ '../mau/thong-bao-hop.md'")]
    if "\\" in path:
        return [_p(page, link.line, f"đường dẫn '{target}' {where} dùng dấu '\\'", f"dùng dấu '/': '{path.replace(chr(92), '/')}'")]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), path))
    if joined == ".." or joined.startswith("../"):
        return [_p(page, link.line, f"liên kết '{target}' {where} trỏ ra ngoài thư mục docs/",
                   "chỉ liên kết tới tệp trong docs/ (đếm lại số '../')")]
    dirs = ctx.cached("dirs", lambda: {posixpath.dirname(f) for f in ctx.files})
    if path.endswith("/") or joined in dirs or joined == ".":
        base = "" if joined == "." else joined + "/"
        if base + "index.md" in ctx.files:
            fix = f"viết '{relative(page, base + 'index.md')}'"
        elif joined + ".md" in ctx.files:
            fix = f"viết '{relative(page, joined + '.md')}'"
        else:
            fix = "liên kết tới tệp .md (ví dụ 'ten-tep.md'), không tới địa chỉ trang"
        return [_p(page, link.line, f"liên kết '{target}' {where} trỏ tới thư mục/địa chỉ trang, không tới tệp .md", fix)]
    ext = posixpath.splitext(joined)[1].lower()
    what = "ảnh" if link.kind == "image" else "liên kết"
    if ext == ".md":
        if page.lang == model.DEFAULT_LANG and re.search(r"\.(?:%s)\.md$" % "|".join(model.LANGS[1:]), joined):
            return [_p(page, link.line, f"trang tiếng Việt liên kết tới bản tiếng Anh '{target}' {where}: "
                                        "MkDocs giữ nguyên đường dẫn .md nên liên kết hỏng trên site",
                       f"liên kết tới '{relative(page, model.base_name(joined))}' (bản tiếng Việt); người đọc đổi ngôn ngữ bằng nút chọn ngôn ngữ")]
        found = next((c for c in candidates(joined, page.lang) if c in ctx.files), None)
        if found is None:
            moved = _moved(ctx, page, link, target, joined, frag)
            if moved:
                return moved
            hint = _suggest_file(ctx, page, joined, ".md")
            return [_p(page, link.line, f"{what} '{target}' {where}: không có tệp docs/{joined}",
                       hint or "sửa tên tệp (xem danh sách trong docs/) hoặc viết trang đó trước")]
        tpage = ctx.by_src.get(found)
        if frag and tpage is not None:
            return _anchor(ctx, page, tpage, frag, link, target)
        return []
    if ext == ".html" or ext == ".htm":
        md_target = joined[: -len(ext)] + ".md"
        fix = f"viết '{relative(page, md_target)}'" if md_target in ctx.files else "liên kết tới tệp .md tương ứng"
        return [_p(page, link.line, f"liên kết tới '{target}' {where}: dùng tệp .md, không dùng .html", fix)]
    if ext in DOWNLOAD_EXT:
        dl = downloads(ctx)
        if joined in dl or f"{page.lang}/{joined}" in dl or any(c in ctx.files for c in candidates(joined, page.lang)):
            return []
        pool = sorted(k for k in dl if k.endswith(ext))
        close = difflib.get_close_matches(joined, pool, n=1, cutoff=0.6)
        if ext == ".docx":
            why = ("bản Word chỉ được tạo cho biểu mẫu và bộ tài liệu chuyên đề (type: form, template): "
                   "docs/mau/<tên>.md → mau/<tên>.docx"
                   + (f"; có phải '{relative(page, close[0])}'?" if close else ""))
        else:
            why = ((f"có phải '{relative(page, close[0])}'? " if close else "")
                   + "tệp tải về phải được bản dựng tạo ra (sotay.exports) hoặc có trong docs/")
        return [_p(page, link.line, f"tệp tải về '{target}' {where} không có và không được tạo khi dựng site", why)]
    if not ext:
        if joined + ".md" in ctx.files or any(c in ctx.files for c in candidates(joined + ".md", page.lang)):
            return [_p(page, link.line, f"liên kết '{target}' {where} thiếu đuôi .md", f"viết '{path}.md'")]
    if any(c in ctx.files for c in candidates(joined, page.lang)):
        return []
    hint = _suggest_file(ctx, page, joined, ext)
    return [_p(page, link.line, f"{what} '{target}' {where}: không có tệp docs/{joined}", hint or "sửa đường dẫn hoặc thêm tệp vào docs/")]


def _moved(ctx, page, link, target, joined, frag) -> list:
    """A link to an old address (a page merged into another, ``aliases:``): the build writes a
    redirect there for readers who kept the address, but the handbook links to the page itself."""
    new = ctx.cached("aliases", lambda: model.alias_map(ctx.pages)).get(model.base_name(joined))
    if new is None:
        return []
    anchor = f"#{frag}" if frag and unquote(frag) in md.page_anchors(ctx, new) else ""
    lost = f" (neo '#{frag}' không có ở trang mới)" if frag and not anchor else ""
    return [_p(page, link.line, f"liên kết '{target}' (cột {link.col}) tới địa chỉ cũ: docs/{model.base_name(joined)} "
                                f"đã được gộp vào {new.src}{lost}",
               f"liên kết tới '{relative(page, new.src)}{anchor}' thay thế")]


def _anchor(ctx, page, tpage, frag, link, target) -> list:
    if not frag:
        return []
    anchors = md.page_anchors(ctx, tpage)
    if unquote(frag) in anchors:
        return []
    on = "trong trang này" if tpage is page else f"trong {tpage.src}"
    return [_p(page, link.line, f"neo '#{frag}' (cột {link.col}) không có {on}", _suggest_anchor(frag, anchors))]


def _html_target(ctx, page, link, target) -> list:
    """href/src in raw HTML: MkDocs neither checks nor rewrites them; they resolve against the page's URL."""
    where = f"(cột {link.col})"
    path, _, frag = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        return _anchor(ctx, page, page, frag, link, target)
    if path.endswith(".md") or ".md#" in target:
        return [_p(page, link.line, f"thẻ HTML <{link.tag} {link.attr}=\"{target}\"> {where}: đường dẫn .md trong HTML không được đổi thành địa chỉ trang",
                   "viết liên kết bằng Markdown '[chữ](ten-tep.md)' (trong khối HTML có thuộc tính markdown), "
                   "hoặc dùng địa chỉ trang đã dựng, ví dụ '../ten-tep/'")]
    if path.startswith("/"):
        return [_p(page, link.line, f"đường dẫn tuyệt đối '{target}' {where} trong HTML",
                   "dùng đường dẫn tương đối tính từ địa chỉ trang (trang docs/a/b.md có địa chỉ a/b/)")]
    base = page_url(page.src, page.lang)
    resolved = posixpath.normpath(posixpath.join("/" + base, path)).lstrip("/")
    if path.endswith("/") and resolved:
        resolved += "/"
    urls = site_urls(ctx)
    key = resolved
    if key not in urls and key + "/" in urls:
        key += "/"
    if key.startswith(f"{model.LANGS[1]}/") and key not in urls and key[3:] in urls and urls[key[3:]] is None:
        key = key[3:]  # files (assets, downloads) exist once, at the root
    if key not in urls and (key in ("", "/")):
        key = ""
    if key not in urls:
        if ctx.site_dir.is_dir() and ((ctx.site_dir / key).is_file() or (ctx.site_dir / key / "index.html").is_file()):
            return []
        return [_p(page, link.line, f"thẻ HTML <{link.tag} {link.attr}=\"{target}\"> {where} trỏ tới '/{resolved}', không có trên site",
                   f"địa chỉ được tính từ địa chỉ của trang này (/{base}); sửa số '../' hoặc tên trang")]
    tpage = urls[key]
    if frag and tpage is not None:
        return _anchor(ctx, page, tpage, frag, link, target)
    return []
