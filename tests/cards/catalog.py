"""Every card the bot can send, built by the real card builders with realistic and with worst-case data.

Realistic samples use the shipped knowledge base and example organisation; worst-case samples push each field to
what the bot allows (long Danish texts, 8 committees, 5 questions, the most buttons a card gets). The render test
checks each in a real Adaptive Cards renderer; `doc` marks the pictures shown in the README (docs/cards/).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

import yaml

from bot.config import PROJECT_ROOT
from bot.knowledge_holder import build_from
from dialogs import qa, texts
from dialogs.admin import cards as admin
from dialogs.admin import summary as admin_summary
from dialogs.admin import texts as admin_texts
from dialogs.base import Actor, ReloadOutcome, Seat
from dialogs.cards import card, text
from dialogs.cards import qa as qa_cards
from dialogs.drafts import cards as draft_cards
from dialogs.drafts import rules as draft_rules
from dialogs.drafts import texts as draft_texts
from dialogs.escalations import cards as escalation_cards
from dialogs.escalations import texts as escalation_texts
from dialogs.escalations.model import EscalationState, EscalationView, Offer
from dialogs.feedback import cards as feedback_cards
from dialogs.feedback import export as feedback_export
from dialogs.feedback import status_cards as feedback_status
from dialogs.feedback import texts as feedback_texts
from dialogs.feedback.model import YES, CommitteeAnswer
from dialogs.reminders import Status, add_months, load_rules
from dialogs.reminders import cards as reminder_cards
from dialogs.reminders import texts as reminder_texts
from knowledge.index import KnowledgeBase
from knowledge.model import Entry
from storage.addresses import Via
from storage.feedback import AnswerContent, ItemContent, QuestionKind, QuestionSpec
from storage.knowledge import QuestionCount

TODAY = date(2026, 3, 10)


@dataclass(frozen=True)
class Sample:
    """One card as a user would get it; `doc` is its caption when the README shows it."""

    name: str
    card: dict[str, Any]
    doc: str = ""


# Long, real-sounding Danish text: what a committee or the knowledge base may well produce.
SENTENCE = (
    "Udvalget har drøftet sygefraværet i forvaltningen grundigt og er enige om, at indsatsen for de "
    "langtidssygemeldte medarbejdere skal styrkes, særligt i de arbejdspladser, hvor fraværet er steget. "
)
LONG_TEXT = (SENTENCE * 6).strip()
LONG_NAMES = [
    "AfdelingsMED Økonomi & Stab",
    "AfdelingsMED Borger, Arbejdsmarked & Erhverv",
    "AfdelingsMED Kultur, Fritid & Ejendomme",
    "AfdelingsMED Dagtilbud & Skole",
    "AfdelingsMED Miljø & Teknik",
    "AfdelingsMED Ældre, Sundhed & Social",
    "AfdelingsMED Børn & Familie",
    "ArbejdspladsMED Døgnområdet (Herstedøster Sidevej, Humlehusene, Hjulet)",
]


@cache
def knowledge() -> KnowledgeBase:
    """The shipped knowledge base, compiled once per test run."""
    return build_from(PROJECT_ROOT / "knowledge")


def _actors() -> dict[str, Actor]:
    """One actor per role, as the help card distinguishes them."""
    return {
        "medarbejder": Actor("a1", "Medarbejder"),
        "sekretaer": Actor("a2", "Sekretær", seats=(Seat("afdelingsmed-oes", "AfdelingsMED", "secretary"),)),
        "kommunemed": Actor("a3", "KommuneMED", seats=(Seat("kommunemed", "KommuneMED", "secretary"),)),
        "administrator": Actor("a4", "Administrator", is_admin=True),
    }


def admin_samples() -> Iterator[Sample]:
    """Welcome, help per role, channel linking and knowledge reload."""
    yield Sample("velkomst", admin.welcome_card(), doc="Velkomst, når appen installeres")
    for role, actor in _actors().items():
        yield Sample(f"hjaelp-{role}", admin.help_card(actor), doc=f"hjælp som {role}")
    yield Sample(
        "tilknyt-valg",
        admin.link_choice_card(
            "Ældre",
            [
                ("afdelingsmed-aess", "AfdelingsMED Ældre, Sundhed & Social"),
                ("personalemoede-staben-aess", "Personalemøde med MED-status: Staben i Ældre, Sundhed & Social"),
            ],
        ),
        doc="tilknyt: flere udvalg passer",
    )
    yield Sample(
        "tilknyt-valg-worst",
        admin.link_choice_card(
            "AfdelingsMED",
            [(f"c{i}", name) for i, name in enumerate(LONG_NAMES[:5])],
            before=f"**{LONG_NAMES[-1]}** og **{LONG_NAMES[1]}**",
            more=True,
        ),
    )
    yield Sample(
        "tilknyt-udfoert",
        admin.link_done_card(
            "\n\n".join(
                [
                    admin_texts.LINK_REPLACED.format(before=f"**{LONG_NAMES[1]}**", committee=LONG_NAMES[-1]),
                    admin_texts.LINK_MOVED.format(committee=LONG_NAMES[-1]),
                ]
            )
        ),
    )
    entry_ids = tuple(sorted(knowledge().entries))
    yield Sample(
        "genindlaes-ok",
        admin.reload_card(ReloadOutcome(True, "436c87e09765", added=entry_ids[:1], changed=entry_ids[1:3])),
        doc="genindlæs: vidensbasen er opdateret",
    )
    yield Sample(
        "genindlaes-ok-worst",
        admin.reload_card(
            ReloadOutcome(True, "436c87e09765", added=entry_ids, changed=entry_ids[:40], removed=entry_ids[40:80])
        ),
    )
    yield Sample(
        "genindlaes-fejl",
        admin.reload_card(
            ReloadOutcome(
                False,
                "436c87e09765",
                errors=("content/fridage.yaml:12: valid_from: 2025-13-01 er ikke en dato",),
            )
        ),
        doc="genindlæs: fejl, den gamle version er stadig aktiv",
    )
    yield Sample(
        "genindlaes-fejl-worst",
        admin.reload_card(
            ReloadOutcome(
                False,
                "436c87e09765",
                errors=tuple(
                    f"content/sygefravaer-og-langtidssygemeldte-medarbejdere.yaml:{n}: kilden "
                    f"»referat-kommunemed-2025-06-25#punkt-{n}« findes ikke i knowledge/sources"
                    for n in range(40)
                ),
            )
        ),
    )


def _opened(kb: KnowledgeBase, entry: Entry) -> qa_cards.AnswerView:
    """The answer card's view of an entry as a tap on it shows it on TODAY."""
    result = qa.entry_answer(kb, entry, TODAY)
    assert result is not None, f"{entry.id}: its title does not answer it"
    return qa.answer_view(kb, result, TODAY)


