"""The active knowledge base of this process, swapped atomically on reload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from dialogs.base import ReloadOutcome


class KnowledgeHolder:
    """Holds the compiled knowledge; a reload builds the new one fully before it replaces the old."""

    def __init__(self, knowledge_dir: Path, engine: Engine) -> None:
        self.knowledge_dir = knowledge_dir
        self.engine = engine
        self._current: Any = None

    @property
    def current(self) -> Any:
        """The knowledge base answering questions right now."""
        return self._current

    @property
    def version(self) -> str:
        """Short content hash of the active knowledge, or '' before the first load."""
        return str(getattr(self._current, "version", ""))

    def load(self) -> None:
        """Load the knowledge at start."""

    def reload(self) -> ReloadOutcome:
        """Validate, build and swap; on any error keep the old knowledge."""
        return ReloadOutcome(ok=False, version=self.version, errors=("knowledge loading is not built yet",))
