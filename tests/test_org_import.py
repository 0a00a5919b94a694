"""`medbot org import`: idempotent, and a bad file is refused whole with the lines that are wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from dialogs.organisation import parse_organisation
from knowledge.yamlfile import InputError
from storage.db import make_engine, upgrade
from storage.org import Committee, CommitteeKind, MemberFields, MemberRole, Membership, Person
from tests.support.service import ORGANISATION


def _counts(url: str) -> tuple[int, int, int]:
    with Session(make_engine(url)) as session:
        return (
            len(session.exec(select(Committee)).all()),
            len(session.exec(select(Person)).all()),
            len(session.exec(select(Membership)).all()),
        )


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'org.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    upgrade(url)
    return url


def test_importing_the_example_organisation_twice_changes_nothing_the_second_time(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["org", "import", str(ORGANISATION)]) == 0
    first = _counts(database)
    assert main(["org", "import", str(ORGANISATION)]) == 0
    assert _counts(database) == first
    assert first[0] >= 10 and "Importeret" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("line", "mistake", "expected"),
    [
        (
            "      - {person: p03, role: secretary}",
            "      - {person: nobody, role: secretary}",
            "ukendt person 'nobody'",
        ),
        ("    kind: KommuneMED", "    kind: Hovedudvalg", "ukendt kind 'Hovedudvalg'"),
        (
            "    discussed: {vold-og-trusler: 2026-08-25}",
            "    discussed: {vold-og-truser: 2026-08-25}",
            "vold-og-truser",
        ),
    ],
    ids=["unknown-person", "unknown-kind", "misspelt-reminder-rule"],
)
def test_a_bad_file_is_refused_whole_with_its_line_and_nothing_is_written(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, mistake: str, expected: str
) -> None:
    text = ORGANISATION.read_text(encoding="utf-8")
    assert line in text
    bad = tmp_path / "organisation.yaml"
    bad.write_text(text.replace(line, mistake, 1), encoding="utf-8")
    line_number = text[: text.index(line)].count("\n") + 1
    assert main(["org", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "ikke importeret" in err
    # The reported line is the broken line or the start of the mapping that holds it.
    assert any(f"{bad}:{n}:" in err for n in range(line_number - 8, line_number + 1)), err
    assert _counts(database) == (0, 0, 0)


def test_the_file_is_read_into_typed_people_and_committees() -> None:
    organisation = parse_organisation(ORGANISATION, rule_ids={"vold-og-trusler", "sygefravaer"})
    committees = {committee.id: committee for committee in organisation.committees}
    top, oes = committees["kommunemed"], committees["afdelingsmed-oes"]
    assert (top.kind, top.parent, oes.kind, oes.parent) == (
        CommitteeKind.KOMMUNEMED,
        None,
        CommitteeKind.AFDELINGSMED,
        "kommunemed",
    )
    assert MemberFields(person="p03", role=MemberRole.SECRETARY) in top.members
    assert (oes.discussed, oes.reminder_intervals) == ({"vold-og-trusler": date(2026, 8, 25)}, {"vold-og-trusler": 6})
    assert organisation.people[0].name == "Anna Fiktivsen"


def test_mistakes_in_different_committees_are_reported_together_each_at_its_field(tmp_path: Path) -> None:
    text = ORGANISATION.read_text(encoding="utf-8")
    mistakes = [
        ("      - {person: p03, role: secretary}", "      - {person: nobody, role: secretary}"),
        (
            "    parent: kommunemed\n    members:\n      - {person: p08",
            "    parent: ingen\n    members:\n      - {person: p08",
        ),
        ("    kind: AfdelingsMED", "    kind: Hovedudvalg"),
    ]
    for right, wrong in mistakes:
        assert right in text
        text = text.replace(right, wrong, 1)
    bad = tmp_path / "organisation.yaml"
    bad.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    with pytest.raises(InputError) as refused:
        parse_organisation(bad)
    assert [(p.line, p.message) for p in refused.value.problems] == [
        (lines.index("      - {person: nobody, role: secretary}") + 1, "udvalg 'kommunemed': ukendt person 'nobody'"),
        (
            lines.index("    kind: Hovedudvalg") + 1,
            "udvalg 'afdelingsmed-oes': ukendt kind 'Hovedudvalg' "
            "(KommuneMED, AfdelingsMED, ArbejdspladsMED, personalemøde med MED-status)",
        ),
        (lines.index("    parent: ingen") + 1, "udvalg 'afdelingsmed-bae': ukendt parent 'ingen'"),
    ]
