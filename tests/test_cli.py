"""The one command line (``python -m sotay …``), the settings read once, the build stamp,
and ``compare`` (what readers see on two built sites)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sotay import build, cli, settings, sitediff

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("build", "serve", "check", "print", "offline", "pwa", "deploy", "translations", "compare", "bench")


def sotay(*args: str, cwd: Path = ROOT, **env) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SOTAY_RELEASE", "SOTAY_DEBUG")}
    e.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "scripts"), **env)
    return subprocess.run([sys.executable, "-m", "sotay", *args], cwd=cwd, env=e, capture_output=True, text=True,
                          timeout=120)


# --------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------


def test_help_lists_every_command_in_vietnamese():
    r = sotay("--help")
    assert r.returncode == 0
    for cmd in COMMANDS:
        assert re.search(rf"^\s+{cmd}\b", r.stdout, re.M), cmd
    assert "cách dùng: python -m sotay" in r.stdout and "tùy chọn:" in r.stdout
    assert "usage:" not in r.stdout and "show this help" not in r.stdout


@pytest.mark.parametrize("args", [("nope",), ("check", "--bogus"), ("compare", "a"), ("deploy",), ("pwa", "x")])
def test_usage_errors_exit_2_with_one_line(args):
    r = sotay(*args)
    assert r.returncode == 2, r.stderr
    assert "gọi sai lệnh" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("args", [("print",), ("offline",), ("pwa", "build"), ("deploy", "csp"), ("deploy", "export")])
def test_commands_on_a_missing_site_say_what_to_run(args, tmp_path):
    r = sotay(*args, *(["--site", str(tmp_path)] if args[0] == "deploy" else [str(tmp_path)]))
    assert r.returncode == 2, r.stdout + r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "python -m sotay build" in lines[0] and str(tmp_path) in lines[0], r.stderr


def test_bench_names_unknown_benchmarks():
    r = sotay("bench", "nope")
    assert r.returncode == 2 and "không có số đo nope" in r.stderr and "build" in r.stderr


def test_root_must_be_a_handbook_checkout(tmp_path):
    r = sotay("check", "--root", str(tmp_path), "frontmatter")
    assert r.returncode == 2 and "không phải thư mục gốc" in r.stderr


def test_an_error_is_one_line_unless_sotay_debug(tmp_path, monkeypatch, capsys):
    """A failure inside a command: one line naming the command; SOTAY_DEBUG=1 shows the traceback."""
    def boom(a, b):
        raise RuntimeError("hỏng")
    monkeypatch.setattr(sitediff, "compare", boom)
    site = tmp_path / "a"
    site.mkdir()
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    assert cli.main(["compare", str(site), str(site)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("sotay compare: lỗi RuntimeError: hỏng") and "SOTAY_DEBUG=1" in err
    assert len(err.strip().splitlines()) == 1
    monkeypatch.setenv("SOTAY_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main(["compare", str(site), str(site)])


def test_makefile_calls_only_the_one_command_line():
    """Every Python call of the Makefile is `python -m sotay …` (or pytest, pip, the venv bootstrap)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    calls = re.findall(r"^\t@?\$\(PY\) (.*)", text, re.M)
    assert any(c.startswith("-m sotay build") for c in calls)
    odd = [c for c in calls if not c.startswith(("-m sotay ", "-m pytest", "-m pip", "-c "))]
    assert not odd, odd
    assert "mkdocs" not in " ".join(calls) and "benchmarks/" not in " ".join(calls)


# --------------------------------------------------------------------------
# Settings: read once, from one place
# --------------------------------------------------------------------------


def _environment_reads(source: str) -> list[int]:
    """Lines of ``source`` that read the environment: os.environ, os.getenv, environ imported from os."""
    import ast

    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv") \
                and isinstance(node.value, ast.Name) and node.value.id == "os":
            out.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os" \
                and any(a.name in ("environ", "environb", "getenv") for a in node.names):
            out.append(node.lineno)
    return sorted(out)


def test_the_environment_check_finds_each_way_of_reading_it():
    assert _environment_reads("import os\nx = os.environ.get('A')\ny = os.getenv('B')\n") == [2, 3]
    assert _environment_reads("from os import environ\n") == [1]
    assert _environment_reads('"""os.environ in a docstring"""\nimport os\nos.walk(".")\n') == []


