"""Command line: ``python -m sotay <command>`` (``make check`` runs ``check``).

Commands
  check [NAME ...] [--strict]   content checks (all, or the ones named)
  build                         mkdocs build --strict, then the exports
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from . import model


def _print_problems(problems, strict: bool) -> int:
    errors = [p for p in problems if p.severity == "error" or strict]
    warnings = [p for p in problems if p not in errors]
    for p in sorted(problems, key=lambda p: (p.path, p.line or 0)):
        print(str(p) if p in errors or p.severity == "error" else str(p))
    if errors:
        print(f"\n{len(errors)} lỗi, {len(warnings)} cảnh báo.", file=sys.stderr)
        return 1
    print(f"Không có lỗi ({len(warnings)} cảnh báo)." if warnings else "Không có lỗi.", file=sys.stderr)
    return 0


def cmd_check(args) -> int:
    from . import checks

    names = args.names or list(checks.CHECKS)
    unknown = [n for n in names if n not in checks.CHECKS]
    if unknown:
        print(f"không có kiểm tra: {', '.join(unknown)}; có: {', '.join(checks.CHECKS)}", file=sys.stderr)
        return 2
    ctx = checks.Context.load(docs_dir=model.Path(args.docs), site_dir=model.Path(args.site))
    problems = []
    for name in names:
        t = time.perf_counter()
        found = checks.CHECKS[name](ctx)
        if args.timings:
            print(f"{name}: {1000 * (time.perf_counter() - t):.1f} ms, {len(found)} vấn đề", file=sys.stderr)
        problems.extend(found)
    return _print_problems(problems, args.strict)


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
    c.add_argument("names", nargs="*", help="tên kiểm tra; bỏ trống để chạy tất cả")
    c.add_argument("--strict", action="store_true", help="coi cảnh báo (kể cả quá hạn rà soát) là lỗi")
    c.add_argument("--docs", default=str(model.DOCS))
    c.add_argument("--site", default=str(model.ROOT / "site"))
    c.add_argument("--timings", action="store_true", help="in thời gian của từng kiểm tra")
    c.set_defaults(func=cmd_check)
    b = sub.add_parser("build", help="dựng site/ (mkdocs build --strict) và các bản xuất")
    b.set_defaults(func=cmd_build)
    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
