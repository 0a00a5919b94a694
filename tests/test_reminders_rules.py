"""The rules file and the organisation file's reminder fields: checked whole, refused with line numbers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.config import DEFAULT_CONFIG_DIR, PROJECT_ROOT
from dialogs import reminders
from dialogs.organisation import parse_organisation
from knowledge.yamlfile import InputError
from storage.db import make_engine, session_scope, upgrade
from storage.org import Committee, import_organisation
from storage.reminders import ReminderDiscussion, ReminderInterval, interval_overrides, latest_discussions

ORGANISATION = PROJECT_ROOT / "config" / "organisation.yaml"
KNOWLEDGE = PROJECT_ROOT / "knowledge"
IMPORTED = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite file."""
    url = f"sqlite:///{tmp_path / 'rules.db'}"
    upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def test_shipped_rules_cover_both_discussions_for_the_right_committee_kinds() -> None:
    rules = reminders.load_rules(DEFAULT_CONFIG_DIR)
    sickness, violence = rules.get("sygefravaer"), rules.get("vold-og-trusler")
    assert sickness is not None and violence is not None
    assert sickness.interval_months == 6 and violence.interval_months == 12
    assert sickness.applies_to == {"ArbejdspladsMED", "personalemøde med MED-status"}
    assert violence.applies_to == {"AfdelingsMED", "ArbejdspladsMED", "personalemøde med MED-status"}
    assert (sickness.lead_days, sickness.followup_every_days, sickness.followup_max) == (21, 7, 3)


def test_shipped_rules_cite_knowledge_entries_that_exist_and_sections_that_occur_verbatim() -> None:
    rules = reminders.load_rules(DEFAULT_CONFIG_DIR)
    assert reminders.citation_problems(rules, KNOWLEDGE) == []
    for rule in rules.rules:
        source = (KNOWLEDGE / "sources" / f"{rule.source.document}.txt").read_text(encoding="utf-8")
        assert rule.source.section in source


def test_rule_citing_a_missing_entry_or_a_section_not_in_the_source_is_reported(tmp_path: Path) -> None:
    text = (DEFAULT_CONFIG_DIR / reminders.RULES_FILE).read_text(encoding="utf-8")
    text = text.replace("knowledge_entry: sygefravaer-droeftelse-arbejdspladsmed", "knowledge_entry: findes-ikke")
    text = text.replace(
        "section: Denne retningslinje skal drøftes minimum", "section: Denne retningslinje skal drøftes maksimalt"
    )
    (tmp_path / reminders.RULES_FILE).write_text(text, encoding="utf-8")
    problems = [p.message for p in reminders.citation_problems(reminders.load_rules(tmp_path), KNOWLEDGE)]
    assert problems == [
        "regel 'sygefravaer': ukendt knowledge_entry 'findes-ikke'",
        "regel 'vold-og-trusler': afsnittet står ikke ordret i afdelingsmed-oes-referat-2024-08-27.txt",
    ]


