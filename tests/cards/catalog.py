"""Every card the bot can send, built by the real card builders with realistic and with worst-case data.

Realistic samples use the shipped knowledge base and example organisation; worst-case samples push each field to
what the bot allows (long Danish texts, 8 committees, 5 questions, the most buttons a card gets). The render test
checks each in a real Adaptive Cards renderer; `doc` marks the pictures shown in the README (docs/cards/).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from bot.config import PROJECT_ROOT
from bot.knowledge_holder import build_from
from dialogs import qa
from dialogs.base import Actor, ReloadOutcome, Seat
from dialogs.cards import admin
from dialogs.cards import qa as qa_cards
from knowledge.index import KnowledgeBase

TODAY = date(2026, 3, 10)
# Buttons never wrap in Teams: a long title is cut off. Reported to the owners of these cards.
QA_BUTTONS_CUT = "dialogs/cards/qa.py shows question titles as buttons, and Teams cuts long button titles"
LINK_BUTTONS_CUT = "dialogs/cards/admin.py shows committee names as buttons side by side, and Teams cuts them"


@dataclass(frozen=True)
class Sample:
    """One card as a user would get it; `doc` is its caption when the README shows it."""

    name: str
    card: dict[str, Any]
    doc: str = ""
    known_issue: str = ""  # a defect already reported to the card's owner; the cut-off check then xfails


# Long, real-sounding Danish text: what a committee or the knowledge base may well produce.
SENTENCE = (
    "Udvalget har drøftet sygefraværet i forvaltningen grundigt og er enige om, at indsatsen for de "
    "langtidssygemeldte medarbejdere skal styrkes, særligt i de arbejdspladser, hvor fraværet er steget. "
)
LONG_TEXT = (SENTENCE * 6).strip()
LONG_NAMES = [
    "AfdelingsMED Økonomi & Stab",
    "AfdelingsMED Borger, Arbejdsmarked & Erhverv",
    "AfdelingsMED Kultur, Fritid & Ejendomme",
    "AfdelingsMED Dagtilbud & Skole",
    "AfdelingsMED Miljø & Teknik",
    "AfdelingsMED Ældre, Sundhed & Social",
    "AfdelingsMED Børn & Familie",
    "ArbejdspladsMED Døgnområdet (Herstedøster Sidevej, Humlehusene, Hjulet)",
]


@cache
def knowledge() -> KnowledgeBase:
    """The shipped knowledge base, compiled once per test run."""
    return build_from(PROJECT_ROOT / "knowledge")


def _actors() -> dict[str, Actor]:
    """One actor per role, as the help card distinguishes them."""
    return {
        "medarbejder": Actor("a1", "Medarbejder"),
        "sekretaer": Actor("a2", "Sekretær", seats=(Seat("afdelingsmed-oes", "AfdelingsMED", "secretary"),)),
        "kommunemed": Actor("a3", "KommuneMED", seats=(Seat("kommunemed", "KommuneMED", "secretary"),)),
        "administrator": Actor("a4", "Administrator", is_admin=True),
    }


def admin_samples() -> Iterator[Sample]:
    """Welcome, help per role, channel linking and knowledge reload."""
    yield Sample("velkomst", admin.welcome_card(), doc="Velkomst, når appen installeres")
    for role, actor in _actors().items():
        yield Sample(f"hjaelp-{role}", admin.help_card(actor), doc=f"hjælp som {role}")
    yield Sample(
        "tilknyt-valg",
        admin.link_choice_card("økonomi", [("afdelingsmed-oes", "AfdelingsMED Økonomi & Stab"), ("x", "KommuneMED")]),
        doc="tilknyt: flere udvalg passer",
    )
    yield Sample(
        "tilknyt-valg-worst",
        admin.link_choice_card("med", [(f"c{i}", name) for i, name in enumerate(LONG_NAMES[:5])]),
        known_issue=LINK_BUTTONS_CUT,
    )
    yield Sample("tilknyt-udfoert", admin.link_done_card(LONG_NAMES[-1]))
    entry_ids = tuple(sorted(knowledge().entries))
    yield Sample(
        "genindlaes-ok",
        admin.reload_card(ReloadOutcome(True, "436c87e09765", added=entry_ids[:1], changed=entry_ids[1:3])),
        doc="genindlæs: vidensbasen er opdateret",
    )
    yield Sample(
        "genindlaes-ok-worst",
        admin.reload_card(
            ReloadOutcome(True, "436c87e09765", added=entry_ids, changed=entry_ids[:40], removed=entry_ids[40:80])
        ),
    )
    yield Sample(
        "genindlaes-fejl",
        admin.reload_card(
            ReloadOutcome(
                False,
                "436c87e09765",
                errors=("content/fridage.yaml:12: valid_from: 2025-13-01 er ikke en dato",),
            )
        ),
        doc="genindlæs: fejl, den gamle version er stadig aktiv",
    )
    yield Sample(
        "genindlaes-fejl-worst",
        admin.reload_card(
            ReloadOutcome(
                False,
                "436c87e09765",
                errors=tuple(
                    f"content/sygefravaer-og-langtidssygemeldte-medarbejdere.yaml:{n}: kilden "
                    f"»referat-kommunemed-2025-06-25#punkt-{n}« findes ikke i knowledge/sources"
                    for n in range(40)
                ),
            )
        ),
    )


def qa_samples() -> Iterator[Sample]:
    """Answers (every entry in the knowledge base as of TODAY), 'Mente du…?', the honest 'I don't know', quotes."""
    kb = knowledge()
    for entry_id, entry in sorted(kb.entries.items()):
        view = qa.answer_view(kb, entry, TODAY)
        yield Sample(f"svar-{entry_id}", qa_cards.answer_card(view), known_issue=QA_BUTTONS_CUT)
    doctor = next(e for e in kb.entries.values() if "lægebesøg" in e.title.lower())
    yield Sample(
        "svar",
        qa_cards.answer_card(qa.answer_view(kb, doctor, TODAY)),
        doc="Svar med kilde og 👍/👎",
        known_issue=QA_BUTTONS_CUT,
    )
    yield Sample(
        "svar-bedoemt", qa_cards.answer_card(qa.answer_view(kb, doctor, TODAY), rated=True), known_issue=QA_BUTTONS_CUT
    )
    worst = qa_cards.AnswerView(
        entry_id="x" * 60,
        title="Planlagte læge-, tandlæge-, psykolog- og fysioterapeutbesøg i arbejdstiden for deltidsansatte",
        answer=LONG_TEXT[:1000].rsplit(". ", 1)[0] + ".",
        notes=(
            "Bemærk: Denne regel gjaldt kun til og med 31. december 2025.",
            "Fra 1. januar 2026 gælder i stedet: Lægebesøg i arbejdstiden for alle ansatte i Albertslund Kommune.",
        ),
        validity="Gælder fra 25. juni 2025. Gælder til og med 31. december 2025.",
        sources=(
            "Kilde: Referat af KommuneMED 25. juni 2025, Punkt 2: Orientering fra forperson og næstforperson",
            "Kilde: Personalepolitik for Albertslund Kommune, Afsnit 4.3: Fravær af andre årsager end sygdom",
        ),
        details=LONG_TEXT,
        related=tuple(sorted((e.title for e in kb.entries.values()), key=len, reverse=True)[: qa.MAX_RELATED]),
    )
    yield Sample("svar-worst", qa_cards.answer_card(worst), known_issue=QA_BUTTONS_CUT)
    titles = sorted(e.title for e in kb.entries.values())
    quote = [
        "Det nærmeste, jeg kan finde, står i referatet fra KommuneMED:",
        "»Kutymefridagene den 24. og 31. december opsiges med virkning fra 2026.«",
        "Kilde: Referat af KommuneMED 25. juni 2025, Punkt 5",
    ]
    yield Sample(
        "mente-du",
        qa_cards.unsure_card(titles[:3], []),
        doc="Mente du…? når botten er i tvivl",
        known_issue=QA_BUTTONS_CUT,
    )
    yield Sample(
        "mente-du-worst",
        qa_cards.unsure_card(sorted(titles, key=len, reverse=True)[:3], [LONG_TEXT, LONG_TEXT]),
        known_issue=QA_BUTTONS_CUT,
    )
    yield Sample("ved-ikke", qa_cards.unsure_card([], []), doc="Når botten ikke ved det")
    yield Sample("citat", qa_cards.quote_card("Kutymefridage", quote))
    yield Sample("citat-worst", qa_cards.quote_card(worst.title, [LONG_TEXT] * 4))


def samples() -> list[Sample]:
    """The whole catalogue; names are unique because they name the pictures."""
    result = [*admin_samples(), *qa_samples()]
    names = [s.name for s in result]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"card samples named twice: {sorted(duplicates)}")
    return result
