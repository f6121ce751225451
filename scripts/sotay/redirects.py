"""Old addresses keep working: a small redirect page where a merged page used to be.

A page that absorbed another declares the old file in its front matter
(``aliases: [hoi-dap/ten-cu.md]``, validated by :mod:`sotay.model`). After both
languages are built, :func:`write` puts at each old address, in each language
(``hoi-dap/ten-cu/index.html`` and ``en/hoi-dap/ten-cu/index.html``), a page that

* sends the browser on at once (``<meta http-equiv="refresh">``, a relative
  address: it works on any host, under a sub-path, and from ``file://`` in the
  offline copy, where :mod:`sotay.offline` adds ``index.html`` to it as to every
  link);
* names the new address for search engines (``<link rel="canonical">``, absolute,
  like every page's canonical link) and keeps itself out of their index;
* shows, in the page's language, where the answer is now, with a link, for a
  browser that does not follow the refresh.

No script (the nginx Content-Security-Policy lists the hash of every inline
script) and no server rule: the same files work on nginx, on any static host and
unzipped on a phone. Links inside the handbook never point at an old address:
``sotay check links`` reports them with the page to link to instead.
"""
from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from pathlib import Path

from . import model
from .strings import table as string_table

L = string_table("redirects")  # the texts in each language (sotay.strings)


@dataclass(frozen=True)
class Redirect:
    old: str      # URL path from the site root, no leading '/': hoi-dap/ten-cu/ or en/hoi-dap/ten-cu/
    new: str      # hoi-dap/ten-moi/ or en/hoi-dap/ten-moi/
    lang: str
    title: str    # the new page's title in that language (the Vietnamese one when not translated)
    title_lang: str = ""  # the language of ``title`` when it differs from ``lang``

    @property
    def file(self) -> str:
        return self.old + "index.html"

    @property
    def href(self) -> str:
        """The new address relative to the old one: '../ten-moi/'."""
        return posixpath.relpath(self.new, self.old) + "/"


def redirects(pages: list[model.Page]) -> list[Redirect]:
    """Every redirect page the build writes, in both languages, from the pages' ``aliases:``."""
    by_src = {p.src: p for p in pages}
    out = []
    for old, page in sorted(model.alias_map(pages).items()):
        for lang in model.LANGS:
            shown = by_src.get(page.src[:-3] + f".{lang}.md", page) if lang != model.DEFAULT_LANG else page
            out.append(Redirect(model.page_url(old, lang), model.page_url(page.src, lang), lang,
                                str(shown.meta.get("title") or page.meta.get("title") or ""),
                                shown.lang if shown.lang != lang else ""))
    return out


def page_html(r: Redirect, site_url: str) -> str:
    t = L.get(r.lang, L["vi"])
    title = html.escape(r.title)
    href = html.escape(r.href)
    title_lang = f' lang="{r.title_lang}"' if r.title_lang else ""
    # The canonical link names the new page for search engines: only with a published address.
    canonical = (f'<link rel="canonical" href="{html.escape(site_url.rstrip("/") + "/" + r.new)}">\n'
                 if site_url else "")
    return f"""<!doctype html>
<html lang="{r.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{html.escape(t["title"].format(title=r.title))}</title>
<meta name="description" content="{html.escape(t["description"].format(title=r.title))}">
<meta name="robots" content="noindex">
{canonical}<meta http-equiv="refresh" content="0; url={href}">
<style>body{{font:1.05rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1f1f1f;background:#fff}}
a{{color:#8c1d18}}@media (prefers-color-scheme:dark){{body{{color:#e6e6e6;background:#1e1e1e}}a{{color:#ff9b93}}}}</style>
</head>
<body>
<main>
<p>{t["lead"]}</p>
<p><a href="{href}" data-sotay-redirect{title_lang}>{title}</a></p>
<p>{t["auto"]}</p>
</main>
</body>
</html>
"""


def write(site_dir: str | Path, pages: list[model.Page], site_url: str = "") -> list[Path]:
    """Write the redirect pages into the built site; returns the files written.

    An old address where the build already put a page (an alias of a file that
    still exists; ``sotay check frontmatter`` reports it) is left alone."""
    site_dir = Path(site_dir)
    url = site_url  # the published address, or '' (sotay.address.published)
    written = []
    for r in redirects(pages):
        f = site_dir / r.file
        if f.exists() and "data-sotay-redirect" not in f.read_text(encoding="utf-8", errors="replace"):
            continue
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(page_html(r, url), encoding="utf-8")
        written.append(f)
    return written


def is_redirect(html_text: str) -> bool:
    """True for a page written by :func:`write` (tests and crawls leave them out)."""
    return "data-sotay-redirect" in html_text