def qa_samples() -> Iterator[Sample]:
    """Answers (every entry in the knowledge base as of TODAY, in Danish and with English labels), 'Mente du…?'
    (Danish and English), the honest 'I don't know', quotes."""
    kb = knowledge()
    for entry_id, entry in sorted(kb.entries.items()):
        yield Sample(f"svar-{entry_id}", qa_cards.answer_card(_opened(kb, entry)))
    doctor = next(e for e in kb.entries.values() if "lægebesøg" in e.title.lower())
    yield Sample("svar", qa_cards.answer_card(_opened(kb, doctor)), doc="Svar med kilde og 👍/👎")
    yield Sample("svar-bedoemt", qa_cards.answer_card(_opened(kb, doctor), rated=True))
    yield Sample("svar-engelsk", qa_cards.answer_card(replace(_opened(kb, doctor), language="en")))
    longest = sorted(kb.entries.values(), key=lambda e: len(e.title), reverse=True)
    worst = qa_cards.AnswerView(
        entry_id="x" * 60,
        title="Planlagte læge-, tandlæge-, psykolog- og fysioterapeutbesøg i arbejdstiden for deltidsansatte",
        answer=LONG_TEXT[:1000].rsplit(". ", 1)[0] + ".",
        warnings=("Bemærk: Denne regel gjaldt kun til og med 31. december 2025.",),
        notes=(
            "Tallene er pr. 1. kvartal 2025.",
            "Gælder fra 25. juni 2025. Gælder til og med 31. december 2025.",
            "Fra 1. januar 2026 gælder i stedet: Lægebesøg i arbejdstiden for alle ansatte i Albertslund Kommune.",
        ),
        sources=(
            "Kilde: Referat af KommuneMED 25. juni 2025, Punkt 2: Orientering fra forperson og næstforperson",
            "Kilde: Personalepolitik for Albertslund Kommune, Afsnit 4.3: Fravær af andre årsager end sygdom",
        ),
        details=LONG_TEXT,
        related=tuple(qa_cards.Choice(e.id, e.title) for e in longest[: qa.MAX_RELATED]),
    )
    yield Sample("svar-worst", qa_cards.answer_card(worst))
    yield Sample("svar-worst-bedoemt-foer", qa_cards.answer_card(worst, rated_before=True))
    choices = sorted((qa_cards.Choice(e.id, e.title) for e in kb.entries.values()), key=lambda c: c.title)
    longest_choices = [qa_cards.Choice(e.id, e.title) for e in longest[:3]]
    quote = [
        "Det nærmeste, jeg kan finde, står i referatet fra KommuneMED:",
        "»Kutymefridagene den 24. og 31. december opsiges med virkning fra 2026.«",
        "Kilde: Referat af KommuneMED 25. juni 2025, Punkt 5",
    ]
    yield Sample(
        "mente-du",
        qa_cards.unsure_card(choices[:3], []),
        doc="Mente du…? når botten er i tvivl",
    )
    yield Sample("mente-du-worst", qa_cards.unsure_card(longest_choices, [LONG_TEXT, LONG_TEXT]))
    yield Sample("mente-du-engelsk", qa_cards.unsure_card(choices[:3], [], "en"))
    yield Sample("ved-ikke", qa_cards.unsure_card([], []), doc="Når botten ikke ved det")
    yield Sample("ved-ikke-engelsk", qa_cards.unsure_card([], [], "en"))
    not_known = "Jeg ved desværre ikke noget om »skole« – det står ikke i de dokumenter, jeg kender."
    yield Sample("ved-ikke-noget-om", qa_cards.unsure_card(choices[:2], [], "da", not_known))
    yield Sample("citat", qa_cards.quote_card("Kutymefridage", quote, choices[:2]))
    yield Sample("citat-worst", qa_cards.quote_card(worst.title, [LONG_TEXT] * 4, longest_choices))


