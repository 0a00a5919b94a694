"""The MED organisation: committees, people and their roles; imported whole from a checked organisation file.

`OrganisationFile` is the file's form with every check (Danish messages); reading the YAML is the caller's
(`dialogs.organisation`), so storage needs nothing of the knowledge package.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError
from sqlalchemy import delete, func, or_
from sqlmodel import Field, Session, SQLModel, col, select

from storage import reminders as reminder_store


class CommitteeKind(enum.StrEnum):
    """The four kinds of MED body in Albertslund's MED agreement."""

    KOMMUNEMED = "KommuneMED"
    AFDELINGSMED = "AfdelingsMED"
    ARBEJDSPLADSMED = "ArbejdspladsMED"
    PERSONALEMOEDE = "personalemøde med MED-status"


class MemberRole(enum.StrEnum):
    """A person's seat in a committee; secretaries receive reminders and items."""

    SECRETARY = "secretary"
    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    MEMBER = "member"


class Committee(SQLModel, table=True):
    """A MED committee; `conversation_id` is the Teams channel linked with `tilknyt`."""

    id: str = Field(primary_key=True, max_length=80)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=40, index=True)
    department: str = Field(default="", max_length=200)
    parent_id: str | None = Field(default=None, foreign_key="committee.id", max_length=80)
    conversation_id: str | None = Field(default=None, foreign_key="conversation.id", max_length=400)
    active: bool = True


class Person(SQLModel, table=True):
    """Someone with a seat in a committee; `aad_object_id` is how Teams tells us who is writing."""

    id: str = Field(primary_key=True, max_length=80)
    name: str = Field(max_length=200)
    email: str = Field(default="", max_length=200)
    aad_object_id: str = Field(default="", max_length=64, index=True)


class Membership(SQLModel, table=True):
    """Person × committee × role."""

    committee_id: str = Field(primary_key=True, foreign_key="committee.id", max_length=80)
    person_id: str = Field(primary_key=True, foreign_key="person.id", max_length=80)
    role: str = Field(primary_key=True, max_length=20)


# ---------------------------------------------------------------------------------------------------------------
# Queries


def committees(session: Session, kind: CommitteeKind | None = None) -> list[Committee]:
    """Active committees, optionally of one kind, in name order."""
    statement = select(Committee).where(Committee.active == True)  # noqa: E712 - SQL expression
    if kind is not None:
        statement = statement.where(Committee.kind == kind.value)
    return list(session.exec(statement.order_by(Committee.department, Committee.name)))


def person_by_aad(session: Session, aad_object_id: str) -> Person | None:
    """The registered person behind a Teams user, if any."""
    if not aad_object_id:
        return None
    statement = select(Person).where(func.lower(Person.aad_object_id) == aad_object_id.lower())
    return session.exec(statement).first()


def members_of(session: Session, committee_id: str, role: MemberRole | None = None) -> list[Person]:
    """People with a seat in a committee, optionally only in one role."""
    statement = (
        select(Person)
        .join(Membership, col(Membership.person_id) == col(Person.id))
        .where(Membership.committee_id == committee_id)
    )
    if role is not None:
        statement = statement.where(Membership.role == role.value)
    return list(session.exec(statement.order_by(Person.name)).unique())


def channel_of(conversation_id: str) -> str:
    """The channel a conversation id belongs to: Teams adds `;messageid=…` for each thread of a channel."""
    return conversation_id.split(";")[0]


def linked_to_channel(session: Session, conversation_id: str) -> list[Committee]:
    """The committees whose link is this channel, in whichever of its threads `tilknyt` was written, by name.

    One at most since issue 15; a database linked before then may hold several, so this is a list.
    """
    channel = channel_of(conversation_id)
    statement = select(Committee).where(
        or_(
            col(Committee.conversation_id) == channel,
            col(Committee.conversation_id).startswith(channel + ";", autoescape=True),
        )
    )
    # LIKE ignores case in SQLite: compare exactly here.
    found = [c for c in session.exec(statement) if c.conversation_id and channel_of(c.conversation_id) == channel]
    return sorted(found, key=lambda c: (c.name, c.id))


@dataclass(frozen=True)
class LinkChange:
    """What `link_channel` did, for the receipt: which committees the channel no longer serves, what moved."""

    committee: Committee
    replaced: tuple[Committee, ...]  # committees the channel served before, now unlinked
    moved: bool  # the committee was linked to another channel, which no longer gets its messages
    unchanged: bool  # the channel already served the committee: nothing was written


