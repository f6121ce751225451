"""The tool pages: addresses on the built site, the forms a tool includes, “Buổi sinh hoạt tháng này” and the vote calculator (HTML that reads without JavaScript, and the rules as JSON for tools.js)."""
from __future__ import annotations

import html
import json
import posixpath
import re
from typing import Any
from .. import render
from ..model import DOCS, Page, Registry, base_name
from .rules import TOOLS, page_anchors, rules
from .strings import strings


# --------------------------------------------------------------------------
# Addresses on the built site (the tools' HTML is raw: links are relative URLs)
# --------------------------------------------------------------------------


def page_url(src: str) -> str:
    """Site path of a page, directory style: 'huong-dan/x.md' -> 'huong-dan/x/', 'mau/index.md' -> 'mau/'."""
    src = base_name(src)
    if src == "index.md":
        return ""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[:-3] + "/"


def href(from_src: str, target: str) -> str:
    """Relative URL from a page to a page ('x.md#a', from docs/) or a built file ('mau/x.docx').

    Pages of a language other than the default live under '<lang>/' and link to the pages of
    their language; the built files (Word files) exist once, at the site root."""
    from ..model import DEFAULT_LANG, lang_of

    lang = lang_of(from_src)
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    path, _, anchor = target.partition("#")
    if anchor and prefix and path.endswith(".md"):
        # The page in this language has its own headings: keep the anchor only if it has it.
        own = DOCS / (path[:-3] + f".{lang}.md")
        if own.is_file() and anchor not in page_anchors(own):
            anchor = ""
    dest = prefix + page_url(path) if path.endswith(".md") else path
    here = prefix + page_url(from_src)
    out = posixpath.relpath(dest or ".", here.rstrip("/") or ".")
    if dest.endswith("/") or dest == "":
        out = out.rstrip("/") + "/" if out != "." else "./"
    return out + (f"#{anchor}" if anchor else "")


def _e(s: Any) -> str:
    return html.escape(str(s), quote=True)


def _t(item: dict, key: str, lang: str) -> str:
    """A text field in the page's language ('label' / 'label_en')."""
    return item.get(f"{key}_en") if lang == "en" and item.get(f"{key}_en") else item.get(key, "")


def _basis_html(item: dict, registry: Registry, from_src: str, lang: str, cite: bool = True) -> str:
    s = strings(lang)
    links = []
    for sid in item.get("sources") or []:
        src = registry.get(sid)
        if src is None:
            continue
        mark = "*" if not src.verified else ""
        name = render.source_symbol(src, lang)  # 'Party Charter' on English pages
        vi = ' lang="vi"' if lang != "vi" and not re.search(r"\d", name) and render.VI_LETTERS.search(name) else ""
        links.append(f'<a href="{_e(href(from_src, "van-ban/index.md#" + src.anchor))}"{vi}>{_e(name)}{mark}</a>')
    text = f'{_e(s["basis"])}: {", ".join(links)}' if links else ""
    c = _t(item, "cite", lang) if cite else ""
    if c:
        text += f" — {_e(c)}" if text else _e(c)
    return text


