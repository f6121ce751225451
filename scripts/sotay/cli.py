"""Command line: ``python -m sotay <command>`` (``make check`` runs ``check``).

Commands
  check [NAME ...] [--strict] [--all] [--timings] [--list]
                                content checks (the default set, or the ones named);
                                exit 1 on errors, 0 otherwise, 2 on usage errors
  build [--release]             mkdocs build --strict, then the exports; --release (or
                                SOTAY_RELEASE=1, or SITE_URL set) needs a real published
                                address and fails on a loopback address in site/
  compare SITE_A SITE_B [--files]
                                what readers see on two built sites, page by page
                                (text, links, images); exit 1 if they differ
  translations [PAGE ...] [--update PAGE ...] [--brief]
                                the English edition: missing, stale (with a diff of the
                                Vietnamese since the translated version), up to date;
                                --update records that a translation matches its original;
                                exit 1 if any page is missing or stale, 0 if none, 2 on usage errors
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
                              links_file=root / "data" / "external-links.yml", root=root,
                              terms_file=root / "data" / "terms-en.yml", settings_file=root / "pyproject.toml")
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
    from . import address

    if args.release:
        os.environ[address.RELEASE_ENV] = "1"
    try:  # before the slow part: a release needs its published address (sotay.address)
        address.check_release()
    except address.AddressError as e:
        print(f"sotay build: {e}", file=sys.stderr)
        return 2
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=model.ROOT, env=env)
    if r.returncode:
        return r.returncode
    from . import exports

    rc = exports.run_all(model.ROOT / "site")
    if rc or not address.is_release():
        return rc
    leaks = address.loopback_leaks(model.ROOT / "site")
    if leaks:
        print("sotay build: bản phát hành có địa chỉ trên máy này (loopback), người đọc không mở được:\n  "
              + "\n  ".join(leaks) + "\nSửa nơi tạo ra địa chỉ đó (xem sotay.address), rồi dựng lại.", file=sys.stderr)
        return 1
    return 0


def cmd_translations(args) -> int:
    from . import translations as tr
    from .checks import pairs as pair_check

    root = model.Path(args.root).resolve() if args.root else _project_root()
    docs = root / "docs"
    if not docs.is_dir():
        print(f"không tìm thấy thư mục nội dung {docs}: chạy lệnh ở thư mục gốc của sổ tay hoặc dùng --root", file=sys.stderr)
        return 2
    pages = model.load_pages(docs)
    shown = lambda p: _display(model.Problem(str(p.path), None, ""), root).path  # noqa: E731

    if args.update:
        chosen = []
        for spec in args.update:
            pair = tr.find_pair(spec, pages, docs)
            if pair is None:
                print(f"{spec}: không có trang này trong docs/ — ghi đường dẫn trang, ví dụ docs/huong-dan/bieu-quyet.en.md",
                      file=sys.stderr)
                return 2
            if pair.en is None:
                print(f"{spec}: chưa có bản tiếng Anh docs/{pair.en_src} — dịch trang trước (CONTRIBUTING.md, "
                      "Dịch sang tiếng Anh), rồi chạy lại", file=sys.stderr)
                return 2
            chosen.append(pair)
        for pair in chosen:
            old = tr.record(pair.en.path, pair.current)
            en_now = model.load_page(pair.en.path, docs)
            print(f"{shown(pair.en)}: translation_of {old or '(chưa có)'} → {pair.current}"
                  + (" (không đổi)" if old == pair.current else ""))
            for p in pair_check.compare(pair.vi, en_now):  # a reminder: the meaning check of the pair
                print("  " + str(_display(p, root)))
        return 0

    all_pairs = tr.pairs(pages)
    if args.pages:
        wanted = []
        for spec in args.pages:
            pair = tr.find_pair(spec, pages, docs)
            if pair is None:
                print(f"{spec}: không có trang này trong docs/", file=sys.stderr)
                return 2
            wanted.append(pair)
        all_pairs = wanted
    by_state = {s: [p for p in all_pairs if p.state == s] for s in (tr.MISSING, tr.STALE, tr.UNRECORDED, tr.CURRENT)}
    n = len(all_pairs)
    print(f"Bản tiếng Anh: {n} trang tiếng Việt — {len(by_state[tr.CURRENT])} đã dịch và khớp, "
          f"{len(by_state[tr.STALE])} cũ, {len(by_state[tr.UNRECORDED])} chưa ghi translation_of, "
          f"{len(by_state[tr.MISSING])} chưa dịch.")
    if by_state[tr.STALE]:
        print(f"\nCũ — bản tiếng Việt đã sửa sau khi dịch ({len(by_state[tr.STALE])}):")
        for pair in by_state[tr.STALE]:
            print(f"  {shown(pair.en)}  (translation_of {pair.recorded}, bản tiếng Việt nay {pair.current})")
            if args.brief:
                continue
            commit, text = tr.diff(pair, root)
            if text:
                print("".join("    " + line for line in text.splitlines(keepends=True)).rstrip("\n"))
            else:
                print("    (không tìm thấy phiên bản đã dịch trong lịch sử git: so sánh hai trang bằng mắt)")
            print(f"    → sửa bản dịch, rồi: python -m sotay translations --update {shown(pair.en)}")
    if by_state[tr.UNRECORDED]:
        print(f"\nChưa ghi bản tiếng Việt đã dịch ({len(by_state[tr.UNRECORDED])}):")
        for pair in by_state[tr.UNRECORDED]:
            print(f"  {shown(pair.en)}  → đối chiếu với {shown(pair.vi)}, rồi: python -m sotay translations --update {shown(pair.en)}")
    if by_state[tr.MISSING]:
        print(f"\nChưa dịch ({len(by_state[tr.MISSING])}):")
        for pair in by_state[tr.MISSING]:
            print(f"  {shown(pair.vi)}  → docs/{pair.en_src}")
    if by_state[tr.CURRENT] and not args.brief:
        print(f"\nĐã dịch và khớp ({len(by_state[tr.CURRENT])}):")
        for pair in by_state[tr.CURRENT]:
            print(f"  {shown(pair.en)}")
    todo = len(by_state[tr.MISSING]) + len(by_state[tr.STALE]) + len(by_state[tr.UNRECORDED])
    return 1 if todo else 0


def cmd_compare(args) -> int:
    """What readers see on two built sites, page by page (sotay.sitediff): guards a refactor."""
    from pathlib import Path

    from . import sitediff

    for d in (args.site_a, args.site_b):
        if not Path(d, "index.html").is_file():
            print(f"sotay compare: {d} không phải site đã dựng (không có index.html)", file=sys.stderr)
            return 2
    report = sitediff.compare(Path(args.site_a), Path(args.site_b))
    print(sitediff.format_report(report, lines=args.lines, files=args.files))
    return 1 if report.differs(files=args.files) else 0


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
    b.add_argument("--release", action="store_true",
                   help="bản phát hành: cần SITE_URL, không được có địa chỉ loopback (như SOTAY_RELEASE=1)")
    b.set_defaults(func=cmd_build)
    t = sub.add_parser("translations", help="bản tiếng Anh: trang thiếu, trang cũ (kèm chỗ bản tiếng Việt đã sửa), trang khớp")
    t.add_argument("pages", nargs="*", help="chỉ các trang này (docs/x.md hoặc docs/x.en.md)")
    t.add_argument("--update", nargs="+", metavar="PAGE",
                   help="ghi vào bản dịch rằng nó khớp bản tiếng Việt hiện tại (sau khi đã đối chiếu và sửa)")
    t.add_argument("--brief", action="store_true", help="không in chỗ sửa và danh sách trang đã khớp")
    t.add_argument("--root", default=None, help="thư mục gốc của sổ tay (mặc định: thư mục hiện tại nếu có mkdocs.yml)")
    t.set_defaults(func=cmd_translations)
    m = sub.add_parser("compare", help="so sánh hai site đã dựng: chữ người đọc thấy và liên kết của từng trang")
    m.add_argument("site_a", metavar="SITE_A")
    m.add_argument("site_b", metavar="SITE_B")
    m.add_argument("--lines", type=int, default=40, help="số dòng khác biệt in cho mỗi trang (mặc định 40)")
    m.add_argument("--files", action="store_true", help="so cả các tệp khác (PDF, Word, zip…): có ở bên này mà không ở bên kia")
    m.set_defaults(func=cmd_compare)
    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output was piped into `head` or a pager that quit
        return 1
    except Exception as e:  # an editor gets a sentence, not a traceback (SOTAY_DEBUG=1 shows it)
        if os.environ.get("SOTAY_DEBUG"):
            raise
        print(f"sotay {args.cmd}: lỗi {type(e).__name__}: {e} — chạy lại với SOTAY_DEBUG=1 để xem chi tiết", file=sys.stderr)
        return 1
