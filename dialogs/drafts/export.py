"""The drafts as one YAML content file, in the entry format `medbot kb check` reads (knowledge/README.md).

Each entry is written with the fields an editor would write, in the README's order, empty optional fields left
out, and a comment saying which draft it was, who made it and where it came from. The file says at its top what
it is and what to do with it: review it in git, `kb check`, then `kb reload`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import yaml

from dialogs.drafts.model import FIELD_ORDER
from storage.drafts import DraftEntry

FILE_PREFIX = "kladder"
HEADER = (
    "# Kladder til vidensbasen, lavet i Teams og skrevet af `medbot kb drafts export` den {day}.\n"
    "# Gennemse og ret dem i git, kør `medbot kb check`, og udgiv med `medbot kb reload` (eller genindlæs i Teams).\n"
)
ENTRY_COMMENT = "# Kladde nr. {number}, lavet af {by} den {day} ({origin})\n"


class _IndentedDumper(yaml.SafeDumper):
    """Lists inside an entry indented under their key, as the hand-written content files have them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Never indentless: `questions:` is followed by `    - …`, not by `  - …`."""
        super().increase_indent(flow, False)


def file_name(day: date, n: int = 1) -> str:
    """`kladder-2026-03-02.yaml`, or `kladder-2026-03-02-2.yaml` for the second file of a day."""
    suffix = "" if n == 1 else f"-{n}"
    return f"{FILE_PREFIX}-{day.isoformat()}{suffix}.yaml"


def entry_yaml(data: Mapping[str, Any]) -> str:
    """One entry as a YAML list item; fields without a value are left out, as editors leave them out."""
    shown = {key: data[key] for key in FIELD_ORDER if data.get(key) not in (None, "", [], {})}
    dumped: str = yaml.dump(
        [shown], Dumper=_IndentedDumper, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False
    )
    return dumped


def as_yaml(drafts: Sequence[tuple[DraftEntry, Mapping[str, Any]]], day: date) -> str:
    """The content file: header, then each draft (the stored row and the entry it proposes) with its comment."""
    parts = [HEADER.format(day=day.isoformat())]
    for draft, data in drafts:
        made = draft.made_at.date().isoformat()
        by = " ".join(draft.made_by.split())  # one line: a name cannot end the comment and start YAML
        parts.append("\n" + ENTRY_COMMENT.format(number=draft.id, by=by, day=made, origin=draft.origin))
        parts.append(entry_yaml(data))
    return "".join(parts)
