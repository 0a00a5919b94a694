"""Danish municipalities by name, so a question about another municipality is not answered with this one's rules.

The knowledge describes one municipality's rules (and a neighbour's MED strategy). "Holder Københavns Kommune
lukket juleaften?" must not get Albertslund's answer, however well the words match.
"""

from __future__ import annotations

from knowledge.text import term, words

# The 98 municipalities, as people write them; hyphenated names also by their distinctive part.
MUNICIPALITIES: tuple[str, ...] = (
    "Albertslund", "Allerød", "Assens", "Ballerup", "Billund", "Bornholm", "Brøndby", "Brønderslev", "Dragør",
    "Egedal", "Esbjerg", "Fanø", "Favrskov", "Faxe", "Fredensborg", "Fredericia", "Frederiksberg",
    "Frederikshavn", "Frederikssund", "Furesø", "Faaborg-Midtfyn", "Gentofte", "Gladsaxe", "Glostrup", "Greve",
    "Gribskov", "Guldborgsund", "Haderslev", "Halsnæs", "Hedensted", "Helsingør", "Herlev", "Herning",
    "Hillerød", "Hjørring", "Holbæk", "Holstebro", "Horsens", "Hvidovre", "Høje-Taastrup", "Hørsholm",
    "Ikast-Brande", "Ishøj", "Jammerbugt", "Kalundborg", "Kerteminde", "Kolding", "København", "Køge",
    "Langeland", "Lejre", "Lemvig", "Lolland", "Lyngby-Taarbæk", "Læsø", "Mariagerfjord", "Middelfart", "Morsø",
    "Norddjurs", "Nordfyn", "Nyborg", "Næstved", "Odder", "Odense", "Odsherred", "Randers", "Rebild",
    "Ringkøbing-Skjern", "Ringsted", "Roskilde", "Rudersdal", "Rødovre", "Samsø", "Silkeborg", "Skanderborg",
    "Skive", "Slagelse", "Solrød", "Sorø", "Stevns", "Struer", "Svendborg", "Syddjurs", "Sønderborg", "Thisted",
    "Tønder", "Tårnby", "Vallensbæk", "Varde", "Vejen", "Vejle", "Vesthimmerland", "Viborg", "Vordingborg",
    "Ærø", "Aabenraa", "Aalborg", "Aarhus",
)  # fmt: skip

# Other ways to write a name; the value is the name above. Hyphenated names are also found by each part.
ALIASES: dict[str, str] = {"kbh": "København", "copenhagen": "København", "århus": "Aarhus", "ålborg": "Aalborg"}
_GENERIC_PARTS = frozenset({"høje"})  # "Høje-Taastrup" is Taastrup; "høje" alone is an adjective

# Names that are also everyday words ("vejen", "skive"): a municipality only when "kommune" follows.
AMBIGUOUS: frozenset[str] = frozenset({"Vejen", "Odder", "Skive", "Varde", "Greve", "Struer", "Rebild"})

# Everyday words whose stem is a municipality's: "hvilke slags dage" is no question about Slagelse.
_EVERYDAY = frozenset({"slag", "slags"})

_KOMMUNE = frozenset({term("kommune"), term("kommunes"), term("kommunen")})
# "speciallæge på Herlev", "Glostrup Hospital": a hospital named by its town is no question about the municipality.
_HOSPITAL = ("hospital", "sygehus")


def _by_term() -> dict[str, str]:
    """Municipality by the term of each word of its name and of its aliases."""
    keys = {term(part): name for name in MUNICIPALITIES for part in words(name) if part not in _GENERIC_PARTS}
    keys.update({term(alias): name for alias, name in ALIASES.items()})
    return keys


_BY_TERM = _by_term()
_BEGINNINGS = frozenset(w[:3] for w in (*(p for n in MUNICIPALITIES for p in words(n)), *ALIASES)) | {"kom"}


def municipalities_named(text: str) -> list[str]:
    """The municipalities a question names, in order, each once ("Københavns Kommune" → København)."""
    return municipalities_in(words(text))


def municipalities_in(said_words: list[str]) -> list[str]:
    """`municipalities_named` for words already read by `words`."""
    found: list[str] = []
    said = [term(w) if w[:3] in _BEGINNINGS and w.lower() not in _EVERYDAY else "" for w in said_words]
    for i, said_term in enumerate(said):
        name = _BY_TERM.get(said_term)
        if name is None or name in found:
            continue
        after = said[i + 1] if i + 1 < len(said) else ""
        if name in AMBIGUOUS and after not in _KOMMUNE:
            continue
        if said_words[i + 1 : i + 2] and said_words[i + 1].lower().startswith(_HOSPITAL):
            continue
        if i and said_words[i - 1].lower() == "på" and after not in _KOMMUNE:
            continue
        found.append(name)
    return found


def place_terms(name: str) -> frozenset[str]:
    """The terms that name one municipality ("glostrup", and "kbh" for København)."""
    return frozenset(t for t, place in _BY_TERM.items() if place == name)


def name_terms() -> frozenset[str]:
    """Every term that names a municipality: such words are places, not people."""
    return frozenset(_BY_TERM)
