"""Command line: ``python -m sotay <command>``, the one entry point (the Makefile calls only this).

Commands (``python -m sotay <command> --help`` for each)
  build [--release] [--site-dir DIR]   mkdocs build --strict, the exports, the build stamp
  serve [-a ADDR]                      preview at http://127.0.0.1:8000/ (mkdocs serve)
  check [NAME ...] [--strict] [--all] [--timings] [--list]
                                       content checks; exit 1 on errors
  print [SITE] [--pdf] [--only BOOK]   the print views (and PDFs) of a built site
  offline [SITE] [--dist DIR]          the offline zip (and dist/offline.json)
  pwa build [SITE] | pwa vendor        the service worker; refresh the vendored Workbox
  deploy csp|export|icons|serve        hosting helpers (docs/gioi-thieu/trien-khai.md)
  translations [PAGE ...] [--update PAGE ...]
                                       the English edition: missing, stale, up to date
  compare SITE_A SITE_B                what readers see on two built sites, page by page
  bench [NAME ...]                     the benchmarks in benchmarks/ (figures, no pass/fail)

Conventions: help in Vietnamese; exit 0 when all is well, 1 when something was found
or failed, 2 on a usage error; an error is one line a person can act on (SOTAY_DEBUG=1
shows the traceback). The settings of the run (sotay.settings: folders, address,
cache, jobs) are read once here and passed down.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from . import model
from . import settings as settings_mod
from .settings import Settings


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

    root = root or settings_mod.current().root
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


def cmd_check(args, s: Settings) -> int:
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
    root = s.root
    docs = Path(args.docs) if args.docs else s.docs_dir
    site = Path(args.site) if args.site else s.site_dir
    ctx = checks.Context.load(docs_dir=docs, site_dir=site, sources_file=s.sources_file,
                              glossary_file=s.glossary_file, links_file=s.data_dir / "external-links.yml",
                              root=root, terms_file=s.data_dir / "terms-en.yml", settings_file=root / "pyproject.toml")
    ctx.requested = set(args.names)
    problems = []
    total = time.perf_counter()
    for name in names:
        t = time.perf_counter()
        try:
            found = checks.CHECKS[name](ctx)
        except Exception as e:  # never a traceback for an editor; SOTAY_DEBUG=1 shows it
            if s.debug:
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


def cmd_build(args, s: Settings) -> int:
    from . import build

    return build.run(s, Path(args.site_dir) if args.site_dir else None, release=args.release)


def cmd_serve(args, s: Settings) -> int:
    """Becomes ``mkdocs serve`` (exec: Ctrl-C and kill reach the server itself, nothing is left running)."""
    import os

    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(s.config_file), "-a", args.addr]
    sys.stdout.flush()
    os.chdir(s.root)
    os.execve(sys.executable, cmd, s.subprocess_env())
    return 1  # not reached


def cmd_translations(args, s: Settings) -> int:
    from . import translations as tr
    from .checks import pairs as pair_check

    root = s.root
    docs = s.docs_dir
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


def _site(args, s: Settings) -> Path:
    return Path(args.site).resolve() if getattr(args, "site", None) else s.site_dir


def _need_site(site: Path, cmd: str) -> str:
    """'' when ``site`` is a built site, else the one line to print."""
    if (site / "index.html").is_file():
        return ""
    return f"sotay {cmd}: không có site đã dựng ở {site} — chạy 'python -m sotay build' (make build) trước"


def cmd_print(args, s: Settings) -> int:
    from . import printbook

    site = _site(args, s)
    if (msg := _need_site(site, "print")):
        print(msg, file=sys.stderr)
        return 2
    try:
        return printbook.make_print(site, only=args.only, pdf=args.pdf, workers=args.workers, docs_dir=s.docs_dir)
    except printbook.cli.UnknownBook as e:
        print(f"sotay print: {e}", file=sys.stderr)
        return 2


def cmd_offline(args, s: Settings) -> int:
    import json
    import zipfile

    from . import offline

    site = _site(args, s)
    if (msg := _need_site(site, "offline")):
        print(msg, file=sys.stderr)
        return 2
    dist = Path(args.dist) if args.dist else s.root / "dist"
    info = offline.build(site, dist, built=s.today())
    if args.unpacked:
        with zipfile.ZipFile(dist / offline.ZIP_NAME) as z:
            z.extractall(args.unpacked)
    print(json.dumps(info, indent=2))
    return 0


def cmd_pwa(args, s: Settings) -> int:
    import json

    from . import pwa

    if args.pwa_cmd == "build":
        site = _site(args, s)
        if (msg := _need_site(site, "pwa build")):
            print(msg, file=sys.stderr)
            return 2
        print(json.dumps(pwa.build(site, built=s.today().isoformat()), indent=2, ensure_ascii=False))
        return 0
    dest = s.docs_dir / pwa.VENDOR
    for f in pwa.vendor(args.version, dest):
        print(f.relative_to(s.root), f.stat().st_size, "bytes")
    if args.version != pwa.WORKBOX_VERSION:
        print(f"giờ đặt WORKBOX_VERSION = {args.version!r} trong scripts/sotay/pwa.py")
    return 0


def cmd_deploy(args, s: Settings) -> int:
    from . import deploy

    conf = s.root / "deploy" / "nginx" / "sotay.conf"
    if args.deploy_cmd == "icons":
        for f in deploy.make_icons(s.docs_dir / "assets" / "images"):
            print(f.relative_to(s.root), f.stat().st_size, "bytes")
        return 0
    site = _site(args, s)
    if (msg := _need_site(site, f"deploy {args.deploy_cmd}")):
        print(msg, file=sys.stderr)
        return 2
    if args.deploy_cmd == "csp":
        if args.write:
            print("đã cập nhật" if deploy.write_csp(site, conf) else "không đổi", conf.relative_to(s.root))
        else:
            print(deploy.csp(site))
        return 0
    if args.deploy_cmd == "export":
        return deploy.export(site)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="sotay-nginx-") as tmp, \
            deploy.Nginx(site, Path(tmp), nginx=s.nginx, conf=conf) as ng:
        print(f"{ng.url}/  (Ctrl-C để dừng)")
        try:
            while ng.proc and ng.proc.poll() is None:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
    return 0


def cmd_compare(args, s: Settings) -> int:
    from . import sitediff

    for d in (args.site_a, args.site_b):
        if not Path(d, "index.html").is_file():
            print(f"sotay compare: {d} không phải site đã dựng (không có index.html)", file=sys.stderr)
            return 2
    report = sitediff.compare(Path(args.site_a), Path(args.site_b))
    print(sitediff.format_report(report, lines=args.lines, files=args.files))
    return 1 if report.differs(files=args.files) else 0


def cmd_bench(args, s: Settings) -> int:
    bench = s.root / "benchmarks"
    names = args.names or sorted(f.stem.removeprefix("bench_") for f in bench.glob("bench_*.py"))
    missing = [n for n in names if not (bench / f"bench_{n}.py").is_file()]
    if missing:
        have = ", ".join(sorted(f.stem.removeprefix("bench_") for f in bench.glob("bench_*.py")))
        print(f"sotay bench: không có số đo {', '.join(missing)}; có: {have}", file=sys.stderr)
        return 2
    if not (s.site_dir / "index.html").is_file():
        rc = cmd_build(argparse.Namespace(site_dir=None, release=False), s)
        if rc:
            return rc
    for name in names:
        print(f"== benchmarks/bench_{name}.py", flush=True)
        r = subprocess.run([sys.executable, str(bench / f"bench_{name}.py")], cwd=s.root, env=s.env)
        if r.returncode:
            return 1
    return 0


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Vietnamese (usage, titles, -h, the error line)."""

    def __init__(self, *args, add_help: bool = True, **kw):
        kw.setdefault("formatter_class", _Formatter)
        parents = kw.pop("parents", [])
        super().__init__(*args, add_help=False, **kw)
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="in phần hướng dẫn này rồi thoát")
        for parent in parents:  # after the titles, so their options join the same group
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: gọi sai lệnh: {message}\n")


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--root", default=None,
                        help="thư mục gốc của sổ tay (mặc định: thư mục hiện tại nếu có mkdocs.yml)")
    ap = _Parser(prog="python -m sotay", description="Sổ tay sinh hoạt chi bộ: dựng, kiểm tra và xuất bản",
                                 epilog="Mã thoát: 0 ổn, 1 có lỗi hoặc khác biệt, 2 gọi sai lệnh. "
                                        "SOTAY_DEBUG=1 để xem chi tiết lỗi của chương trình.")
    sub = ap.add_subparsers(dest="cmd", required=True, metavar="LỆNH")

    b = sub.add_parser("build", parents=[common], help="dựng site/ (mkdocs build --strict) và các bản xuất")
    b.add_argument("--release", action="store_true",
                   help="bản phát hành: cần SITE_URL, không được có địa chỉ loopback (như SOTAY_RELEASE=1)")
    b.add_argument("--site-dir", default=None, help="dựng vào thư mục này thay cho site/")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("serve", parents=[common], help="xem trước site khi đang sửa (mkdocs serve)")
    v.add_argument("-a", "--addr", default="127.0.0.1:8000", help="địa chỉ:cổng (mặc định 127.0.0.1:8000)")
    v.set_defaults(func=cmd_serve)

    c = sub.add_parser("check", parents=[common], help="kiểm tra nội dung trong docs/ (và site/ nếu cần)")
    c.add_argument("names", nargs="*", help="tên kiểm tra (xem --list); bỏ trống để chạy bộ mặc định")
    c.add_argument("--strict", action="store_true", help="coi cảnh báo (kể cả quá hạn rà soát) là lỗi")
    c.add_argument("--all", action="store_true", help="chạy cả kiểm tra chậm (mkdocs build --strict)")
    c.add_argument("--list", action="store_true", help="liệt kê các kiểm tra")
    c.add_argument("--docs", default=None, help="thư mục nội dung (mặc định: <gốc>/docs)")
    c.add_argument("--site", default=None, help="thư mục site đã dựng (mặc định: <gốc>/site)")
    c.add_argument("--timings", action="store_true", help="in thời gian của từng kiểm tra")
    c.set_defaults(func=cmd_check)

    site_help = "site đã dựng (mặc định: site/)"
    p = sub.add_parser("print", parents=[common], help="bản in của từng phần (in/…/) và tệp PDF, từ site đã dựng")
    p.add_argument("site", nargs="?", help=site_help)
    p.add_argument("--pdf", action="store_true", help="dựng cả tệp PDF")
    p.add_argument("--only", metavar="SÁCH", help="chỉ một phần (ví dụ van-ban)")
    p.add_argument("--workers", type=int, help="số tiến trình dựng PDF (mặc định: mỗi lõi một)")
    p.set_defaults(func=cmd_print)

    o = sub.add_parser("offline", parents=[common], help="bản đọc không cần mạng: tệp zip (và dist/offline.json)")
    o.add_argument("site", nargs="?", help=site_help)
    o.add_argument("--dist", default=None, help="nơi ghi tệp zip và offline.json (mặc định: dist/)")
    o.add_argument("--unpacked", default=None, metavar="THƯ_MỤC", help="giải nén thêm bản sao vào thư mục này")
    o.set_defaults(func=cmd_offline)

    w = sub.add_parser("pwa", help="service worker: ghi sw.js vào site đã dựng; cập nhật Workbox")
    wsub = w.add_subparsers(dest="pwa_cmd", required=True, metavar="VIỆC")
    wb = wsub.add_parser("build", parents=[common], help="ghi sw.js, trang ngoại tuyến và dung lượng lưu vào site đã dựng")
    wb.add_argument("site", nargs="?", help=site_help)
    wv = wsub.add_parser("vendor", parents=[common], help="tải lại Workbox từ npm vào docs/assets/javascripts/vendor/")
    wv.add_argument("--version", default=None, help="phiên bản Workbox (mặc định: WORKBOX_VERSION)")
    w.set_defaults(func=cmd_pwa)

    d = sub.add_parser("deploy", help="đưa lên máy chủ: chính sách nội dung, trang 404, biểu tượng, nginx")
    dsub = d.add_subparsers(dest="deploy_cmd", required=True, metavar="VIỆC")
    dc = dsub.add_parser("csp", parents=[common], help="in Content-Security-Policy của site đã dựng")
    dc.add_argument("--site", default=None, help=site_help)
    dc.add_argument("--write", action="store_true", help="ghi vào deploy/nginx/sotay.conf")
    de = dsub.add_parser("export", parents=[common], help="ghi trang 404 và robots.txt vào site đã dựng")
    de.add_argument("--site", default=None, help=site_help)
    dsub.add_parser("icons", parents=[common], help="vẽ lại biểu tượng ứng dụng trong docs/assets/images/")
    dn = dsub.add_parser("serve", parents=[common], help="chạy site đã dựng bằng nginx với cấu hình của kho (Ctrl-C dừng)")
    dn.add_argument("--site", default=None, help=site_help)
    d.set_defaults(func=cmd_deploy)

    t = sub.add_parser("translations", parents=[common],
                       help="bản tiếng Anh: trang thiếu, trang cũ (kèm chỗ bản tiếng Việt đã sửa), trang khớp")
    t.add_argument("pages", nargs="*", help="chỉ các trang này (docs/x.md hoặc docs/x.en.md)")
    t.add_argument("--update", nargs="+", metavar="PAGE",
                   help="ghi vào bản dịch rằng nó khớp bản tiếng Việt hiện tại (sau khi đã đối chiếu và sửa)")
    t.add_argument("--brief", action="store_true", help="không in chỗ sửa và danh sách trang đã khớp")
    t.set_defaults(func=cmd_translations)

    m = sub.add_parser("compare", parents=[common],
                       help="so sánh hai site đã dựng: chữ người đọc thấy và liên kết của từng trang")
    m.add_argument("site_a", metavar="SITE_A")
    m.add_argument("site_b", metavar="SITE_B")
    m.add_argument("--lines", type=int, default=40, help="số dòng khác biệt in cho mỗi trang (mặc định 40)")
    m.add_argument("--files", action="store_true", help="so cả các tệp khác (PDF, Word, zip…): có ở bên này mà không ở bên kia")
    m.set_defaults(func=cmd_compare)

    n = sub.add_parser("bench", parents=[common], help="in số đo hiệu năng (benchmarks/), không đạt/trượt")
    n.add_argument("names", nargs="*", help="chỉ các số đo này (build, pages, lighthouse, …)")
    n.set_defaults(func=cmd_bench)
    return ap


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if getattr(args, "version", "") is None:
        from .pwa import WORKBOX_VERSION

        args.version = WORKBOX_VERSION
    try:
        s = Settings.load(root=args.root)
    except settings_mod.SettingsError as e:
        print(f"sotay {args.cmd}: {e}", file=sys.stderr)
        return 2
    if args.root and s.root != Path(args.root).resolve():
        print(f"sotay {args.cmd}: {args.root} không phải thư mục gốc của sổ tay (cần mkdocs.yml và docs/)", file=sys.stderr)
        return 2
    previous = settings_mod.current()
    settings_mod.use(s)
    try:
        return args.func(args, s)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output was piped into `head` or a pager that quit
        return 1
    except SystemExit as e:  # a module stopped with a sentence (e.g. "no site in …")
        if isinstance(e.code, str):
            print(e.code if e.code.startswith("sotay") else f"sotay {args.cmd}: {e.code}", file=sys.stderr)
            return 1
        raise
    except Exception as e:  # an editor gets a sentence, not a traceback (SOTAY_DEBUG=1 shows it)
        if s.debug:
            raise
        print(f"sotay {args.cmd}: lỗi {type(e).__name__}: {e} — chạy lại với SOTAY_DEBUG=1 để xem chi tiết", file=sys.stderr)
        return 1
    finally:
        settings_mod.use(previous)  # main() called in-process (tests) leaves the process as it was