def test_only_settings_reads_the_environment():
    """Modules take settings (sotay.settings) instead of reading os.environ; browser.py names
    the Chromium binary for the tests and benchmarks (they import it without a run's settings)."""
    allowed = {"scripts/sotay/settings.py", "scripts/sotay/browser.py"}
    found = []
    for f in sorted([*ROOT.glob("scripts/**/*.py"), *ROOT.glob("overrides/**/*.py")]):
        rel = f.relative_to(ROOT).as_posix()
        if rel in allowed:
            continue
        text = f.read_text(encoding="utf-8")
        found += [f"{rel}:{n}: {text.splitlines()[n - 1].strip()}" for n in _environment_reads(text)]
    assert not found, "read the environment in sotay.settings only (Settings.load), pass the value down:\n" \
        + "\n".join(found)


def test_a_bad_setting_is_one_line_and_exit_2():
    r = sotay("check", "--list", SOTAY_JOBS="nhiều")
    assert r.returncode == 2 and "SOTAY_JOBS" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr


def test_print_names_the_books_for_an_unknown_one(tmp_path):
    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    r = sotay("print", str(tmp_path), "--only", "khong-co")
    assert r.returncode == 2 and "khong-co" in r.stderr and "van-ban" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("doc", ["README.md", "CONTRIBUTING.md", "docs/gioi-thieu/trien-khai.md",
                                 "docs/gioi-thieu/trien-khai.en.md", "Makefile"])
def test_the_docs_name_only_the_one_command_line(doc):
    """No second entry point is shown to people: not python -m sotay.<module>, not mkdocs directly."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    other = re.findall(r"python3? -m (?:sotay\.\w+|mkdocs)\b[^\n`]*", text)
    assert not other, f"{doc}: name 'python -m sotay …' instead of: {other}"


def test_settings_from_an_environment(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    s = settings.Settings.load(root=tmp_path, env={"SOTAY_CACHE": str(tmp_path / "c"), "SOTAY_JOBS": "1",
                                                  "SITE_URL": " https://example.org/s/ ", "SOURCE_DATE_EPOCH": "0",
                                                  "SOTAY_OFFLINE": "0", "SOTAY_PDF_CACHE": "no"})
    assert s.root == tmp_path.resolve() and s.docs_dir == s.root / "docs" and s.site_dir == s.root / "site"
    assert s.cache("pdf") == (tmp_path / "c" / "pdf").resolve()
    assert not s.parallel and not s.offline_zip and not s.pdf_cache
    assert s.site_url_env == "https://example.org/s/" and s.today().isoformat() == "1970-01-01"
    d = settings.Settings.load(root=tmp_path, env={})
    assert d.cache_dir == d.root / ".cache" and d.parallel and d.offline_zip and d.pdf_cache and not d.release


# --------------------------------------------------------------------------
# The build stamp: tests never use an old site/
# --------------------------------------------------------------------------


def _checkout(tmp_path: Path) -> settings.Settings:
    root = tmp_path / "checkout"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Trang\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return settings.Settings.load(root=root, env={"SOTAY_CACHE": str(tmp_path / "cache")})


def test_stamp_tells_a_fresh_site_from_a_stale_one(tmp_path):
    s = _checkout(tmp_path)
    assert "chưa có site" in build.stale(s)
    (s.site_dir).mkdir()
    (s.site_dir / "index.html").write_text("<html></html>", encoding="utf-8")
    assert "không do 'python -m sotay build' dựng" in build.stale(s)
    build._write(s, s.site_dir, {"sources": build.sources_hash(s.root), "site_url": "", "built": "x"})
    assert build.stale(s) == ""
    assert "SITE_URL" in build.stale(s, site_url="https://example.org/")
    (s.docs_dir / "index.md").write_text("# Trang đã sửa\n", encoding="utf-8")
    assert "cũ" in build.stale(s)
    (s.docs_dir / "index.md").write_text("# Trang\n", encoding="utf-8")
    assert build.stale(s) == ""
    (s.root / "scripts" / "__pycache__").mkdir(parents=True)
    (s.root / "scripts" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert build.stale(s) == "", "caches are not sources"
    (s.root / "overrides").mkdir()
    (s.root / "overrides" / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    assert "cũ" in build.stale(s), "a new template is a change"


def test_a_failed_build_leaves_no_stamp(tmp_path):
    s = _checkout(tmp_path)
    s.site_dir.mkdir()
    (s.site_dir / "index.html").write_text("<html></html>", encoding="utf-8")
    build._write(s, s.site_dir, {"sources": build.sources_hash(s.root), "site_url": "", "built": "x"})
    (s.root / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: khong-co\n", encoding="utf-8")
    assert build.run(s) != 0  # MkDocs stops on the unknown theme
    assert "không do 'python -m sotay build' dựng" in build.stale(s)
