"""One settings object: read once by the entry point (the CLI or the MkDocs hook), passed down.

Everything a build, a check or an export needs to know about *where* and *how*
lives here: the checkout's folders, the published address, the cache folder,
how many processes to use. Environment variables are read in one place only,
:meth:`Settings.load`, and only as overrides of the defaults:

==================  ==========================================================
``SITE_URL``        the published address (also read by mkdocs.yml's ``site_url``)
``SOTAY_RELEASE``   ``1``: a build meant for publishing (needs a real address)
``SOTAY_CACHE``     the cache folder (QR codes, Word files, PDFs); default ``.cache``
``SOTAY_JOBS``      ``1``: everything in one process (no forked print views)
``SOTAY_PDF_CACHE`` ``0``: render every PDF again
``SOTAY_PDF_WORKERS`` processes for the PDFs (default: one per core)
``SOTAY_OFFLINE``   ``0``: skip the offline zip (quick local builds)
``SOTAY_FONT_DIR``  where the Noto fonts are (default: Debian's fonts-noto-core)
``SOURCE_DATE_EPOCH`` the date printed on covers and the zip (reproducible builds)
``NGINX``           the nginx binary for the deployment tests
``SOTAY_DEBUG``     ``1``: show tracebacks instead of one-line errors
==================  ==========================================================

(``CHROMIUM``, the browser of the tests and benchmarks, is read by sotay.browser:
the test harness imports it without a run's settings.)

Modules never read ``os.environ`` themselves and never compute paths from their
own location: they take a :class:`Settings` (or the one value they need) as an
argument. :func:`current` gives the settings of a process whose entry point did
not pass them (a test, ``python -c``): the defaults for the checkout.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the checkout this package belongs to
DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/noto")   # Debian's fonts-noto-core


def _checkout(start: Path | None) -> Path:
    """The handbook checkout to work on: ``start`` (or the current folder) when it has
    mkdocs.yml and docs/, else the checkout this package was imported from."""
    for cand in [start, Path.cwd()] if start is None else [start]:
        if cand is not None and (cand / "mkdocs.yml").is_file() and (cand / "docs").is_dir():
            return cand.resolve()
    return PACKAGE_ROOT


class SettingsError(ValueError):
    """An environment variable with a value the run cannot use (the CLI exits 2 with this sentence)."""


def _count(env: Mapping[str, str], name: str) -> int:
    value = (env.get(name) or "").strip()
    if not value:
        return 0
    if not value.isdigit():
        raise SettingsError(f"{name}={value!r} không dùng được: cần một số nguyên không âm (hoặc bỏ biến này)")
    return int(value)


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


@dataclass(frozen=True)
class Settings:
    root: Path
    docs_dir: Path
    site_dir: Path
    cache_dir: Path
    site_url_env: str = ""          # SITE_URL as given (mkdocs.yml reads it too); see sotay.address
    release: bool = False           # a build meant for publishing
    jobs: int = 0                   # 0: as many as useful; 1: one process
    pdf_cache: bool = True
    pdf_workers: int = 0            # 0: one per core
    offline_zip: bool = True
    font_dir: Path = DEFAULT_FONT_DIR
    source_date: dt.date | None = None
    nginx: str = "/usr/sbin/nginx"
    debug: bool = False
    env: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    # -- the checkout's files ------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_file(self) -> Path:
        return self.data_dir / "sources.yml"

    @property
    def glossary_file(self) -> Path:
        return self.root / "includes" / "abbreviations.md"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    def cache(self, name: str) -> Path:
        """A subfolder of the cache: 'docx', 'pdf', 'packet', or the file 'qr.json'."""
        return self.cache_dir / name

    @property
    def parallel(self) -> bool:
        return self.jobs != 1

    def subprocess_env(self, **extra: str) -> dict[str, str]:
        """The environment of a child process (mkdocs, lighthouse): this run's, with ``extra``.
        The child loads its own settings from it: pass what it must see as ``extra``."""
        env = {**self.env, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        env.update({k: v for k, v in extra.items() if v is not None})
        return env

    def today(self) -> dt.date:
        """The date printed on covers and in the offline copy (SOURCE_DATE_EPOCH, else today)."""
        return self.source_date or dt.date.today()

    @classmethod
    def load(cls, root: Path | str | None = None, env: Mapping[str, str] | None = None, **overrides) -> "Settings":
        """The settings of this run: defaults for the checkout, then the environment, then ``overrides``."""
        env = dict(os.environ if env is None else env)
        base = _checkout(Path(root).resolve() if root else None)
        epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
        values = dict(
            root=base,
            docs_dir=base / "docs",
            site_dir=base / "site",
            cache_dir=Path(env["SOTAY_CACHE"]).resolve() if env.get("SOTAY_CACHE") else base / ".cache",
            site_url_env=env.get("SITE_URL", "").strip(),
            release=_flag(env.get("SOTAY_RELEASE"), False),
            jobs=_count(env, "SOTAY_JOBS"),
            pdf_cache=_flag(env.get("SOTAY_PDF_CACHE"), True),
            pdf_workers=_count(env, "SOTAY_PDF_WORKERS"),
            offline_zip=_flag(env.get("SOTAY_OFFLINE"), True),
            font_dir=Path(env.get("SOTAY_FONT_DIR") or DEFAULT_FONT_DIR),
            source_date=dt.datetime.fromtimestamp(_count(env, "SOURCE_DATE_EPOCH"), dt.timezone.utc).date()
            if epoch else None,
            nginx=env.get("NGINX") or "/usr/sbin/nginx",
            debug=_flag(env.get("SOTAY_DEBUG"), False),
            env=env,
        )
        values.update(overrides)
        return cls(**values)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)


_CURRENT: Settings | None = None


def current() -> Settings:
    """The settings of this process: those the entry point set with :func:`use`, else the
    defaults for the checkout (tests, ``python -c``)."""
    global _CURRENT
    if _CURRENT is None:
        _CURRENT = Settings.load()
    return _CURRENT


def use(settings: Settings) -> Settings:
    """Make ``settings`` the process's settings (the CLI and the MkDocs hook call this once)."""
    global _CURRENT
    _CURRENT = settings
    return settings
