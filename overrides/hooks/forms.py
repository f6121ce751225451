"""MkDocs hook adapter for the forms feature (logic in scripts/sotay/).

* ``on_files``: adds the Word file of every form page as ``mau/<name>.docx``
  (generated in memory by ``sotay.docx_export``; never written to docs/), so
  ``mkdocs serve`` and ``mkdocs build`` both publish it and links to it validate.
* ``on_page_markdown``: adds the format note and the download button before the
  document (``sotay.forms.page_markdown``).
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sotay import docx_export, forms, model

log = logging.getLogger("mkdocs.hooks.forms")


def _form_pages(files, config):
    docs = Path(config.docs_dir)
    for f in list(files):
        if f.src_uri.startswith("mau/") and f.src_uri.endswith(".md") and f.abs_src_path:
            page = model.load_page(Path(f.abs_src_path), docs)
            if page.type == "form" and page.lang == model.DEFAULT_LANG:
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
    return files


@event_priority(-50)  # after the sotay hook (basis line, placeholders)
def on_page_markdown(markdown, page, config, files):
    if not page.file.src_uri.startswith("mau/") or page.meta.get("type") != "form":
        return markdown
    p = model.load_page(Path(page.file.abs_src_path), Path(config.docs_dir))
    return forms.page_markdown(markdown, p)
