"""The built site: every internal href/src and #fragment of every HTML page in site/.

What MkDocs' validation cannot see, because it only checks Markdown links in docs/:
links written in raw HTML, links that the i18n plugin rewrites for /en/ pages,
generated pages and lists, theme assets, downloads (.docx/.pdf) the exporters
should have written, and fragments (#…) into pages built from data. Also Markdown
that reached the HTML unrendered (a link or an admonition inside an HTML block
without the ``markdown`` attribute).

Runs only when site/ exists and is newer than the content (``make build`` first, as
``make test`` does); otherwise it is skipped silently in ``make check``, and with one
warning when asked for by name (``python -m sotay check site``). The 404 pages are
checked whole (not only their article), and no file may carry a loopback address
(sotay.address.loopback_leaks). Each
problem names the Markdown file the page comes from (and its line when the link can
be found there) and the built page it is on. Nothing is fetched.
"""
from __future__ import annotations

import os
import posixpath
import re
from urllib.parse import unquote, urlsplit

from .. import address, model

TAG = re.compile(r"<(a|link|img|script|source|iframe|area|embed)\b([^>]*)>", re.I)
ATTR = re.compile(r"\s(href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
IDS = re.compile(r"\s(?:id|name)\s*=\s*[\"']([^\"']+)[\"']")
UNRENDERED_LINK = re.compile(r">[^<]*\[[^\]<]+\]\((?:[^)<\s]+\.md(?:#[^)<\s]*)?)\)")
UNRENDERED_ADMONITION = re.compile(r"<p>\s*(?:!!!|\?\?\?)\s+[a-z]")
SKIP_SCHEMES = ("http:", "https:", "mailto:", "tel:", "javascript:", "data:", "blob:", "ftp:")


def _p(where, line, message, fix="", severity="error"):
    return model.Problem(where, line, message, fix, severity=severity, check="site")


def _newest(paths) -> float:
    newest = 0.0
    for base in paths:
        if base.is_file():
            newest = max(newest, base.stat().st_mtime)
        elif base.is_dir():
            for dirpath, _dirs, files in os.walk(base):
                for f in files:
                    try:
                        newest = max(newest, os.stat(os.path.join(dirpath, f)).st_mtime)
                    except OSError:
                        pass
    return newest


def check(ctx) -> list:
    site = ctx.site_dir
    asked = "site" in ctx.requested
    if not (site / "index.html").is_file():
        return [_p(ctx.rel(site), None, "chưa có site đã dựng nên không kiểm tra được liên kết trong HTML",
                   "chạy 'make build' rồi 'python -m sotay check site'", severity="warning")] if asked else []
    built = (site / "sitemap.xml") if (site / "sitemap.xml").exists() else (site / "index.html")
    content = [ctx.docs_dir, ctx.sources_file, ctx.glossary_file, ctx.root / "mkdocs.yml"]
    if _newest(content) > built.stat().st_mtime + 1:
        return [_p(ctx.rel(site), None, "site/ được dựng trước lần sửa nội dung gần nhất: bỏ qua kiểm tra HTML",
                   "chạy 'make build' rồi 'python -m sotay check site' để kiểm tra liên kết trên site đã dựng",
                   severity="warning")] if asked else []
    files: set[str] = set()
    for dirpath, _dirs, names in os.walk(site):
        rel_dir = os.path.relpath(dirpath, site)
        for name in names:
            files.add(name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/"))
    html_files = sorted(f for f in files if f.endswith(".html"))
    texts: dict[str, str] = {}
    refs: dict[str, list[tuple[str, str, str]]] = {}
    unrendered: list[tuple[str, str]] = []
    for f in html_files:
        try:
            text = (site / f).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        texts[f] = text
        found = []
        for region in _regions(text, whole=_is_404(f)):
            for m in TAG.finditer(region):
                for a in ATTR.finditer(m.group(2)):
                    val = a.group(2) if a.group(2) is not None else a.group(3)
                    found.append((m.group(1).lower(), a.group(1).lower(), val))
        refs[f] = found
        article = _regions(text)[-1]
        if "](" in article:
            um = UNRENDERED_LINK.search(article)
            if um:
                unrendered.append((f, um.group(0)[1:80]))
        um = UNRENDERED_ADMONITION.search(article)
        if um:
            unrendered.append((f, um.group(0)))
    ids_cache: dict[str, set[str]] = {}

    def ids_of(f: str) -> set[str]:
        if f not in ids_cache:
            ids_cache[f] = set(IDS.findall(texts.get(f, "")))
        return ids_cache[f]

    host = _site_host(ctx)
    out = []
    # Files an exporter declares (sotay.exports.expected_outputs) but this build did not write
    # (e.g. a file another branch's exporter will make): a warning, not a broken link.
    try:
        from .. import exports

        declared = {str(p).lstrip("/") for p in exports.expected_outputs(ctx.pages)}
    except Exception:
        declared = set()
    seen: dict[str, list[tuple[str, str]]] = {}
    for f, items in refs.items():
        base = "/" + f
        for tag, attr, val in items:
            val = val.strip()
            if not val or val == "#":
                continue
            low = val.lower()
            if low.startswith(("http:", "https:", "//")):
                u = urlsplit(val if not val.startswith("//") else "http:" + val)
                if (u.hostname or "") != host or not host:
                    continue
                val = u.path + (f"#{u.fragment}" if u.fragment else "")
            elif low.startswith(SKIP_SCHEMES):
                continue
            path, _, frag = val.partition("#")
            path = unquote(path.split("?", 1)[0])
            if path:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(base), path)) if not path.startswith("/") \
                    else posixpath.normpath(_strip_prefix(path, ctx))
                if path.endswith("/") and not resolved.endswith("/"):
                    resolved += "/"
            else:
                resolved = base
            target = resolved.lstrip("/")
            if target == "" or target.endswith("/"):
                target += "index.html"
            if target not in files:
                if target + "/index.html" in files:
                    target += "/index.html"
                else:
                    seen.setdefault(resolved, []).append((f, f"{attr}={val}"))
                    continue
            if frag and target.endswith(".html") and target in texts:
                if unquote(frag) not in ids_of(target) and not frag.startswith(("__", ":~:")):
                    seen.setdefault(resolved + "#" + frag, []).append((f, f"{attr}={val}"))
    for resolved, hits in sorted(seen.items(), key=lambda kv: kv[1][0]):
        first, ref = hits[0]
        attr, _, value = ref.partition("=")
        src, line = _source_of(ctx, first, ref)
        pages = sorted({f for f, _ in hits})
        more = f" (và {len(pages) - 1} trang khác)" if len(pages) > 1 else ""
        what = "neo" if "#" in resolved else "đích"
        if resolved.lstrip("/") in declared:
            out.append(_p(src or ctx.rel(site / first), line,
                          f"{attr} '{value}' trỏ tới '{resolved}': tệp được khai báo trong sotay.exports.expected_outputs "
                          "nhưng bản dựng này chưa tạo",
                          "kiểm tra trình xuất tạo tệp này (hoặc nhánh mang trình xuất đó đã được gộp chưa)",
                          severity="warning"))
            continue
        if src and line:
            out.append(_p(src, line, f"trên trang đã dựng site/{first}{more}: {attr} '{value}' trỏ tới '{resolved}', "
                                     f"{what} này không có trong site",
                          "sửa liên kết ở dòng này (trong HTML viết theo địa chỉ trang đã dựng; liên kết Markdown viết tới tệp .md)"))
        else:
            on = f" (trang từ {src})" if src else ""
            out.append(_p(ctx.rel(site / first), None,
                          f"{attr} '{value}'{on}{more} trỏ tới '{resolved}', {what} này không có trong site",
                          "liên kết do bản dựng tạo (giao diện, nút in, danh sách tự sinh), không có trong Markdown: "
                          "chạy đủ 'make build' (cả bản in, PDF, Word) hoặc sửa mã tạo trang (scripts/sotay/, overrides/)"))
    for f, snippet in unrendered:
        src, line = _source_of(ctx, f, snippet)
        out.append(_p(src or f"site/{f}", line, f"trên trang đã dựng site/{f}: Markdown không được xử lý: '{snippet.strip()}'",
                      "trong khối HTML thêm thuộc tính markdown (ví dụ <div markdown>), và để một dòng trống trước khung !!!"))
    return out + loopback(ctx)


