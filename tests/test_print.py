"""Printing: the print views (in/<book>/), the PDF handbooks and the print style of any page.

The PDFs are read back with poppler (pdfinfo, pdffonts, pdftotext), the way a
person would check them: one font family, the text of the site, the page numbers
of the table of contents, no solutions in the learner's copy.
"""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lhtml

from conftest import TEST_SITE_URL
from sotay import address, model, printbook
from sotay.printbook import make, render
from sotay.printbook import pdf as pdf_export
from sotay.printbook.qr import QrCodes
from sotay.printbook.source import BuiltSite

A4 = (595.28, 841.89)  # points
# pdftotext crop: the page without its running head and page number (pdf.css margins).
BODY_CROP = ["-x", "0", "-y", "60", "-W", "596", "-H", "726"]
CHROME = re.compile(r'class="[^"]*\bmd-(?:header|sidebar|footer|search|tabs|nav|top)\b')
EXCLUDED = ("trainer", "solution", "quiz", "quiz-explain", "sotay-learner-only", "sotay-trainer-only",
            "sotay-basis-line", "sotay-reviewed", "sotay-viewbar", "admonition-title", "basis")


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def squeeze(s: str) -> str:
    """Letters only: for 'is this text anywhere in the PDF' whatever the line breaks (pdftotext drops
    a hyphen at the end of a line)."""
    return re.sub(r"[\s\-‐]+", "", unicodedata.normalize("NFC", s))


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_pages(pdf: Path, crop: bool = True) -> list[str]:
    """Text of each page (body only when cropped), in reading order."""
    text = run("pdftotext", *(BODY_CROP if crop else []), str(pdf), "-")
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = {}
    for line in run("pdfinfo", str(pdf)).splitlines():
        k, _, v = line.partition(":")
        out[k.strip()] = v.strip()
    return out


def view_file(site: Path, book: str, lang: str, edition: str = printbook.LEARNER) -> Path:
    return site / printbook.view_dir(book, lang, edition) / "index.html"


def pdf_file(site: Path, book: str, lang: str, edition: str = printbook.LEARNER) -> Path:
    return site / printbook.pdf_path(book, lang, edition)


def built_page(site: Path, lang: str, src: str) -> Path:
    return site / printbook.lang_prefix(lang) / printbook.page_path(src) / "index.html"


def article(path: Path):
    doc = lhtml.fromstring(path.read_text(encoding="utf-8"))
    found = doc.xpath('//article[contains(concat(" ", normalize-space(@class), " "), " md-content__inner ")]')
    return found[0] if found else None


def has_class_ancestor(el, names) -> bool:
    node = el
    while node is not None:
        if set((node.get("class") or "").split()) & set(names) or node.tag in ("details", "summary") \
                or (node.tag == "table" and el.tag != "td"):
            return True
        node = node.getparent()
    return False


def expected_chapters(pages, site: Path, book: str, lang: str, learner: bool = True) -> list[str]:
    """The pages of a book in site-nav order (from the content model's nav), as built; in a
    learner's copy (the default edition) without the pages only for trainers."""
    by_src = {p.src: p for p in pages}
    types = {p.src: p.type for p in pages}
    sections = [s for s in printbook.WHOLE_SECTIONS if s not in printbook.INTRO_ONLY] if book == printbook.WHOLE else [book]
    by_section: dict[str, list[str]] = {}

    def flat(items):
        for it in items:
            if isinstance(it, str):
                yield it
            elif isinstance(it, dict):
                for v in it.values():
                    yield from flat(v if isinstance(v, list) else [v])

    for entry in model.build_nav(pages):
        if isinstance(entry, dict):
            for items in entry.values():
                srcs = list(flat(items if isinstance(items, list) else [items]))
                if srcs:
                    by_section[srcs[0].split("/")[0]] = srcs
    out = []
    for s in sections:
        srcs = [src for src in by_section.get(s, []) if built_page(site, lang, src).exists()]
        pages_ = [src for src in srcs if not src.endswith("index.md") and types.get(src) != "section"
                  and not (learner and printbook.for_trainers_only(by_src.get(src)))]
        out += pages_ or srcs[:1]  # a section of one page (van-ban): that page
    return out


def sample_paragraphs(site: Path, lang: str, srcs: list[str], n: int = 12) -> list[str]:
    """Plain paragraphs of the built pages, spread over the book: no links, images,
    hyphens (pdftotext drops a hyphen that ends a line) or edition-dependent blocks."""
    found = []
    for tags in (("p",), ("li",), ("td",)):  # list items, cells when a book has few paragraphs (van-ban)
        for src in srcs:
            art = article(built_page(site, lang, src))
            if art is None:
                continue
            for p in art.iter(*tags):
                if has_class_ancestor(p, EXCLUDED) or p.xpath(".//a|.//img|.//svg|.//input|.//button|.//ul|.//ol|.//p"):
                    continue
                text = norm(p.text_content())
                if len(text) >= 50 and "-" not in text:
                    found.append(text)
        if len(found) >= n:
            break
    if len(found) <= n:
        return found
    step = len(found) / n
    return [found[int(i * step)] for i in range(n)]


