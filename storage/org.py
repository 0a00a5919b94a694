"""The MED organisation: committees, people and their roles; imported whole from a YAML file."""

from __future__ import annotations

import enum
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Field, Session, SQLModel, col, select

from knowledge.yamlfile import InputError, Problem, line_of
from knowledge.yamlfile import load as load_yaml
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


def link_channel(session: Session, committee_id: str, conversation_id: str) -> Committee:
    """Link a Teams channel to a committee; a channel serves one committee at a time."""
    for other in session.exec(select(Committee).where(Committee.conversation_id == conversation_id)):
        other.conversation_id = None
        session.add(other)
    committee = session.get(Committee, committee_id)
    if committee is None:
        raise KeyError(committee_id)
    committee.conversation_id = conversation_id
    session.add(committee)
    return committee


# ---------------------------------------------------------------------------------------------------------------
# Import

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_KINDS = {kind.value.lower(): kind for kind in CommitteeKind}
_ROLES = {role.value: role for role in MemberRole}


@dataclass(frozen=True)
class ImportSummary:
    """What an import changed, for the CLI's report."""

    committees: int
    people: int
    memberships: int
    deactivated: list[str]
    extras: dict[str, Any]


def parse_organisation(path: Path, rule_ids: Collection[str] | None = None) -> dict[str, Any]:
    """Read and check an organisation file; every problem is reported at once, with its line.

    `rule_ids` are the reminder rules committees may name under `discussed` and `reminder_intervals`;
    without them only the form of those entries is checked.
    """
    data = load_yaml(path)
    file = str(path)
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InputError([Problem(file, 1, "filen skal være en mapping med 'people' og 'committees'")])
    people = data.get("people") or []
    committees_ = data.get("committees") or []
    if not isinstance(people, list) or not isinstance(committees_, list):
        raise InputError([Problem(file, line_of(data, 1), "'people' og 'committees' skal være lister")])

    person_ids: set[str] = set()
    aad_ids: set[str] = set()
    for person in people:
        line = line_of(person)
        if not isinstance(person, dict):
            problems.append(Problem(file, line_of(people), "en person skal være en mapping"))
            continue
        pid, name = str(person.get("id") or ""), str(person.get("name") or "").strip()
        if not _ID.match(pid):
            problems.append(Problem(file, line, f"ugyldigt person-id {pid!r} (små bogstaver, tal og '-')"))
        elif pid in person_ids:
            problems.append(Problem(file, line, f"person-id {pid!r} findes to gange"))
        person_ids.add(pid)
        if not name:
            problems.append(Problem(file, line, f"person {pid!r} mangler 'name'"))
        aad = str(person.get("aad_object_id") or "").lower()
        if aad:
            if aad in aad_ids:
                problems.append(Problem(file, line, f"aad_object_id {aad!r} findes to gange"))
            aad_ids.add(aad)

    committee_ids = {str(c.get("id")) for c in committees_ if isinstance(c, dict)}
    seen: set[str] = set()
    for committee in committees_:
        if not isinstance(committee, dict):
            problems.append(Problem(file, line_of(committees_), "et udvalg skal være en mapping"))
            continue
        line = line_of(committee)
        cid = str(committee.get("id") or "")
        if not _ID.match(cid):
            problems.append(Problem(file, line, f"ugyldigt udvalgs-id {cid!r} (små bogstaver, tal og '-')"))
        elif cid in seen:
            problems.append(Problem(file, line, f"udvalgs-id {cid!r} findes to gange"))
        seen.add(cid)
        if not str(committee.get("name") or "").strip():
            problems.append(Problem(file, line, f"udvalg {cid!r} mangler 'name'"))
        kind = str(committee.get("kind") or "").lower()
        if kind not in _KINDS:
            allowed = ", ".join(k.value for k in CommitteeKind)
            problems.append(Problem(file, line, f"udvalg {cid!r}: ukendt kind {committee.get('kind')!r} ({allowed})"))
        parent = committee.get("parent")
        if parent and str(parent) not in committee_ids:
            problems.append(Problem(file, line, f"udvalg {cid!r}: ukendt parent {parent!r}"))
        if parent and str(parent) == cid:
            problems.append(Problem(file, line, f"udvalg {cid!r} kan ikke være sit eget parent"))
        for member in committee.get("members") or []:
            mline = line_of(member, line)
            if not isinstance(member, dict):
                problems.append(Problem(file, line, f"udvalg {cid!r}: et medlem skal være en mapping"))
                continue
            if str(member.get("person")) not in person_ids:
                problems.append(Problem(file, mline, f"udvalg {cid!r}: ukendt person {member.get('person')!r}"))
            if str(member.get("role") or "member") not in _ROLES:
                allowed = ", ".join(_ROLES)
                problems.append(
                    Problem(file, mline, f"udvalg {cid!r}: ukendt rolle {member.get('role')!r} ({allowed})")
                )
        problems.extend(_reminder_problems(file, committee, cid, rule_ids))
    if problems:
        raise InputError(problems)
    return data


