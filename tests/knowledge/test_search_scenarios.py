"""How the search answers: ordinals, synonyms, English, typos, the threshold, dates and the JSON contract."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, ask_json, search
from tests.knowledge.conftest import ENTRIES, Writer, answered_id, build_at

TODAY = date(2026, 1, 15)
BEFORE_CHANGE = date(2025, 9, 1)


@pytest.fixture
def small_kb(write_knowledge: Writer) -> KnowledgeBase:
    return build_at(write_knowledge())


def test_second_sick_day_is_not_confused_with_first(small_kb: KnowledgeBase) -> None:
    assert search(small_kb, "hvad med barns 2. sygedag", TODAY).entry.id == "barns-anden-sygedag"  # type: ignore[union-attr]
    assert search(small_kb, "barns 1. sygedag?", TODAY).entry.id == "barns-foerste-sygedag"  # type: ignore[union-attr]


def test_spelled_out_ordinal_finds_the_numbered_entry(small_kb: KnowledgeBase) -> None:
    answer = search(small_kb, "barnets anden sygedag", TODAY)
    assert answered_id(answer) == "barns-anden-sygedag"


def test_synonym_finds_the_entry_that_uses_another_word(small_kb: KnowledgeBase) -> None:
    answer = search(small_kb, "min søn første sygedag", TODAY)
    assert answered_id(answer) == "barns-foerste-sygedag"


def test_english_question_is_read_in_danish(small_kb: KnowledgeBase) -> None:
    answer = search(small_kb, "child second sick day", TODAY)
    assert answered_id(answer) == "barns-anden-sygedag"


def test_typo_is_corrected_against_the_index_vocabulary(kb: KnowledgeBase) -> None:
    answer = search(kb, "kutymefirdage", TODAY)
    assert answer.answered and "kutyme" in answer.text.lower()


def test_compound_written_apart_finds_the_compound(kb: KnowledgeBase) -> None:
    answer = search(kb, "syge fravær samtale skabelon", TODAY)
    assert answer.answered and "skabelon" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hvad er vejret i morgen?",
        "Hvornår har kantinen åbent?",
        "Hvor finder jeg min lønseddel?",
        "Hvordan nulstiller jeg min adgangskode?",
        "What time does the gym open?",
        "",
        "???",
    ],
)
def test_out_of_scope_question_is_refused_with_where_to_ask(kb: KnowledgeBase, question: str) -> None:
    reply = ask_json(kb, question, TODAY)
    assert reply["answered"] is False
    assert reply["entry_id"] is None
    assert reply["question"] == question


def test_refusal_names_where_to_ask(kb: KnowledgeBase) -> None:
    text = search(kb, "Hvad er vejret i morgen?", TODAY).text
    assert "HR & Løn" in text and "medarbejdersiden" in text


def test_unsure_question_offers_close_entries_as_suggestions(small_kb: KnowledgeBase) -> None:
    answer = search(small_kb, "barns sygedag hos bedstemor", TODAY)
    assert not answer.answered
    assert 1 <= len(answer.suggestions) <= 3
    assert "Barns" in answer.text


def test_before_a_change_the_old_rule_is_answered_and_the_coming_one_named(small_kb: KnowledgeBase) -> None:
    answer = search(small_kb, "er kutymefridagene opsagt", BEFORE_CHANGE)
    assert answer.entry is not None and answer.entry.id == "kutymefridage-gammel"
    assert "Fra 24. december 2025" in answer.text


def test_after_a_change_a_question_about_the_old_rule_gets_the_new_one(small_kb: KnowledgeBase) -> None:
    answer = search(small_kb, "har vi fri juleaften", TODAY)
    assert answer.entry is not None and answer.entry.id == "kutymefridage-ny"
    assert answer.previous is not None and answer.previous.id == "kutymefridage-gammel"
    assert "Tidligere regel" in answer.text


def test_question_naming_the_old_version_gets_the_old_version(kb: KnowledgeBase) -> None:
    answer = search(kb, "Hvad er strategiplanen for 2022-2023?", TODAY)
    assert answer.entry is not None and "2022-2023" in answer.entry.title
    assert "gjaldt" in answer.text


def test_answer_cites_document_title_and_section(kb: KnowledgeBase) -> None:
    reply = ask_json(kb, "Er lægebesøg med løn?", TODAY)
    assert reply["answered"] is True
    assert "Kilde: Referat af KommuneMED 25. juni 2025, Punkt 2" in reply["answer"]
    assert reply["sources"][0]["document"] == "kommunemed-referat-2025-06-25"


def test_json_reply_has_every_contract_field(kb: KnowledgeBase) -> None:
    reply = ask_json(kb, "tandlæge i arbejdstiden", TODAY)
    assert set(reply) >= {"question", "answered", "answer", "entry_id", "title", "score", "sources", "suggestions"}
    assert isinstance(reply["score"], float) and 0.0 <= reply["score"] <= 1.0
    assert len(reply["answer"]) <= 1200


def test_source_passage_is_quoted_when_no_entry_fits(small_kb: KnowledgeBase) -> None:
    reply = ask_json(small_kb, "hvor kan medarbejdere parkere gratis ved rådhuset", TODAY)
    assert reply["answered"] is True and reply["entry_id"] is None
    assert "p-plads" in reply["answer"] and "**" not in reply["answer"]
    assert reply["sources"] == [{"document": "referat", "section": "Punkt 2: Parkering"}]


def test_weak_passage_match_is_not_an_answer(small_kb: KnowledgeBase) -> None:
    assert ask_json(small_kb, "hvornår lukker kantinen om aftenen", TODAY)["answered"] is False


def test_search_is_pure(kb: KnowledgeBase) -> None:
    first = ask_json(kb, "barns 1. sygedag", TODAY)
    assert ask_json(kb, "barns 1. sygedag", TODAY) == first


def test_every_answer_stays_within_the_contract_length(kb: KnowledgeBase, tmp_path: Path) -> None:
    for entry in kb.entries.values():
        reply = ask_json(kb, entry.title, TODAY)
        assert len(reply["answer"]) <= 1200, entry.id


def test_long_answer_is_cut_but_keeps_its_validity_and_source(write_knowledge: Writer) -> None:
    long_title = "Barns 2. sygedag " + "og en meget lang overskrift om reglerne " * 6
    entries = ENTRIES.replace(
        "answer: På barnets første sygedag har du fri med løn til at finde pasning.",
        "answer: " + "På barnets første sygedag har du fri med løn. " * 21,
    ).replace(
        "  tags: [barn, sygedag]\n- id: barns-anden-sygedag\n  title: Barns 2. sygedag",
        "  tags: [barn, sygedag]\n  valid_to: 2026-06-30\n  superseded_by: barns-anden-sygedag\n"
        f"- id: barns-anden-sygedag\n  title: {long_title}\n  valid_from: 2026-07-01",
    )
    reply = ask_json(build_at(write_knowledge(entries=entries)), "barns 1. sygedag", TODAY)
    assert len(reply["answer"]) <= 1200
    assert "…" in reply["answer"] and "Fra 1. juli 2026 gælder i stedet" in reply["answer"]
    assert reply["answer"].endswith("Kilde: Et referat, Punkt 1: Barns sygedage")


def test_expired_rule_without_successor_says_it_no_longer_applies(write_knowledge: Writer) -> None:
    entries = ENTRIES.replace(
        "  tags: [barn, sygedag]\n- id: barns-anden-sygedag",
        "  tags: [barn, sygedag]\n  valid_to: 2025-06-30\n- id: barns-anden-sygedag",
    )
    answer = search(build_at(write_knowledge(entries=entries)), "barns 1. sygedag", TODAY)
    assert answer.entry is not None and answer.entry.id == "barns-foerste-sygedag"
    assert answer.text.startswith("Bemærk: Denne regel gjaldt kun til og med 30. juni 2025.")


def test_rule_not_yet_in_force_without_predecessor_says_from_when(write_knowledge: Writer) -> None:
    entries = ENTRIES.replace(
        "  answer: Barnets anden sygedag afhænger af driften.\n",
        "  answer: Barnets anden sygedag afhænger af driften.\n  valid_from: 2027-01-01\n",
    )
    answer = search(build_at(write_knowledge(entries=entries)), "barns 2. sygedag", TODAY)
    assert answer.entry is not None and answer.entry.id == "barns-anden-sygedag"
    assert answer.text.startswith("Bemærk: Denne regel gælder først fra 1. januar 2027.")


ABOUT_MED = """\
- id: med-organisationen
  title: MED-organisationen
  questions: ["Hvad er MED?", MED organisation, om MED]
  answer: MED er samarbejdet mellem ledelse og medarbejdere.
  source: {document: referat, section: "Punkt 1"}
  organisation: Albertslund Kommune
  tags: [med]
