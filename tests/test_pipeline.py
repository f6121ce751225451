"""The page pipeline (sotay.pipeline): one ordered list of steps, one hook, and checks that
see what the build renders."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sotay import checks, pipeline

from test_checks import context, errors, make_tree, replace, run

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "overrides" / "hooks"


@pytest.fixture(scope="module")
def content() -> pipeline.Content:
    return pipeline.Content.load(ROOT / "docs")


def test_content_is_loaded_once_and_again_when_a_file_changes(tmp_path):
    root = make_tree(tmp_path)
    first = pipeline.Content.load(root / "docs")
    assert pipeline.Content.load(root / "docs") is first
    page = root / "docs" / "huong-dan" / "chuan-bi.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    again = pipeline.Content.load(root / "docs")
    assert again is not first
    assert again.by_src["huong-dan/chuan-bi.md"].body.rstrip().endswith("Thêm một dòng.")


def test_the_steps_are_one_ordered_list():
    assert [name for name, _ in pipeline.STEPS] == ["training", "site", "documents"]


def test_a_form_page_gets_its_title_as_a_heading_and_the_word_button(content):
    page = content.by_src["mau/nghi-quyet-thang.md"]
    md = pipeline.page_markdown(page, content)
    assert "## NGHỊ QUYẾT { .doc-title__name }" in md
    assert "nghi-quyet-thang.docx" in md
    assert md.index("sotay-basis-line") < md.index("nghi-quyet-thang.docx")  # basis line first, then the button


def test_page_anchors_are_the_rendered_ids(content):
    """The forms step makes the document's name a heading: its id is an anchor (the links
    check used to miss it and reported ../mau/nghi-quyet-thang.md#nghi-quyet as broken)."""
    anchors = pipeline.page_anchors(content.by_src["mau/nghi-quyet-thang.md"], content)
    assert {"nghi-quyet", "luu-y-khi-dien", "iii-phan-cong-thuc-hien"} <= anchors
    built = ROOT / "site" / "mau" / "nghi-quyet-thang" / "index.html"
    if built.exists():  # the same ids as the built page's headings
        import re

        heads = set(re.findall(r'<h[1-6][^>]*\bid="([^"]+)"', built.read_text(encoding="utf-8")))
        assert heads and heads <= anchors, heads - anchors


def test_links_check_sees_the_ids_the_forms_step_makes(tmp_path):
    """Regression (issue 20): a link to a form's document by the id of its name heading."""
    root = make_tree(tmp_path, {"huong-dan/chuan-bi.md": replace(
        "(../mau/bien-ban.md)", "(../mau/bien-ban.md#bien-ban)")})
    problems = run(context(root), "links")
    assert errors(problems) == [], "\n".join(map(str, problems))
    # and a wrong anchor on the same page is still an error, with the ids it has
    root2 = make_tree(tmp_path / "b", {"huong-dan/chuan-bi.md": replace(
        "(../mau/bien-ban.md)", "(../mau/bien-ban.md#bien-ban-hop)")})
    bad = errors(run(context(root2), "links"))
    assert any("#bien-ban-hop" in str(p) for p in bad), "\n".join(map(str, bad))


def test_links_check_on_the_real_link_to_a_form_document():
    """The real link of the issue: ../mau/nghi-quyet-thang.md#nghi-quyet is not reported."""
    ctx = checks.Context.load(docs_dir=ROOT / "docs", root=ROOT)
    page = ctx.by_src["mau/nghi-quyet-thang.md"]
    from sotay.checks import _markdown

    assert "nghi-quyet" in _markdown.page_anchors(ctx, page)


def test_one_hook_file_with_no_logic():
    """mkdocs.yml lists one hook; it only adapts MkDocs events (no loops over pages, no
    module state other than the pipeline's Build)."""
    import yaml

    hooks = [line.strip()[2:] for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
             if line.strip().startswith("- overrides/hooks/")]
    assert hooks == ["overrides/hooks/sotay.py"]
    assert sorted(p.name for p in HOOKS.glob("*.py")) == ["sotay.py"]
    tree = ast.parse((HOOKS / "sotay.py").read_text(encoding="utf-8"))
    state = [n for n in tree.body if isinstance(n, ast.Assign)]
    assert [t.id for n in state for t in n.targets] == ["log", "_run"]
    for fn in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
        assert fn.name == "_lang" or fn.name.startswith("on_"), fn.name
    del yaml


