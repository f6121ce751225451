"""MkDocs hook adapter for the tools (docs/cong-cu/; logic in scripts/sotay/tools.py).

* ``on_config``: loads and checks data/meeting-rules.yml and data/voting-rules.yml;
  a problem is logged as a warning, which strict mode turns into a failed build.
* ``on_files``: adds the year plan's Word files (``cong-cu/ke-hoach-sinh-hoat-nam-<id>.docx``,
  made in memory by sotay.tools with sotay.docx_export), as the forms hook does for forms.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from sotay import model, tools

log = logging.getLogger("mkdocs.hooks.tools")


def on_config(config):
    for problem in tools.problems():
        log.warning(str(problem))
    return config


# After mkdocs-static-i18n rebuilds the file list (priority -100), as overrides/hooks/forms.py.
@event_priority(-150)
def on_files(files, config):
    pages = model.load_pages(Path(config.docs_dir))
    try:
        made = tools.plan_docx_files(pages)
    except (ValueError, KeyError) as e:
        log.warning(f"kế hoạch sinh hoạt năm (Word): {e}")
        return files
    for name, data in made.items():
        if files.get_file_from_path(name) is None:
            files.append(File.generated(config, name, content=data))
    return files