def test_broken_rules_file_is_refused_with_every_problem_and_its_line(tmp_path: Path) -> None:
    (tmp_path / reminders.RULES_FILE).write_text(
        "start_date: 2026-09-01\n"
        "rules:\n"
        "  - id: sygefravaer\n"
        "    title: Sygefravær\n"
        "    applies_to: [ArbejdspladsMED, Bestyrelse]\n"
        "    interval_months: 0\n"
        "    card: {what: Drøft det}\n"
        "    knowledge_entry: sygefravaer-droeftelse-arbejdspladsmed\n"
        "    source: {document: plan-med-2024-2025, section: '2: ArbejdspladsMED', label: Plan MED}\n"
        "  - id: sygefravaer\n"
        "    title: Igen\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as refused:
        reminders.load_rules(tmp_path)
    found = [(p.line, p.message) for p in refused.value.problems]
    assert (
        3,
        "regel 'sygefravaer': ukendt udvalgstype 'Bestyrelse' (KommuneMED, AfdelingsMED, ArbejdspladsMED, "
        "personalemøde med MED-status)",
    ) in found
    assert (3, "regel 'sygefravaer': 'interval_months' skal være et helt tal fra 1 til 60") in found
    assert (7, "regel 'sygefravaer', card: 'why' skal være en tekst") in found
    assert (10, "regel 'sygefravaer': id'et findes to gange") in found
    assert (10, "regel 'sygefravaer': 'card' skal være en mapping") in found


def test_organisation_import_carries_last_discussions_and_oes_twice_yearly_violence_review(engine: Engine) -> None:
    data = parse_organisation(ORGANISATION, reminders.load_rules(DEFAULT_CONFIG_DIR).ids)
    with session_scope(engine) as session:
        summary = import_organisation(session, data, IMPORTED)
    assert summary.extras == {"discussions": 6, "reminder_intervals": 1}
    with Session(engine) as session:
        latest = latest_discussions(session)
        assert latest[("afdelingsmed-oes", "vold-og-trusler")].discussed_on == date(2026, 8, 25)
        assert latest[("arbejdspladsmed-it", "sygefravaer")].discussed_on == date(2026, 5, 12)
        assert interval_overrides(session) == {("afdelingsmed-oes", "vold-og-trusler"): 6}
        rows = reminders.statuses(session, reminders.load_rules(DEFAULT_CONFIG_DIR), only=["afdelingsmed-oes"])
    [oes] = rows
    assert (oes.interval_months, oes.next_due) == (6, date(2027, 2, 25))


def test_reimport_changes_nothing_and_keeps_a_later_discussion_marked_on_a_card(engine: Engine) -> None:
    data = parse_organisation(ORGANISATION)
    with session_scope(engine) as session:
        import_organisation(session, data, IMPORTED)
    with session_scope(engine) as session:
        rules = reminders.load_rules(DEFAULT_CONFIG_DIR)
        rule = rules.get("sygefravaer")
        committee = session.get(Committee, "arbejdspladsmed-it")
        assert rule is not None and committee is not None
        reminders.record(
            session,
            rules,
            committee=committee,
            rule=rule,
            discussed_on=date(2026, 11, 20),
            today=date(2026, 11, 23),
            recorded_by="p32",
            via="card",
            now=datetime(2026, 11, 23, 9, tzinfo=UTC),
        )
    with session_scope(engine) as session:
        summary = import_organisation(session, data, IMPORTED)
    assert summary.extras["discussions"] == 0
    with Session(engine) as session:
        assert latest_discussions(session)[("arbejdspladsmed-it", "sygefravaer")].discussed_on == date(2026, 11, 20)
        assert len(list(session.exec(select(ReminderDiscussion)))) == 7
        assert len(list(session.exec(select(ReminderInterval)))) == 1


def test_organisation_with_bad_reminder_fields_is_refused_whole_with_line_numbers(
    engine: Engine, tmp_path: Path
) -> None:
    text = ORGANISATION.read_text(encoding="utf-8")
    text = text.replace("reminder_intervals: {vold-og-trusler: 6}", "reminder_intervals: {vold-og-trusler: 0}")
    text = text.replace("discussed: {sygefravaer: 2026-06-02}", "discussed: {sygefravear: 2026-06-02}")
    text = text.replace("discussed: {sygefravaer: 2026-10-06}", "discussed: {sygefravaer: 6. oktober}")
    broken = tmp_path / "organisation.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        parse_organisation(broken, reminders.load_rules(DEFAULT_CONFIG_DIR).ids)
    lines = text.splitlines()
    found = {(p.line, p.message) for p in refused.value.problems}
    assert found == {
        (
            lines.index("    reminder_intervals: {vold-og-trusler: 0}") + 1,
            "udvalg 'afdelingsmed-oes': vold-og-trusler: intervallet skal være 1-60 måneder",
        ),
        (
            lines.index("    discussed: {sygefravear: 2026-06-02}") + 1,
            "udvalg 'arbejdspladsmed-doegn': ukendt påmindelsesregel 'sygefravear' i 'discussed'",
        ),
        (
            lines.index("    discussed: {sygefravaer: 6. oktober}") + 1,
            "udvalg 'personalemoede-soendergaard': sygefravaer: '6. oktober' er ikke en dato (ÅÅÅÅ-MM-DD)",
        ),
    }
    with Session(engine) as session:
        assert list(session.exec(select(Committee))) == []