def _json(data: Any) -> str:
    """Inline JSON that cannot close its <script> element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


def _data_script(name: str, data: dict) -> str:
    return f'<script type="application/json" class="sotay-tool-data" data-tool="{name}">{_json(data)}</script>'


def fraction_words(threshold: dict, lang: str) -> str:
    """{op: more_than, num: 1, den: 2} -> 'hơn một nửa' (the words of STRINGS, else 'hơn 1/2')."""
    s = strings(lang)
    frac = f"{threshold['num']}/{threshold['den']}"
    return s[threshold["op"]].format(frac=s["fractions"].get(frac, frac))


def _offset_words(offset, lang: str) -> str:
    s = strings(lang)
    a, b = (offset, offset) if isinstance(offset, int) else offset
    if a == b == 0:
        return s["same_day"]
    def days(word, n):  # "1 day before" where the language has a singular ("before_1"), else "{n} days before"
        return s.get(f"{word}_{n}", s[word].format(n=n))

    if b < 0:
        return days("before", -a) if a == b else s["before_range"].format(a=-b, b=-a)
    if a > 0:
        return days("after", a) if a == b else s["after_range"].format(a=a, b=b)
    return s["same_or_after"].format(b=b)


# --------------------------------------------------------------------------
# Forms included in a tool page (the packet)
# --------------------------------------------------------------------------

DOC_OPEN = '<div class="sotay-doc" markdown>'


def document_markdown(page: Page) -> str:
    """The document block of a form page (``<div class="sotay-doc" markdown>`` … its ``</div>``),
    with the placeholders as the page shows them (the form's own labels)."""
    from ..render import placeholders_to_html

    lines = page.body.split("\n")
    try:
        start = next(i for i, s in enumerate(lines) if s.strip() == DOC_OPEN)
    except StopIteration:
        return ""
    depth, end = 0, len(lines)
    for i in range(start, len(lines)):
        s = lines[i].strip()
        depth += len(re.findall(r"<div\b", s)) - s.count("</div>")
        if depth == 0:
            end = i + 1
            break
    block = "\n".join(lines[start:end])
    return placeholders_to_html(block, page.meta.get("placeholders") or {})


# --------------------------------------------------------------------------
# The tool pages
# --------------------------------------------------------------------------


def tool_markdown(name: str, page: Page, pages: list[Page], registry: Registry, lang: str) -> str:
    """What the marker <!-- sotay:tool name=… --> becomes on ``page``."""
    if name == "thang-nay":
        return month_markdown(page, pages, registry, lang)
    if name == "ke-hoach-nam":
        return plan_markdown(page, pages, registry, lang)
    if name == "may-tinh-bieu-quyet":
        return vote_markdown(page, registry, lang)
    raise ValueError(f"{page.where}: không có công cụ '{name}' (có: {', '.join(TOOLS)})")


def _forms_by_name(pages: list[Page]) -> dict[str, Page]:
    return {p.base.rsplit("/", 1)[-1][:-3]: p for p in pages
            if p.section == "mau" and p.lang == "vi" and p.type in ("form", "template")}


KIT_PREFIX = re.compile(r"^(Chuyên đề|Thematic meeting): ")


def _title(p: Page, pages: list[Page], lang: str) -> tuple[str, str]:
    """(title, lang attribute) of a form or kit as a page in ``lang`` names it: the English
    page's title on the English site, else the Vietnamese title marked lang="vi"."""
    own = lang == "vi" or any(q.base == p.base and q.lang == lang for q in pages)
    return render._title_of(pages, p.base, lang), "" if own else ' lang="vi"'


def _noscript(lang: str) -> str:
    return f'<noscript><p class="sotay-tool__noscript">{_e(strings(lang)["noscript"])}</p></noscript>'


def month_markdown(page: Page, pages: list[Page], registry: Registry, lang: str) -> str:
    d = rules("meeting").data
    s = strings(lang)
    forms_ = _forms_by_name(pages)
    kinds = d["kinds"]
    notes = {n["id"]: n for n in d["notes"]}
    kits = sorted((p for p in forms_.values() if p.type == "template"), key=lambda p: str(p.meta.get("title")))
    out = ['<div class="sotay-tool sotay-month" data-sotay-tool="thang-nay" markdown>', ""]
    # 1. What meeting, when.
    radios = "".join(
        f'<label class="sotay-choice"><input type="radio" name="kind" value="{_e(k["id"])}"'
        f'{" checked" if i == 0 else ""}> <span>{_e(_t(k, "label", lang))}</span></label>'
        for i, k in enumerate(kinds))
    kit_titles = {p.base: _title(p, pages, lang) for p in kits}
    kit_options = "".join(f'<option value="{_e(p.base.rsplit("/", 1)[-1][:-3])}"{kit_titles[p.base][1]}>'
                          f'{_e(KIT_PREFIX.sub("", kit_titles[p.base][0]))}</option>' for p in kits)
    out.append(
        '<form class="sotay-month__pick" action="#">'
        f'<fieldset class="sotay-choices"><legend>{_e(s["kind"])}</legend>{radios}</fieldset>'
        f'<p class="sotay-field"><label for="sotay-month-date">{_e(s["date"])}</label>'
        '<input type="date" id="sotay-month-date" name="date" required></p>'
        f'<p class="sotay-field" data-for-kinds="chuyen-de ket-hop"><label for="sotay-month-kit">{_e(s["kit"])}</label>'
        f'<select id="sotay-month-kit" name="kit">{kit_options}</select></p>'
        '</form>')
    out.append("")
    out.append(f'<p class="sotay-month__summary" role="status" aria-live="polite">{_e(s["no_date"])}</p>')
    out.append("")
    out.append(_noscript(lang))
    out.append("")
    # 2. The steps with their dates.
    out.append(f"## {s['steps']} {{ #cac-buoc }}")
    out.append("")
    items = []
    for st in d["steps"]:
        off = st.get("offset")
        a, b = ((off, off) if isinstance(off, int) else off) if off is not None else (None, None)
        attrs = f' data-step="{_e(st["id"])}" data-kinds="{_e(" ".join(st["kinds"]))}" data-timing="{_e(st["timing"])}"'
        if a is not None:
            attrs += f' data-from="{a}" data-to="{b}"'
        if st.get("meeting"):
            attrs += ' data-meeting=""'
        when = _offset_words(off, lang) if off is not None else s["timing"]["upper"]
        badges = f'<span class="sotay-badge sotay-badge--{_e(st["timing"])}">{_e(s["timing"][st["timing"]])}</span>'
        if st.get("practice"):
            badges += f' <span class="sotay-badge sotay-badge--practice">{_e(s["practice"])}</span>'
        form = ""
        if st.get("form") and st["form"] in forms_:
            f = forms_[st["form"]]
            ftitle, fvi = _title(f, pages, lang)
            form = f' · <a href="{_e(href(page.src, f.base))}">{_e(s["open_form"])}: <span{fvi}>{_e(ftitle)}</span></a>'
        cid = f'sotay-step-{st["id"]}'
        items.append(
            f'<li class="sotay-step"{attrs}>'
            f'<p class="sotay-step__when"><span class="sotay-step__date" data-date></span> '
            f'<span class="sotay-step__offset">{_e(when)}</span> {badges}</p>'
            f'<p class="sotay-step__what"><input type="checkbox" id="{cid}" data-check="step:{_e(st["id"])}"> '
            f'<label for="{cid}">{_e(_t(st, "title", lang))}</label></p>'
            f'<p class="sotay-step__basis">{_basis_html(st, registry, page.src, lang)}'
            f' · <a href="{_e(href(page.src, st["guide"]))}">{_e(s["guide"])}</a>{form}</p>'
            '</li>')
    out.append('<ol class="sotay-steps">' + "".join(items) + "</ol>")
    out.append("")
    out.append(f'<p class="sotay-month__progress"><span data-progress role="status"></span> '
               f'<button type="button" class="md-button" data-act="reset">{_e(s["reset"])}</button></p>')
    out.append("")
    # 3. The packet, in order.
    out.append(f"## {s['packet']} {{ #bo-van-ban }}")
    out.append("")
    packet_docx = href(page.src, "mau/bo-mau-buoi-sinh-hoat.docx")
    packet_pdf = href(page.src, "mau/bo-mau-buoi-sinh-hoat.pdf")
    out.append(
        '<p class="sotay-packet__actions">'
        f'<button type="button" class="md-button md-button--primary" data-act="print-packet" title="{_e(s["print_packet_hint"])}">'
        f'{_e(s["print_packet"])}</button> '
        f'<a class="md-button" href="{_e(packet_docx)}" data-act="packet-docx" download>{_e(s["packet_docx"])}</a> '
        f'<a class="md-button" href="{_e(packet_pdf)}" download>{_e(s["packet_pdf"])}</a></p>')
    out.append("")
    out.append(f'<p class="sotay-packet__help">{_e(s["packet_help"])}</p>')
    out.append("")
    out.append('<div class="sotay-fill-here" data-fill-panel=""></div>')
    out.append("")
    out.append('<p class="sotay-packet__status" role="status" aria-live="polite"></p>')
    out.append("")
    # In the order of the first kind that lists them, then the others' extra items where they fit.
    ranked = []
    for k in kinds:
        for item in k["packet"]:
            if item not in ranked:
                prev = [x for x in k["packet"][: k["packet"].index(item)] if x in ranked]
                pos = ranked.index(prev[-1]) + 1 if prev else 0
                ranked.insert(pos, item)
    # The forms are pages of their own: search finds them there, not again on this page.
    out.append('<div class="sotay-packet" lang="vi" role="list" data-search-exclude markdown>')
    out.append("")
    for item in ranked:
        in_kinds = " ".join(k["id"] for k in kinds if item in k["packet"])
        cid = f"sotay-packet-{item}"
        if item in notes:
            n = notes[item]
            extra = ""
            if item == "kit":
                ktitle, kvi = _title(kits[0], pages, lang)
                extra = ' <a data-kit-link href="' + _e(href(page.src, kits[0].base)) + '"' + kvi + '>' + \
                        _e(ktitle) + "</a>"
            out.append(
                f'<div class="sotay-packet__item sotay-packet__item--note" role="listitem" data-item="{_e(item)}" '
                f'data-kinds="{_e(in_kinds)}" lang="{lang}">'
                f'<p class="sotay-packet__head"><input type="checkbox" id="{cid}" data-check="packet:{_e(item)}"> '
                f'<label for="{cid}">{_e(_t(n, "label", lang))}</label>{extra}</p>'
                f'<p class="sotay-step__basis">{_basis_html(n, registry, page.src, lang, cite=False)}'
                f' · <a href="{_e(href(page.src, n["guide"]))}">{_e(s["guide"])}</a></p></div>')
            out.append("")
            continue
        f = forms_[item]
        title = str(f.meta.get("title"))
        docx = href(page.src, f.base[:-3] + ".docx")
        out.append(f'<div class="sotay-packet__item" role="listitem" data-item="{_e(item)}" data-kinds="{_e(in_kinds)}" markdown>')
        out.append("")
        out.append(
            f'<p class="sotay-packet__head"><input type="checkbox" id="{cid}" data-check="packet:{_e(item)}"> '
            f'<label for="{cid}">{_e(title)}</label></p>')
        out.append("")
        out.append(
            f'<p class="sotay-packet__links" lang="{lang}"><a href="{_e(href(page.src, f.base))}">{_e(s["open_form"])}</a> · '
            f'<button type="button" class="md-button sotay-packet__docx" data-act="docx" data-docx="{_e(docx)}" '
            f'data-form="{_e(item)}">{_e(s["docx_filled"])}</button> · '
            f'<a href="{_e(docx)}" download>{_e(s["docx_blank"])}</a></p>')
        out.append("")
        out.append(f'<details class="sotay-packet__doc" data-fill-form="{_e(item)}" data-fill-title="{_e(title)}" markdown>')
        out.append(f'<summary lang="{lang}">{_e(s["show_doc"])}</summary>')
        out.append("")
        out.append(document_markdown(f))
        out.append("")
        out.append("</details>")
        out.append("")
        out.append("</div>")
        out.append("")
    out.append("</div>")
    out.append("")
    data = {
        "strings": {k: s[k] for k in ("weekdays", "summary", "minutes", "no_date", "deadline", "reset_confirm",
                                      "reset_done", "ticked", "docx_busy", "docx_done", "docx_failed", "docx_file_url")},
        "kinds": {k["id"]: {"label": _t(k, "label", lang), "minutes": k.get("minutes")} for k in kinds},
        "kits": {p.base.rsplit("/", 1)[-1][:-3]: {"title": kit_titles[p.base][0], "vi": bool(kit_titles[p.base][1]),
                                                  "href": href(page.src, p.base)}
                 for p in kits},
        "lang": lang,
    }
    out.append(_data_script("thang-nay", data))
    out.append("")
    out.append("</div>")
    return "\n".join(out) + "\n"


def vote_markdown(page: Page, registry: Registry, lang: str) -> str:
    d = rules("voting").data
    s = strings(lang)
    label = {c["id"]: _t(c, "label", lang) for c in d["counts"]}
    out = ['<div class="sotay-tool sotay-vote" data-sotay-tool="may-tinh-bieu-quyet" markdown>', ""]
    radios = "".join(
        f'<label class="sotay-choice"><input type="radio" name="decision" value="{_e(x["id"])}"'
        f'{" checked" if i == 0 else ""}> <span>{_e(_t(x, "label", lang))}</span></label>'
        for i, x in enumerate(d["decisions"]))
    used_by: dict[str, list[str]] = {}
    for x in d["decisions"]:
        for c in x["excludes"]:
            used_by.setdefault(c, []).append(x["id"])
    fields = []
    for c in d["counts"]:
        for_ = ""
        if c["role"] == "exclude":
            for_ = f' data-for-decisions="{_e(" ".join(used_by.get(c["id"], [])))}"'
        help_ = _t(c, "help", lang)
        hid = f'sotay-vote-{c["id"]}-help'
        fields.append(
            f'<p class="sotay-field sotay-field--{_e(c["role"])}"{for_}>'
            f'<label for="sotay-vote-{_e(c["id"])}">{_e(label[c["id"]])}</label>'
            f'<input type="number" id="sotay-vote-{_e(c["id"])}" name="{_e(c["id"])}" min="0" step="1" inputmode="numeric"'
            + (f' aria-describedby="{hid}"' if help_ else "") + ">"
            + (f'<span class="sotay-field__help" id="{hid}">{_e(help_)}</span>' if help_ else "") + "</p>")
    out.append('<form class="sotay-vote__form" action="#">'
               f'<fieldset class="sotay-choices"><legend>{_e(s["decision"])}</legend>{radios}</fieldset>'
               f'<fieldset class="sotay-vote__numbers"><legend>{_e(s["numbers"])}</legend>{"".join(fields)}</fieldset>'
               '</form>')
    out.append("")
    out.append(f'<div class="sotay-vote__result" role="status" aria-live="polite"><p>{_e(s["enter"])}</p></div>')
    out.append("")
    out.append(_noscript(lang))
    out.append("")
    nv = d["non_voters"]
    out.append(f'<p class="sotay-vote__note">{_e(_t(nv, "text", lang))} <span class="sotay-step__basis">'
               f'{_basis_html(nv, registry, page.src, lang)}</span></p>')
    out.append("")
    # The rules, as a table that reads without JavaScript and prints.
    out.append(f"## {s['rules_table']} {{ #quy-tac }}")
    out.append("")
    cols = s["rule_col"]
    rows = []
    for x in d["decisions"]:
        excl = ", ".join(label[c].replace("Trong đó, ", "").replace("Of whom, ", "") for c in x["excludes"])
        cells = [_e(_t(x, "label", lang)), _e(fraction_words(x["threshold"], lang)), _e(s["base_word"].format(list=excl)),
                 _basis_html(x, registry, page.src, lang)]
        rows.append("<tr>" + "".join(f'<td data-label="{_e(c)}">{v}</td>' for c, v in zip(cols, cells)) + "</tr>")
    out.append('<table class="sotay-rules" data-stack=""><thead><tr>' + "".join(f"<th>{_e(c)}</th>" for c in cols)
               + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    out.append("")
    q = d["quorum"]
    out.append(f'<p class="sotay-vote__quorum"><strong>{_e(s["validity"])}:</strong> {_e(_t(q, "text", lang))} '
               f'{_e(_t(q, "ask", lang))} <span class="sotay-step__basis">{_basis_html(q, registry, page.src, lang)}</span></p>')
    out.append("")

    def basis(x):
        return _basis_html(x, registry, page.src, lang)

    data = {
        "strings": {k: s[k] for k in ("base", "need", "result", "validity", "passes", "fails", "base_line", "base_none",
                                      "need_more", "need_least", "need_least_round", "present_short", "quorum_ok", "quorum_short", "ballot", "ask",
                                      "err_integer", "err_excluded", "err_present", "err_votes", "err_base", "enter",
                                      "basis")},
        "counts": [{"id": c["id"], "role": c["role"], "label": label[c["id"]]} for c in d["counts"]],
        "decisions": [{"id": x["id"], "label": _t(x, "label", lang), "threshold": x["threshold"],
                       "words": fraction_words(x["threshold"], lang), "excludes": x["excludes"],
                       "ballot": _t(x, "ballot", lang), "ballotAsk": _t(x, "ballot_ask", lang),
                       "fails": _t(x, "fails", lang), "ask": _t(x, "ask", lang), "basis": basis(x)}
                      for x in d["decisions"]],
        "quorum": {"status": q["status"], "threshold": q.get("threshold"), "text": _t(q, "text", lang),
                   "ask": _t(q, "ask", lang), "basis": basis(q)},
        "cellMinimum": {"value": d["cell_minimum"]["value"], "ask": _t(d["cell_minimum"], "ask", lang),
                        "basis": basis(d["cell_minimum"])},
        "lang": lang,
    }
    out.append(_data_script("may-tinh-bieu-quyet", data))
    out.append("")
    out.append("</div>")
    return "\n".join(out) + "\n"


# Names from the modules after this one (imported last: no import cycle at load time).
from .plan import plan_markdown  # noqa: E402
