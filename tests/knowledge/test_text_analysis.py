"""Danish normalisation, stemming and compound splitting: the ground both the index and questions stand on."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.text import content_words, is_content_word, lemma, skeleton, split_compound, split_known, term, words
from knowledge.when import day_asked_about, days_named, months_named, span_named, with_this_year


@pytest.mark.parametrize(
    ("typed", "proper"),
    [("laegebesoeg", "lægebesøg"), ("Sygefravaer", "sygefravær"), ("raadhuset", "rådhuset"), ("LØN", "løn")],
    ids=["ae-oe", "ae", "aa", "case"],
)
def test_ascii_spelling_and_case_meet_the_danish_word(typed: str, proper: str) -> None:
    assert term(words(typed)[0]) == term(words(proper)[0])


def test_inflected_forms_share_one_stem() -> None:
    assert term("lægebesøget") == term("lægebesøg")
    assert term("barnets") == term("barn")


def test_ordinals_keep_their_number_so_first_and_second_day_differ() -> None:
    assert words("barns 1. sygedag") == ["barns", "1", "sygedag"]
    assert content_words("barns 2. sygedag") != content_words("barns 1. sygedag")


def test_decimal_numbers_stay_one_token() -> None:
    assert "14,3" in words("Sygefraværet var 14,3 dage")


def test_markdown_and_punctuation_are_dropped() -> None:
    assert words("**Den attraktive** arbejdsplads!") == ["den", "attraktive", "arbejdsplads"]


def test_an_english_apostrophe_s_is_no_word_of_its_own() -> None:
    assert words("What's my colleague’s salary?") == ["what", "my", "colleague", "salary"]
    assert words("ØS' stress-retningslinje") == ["øs", "stress", "retningslinje"]


def test_ikke_typed_short_in_a_chat_is_ikke() -> None:
    assert words("jeg har ik fundet pasning") == words("jeg har ikke fundet pasning")


@pytest.mark.parametrize("word", ["anden", "andet", "første", "ikke", "uden"])
def test_words_that_change_the_answer_are_not_stopwords(word: str) -> None:
    assert is_content_word(word)


@pytest.mark.parametrize("word", ["hvad", "hvornaar", "jeg", "the", "gælder"])
def test_question_scaffolding_is_dropped(word: str) -> None:
    assert not is_content_word(word)


VOCABULARY = frozenset(term(w) for w in ["sygefravær", "samtale", "fridage", "læge", "besøg", "plan"])


@pytest.mark.parametrize(
    ("compound", "parts"),
    [
        ("sygefraværssamtale", ["sygefravær", "samtale"]),
        ("lægebesøg", ["læge", "besøg"]),
        ("laegebesoeg", ["læge", "besøg"]),
        ("kutymefridage", ["kutyme", "fridage"]),
    ],
    ids=["linking-s", "plain", "ascii-spelling", "unknown-modifier-known-head"],
)
def test_compound_splits_into_fewest_known_parts(compound: str, parts: list[str]) -> None:
    assert split_compound(compound, VOCABULARY) == parts


def test_word_made_of_no_known_parts_is_not_split() -> None:
    assert split_compound("kantinen", VOCABULARY) is None


def test_clock_times_are_no_topic() -> None:
    assert content_words("lægen i morgen kl 10") == ["lægen"]


def test_idioms_name_no_topic_but_their_words_alone_do() -> None:
    assert content_words("tandlæge med det samme") == ["tandlæge", "med"]  # "med" is also MED
    assert content_words("det samme sygdomsforløb") == ["samme", "sygdomsforløb"]
    assert content_words("i tillæg til overskrifterne") == ["overskrifterne"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("plan med 24-25", ["plan", "med", "2024", "2025"]),
        ("Plan MED 2024-25", ["plan", "med", "2024", "2025"]),
        ("fri d. 24 dec", ["fri", "24", "december"]),
        ("strategien 2022-23, gælder den", ["strategien", "2022", "2023"]),
        ("MED-strategien 2021-24", ["med", "strategien", "2021", "2024"]),
        ("kl 10-12", []),
        ("lukket 31/12", ["lukket", "31", "december"]),
        ("fri 24/12-2025", ["fri", "24", "december", "2025"]),
        ("1/3 af fraværet", ["1", "3", "fraværet"]),
        ("plan med 24/25", ["plan", "med", "2024", "2025"]),
        ("hva gør jeg imens", []),
    ],
    ids=[
        "short-year-range",
        "half-short-year-range",
        "month-abbreviation",
        "range-before-comma",
        "plan-years",
        "clock",
        "day-slash-month",
        "day-slash-month-year",
        "fraction-is-no-date",
        "slash-years-are-no-date",
        "spoken-filler",
    ],
)
def test_short_forms_are_written_out(typed: str, read: list[str]) -> None:
    assert content_words(typed) == read


def test_clock_ranges_and_time_of_asking_are_no_topic() -> None:
    assert content_words("min søn er syg i morgen kl 10-12, hvad gør jeg uanset hvad") == ["søn", "syg"]


def test_a_word_typed_without_danish_letters_has_the_same_skeleton() -> None:
    assert skeleton(term("gronne")) == skeleton(term("grønne"))


def test_tenses_the_stemmer_keeps_apart_share_a_lemma() -> None:
    assert lemma(term("truede")) == lemma(term("truet")) == lemma(term("truer"))


WRITTEN = frozenset({"barn", "sygedag", "borger", "mest", "laegebesoeg", "regler"})
KNOWN = frozenset(term(w) for w in ["barn", "sygedag", "borger", "mest", "lægebesøg", "regler"])


@pytest.mark.parametrize(
    ("compound", "parts"),
    [("barnesygedag", ["barn", "sygedag"]), ("lægebesøgsregler", ["lægebesøg", "regler"]), ("borgmester", None)],
    ids=["linking-e", "linking-s", "stem-only-part-is-no-word"],
)
def test_unknown_compound_splits_only_into_written_words(compound: str, parts: list[str] | None) -> None:
    assert split_known(compound, KNOWN, WRITTEN) == parts


def test_a_pasted_giant_word_is_not_split_so_it_cannot_hold_a_worker() -> None:
    vocabulary = {term("syge"), term("fravær"), term("samtale")}
    assert split_compound("sygefraværssamtale", vocabulary) is not None
    assert split_compound("sygefravær" * 6, vocabulary) is None
    assert split_known("sygefravær" * 6, vocabulary, {"syge", "fravaer", "samtale"}) is None


def test_the_hr_office_is_no_word_about_pay() -> None:
    assert words("Spørg HR & Løn eller HR og løn") == ["spørg", "hr", "eller", "hr"]
    assert words("Hvad er HR & Løns telefonnummer?") == ["hvad", "er", "hr", "telefonnummer"]
    assert "løn" in words("Får jeg løn under kurset?")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("på mødet den 30. april 2025", (date(2025, 4, 30), date(2025, 4, 30))),
        ("i september 2025", (date(2025, 9, 1), date(2025, 9, 30))),
        ("in February 2028", (date(2028, 2, 1), date(2028, 2, 29))),
        ("i efteråret 2024", (date(2024, 9, 1), date(2024, 11, 30))),
        ("in the summer of 2025", (date(2025, 6, 1), date(2025, 8, 31))),
        ("i september", None),  # no year: which September is not told
        ("31. november 2024", (date(2024, 11, 30), date(2024, 11, 30))),  # a slip of the pen, not an error
    ],
)
def test_the_days_a_text_names(text: str, span: tuple[date, date] | None) -> None:
    assert span_named(text) == span


def test_a_day_with_its_month_is_no_month_asked() -> None:
    assert months_named("efter 30. november 2024") is None
    assert days_named("referatet af mødet 30. april 2025 og 25. juni 2025") == [date(2025, 4, 30), date(2025, 6, 25)]


def test_a_count_in_digits_before_a_plural_is_read_as_a_count() -> None:
    assert words("hvilke 4 MED-niveauer") == ["hvilke", "fire", "med", "niveauer"]
    assert words("de 3 indsatsområder") == ["de", "tre", "indsatsområder"]
    assert words("indsatsområde 3 og de 5 sygedage") == ["indsatsområde", "3", "og", "de", "5", "sygedage"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("min læge har kun tider mellem 8 og 15", ["læge", "kun", "tider"]),
        ("fra 9 til 16 hver dag", ["dag"]),
        ("forskellen mellem 1. og 2. sygedag", ["forskellen", "1", "2", "sygedag"]),  # days, not hours
        ("mellem 7 og 14 dage", ["7", "14", "dage"]),  # a count of days
    ],
)
def test_a_span_of_the_days_hours_is_when_never_what(text: str, kept: list[str]) -> None:
    assert content_words(text) == kept


def test_the_askers_own_minutes_are_no_topic() -> None:
    assert content_words("det tager mig 40 min") == []  # not "40": how long the asker's own trip takes
    assert content_words("40 dage") == ["40", "dage"]


@pytest.mark.parametrize(
    ("asked", "day"),
    [
        ("Hvem er kommunaldirektør næste år?", date(2027, 1, 1)),
        ("What were the figures last year?", date(2025, 12, 31)),
        ("Hvor mange hold skal der holdes inden for det næste år?", None),  # a span, not a year
        ("How many courses are held within the next year?", None),
    ],
)
def test_a_relative_year_is_the_year_it_means_but_the_next_year_is_a_span(asked: str, day: date | None) -> None:
    assert day_asked_about(asked, date(2026, 12, 3)) == day


def test_this_year_is_said_with_its_number_for_the_period_check() -> None:
    assert with_this_year("Hvad viste trivselsmålingen i år?", date(2026, 12, 3)) == (
        "Hvad viste trivselsmålingen i år 2026?"
    )
