"""Free text from cards and messages, made fit to store: the one cleaning every dialog and the bot edge use.

A card payload is JSON that anyone holding a token can forge. Three things in it would otherwise reach the
database: NUL, which PostgreSQL refuses and SQLite stores (so the two would disagree); lone surrogates (JSON's
"\\ud800" parses to one), which neither can encode; and other control characters, which mean nothing to a reader
and make Excel refuse the export. Tabs and line breaks are text and stay; so do emoji, right-to-left text and the
invisible joiners they need.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; surrogates (a pair that JSON
# escaped is already one character in Python, so whatever is left here stands alone); the two non-characters
# XML forbids.
_UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """`value` without the characters no stored or exported text may hold; everything else as it was."""
    return _UNFIT.sub("", value)


def is_clean(value: str) -> bool:
    """True when `clean_text` would leave `value` as it is (for identifiers, which are refused, never changed)."""
    return _UNFIT.search(value) is None


def clean_payload(value: Any) -> Any:
    """A card payload with every string in it cleaned, keys included.

    Ids from a payload reach queries: PostgreSQL refuses a NUL there where SQLite finds nothing, so without this
    the same forged click would fail on one database and be refused politely on the other.
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {clean_text(k) if isinstance(k, str) else k: clean_payload(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_payload(item) for item in value]
    return value


def text_inputs(data: Mapping[str, Any], keys: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """A card's input values at `keys`: (the cleaned texts, the keys whose value is not text at all).

    Teams sends every Input.Text, Input.Date and Input.ChoiceSet value as a string, and leaves an untouched
    field out; a number, boolean, list or object in their place comes from a forged payload and is refused by
    the caller rather than turned into text.
    """
    texts: dict[str, str] = {}
    wrong: list[str] = []
    for key in keys:
        value = data.get(key)
        if isinstance(value, str):
            texts[key] = clean_text(value)
        elif value is not None:
            wrong.append(key)
    return texts, wrong