def link_channel(session: Session, committee_id: str, conversation_id: str) -> LinkChange:
    """Link a Teams channel to a committee: a channel serves one committee, a committee has one channel.

    Committees the channel served before are unlinked in the same transaction. `KeyError` for an unknown
    committee, raised before anything changes.
    """
    committee = session.get(Committee, committee_id)
    if committee is None:
        raise KeyError(committee_id)
    before = linked_to_channel(session, conversation_id)
    if [c.id for c in before] == [committee.id]:
        return LinkChange(committee, (), moved=False, unchanged=True)
    replaced = tuple(c for c in before if c.id != committee.id)
    for other in replaced:
        other.conversation_id = None
        session.add(other)
    moved = committee.conversation_id is not None and committee.id not in {c.id for c in before}
    committee.conversation_id = conversation_id
    session.add(committee)
    session.flush()
    return LinkChange(committee, replaced, moved=moved, unchanged=False)


def unlink_channel(session: Session, conversation_id: str) -> list[Committee]:
    """Remove the channel's link (`fjern tilknytning`); returns the committees it served (none: nothing changed)."""
    unlinked = linked_to_channel(session, conversation_id)
    for committee in unlinked:
        committee.conversation_id = None
        session.add(committee)
    if unlinked:
        session.flush()
    return unlinked


# ---------------------------------------------------------------------------------------------------------------
# The organisation file

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_KINDS = {kind.value.lower(): kind for kind in CommitteeKind}
_ROLES = {role.value: role for role in MemberRole}
_Places = list[tuple[tuple[int | str, ...], str]]


@dataclass(frozen=True)
class References:
    """What a committee in an organisation file may name, passed as the validation context.

    The file's own people and committees (also those with mistakes of their own, so each mistake is reported
    once), and the reminder rules for `discussed` and `reminder_intervals` (None: any id of the right form).
    """

    people: frozenset[str] = frozenset()
    committees: frozenset[str] = frozenset()
    rules: frozenset[str] | None = None

    @classmethod
    def in_file(cls, data: Any, rule_ids: Collection[str] | None = None) -> References:
        """The ids a loaded organisation file gives its people and committees."""

        def ids(key: str) -> frozenset[str]:
            items = data.get(key) if isinstance(data, Mapping) else None
            listed = items if isinstance(items, list) else []
            return frozenset(str(item.get("id")) for item in listed if isinstance(item, Mapping))

        return cls(ids("people"), ids("committees"), frozenset(rule_ids) if rule_ids is not None else None)


def _references(info: ValidationInfo) -> References:
    return info.context if isinstance(info.context, References) else References()


def _refuse(places: _Places) -> ValidationError:
    """Several problems one validator found, each at its place (keys, positions) inside the value it checks."""
    details = [
        InitErrorDetails(
            type=PydanticCustomError("value_error", "{message}", {"message": message}), loc=loc, input=None
        )
        for loc, message in places
    ]
    return ValidationError.from_exception_data("refused", details)


