"""The rules file (`config/reminder-rules.yaml`) read into typed rules, and the check of what each rule cites.

The file's shape is a Pydantic model read with `knowledge.yamlfile.read_model`. Each problem is worded the way
HR & Løn has always seen it: `<where>: <what>` at the line of the mapping it concerns (the file, `defaults`, a
rule, or a rule's `card`/`source`), every problem at once. A field's Danish complaint is declared with its type
(`_Says`), so a new field cannot be added without one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    ModelWrapValidatorHandler,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import InitErrorDetails, PydanticCustomError

from dialogs.reminders import texts
from dialogs.reminders.model import (
    DEFAULT_FOLLOWUP_EVERY_DAYS,
    DEFAULT_FOLLOWUPS,
    DEFAULT_LEAD_DAYS,
    FOLLOWUP_EVERY_DAYS,
    FOLLOWUPS,
    INTERVAL_MONTHS,
    LEAD_DAYS,
    RULE_ID,
    RULES_FILE,
    Bounds,
    Citation,
    Rule,
    RuleSet,
)
from knowledge.model import ENTRY_ID
from knowledge.validate import parse_file
from knowledge.yamlfile import InputError, Problem, line_of, read_model
from storage.org import CommitteeKind

# ---------------------------------------------------------------------------------------------------------------
# The file's shape


@dataclass(frozen=True)
class _Says:
    """What the rules file says about a field that is missing or wrong: a `texts` sentence with {key}."""

    sentence: str
    bounds: Bounds | None = None

    def about(self, key: str) -> str:
        """The sentence for the field `key` (a number's range from its bounds)."""
        low, high = self.bounds or (0, 0)
        return self.sentence.format(key=key, low=low, high=high)


def _folded(value: str) -> str:
    """Whitespace folded, as YAML's folded blocks and hand-broken lines should read on a card."""
    return " ".join(value.split())


def _as_id(value: Any) -> str:
    """A rule id as the organisation file and the CLI name it (`id: 2024` is the id '2024')."""
    return str(value or "")


def _entry_id(value: str) -> str:
    """A knowledge entry id, in the form every entry id has."""
    if not ENTRY_ID.match(value):
        raise ValueError(texts.BAD_ENTRY.format(entry=value))
    return value


_KINDS = {kind.value.lower(): kind for kind in CommitteeKind}


def _kind(value: Any) -> CommitteeKind:
    """A committee kind in any letter case."""
    kind = _KINDS.get(str(value).lower())
    if kind is None:
        raise ValueError(texts.UNKNOWN_KIND.format(kind=value, kinds=", ".join(CommitteeKind)))
    return kind


def _number(bounds: Bounds) -> Any:
    """The range check of a number field, from its constant in `model`."""
    return Field(ge=bounds.low, le=bounds.high)


_MAPPING = _Says(texts.NOT_MAPPING)
Text = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_folded), _Says(texts.NOT_TEXT)
]
IntervalMonths = Annotated[StrictInt, _number(INTERVAL_MONTHS), _Says(texts.NOT_NUMBER, INTERVAL_MONTHS)]
LeadDays = Annotated[StrictInt, _number(LEAD_DAYS), _Says(texts.NOT_NUMBER, LEAD_DAYS)]
EveryDays = Annotated[StrictInt, _number(FOLLOWUP_EVERY_DAYS), _Says(texts.NOT_NUMBER, FOLLOWUP_EVERY_DAYS)]
Followups = Annotated[StrictInt, _number(FOLLOWUPS), _Says(texts.NOT_NUMBER, FOLLOWUPS)]


class _FollowupFields(BaseModel):
    """`followups`: a follow-up every `every_days` days while overdue, at most `max`; unset falls back."""

    every_days: EveryDays | None = None
    max: Followups | None = None


class _Defaults(BaseModel):
    """`defaults`: the stage settings of every rule that does not set its own."""

    lead_days: LeadDays = DEFAULT_LEAD_DAYS
    followups: Annotated[_FollowupFields | None, _MAPPING] = None


class _Card(BaseModel):
    """`card`: what the reminder card asks, why, and a question for the knowledge base."""

    what: Text
    why: Text


class _Source(BaseModel):
    """`source`: the document the rule comes from and the section that says so, verbatim."""

    document: Text
    section: Text
    label: Text