- id: med-udvalgets-medlemmer
  title: MED-udvalgets medlemmer
  questions: ["Hvem er med i MED?", MED medlemmer, medlemmer af MED]
  answer: Udvalget har medlemmer fra ledelse og medarbejdere.
  source: {document: referat, section: "Punkt 2"}
  organisation: Albertslund Kommune
  tags: [med]
"""


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [("Hvad er MED", "med-organisationen"), ("hvem er med i med?", "med-udvalgets-medlemmer")],
    ids=["what-is", "who-is"],
)
def test_among_equal_entries_the_one_listing_the_question_wins(
    write_knowledge: Writer, question: str, entry_id: str
) -> None:
    kb = build_at(write_knowledge(extra={"med.yaml": ABOUT_MED}))
    answer = search(kb, question, TODAY)
    assert answer.entry is not None and answer.entry.id == entry_id


@pytest.mark.parametrize(
    "question",
    ["Har Rødovre Kommune lukket nytårsaften?", "barns sygedag i Københavns Kommune", "lægebesøg med løn i Glostrup"],
    ids=["other-municipality-holiday", "other-municipality-sick-child", "neighbour-without-such-rule"],
)
def test_question_about_another_municipality_is_not_answered_with_our_rules(kb: KnowledgeBase, question: str) -> None:
    reply = ask_json(kb, question, TODAY)
    assert reply["answered"] is False
    assert not any("Albertslund" in title for title in reply["suggestions"])


def test_refusal_for_another_municipality_says_whose_rules_the_bot_knows(kb: KnowledgeBase) -> None:
    text = search(kb, "Hvordan er reglerne for barns sygedag i Ballerup Kommune?", TODAY).text
    assert "Ballerup" in text and "Albertslund Kommunes regler" in text


def test_question_about_the_neighbour_gets_the_neighbours_content(kb: KnowledgeBase) -> None:
    answer = search(kb, "hvilke niveauer har MED i Glostrup", TODAY)
    assert answer.answered and answer.entry is not None and answer.entry.organisation == "Glostrup Kommune"


@pytest.mark.parametrize(
    "question",
    [
        "Arbejder Albertslund Kommune med samskabt styring?",
        "Har Albertslund også fire MED-niveauer med et Hovedudvalg?",
    ],
    ids=["neighbours-strategy-word", "neighbours-structure"],
)
def test_question_about_us_alone_is_not_answered_with_the_neighbours_content(kb: KnowledgeBase, question: str) -> None:
    answer = search(kb, question, TODAY)
    assert answer.entry is None or answer.entry.organisation == "Albertslund Kommune"
    assert "Glostrup" not in (answer.entry.title if answer.entry is not None else "")


def test_question_about_a_past_year_gets_the_rule_in_force_then_and_names_todays(kb: KnowledgeBase) -> None:
    answer = search(kb, "holdt vi fri nytårsaften i 2023?", TODAY)
    assert answer.entry is not None and answer.entry.id == "kutymefridage-indtil-2025-12-23"
    assert "gjaldt kun til og med 23. december 2025" in answer.text
    assert "I dag gælder: Kutymefridage opsiges (påtænkt)" in answer.text


def test_holiday_without_a_year_means_its_next_occurrence(small_kb: KnowledgeBase) -> None:
    answer = search(small_kb, "har vi fri juleaften?", BEFORE_CHANGE)
    assert answer.entry is not None and answer.entry.id == "kutymefridage-ny"
    assert "gælder først fra 24. december 2025" in answer.text
    assert "Indtil da gælder: Kutymefridage til og med 23. december 2025" in answer.text


def test_question_only_the_old_version_answers_gets_the_old_version_with_todays_rule(kb: KnowledgeBase) -> None:
    answer = search(kb, "hvornår var der kampagne for at rekruttere til hjemmeplejen og plejeboligerne", TODAY)
    assert answer.entry is not None and answer.entry.id == "strategiplan-2022-2023-rekruttering"
    assert "gjaldt kun til og med" in answer.text and "I dag gælder" in answer.text


def test_quoted_fallback_never_answers_about_a_named_colleague(kb: KnowledgeBase) -> None:
    reply = ask_json(kb, "er Trille Culmsee Johnsen gået på barsel", TODAY)
    assert reply["answered"] is False
    assert "Trille" not in reply["answer"]


def test_every_current_entry_is_answered_when_its_title_is_asked(kb: KnowledgeBase) -> None:
    for entry in kb.entries.values():
        answer = search(kb, entry.title, TODAY)
        assert answer.entry is not None and answer.entry.id == entry.id, entry.id


def test_json_sources_name_the_section_heading_and_quote_the_anchor(kb: KnowledgeBase) -> None:
    reply = ask_json(kb, "tandlæge i arbejdstiden", TODAY)
    [source] = reply["sources"]
    assert source["section"] == "Punkt 2: Orientering fra forperson og næstforperson"
    assert source["quote"] == "Det kan f.eks. være akut opstået tandpine."


def test_an_english_count_in_words_is_no_concept_as_the_danish_one_is_not(kb: KnowledgeBase) -> None:
    answer = search(kb, "Which three focus areas does Glostrup's MED strategy have?", TODAY)
    assert answered_id(answer) == "glostrup-med-strategi-2021-2024"


def test_an_english_ing_form_finds_what_its_base_finds(kb: KnowledgeBase) -> None:
    answer = search(kb, "When does terminating the customary days off take effect?", TODAY)
    assert answer.answered and "24 December 2025" in answer.text


def test_the_christmas_lunch_is_answered_in_english(kb: KnowledgeBase) -> None:
    answer = search(kb, "Is the Christmas lunch held in working hours?", TODAY)
    assert answer.answered and answer.language == "en" and "own expense" in answer.text