def _regions(text: str, whole: bool = False) -> list[str]:
    """The parts of a Material page an editor's content or the build's assets reach:
    <head> (stylesheets, scripts, icons) and the <article> (the page's own content,
    generated lists included). Navigation, header and footer come from the nav and
    theme and are the same on every page; they are not scanned — except on the 404
    pages (``whole``), which are made from a home page by sotay.deploy and are
    served at any address: all their links are checked."""
    if whole:
        return [text]
    head_end = text.find("</head>")
    start = text.find("<article")
    end = text.rfind("</article>")
    if head_end < 0 or start < 0 or end < 0:
        return [text]
    return [text[:head_end], text[start:end]]


def _is_404(f: str) -> bool:
    return f == "404.html" or (f.endswith("/404.html") and f.count("/") == 1)


def _strip_prefix(path: str, ctx) -> str:
    """A root-absolute path on a site served under a sub-path (site_url /so-tay/) -> from the site root."""
    prefix = urlsplit(address.of_site(ctx.site_dir)).path.rstrip("/")
    if prefix and path.startswith(prefix + "/"):
        return path[len(prefix):]
    return path


def _site_host(ctx) -> str:
    """The host of the published address the site was built with ('' without one)."""
    try:
        return urlsplit(address.of_site(ctx.site_dir)).hostname or ""
    except ValueError:
        return ""


def loopback(ctx) -> list:
    """An address that only works on the builder's machine, anywhere in site/ (sotay.address)."""
    return [_p(f"site/{leak.split(':', 1)[0]}", None, f"địa chỉ trên máy dựng (loopback) trong bản dựng: {leak.split(': ', 1)[1]}",
               "không ghi địa chỉ tuyệt đối khi chưa có địa chỉ công bố; xem scripts/sotay/address.py")
            for leak in address.loopback_leaks(ctx.site_dir)]


def _source_of(ctx, html_file: str, needle: str) -> tuple[str | None, int | None]:
    """docs/ file a built page comes from, and the line where ``needle`` (a link) appears."""
    parts = html_file.split("/")
    lang = model.DEFAULT_LANG
    if parts[0] in model.LANGS[1:]:
        lang = parts[0]
        parts = parts[1:]
    if parts[-1] != "index.html":
        return None, None
    stem = "/".join(parts[:-1])
    bases = [f"{stem}/index.md", f"{stem}.md"] if stem else ["index.md"]
    page = None
    for b in bases:
        if lang != model.DEFAULT_LANG:
            page = ctx.by_src.get(b[:-3] + f".{lang}.md")
        page = page or ctx.by_src.get(b)
        if page:
            break
    if page is None:
        return None, None
    value = needle.split("=", 1)[1] if "=" in needle else needle
    path, _, frag = value.partition("#")
    keys = [value]
    name = posixpath.basename(path.rstrip("/"))
    if name and name not in ("..", "."):
        keys.append(name)
    if frag:
        keys.append("#" + frag)
    raw = ctx.raw(page).split("\n")
    where = ctx.rel(page.path)
    for key in keys:
        for i, line in enumerate(raw, 1):
            if key and key in line:
                return where, i
    return where, None