# --------------------------------------------------------------------------
# The print views
# --------------------------------------------------------------------------


def test_every_section_and_language_has_a_print_view_and_a_pdf(site_dir):
    assert set(printbook.BOOKS) == {"huong-dan", "mau", "hoi-dap", "tap-huan", "van-ban"}
    missing = []
    for book, lang, edition in printbook.jobs():
        for f in (view_file(site_dir, book, lang, edition), pdf_file(site_dir, book, lang, edition)):
            if not f.exists():
                missing.append(str(f.relative_to(site_dir)))
    assert not missing, "missing (run `make build`): " + ", ".join(missing)
    for book, lang, edition in printbook.jobs():
        info = pdfinfo(pdf_file(site_dir, book, lang, edition))
        w, h = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
        assert abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1, (book, lang, info["Page size"])
        assert int(info["Pages"]) >= 3, (book, lang, edition)


@pytest.mark.parametrize("lang", model.LANGS)
@pytest.mark.parametrize("book", list(printbook.BOOKS) + [printbook.WHOLE])
def test_print_view_has_every_page_in_nav_order_and_no_site_chrome(site_dir, book, lang):
    pages = model.load_pages()
    text = view_file(site_dir, book, lang).read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert f'<html lang="{lang}">' in text
    assert re.search(r"<title>[^<]{10,}</title>", text) and "<main" in text
    assert not CHROME.search(text), "the print view carries site navigation"
    assert "<script" not in text and "data-md-component" not in text
    want = expected_chapters(pages, site_dir, book, lang)
    got = re.findall(r'<section class="chapter [^"]*" id="([^"]+)"', text)
    assert got == [printbook.chapter_id(s) for s in want]
    # Each chapter carries the title of its page, numbered in order.
    titles = re.findall(r'class="chapter__title"[^>]*><span class="num">(\d+)\.</span> ([^<]*)<', text)
    assert [int(n) for n, _t in titles] == list(range(1, len(want) + 1))
    for (_n, title), src in zip(titles, want):
        h1 = article(built_page(site_dir, lang, src)).xpath(".//h1")[0]
        assert norm(htmlunescape(title)) == norm(h1.text_content().replace("¶", ""))


def htmlunescape(s: str) -> str:
    import html

    return html.unescape(s)


@pytest.fixture(params=["no-address", "site-url"])
def any_site(request, site_dir):
    """The site as `make build` makes it (no SITE_URL), then as built with SITE_URL."""
    return (site_dir, "") if request.param == "no-address" else (request.getfixturevalue("site_with_url"), TEST_SITE_URL)


@pytest.mark.parametrize("lang", model.LANGS)
def test_print_view_links_stay_in_the_book_or_go_online(any_site, lang):
    """In-book links are anchors; others go to the published address, or, without one,
    are relative links to pages that exist (never this machine's address)."""
    site, root = any_site
    for book in list(printbook.BOOKS) + [printbook.WHOLE]:
        f = view_file(site, book, lang)
        doc = lhtml.fromstring(f.read_text(encoding="utf-8"))
        ids = {e.get("id") for e in doc.xpath("//*[@id]")}
        assert len(ids) == len(doc.xpath("//*[@id]")), f"{book}/{lang}: duplicate ids"
        in_book = {"/" + printbook.lang_prefix(lang) + printbook.page_path(s)
                   for s in expected_chapters(model.load_pages(), site, book, lang)}
        bad = []
        for a in doc.xpath("//a[@href]"):
            href = a.get("href")
            if href.startswith("#"):
                if href[1:] not in ids:
                    bad.append(f"dangling {href}")
            elif href.endswith(".pdf"):  # (the SITE_URL test build has only the van-ban PDFs)
                if not (f.parent / href).resolve().exists() and (not root or book == "van-ban"):
                    bad.append(f"missing {href}")
            elif root and href.startswith(root):  # the chapter's own online address (beside its QR code) is meant
                if urlsplit(href).path in in_book and "chapter__url" not in (a.get("class") or ""):
                    bad.append(f"online link to a page of the book: {href}")
            elif re.match(r"^(https?:|mailto:)", href):
                if address.is_loopback(href):
                    bad.append(f"loopback address {href}")
            elif root:
                bad.append(f"relative link {href}")
            else:
                target = (f.parent / urlsplit(href).path).resolve()
                if not (target / "index.html" if href.split("#")[0].endswith("/") else target).exists():
                    bad.append(f"relative link to nothing {href}")
                if a.get("data-short") is not None:
                    bad.append(f"printed address on a relative link {href}")
        assert not bad, f"{book}/{lang}: " + "; ".join(bad[:10])


