"""The published address (sotay.address): configured once; a release without a real one,
or with a loopback one, does not build; nothing else in a build names this machine.

The builds themselves are checked in tests/test_print.py (the site without SITE_URL
and the test build with SITE_URL: QR codes decoded, sitemap, robots.txt, offline copy)."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sotay import address

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("url, loop", [
    ("http://127.0.0.1:8000/", True), ("http://127.5.0.9/", True), ("http://localhost:8000/x/", True),
    ("http://[::1]:8000/", True), ("http://0.0.0.0:8000/", True), ("http://app.localhost/", True),
    ("https://example.org/sotay/", False), ("https://sotay.example.vn/", False), ("http://10.0.0.5/", False),
])
def test_loopback_addresses(url, loop):
    assert address.is_loopback(url) is loop
    assert (address.published(url) == "") is loop


def test_published_needs_a_whole_web_address():
    assert address.published("https://example.org/sotay") == "https://example.org/sotay/"
    for bad in ("", "example.org/sotay/", "ftp://example.org/", "https://example.org/?a=1"):
        assert address.published(bad) == "", bad
        assert address.problem(bad)


def test_release_needs_an_address(monkeypatch):
    from sotay import settings

    def environment(env):  # the settings a run with this environment gets (read once, sotay.settings)
        monkeypatch.setattr(settings, "_CURRENT", settings.Settings.load(env=env))

    environment({})
    address.check_release("")  # a preview: fine
    environment({address.RELEASE_ENV: "1"})
    with pytest.raises(address.AddressError, match="SITE_URL"):
        address.check_release("")
    address.check_release("https://example.org/sotay/")
    environment({"SITE_URL": "http://127.0.0.1:8000/"})  # SITE_URL set: a release
    with pytest.raises(address.AddressError, match="loopback"):
        address.check_release()
    environment({address.RELEASE_ENV: "0"})
    assert not address.is_release()


def _sotay_build(env_extra: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", address.RELEASE_ENV)}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "sotay", "build", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_sotay_build_refuses_a_release_without_a_real_address():
    """Fails before building (site/ is not touched): `make build RELEASE=1` without SITE_URL,
    and any build with SITE_URL set to this machine's address."""
    before = (ROOT / "site" / "index.html").stat().st_mtime if (ROOT / "site" / "index.html").exists() else None
    r = _sotay_build({}, "--release")
    assert r.returncode == 2 and "SITE_URL" in r.stderr, r.stderr
    r = _sotay_build({"SITE_URL": "http://127.0.0.1:8000/"})
    assert r.returncode == 2 and "loopback" in r.stderr, r.stderr
    after = (ROOT / "site" / "index.html").stat().st_mtime if (ROOT / "site" / "index.html").exists() else None
    assert before == after


@pytest.mark.slow  # runs mkdocs build
def test_mkdocs_build_refuses_a_loopback_site_url(tmp_path):
    """Also when MkDocs is run directly (the hook checks before anything is built)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://localhost:8000/"}
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "s")],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and "loopback" in r.stderr, r.stderr[-2000:]
    assert not (tmp_path / "s" / "index.html").exists()


def test_loopback_leaks_finds_files_and_zip_members_but_not_the_deployment_guide(tmp_path):
    site = tmp_path / "site"
    (site / "gioi-thieu" / "trien-khai").mkdir(parents=True)
    (site / "gioi-thieu" / "trien-khai" / "index.html").write_text("make serve: http://127.0.0.1:8000/", encoding="utf-8")
    (site / "a.html").write_text("<p>ok https://example.org/</p>", encoding="utf-8")
    assert address.loopback_leaks(site) == []
    (site / "robots.txt").write_text("Sitemap: http://127.0.0.1:8000/sitemap.xml\n", encoding="utf-8")
    with zipfile.ZipFile(site / "x.zip", "w") as z:
        z.writestr("folder/DOC-TRUOC.txt", "Bản mới nhất: http://localhost:8000/\n")
    leaks = address.loopback_leaks(site)
    assert [x.split(":")[0] for x in leaks] == ["robots.txt", "x.zip/DOC-TRUOC.txt"], leaks
