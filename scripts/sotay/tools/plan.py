"""The year plan: a “Kế hoạch” document per kind of cell, as a page and as a Word file."""
from __future__ import annotations

import re
from ..kit_docx import FRAME_LABELS
from ..model import Page, Registry, load_registry
from .pages import DOC_OPEN, KIT_PREFIX, _basis_html, _data_script, _e, _forms_by_name, _noscript, _t, _title, href
from .rules import MEETING_FILE, rules
from .strings import strings


# --------------------------------------------------------------------------
# The year plan: a "Kế hoạch" document per kind of cell (page and Word file)
# --------------------------------------------------------------------------

PLAN_FORM = "ke-hoach-sinh-hoat-nam"
# The Party document's frame, as the forms and kits label it (sotay.kit_docx.FRAME_LABELS),
# and the plan's year before the signer.
PLAN_LABELS = {**{k: v for k, v in FRAME_LABELS.items() if k != "ho_ten_bi_thu"},
               "nam_ke_hoach": "Năm kế hoạch", "ho_ten_bi_thu": FRAME_LABELS["ho_ten_bi_thu"]}


def plan_docx_name(cell_type: str) -> str:
    """Site path of the plan's Word file for one kind of cell."""
    return f"cong-cu/{PLAN_FORM}-{cell_type}.docx"


def plan_months(cell_type: dict, pages: list[Page]) -> list[dict]:
    """The twelve months: which meeting(s), which kit. A kit as long as the combined
    meeting's minimum (kinds: ket-hop) is planned with the regular meeting in one sitting."""
    d = rules("meeting").data
    plan = d["plan"]
    forms_ = _forms_by_name(pages)
    combined = next((k.get("minutes") for k in d["kinds"] if k["id"] == "ket-hop"), None)
    kits = dict(zip(plan["topic"]["months"], cell_type["kits"]))
    out = []
    for m in range(1, 13):
        row = {"month": m, "kind": "thuong-ky", "kit": None, "review": m == plan["review"]["month"]}
        if m in kits:
            kit = forms_[kits[m]]
            row["kit"] = kit
            row["kind"] = "ket-hop" if combined and kit.meta.get("duration") == combined else "chuyen-de"
        out.append(row)
    return out


def _plan_cell(row: dict, lang: str = "vi") -> tuple[str, str]:
    s = strings(lang)
    kind = {"thuong-ky": s["plan_regular"], "chuyen-de": s["plan_regular"] + "; " + s["plan_topic"].lower(),
            "ket-hop": s["plan_combined"]}[row["kind"]]
    if row["review"]:
        kind += "; " + s["plan_review"].lower()
    topic = re.sub(r"^Chuyên đề: ", "", str(row["kit"].meta.get("title"))) if row["kit"] else ""
    return kind, topic