def committees() -> list[tuple[str, str, str]]:
    """(id, name, kind) of every committee in the example organisation."""
    data = yaml.safe_load((PROJECT_ROOT / "config" / "organisation.yaml").read_text(encoding="utf-8"))
    return [(c["id"], c["name"], c["kind"]) for c in data["committees"]]


def _item(worst: bool) -> ItemContent:
    """A KommuneMED item as a secretary writes it, or with every field at its limit."""
    if not worst:
        return ItemContent(
            title="Ny retningslinje for hjemmearbejde",
            body=(
                "KommuneMED har drøftet et udkast til en fælles retningslinje for hjemmearbejde. Udkastet giver "
                "mulighed for op til to hjemmearbejdsdage om ugen, når opgaverne tillader det.\n\n"
                "Vi vil gerne høre, hvordan AfdelingsMED-udvalgene ser på udkastet, før det besluttes i september."
            ),
            deadline=TODAY + timedelta(days=21),
            questions=(
                QuestionSpec("Hvordan vil retningslinjen påvirke arbejdspladserne i jeres område?"),
                QuestionSpec("Kan udvalget støtte udkastet?", QuestionKind.YES_NO),
                QuestionSpec(
                    "Hvornår bør retningslinjen træde i kraft?",
                    QuestionKind.CHOICE,
                    ("1. januar 2027", "1. april 2027", "Senere"),
                ),
            ),
            link="https://www.albertslund.dk",
        )
    long_question = (SENTENCE * 3)[:490].rsplit(" ", 1)[0] + "?"
    return ItemContent(
        title=(SENTENCE * 2)[:200].rsplit(" ", 1)[0],
        body=("\n\n".join([LONG_TEXT] * 5))[:4000],
        deadline=TODAY + timedelta(days=21),
        questions=(
            *(QuestionSpec(long_question) for _ in range(3)),
            QuestionSpec(long_question, QuestionKind.YES_NO),
            QuestionSpec(
                long_question,
                QuestionKind.CHOICE,
                tuple(f"Mulighed {n}: " + SENTENCE[: 100 - 13] for n in range(1, 11)),
            ),
        ),
        to_all=False,
        committee_ids=tuple(f"c{n}" for n in range(8)),
        link="https://www.albertslund.dk/" + "medarbejder/" * 20,
    )


def _answer(content: ItemContent, worst: bool) -> AnswerContent:
    """A committee's answer fitting the item's questions (every text at its 4,000-character limit when worst)."""
    values = []
    for question in content.questions:
        if question.kind == QuestionKind.YES_NO:
            values.append(YES)
        elif question.kind == QuestionKind.CHOICE:
            values.append(question.choices[-1])
        else:
            values.append(
                (SENTENCE * 30)[:4000]
                if worst
                else "Vi ser frem til mere fleksibilitet, men frygter for "
                "sammenhængskraften i de små teams. Vi foreslår faste fællesdage."
            )
    remarks = (SENTENCE * 30)[:4000] if worst else "Udvalget takker for at blive hørt."
    return AnswerContent(meeting_date=TODAY - timedelta(days=2), answers=tuple(values), remarks=remarks)


