"""``python -m sotay compare SITE_A SITE_B``: what readers see on two built sites, page by page.

For every HTML page (not assets/): the page title, the text of ``<body>``
(scripts and styles left out, white space folded; hidden parts count, since a
script may show them), each link's address and each image's address and alt text. The
hashed names of Material's assets are not compared (they are in ``<head>``).
Pages found in one site only are listed; with ``files=True`` also every other
file (PDF, Word, zip, …) found in one site only.

Used to guard a refactoring: the site built before and after must be the same
for readers (issue 20), and a difference is listed with the lines that differ.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lh

_INVISIBLE = "//script|//style"  # everything else counts, also what a script shows later
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


def page_lines(path: Path) -> list[str]:
    """What a reader gets from one page: '[title …]', '[href …]', '[img … alt=…]', then text lines."""
    doc = lh.fromstring(Path(path).read_text(encoding="utf-8", errors="replace"))  # the site's pages are UTF-8
    lines = []
    title = doc.find(".//title")
    if title is not None:
        lines.append(f"[title {' '.join((title.text_content() or '').split())}]")
    for bad in doc.xpath(_INVISIBLE):
        bad.drop_tree()
    body = doc.find("body")
    if body is None:
        body = doc
    for el in body.iter("a", "img"):
        if el.tag == "a" and el.get("href") is not None:
            lines.append(f"[href {el.get('href')}]")
        elif el.tag == "img":
            lines.append(f"[img {el.get('src', '')} alt={el.get('alt', '')!r}]")
    text = _SPACE.sub(" ", body.text_content())
    lines += [line.strip() for line in text.split("\n") if line.strip()]
    return lines


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


@dataclass
class Report:
    pages: int = 0                                    # pages found in both
    changed: dict[str, list[str]] = field(default_factory=dict)   # page: unified diff lines
    only_a: list[str] = field(default_factory=list)   # pages only in A
    only_b: list[str] = field(default_factory=list)
    files_only_a: list[str] = field(default_factory=list)   # other files only in A
    files_only_b: list[str] = field(default_factory=list)

    def differs(self, files: bool = False) -> bool:
        return bool(self.changed or self.only_a or self.only_b
                    or (files and (self.files_only_a or self.files_only_b)))


def _is_page(rel: str) -> bool:
    return rel.endswith(".html") and not rel.startswith("assets/")


def compare(site_a: Path, site_b: Path) -> Report:
    fa, fb = _files(Path(site_a)), _files(Path(site_b))
    pa = {k for k in fa if _is_page(k)}
    pb = {k for k in fb if _is_page(k)}
    rep = Report(only_a=sorted(pa - pb), only_b=sorted(pb - pa),
                 files_only_a=sorted(k for k in set(fa) - set(fb) if not _is_page(k)),
                 files_only_b=sorted(k for k in set(fb) - set(fa) if not _is_page(k)))
    for k in sorted(pa & pb):
        rep.pages += 1
        la, lb = page_lines(fa[k]), page_lines(fb[k])
        if la != lb:
            rep.changed[k] = list(difflib.unified_diff(la, lb, lineterm="", n=0))[2:]
    return rep


def _shown(diff: list[str], width: int = 200) -> list[str]:
    """Diff lines cut to ``width``; a long line changed in its middle is shown from a little
    before the first character that differs (with '…'), so the change is in view."""
    out = []
    for i, line in enumerate(diff):
        other = diff[i + 1] if line.startswith("-") and i + 1 < len(diff) else \
            diff[i - 1] if line.startswith("+") and i > 0 else ""
        start = 0
        if other[:1] in ("-", "+") and other[:1] != line[:1] and len(line) > width:
            common = next((k for k, (x, y) in enumerate(zip(line[1:], other[1:])) if x != y),
                          min(len(line), len(other)) - 1)
            start = max(0, common - 60)
        out.append(line[0] + ("…" if start else "") + line[1 + start:][:width])
    return out


def format_report(rep: Report, lines: int = 40, files: bool = False) -> str:
    out = [f"chỉ có ở A: {x}" for x in rep.only_a] + [f"chỉ có ở B: {x}" for x in rep.only_b]
    if files:
        out += [f"tệp chỉ có ở A: {x}" for x in rep.files_only_a] + [f"tệp chỉ có ở B: {x}" for x in rep.files_only_b]
    for page, diff in rep.changed.items():
        out.append(f"== {page}")
        out += ["    " + line for line in _shown(diff[:lines])]
        if len(diff) > lines:
            out.append(f"    … và {len(diff) - lines} dòng nữa")
    summary = (f"{rep.pages} trang so sánh, {len(rep.changed)} trang khác, "
               f"{len(rep.only_a)} trang chỉ có ở A, {len(rep.only_b)} trang chỉ có ở B")
    if files:
        summary += f"; tệp khác: {len(rep.files_only_a)} chỉ có ở A, {len(rep.files_only_b)} chỉ có ở B"
    out.append(summary + ("." if rep.differs(files) else " — người đọc thấy như nhau."))
    return "\n".join(out)
