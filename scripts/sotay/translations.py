"""The English edition kept in step with the Vietnamese: which pages are missing,
stale or up to date, and what changed in the Vietnamese since a page was translated.

Each English page (``x.en.md``) records in ``translation_of`` the hash of the text of
the Vietnamese page it translates (model.translation_hash: title, description and
body, normalised so whitespace-only edits do not count). When the Vietnamese text
changes, the hashes differ and the translation is stale.

To show what changed, the Vietnamese page's earlier versions are read from git
(``git log`` of the file): the version whose text has the recorded hash is the one
translated, and a unified diff goes from it to the current text. Without git, or
when that version was never committed, the report says so and shows no diff.

``python -m sotay translations`` prints the report; ``--update PAGE`` records the
current hash in the English page after a translator has brought it in step
(cli.cmd_translations). ``make check`` (check ``translations``) reports the same
states as problems.
"""
from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import model

MISSING, STALE, CURRENT, UNRECORDED = "missing", "stale", "current", "unrecorded"
# Front matter a translation copies from its original: who it is for, what it rests on
# and where it sits (its `type` and placeholder names: the frontmatter check). A
# different value is an error (the English page would say something else than the
# Vietnamese).
COPIED_KEYS = ("audience", "sources", "history", "group", "order", "duration", "doc_code",
               "teaching", "exercises", "hide")


@dataclass
class Pair:
    vi: model.Page
    en: model.Page | None
    state: str
    current: str               # hash of the Vietnamese text now
    recorded: str | None = None

    @property
    def en_src(self) -> str:
        return self.vi.src[:-3] + ".en.md"


def pairs(pages: list[model.Page]) -> list[Pair]:
    """Every Vietnamese page with its English page (or None) and the state of the translation."""
    english = {p.base: p for p in pages if p.lang == "en"}
    out = []
    for vi in sorted((p for p in pages if p.lang == model.DEFAULT_LANG), key=lambda p: p.src):
        en = english.get(vi.src)
        current = model.translation_hash(vi)
        if en is None:
            out.append(Pair(vi, None, MISSING, current))
            continue
        recorded = en.meta.get("translation_of")
        if not isinstance(recorded, str) or not model.TRANSLATION_HASH.match(recorded):
            out.append(Pair(vi, en, UNRECORDED, current, None))
        else:
            out.append(Pair(vi, en, CURRENT if recorded == current else STALE, current, recorded))
    return out


def copied_key_problems(vi: model.Page, en: model.Page) -> list[model.Problem]:
    out = []
    for key in COPIED_KEYS:
        a, b = vi.meta.get(key), en.meta.get(key)
        if a != b:
            shown = "không có" if a is None else repr(a)
            out.append(model.Problem(en.where, en.line_of(key) if key in en.meta else 2,
                                     f"'{key}' của bản dịch ({'không có' if b is None else repr(b)}) khác bản gốc {vi.where} ({shown})",
                                     f"chép đúng '{key}' của bản gốc" if a is not None else f"xóa '{key}' khỏi bản dịch",
                                     check="translations"))
    return out


# --------------------------------------------------------------------------
# What changed: earlier versions from git
# --------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str | None:
    try:
        r = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout if r.returncode == 0 else None


def translated_version(vi: model.Page, recorded: str, root: Path, max_commits: int = 300) -> tuple[str, str] | None:
    """(commit, normalised text) of the version of ``vi`` whose hash is ``recorded``, from git."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    top_path = Path(top.strip())
    try:
        rel = vi.path.resolve().relative_to(top_path.resolve()).as_posix()
    except ValueError:
        return None
    log = _git(root, "log", f"--max-count={max_commits}", "--format=%H", "--follow", "--name-only", "--", rel)
    if not log:
        return None
    # --name-only after each hash: the file's name in that commit (it may have been renamed).
    entries, commit = [], None
    for line in log.splitlines():
        line = line.strip()
        if re.fullmatch(r"[0-9a-f]{40}", line):
            commit = line
        elif line and commit:
            entries.append((commit, line))
            commit = None
    for commit, name in entries:
        text = _git(root, "show", f"{commit}:{name}")
        if text is None:
            continue
        old = model.parse_page(text, vi.path, vi.path.parents[len(Path(vi.src).parts) - 1])
        if model.translation_hash(old) == recorded:
            return commit, model.translated_text(old)
    return None


def diff(pair: Pair, root: Path) -> tuple[str, str]:
    """(what the diff is from, unified diff) of the Vietnamese text since the translated version."""
    found = translated_version(pair.vi, pair.recorded or "", root) if pair.recorded else None
    if found is None:
        return ("", "")
    commit, old = found
    new = model.translated_text(pair.vi)
    name = f"docs/{pair.vi.src}"
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"{name} @ {commit[:10]} (đã dịch)", tofile=f"{name} (hiện tại)", n=2)
    return commit, "".join(lines)


# --------------------------------------------------------------------------
# Recording a checked translation
# --------------------------------------------------------------------------


def find_pair(spec: str, pages: list[model.Page], docs_dir: Path) -> Pair | None:
    """A page named as on the command line: docs/x.en.md, x.en.md, docs/x.md or x.md."""
    s = spec.strip().replace("\\", "/")
    p = Path(s)
    if p.is_absolute():
        try:
            s = p.resolve().relative_to(docs_dir.resolve()).as_posix()
        except ValueError:
            return None
    docs_name = docs_dir.name + "/"
    if s.startswith("./"):
        s = s[2:]
    if s.startswith(docs_name):
        s = s[len(docs_name):]
    base = model.base_name(s)
    for pair in pairs(pages):
        if pair.vi.src == base:
            return pair
    return None


def record(en_path: Path, value: str) -> str | None:
    """Write ``translation_of: "value"`` into the front matter of ``en_path``; returns the old value."""
    raw = en_path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    m = model.FRONT_MATTER.match(raw)
    if not m:
        raise ValueError("không có phần khai báo đầu trang (front matter)")
    head = raw[: m.end()]
    lines = head.split(newline)
    line = f'translation_of: "{value}"'
    old = None
    for i, text in enumerate(lines[1:], 1):
        km = re.match(r"^translation_of\s*:\s*(.*?)\s*$", text)
        if km:
            old = km.group(1).strip("'\"") or None
            lines[i] = line
            break
        if text.rstrip() == "---":  # the closing line: add the key before it
            lines.insert(i, line)
            break
    en_path.write_bytes((newline.join(lines) + raw[m.end():]).encode("utf-8"))
    return old
