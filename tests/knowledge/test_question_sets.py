"""The development questions and our harder ones, graded in-process with the project's grader."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge import KnowledgeBase, ask_json

ROOT = Path(__file__).resolve().parents[2]
SETS = {
    "dev": ROOT / "tests" / "data" / "dev_questions.yaml",
    "hard": Path(__file__).with_name("hard_questions.yaml"),
}
TARGET = 0.95
TODAY = date(2026, 1, 15)


def grader() -> Any:
    spec = importlib.util.spec_from_file_location("grade", ROOT / "tests" / "data" / "grade.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(SETS))
def test_question_set_scores_at_least_95_percent_and_refuses_every_out_of_scope(kb: KnowledgeBase, name: str) -> None:
    cases = yaml.safe_load(SETS[name].read_text(encoding="utf-8"))
    grade_one = grader().grade_one
    failures = []
    for case in cases:
        reason = grade_one(case, ask_json(kb, case["q"], TODAY))
        if reason is not None:
            failures.append((case["q"], reason, bool(case.get("oos"))))
    assert not [f for f in failures if f[2]], failures
    assert 1 - len(failures) / len(cases) >= TARGET, failures


def test_hard_set_is_large_and_varied() -> None:
    cases = yaml.safe_load(SETS["hard"].read_text(encoding="utf-8"))
    assert len(cases) >= 40
    assert sum(1 for c in cases if c.get("oos")) >= 5
    assert sum(1 for c in cases if c.get("lang") == "en") >= 5
