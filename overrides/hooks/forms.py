"""MkDocs hook adapter for the forms feature (logic in scripts/sotay/).

* ``on_files``: adds the Word file of every form page and every topic-session
  kit as ``mau/<name>.docx`` (generated in memory by ``sotay.docx_export`` and
  ``sotay.kit_docx``; never written to docs/), so ``mkdocs serve`` and
  ``mkdocs build`` both publish them and links to them validate.
* ``on_page_markdown``: adds the format note and the download button before the
  document (``sotay.forms.page_markdown``), the download button on kits
  (``sotay.kit_docx.page_markdown``).
* ``on_files`` also adds the meeting packet, ``mau/bo-mau-buoi-sinh-hoat.docx``
  and ``.pdf`` (``sotay.packet``).
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sotay import docx_export, forms, kit_docx, model, packet

log = logging.getLogger("mkdocs.hooks.forms")


def _form_pages(files, config, types=("form",)):
    """The Vietnamese pages whose Word files this build publishes. A translated page (the
    English build lists it instead of the Vietnamese one) links to the Word file of its
    Vietnamese page: the document is filed in Vietnamese."""
    docs = Path(config.docs_dir)
    seen = set()
    for f in list(files):
        if f.src_uri.startswith("mau/") and f.src_uri.endswith(".md") and f.abs_src_path:
            page = model.load_page(Path(f.abs_src_path), docs)
            if page.lang != model.DEFAULT_LANG:
                source = docs / page.base
                if not source.exists():
                    continue
                page = model.load_page(source, docs)
            if page.type in types and page.src not in seen:
                seen.add(page.src)
                yield page


# mkdocs-static-i18n rebuilds the file list in its on_files at priority -100 and
# cannot take in-memory files (it reads abs_src_path); add ours after it.
@event_priority(-150)
def on_files(files, config):
    for page in _form_pages(files, config):
        name = forms.docx_name(page)
        if files.get_file_from_path(name) is not None:
            continue
        try:
            data = docx_export.docx_for(page)
        except docx_export.FormError as e:
            log.warning(str(e))  # strict mode turns this into a failed build
            continue
        files.append(File.generated(config, name, content=data))
    md_config = kit_docx.markdown_config(config)
    for page in _form_pages(files, config, types=("template",)):  # topic-session kits (sotay.kit_docx)
        name = kit_docx.docx_name(page)
        if files.get_file_from_path(name) is not None:
            continue
        try:
            data = kit_docx.docx_for(page, md_config)
        except docx_export.FormError as e:
            log.warning(str(e))
            continue
        files.append(File.generated(config, name, content=data))
    # The meeting packet: the forms of one meeting in one Word file and one PDF (sotay.packet).
    try:
        made = packet.files(model.load_pages(Path(config.docs_dir)))
    except docx_export.FormError as e:
        log.warning(str(e))
        made = {}
    for name, data in made.items():
        if files.get_file_from_path(name) is None:
            files.append(File.generated(config, name, content=data))
    return files


@event_priority(-50)  # after the sotay hook (basis line, placeholders)
def on_page_markdown(markdown, page, config, files):
    if not page.file.src_uri.startswith("mau/") or page.meta.get("type") not in ("form", "template"):
        return markdown
    p = model.load_page(Path(page.file.abs_src_path), Path(config.docs_dir))
    return forms.page_markdown(markdown, p) if p.type == "form" else kit_docx.page_markdown(markdown, p)