def _text(value: Any, info: ValidationInfo) -> str:
    """A scalar as text, as the file's author wrote it ('' for nothing)."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"feltet '{info.field_name}' skal være tekst")
    return str(value)


class PersonFields(BaseModel):
    """A person in the organisation file; `aad_object_id` is how Teams tells who is writing."""

    id: str
    name: str
    email: str = ""
    aad_object_id: str = ""

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, raw: Any) -> Any:
        if not isinstance(raw, Mapping):
            raise ValueError("en person skal være en mapping")
        return {"id": None, "name": None, **raw}  # a field left out is refused like an empty one

    @field_validator("id", "name", "email", "aad_object_id", mode="before")
    @classmethod
    def _as_text(cls, value: Any, info: ValidationInfo) -> str:
        return _text(value, info)

    @field_validator("id")
    @classmethod
    def _id_form(cls, pid: str) -> str:
        if not _ID.match(pid):
            raise ValueError(f"ugyldigt person-id {pid!r} (små bogstaver, tal og '-')")
        return pid

    @field_validator("name")
    @classmethod
    def _named(cls, name: str, info: ValidationInfo) -> str:
        if not name.strip():
            raise ValueError(f"person {info.data.get('id', '')!r} mangler 'name'")
        return name.strip()


class MemberFields(BaseModel):
    """A seat: a person of the file in a role (checked by the committee, whose id the messages name)."""

    person: str
    role: MemberRole = MemberRole.MEMBER


class CommitteeFields(BaseModel):
    """A committee in the organisation file, with its seats and its reminder history and intervals."""

    id: str
    name: str
    kind: CommitteeKind
    department: str = ""
    parent: str | None = None
    members: list[MemberFields] = []
    discussed: dict[str, date] = {}
    reminder_intervals: dict[str, int] = {}

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, raw: Any) -> Any:
        if not isinstance(raw, Mapping):
            raise ValueError("et udvalg skal være en mapping")
        return {"id": None, "name": None, "kind": None, **raw}  # a field left out is refused like an empty one

    @field_validator("id", "name", "department", mode="before")
    @classmethod
    def _as_text(cls, value: Any, info: ValidationInfo) -> str:
        return _text(value, info)

    @field_validator("id")
    @classmethod
    def _id_form(cls, cid: str) -> str:
        if not _ID.match(cid):
            raise ValueError(f"ugyldigt udvalgs-id {cid!r} (små bogstaver, tal og '-')")
        return cid

    @field_validator("name")
    @classmethod
    def _named(cls, name: str, info: ValidationInfo) -> str:
        if not name.strip():
            raise ValueError(f"udvalg {_cid(info)!r} mangler 'name'")
        return name.strip()

    @field_validator("kind", mode="before")
    @classmethod
    def _known_kind(cls, kind: Any, info: ValidationInfo) -> CommitteeKind:
        found = _KINDS.get(str(kind or "").lower())
        if found is None:
            allowed = ", ".join(k.value for k in CommitteeKind)
            raise ValueError(f"udvalg {_cid(info)!r}: ukendt kind {kind!r} ({allowed})")
        return found

    @field_validator("parent", mode="before")
    @classmethod
    def _known_parent(cls, parent: Any, info: ValidationInfo) -> str | None:
        if not parent:
            return None
        cid = _cid(info)
        if str(parent) not in _references(info).committees:
            raise ValueError(f"udvalg {cid!r}: ukendt parent {parent!r}")
        if str(parent) == cid:
            raise ValueError(f"udvalg {cid!r} kan ikke være sit eget parent")
        return str(parent)

    @field_validator("members", mode="before")
    @classmethod
    def _seats(cls, members: Any, info: ValidationInfo) -> list[dict[str, str]]:
        cid, people = _cid(info), _references(info).people
        seats: list[dict[str, str]] = []
        problems: _Places = []
        if members is None:
            return []
        if not isinstance(members, list):
            raise ValueError(f"udvalg {cid!r}: 'members' skal være en liste")
        for number, member in enumerate(members):
            if not isinstance(member, Mapping):
                problems.append(((number,), f"udvalg {cid!r}: et medlem skal være en mapping"))
                continue
            person, role = str(member.get("person")), str(member.get("role") or "member")
            if person not in people:
                problems.append(((number, "person"), f"udvalg {cid!r}: ukendt person {member.get('person')!r}"))
            if role not in _ROLES:
                message = f"udvalg {cid!r}: ukendt rolle {member.get('role')!r} ({', '.join(_ROLES)})"
                problems.append(((number, "role"), message))
            seats.append({"person": person, "role": role})
        if problems:
            raise _refuse(problems)
        return seats

    @field_validator("discussed", "reminder_intervals", mode="before")
    @classmethod
    def _per_rule(cls, values: Any, info: ValidationInfo) -> dict[str, Any]:
        """`discussed` (rule → last discussion date) and `reminder_intervals` (rule → months)."""
        cid, key, rules = _cid(info), info.field_name, _references(info).rules
        if values is None:
            return {}
        if not isinstance(values, Mapping):
            raise ValueError(f"udvalg {cid!r}: '{key}' skal være en mapping fra regel-id")
        problems: _Places = []
        for rule, value in values.items():
            if not _ID.match(str(rule)) or (rules is not None and str(rule) not in rules):
                problems.append(((rule,), f"udvalg {cid!r}: ukendt påmindelsesregel {rule!r} i '{key}'"))
            if key == "discussed" and not _is_date(value):
                problems.append(((rule,), f"udvalg {cid!r}: {rule}: {value!r} er ikke en dato (ÅÅÅÅ-MM-DD)"))
            if key == "reminder_intervals" and (
                isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 60
            ):
                problems.append(((rule,), f"udvalg {cid!r}: {rule}: intervallet skal være 1-60 måneder"))
        if problems:
            raise _refuse(problems)
        if key == "discussed":
            return {
                str(rule): day if isinstance(day, date) else date.fromisoformat(str(day))
                for rule, day in values.items()
            }
        return {str(rule): value for rule, value in values.items()}


def _cid(info: ValidationInfo) -> str:
    """The id of the committee being checked, as written (for messages), even when the id is refused."""
    return str(info.data.get("id", ""))


class OrganisationFile(BaseModel):
    """An organisation file: people and the committees they sit in; checked whole before anything is imported.

    Validate it with `References.in_file(data, rule_ids)` as the context: without it a committee may name
    no person, parent or reminder rule of the file.
    """

    people: list[PersonFields] = []
    committees: list[CommitteeFields] = []

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            raise ValueError("filen skal være en mapping med 'people' og 'committees'")
        people, committees_ = data.get("people") or [], data.get("committees") or []
        if not isinstance(people, list) or not isinstance(committees_, list):
            raise ValueError("'people' og 'committees' skal være lister")
        return {"people": people, "committees": committees_}

    @field_validator("people")
    @classmethod
    def _people_once(cls, people: list[PersonFields]) -> list[PersonFields]:
        problems: _Places = []
        ids: set[str] = set()
        aad_ids: set[str] = set()
        for number, person in enumerate(people):
            if person.id in ids:
                problems.append(((number,), f"person-id {person.id!r} findes to gange"))
            ids.add(person.id)
            aad = person.aad_object_id.lower()
            if aad and aad in aad_ids:
                problems.append(((number,), f"aad_object_id {aad!r} findes to gange"))
            aad_ids.add(aad)
        if problems:
            raise _refuse(problems)
        return people

    @field_validator("committees")
    @classmethod
    def _committees_once(cls, committees_: list[CommitteeFields]) -> list[CommitteeFields]:
        seen: set[str] = set()
        problems: _Places = []
        for number, committee in enumerate(committees_):
            if committee.id in seen:
                problems.append(((number,), f"udvalgs-id {committee.id!r} findes to gange"))
            seen.add(committee.id)
        if problems:
            raise _refuse(problems)
        return committees_


@dataclass(frozen=True)
class ImportSummary:
    """What an import changed, for the CLI's report."""

    committees: int
    people: int
    memberships: int
    deactivated: list[str]
    extras: dict[str, Any]