def feedback_samples() -> Iterator[Sample]:
    """KommuneMED's items: form, preview, receipt after sending, the committees' form and receipt, status, summary."""
    afdelingsmed = [(cid, name) for cid, name, kind in committees() if kind == "AfdelingsMED"]
    choosable = [(cid, name) for cid, name, kind in committees() if kind != "KommuneMED"]
    eight = [(f"c{n}", name) for n, name in enumerate(LONG_NAMES)]
    for worst in (False, True):
        suffix = "-worst" if worst else ""
        item = _item(worst)
        answer = _answer(item, worst)
        names = [name for _cid, name in (eight if worst else afdelingsmed)]
        doc = not worst
        yield Sample(
            f"hoering-formular{suffix}",
            feedback_cards.item_form(choosable + (eight if worst else []), TODAY, content=item if worst else None),
            doc="ny høring: formularen" if doc else "",
        )
        yield Sample(
            f"hoering-forhaandsvisning{suffix}",
            feedback_cards.preview_card(
                7,
                item,
                names,
                [item.deadline - timedelta(days=3), item.deadline],
                TODAY,
                send_at=datetime.combine(TODAY + timedelta(days=1), time(10, 30)) if worst else None,
                warning=feedback_texts.deadline_not_working_day(TODAY, TODAY + timedelta(days=1), "holiday")
                if worst
                else "",
            ),
            doc="ny høring: forhåndsvisning med Send og Ret" if doc else "",
        )
        others = [name for _cid, name in choosable if name not in names]
        many = names + others[: 11 - len(names)] if not worst else names * 2
        yield Sample(
            f"hoering-bekraeft{suffix}",
            feedback_cards.confirm_card(7, item, many, datetime.combine(TODAY, time(10)) if worst else None),
        )
        yield Sample(
            f"hoering-planlagt{suffix}",
            feedback_cards.scheduled_card(7, item, many, datetime.combine(TODAY + timedelta(days=2), time(9, 15))),
        )
        routes = [Via.CHANNEL, Via.SECRETARY, Via.NONE]
        yield Sample(
            f"hoering-sendt{suffix}",
            feedback_cards.sent_card(item, [(name, routes[n % 3]) for n, name in enumerate(names)]),
            doc="ny høring: sendt til udvalgene" if doc else "",
        )
        committee_id, committee_name = eight[-1] if worst else afdelingsmed[0]
        yield Sample(
            f"hoering-svarkort{suffix}",
            feedback_cards.answer_form(7, committee_id, committee_name, item, TODAY),
            doc="Høringen, som udvalget svarer på" if doc else "",
        )
        yield Sample(
            f"hoering-paamindelse{suffix}",
            feedback_cards.answer_form(
                7,
                committee_id,
                committee_name,
                item,
                item.deadline,
                note=feedback_texts.nudge_note(item.deadline, item.deadline),
            ),
        )
        raw = {"meeting_date": "3/12", **{f"answer_{n}": "" for n in range(1, 6)}}
        yield Sample(
            f"hoering-svarkort-fejl{suffix}",
            feedback_cards.answer_form(
                7,
                committee_id,
                committee_name,
                item,
                item.deadline + timedelta(days=1),
                raw=raw,
                errors=[
                    feedback_texts.MEETING_INVALID,
                    *(feedback_texts.ANSWER_MISSING.format(n=n) for n in range(1, 6)),
                ],
            ),
        )
        yield Sample(
            f"hoering-kvittering{suffix}",
            feedback_status.receipt_card(
                7,
                committee_id,
                committee_name,
                item,
                answer,
                submitted_at=datetime(2026, 3, 12, 10, 15),
                submitted_by="Frederik Fiktivsen",
                late=worst,
                version=3 if worst else 1,
                can_edit=True,
            ),
            doc="Kvittering til udvalget med Ret svar" if doc else "",
        )
        views = [
            CommitteeAnswer(
                cid,
                name,
                state,
                answer if state != "missing" else None,
                submitted_at=datetime(2026, 3, 12, 10, 15) if state != "missing" else None,
                submitted_by="Frederik Fiktivsen" if state != "missing" else "",
                versions=1 if state != "missing" else 0,
            )
            for n, (cid, name) in enumerate(eight if worst else afdelingsmed)
            for state in [("answered", "missing", "late")[n % 3]]
        ]
        yield Sample(
            f"hoering-status{suffix}",
            feedback_status.status_card(7, item, views, sent_on=TODAY - timedelta(days=10)),
            doc="status: hvem har svaret" if doc else "",
        )
        yield Sample(
            f"hoering-opsummering{suffix}",
            feedback_status.answers_card(
                7,
                item,
                views,
                today=item.deadline + timedelta(days=1),
                can_close=True,
                intro=feedback_texts.SUMMARY_INTRO,
            ),
            doc="Alle svar samlet efter fristen" if doc else "",
        )
    for worst in (False, True):
        suffix = "-worst" if worst else ""
        item = _item(worst)
        note = ". ".join(
            [feedback_texts.NOTE_DEADLINE_LATER.format(deadline=feedback_texts.long_date(item.deadline))]
            + [feedback_texts.NOTE_QUESTION.format(n=n) for n in range(1, len(item.questions) + 1)]
            + ([feedback_texts.NOTE_BODY] if worst else [])
        )
        changed = replace(item, revision=9 if worst else 2, change_note=note)
        committee_name = LONG_NAMES[-1] if worst else LONG_NAMES[0]
        yield Sample(f"hoering-ret{suffix}", feedback_cards.change_form(7, item, TODAY))
        yield Sample(
            f"hoering-svarkort-rettet{suffix}",
            feedback_cards.answer_form(
                7,
                "c7",
                committee_name,
                changed,
                TODAY,
                answer=_answer(item, False),  # a stored answer is at most MAX_ANSWER_TOTAL long
                note=feedback_texts.CHANGED_ANSWERED,
            ),
        )
        views = [
            CommitteeAnswer(
                f"c{n}",
                name,
                "answered",
                _answer(item, worst),
                submitted_at=datetime(2026, 3, 12, 10, 15),
                submitted_by="Frederik Fiktivsen",
                versions=1,
                earlier_wording=n % 2 == 0,
            )
            for n, name in enumerate(LONG_NAMES if worst else LONG_NAMES[:3])
        ]
        yield Sample(
            f"hoering-status-rettet{suffix}",
            feedback_status.status_card(7, changed, views, sent_on=TODAY - timedelta(days=10), can_change=True),
        )
        yield Sample(f"hoering-traek-tilbage{suffix}", feedback_cards.withdraw_confirmation(7, changed, len(views)))
        yield Sample(f"hoering-trukket-tilbage{suffix}", feedback_cards.withdrawn_card(changed, committee_name))
    yield Sample(
        "hoering-alle-svar-lukket",
        feedback_status.answers_card(7, _item(False), [], today=TODAY, closed_on=TODAY),
    )
    link = "https://medbot.albertslund.dk/exports/7.xlsx.1773220500." + "A" * 43
    yield Sample(
        "hoering-hent-svar",
        feedback_export.download_card(_item(True).title, "xlsx", link, datetime(2026, 3, 10, 10, 15)),
    )


