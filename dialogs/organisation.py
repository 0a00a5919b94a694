"""Reading the organisation file: the YAML with its lines (knowledge.yamlfile) into storage's checked form."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from knowledge.yamlfile import load, validate_data
from storage.org import OrganisationFile, References


def parse_organisation(path: Path, rule_ids: Collection[str] | None = None) -> OrganisationFile:
    """Read and check an organisation file; raises InputError with every problem at once, each with its line.

    `rule_ids` are the reminder rules committees may name under `discussed` and `reminder_intervals`;
    without them only the form of those entries is checked.
    """
    data = load(path)
    return validate_data(data, OrganisationFile, str(path), context=References.in_file(data, rule_ids))