def test_every_page_links_to_the_print_view_and_pdf_of_its_section(site_dir):
    problems = []
    for f in sorted(site_dir.rglob("index.html")):
        rel = f.relative_to(site_dir).as_posix()
        if rel.startswith(("assets/", "search/", "in/", "en/in/")) or "/in/" in rel:
            continue
        html = f.read_text(encoding="utf-8")
        if '<article class="md-content__inner' not in html or rel.startswith(("404", "en/404")):
            continue  # not a page of the handbook
        if rel.startswith(("cong-cu/", "en/cong-cu/")):
            assert '<div class="sotay-actions"' not in html, f"{rel}: a tool prints its own documents"
            continue
        m = re.search(r'<div class="sotay-actions[ "].*?</div>', html, re.S)  # the home page's: sotay-actions--home
        if not m:
            problems.append(f"{rel}: no print links")
            continue
        lang = "en" if rel.startswith("en/") else "vi"
        section = rel[len("en/"):].split("/")[0] if lang == "en" else rel.split("/")[0]
        book = section if section in printbook.BOOKS else printbook.WHOLE
        hrefs = re.findall(r'href="([^"]+)"', m.group(0))
        base = "http://x/" + rel[: -len("index.html")]
        paths = [urlsplit(urljoin(base, h)).path for h in hrefs]
        want = {"/" + printbook.view_dir(book, lang), "/" + printbook.pdf_path(book, lang)}
        if not want <= set(paths):
            problems.append(f"{rel}: {paths} (want {sorted(want)})")
        for p in paths:
            target = site_dir / p.lstrip("/")
            if not (target / "index.html" if p.endswith("/") else target).exists():
                problems.append(f"{rel}: {p} does not exist")
    assert not problems, "\n".join(problems[:20])


def test_internal_links_carry_their_printed_address(any_site):
    """On paper a link shows where it goes: the published address, or nothing without one."""
    site, root = any_site
    art = article(site / "huong-dan" / "trinh-tu-sinh-hoat-thuong-ky" / "index.html")
    links = art.xpath('.//a[@href][not(ancestor::*[contains(@class, "sotay-actions")])]')
    inside = [a for a in links if not re.match(r"^(#|[a-z]+:)", a.get("href"))]
    assert inside, "no internal links on the sample page"
    for a in inside:
        if not root:
            assert a.get("data-print-url") is None, (a.get("href"), a.get("data-print-url"))
            continue
        host = re.sub(r"^[a-z]+://", "", root)
        path = urlsplit(urljoin(root + "huong-dan/trinh-tu-sinh-hoat-thuong-ky/", a.get("href"))).path
        assert a.get("data-print-url", "").startswith(host.split("/")[0] + path), (a.get("href"), a.get("data-print-url"))
    for a in links:
        if re.match(r"^(#|[a-z]+:)", a.get("href")):
            assert a.get("data-print-url") is None


@pytest.mark.parametrize("lang", model.LANGS)
def test_each_chapter_has_a_qr_code_and_short_address_of_its_online_page(any_site, lang):
    """With a published address: a QR code and the short address per chapter and on the cover.
    Without: none of them, and no "Bản trực tuyến" line."""
    import segno

    site, root = any_site
    text = view_file(site, "hoi-dap", lang).read_text(encoding="utf-8")
    found = re.findall(r'<div class="chapter__link"><img class="qr" src="([^"]+)" alt="[^"]*"><a class="chapter__url" '
                       r'href="([^"]+)">([^<]+)</a>', text)
    srcs = expected_chapters(model.load_pages(), site, "hoi-dap", lang)
    if not root:
        doc = lhtml.fromstring(text)
        assert found == [] and not doc.xpath('//img[@class="qr"] | //div[@class="chapter__link"] | //p[@class="cover__url"]')
        assert f"{printbook.L[lang]['online']}: " not in doc.xpath("string(//body)")  # the chapter's address line
        assert not doc.xpath('//link[@rel="canonical"]')
        return
    assert len(found) == len(srcs)
    for (qr, url, short), src in zip(found, srcs):
        canonical = re.search(r'<link rel="canonical" href="([^"]*)"', built_page(site, lang, src).read_text(encoding="utf-8"))
        assert url == canonical.group(1) and url.startswith(root)
        assert short == re.sub(r"^https?://", "", url)
        assert htmlunescape(qr) == segno.make(url, error="m").svg_data_uri(scale=4, border=0, dark="#000", light="#fff")
    assert f'{printbook.L[lang]["online"]}: <a href="{root}' in text


ZBARIMG = shutil.which("zbarimg")