def test_one_marker_grammar_every_kind_is_expanded(content):
    """sotay.markers.KINDS lists every kind; each one is replaced by the step that owns it."""
    from sotay import markers

    page = content.by_src["tap-huan/lich-tap-huan.md"]
    params = {"list": " section=huong-dan", "tool": " name=thang-nay", "schedule": " start=7:30"}
    for kind in markers.KINDS:
        md = f"Đoạn văn.\n\n<!-- sotay:{kind}{params.get(kind, '')} -->\n"
        out = pipeline.page_markdown(page, content, markdown=md)
        assert f"sotay:{kind}" not in out, kind
    assert markers.parse("<!-- sotay:schedule start=7:30 afternoon=13:30 -->") == (
        "schedule", {"start": "7:30", "afternoon": "13:30"})
    assert markers.parse("<!-- sotay list -->") is None


def test_one_date_formatter_writes_what_each_place_wrote():
    import datetime as dt

    from sotay import model, offline, printbook, render, text

    d = dt.date(2026, 3, 5)
    assert text.fmt_date(d) == render.fmt_date(d) == "05/03/2026"
    assert model.Source(id="x", symbol="", kind="", issuer="", title="", status="in_force", verified=True, date=d).date_vi() == "05/03/2026"
    for lang in ("vi", "en"):  # the print cover and the offline notice can take it as it is
        assert text.fmt_date(d, lang, "long") == printbook.fmt_date(d, lang)
        assert text.fmt_date(d, lang, "iso") == offline._fmt(d, lang)


def test_one_table_reader_and_the_escaped_pipe():
    from sotay import forms, text
    from sotay.checks import structure

    assert text.table_cells("| Việc | a \\| b | Phút |") == ["Việc", "a | b", "Phút"]
    assert text.table_cells("Việc | Phút") == ["Việc", "Phút"]
    assert structure._cells is text.table_cells
    assert forms.parse._Parser._cells is text.table_cells


def test_one_string_table_per_language():
    """Every module's texts are in sotay.strings, the same keys in each language; the modules'
    tables are views of it (not copies)."""
    from sotay import forms, phone, render, site, strings, tools, training

    vi, en = strings.STRINGS["vi"], strings.STRINGS["en"]
    assert vi.keys() == en.keys()
    for name in vi:
        assert vi[name].keys() == en[name].keys(), name
    assert render.L["en"] is en["render"] and training.L["vi"] is vi["training"] and forms.L["en"] is en["forms"]
    assert tools.STRINGS["en"] is en["tools"]
    assert site.FALLBACK_TITLE_EN == en["site"]["fallback_title"] and phone.SKIP_TEXT["en"] == en["phone"]["skip"]
    from sotay import deploy, home, offline, printbook, pwa, redirects

    for module, name in ((printbook, "printbook"), (offline, "offline"), (pwa, "pwa"), (home, "home"),
                         (deploy, "deploy"), (redirects, "redirects")):
        assert module.L["vi"] is vi[name] and module.L["en"] is en[name], name
    assert set(strings.FILES) == set(vi), "every table has its file (the terms check names it)"


def test_no_module_keeps_a_string_table_of_its_own():
    """The texts a module writes live in sotay.strings: no `L = {"vi": …}` table elsewhere."""
    import re

    from sotay import model

    scripts = model.ROOT / "scripts" / "sotay"
    own = [str(f.relative_to(scripts)) for f in sorted(scripts.rglob("*.py")) if f.parent.name != "strings"
           and re.search(r'^\w+\s*(?::[^=]+)?=\s*\{\s*\n?\s*"vi":\s*\{', f.read_text(encoding="utf-8"), re.M)]
    assert not own, f"move these tables into sotay.strings: {own}"
