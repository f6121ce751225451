"""``python -m sotay build``: mkdocs build --strict, then the exports, then the build stamp.

The stamp records what a built site was made from: a hash of the sources
(:data:`SOURCES`: the content, the data, the templates, the code and the
pinned packages) and the address it was built with. It lives in the cache
folder (``.cache/site-stamps.json``, one entry per site folder), not in the
site, so nothing of it is published. :func:`stale` compares it with the
checkout: the test suite uses ``site/`` only when it is fresh (tests/conftest.py),
so a plain ``pytest`` never tests an old build.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from .settings import Settings

# What a built site depends on (folders and files of the checkout).
SOURCES = ("docs", "data", "includes", "scripts", "overrides", "mkdocs.yml", "pyproject.toml", "requirements.lock")
STAMPS = "site-stamps.json"
_SKIP_PARTS = {"__pycache__", ".pytest_cache"}


def sources_hash(root: Path) -> str:
    """SHA-256 over the path and bytes of every source file (sorted; no caches, no .pyc)."""
    root = Path(root)
    h = hashlib.sha256()
    for name in SOURCES:
        top = root / name
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else []
        for f in files:
            rel = f.relative_to(root)
            if _SKIP_PARTS & set(rel.parts) or f.suffix == ".pyc":
                continue
            h.update(rel.as_posix().encode("utf-8") + b"\0")
            h.update(f.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def _stamps_file(settings: Settings) -> Path:
    return settings.cache(STAMPS)


def _read(settings: Settings) -> dict:
    try:
        return json.loads(_stamps_file(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write(settings: Settings, site_dir: Path, entry: dict | None) -> None:
    stamps = {k: v for k, v in _read(settings).items() if Path(k).is_dir()}  # forget removed (temporary) sites
    key = str(Path(site_dir).resolve())
    if entry is None:
        stamps.pop(key, None)
    else:
        stamps[key] = entry
    f = _stamps_file(settings)
    f.parent.mkdir(parents=True, exist_ok=True)
    tmp = f.with_suffix(".tmp")
    tmp.write_text(json.dumps(stamps, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(f)


def stale(settings: Settings, site_dir: Path | None = None, site_url: str = "") -> str:
    """Why ``site_dir`` is not a build of the checkout as it is now ('' when it is), in one
    sentence. ``site_url``: the address the site must have been built with ('' = none)."""
    site_dir = Path(site_dir or settings.site_dir)
    if not (site_dir / "index.html").is_file():
        return f"chưa có site đã dựng ở {site_dir}"
    entry = _read(settings).get(str(site_dir.resolve()))
    if not entry:
        return f"{site_dir} không do 'python -m sotay build' dựng (không có dấu bản dựng trong {_stamps_file(settings)})"
    if entry.get("sources") != sources_hash(settings.root):
        return f"{site_dir} cũ: nội dung, mã hoặc mẫu trang đã sửa sau lần dựng {entry.get('built', '')}"
    if entry.get("offline_zip") is False:
        return f"{site_dir} dựng với SOTAY_OFFLINE=0 (không có bản đọc không cần mạng)"
    if entry.get("site_url", "") != site_url:
        return f"{site_dir} dựng với SITE_URL={entry.get('site_url') or '(trống)'}, cần {site_url or '(trống)'}"
    return ""


def run(settings: Settings, site_dir: Path | None = None, release: bool = False) -> int:
    """Build the site into ``site_dir`` (default settings.site_dir): 0, or the first non-zero exit."""
    import datetime as dt

    from . import address

    site_dir = Path(site_dir or settings.site_dir).resolve()
    env = settings.subprocess_env(**({address.RELEASE_ENV: "1"} if release else {}))
    release = release or settings.release or bool(settings.site_url_env)
    try:  # before the slow part: a release needs its published address (sotay.address)
        address.check_release(settings.site_url_env, release=release)
    except address.AddressError as e:
        print(f"sotay build: {e}", file=sys.stderr)
        return 2
    sources = sources_hash(settings.root)
    _write(settings, site_dir, None)  # a half-made site is never taken for a fresh one
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(settings.config_file),
                        "-d", str(site_dir)], cwd=settings.root, env=env)
    if r.returncode:
        return r.returncode
    from . import exports

    rc = exports.run_all(site_dir)
    if rc:
        return rc
    if release:
        leaks = address.loopback_leaks(site_dir)
        if leaks:
            print("sotay build: bản phát hành có địa chỉ trên máy này (loopback), người đọc không mở được:\n  "
                  + "\n  ".join(leaks) + "\nSửa nơi tạo ra địa chỉ đó (xem sotay.address), rồi dựng lại.", file=sys.stderr)
            return 1
    _write(settings, site_dir, {"sources": sources, "site_url": address.published(settings.site_url_env),
                                "offline_zip": settings.offline_zip,
                                "built": dt.datetime.now().isoformat(timespec="seconds")})
    return 0