def zbar(png: Path) -> list[str]:
    """The QR codes zbarimg (Debian's zbar-tools) reads in an image."""
    assert ZBARIMG, "zbarimg not found: apt-get install zbar-tools (make system-deps)"
    r = subprocess.run([ZBARIMG, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
                       capture_output=True, text=True)
    assert r.returncode in (0, 4), r.stderr  # 4: no code in this image
    return [line for line in r.stdout.splitlines() if line.strip()]


def test_every_qr_code_decodes_to_an_address_under_site_url(site_with_url, tmp_path):
    """Every QR code of every print view (both languages, both editions), read back by zbarimg
    from a rendering independent of the code generator: each decodes to its chapter's or the
    cover's published address, under SITE_URL. And the QR codes printed in a real PDF too."""
    from weasyprint import HTML

    codes: dict[str, str] = {}  # data URI -> address it should decode to
    for book, lang, edition in printbook.jobs():
        doc = lhtml.fromstring(view_file(site_with_url, book, lang, edition).read_text(encoding="utf-8"))
        for img in doc.xpath('//img[contains(concat(" ", @class, " "), " qr ")]'):
            want = re.search(r"(https?://\S+)$", img.get("alt")).group(1)
            assert want.startswith(TEST_SITE_URL), want
            codes[img.get("src")] = want
    assert len(codes) > 100
    # 20 codes a sheet, 40 mm each: read at 300 dpi, every code is ~10 px a module.
    items = list(codes.items())
    sheets = [items[k:k + 20] for k in range(0, len(items), 20)]
    html = "".join('<div style="page-break-after: always">' + "".join(
        f'<img src="{src}" style="width:40mm;height:40mm;margin:4mm">' for src, _ in sheet) + "</div>" for sheet in sheets)
    HTML(string=f"<html><body style='margin:0'>{html}</body></html>").write_pdf(tmp_path / "qr.pdf")
    run("pdftoppm", "-r", "300", "-gray", "-png", str(tmp_path / "qr.pdf"), str(tmp_path / "qr"))
    read: list[str] = []
    for png in sorted(tmp_path.glob("qr-*.png")):
        read += zbar(png)
    assert sorted(read) == sorted(codes.values()), (len(read), len(codes))
    # A PDF as the build made it: its cover and chapter codes.
    pdf = pdf_file(site_with_url, "van-ban", "vi")
    run("pdftoppm", "-r", "200", "-gray", "-png", "-l", "3", str(pdf), str(tmp_path / "pdf"))
    in_pdf = [c for png in sorted(tmp_path.glob("pdf-*.png")) for c in zbar(png)]
    assert in_pdf and all(c.startswith(TEST_SITE_URL) for c in in_pdf), in_pdf
    assert TEST_SITE_URL + "van-ban/" in in_pdf  # the cover of the van-ban book: the section's address


def test_site_url_is_used_everywhere_it_is_needed(site_with_url):
    """sitemap.xml and robots.txt name the published address; so does the offline copy."""
    import zipfile

    from sotay import offline

    sitemap = (site_with_url / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and all(u.startswith(TEST_SITE_URL) for u in locs)
    assert f"Sitemap: {TEST_SITE_URL}sitemap.xml" in (site_with_url / "robots.txt").read_text(encoding="utf-8")
    with zipfile.ZipFile(site_with_url / offline.ZIP_NAME) as z:
        readme = z.read(f"{offline.FOLDER}/DOC-TRUOC.txt").decode("utf-8")
    assert f"Bản mới nhất: {TEST_SITE_URL}" in readme
    assert address.loopback_leaks(site_with_url) == []


def test_no_address_build_writes_no_absolute_address(site_dir):
    """`make build` without SITE_URL: no loopback address in any file (nor in the offline zip),
    no sitemap, robots.txt without a Sitemap line, the offline copy's note names no address,
    and the PDFs' text has no address of this machine."""
    import zipfile

    from sotay import offline

    assert address.loopback_leaks(site_dir) == []
    assert not (site_dir / "sitemap.xml").exists() and not (site_dir / "sitemap.xml.gz").exists()
    assert "Sitemap:" not in (site_dir / "robots.txt").read_text(encoding="utf-8")
    with zipfile.ZipFile(site_dir / offline.ZIP_NAME) as z:
        readme = z.read(f"{offline.FOLDER}/DOC-TRUOC.txt").decode("utf-8")
    assert "http" not in readme and "hỏi người gửi bản này" in readme
    for book, lang, edition in printbook.jobs():
        text = " ".join(pdf_pages(pdf_file(site_dir, book, lang, edition), crop=False))
        assert not address.LOOPBACK_TEXT.search(text), (book, lang, edition)
        assert "http://" not in text.replace("https://", "")


# --------------------------------------------------------------------------
# The PDFs
# --------------------------------------------------------------------------


def test_pdfs_embed_one_font_family(site_dir):
    problems = []
    for book, lang, edition in printbook.jobs():
        pdf = pdf_file(site_dir, book, lang, edition)
        rows = run("pdffonts", str(pdf)).splitlines()[2:]
        families = set()
        for row in rows:
            cols = row.split()
            name, emb = cols[0], cols[-5]
            if emb != "yes":
                problems.append(f"{pdf.name}: {name} not embedded")
            base = re.sub(r"^[A-Z]{6}\+", "", name)
            families.add(re.sub(r"(?:[-,]?(?:Bold|Italic|Regular|Oblique))+$", "", base))
        if len(families) != 1 or any(re.search(r"DejaVu|Liberation", f) for f in families):
            problems.append(f"{pdf.name}: {sorted(families)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", model.LANGS)
@pytest.mark.parametrize("book", list(printbook.BOOKS))
def test_pdf_text_is_the_text_of_the_site(site_dir, book, lang):
    """pdftotext gives back, exactly (NFC, whitespace normalized), paragraphs taken from the built pages."""
    srcs = expected_chapters(model.load_pages(), site_dir, book, lang)
    sample = sample_paragraphs(site_dir, lang, srcs)
    assert len(sample) >= 3, f"too few plain paragraphs in {book}"
    text = norm(" ".join(pdf_pages(pdf_file(site_dir, book, lang))))
    # a line may break after "/" ("present]/" then "[Total"): compared without whitespace too
    flat = re.sub(r"\s", "", text)
    missing = [p for p in sample if p not in text and re.sub(r"\s", "", p) not in flat]
    assert not missing, f"{len(missing)}/{len(sample)} paragraphs not found, e.g. {missing[0]!r}"


def toc_entries(view: Path) -> list[tuple[str, str, str]]:
    """(label, title, href) of the table of contents of a print view."""
    doc = lhtml.fromstring(view.read_text(encoding="utf-8"))
    out = []
    for a in doc.xpath('//nav[contains(@class, "toc")]//a'):
        num = a.xpath('./span[@class="num"]')
        label = norm(num[0].text_content()) if num else ""
        title = norm(a.text_content())[len(label):].strip()
        out.append((label, title, a.get("href")))
    return out


def test_toc_page_numbers_point_at_the_chapters(site_dir):
    problems = []
    for book, lang, edition in printbook.jobs():
        pdf = pdf_file(site_dir, book, lang, edition)
        # pdftotext drops the hyphen of a word broken at a line end ("self-" / "criticism"):
        # titles and pages are compared without hyphens
        pages = [norm(p).replace("-", "") for p in pdf_pages(pdf)]
        entries = toc_entries(view_file(site_dir, book, lang, edition))
        toc_text = " ".join(pages[1:12])
        first_chapter_page = None
        for label, title, href in entries:
            words = r"\s*".join(re.escape(w) for w in f"{label} {title}".replace("-", "").split())
            m = re.search(words + r"[\s.]*?(\d+)(?!\S)", toc_text)
            if not m:
                problems.append(f"{pdf.name}: '{label} {title}' not in the table of contents")
                continue
            n = int(m.group(1))
            heading = norm(f"{label} {title}").replace("-", "")
            if not href.startswith("#c-") or not label:
                if heading not in pages[n - 1] if n <= len(pages) else True:
                    problems.append(f"{pdf.name}: '{heading}' listed at page {n}, not there")
                continue
            first_chapter_page = first_chapter_page or n
            if n > len(pages) or heading not in pages[n - 1]:
                where = [i + 1 for i, p in enumerate(pages) if heading in p and i > 0]
                problems.append(f"{pdf.name}: '{heading}' listed at page {n}, found on {where}")
            elif n - 1 > first_chapter_page and heading in pages[n - 2]:
                problems.append(f"{pdf.name}: '{heading}' already on page {n - 1}")
    assert not problems, "\n".join(problems[:20])


def test_no_pdf_page_holds_only_a_heading(site_dir):
    """Every page of every PDF, read back with pdftotext (body only: no running head, no page
    number): a page whose only text is headings (a part or group title alone, a heading whose
    content moved to the next page, an empty page) is a hollow page."""
    problems = []
    for book, lang, edition in printbook.jobs():
        doc = lhtml.fromstring(view_file(site_dir, book, lang, edition).read_text(encoding="utf-8"))
        heads = sorted({squeeze(h.text_content()) for h in doc.xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")} - {""},
                       key=len, reverse=True)
        pdf = pdf_file(site_dir, book, lang, edition)
        for n, text in enumerate(pdf_pages(pdf), 1):
            rest = squeeze(text)
            for h in heads:
                rest = rest.replace(h, "")
            if not rest:
                problems.append(f"{pdf.name} p. {n}: {' '.join(text.split())[:80]!r}")
    assert not problems, "pages with nothing but a heading:\n" + "\n".join(problems)


def screen_controls(lang: str) -> list[str]:
    """Words of on-screen controls: buttons and panels that do nothing on paper."""
    from sotay import forms, training

    t = training._t(lang)
    hint = re.sub(r"[*`]", "", t["learner_hint"]).split(". ")[0]  # "Các ghi chú … chỉ hiện ở chế độ giảng viên"
    return [hint, "Bấm nút", "Điền vào mẫu ngay trên trang", forms.L[lang]["docx_button"], "Tải PDF", "In cả phần"]


def test_print_views_and_pdfs_have_no_on_screen_controls(site_dir):
    """No "Bấm nút…", no download buttons, no trainer/learner switch, no fill-in panel on paper;
    the screen note of a print view is hidden when printed (display: none in print)."""
    problems = []
    for book, lang, edition in printbook.jobs():
        doc = lhtml.fromstring(view_file(site_dir, book, lang, edition).read_text(encoding="utf-8"))
        for el in doc.xpath("//button | //input[not(@type='checkbox')] | //*[contains(@class, 'md-button')]"
                            " | //*[contains(@class, 'sotay-fill')] | //*[@data-sotay-viewbar]"):
            problems.append(f"{book}/{lang}/{edition}: <{el.tag} class={el.get('class')}>")
        text = " ".join(pdf_pages(pdf_file(site_dir, book, lang, edition), crop=False))
        for words in screen_controls(lang):
            if squeeze(words) in squeeze(text):
                problems.append(f"{pdf_file(site_dir, book, lang, edition).name}: '{words}'")
    assert not problems, "\n".join(problems[:20])


def test_learner_edition_leaves_out_the_pages_for_trainers(site_dir):
    pages = model.load_pages()
    trainer_only = [p for p in pages if p.src.startswith("tap-huan/") and printbook.for_trainers_only(p)]
    assert trainer_only, "no page with audience: [giang-vien] in tap-huan/"
    for lang in model.LANGS:
        learner = view_file(site_dir, "tap-huan", lang).read_text(encoding="utf-8")
        trainer = view_file(site_dir, "tap-huan", lang, printbook.TRAINER).read_text(encoding="utf-8")
        whole = view_file(site_dir, printbook.WHOLE, lang).read_text(encoding="utf-8")
        for p in trainer_only:
            cid = f'id="{printbook.chapter_id(p.src)}"'
            assert cid not in learner and cid not in whole and cid in trainer, (lang, p.src)


def trainer_texts(site_dir: Path) -> list[str]:
    """Texts of solutions, trainer notes and quiz explanations on the built lesson pages."""
    hidden = ('.//*[contains(concat(" ", @class, " "), " trainer ") or '
              'contains(concat(" ", @class, " "), " solution ") or '
              'contains(concat(" ", @class, " "), " quiz-explain ")]')
    arts = [a for a in (article(f) for f in sorted((site_dir / "tap-huan").glob("*/index.html"))) if a is not None]
    seen = ""  # what learners also see (the key points page repeats some answers)
    for art in arts:
        learner = copy.deepcopy(art)
        for el in learner.xpath(hidden):
            el.drop_tree()
        seen += squeeze(learner.text_content())
    out = []
    for art in arts:
        for block in art.xpath('.//*[contains(concat(" ", @class, " "), " trainer ") or '
                               'contains(concat(" ", @class, " "), " solution ") or '
                               'contains(concat(" ", @class, " "), " quiz-explain ")]'):
            for el in block.xpath(".//li | .//p[not(contains(@class, 'admonition-title'))]") or [block]:
                t = norm(el.text_content())
                if len(t) >= 30 and t not in out and squeeze(t) not in seen and not el.xpath(".//a"):
                    out.append(t)
                    break
    return out


def test_learner_handout_has_no_solutions_and_the_trainer_edition_has_them(site_dir):
    texts = trainer_texts(site_dir)
    assert len(texts) >= 3, "no trainer notes or solutions on the lesson pages (see the fixture test below)"
    learner = squeeze(" ".join(pdf_pages(pdf_file(site_dir, "tap-huan", "vi"), crop=False)))
    trainer = squeeze(" ".join(pdf_pages(pdf_file(site_dir, "tap-huan", "vi", printbook.TRAINER), crop=False)))
    leaked = [t for t in texts if squeeze(t) in learner]
    absent = [t for t in texts if squeeze(t) not in trainer]
    assert not leaked, f"learner PDF shows trainer text: {leaked[:3]}"
    assert not absent, f"trainer PDF lacks: {absent[:3]}"
    assert squeeze("(đáp án)") in trainer and squeeze("(đáp án)") not in learner
    whole = squeeze(" ".join(pdf_pages(pdf_file(site_dir, printbook.WHOLE, "vi"), crop=False)))
    assert not [t for t in texts if squeeze(t) in whole], "the whole handbook is a learner's copy"


# --------------------------------------------------------------------------
# The same, on a tiny site built here: runs whatever the content holds.
# --------------------------------------------------------------------------

FIXTURE_LESSON = """---
title: Bài thử
description: Bài học thử cho kiểm thử bản in, có đáp án và ghi chú giảng viên.
type: lesson
order: 1
audience: [hoc-vien]
sources: [hd-42-2025]
teaching: 10
exercises: 10
questions: [Câu hỏi thử?]
objectives: [Làm được việc thử.]
keypoints: [Điểm thử.]
reviewed: 2026-11-23
review_in: 12
---
"""
FIXTURE_INDEX = """---
title: Tập huấn
description: Trang mục lục thử của phần tập huấn cho kiểm thử bản in.
type: section
reviewed: 2026-11-23
review_in: 12
---
"""


def _page(title: str, body: str, canonical: str) -> str:
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title} - Sổ tay thử</title>'
            f'<link rel="canonical" href="{canonical}"><meta name="description" content="Sổ tay thử cho kiểm thử bản in.">'
            f'</head><body><article class="md-content__inner md-typeset"><h1>{title}</h1>{body}</article>'
            f'<div class="md-copyright__highlight">Bản quyền thử</div></body></html>')


@pytest.mark.slow  # renders PDFs
def test_learner_and_trainer_editions_on_a_fixture_site(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "tap-huan").mkdir(parents=True)
    (docs / "tap-huan" / "index.md").write_text(FIXTURE_INDEX, encoding="utf-8")
    (docs / "tap-huan" / "bai-thu.md").write_text(FIXTURE_LESSON, encoding="utf-8")
    pages = model.load_pages(docs)
    root = "http://127.0.0.1:8000/"
    (site / "tap-huan" / "bai-thu").mkdir(parents=True)
    (site / "index.html").write_text(_page("Sổ tay thử", "<p>Trang chủ.</p>", root), encoding="utf-8")
    (site / "tap-huan" / "index.html").write_text(_page(
        "Tập huấn", '<p>Phần tập huấn thử.</p><ul><li><a href="bai-thu/">Bài thử</a> — mô tả</li></ul>',
        root + "tap-huan/"), encoding="utf-8")
    lesson = (
        '<p class="sotay-basis-line">Căn cứ: <a href="../../van-ban/#hd-42-2025">42-HD/BTCTW</a></p>'
        '<h2 id="noi-dung">Nội dung</h2><p>Đoạn học viên luôn thấy trong bài thử.</p>'
        '<div class="admonition trainer"><p class="admonition-title">Ghi chú cho giảng viên</p>'
        "<p>Ghi chú riêng giảng viên về thời gian giảng bài thử.</p></div>"
        '<h2 id="bai-tap">Bài tập</h2><p>Hãy làm bài tập thử.</p>'
        '<details class="solution"><summary>Đáp án</summary><p>Lời giải mẫu chỉ giảng viên được xem.</p></details>'
        '<h2 id="tu-kiem-tra">Tự kiểm tra</h2><div class="quiz"><ol><li><p>Câu hỏi thử là gì?</p>'
        '<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
        '<input type="checkbox" disabled/><span class="task-list-indicator"></span></label> Phương án sai</li>'
        '<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked/>'
        '<span class="task-list-indicator"></span></label> Phương án đúng</li></ul>'
        '<p class="quiz-explain">Giải thích đáp án chỉ có trong bản giảng viên.</p></li></ol></div>')
    (site / "tap-huan" / "bai-thu" / "index.html").write_text(_page("Bài thử", lesson, root + "tap-huan/bai-thu/"),
                                                             encoding="utf-8")
    secret = ["Ghi chú riêng giảng viên về thời gian giảng bài thử.", "Lời giải mẫu chỉ giảng viên được xem.",
              "Giải thích đáp án chỉ có trong bản giảng viên."]
    views = {}
    for edition in (printbook.LEARNER, printbook.TRAINER):
        b = make.make_book(BuiltSite(site), pages, "tap-huan", "vi", edition)
        html = render.render_book(b, QrCodes(None))
        f = site / b.dir / "index.html"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(html, encoding="utf-8")
        views[edition] = f
        assert "Đoạn học viên luôn thấy trong bài thử." in html
        assert ("(đáp án)" in html) == (edition == printbook.TRAINER)
        for s in secret:
            assert (s in html) == (edition == printbook.TRAINER), (edition, s)
        assert '<a href="#c-tap-huan-bai-thu">' in html  # table of contents
        assert "1.1</span> Nội dung" in html  # numbered headings
    chars = set().union(*(printbook.text_chars(v.read_text(encoding="utf-8")) for v in views.values()))
    css = pdf_export.pdf_css(printbook.font_with_glyphs(chars, tmp_path))
    for edition, view in views.items():
        out = tmp_path / f"{edition}.pdf"
        pdf_export.render_pdf(view, out, css)
        text = squeeze(" ".join(pdf_pages(out, crop=False)))
        assert squeeze("Đoạn học viên luôn thấy trong bài thử.") in text
        for s in secret:
            assert (squeeze(s) in text) == (edition == printbook.TRAINER), (edition, s)


# --------------------------------------------------------------------------
# Any page, printed from the browser (sotay.css, printing part)
# --------------------------------------------------------------------------


def _short_page(site_dir: Path) -> str:
    """A real Q&A page of the site, cut down to its title and one-sentence answer."""
    f = next(p for p in sorted((site_dir / "hoi-dap").glob("*/index.html"))
             if '<p><strong>Trả lời:' in p.read_text(encoding="utf-8"))
    html = f.read_text(encoding="utf-8")
    start = html.index('<article class="md-content__inner')
    end = html.index("</article>", start)
    art = html[start:end]
    answer = re.search(r"<p><strong>Trả lời:.*?</p>", art, re.S).group(0)
    head = art[: art.index("</h1>") + len("</h1>")]
    # A collapsed note prints open; a solution stays out of the learner's copy (sotay.css, training part).
    extra = ('<details class="note"><summary>Ghi chú</summary><p>Nội dung ghi chú được mở khi in.</p></details>'
             '<details class="solution"><summary>Đáp án</summary><p>Lời giải không in cho học viên.</p></details>')
    return html[:start] + head + answer + extra + html[end:]


@pytest.mark.browser
def test_a_short_page_prints_on_one_sheet_without_site_chrome(context, server, site_dir, watch, tmp_path):
    page = context.new_page()
    url = server + "/hoi-dap/zz-ban-in-ngan/"  # served from memory: the same depth as a real answer
    body = _short_page(site_dir)
    page.route(url, lambda r: r.fulfill(status=200, content_type="text/html; charset=utf-8", body=body))
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    for sel in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
                ".md-top", ".sotay-actions"):
        # All are in every page (.md-top: mkdocs.yml's navigation.top), so each is really hidden, not absent.
        assert page.locator(sel).count() >= 1, f"{sel} missing from the page"
        assert not any(page.locator(sel).nth(i).is_visible() for i in range(page.locator(sel).count())), sel
    pdf = tmp_path / "short.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    assert pdfinfo(pdf)["Pages"] == "1"
    text = norm(" ".join(pdf_pages(pdf, crop=False)))
    assert "Trả lời:" in text
    assert "Nội dung ghi chú được mở khi in." in text
    assert "Lời giải không in cho học viên." not in text
    for chrome in ("Tìm kiếm", "In cả phần", "Tải PDF", "tài liệu tham khảo; khi áp dụng"):
        assert chrome not in text, chrome
    assert not watch.external, watch.external