def reminder_samples() -> Iterator[Sample]:
    """The fixed discussions: the reminder at each stage, its receipts, and the overview for one secretary and all."""
    rules = load_rules(PROJECT_ROOT / "config").rules
    violence = next(r for r in rules if r.id == "vold-og-trusler")
    sickness = next(r for r in rules if r.id == "sygefravaer")

    def view(rule: Any, committee: str, due: date, stage: str, interval: int | None = None) -> Any:
        return reminder_cards.ReminderView(
            occurrence_id=f"{rule.id}:afdelingsmed-oes:{due.isoformat()}",
            committee=committee,
            rule=rule,
            interval_months=interval or rule.interval_months,
            due=due,
            last_discussed=add_months(due, -(interval or rule.interval_months)),
            today=TODAY,
            stage=stage,
        )

    oes = "AfdelingsMED Økonomi & Stab"
    yield Sample(
        "paamindelse",
        reminder_cards.reminder_card(view(violence, oes, TODAY + timedelta(days=21), "lead", interval=6)),
        doc="Påmindelse om en fast drøftelse",
    )
    yield Sample(
        "paamindelse-i-dag",
        reminder_cards.reminder_card(view(sickness, LONG_NAMES[7], TODAY, "due")),
    )
    yield Sample(
        "paamindelse-overskredet-worst",
        reminder_cards.reminder_card(view(sickness, LONG_NAMES[7], TODAY - timedelta(days=200), "followup-3")),
    )
    yield Sample(
        "paamindelse-droeftet",
        reminder_cards.done_card(
            committee=oes, rule=violence, discussed_on=TODAY, by="Frederik Fiktivsen", next_due=add_months(TODAY, 6)
        ),
        doc="Markeret som drøftet",
    )
    yield Sample(
        "paamindelse-allerede-droeftet-worst",
        reminder_cards.done_card(
            committee=LONG_NAMES[7],
            rule=sickness,
            discussed_on=TODAY - timedelta(days=3),
            by="Anne-Marie Christiansen-Vestergaard Fiktivsen",
            next_due=add_months(TODAY, 6),
            already=True,
        ),
    )
    yield Sample(
        "paamindelse-udskudt",
        reminder_cards.snoozed_card(committee=oes, rule=violence, due=TODAY, until=TODAY + timedelta(days=7)),
    )

    def status_rows(units: list[tuple[str, str, str, str]]) -> list[Status]:
        rows = []
        for n, (cid, name, kind, department) in enumerate(units):
            for rule in rules:
                if not rule.applies(kind):
                    continue
                due = TODAY + timedelta(days=(n * 37) % 160 - 40)
                last = add_months(due, -rule.interval_months) if n % 4 else None
                rows.append(
                    Status(cid, name, kind, department, rule, rule.interval_months, last, due, None, "secretary")
                )
        return rows

    data = yaml.safe_load((PROJECT_ROOT / "config" / "organisation.yaml").read_text(encoding="utf-8"))
    units = [(c["id"], c["name"], c["kind"], c.get("department") or "") for c in data["committees"]]
    yield Sample(
        "paamindelser-alle",
        reminder_cards.overview_card(status_rows(units), TODAY, everyone=True),
        doc="påmindelser: overblik for KommuneMED og HR & Løn",
    )
    yield Sample(
        "paamindelser-egne",
        reminder_cards.overview_card(status_rows(units[1:2]), TODAY, everyone=False),
        doc="påmindelser: en sekretærs egne udvalg",
    )
    many = [
        (f"c{n}", f"{LONG_NAMES[n % 8]} – afdeling {n}", "ArbejdspladsMED", LONG_NAMES[n % 8].split(" ", 1)[1])
        for n in range(120)
    ]
    yield Sample("paamindelser-alle-worst", reminder_cards.overview_card(status_rows(many), TODAY, everyone=True))
    yield Sample("paamindelser-egne-worst", reminder_cards.overview_card(status_rows(many[:8]), TODAY, everyone=False))


