"""Who may do what: the actor behind a Teams user, and the permission checks (plain functions)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select

from dialogs.base import Actor, Seat
from storage.org import Committee, Membership, person_by_aad


def resolve_actor(session: Session, aad_object_id: str, name: str, admins: Iterable[str]) -> Actor:
    """Look the user up in the organisation; admins are listed by Entra object id or e-mail in MEDBOT_ADMINS."""
    aad = (aad_object_id or "").lower()
    person = person_by_aad(session, aad) if aad else None
    admin_set = {a.lower() for a in admins}
    is_admin = bool(aad and aad in admin_set) or bool(person and person.email and person.email.lower() in admin_set)
    if person is None:
        return Actor(aad_object_id=aad, name=name or "", is_admin=is_admin)
    rows = session.exec(
        select(Membership.committee_id, Committee.kind, Membership.role)
        .join(Committee, Committee.id == Membership.committee_id)  # type: ignore[arg-type]
        .where(Membership.person_id == person.id, Committee.active == True)  # noqa: E712
    )
    seats = tuple(Seat(committee_id=c, committee_kind=k, role=r) for c, k, r in rows)
    return Actor(aad_object_id=aad, name=person.name or name, person_id=person.id, is_admin=is_admin, seats=seats)


def can_manage_items(actor: Actor) -> bool:
    """Creating and following KommuneMED items: KommuneMED's secretary or chair, and admins."""
    return actor.is_admin or actor.is_kommunemed_lead


def can_see_all_committees(actor: Actor) -> bool:
    """The organisation-wide overviews (reminders, items): KommuneMED leads and admins."""
    return actor.is_admin or actor.is_kommunemed_lead


def can_administer(actor: Actor) -> bool:
    """Reloading knowledge and linking channels: admins only."""
    return actor.is_admin