def import_organisation(session: Session, data: dict[str, Any], now: datetime) -> ImportSummary:
    """Make the database match a parsed file: upsert everything, deactivate committees no longer listed.

    Idempotent: importing the same file twice changes nothing the second time. Channel links made with
    `tilknyt` survive a re-import.
    """
    people = data.get("people") or []
    committees_ = data.get("committees") or []
    for person in people:
        row = session.get(Person, person["id"]) or Person(id=person["id"], name=person["name"])
        row.name = str(person["name"]).strip()
        row.email = str(person.get("email") or "")
        row.aad_object_id = str(person.get("aad_object_id") or "").lower()
        session.add(row)
    session.flush()
    listed = {c["id"] for c in committees_}
    # Parents first, so the foreign key holds on PostgreSQL too.
    for committee in _parents_first(committees_):
        unit = session.get(Committee, committee["id"]) or Committee(id=committee["id"], name="", kind="")
        unit.name = str(committee["name"]).strip()
        unit.kind = _KINDS[str(committee["kind"]).lower()].value
        unit.department = str(committee.get("department") or "")
        unit.parent_id = committee.get("parent") or None
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
    for committee in committees_:
        pairs = {(str(m["person"]), str(m.get("role") or "member")) for m in committee.get("members") or []}
        for person_id, role in sorted(pairs):
            session.add(Membership(committee_id=committee["id"], person_id=person_id, role=role))
            count += 1
    session.flush()
    extras = reminder_store.import_from_organisation(session, committees_, now)
    return ImportSummary(len(committees_), len(people), count, deactivated, extras)


def _reminder_problems(
    file: str, committee: dict[str, Any], cid: str, rule_ids: Collection[str] | None
) -> list[Problem]:
    """Check `discussed` (rule → last discussion date) and `reminder_intervals` (rule → months) of one committee."""
    problems: list[Problem] = []
    for key in ("discussed", "reminder_intervals"):
        values = committee.get(key)
        line = line_of(values, line_of(committee))
        if values is None:
            continue
        if not isinstance(values, dict):
            problems.append(Problem(file, line, f"udvalg {cid!r}: '{key}' skal være en mapping fra regel-id"))
            continue
        for rule, value in values.items():
            if not _ID.match(str(rule)) or (rule_ids is not None and str(rule) not in rule_ids):
                problems.append(Problem(file, line, f"udvalg {cid!r}: ukendt påmindelsesregel {rule!r} i '{key}'"))
            if key == "discussed" and not _is_date(value):
                problems.append(Problem(file, line, f"udvalg {cid!r}: {rule}: {value!r} er ikke en dato (ÅÅÅÅ-MM-DD)"))
            if key == "reminder_intervals" and (
                isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 60
            ):
                problems.append(Problem(file, line, f"udvalg {cid!r}: {rule}: intervallet skal være 1-60 måneder"))
    return problems


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


def _parents_first(committees_: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order committees so that every parent comes before its children."""
    by_id = {c["id"]: c for c in committees_}
    ordered: list[dict[str, Any]] = []
    done: set[str] = set()

    def visit(cid: str, path: frozenset[str]) -> None:
        if cid in done or cid in path or cid not in by_id:
            return
        parent = by_id[cid].get("parent")
        if parent:
            visit(parent, path | {cid})
        done.add(cid)
        ordered.append(by_id[cid])

    for cid in by_id:
        visit(cid, frozenset())
    return ordered