def summary_samples() -> Iterator[Sample]:
    """The weekly admin summary: a usual week, the fullest card, and a week with nothing to report."""
    kb = knowledge()
    entries = sorted(kb.entries.values(), key=lambda e: e.id)
    usual = admin_summary.Summary(
        week="2026-W11",
        today=TODAY,
        retention_days=180,
        unanswered=(
            QuestionCount("må jeg tage mit barn med på arbejde", 7),
            QuestionCount("hvor mange omsorgsdage har jeg i år", 5),
            QuestionCount("kan jeg få fri til min datters dimission", 2),
        ),
        worst_rated=(
            admin_summary.RatedEntry(entries[0].id, entries[0].title, 4, 3),
            admin_summary.RatedEntry("fjernet-opslag", None, 0, 1),
        ),
        open_escalations=3,
        oldest_escalations=(
            admin_summary.OpenEscalation("new", 9),
            admin_summary.OpenEscalation("taken", 1),
            admin_summary.OpenEscalation("new", 0),
        ),
        stale=admin_summary.stale_entries(kb, TODAY)[:4],
    )
    yield Sample("ugens-overblik", admin_summary.summary_card(usual))
    question = ("min kollega og jeg undrer os over om man " * 10)[:300].strip()
    worst = replace(
        usual,
        unanswered=tuple(QuestionCount(f"{question[:-3]}{n:02d}", 99 - n) for n in range(12)),
        worst_rated=tuple(
            admin_summary.RatedEntry(f"e{n}", f"{LONG_NAMES[n]} – {LONG_TEXT[:120]}", 1234, 5678) for n in range(8)
        ),
        open_escalations=431,
        oldest_escalations=tuple(admin_summary.OpenEscalation("taken", 179 - n) for n in range(8)),
        stale=tuple(
            admin_summary.StaleEntry(
                f"s{n}",
                f"{LONG_NAMES[n % 8]} – {LONG_TEXT[:100]}",
                (
                    admin_summary.Expiry("valid_to", TODAY - timedelta(days=30)),
                    admin_summary.Expiry("event_date", TODAY + timedelta(days=59)),
                    admin_summary.Expiry("as_of", TODAY, as_of=TODAY - timedelta(days=365)),
                ),
            )
            for n in range(25)
        ),
    )
    yield Sample("ugens-overblik-worst", admin_summary.summary_card(worst))
    empty = replace(usual, unanswered=(), worst_rated=(), open_escalations=0, oldest_escalations=(), stale=())
    yield Sample("ugens-overblik-tomt", admin_summary.summary_card(empty))


