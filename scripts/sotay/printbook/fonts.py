"""One font family in the PDFs: the text font with the glyphs it lacks grafted in.

Noto Serif has no → − ≥ ☐ ✓ …; left to CSS fallback, WeasyPrint (Pango) takes each
such glyph from another family and the PDF embeds several font families. So the
faces of the text font are copied with the missing glyphs of the text added from
:data:`GLYPH_DONORS` (drawn, scaled to the text font's units per em), and the
PDF style sheet names only these copies ("Sotay Text", :func:`font_faces_css`).
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

FONT_FACES = {  # (weight, style) -> file in the font directory
    (400, "normal"): "NotoSerif-Regular.ttf",
    (700, "normal"): "NotoSerif-Bold.ttf",
    (400, "italic"): "NotoSerif-Italic.ttf",
    (700, "italic"): "NotoSerif-BoldItalic.ttf",
}
# Where glyphs the text font lacks are taken from.
GLYPH_DONORS = ("NotoSansMath-Regular.ttf", "NotoSansSymbols-Regular.ttf", "NotoSansSymbols2-Regular.ttf")
FAMILY = "Sotay Text"   # the name the PDF style sheet uses


def text_chars(html_text: str) -> set[str]:
    """The characters a reader sees in an HTML document (not in its style sheets or scripts),
    and the markers of nested lists."""
    from lxml import html as lhtml

    if not html_text.strip():
        return set("•◦▪")
    doc = lhtml.document_fromstring(html_text)
    for el in doc.xpath("//style | //script"):
        el.drop_tree()
    return set(doc.text_content()) | set("•◦▪")


def missing_chars(cmap: dict[int, str], chars: set[str]) -> list[str]:
    """The visible characters of ``chars`` a font (its ``cmap``) has no glyph for."""
    return sorted(c for c in chars if ord(c) not in cmap and ord(c) > 0x20 and unicodedata.category(c)[0] not in "CZ")


def graft(font, donors: list, chars: list[str]) -> list[str]:
    """Copy the glyphs of ``chars`` from the first of ``donors`` (fontTools TTFonts) that has
    each into ``font``, in place; the characters added."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    added = []
    for c in chars:
        for donor in donors:
            dname = donor.getBestCmap().get(ord(c))
            if not dname:
                continue
            gs = donor.getGlyphSet()
            rec = DecomposingRecordingPen(gs)
            gs[dname].draw(rec)
            pen = TTGlyphPen(None)
            scale = font["head"].unitsPerEm / donor["head"].unitsPerEm
            rec.replay(TransformPen(pen, (scale, 0, 0, scale, 0, 0)) if scale != 1 else pen)
            glyph = pen.glyph()
            name = f"sotay_uni{ord(c):04X}"
            font["glyf"][name] = glyph
            glyph.recalcBounds(font["glyf"])
            font["hmtx"][name] = (round(donor["hmtx"][dname][0] * scale), getattr(glyph, "xMin", 0))
            for table in font["cmap"].tables:
                if table.isUnicode() and (table.format != 4 or ord(c) <= 0xFFFF):
                    table.cmap[ord(c)] = name
            added.append(c)
            break
    if added:
        for tag in ("hdmx", "LTSH", "VDMX", "DSIG"):  # tables that would now be wrong
            if tag in font:
                del font[tag]
    return added


def font_with_glyphs(chars: set[str], out_dir: Path, font_dir: Path | None = None) -> dict[tuple[int, str], Path]:
    """The faces of the text font (from ``font_dir``, default: the settings'), each a copy in
    ``out_dir`` with the glyphs of ``chars`` it lacks added, or the original when it lacks none."""
    from fontTools.ttLib import TTFont

    if font_dir is None:
        from .settings import PrintSettings

        font_dir = PrintSettings.current().font_dir

    out: dict[tuple[int, str], Path] = {}
    donors = [TTFont(font_dir / d) for d in GLYPH_DONORS if (font_dir / d).exists()]
    for face, fname in FONT_FACES.items():
        src = font_dir / fname
        if not src.exists():
            raise SystemExit(f"font not found: {src} (apt-get install fonts-noto-core)")
        font = TTFont(src)
        missing = missing_chars(font.getBestCmap(), chars)
        added = graft(font, donors, missing)
        if added:
            dest = out_dir / fname
            font.save(dest)
            out[face] = dest
        else:
            out[face] = src
        unknown = set(missing) - set(added)
        if unknown and face == (400, "normal"):
            print("pdf: no font has " + " ".join(f"U+{ord(c):04X}" for c in sorted(unknown)), file=sys.stderr)
    return out


def font_faces_css(fonts: dict[tuple[int, str], Path]) -> str:
    """@font-face rules naming these files "Sotay Text"."""
    return "\n".join(
        f'@font-face {{ font-family: "{FAMILY}"; src: url("{p.resolve().as_uri()}"); '
        f"font-weight: {w}; font-style: {s}; }}" for (w, s), p in fonts.items())


def fingerprint(font_dir: Path) -> str:
    """What the fonts add to a PDF's cache key: each file's name and size."""
    out = []
    for name in list(FONT_FACES.values()) + list(GLYPH_DONORS):
        f = font_dir / name
        out.append(f"{name}:{f.stat().st_size if f.exists() else 0}")
    return "".join(out)
