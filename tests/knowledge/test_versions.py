"""Versions and reloads: a stable content hash, the reload diff, and where the files are found."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from knowledge import KnowledgeBase, compare, fingerprints
from tests.knowledge.conftest import ENTRIES, Writer, build_at


def diff(old: KnowledgeBase, new: KnowledgeBase) -> tuple[tuple[str, ...], ...]:
    return compare(fingerprints(old), fingerprints(new))


def test_same_content_gives_the_same_version(write_knowledge: Writer) -> None:
    base = write_knowledge()
    assert build_at(base).version == build_at(base).version


def test_changing_a_source_changes_the_version(write_knowledge: Writer) -> None:
    base = write_knowledge()
    before = build_at(base).version
    with (base / "sources" / "referat.txt").open("a", encoding="utf-8") as source:
        source.write("\nEt nyt afsnit.\n")
    assert build_at(base).version != before


def test_reload_diff_names_added_changed_and_removed_entries(write_knowledge: Writer) -> None:
    old = build_at(write_knowledge())
    entries = ENTRIES.replace("afhænger af driften", "afhænger af driften og lederen")
    entries = entries.replace("- id: barns-foerste-sygedag", "- id: barns-sygedag-1")
    new = build_at(write_knowledge(entries=entries))
    assert diff(old, new) == (("barns-sygedag-1",), ("barns-anden-sygedag",), ("barns-foerste-sygedag",))


def test_moving_an_entry_in_its_file_is_no_change(write_knowledge: Writer) -> None:
    old = build_at(write_knowledge())
    first, second, *rest = ENTRIES.split("- id: ")[1:]
    moved = "".join(f"- id: {e}" for e in [second, first, *rest])
    assert diff(old, build_at(write_knowledge(entries=moved))) == ((), (), ())


def test_knowledge_dir_can_be_moved_by_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MEDBOT_KNOWLEDGE_DIR", str(tmp_path))
    assert knowledge.default_paths() == (tmp_path / "content", tmp_path / "sources", tmp_path / "synonyms.yaml")


def test_default_knowledge_dir_is_beside_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEDBOT_KNOWLEDGE_DIR", raising=False)
    content, sources, synonyms = knowledge.default_paths()
    assert content.is_dir() and sources.is_dir() and synonyms.is_file()
