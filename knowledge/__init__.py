"""The knowledge base: curated content, its sources, loading and validation, and Danish search.

The public calls: `build` compiles a `KnowledgeBase` from files (or raises `InputError` with every problem),
`search` / `ask_json` answer a question as of a date, `citations` names the sections an entry rests on,
`check` lists problems without building, `fingerprints` and `compare` tell what a new version changed, and
`default_paths` says where the files are.
"""

from __future__ import annotations

import os
from pathlib import Path

from knowledge.index import KnowledgeBase, build, compare, fingerprints
from knowledge.model import Citation, Entry, Passage, SourceRef
from knowledge.search import Answer, ask_json, citation_line, citations, search
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
    "citation_line",
    "citations",
    "compare",
    "default_paths",
    "fingerprints",
    "search",
]

ENVIRONMENT_VARIABLE = "MEDBOT_KNOWLEDGE_DIR"


def default_paths() -> tuple[Path, Path, Path]:
    """(content_dir, sources_dir, synonyms_path): beside this package, or under $MEDBOT_KNOWLEDGE_DIR."""
    base = Path(os.environ.get(ENVIRONMENT_VARIABLE, "") or Path(__file__).parent)
    return base / "content", base / "sources", base / "synonyms.yaml"