def draft_samples() -> Iterator[Sample]:
    """Drafts for the editors: the form (empty, from an escalation, from a gap, with problems) and the receipt."""
    kb = knowledge()
    documents = draft_rules.documents(kb.documents)
    organisations = draft_rules.organisations(kb.entries.values())
    yield Sample("kladde-formular", draft_cards.draft_form(documents, organisations, {}, origin="teams"))
    question = "Må jeg tage mit barn med på arbejde, når skolen holder lukket på grund af sne?"
    answer = "Nej, som udgangspunkt ikke. Tal med din leder om at holde fri eller arbejde hjemme den dag."
    yield Sample(
        "kladde-formular-henvendelse",
        draft_cards.draft_form(
            documents, organisations, {"questions": question, "answer": answer}, origin="escalation:12"
        ),
    )
    yield Sample(
        "kladde-formular-hul",
        draft_cards.draft_form(documents, organisations, {"questions": question}, origin="gap"),
    )
    long_question = (SENTENCE * 2)[:299].rsplit(" ", 1)[0] + "?"
    worst_values = {
        "title": (SENTENCE * 2)[:200].rsplit(" ", 1)[0],
        "entry_id": "sygefravaer-og-langtidssygemeldte-medarbejdere-i-forvaltningen-efter-2026",
        "questions": "\n".join([long_question] * 10),
        "answer": LONG_TEXT[:1000].rsplit(" ", 1)[0],
        "document": documents[-1][0],
        "section": (SENTENCE * 2)[:300].rsplit(" ", 1)[0],
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
        "organisation": organisations[-1],
        "tags": ", ".join(["sygefravær", "langtidssygemeldte", "arbejdsmiljø", "trivsel", "fravær"] * 2),
    }
    errors = [
        "Kilde: afsnittet 'Punkt 99: Orientering fra forperson og næstforperson om sygefravær…' står ikke i "
        "'kommunemed-referat-2025-06-25'",
        *(
            draft_texts.QUESTION_PROBLEM.format(
                n=n, question=long_question, message="spørgsmålet når ikke 'kladde' (svar: barns-sygedag)"
            )
            for n in range(1, 11)
        ),
        draft_texts.ID_IN_DRAFT.format(id=worst_values["entry_id"], n=4123),
    ]
    yield Sample(
        "kladde-formular-fejl-worst",
        draft_cards.draft_form(documents, organisations, worst_values, origin="escalation:2147483647", errors=errors),
    )
    doctor = next(e for e in kb.entries.values() if "lægebesøg" in e.title.lower())
    [source] = doctor.sources[:1]
    yield Sample(
        "kladde-gemt",
        draft_cards.saved_card(
            draft_cards.SavedDraft(
                number=3,
                entry_id="barn-med-paa-arbejde-ved-sne",
                title="Barn med på arbejde, når skolen holder lukket",
                questions=(question, "barn med på arbejde", "skolen lukket sne barn"),
                answer=answer,
                document_title=kb.documents[source.document].title,
                section=source.section,
                valid_from=TODAY,
                valid_to=None,
                made_by="Admin Fiktivsen",
            )
        ),
    )
    yield Sample(
        "kladde-gemt-worst",
        draft_cards.saved_card(
            draft_cards.SavedDraft(
                number=2147483647,
                entry_id=worst_values["entry_id"],
                title=worst_values["title"],
                questions=tuple([long_question] * 20),
                answer=worst_values["answer"],
                document_title=LONG_NAMES[7],
                section=worst_values["section"],
                valid_from=TODAY,
                valid_to=TODAY + timedelta(days=365),
                made_by="Anne-Marie Christiansen-Vestergaard Fiktivsen",
            )
        ),
    )


