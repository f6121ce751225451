"""Search index finishing, shared by the build and the benchmarks.

Material's lunr index is built in the browser from ``search/search_index.json``.
The Vietnamese handling (accent folding, tone-mark style, abbreviations, one
language per site) lives in the worker wrapper
``docs/assets/javascripts/workers/sotay-search.js``; this module only adds the
data that wrapper needs to the index the build wrote.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from .model import ROOT, Abbreviation
from .text import nfc

INDEX = Path("search") / "search_index.json"
OFFLINE_INDEX = Path("search") / "search_index.js"  # written by the offline plugin


def abbreviation_table(glossary: dict[str, Abbreviation]) -> dict[str, str]:
    """'TCCSĐ' -> 'Tổ chức cơ sở đảng' (the Vietnamese part of the glossary entry)."""
    return {a.abbr: nfc(a.expansion.split(" — ")[0].split(" (")[0]) for a in glossary.values()}


SYNONYMS_FILE = ROOT / "data" / "search-synonyms.yml"


def synonym_table(path: Path = SYNONYMS_FILE) -> dict[str, list[str]]:
    """data/search-synonyms.yml: word or pair -> words added to a query that contains it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {nfc(str(k)).lower(): [nfc(str(x)).lower() for x in v] for k, v in data.items()}


def finish_index(site: Path, glossary: dict[str, Abbreviation]) -> None:
    path = site / INDEX
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    data["config"]["sotay"] = {"abbr": abbreviation_table(glossary), "synonyms": synonym_table()}
    for doc in data["docs"]:
        doc["title"], doc["text"] = nfc(doc["title"]), nfc(doc["text"])
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    offline = site / OFFLINE_INDEX
    if offline.exists():
        offline.write_text("var __index = " + text, encoding="utf-8")