def import_organisation(session: Session, organisation: OrganisationFile, now: datetime) -> ImportSummary:
    """Make the database match a checked file: upsert everything, deactivate committees no longer listed.

    Idempotent: importing the same file twice changes nothing the second time. Channel links made with
    `tilknyt` survive a re-import.
    """
    for person in organisation.people:
        row = session.get(Person, person.id) or Person(id=person.id, name=person.name)
        row.name = person.name
        row.email = person.email
        row.aad_object_id = person.aad_object_id.lower()
        session.add(row)
    session.flush()
    listed = {c.id for c in organisation.committees}
    # Parents first, so the foreign key holds on PostgreSQL too.
    for committee in _parents_first(organisation.committees):
        unit = session.get(Committee, committee.id) or Committee(id=committee.id, name="", kind="")
        unit.name = committee.name
        unit.kind = committee.kind.value
        unit.department = committee.department
        unit.parent_id = committee.parent
        unit.active = True
        session.add(unit)
        session.flush()
    deactivated = []
    for unit in session.exec(select(Committee).where(col(Committee.active))):
        if unit.id not in listed:
            unit.active = False
            session.add(unit)
            deactivated.append(unit.id)
    session.execute(delete(Membership))
    count = 0
    for committee in organisation.committees:
        pairs = {(member.person, member.role.value) for member in committee.members}
        for person_id, role in sorted(pairs):
            session.add(Membership(committee_id=committee.id, person_id=person_id, role=role))
            count += 1
    session.flush()
    history = [
        committee.model_dump(include={"id", "discussed", "reminder_intervals"}) for committee in organisation.committees
    ]
    extras = reminder_store.import_from_organisation(session, history, now)
    return ImportSummary(len(organisation.committees), len(organisation.people), count, deactivated, extras)


def _is_date(value: Any) -> bool:
    """A YAML date, or a string in ISO form."""
    if isinstance(value, datetime):
        return False
    if isinstance(value, date):
        return True
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _parents_first(committees_: list[CommitteeFields]) -> list[CommitteeFields]:
    """Order committees so that every parent comes before its children."""
    by_id = {c.id: c for c in committees_}
    ordered: list[CommitteeFields] = []
    done: set[str] = set()

    def visit(cid: str, path: frozenset[str]) -> None:
        if cid in done or cid in path or cid not in by_id:
            return
        parent = by_id[cid].parent
        if parent:
            visit(parent, path | {cid})
        done.add(cid)
        ordered.append(by_id[cid])

    for cid in by_id:
        visit(cid, frozenset())
    return ordered
