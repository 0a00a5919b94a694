"""Danish normalisation, stemming and compound splitting: the ground both the index and questions stand on."""

from __future__ import annotations

import pytest

from knowledge.text import content_words, is_content_word, split_compound, term, words


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
