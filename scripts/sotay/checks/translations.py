"""The English edition in step with the Vietnamese (sotay.translations).

- A Vietnamese page without its English page: with ``translations = "required"`` in
  ``[tool.sotay]`` of pyproject.toml, an error on each such page; with the default
  ``"optional"`` (while the English edition is being written), one warning that
  counts them and names the report command. English URLs of those pages show the
  Vietnamese text, marked lang="vi" and left out of English search.
- An English page whose Vietnamese original changed since it was translated
  (``translation_of`` is not the hash of the current Vietnamese text): a warning on
  that page, with the command that shows what changed.
- Front matter a translation copies (type, sources, history, audience, order, …) that
  differs from the original's: an error.
"""
from __future__ import annotations

from .. import model
from .. import translations as tr


def _p(where, line, message, fix="", severity="error"):
    return model.Problem(where, line, message, fix, severity=severity, check="translations")


def check(ctx) -> list:
    out = list(ctx.settings_problems)
    required = ctx.settings.get("translations") == "required"
    missing = []
    for pair in tr.pairs(ctx.pages):
        if pair.vi.problems and not pair.vi.meta:
            continue  # a page that cannot be read: the frontmatter check says why
        if pair.state == tr.MISSING:
            missing.append(pair)
            if required:
                out.append(_p(pair.vi.where, 1, f"trang chưa có bản tiếng Anh docs/{pair.en_src}",
                              f"dịch trang (CONTRIBUTING.md, Dịch sang tiếng Anh), rồi chạy: "
                              f"python -m sotay translations --update docs/{pair.en_src}"))
            continue
        out += tr.copied_key_problems(pair.vi, pair.en)
        if pair.state == tr.STALE:
            out.append(_p(pair.en.where, pair.en.line_of("translation_of"),
                          f"bản tiếng Việt {pair.vi.where} đã sửa sau khi dịch (translation_of {pair.recorded}, nay {pair.current})",
                          f"xem chỗ sửa: python -m sotay translations {pair.vi.where}; sửa bản dịch, rồi: "
                          f"python -m sotay translations --update {pair.en.where}", severity="warning"))
        # UNRECORDED: model.validate_meta already reports the missing or malformed translation_of.
    if missing and not required:
        where = ctx.rel(ctx.settings_file)
        out.append(_p(where, None, f"{len(missing)} trang tiếng Việt chưa có bản tiếng Anh (site tiếng Anh hiện bản tiếng Việt, "
                      "đánh dấu lang=\"vi\")",
                      "danh sách: python -m sotay translations; khi bản dịch đủ, đặt translations = \"required\" "
                      "trong [tool.sotay] để mỗi trang thiếu là một lỗi", severity="warning"))
    return out