@pytest.mark.browser
def test_real_pages_print_without_a_blank_last_sheet_and_show_link_targets(context, server, site_dir, tmp_path):
    """The three shortest answers and a guide: no empty sheet at the end; link targets printed."""
    def size(f: Path) -> int:
        art = article(f)
        return len(art.text_content()) if art is not None else 10 ** 9
    answers = sorted((site_dir / "hoi-dap").glob("*/index.html"), key=size)[:3]
    page = context.new_page()
    for f in answers + [site_dir / "huong-dan" / "bieu-quyet" / "index.html"]:
        path = "/" + f.parent.relative_to(site_dir).as_posix() + "/"
        page.goto(server + path, wait_until="load")
        page.emulate_media(media="print")
        pdf = tmp_path / "p.pdf"
        pdf.write_bytes(page.pdf(format="A4"))
        last = pdf_pages(pdf, crop=False)[-1]
        assert last.strip(), f"{path}: blank last sheet"
        after = page.evaluate("""() => {
            const a = [...document.querySelectorAll('article a[data-print-url]')]
                .find(a => !a.closest('.sotay-basis-line, .basis'));
            return a ? [a.dataset.printUrl, getComputedStyle(a, '::after').content] : null; }""")
        if after:
            assert after[0] in after[1], (path, after)
        page.emulate_media(media="screen")


