"""The synonyms file: groups both ways, broader words one way, English replaced by Danish."""

from __future__ import annotations

from pathlib import Path

from knowledge.query import translate
from knowledge.synonyms import load_synonyms, parse_synonyms, phrase_terms
from knowledge.text import keep_content, words

SYNONYMS = """\
groups:
  - [betaling, løn]
  - [juleaften, "24. december"]
broader:
  tandlæge: læge
english:
  sick child: barn syg
  doctor: læge
"""


def synonyms_in(tmp_path: Path, text: str = SYNONYMS) -> Path:
    path = tmp_path / "synonyms.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_group_members_find_each_other_both_ways(tmp_path: Path) -> None:
    synonyms = load_synonyms(synonyms_in(tmp_path))
    assert phrase_terms("24. december") in synonyms.alternatives(phrase_terms("juleaften"))
    assert phrase_terms("juleaften") in synonyms.alternatives(phrase_terms("24. december"))


def test_an_inflection_the_stemmer_keeps_still_finds_its_group(tmp_path: Path) -> None:
    synonyms = load_synonyms(synonyms_in(tmp_path))
    assert phrase_terms("løn") in synonyms.alternatives(phrase_terms("betale"))


def test_broader_word_works_one_way_only(tmp_path: Path) -> None:
    synonyms = load_synonyms(synonyms_in(tmp_path))
    assert synonyms.broader_than(phrase_terms("tandlæge")) == (phrase_terms("læge"),)
    assert synonyms.broader_than(phrase_terms("læge")) == ()


def test_english_phrase_is_replaced_longest_first(tmp_path: Path) -> None:
    synonyms = load_synonyms(synonyms_in(tmp_path))
    assert keep_content(translate(words("My sick child needs a doctor"), synonyms)) == ["barn", "syg", "læge"]


def test_english_phrase_with_a_stopword_is_matched_whole(tmp_path: Path) -> None:
    synonyms = load_synonyms(synonyms_in(tmp_path, "english:\n  every year: årligt\n  office: arbejdsplads\n"))
    assert keep_content(translate(words("closed this year, every year?"), synonyms)) == ["closed", "årligt"]
    assert keep_content(translate(words("Is the office closed?"), synonyms)) == ["arbejdsplads", "closed"]


def test_a_shared_beginning_is_no_synonym(tmp_path: Path) -> None:
    synonyms = load_synonyms(synonyms_in(tmp_path, "groups:\n  - [skranter, syg]\n"))
    assert synonyms.alternatives(phrase_terms("skranken")) == []
    assert phrase_terms("syg") in synonyms.alternatives(phrase_terms("skranter"))


def test_missing_synonyms_file_means_no_synonyms(tmp_path: Path) -> None:
    synonyms, problems = parse_synonyms(tmp_path / "absent.yaml")
    assert problems == [] and synonyms.groups == ()


def test_broader_without_a_target_is_reported_on_its_line(tmp_path: Path) -> None:
    path = synonyms_in(tmp_path, "broader:\n  tandlæge: []\n")
    _, problems = parse_synonyms(path)
    assert [str(p) for p in problems] == [f"{path}:2: 'tandlæge' skal pege på et bredere ord eller en liste af ord"]


def test_english_phrase_of_stopwords_and_numbers_is_refused(tmp_path: Path) -> None:
    path = synonyms_in(tmp_path, "english:\n  the 1: første\n")
    _, problems = parse_synonyms(path)
    assert [str(p) for p in problems] == [f"{path}:2: 'the 1: første' består kun af stopord og tal"]


PERSONAL = """\
personal:
  own: [min]
  remaining: [tilbage]
  used: [brugt]
  me: [jeg]
  asks: [hvad]
  be: [er]
  topics:
    - words: [tilmeldt]
      standing: {standing}
      answer: Det kan jeg ikke se.
      answer_en: I cannot see that.
"""


def test_a_personal_topic_may_name_the_askers_standing(tmp_path: Path) -> None:
    synonyms, problems = parse_synonyms(synonyms_in(tmp_path, PERSONAL.format(standing="true")))
    assert not problems and synonyms.personal.be == {"er"} and synonyms.personal.topics[0].standing


def test_a_standing_that_is_not_true_or_false_is_reported(tmp_path: Path) -> None:
    _, problems = parse_synonyms(synonyms_in(tmp_path, PERSONAL.format(standing="ja")))
    assert problems and "'standing'" in str(problems[0])


def test_a_year_or_quarter_inside_an_english_phrase_does_not_part_it(tmp_path: Path) -> None:
    synonyms = load_synonyms(synonyms_in(tmp_path, "english:\n  the report: opgørelse\n  report: anmelde\n"))
    read = translate(words("What was in the Q1 2025 report?"), synonyms)
    assert "opgørelse" in read and "anmelde" not in read and "2025" in read
    assert "anmelde" in translate(words("How do I report it?"), synonyms)


def test_an_english_ing_or_ed_form_reads_as_its_listed_base(tmp_path: Path) -> None:
    synonyms = load_synonyms(synonyms_in(tmp_path, "english:\n  terminate: opsige\n  save: spare\n  stop: stoppe\n"))
    assert keep_content(translate(words("terminating the days off"), synonyms)) == ["opsige", "days", "off"]
    assert keep_content(translate(words("How much is saved?"), synonyms)) == ["spare"]
    assert keep_content(translate(words("stopping"), synonyms)) == ["stoppe"]
    assert keep_content(translate(words("betaling"), synonyms)) == ["betaling"]


def test_a_generic_ing_or_ed_form_is_not_read_as_its_base(tmp_path: Path) -> None:
    synonyms = load_synonyms(synonyms_in(tmp_path, "english:\n  change: ændring\ngeneric: [changed]\n"))
    assert keep_content(translate(words("has it changed"), synonyms)) == ["changed"]
