"""Years counted from the day asked to an entry's milestones: "Hvor mange år er det siden …?"."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from knowledge import KnowledgeBase, search
from knowledge.elapsed import elapsed
from knowledge.model import Milestone
from knowledge.query import read_question
from tests.knowledge.conftest import ENTRIES, Writer, answered_id, build_at

TODAY = date(2026, 12, 3)
FIRST = Milestone(date(2017, 1, 1), True, "første AlbertslundPraktik", "the first AlbertslundPraktik")
LAST = Milestone(date(2021, 1, 1), True, "sidste AlbertslundPraktik", "the last AlbertslundPraktik")
ADOPTED = Milestone(date(2023, 11, 15), False, "MED-aftalen vedtaget", "the MED agreement adopted")


def count(kb: KnowledgeBase, asked: str, *milestones: Milestone, at: date = TODAY, english: bool = False) -> str:
    entry = dataclasses.replace(kb.entries["albertslundpraktik"], milestones=milestones)
    return elapsed(read_question(asked, kb.index, kb.synonyms, at), entry, at, english)


def test_the_first_and_the_last_time_are_told_apart(kb: KnowledgeBase) -> None:
    asked_last = "Hvor mange år er det siden, AlbertslundPraktik sidst blev holdt?"
    assert count(kb, asked_last, FIRST, LAST) == (
        "Regnet fra i dag (3. december 2026): sidste AlbertslundPraktik – 2021, 5 år siden."
    )
    assert "2017, 9 år siden" in count(
        kb, "Hvor mange år er det siden, AlbertslundPraktik første gang blev holdt?", FIRST, LAST
    )


def test_a_question_naming_neither_milestone_gets_no_count(kb: KnowledgeBase) -> None:
    """Two milestones said alike: which one is meant is not guessed."""
    assert count(kb, "Hvor mange år er det siden, AlbertslundPraktik blev holdt?", FIRST, LAST) == ""


def test_a_question_that_asks_no_count_of_years_gets_none(kb: KnowledgeBase) -> None:
    assert count(kb, "Hvornår blev AlbertslundPraktik sidst holdt?", FIRST, LAST) == ""


def test_a_count_from_another_day_than_today_is_not_given(kb: KnowledgeBase) -> None:
    """ "… da KommuneMED evaluerede i juni 2025?" counts to that day, not to today."""
    asked = "Hvor mange år var der gået siden MED-aftalen blev vedtaget, da KommuneMED evaluerede i juni 2025?"
    assert count(kb, asked, ADOPTED) == ""


@pytest.mark.parametrize(
    ("at", "said"),
    [
        (date(2026, 11, 14), "2 år siden"),  # the day before the third anniversary
        (date(2026, 11, 15), "3 år siden"),  # the anniversary itself
        (date(2023, 11, 15), "i dag"),  # the day itself
        (date(2023, 11, 14), "om under et år"),  # the day before
        (date(2024, 11, 14), "under et år siden"),  # a day short of a year after
        (date(2021, 11, 16), "om 1 år"),  # a day short of two years ahead
        (date(2021, 11, 15), "om 2 år"),
    ],
)
def test_a_dated_milestone_counts_whole_years_and_the_anniversary_is_a_full_year(
    kb: KnowledgeBase, at: date, said: str
) -> None:
    assert count(kb, "Hvor mange år er det siden, MED-aftalen blev vedtaget?", ADOPTED, at=at).endswith(f", {said}.")


def test_a_year_alone_counts_by_the_year_and_ahead_says_om(kb: KnowledgeBase) -> None:
    merger = Milestone(date(2028, 1, 1), True, "fælles tilbud", "one facility")
    assert count(kb, "Hvor mange år er der til det fælles tilbud?", merger).endswith("– 2028, om 2 år.")
    assert count(kb, "Hvor mange år er der til det fælles tilbud?", merger, at=date(2028, 12, 31)).endswith(", i år.")


def test_whether_a_period_is_over_is_told_by_the_milestone_that_ends_it(kb: KnowledgeBase) -> None:
    ends = Milestone(date(2025, 1, 1), True, "perioden 2024-2025 slutter", "the period 2024-2025 ends")
    assert count(kb, "Er perioden slut nu?", FIRST, ends).endswith(
        "perioden 2024-2025 slutter – 2025, 1 år siden. Perioden er altså slut."
    )
    assert count(kb, "Er perioden slut nu?", FIRST, ends, at=date(2024, 6, 1)).endswith("ikke slut endnu.")
    assert count(kb, "Hvor mange år er det siden, perioden sluttede?", ends).endswith("1 år siden.")  # no verdict
    assert count(kb, "Er perioden slut nu?", FIRST, LAST) == ""  # no milestone ends a period


def test_a_year_in_the_name_of_what_is_counted_is_no_other_day(kb: KnowledgeBase) -> None:
    """ "budget 2025" names the catalogue, not a day to count from."""
    published = Milestone(date(2024, 8, 20), False, "budgetkataloget til budget 2025 offentliggjort", "published")
    asked = "Hvor mange år er det siden budgetkataloget til budget 2025 blev offentliggjort?"
    assert "20. august 2024, 2 år siden" in count(kb, asked, published)


def test_this_year_named_is_today_and_no_other_day(kb: KnowledgeBase) -> None:
    asked = "Hvor mange år er det siden, AlbertslundPraktik sidst blev holdt, her i december 2026?"
    assert count(kb, asked, FIRST, LAST).endswith("2021, 5 år siden.")


def test_a_year_in_the_name_of_the_source_is_no_other_day(kb: KnowledgeBase) -> None:
    """ "… som strategiplanen 2022-2023 henviser til" names the document the entry is from."""
    entry = dataclasses.replace(kb.entries["krav-i-arbejdet"], milestones=(ADOPTED,))
    asked = "Hvor mange år er det siden, MED-aftalen blev vedtaget, som strategiplanen 2022-2023 henviser til?"
    question = read_question(asked, kb.index, kb.synonyms, TODAY)
    assert "3 år siden" in elapsed(question, entry, TODAY, english=False)
    assert count(kb, asked, ADOPTED) == ""  # AlbertslundPraktik's entry is from the minutes of 2025


def test_english_counts_in_english(kb: KnowledgeBase) -> None:
    said = count(kb, "How many years ago was AlbertslundPraktik last held?", FIRST, LAST, english=True)
    assert said == "Counted from today (3 December 2026): the last AlbertslundPraktik – 2021, 5 years ago."


@pytest.mark.parametrize(
    ("asked", "entry", "said"),
    [
        (
            "Hvor mange år er der gået, siden AlbertslundPraktik blev holdt for sidste gang?",
            "kommunemed-2025-06-25-punkt-9-17-albertslundpraktik-aar-for-aar",
            "2021, 5 år siden",
        ),
        (
            "Hvor mange år er der gået, siden afdelingsMED blev indført med den nye MED-aftale?",
            "med-struktur-albertslund",
            "15. november 2023, 3 år siden",
        ),
        ("How long ago did the last AlbertslundPraktik take place?", "albertslundpraktik", "2021, 5 years ago"),
        ("Hvor lang tid er der gået siden AfdelingsMED blev indført?", "afdelingsmed", "15. november 2023, 3 år siden"),
        (
            "Hvor mange år er det siden, MED-konferencen om AI blev holdt?",
            "med-konference-2025",
            "4. november 2025, 1 år siden",
        ),
        ("How many years ago was the trial year of the new MUS concept?", "mus-lus-grus", "2024, 2 years ago"),
        (
            "Hvor mange år er det siden, AfdelingsMED blev indført i Albertslund?",
            "med-struktur-albertslund",
            "15. november 2023, 3 år siden",
        ),
        (
            "How many years until the budget catalogue of 35 million is fully phased in?",
            "oes-budgetkatalog-2025",
            "in 2 years",
        ),
        # whether a period is over; "hvor længe siden", "hvor lang tid er det siden", "hvor gammel er"
        (
            "Er perioden for Glostrups MED-strategi slut?",
            "glostrup-med-strategi-2021-2024",
            "Glostrups strategiperiode 2021-2024 slutter – 2024, 2 år siden",
        ),
        ("Is Plan MED still in force?", "plan-med-2024-2025", "2025, 1 year ago"),
        ("Er valgperioden i KommuneMED slut?", "kommunemed-medlemmer", "31. maj 2027, om under et år"),
        (
            "Hvor længe siden tiltrådte Lise Valentin Bayer som direktør?",
            "oes-2024-08-27-detaljer-direktoer-bsv",
            "2024, 2 år siden",
        ),
        (
            "Hvor lang tid er det siden budgetkataloget til budget 2025 blev offentliggjort?",
            "oes-2024-08-27-detaljer-budgetseminar",
            "20. august 2024, 2 år siden",
        ),
        ("Hvor gammel er KommuneMEDs strategiplan 2022-2023?", "strategiplan-2022-2023", "5. april 2022, 4 år siden"),
        (
            "Hvor mange år er det siden, Arbejdstilsynet udgav sin vejledning om arbejdsmængde og tidspres?",
            "krav-i-arbejdet",
            "5. november 2021, 5 år siden",
        ),
        ("How many years ago was the strategy plan 2022-2023 dated?", "strategiplan-2022-2023", "4 years ago"),
        (
            "Hvor mange år siden skulle ledelsesinformationssystemet om sygefravær lanceres?",
            "sygefravaer-maaltal",
            "2022, 4 år siden",
        ),
        (
            "Hvor længe siden holdt ØS sin udviklingsdag?",
            "oes-2024-08-27-detaljer-udviklingsdag",
            "17. september 2024, 2 år siden",
        ),
        (
            "Who took up her post as director of BSV in 2024, and how long ago was that?",
            "oes-2024-08-27-detaljer-direktoer-bsv",
            "2 years ago",
        ),
        # whether it is over is answered too; "how much longer", "in how many years", "indtil"
        ("Is Plan MED 2024-2025 still running?", "plan-med-2024-2025", "1 year ago. So it has ended."),
        (
            "Er KommuneMEDs valgperiode overstået?",
            "kommunemed-medlemmer",
            "om under et år. Perioden er altså ikke slut endnu.",
        ),
        ("How much longer does KommuneMED's election period run?", "kommunemed-medlemmer", "in less than a year"),
        (
            "In how many years will the budget catalogue of 35 million be fully phased in?",
            "oes-budgetkatalog-2025",
            "2028, in 2 years",
        ),
        (
            "Hvor mange år er der indtil budgetkataloget på 35 mio. kr. er fuldt indfaset?",
            "oes-budgetkatalog-2025",
            "2028, om 2 år",
        ),
        # an end asked for is counted to the milestone that ends it, not to when the strategy was drawn up
        (
            "Hvor mange år er det siden, Glostrups MED-strategi udløb?",
            "glostrup-med-strategi-2021-2024",
            "Glostrups strategiperiode 2021-2024 slutter – 2024, 2 år siden",
        ),
        (
            "Hvor længe siden stoppede Mette Holck som leder af Organisation & Politik?",
            "oes-2024-08-27-detaljer-leder-organisation-og-politik",
            "30. november 2024, 2 år siden",
        ),
        (
            "Kører valgperioden i KommuneMED stadig?",
            "kommunemed-medlemmer",
            "om under et år. Perioden er altså ikke slut endnu.",
        ),
        ("Is Plan MED still the current plan?", "plan-med-2024-2025", "So it has ended."),
        ("Gælder Glostrups strategi stadigvæk?", "glostrup-med-strategi-2021-2024", "Perioden er altså slut."),
        (
            "Hvor mange år er det siden, kommunens retningslinjer for sygefravær kom?",
            "sygefravaersindsats-2025",
            "(marts 2023) – 2023, 3 år siden",
        ),
        # "hvor lang tid er det siden" counts from today; it does not ask how long a talk lasts
        (
            "Hvor lang tid er det siden MUS-konceptet blev lanceret?",
            "mus-lus-grus",
            "som blev lanceret i marts – 2024, 2 år siden",
        ),
        # "hvor gammel er …?" counts from today; "gammel" names no topic
        (
            "Hvor gammel er MED-aftalen, der indførte AfdelingsMED?",
            "med-struktur-albertslund",
            "15. november 2023, 3 år siden",
        ),
        (
            "Hvor gamle er retningslinjerne for sygefravær?",
            "sygefravaersindsats-2025",
            "(marts 2023) – 2023, 3 år siden",
        ),
    ],
)
def test_the_count_is_said_before_the_answer(kb: KnowledgeBase, asked: str, entry: str, said: str) -> None:
    answer = search(kb, asked, TODAY)
    assert answered_id(answer) == entry and said in answer.preface[-1] and said not in answer.body


MILESTONES = """\
  milestones:
    - {when: 2021, what: sidste gang}
    - {when: "2023-02-30", what: umulig dato}
    - {when: 2024-05-01}
"""


def test_a_milestone_without_a_day_or_a_what_is_reported_with_its_line(write_knowledge: Writer) -> None:
    from tests.knowledge.test_validation import problems_of

    place = "  organisation: Albertslund Kommune\n"
    base = write_knowledge(entries=ENTRIES.replace(place, place + MILESTONES, 1))
    file = str(base / "content" / "emner.yaml")
    found = problems_of(base)
    assert any(p.startswith(f"{file}:") and "hverken et år eller en dato" in p for p in found), found
    assert any(p.startswith(f"{file}:") and "'what'" in p for p in found), found


def test_a_year_or_a_day_is_a_milestone(write_knowledge: Writer) -> None:
    place = "  organisation: Albertslund Kommune\n"
    written = "  milestones:\n    - {when: 2021, what: sidste gang}\n    - {when: 2023-11-15, what: vedtaget}\n"
    kb = build_at(write_knowledge(entries=ENTRIES.replace(place, place + written, 1)))
    assert kb.entries["barns-foerste-sygedag"].milestones == (
        Milestone(date(2021, 1, 1), True, "sidste gang"),
        Milestone(date(2023, 11, 15), False, "vedtaget"),
    )