@pytest.mark.browser
def test_cover_qr_code_keeps_its_square_on_a_phone(phone, site_with_url, tmp_path):
    """On a 360 px phone the cover's QR code of /in/huong-dan/ is a square of at least 100 px
    (it was squeezed into a thin strip beside the long address), and it still decodes."""
    from sotay.browser import serve

    with serve(site_with_url) as base:
        page = phone.new_page()
        page.goto(base + "/in/huong-dan/", wait_until="load")
        box = page.locator(".cover__foot > img.qr").bounding_box()
        assert box and box["width"] >= 100 and abs(box["width"] - box["height"]) <= 1, box
        shot = tmp_path / "cover-360.png"
        page.locator(".cover").screenshot(path=str(shot))
        assert f"{TEST_SITE_URL}huong-dan/" in zbar(shot)
        # Where a person looks at it (make test keeps it in the pytest temporary folder).
        page.screenshot(path=str(tmp_path / "in-huong-dan-360.png"), full_page=False)


@pytest.mark.browser
def test_print_button_opens_the_print_view_of_the_section(context, server, watch):
    page = context.new_page()
    page.goto(server + "/huong-dan/bieu-quyet/")
    page.get_by_role("link", name="In cả phần").click()
    page.wait_for_url(re.compile(r"/in/huong-dan/$"))
    assert page.locator("#c-huong-dan-bieu-quyet").count() == 1
    assert page.locator(".md-header, .md-sidebar, .md-footer").count() == 0
    page.emulate_media(media="print")
    assert not page.locator(".screen-note").is_visible()
    assert not watch.external and not watch.failed, (watch.external, watch.failed)


