"""Command line: ``python -m sotay <command>`` (``make check`` runs ``check``).

Commands
  check [NAME ...] [--strict] [--all] [--timings] [--list]
                                content checks (the default set, or the ones named);
                                exit 1 on errors, 0 otherwise, 2 on usage errors
  build                         mkdocs build --strict, then the exports
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from . import model


def _project_root() -> model.Path:
    """The checkout to check: the current directory when it is one (a copy of the project
    keeps working even if the venv's sotay.pth points at another checkout), else model.ROOT."""
    cwd = model.Path.cwd()
    if (cwd / "mkdocs.yml").is_file() and (cwd / "docs").is_dir():
        return cwd
    return model.ROOT


def _display(p, root):
    """Paths relative to the checked checkout; warnings become errors with --strict."""
    import dataclasses

    path = p.path
    try:
        pp = model.Path(path)
        if pp.is_absolute():
            path = str(pp.resolve().relative_to(root.resolve()))
    except (ValueError, OSError):
        pass
    return dataclasses.replace(p, path=path)


def _print_problems(problems, strict: bool, root=None) -> int:
    import dataclasses

    root = root or model.ROOT
    shown, seen = [], set()
    for p in problems:
        p = _display(p, root)
        if strict and p.severity == "warning":
            p = dataclasses.replace(p, severity="error")
        key = (p.path, p.line, p.message)
        if key in seen:
            continue
        seen.add(key)
        shown.append(p)
    errors = [p for p in shown if p.severity == "error"]
    warnings = [p for p in shown if p.severity == "warning"]
    notes = [p for p in shown if p.severity not in ("error", "warning")]  # "info": listed, never a failure
    for p in sorted(shown, key=lambda p: (p.path, p.line or 0, p.severity != "error")):
        print(str(p))
    tail = f", {len(notes)} ghi chú" if notes else ""
    if errors:
        print(f"\n{len(errors)} lỗi, {len(warnings)} cảnh báo{tail}.", file=sys.stderr)
        return 1
    print(f"Không có lỗi ({len(warnings)} cảnh báo{tail})." if warnings or notes else "Không có lỗi.", file=sys.stderr)
    return 0


def cmd_check(args) -> int:
    from . import checks

    if args.list:
        for name in checks.CHECKS:
            note = "" if name in checks.DEFAULT else "  [chậm: chỉ khi gọi tên hoặc --all]"
            print(f"{name:14s} {checks.DESCRIPTIONS.get(name, '')}{note}")
        return 0
    names = args.names or (list(checks.CHECKS) if args.all else list(checks.DEFAULT))
    unknown = [n for n in names if n not in checks.CHECKS]
    if unknown:
        print(f"không có kiểm tra: {', '.join(unknown)}; có: {', '.join(checks.CHECKS)}", file=sys.stderr)
        return 2
    root = model.Path(args.root).resolve() if args.root else _project_root()
    docs = model.Path(args.docs) if args.docs else root / "docs"
    site = model.Path(args.site) if args.site else root / "site"
    ctx = checks.Context.load(docs_dir=docs, site_dir=site,
                              sources_file=root / "data" / "sources.yml",
                              glossary_file=root / "includes" / "abbreviations.md",
                              links_file=root / "data" / "external-links.yml", root=root)
    ctx.requested = set(args.names)
    problems = []
    total = time.perf_counter()
    for name in names:
        t = time.perf_counter()
        try:
            found = checks.CHECKS[name](ctx)
        except Exception as e:  # never a traceback for an editor; SOTAY_DEBUG=1 shows it
            if os.environ.get("SOTAY_DEBUG"):
                raise
            found = [model.Problem("scripts/sotay/checks", None,
                                   f"kiểm tra '{name}' dừng vì lỗi trong chương trình kiểm tra ({type(e).__name__}: {e})",
                                   "báo cho người bảo trì; chạy lại với SOTAY_DEBUG=1 để xem chi tiết", check=name)]
        if args.timings:
            print(f"{name}: {1000 * (time.perf_counter() - t):.1f} ms, {len(found)} vấn đề", file=sys.stderr)
        problems.extend(found)
    if args.timings:
        print(f"tổng: {1000 * (time.perf_counter() - total):.1f} ms, {len(ctx.pages)} trang", file=sys.stderr)
    return _print_problems(problems, args.strict, root)


def cmd_build(args) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=model.ROOT, env=env)
    if r.returncode:
        return r.returncode
    from . import exports

    return exports.run_all(model.ROOT / "site")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="sotay", description="Sổ tay sinh hoạt chi bộ: kiểm tra và xuất bản")
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check", help="kiểm tra nội dung trong docs/ (và site/ nếu cần)")
    c.add_argument("names", nargs="*", help="tên kiểm tra (xem --list); bỏ trống để chạy bộ mặc định")
    c.add_argument("--strict", action="store_true", help="coi cảnh báo (kể cả quá hạn rà soát) là lỗi")
    c.add_argument("--all", action="store_true", help="chạy cả kiểm tra chậm (mkdocs build --strict)")
    c.add_argument("--list", action="store_true", help="liệt kê các kiểm tra")
    c.add_argument("--root", default=None, help="thư mục gốc của sổ tay (mặc định: thư mục hiện tại nếu có mkdocs.yml)")
    c.add_argument("--docs", default=None, help="thư mục nội dung (mặc định: <gốc>/docs)")
    c.add_argument("--site", default=None, help="thư mục site đã dựng (mặc định: <gốc>/site)")
    c.add_argument("--timings", action="store_true", help="in thời gian của từng kiểm tra")
    c.set_defaults(func=cmd_check)
    b = sub.add_parser("build", help="dựng site/ (mkdocs build --strict) và các bản xuất")
    b.set_defaults(func=cmd_build)
    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # an editor gets a sentence, not a traceback (SOTAY_DEBUG=1 shows it)
        if os.environ.get("SOTAY_DEBUG"):
            raise
        print(f"sotay {args.cmd}: lỗi {type(e).__name__}: {e} — chạy lại với SOTAY_DEBUG=1 để xem chi tiết", file=sys.stderr)
        return 1
