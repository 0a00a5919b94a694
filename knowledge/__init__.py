"""The knowledge base: curated content, its sources, loading and validation, and Danish search.

The public calls: `build` compiles a `KnowledgeBase` from files (or raises `InputError` with every problem),
`search` / `ask_json` answer a question as of a date, `check` lists problems without building, `fingerprints` and
`compare` tell what a new version changed, and `default_paths` / `content_paths` say where the files are.
"""

from __future__ import annotations

from knowledge.folder import content_paths, default_paths
from knowledge.index import KnowledgeBase, build, compare, fingerprints
from knowledge.model import Citation, Entry, Passage, SourceRef
from knowledge.search import Answer, ask_json, search
from knowledge.validate import check
from knowledge.yamlfile import InputError, Problem

__all__ = [
    "Answer",
    "Citation",
    "Entry",
    "InputError",
    "KnowledgeBase",
    "Passage",
    "Problem",
    "SourceRef",
    "ask_json",
    "build",
    "check",
    "compare",
    "content_paths",
    "default_paths",
    "fingerprints",
    "search",
]
