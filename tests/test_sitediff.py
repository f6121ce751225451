"""``python -m sotay compare``: what readers see on two built sites (sotay.sitediff), the guard of a refactor."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sotay import sitediff

ROOT = Path(__file__).resolve().parents[1]


def sotay(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    return subprocess.run([sys.executable, "-m", "sotay", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


PAGE = """<!doctype html><html><head><title>Biểu quyết - Sổ tay</title>
<link rel="stylesheet" href="/assets/stylesheets/main.{h}.min.css"><script>var x = {h};</script></head>
<body><header><a href="/">Sổ tay</a></header><article><h1>Biểu quyết</h1>
<p>Giơ tay   biểu quyết, <a href="../hoi-dap/">hỏi đáp</a>.</p><img src="/i.png" alt="Hình">
<div hidden>Lưu cả sổ tay</div><style>p {{ color: red }}</style></article></body></html>"""


def _site(path: Path, pages: dict[str, str], files: dict[str, bytes] = {}) -> Path:
    for rel, text in {"index.html": PAGE.format(h="aaa"), **pages}.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text, encoding="utf-8")
    for rel, data in files.items():
        (path / rel).write_bytes(data)
    return path


def test_compare_same_for_readers(tmp_path):
    a = _site(tmp_path / "a", {"x/index.html": PAGE.format(h="111")})
    b = _site(tmp_path / "b", {"x/index.html": PAGE.format(h="222").replace("   ", " ")})
    rep = sitediff.compare(a, b)
    assert rep.pages == 2 and not rep.differs(files=True)  # hashed assets, scripts, spaces: not what a reader sees
    r = sotay("compare", str(a), str(b))
    assert r.returncode == 0 and "2 trang so sánh, 0 trang khác" in r.stdout and "như nhau" in r.stdout


def test_compare_lists_every_difference(tmp_path):
    a = _site(tmp_path / "a", {"x/index.html": PAGE.format(h="1"), "old/index.html": PAGE.format(h="1")},
              {"x/a.pdf": b"%PDF"})
    changed = (PAGE.format(h="1").replace("Giơ tay", "Bỏ phiếu").replace("../hoi-dap/", "../hoi-dap/x/")
               .replace('alt="Hình"', 'alt=""').replace("Lưu cả sổ tay", "Lưu"))
    b = _site(tmp_path / "b", {"x/index.html": changed, "new/index.html": PAGE.format(h="1")})
    rep = sitediff.compare(a, b)
    assert rep.only_a == ["old/index.html"] and rep.only_b == ["new/index.html"]
    assert rep.files_only_a == ["x/a.pdf"] and list(rep.changed) == ["x/index.html"]
    diff = "\n".join(rep.changed["x/index.html"])
    for want in ("-Giơ tay biểu quyết, hỏi đáp.", "+Bỏ phiếu biểu quyết, hỏi đáp.", "-[href ../hoi-dap/]",
                 "+[href ../hoi-dap/x/]", "-[img /i.png alt='Hình']", "-Lưu cả sổ tay", "+Lưu"):
        assert want in diff, (want, diff)
    r = sotay("compare", str(a), str(b), "--files")
    assert r.returncode == 1
    for want in ("chỉ có ở A: old/index.html", "chỉ có ở B: new/index.html", "tệp chỉ có ở A: x/a.pdf",
                 "== x/index.html", "2 trang so sánh, 1 trang khác"):
        assert want in r.stdout, (want, r.stdout)


def test_compare_needs_two_built_sites(tmp_path):
    a = _site(tmp_path / "a", {})
    r = sotay("compare", str(a), str(tmp_path / "nothing"))
    assert r.returncode == 2 and "không phải site đã dựng" in r.stderr