def plan_document(cell_type: dict, pages: list[Page], registry: Registry) -> str:
    """The plan as a form document (the restricted Markdown of sotay.forms), in Vietnamese:
    the page shows it and sotay.docx_export makes the Word file from the same text."""
    d = rules("meeting").data

    def doc(sid: str) -> str:
        src = registry.get(sid)
        return f"{src.kind} số {src.symbol} ngày {src.date_vi()} của {src.issuer}" if src and src.date else sid

    rows = []
    for row in plan_months(cell_type, pages):
        kind, topic = _plan_cell(row)
        content = []
        if row["month"] == 1:
            content.append("Thông qua kế hoạch sinh hoạt năm")
        if topic:
            content.append(f"Chuyên đề: {topic}")
        if row["review"]:
            content.append("Kiểm điểm, đánh giá, xếp loại chất lượng năm {{nam_ke_hoach}} theo hướng dẫn của cấp ủy cấp trên")
        rows.append(f"| {row['month']} | {kind[:1].upper() + kind[1:]} | {'; '.join(content) or '……'} | |")
    per_q = d["plan"]["topic"]["per_quarter"]
    topic_line = ("Sinh hoạt chuyên đề mỗi quý một buổi" if per_q == 1 else f"Sinh hoạt chuyên đề mỗi quý {per_q} buổi")
    lines = [
        DOC_OPEN, "",
        '<div class="doc-header" markdown>', "",
        "| | |", "|---|---|",
        "| ĐẢNG BỘ {{ten_dang_bo}}<br>**CHI BỘ {{ten_chi_bo}}**<br>* | **ĐẢNG CỘNG SẢN VIỆT NAM** |",
        "| Số {{so_van_ban}}-KH/CB | *{{dia_danh}}, ngày {{ngay_ky}} tháng {{thang_ky}} năm {{nam_ky}}* |",
        "", "</div>", "",
        '<div class="doc-title" markdown>', "",
        "**KẾ HOẠCH**", "",
        "**sinh hoạt chi bộ năm {{nam_ke_hoach}}**", "",
        "</div>", "",
        f"Căn cứ Điều lệ Đảng; {doc('ct-50-2025')} và {doc('hd-42-2025')} về nâng cao chất lượng sinh hoạt chi bộ; "
        f"{doc('qd-366-2025')} về kiểm điểm, đánh giá, xếp loại chất lượng; chương trình công tác năm {{{{nam_ke_hoach}}}} "
        "của Đảng ủy {{ten_dang_bo}}, Chi bộ {{ten_chi_bo}} xây dựng kế hoạch sinh hoạt chi bộ năm {{nam_ke_hoach}} như sau.",
        "",
        "### I. MỤC ĐÍCH, YÊU CẦU", "",
        "1. Giữ nền nếp sinh hoạt thường kỳ mỗi tháng một lần; mỗi buổi đủ thời lượng, nội dung thiết thực, "
        "có nghị quyết hoặc kết luận rõ người, rõ việc, rõ thời hạn.",
        f"2. {topic_line}, gắn với nhiệm vụ chính trị của chi bộ và chuyên đề năm do cấp ủy cấp trên hướng dẫn.",
        "3. Tài liệu sinh hoạt được đăng trên ứng dụng Sổ tay đảng viên điện tử ít nhất 1 ngày trước mỗi buổi sinh hoạt.",
        "",
        "### II. NỘI DUNG, THỜI GIAN", "",
        "Mỗi buổi sinh hoạt thường kỳ đánh giá kết quả lãnh đạo thực hiện nghị quyết tháng trước và đề ra nhiệm vụ "
        "tháng tiếp theo; nội dung trọng tâm từng tháng do chi ủy thống nhất khi chuẩn bị.", "",
        "| Tháng | Hình thức | Nội dung trọng tâm | Người chuẩn bị |",
        "|:---:|------|------------|----|",
        *rows, "",
        "### III. TỔ CHỨC THỰC HIỆN", "",
        "1. Bí thư phân công chuẩn bị nội dung từng buổi; chi ủy (nơi không có chi ủy: bí thư, phó bí thư) "
        "thống nhất nội dung trước mỗi buổi sinh hoạt.",
        "2. Đảng viên được giao chuẩn bị chuyên đề gửi đề cương để chi ủy duyệt trước buổi sinh hoạt.",
        "3. Kế hoạch được điều chỉnh khi có chỉ đạo của cấp ủy cấp trên; chi bộ thông báo việc điều chỉnh "
        "tại buổi sinh hoạt gần nhất.",
        "",
        '<div class="doc-signature" markdown>', "",
        "| | |", "|---|---|",
        "| Nơi nhận:<br>- Đảng ủy {{ten_dang_bo}} (để báo cáo),<br>- Đảng viên trong chi bộ,<br>- Lưu chi bộ. "
        "| **T/M CHI BỘ**<br>**BÍ THƯ**<br><br><br><br>**{{ho_ten_bi_thu}}** |",
        "", "</div>", "",
        "</div>",
    ]
    return "\n".join(lines)


def plan_page(cell_type: dict, pages: list[Page], registry: Registry) -> Page:
    """The plan document as a form page (not a file in docs/): what sotay.forms and
    sotay.docx_export read to make ``cong-cu/ke-hoach-sinh-hoat-nam-<id>.docx``."""
    import datetime as dt

    reviewed = max((p.meta.get("reviewed") for p in pages if p.section == "cong-cu"
                    and isinstance(p.meta.get("reviewed"), dt.date)), default=dt.date(2026, 1, 1))
    meta = {"title": f"Kế hoạch sinh hoạt chi bộ năm — {cell_type['label']}",
            "description": "Kế hoạch sinh hoạt chi bộ cả năm: sinh hoạt thường kỳ, chuyên đề, kiểm điểm cuối năm.",
            "type": "form", "doc_code": "KH", "placeholders": dict(PLAN_LABELS), "reviewed": reviewed,
            "sources": ["dieu-le-dang", "hd-42-2025", "qd-366-2025"]}
    return Page(path=MEETING_FILE, src=f"cong-cu/{PLAN_FORM}-{cell_type['id']}.md", lang="vi", meta=meta,
                body=plan_document(cell_type, pages, registry), body_line=1)


def plan_docx_files(pages: list[Page]) -> dict[str, bytes]:
    """{site path: .docx bytes} of the year plan, one per kind of cell."""
    from .. import docx_export

    registry = load_registry()
    return {plan_docx_name(ct["id"]): docx_export.docx_for(plan_page(ct, pages, registry))
            for ct in rules("meeting").data["plan"]["cell_types"]}


