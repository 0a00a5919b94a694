"""Drafts for the editors: made in Teams from a card, checked as an entry, exported as YAML, published by a reload.

Through the real server and the loopback Bot Connector an admin opens the form (typed `ny kladde`, or `draft.new`
on an escalation's card) and saves it; the CLI lists and exports the drafts; `kb check` accepts the export; the
bot serves the entry only once a reload has published it, and every publish records who, when and which entries
it changed.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from alembic import command
from sqlalchemy import text
from sqlmodel import Session, col, select

from bot import clock
from bot.cli import main
from dialogs.drafts import rules, texts
from dialogs.drafts.model import LIMITS, ORIGIN_GAP, ORIGIN_TEAMS
from storage.db import alembic_config, make_engine, session_scope, upgrade
from storage.drafts import DraftEntry
from storage.knowledge import Changes, KnowledgeVersion
from tests.cards.harness import Tools, require_tools
from tests.conftest import ADMIN, MARCH_2026, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.feedback import Clicked, button, card_text, click, inputs
from tests.support.knowledge import write_small_knowledge
from tests.support.service import RunningBot, sqlite_settings, start
from tests.test_playground import drive, playground_in
from tests.test_playground_roles import ROLES_DIR, current_user
from tests.test_reload import edit_content, health_version, say
from tests.test_service_e2e import database

QUESTION = "Hvornår kommer frugten?"
FRUIT_ANSWER = "Frugtkurven står i kantinen hver mandag fra klokken otte."
# The form as an admin fills it in: a new entry on the small knowledge folder's fruit section.
FRUIT = {
    "title": "Frugtordning",
    "questions": f"Får vi frugt på arbejdet?\nfrugtordning\n{QUESTION}",
    "answer": FRUIT_ANSWER,
    "document": "personalehaandbog",
    "section": "Punkt 2: Frugt",
    "valid_from": "",
    "valid_to": "",
    "organisation": "Testkommune",
    "tags": "frugt, kantine",
    "entry_id": "",
}
FROM_ESCALATION = {"medbot": "draft.new", "v": 1, "question": QUESTION, "answer": FRUIT_ANSWER, "escalation_id": 12}

Cli = Callable[..., Awaitable[tuple[int, str, str]]]


def admin_chat(connector: FakeConnector) -> dict[str, Any]:
    return activities.personal(connector.url, ADMIN, user_name="Admin Fiktivsen")


def drafts_in(bot: RunningBot) -> list[DraftEntry]:
    with Session(bot.runtime.engine) as session:
        return list(session.exec(select(DraftEntry).order_by(col(DraftEntry.id))))


async def typed_form(bot: RunningBot, connector: FakeConnector, envelope: dict[str, Any]) -> dict[str, Any]:
    """`ny kladde` typed in the admin's 1:1 chat: the form card."""
    before = len(connector.messages())
    await bot.post(activities.message(envelope, "ny kladde"))
    [reply] = connector.messages()[before:]
    assert reply.card is not None, reply.activity
    return reply.card


async def save(bot: RunningBot, envelope: dict[str, Any], form: dict[str, Any], **values: str) -> Clicked:
    """'Gem kladde' with the form filled in as FRUIT, `values` over it."""
    return await click(bot, envelope, {**button(form, texts.SAVE), **FRUIT, **values})


async def saved_draft(bot: RunningBot, connector: FakeConnector) -> DraftEntry:
    """An admin makes the fruit draft in Teams; the stored row."""
    me = admin_chat(connector)
    saved = await save(bot, me, await typed_form(bot, connector, me))
    assert saved.card is not None and texts.SAVED_TITLE in card_text(saved.card), saved.body
    [draft] = drafts_in(bot)
    return draft


