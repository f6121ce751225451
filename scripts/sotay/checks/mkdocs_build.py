"""``mkdocs build --strict`` into a temporary directory; its warnings become problems.

This is MkDocs' own ``validation:`` (links, anchors, nav) plus whatever the hooks,
themes and plugins report, run exactly as ``make build`` runs it. Each WARNING/ERROR
line becomes a problem; link warnings are translated and given the line of the link
in the Markdown file. Slow (a full build of both languages): not in the default set
of ``make check``; run ``python -m sotay check mkdocs`` or ``check --all``
(``make test`` builds the site with --strict anyway).
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import model

LINE = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")
NOT_FOUND = re.compile(r"Doc file '(.+?)' contains a link '(.+?)', but the target '(.+?)' is not found among documentation files")
UNRECOGNIZED = re.compile(r"Doc file '(.+?)' contains an unrecognized relative link '(.+?)', it was left as is\.?(?: Did you mean '(.+?)'\?)?")
ABSOLUTE = re.compile(r"Doc file '(.+?)' contains an absolute link '(.+?)', it was left as is\.?(?: Did you mean '(.+?)'\?)?")
NO_ANCHOR_HERE = re.compile(r"Doc file '(.+?)' contains a link '(#.+?)', but there is no such anchor on this page")
NO_ANCHOR = re.compile(r"Doc file '(.+?)' contains a link '(.+?)', but the doc '(.+?)' does not contain an anchor '(.+?)'")
OURS = re.compile(r"^(\S+?)(?::(\d+))?: (error|warning): (.*?)(?: — (.*))?$")


def _config(ctx, tmp: Path) -> tuple[Path, Path]:
    """The project's mkdocs.yml, or a copy pointing at another docs/ (tests, copies)."""
    cfg = ctx.root / "mkdocs.yml"
    if not cfg.exists():
        cfg = model.ROOT / "mkdocs.yml"
    base = cfg.parent
    if ctx.docs_dir.resolve() == (base / "docs").resolve():
        return cfg, base
    text = cfg.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^docs_dir:.*$", f"docs_dir: {ctx.docs_dir.resolve()}", text)
    text = re.sub(r"(?m)^(\s*custom_dir:\s*)(\S+)\s*$", lambda m: f"{m.group(1)}{(base / m.group(2)).resolve()}", text)
    text = re.sub(r"(?m)^(\s*-\s+)(overrides/hooks/\S+\.py)\s*$", lambda m: f"{m.group(1)}{(base / m.group(2)).resolve()}", text)
    out = tmp / "mkdocs.yml"
    out.write_text(text, encoding="utf-8")
    return out, base


def _line_of(ctx, src: str, needle: str) -> int | None:
    page = ctx.by_src.get(src)
    if page is None:
        return None
    for i, line in enumerate(ctx.raw(page).split("\n"), 1):
        if needle in line:
            return i
    return None


def _where(ctx, src: str) -> str:
    return model.rel(ctx.docs_dir / src)


def convert(ctx, level: str, msg: str) -> model.Problem:
    sev = "error"
    m = NOT_FOUND.match(msg)
    if m:
        return model.Problem(_where(ctx, m.group(1)), _line_of(ctx, m.group(1), m.group(2)),
                             f"MkDocs: liên kết '{m.group(2)}' tới tệp không có (docs/{m.group(3)})",
                             "sửa đường dẫn tương đối tới tệp .md có thật", severity=sev, check="mkdocs")
    m = UNRECOGNIZED.match(msg)
    if m:
        fix = f"viết '{m.group(3)}'" if m.group(3) else "liên kết tới tệp .md, không tới địa chỉ trang"
        return model.Problem(_where(ctx, m.group(1)), _line_of(ctx, m.group(1), m.group(2)),
                             f"MkDocs: liên kết '{m.group(2)}' không phải tệp .md", fix, severity=sev, check="mkdocs")
    m = ABSOLUTE.match(msg)
    if m:
        fix = f"viết '{m.group(3)}'" if m.group(3) else "dùng đường dẫn tương đối tới tệp .md"
        return model.Problem(_where(ctx, m.group(1)), _line_of(ctx, m.group(1), m.group(2)),
                             f"MkDocs: đường dẫn tuyệt đối '{m.group(2)}'", fix, severity=sev, check="mkdocs")
    m = NO_ANCHOR_HERE.match(msg)
    if m:
        return model.Problem(_where(ctx, m.group(1)), _line_of(ctx, m.group(1), m.group(2)),
                             f"MkDocs: neo '{m.group(2)}' không có trong trang", "sửa neo theo tiêu đề (chữ thường, không dấu, nối '-')",
                             severity=sev, check="mkdocs")
    m = NO_ANCHOR.match(msg)
    if m:
        return model.Problem(_where(ctx, m.group(1)), _line_of(ctx, m.group(1), m.group(2)),
                             f"MkDocs: trang {m.group(3)} không có neo '#{m.group(4)}'",
                             "sửa neo theo tiêu đề của trang đích", severity=sev, check="mkdocs")
    m = OURS.match(msg)
    if m:
        return model.Problem(m.group(1), int(m.group(2)) if m.group(2) else None, m.group(4), m.group(5) or "",
                             severity=m.group(3), check="mkdocs")
    return model.Problem("mkdocs.yml", None, f"MkDocs ({level}): {msg}", "", severity=sev, check="mkdocs")


def check(ctx) -> list:
    from .. import settings

    env = settings.current().subprocess_env()
    with tempfile.TemporaryDirectory(prefix="sotay-mkdocs-") as tmp:
        tmp = Path(tmp)
        try:
            cfg, base = _config(ctx, tmp)
        except OSError as e:
            return [model.Problem("mkdocs.yml", None, f"không đọc được mkdocs.yml ({e})", "", check="mkdocs")]
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg), "-d", str(tmp / "site")]
        try:
            r = subprocess.run(cmd, cwd=base, env=env,
                               capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as e:
            return [model.Problem("mkdocs.yml", None, f"không chạy được mkdocs build ({type(e).__name__}: {e})",
                                  "chạy 'make build' để xem lỗi", check="mkdocs")]
    out, seen = [], set()
    entries: list[list[str]] = []
    for line in (r.stderr + "\n" + r.stdout).splitlines():
        m = LINE.match(line)
        if m:
            entries.append([m.group(1), m.group(2)])
        elif entries and line.startswith(("  ", "\t")) and not line.strip().startswith(("File ", "Traceback")):
            entries[-1][1] += " " + line.strip()
    for level, msg in entries:
        if msg.startswith("Aborted with") or (level, msg) in seen:
            continue
        seen.add((level, msg))
        out.append(convert(ctx, level, msg))
    if r.returncode and not out:
        tail = [line for line in (r.stderr or r.stdout).strip().splitlines() if line.strip()][-1:] or ["(không có thông báo)"]
        out.append(model.Problem("mkdocs.yml", None, f"mkdocs build dừng với lỗi: {tail[0]}",
                                 "chạy 'make build' để xem đầy đủ", check="mkdocs"))
    return out