def plan_markdown(page: Page, pages: list[Page], registry: Registry, lang: str) -> str:
    d = rules("meeting").data
    plan = d["plan"]
    s = strings(lang)
    types = plan["cell_types"]
    out = ['<div class="sotay-tool sotay-plan" data-sotay-tool="ke-hoach-nam" markdown>', ""]
    radios = "".join(
        f'<label class="sotay-choice"><input type="radio" name="cell" value="{_e(ct["id"])}"'
        f'{" checked" if i == 0 else ""}> <span>{_e(_t(ct, "label", lang))}</span></label>'
        for i, ct in enumerate(types))
    out.append('<form class="sotay-plan__pick" action="#">'
               f'<p class="sotay-field"><label for="sotay-plan-year">{_e(s["year"])}</label>'
               '<input type="number" id="sotay-plan-year" name="year" min="2025" max="2100" step="1" inputmode="numeric"></p>'
               f'<fieldset class="sotay-choices"><legend>{_e(s["cell_type"])}</legend>{radios}</fieldset>'
               '</form>')
    out.append("")
    out.append(_noscript(lang))
    out.append("")
    topic = plan["topic"]
    note = _t(topic, "cite", lang)
    if topic["status"] == "ask":
        note += ". " + _t(topic, "ask", lang)
    out.append(f'<div class="admonition warning sotay-plan__topic"><p class="admonition-title">{_e(s["ask"])}</p>'
               f"<p>{_e(note)} <span class=\"sotay-step__basis\">{_basis_html(topic, registry, page.src, lang, cite=False)}</span></p></div>")
    out.append("")
    for i, ct in enumerate(types):
        months = plan_months(ct, pages)
        hidden = "" if i == 0 else " hidden"
        out.append(f'<section class="sotay-plan__type" data-plan="{_e(ct["id"])}"{hidden} markdown>')
        out.append("")
        rows = []
        for row in months:
            kind, _topic = _plan_cell(row, lang)
            kit = ""
            if row["kit"] is not None:
                ktitle, kvi = _title(row["kit"], pages, lang)  # the English kit's title on English pages
                kit = (f'<a href="{_e(href(page.src, row["kit"].base))}"{kvi}>'
                       f'{_e(KIT_PREFIX.sub("", ktitle))}</a>')
            cols = s["plan_table"]
            rows.append(f'<tr><td data-label="{_e(cols[0])}">{row["month"]}</td><td data-label="{_e(cols[1])}">{_e(kind)}</td>'
                        f'<td data-label="{_e(cols[2])}">{kit}</td></tr>')
        out.append('<table class="sotay-plan__months"><thead><tr>'
                   + "".join(f"<th>{_e(c)}</th>" for c in s["plan_table"]) + "</tr></thead><tbody>"
                   + "".join(rows) + "</tbody></table>")
        out.append("")
        extra = _t(ct, "note", lang) or _t(plan, "other_note", lang)
        basis = _basis_html(ct, registry, page.src, lang, cite=False) if ct.get("sources") else ""
        out.append(f'<p class="sotay-plan__note">{_e(extra)} <span class="sotay-step__basis">{basis}</span></p>')
        out.append("")
        out.append(f'<div class="sotay-plan__doc" lang="vi" data-search-exclude data-fill-form="{PLAN_FORM}" '
                   f'data-fill-title="{_e("Kế hoạch sinh hoạt năm")}" markdown>')
        out.append("")
        from ..render import placeholders_to_html

        out.append(placeholders_to_html(plan_document(ct, pages, registry), PLAN_LABELS))
        out.append("")
        out.append("</div>")
        out.append("")
        out.append("</section>")
        out.append("")
    review = plan["review"]
    out.append(f'<p class="sotay-step__basis">{_e(s["plan_review"])}: {_basis_html(review, registry, page.src, lang)}. '
               f'{_e(s["plan_regular"])}: {_basis_html(plan["regular"], registry, page.src, lang)}.</p>')
    out.append("")
    out.append('<p class="sotay-plan__actions">'
               f'<button type="button" class="md-button md-button--primary" data-act="print-plan">{_e(s["print_plan"])}</button> '
               f'<button type="button" class="md-button" data-act="docx-plan">{_e(s["plan_docx"])}</button> '
               f'<a data-plan-blank href="{_e(href(page.src, plan_docx_name(types[0]["id"])))}" download>{_e(s["plan_blank"])}</a></p>')
    out.append("")
    out.append('<div class="sotay-fill-here" data-fill-panel="open"></div>')
    out.append("")
    out.append('<p class="sotay-plan__status" role="status" aria-live="polite"></p>')
    out.append("")
    data = {
        "strings": {k: s[k] for k in ("docx_busy", "docx_done", "docx_failed", "docx_file_url")},
        "types": {ct["id"]: {"docx": href(page.src, plan_docx_name(ct["id"]))} for ct in types},
        "form": PLAN_FORM,
        "lang": lang,
    }
    out.append(_data_script("ke-hoach-nam", data))
    out.append("")
    out.append("</div>")
    return "\n".join(out) + "\n"