@pytest.fixture
def cli(small_bot: RunningBot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`medbot …` on the running bot's database and knowledge folder; (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", small_bot.runtime.settings.database_url)
    monkeypatch.setenv("MEDBOT_KNOWLEDGE_DIR", str(small_bot.runtime.settings.knowledge_dir))

    async def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = await asyncio.to_thread(main, list(argv))
        printed = capsys.readouterr()
        return code, printed.out, printed.err

    return run


async def answer_lines(bot: RunningBot, connector: FakeConnector, question: str = QUESTION) -> str:
    """What an employee reads when asking `question`."""
    return "\n".join(await say(bot, connector, OES_SECRETARY, question))


# --- making a draft in Teams ---------------------------------------------------------------------------------------


async def test_admin_makes_a_draft_from_an_answered_escalation_and_it_is_stored_but_not_served(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    me = admin_chat(connector)
    escalation_card = await click(small_bot, me, FROM_ESCALATION)
    assert escalation_card.message == texts.FORM_FOLLOWS, "the clicked card stays; the form comes as a new message"
    form = connector.messages()[-1].card
    assert form is not None
    assert "Udfyldt fra henvendelse nr. 12." in card_text(form)
    filled = inputs(form)
    assert (filled["questions"], filled["answer"], filled["organisation"]) == (QUESTION, FRUIT_ANSWER, "Testkommune")
    [documents] = [e["choices"] for e in form["body"] if e.get("id") == "document"]
    assert documents == [{"title": "Personalehåndbog for Testkommune", "value": "personalehaandbog"}]

    saved = await save(small_bot, me, form)

    assert saved.card is not None
    shown = card_text(saved.card)
    assert texts.SAVED_TITLE in shown and "Medarbejderne får ikke svar fra kladden endnu" in shown
    assert "medbot kb drafts export" in shown and "genindlæs" in shown and "Id: frugtordning" in shown
    assert "Kilde: Personalehåndbog for Testkommune, Punkt 2: Frugt" in shown
    [draft] = drafts_in(small_bot)
    assert (draft.entry_id, draft.title, draft.origin, draft.made_by) == (
        "frugtordning",
        "Frugtordning",
        "escalation:12",
        "Admin Fiktivsen",
    )
    assert draft.questions == ["Får vi frugt på arbejdet?", "frugtordning", QUESTION]
    assert (draft.document, draft.section, draft.tags) == ("personalehaandbog", "Punkt 2: Frugt", ["frugt", "kantine"])
    assert draft.made_at == MARCH_2026 and draft.exported_at is None
    assert FRUIT_ANSWER not in await answer_lines(small_bot, connector)


@pytest.mark.parametrize(
    ("values", "problems"),
    [
        (
            {
                "questions": "Får vi frugt?\nfrugtordning",
                "section": "Punkt 9: Findes ikke",
                "valid_from": "2026-05-01",
                "valid_to": "2026-04-01",
                "title": "",
            },
            [
                "feltet »Titel« mangler",
                "Spørgsmål: mindst 3 spørgsmål",
                "Kilde: afsnittet 'Punkt 9: Findes ikke' står ikke i 'personalehaandbog'",
                "Gælder til og med: valid_to (2026-04-01) ligger før valid_from (2026-05-01)",
            ],
        ),
        (
            {"questions": "Hvor må jeg parkere ved rådhuset?\nparkering rådhus\nEr der gratis parkering for ansatte?"},
            [
                "Spørgsmål 1 (»Hvor må jeg parkere ved rådhuset?«): spørgsmålet når ikke 'frugtordning' "
                "(svar: parkering)"
            ],
        ),
        ({"entry_id": "parkering"}, ["Id »parkering« findes allerede i vidensbasen."]),
        ({"entry_id": "Frugt Ordning"}, ["Id: id 'Frugt Ordning' må kun have små bogstaver a-z, tal og '-'"]),
        ({"document": "findes-ikke"}, ["kildedokumentet 'findes-ikke' findes ikke i sources/"]),
        ({"answer": "x" * 1001}, ["»Svar« er 1001 tegn; højst 1000."]),
    ],
    ids=["entry-fields", "questions-another-entry-answers", "id-taken", "id-not-an-id", "unknown-document", "too-long"],
)
async def test_invalid_draft_comes_back_with_its_problems_and_the_values_typed_and_nothing_is_stored(
    small_bot: RunningBot, connector: FakeConnector, values: dict[str, str], problems: list[str]
) -> None:
    me = admin_chat(connector)
    form = await typed_form(small_bot, connector, me)
    before = await database(small_bot)

    refused = await save(small_bot, me, form, **values)

    assert refused.card is not None, refused.body
    shown = card_text(refused.card)
    assert texts.NOTHING_SAVED in shown
    for problem in problems:
        assert problem in shown
    kept = inputs(refused.card)
    typed = {key: value[: LIMITS[key]] for key, value in {**FRUIT, **values}.items() if key != "document"}
    assert {key: kept[key] for key in typed} == typed
    assert await database(small_bot) == before


async def test_a_second_draft_may_not_take_the_id_of_one_not_yet_exported(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    await saved_draft(small_bot, connector)
    me = admin_chat(connector)
    form = await typed_form(small_bot, connector, me)

    taken = await save(small_bot, me, form, entry_id="frugtordning")
    proposed = await save(small_bot, me, form)

    assert taken.card is not None and "bruges allerede af kladde nr. 1" in card_text(taken.card)
    assert proposed.card is not None and "Id: frugtordning-2" in card_text(proposed.card), proposed.body
    assert [d.entry_id for d in drafts_in(small_bot)] == ["frugtordning", "frugtordning-2"]


async def test_employee_may_neither_open_nor_save_a_draft_and_nothing_is_stored(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    me = activities.personal(connector.url, OES_SECRETARY)
    typed = await say(small_bot, connector, OES_SECRETARY, "ny kladde")  # the first turn stores the chat's reference
    before = await database(small_bot)

    opened = await click(small_bot, me, FROM_ESCALATION)
    saved = await click(small_bot, me, {"medbot": "draft.save", "v": 1, "origin": "gap", **FRUIT})

    assert typed == [texts.NOT_ADMIN]
    assert opened.message == texts.NOT_ADMIN and saved.message == texts.NOT_ADMIN
    assert await database(small_bot) == before and before["draft_entry"] == []


async def test_admin_is_asked_to_make_drafts_in_the_one_to_one_chat(
    small_bot: RunningBot, connector: FakeConnector
) -> None:
    channel = activities.channel(connector.url, ADMIN)
    before = len(connector.messages())

    await small_bot.post(activities.message(channel, "ny kladde", mention=True))

    [reply] = connector.messages()[before:]
    assert reply.text == texts.ONLY_PERSONAL


# --- export, review, publish ---------------------------------------------------------------------------------------


async def test_exported_draft_passes_kb_check_and_is_served_only_after_a_reload(
    small_bot: RunningBot, connector: FakeConnector, cli: Cli, tmp_path: Path
) -> None:
    knowledge = small_bot.runtime.settings.knowledge_dir
    await saved_draft(small_bot, connector)
    code, out, _ = await cli("ask", "--json", "--at", "2026-03-02", QUESTION)
    assert code == 0 and json.loads(out)["entry_id"] != "frugtordning", "a draft is not served"
    code, out, _ = await cli("kb", "drafts", "--json")
    [listed] = json.loads(out)
    assert (listed["entry_id"], listed["origin"], listed["exported_at"]) == ("frugtordning", ORIGIN_TEAMS, None)

    code, out, err = await cli("kb", "drafts", "export", "--out", str(tmp_path / "review"))

    assert code == 0, err
    [exported] = (tmp_path / "review").glob("kladder-*.yaml")
    assert str(exported) in out and "frugtordning" in out
    [entry] = yaml.safe_load(exported.read_text(encoding="utf-8"))
    assert entry == {
        "id": "frugtordning",
        "title": "Frugtordning",
        "questions": ["Får vi frugt på arbejdet?", "frugtordning", QUESTION],
        "answer": FRUIT_ANSWER,
        "source": {"document": "personalehaandbog", "section": "Punkt 2: Frugt"},
        "organisation": "Testkommune",
        "tags": ["frugt", "kantine"],
    }
    review_copy = tmp_path / "review-copy"
    shutil.copytree(knowledge, review_copy)
    shutil.copy(exported, review_copy / "content")
    code, out, err = await cli("kb", "check", str(review_copy))
    assert code == 0, out + err
    assert "Vidensbasen er i orden: 5 opslag" in out
    code, out, _ = await cli("kb", "drafts", "--json")
    assert json.loads(out)[0]["exported_at"] is not None
    assert (await cli("kb", "drafts", "export"))[1].startswith("Ingen nye kladder")

    # Reviewed and merged: the file is in the content folder, but the running bot serves what was published.
    shutil.copy(exported, knowledge / "content")
    old = await health_version(small_bot)
    await asyncio.sleep(3.5)  # longer than the follower's poll: it finds nothing published
    assert await health_version(small_bot) == old
    assert FRUIT_ANSWER not in await answer_lines(small_bot, connector)

    code, out, err = await cli("kb", "reload")

    assert code == 0, err
    assert "Nye: frugtordning" in out and "Ændrede: ingen" in out and "Fjernede: ingen" in out
    for _ in range(50):  # the follower switches within its 3 s poll
        if await health_version(small_bot) != old:
            break
        await asyncio.sleep(0.2)
    assert FRUIT_ANSWER in await answer_lines(small_bot, connector)
    code, out, _ = await cli("ask", "--json", "--at", "2026-03-02", QUESTION)
    assert json.loads(out)["entry_id"] == "frugtordning"
    code, out, _ = await cli("kb", "publishes", "--json")
    newest = json.loads(out)[0]
    assert (newest["added"], newest["changed"], newest["removed"]) == (["frugtordning"], [], [])
    assert newest["activated_by"].startswith("cli")


async def test_export_goes_into_the_content_folder_and_never_over_an_existing_file(
    small_bot: RunningBot, connector: FakeConnector, cli: Cli
) -> None:
    content = small_bot.runtime.settings.knowledge_dir / "content"
    await saved_draft(small_bot, connector)
    today = clock.today(ZoneInfo(small_bot.runtime.settings.timezone))
    theirs = content / f"kladder-{today.isoformat()}.yaml"
    theirs.write_text("# En redaktørs egen fil med samme navn.\n", encoding="utf-8")

    code, out, err = await cli("kb", "drafts", "export")

    assert code == 0, err
    assert theirs.read_text(encoding="utf-8") == "# En redaktørs egen fil med samme navn.\n"
    written = content / f"kladder-{today.isoformat()}-2.yaml"
    assert str(written) in out and "- id: frugtordning" in written.read_text(encoding="utf-8")
    code, out, err = await cli("kb", "check")
    assert code == 0, out + err


async def test_export_skips_a_draft_the_content_on_disk_no_longer_accepts(
    small_bot: RunningBot, connector: FakeConnector, cli: Cli, tmp_path: Path
) -> None:
    """An editor added an entry with the same id after the draft was saved: exporting it would break `kb check`."""
    await saved_draft(small_bot, connector)
    content = small_bot.runtime.settings.knowledge_dir / "content"
    source = (content / "praktisk.yaml").read_text(encoding="utf-8")
    renamed = source.replace("- id: cykelkaelder", "- id: frugtordning").replace("[cykelkaelder]", "[frugtordning]")
    (content / "praktisk.yaml").write_text(renamed, encoding="utf-8")

    code, _, err = await cli("kb", "drafts", "export", "--out", str(tmp_path / "review"))

    assert code == 1
    assert "kladde 1 (frugtordning): Id »frugtordning« findes allerede i vidensbasen." in err
    assert not (tmp_path / "review").exists()
    assert drafts_in(small_bot)[0].exported_at is None


async def test_deleting_a_draft(small_bot: RunningBot, connector: FakeConnector, cli: Cli) -> None:
    draft = await saved_draft(small_bot, connector)

    assert (await cli("kb", "drafts", "delete", str(draft.id)))[0] == 0
    assert (await cli("kb", "drafts", "delete", str(draft.id)))[0] == 1
    assert drafts_in(small_bot) == []


# --- the record of every publish -----------------------------------------------------------------------------------


async def test_a_reload_records_who_when_and_which_entries_it_added_changed_and_removed(
    small_bot: RunningBot, connector: FakeConnector, cli: Cli
) -> None:
    edit_content(small_bot.runtime.settings.knowledge_dir)
    started = datetime.now(UTC)

    shown = "\n".join(await say(small_bot, connector, ADMIN, "genindlæs"))

    assert "Nye: frugt" in shown and "Ændrede: parkering" in shown and "Fjernede: cykelkaelder" in shown
    with Session(small_bot.runtime.engine) as session:
        first, reload = session.exec(select(KnowledgeVersion).order_by(col(KnowledgeVersion.id))).all()
    assert first.activated_by == "start"
    assert first.changed_entries == Changes(added=("cykelkaelder", "kaffe-afdeling", "kaffe-gratis", "parkering"))
    assert reload.activated_by == ADMIN
    assert started - timedelta(seconds=5) <= reload.activated_at <= datetime.now(UTC) + timedelta(seconds=5)
    assert reload.changes == {"added": ["frugt"], "changed": ["parkering"], "removed": ["cykelkaelder"]}
    code, out, _ = await cli("kb", "publishes")
    assert code == 0
    assert out.index(f"af {ADMIN}") < out.index("af start"), "newest first"
    assert "    Nye: frugt\n    Ændrede: parkering\n    Fjernede: cykelkaelder" in out
    code, out, _ = await cli("kb", "publishes", "--json")
    assert [(p["activated_by"], p["removed"]) for p in json.loads(out)] == [(ADMIN, ["cykelkaelder"]), ("start", [])]


def test_an_earlier_publish_reads_as_no_changes_and_a_damaged_record_too() -> None:
    assert Changes.from_json({}) == Changes()
    assert Changes.from_json({"added": "frugt", "changed": None}) == Changes()
    assert Changes.from_json(Changes(("a",), ("b",), ()).to_json()) == Changes(("a",), ("b",), ())


# --- the migration -------------------------------------------------------------------------------------------------


def migrate_a_database_from_before_drafts(url: str) -> None:
    """A database at 0002 with one recorded version, then every migration since: it gains drafts and publishes."""
    command.upgrade(alembic_config(url), "0002")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO knowledge_version (version, activated_at, activated_by, fingerprints) "
                "VALUES ('abc123', '2026-01-05 08:00:00', 'start', '{}')"
            )
        )
    upgrade(url)
    with session_scope(engine) as session:
        [recorded] = session.exec(select(KnowledgeVersion)).all()
        assert recorded.changes == {} and recorded.changed_entries == Changes()
        session.add(
            DraftEntry(
                entry_id="frugtordning",
                title="Frugtordning",
                questions=["a", "b", "c"],
                answer="Svar.",
                document="personalehaandbog",
                section="Punkt 2: Frugt",
                valid_from=date(2026, 1, 1),
                organisation="Testkommune",
                tags=["frugt"],
                made_by="Admin Fiktivsen",
                made_at=MARCH_2026,
                origin="gap",
            )
        )
    with Session(engine) as session:
        [draft] = session.exec(select(DraftEntry)).all()
        assert (draft.questions, draft.valid_from, draft.made_at) == (["a", "b", "c"], date(2026, 1, 1), MARCH_2026)
    engine.dispose()


def test_migration_adds_drafts_and_publish_records_to_an_existing_sqlite_database(tmp_path: Path) -> None:
    migrate_a_database_from_before_drafts(f"sqlite:///{tmp_path / 'medbot.db'}")


@pytest.mark.postgres
def test_migration_adds_drafts_and_publish_records_to_an_existing_postgresql_database(pg_database: str) -> None:
    migrate_a_database_from_before_drafts(pg_database)


# --- the rules, without a server -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "values", "origin"),
    [
        (FROM_ESCALATION, {"questions": QUESTION, "answer": FRUIT_ANSWER}, "escalation:12"),
        ({"question": QUESTION}, {"questions": QUESTION}, ORIGIN_GAP),
        ({}, {}, ORIGIN_TEAMS),
        ({"question": ["x"], "answer": 7, "escalation_id": "12"}, {}, ORIGIN_TEAMS),
        ({"question": QUESTION, "escalation_id": True}, {"questions": QUESTION}, ORIGIN_GAP),
        ({"escalation_id": 2**31}, {}, ORIGIN_TEAMS),
        ({"question": "x\x00y" + "z" * 4000}, {"questions": "xy" + "z" * 2998}, ORIGIN_GAP),
    ],
    ids=["escalation", "gap", "empty", "forged-types", "id-a-boolean", "id-out-of-range", "long-and-unclean"],
)
def test_prefill_takes_what_it_can_use_and_ignores_the_rest(
    payload: dict[str, Any], values: dict[str, str], origin: str
) -> None:
    found, found_origin = rules.prefill(payload)
    assert found_origin == origin
    assert found == {k: v[:3000] for k, v in values.items()}


@pytest.mark.parametrize(
    ("title", "taken", "proposed"),
    [
        ("Frugt på jobbet", set(), "frugt-paa-jobbet"),
        ("Ældre, Økonomi & Ånd – café", set(), "aeldre-oekonomi-aand-cafe"),
        ("Frugt", {"frugt", "frugt-2"}, "frugt-3"),
        ("!!!", set(), "kladde"),
        ("ord " * 40, set(), "-".join(["ord"] * 15)),
    ],
    ids=["danish-letters", "accents-and-signs", "taken", "nothing-left", "long"],
)
def test_an_id_is_proposed_from_the_title(title: str, taken: set[str], proposed: str) -> None:
    assert rules.propose_id(title, taken) == proposed


@pytest.mark.parametrize(
    ("origin", "kept"),
    [("escalation:12", "escalation:12"), ("gap", "gap"), ("escalation:x", "teams"), (12, "teams"), (None, "teams")],
)
def test_the_save_button_keeps_only_an_origin_this_server_writes(origin: Any, kept: str) -> None:
    assert rules.origin_of({"origin": origin}) == kept


# --- in the Agents Playground --------------------------------------------------------------------------------------


@pytest.fixture
async def admin_playground(tmp_path: Path) -> AsyncIterator[tuple[Tools, str, RunningBot]]:
    """The Playground as the shipped admin role, talking to a medbot that makes that person an admin."""

    tools = require_tools("playwright-core", "@microsoft/m365agentsplayground")
    folder = tmp_path / "playground"
    folder.mkdir()
    shutil.copy(ROLES_DIR / "admin.yml", folder / ".m365agentsplayground.yml")
    admin = current_user("admin")["aadObjectId"].lower()
    bot = await start(
        sqlite_settings(tmp_path, admins=frozenset({admin}), knowledge_dir=write_small_knowledge(tmp_path / "k"))
    )
    try:
        async with playground_in(folder, tools, f"{bot.url}/api/messages") as url:
            yield tools, url, bot
    finally:
        await bot.stop()


@pytest.mark.slow
async def test_admin_fills_in_the_draft_form_in_the_playground_saves_it_and_nothing_in_it_is_unsupported(
    admin_playground: tuple[Tools, str, RunningBot], tmp_path: Path
) -> None:
    tools, url, bot = admin_playground
    fill = {
        texts.LABEL_QUESTIONS: "Får vi frugt på arbejdet?\nfrugtordning\nHvornår kommer frugten?",
        texts.LABEL_ANSWER: "Frugtordningen leverer æbler og bananer hver mandag morgen.",
        texts.LABEL_DOCUMENT: "Personalehåndbog for Testkommune",
        texts.LABEL_SECTION: "Punkt 2: Frugt",
    }
    report = await drive(
        tools,
        url=url,
        question="ny kladde Frugtordning",
        expectAnswer=texts.NEW_DRAFT,
        then=[{"press": texts.SAVE, "fill": fill, "expect": texts.SAVED_TITLE}],
        screenshot=str(tmp_path / "k.png"),
    )

    assert "error" not in report, f"{report.get('error')}\nsteps: {report['steps']}\nlog:\n{report.get('log')}"
    for label in (texts.LABEL_QUESTIONS, texts.LABEL_DOCUMENT, texts.LABEL_VALID_FROM, texts.SAVE):
        assert label in report["answerText"], report["answerText"]
    [saved] = report["thenTexts"]
    assert texts.SAVED_TITLE in saved and "Personalehåndbog for Testkommune, Punkt 2: Frugt" in saved, saved
    unsupported = [line for line in report["log"].splitlines() if "not supported" in line.lower()]
    assert unsupported == []
    [draft] = drafts_in(bot)
    assert (draft.title, draft.document, draft.section) == ("Frugtordning", "personalehaandbog", "Punkt 2: Frugt")
    assert draft.questions == ["Får vi frugt på arbejdet?", "frugtordning", "Hvornår kommer frugten?"]