def escalation_samples() -> Iterator[Sample]:
    """Spørg HR & Løn: the offer on the cards that did not answer, the consent, the receipts, HR & Løn's inbox card
    as new, taken and answered, and the answer in the employee's chat; worst: a 1,000-character question, a
    4,000-character answer, long names."""
    kb = knowledge()
    doctor = next(e for e in kb.entries.values() if "lægebesøg" in e.title.lower())
    question = "Må jeg tage min hund med på arbejde, hvis den er syg og ikke kan være alene hjemme?"
    long_question = (SENTENCE * 5)[:999].rsplit(" ", 1)[0] + "?"
    long_answer = (SENTENCE * 30)[:4000]
    long_name = "Anne-Marie Christiansen-Vestergaard Fiktivsen"
    ask = qa_cards.AskHR(question)
    yield Sample(
        "ved-ikke-spoerg-hr", qa_cards.unsure_card([], [], ask_hr=ask), doc="Det ved jeg ikke – Spørg HR & Løn"
    )
    yield Sample("mente-du-spoerg-hr-engelsk", qa_cards.unsure_card([], [], "en", ask_hr=ask))
    yield Sample("citat-spoerg-hr", qa_cards.quote_card("Kutymefridage", [LONG_TEXT], ask_hr=ask))
    yield Sample(
        "svar-bedoemt-ned-spoerg-hr",
        qa_cards.answer_card(_opened(kb, doctor), rated=True, ask_hr=qa_cards.AskHR(question, doctor.id)),
    )
    yield Sample(
        "spoerg-hr-samtykke",
        escalation_cards.consent_card(Offer(question, doctor.id), doctor.title, "Frederik Fiktivsen", 180),
        doc="Spørg HR & Løn: præcis hvad der sendes, og navnet",
    )
    yield Sample(
        "spoerg-hr-samtykke-worst",
        escalation_cards.consent_card(Offer(long_question, "x" * 60), "x" * 200, long_name, 36_500),
    )
    yield Sample("spoerg-hr-paa-vej", escalation_cards.on_its_way_card(question))
    yield Sample("spoerg-hr-paa-vej-worst", escalation_cards.on_its_way_card(long_question, already=True))
    yield Sample("spoerg-hr-annulleret", escalation_cards.cancelled_card())
    asked = datetime(2026, 3, 10, 9, 5)
    new = EscalationView(7, "Frederik Fiktivsen", question, "", asked, EscalationState.NEW)
    taken = replace(new, state=EscalationState.TAKEN, taken_by="Admin Fiktivsen", taken_at=asked + timedelta(hours=1))
    answered = replace(
        taken,
        state=EscalationState.ANSWERED,
        answer="Nej, hunde må ikke komme med på arbejdspladsen. Tal med din leder om en fridag.",
        answered_by="Admin Fiktivsen",
        answered_at=asked + timedelta(hours=2),
    )
    worst = replace(
        answered,
        id=2**31 - 1,
        asker=long_name,
        question=long_question,
        about="x" * 200,
        taken_by=long_name,
        answer=long_answer,
        answered_by=long_name,
    )
    yield Sample("spoerg-hr-indbakke-ny", escalation_cards.inbox_card(new), doc="HR & Løns indbakke: nyt spørgsmål")
    yield Sample("spoerg-hr-indbakke-taget", escalation_cards.inbox_card(taken))
    yield Sample("spoerg-hr-indbakke-besvaret", escalation_cards.inbox_card(answered), doc="Besvaret, med Lav kladde")
    yield Sample("spoerg-hr-indbakke-ny-worst", escalation_cards.inbox_card(replace(worst, state=EscalationState.NEW)))
    yield Sample("spoerg-hr-indbakke-besvaret-worst", escalation_cards.inbox_card(worst))
    yield Sample("spoerg-hr-svar", escalation_cards.answer_card(answered), doc="Svaret i medarbejderens chat")
    yield Sample("spoerg-hr-svar-worst", escalation_cards.answer_card(worst))


def message_samples() -> Iterator[Sample]:
    """Refusals and error messages: sent as chat text, which Teams renders with the same Markdown as a TextBlock."""
    filler = defaultdict(lambda: LONG_NAMES[7], n="3", k="4123", value="3/12", day="1. april 2027")
    modules = {
        "texts": texts,
        "admin": admin_texts,
        "qa": qa_cards,
        "feedback": feedback_texts,
        "reminders": reminder_texts,
        "drafts": draft_texts,
        "escalations": escalation_texts,
    }
    for short, module in modules.items():
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str) and " " in value and len(value) > 40:
                message = value.format_map(filler)
                yield Sample(
                    f"besked-{short}-{name.lower().replace('_', '-')}", card([text(message)], fallback=message)
                )


def samples() -> list[Sample]:
    """The whole catalogue; names are unique because they name the pictures."""
    result = [
        *admin_samples(),
        *summary_samples(),
        *qa_samples(),
        *feedback_samples(),
        *reminder_samples(),
        *draft_samples(),
        *escalation_samples(),
        *message_samples(),
    ]
    names = [s.name for s in result]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"card samples named twice: {sorted(duplicates)}")
    return result