@pytest.mark.browser
def test_print_view_prints_from_chromium_with_the_cover_on_its_own_sheet(context, server, tmp_path):
    page = context.new_page()
    page.goto(server + "/in/van-ban/", wait_until="load")
    page.emulate_media(media="print")
    pdf = tmp_path / "view.pdf"
    pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    pages = [norm(p) for p in pdf_pages(pdf, crop=False)]
    assert len(pages) >= 3
    assert "Văn bản căn cứ" in pages[0] and "Mục lục" not in pages[0]
    assert "Mục lục" in pages[1]


def test_qr_cache_keeps_what_another_process_saved(tmp_path, monkeypatch):
    """The two processes that write the print views both save .cache/qr.json; neither loses the other's codes."""
    import json

    cache = tmp_path / "qr.json"
    codes = QrCodes(cache)  # this process: reads the file (empty so far)
    cache.write_text(json.dumps({"http://x/a/": "data:a"}), encoding="utf-8")  # the other process saves
    assert codes.data_uri("http://x/b/").startswith("data:image/svg+xml")
    codes.save()
    assert json.loads(cache.read_text(encoding="utf-8")) == {"http://x/a/": "data:a", "http://x/b/": codes.codes["http://x/b/"]}
    assert not list(tmp_path.glob("*.tmp"))
