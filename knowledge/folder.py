"""Where a knowledge folder keeps its files: `content/*.yaml`, `sources/*.txt|yaml` and `synonyms.yaml`.

One place for the layout, so the build, the version hash, the service's check for changed files and the tools all
agree on which files make up the knowledge.
"""

from __future__ import annotations

import os
from pathlib import Path

ENVIRONMENT_VARIABLE = "MEDBOT_KNOWLEDGE_DIR"


def content_paths(folder: Path) -> tuple[Path, Path, Path]:
    """(content dir, sources dir, synonyms file) inside a knowledge folder."""
    return folder / "content", folder / "sources", folder / "synonyms.yaml"


def default_paths() -> tuple[Path, Path, Path]:
    """(content_dir, sources_dir, synonyms_path): beside this package, or under $MEDBOT_KNOWLEDGE_DIR."""
    return content_paths(Path(os.environ.get(ENVIRONMENT_VARIABLE, "") or Path(__file__).parent))


def content_files(content_dir: Path, sources_dir: Path, synonyms_path: Path) -> list[Path]:
    """Every file a version is built from, in a fixed order: what the version hashes and a replica watches."""
    sources = [*sources_dir.glob("*.txt"), *sources_dir.glob("*.yaml")]  # each document and its metadata
    return [*sorted(content_dir.glob("*.yaml")), *sorted(sources), synonyms_path]