class _Rule(BaseModel):
    """One item of `rules`, as written."""

    id: Annotated[str, BeforeValidator(_as_id), Field(pattern=RULE_ID.pattern), _Says(texts.BAD_ID)]
    title: Text
    short: Text | None = None
    applies_to: Annotated[
        list[Annotated[CommitteeKind, BeforeValidator(_kind)]], Field(min_length=1), _Says(texts.NO_KINDS)
    ]
    interval_months: IntervalMonths
    lead_days: LeadDays | None = None
    followups: Annotated[_FollowupFields | None, _MAPPING] = None
    card: Annotated[_Card, _MAPPING]
    knowledge_entry: Annotated[Text, AfterValidator(_entry_id)]
    source: Annotated[_Source, _MAPPING]
    line: int = 0

    @model_validator(mode="before")
    @classmethod
    def _with_line(cls, data: Any) -> Any:
        """Keep the line the rule starts on, for the citation check's problems."""
        return {**data, "line": line_of(data)} if isinstance(data, Mapping) else data


class RulesFile(BaseModel):
    """`reminder-rules.yaml`: the start date, defaults for the reminder stages, and the rules."""

    start_date: Annotated[date, Field(strict=True), _Says(texts.NOT_DATE)]
    defaults: Annotated[_Defaults | None, _MAPPING] = None
    rules: Annotated[list[_Rule], Field(min_length=1), _Says(texts.NO_RULES)]

    @model_validator(mode="wrap")
    @classmethod
    def _in_danish(cls, data: Any, handler: ModelWrapValidatorHandler[RulesFile]) -> RulesFile:
        """Every problem, including ids written twice, in the rules file's own wording."""
        problems = _duplicate_ids(data)
        try:
            parsed = handler(data)
        except ValidationError as exc:
            problems = [*(_translated(error, data) for error in exc.errors()), *problems]
        if problems:
            raise ValidationError.from_exception_data(cls.__name__, problems)
        return parsed

    def rule_set(self, file: str) -> RuleSet:
        """The typed rules, each stage setting from the rule, else the file's defaults, else medbot's."""
        defaults = self.defaults or _Defaults()
        followups = defaults.followups or _FollowupFields()
        every = _first(followups.every_days, DEFAULT_FOLLOWUP_EVERY_DAYS)
        most = _first(followups.max, DEFAULT_FOLLOWUPS)
        rules = []
        for raw in self.rules:
            own = raw.followups or _FollowupFields()
            rules.append(
                Rule(
                    id=raw.id,
                    title=raw.title,
                    short=raw.short or raw.title,
                    applies_to=frozenset(raw.applies_to),
                    interval_months=raw.interval_months,
                    lead_days=_first(raw.lead_days, defaults.lead_days),
                    followup_every_days=_first(own.every_days, every),
                    followup_max=_first(own.max, most),
                    what=raw.card.what,
                    why=raw.card.why,
                    knowledge_entry=raw.knowledge_entry,
                    source=Citation(raw.source.document, raw.source.section, raw.source.label),
                    line=raw.line,
                )
            )
        return RuleSet(start_date=self.start_date, rules=tuple(rules), file=file)


def _first(value: int | None, default: int) -> int:
    return default if value is None else value


# ---------------------------------------------------------------------------------------------------------------
# Problems in the rules file's wording


def _says(kind: Any) -> _Says | None:
    """The complaint declared in a type, looked for through Annotated and Optional."""
    if isinstance(kind, _Says):
        return kind
    return next((found for part in get_args(kind) if (found := _says(part)) is not None), None)


def _complaint(field: FieldInfo) -> _Says:
    """A field's complaint: Pydantic keeps an Annotated field's extras in `metadata`, an Optional's in the type."""
    found = next((says for part in (*field.metadata, field.annotation) if (says := _says(part)) is not None), None)
    if found is None:
        raise TypeError(f"a field of the rules file says nothing when it is wrong: {field}")
    return found


_COMPLAINTS = {
    name: _complaint(field)
    for model in (RulesFile, _Defaults, _FollowupFields, _Rule, _Card, _Source)
    for name, field in model.model_fields.items()
    if name != "line"
}


def _problem(where: Sequence[int | str], message: str, data: Any) -> InitErrorDetails:
    """A problem of the mapping at `where`: read_model reports it at that mapping's line, as it is worded."""
    return InitErrorDetails(type=PydanticCustomError("value_error", message), loc=tuple(where), input=data)


def _translated(error: Any, data: Any) -> InitErrorDetails:
    """One Pydantic error as the rules file words it, placed on the mapping that holds the field."""
    loc = tuple(error["loc"])
    if not loc:
        return _problem((), texts.FILE_NOT_MAPPING, data)
    if isinstance(loc[-1], int) and error["type"] != "value_error":
        return _problem(loc, texts.RULE_NOT_MAPPING, data)  # an item of `rules`
    field = max(i for i, part in enumerate(loc) if isinstance(part, str))
    owner, key = loc[:field], str(loc[field])
    message = str(error["ctx"]["error"]) if error["type"] == "value_error" else _COMPLAINTS[key].about(key)
    return _problem(owner, f"{_where(owner, data)}: {message}", data)


def _where(owner: Sequence[int | str], data: Any) -> str:
    """How a problem names the mapping it is in: 'filen', 'defaults', "regel 'id'", "regel 'id', card"."""
    if not owner:
        return texts.IN_FILE
    if owner[0] != "rules":
        return texts.IN_DEFAULTS
    rule_id = _as_id(data["rules"][owner[1]].get("id"))
    part = owner[2] if len(owner) > 2 else ""
    if part in ("card", "source"):
        return texts.IN_PART.format(rule=rule_id, part=part)
    return texts.IN_RULE.format(rule=rule_id)


def _duplicate_ids(data: Any) -> list[InitErrorDetails]:
    """Each valid rule id written a second time."""
    raw_rules = data.get("rules") if isinstance(data, Mapping) else None
    if not isinstance(raw_rules, list):
        return []
    seen: set[str] = set()
    problems = []
    for index, raw in enumerate(raw_rules):
        rule_id = _as_id(raw.get("id")) if isinstance(raw, Mapping) else ""
        if not RULE_ID.match(rule_id):
            continue
        if rule_id in seen:
            problems.append(
                _problem(("rules", index), f"{texts.IN_RULE.format(rule=rule_id)}: {texts.DUPLICATE_ID}", data)
            )
        seen.add(rule_id)
    return problems


# ---------------------------------------------------------------------------------------------------------------
# Reading and checking


def parse_rules(path: Path) -> RuleSet:
    """Read and check the rules file; every problem is reported at once, with its line."""
    return read_model(path, RulesFile).rule_set(str(path))


@lru_cache(maxsize=8)
def _parse_cached(path: Path, _mtime_ns: int, _size: int) -> RuleSet:
    return parse_rules(path)


def load_rules(config_dir: Path) -> RuleSet:
    """The rules in `config_dir`, read again only when the file changed (an edit needs no restart)."""
    path = config_dir / RULES_FILE
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError([Problem(str(path), 0, texts.NOT_READABLE.format(error=exc))]) from exc
    return _parse_cached(path, stat.st_mtime_ns, stat.st_size)


def citation_problems(rules: RuleSet, knowledge_dir: Path) -> list[Problem]:
    """Each rule must cite a knowledge entry that exists and a section that occurs verbatim in its source."""
    entries: dict[str, set[str]] = {}
    for content in sorted((knowledge_dir / "content").glob("*.yaml")):
        for entry in parse_file(content)[0]:
            entries[entry.id] = {source.document for source in entry.sources}
    problems: list[Problem] = []
    for rule in rules.rules:
        found: list[str] = []
        if rule.knowledge_entry not in entries:
            found.append(texts.UNKNOWN_ENTRY.format(entry=rule.knowledge_entry))
        elif rule.source.document not in entries[rule.knowledge_entry]:
            found.append(texts.ENTRY_DOES_NOT_CITE.format(entry=rule.knowledge_entry, document=rule.source.document))
        document = knowledge_dir / "sources" / f"{rule.source.document}.txt"
        if not document.is_file():
            found.append(texts.NO_SOURCE.format(name=document.name))
        elif rule.source.section not in document.read_text(encoding="utf-8"):
            found.append(texts.SECTION_NOT_VERBATIM.format(name=document.name))
        where = texts.IN_RULE.format(rule=rule.id)
        problems.extend(Problem(rules.file, rule.line, f"{where}: {message}") for message in found)
    return problems
