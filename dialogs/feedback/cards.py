"""Cards for writing and answering an item: the item form, its preview, the sent receipt and the committees'
answer form. The cards that show answers (a committee's receipt, the status, the summary) are in `status_cards`.

Every function here is pure: it gets plain data (local times already converted) and returns a card dict; the
words come from `texts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from dialogs.cards import Element, card, container, execute, facts, heading, open_url, text
from dialogs.feedback import texts
from dialogs.feedback.model import (
    ALL_AFDELINGSMED,
    BODY_BESIDE_ANSWER,
    MAX_CHOICES_FIELD,
    MAX_LINK,
    MAX_QUESTION,
    MAX_QUESTIONS,
    MAX_TEXT,
    MAX_TITLE,
    NO,
    YES,
    AnswerContent,
    DeliveryState,
    ItemContent,
    QuestionKind,
)
from dialogs.feedback.texts import long_date, moment, names_list
from dialogs.workdays import SEND_AT, SEND_UNTIL, next_working_day
from storage.addresses import Via


def clip(value: str, limit: int) -> str:
    """`value` cut to `limit` characters, an ellipsis marking the cut."""
    return value if len(value) <= limit else value[: max(0, limit - 1)].rstrip() + "…"


# --- inputs --------------------------------------------------------------------------------------------------------


def _input_text(
    input_id: str,
    label: str,
    *,
    value: str = "",
    multiline: bool = False,
    required: bool = False,
    max_length: int = MAX_TEXT,
    placeholder: str = "",
    error: str = "",
) -> Element:
    block: Element = {"type": "Input.Text", "id": input_id, "label": label, "maxLength": max_length}
    if multiline:
        block["isMultiline"] = True
    if value:
        block["value"] = value[:max_length]  # a rejected, over-long value comes back cut to what the field takes
    if placeholder:
        block["placeholder"] = placeholder
    if required:
        block["isRequired"] = True
        block["errorMessage"] = error or texts.REQUIRED
    return block


def _input_date(input_id: str, label: str, *, value: str = "", minimum: str = "", error: str = "") -> Element:
    block: Element = {
        "type": "Input.Date",
        "id": input_id,
        "label": label,
        "isRequired": True,
        "errorMessage": error or texts.PICK_A_DATE,
    }
    if value:
        block["value"] = value
    if minimum:
        block["min"] = minimum
    return block


def _send_at_inputs(values: dict[str, str], today: date) -> list[Element]:
    """The optional "Send den" date and time: empty sends on the click, a time schedules the item."""
    day: Element = {"type": "Input.Date", "id": "send_date", "label": texts.FORM_SEND_DATE, "min": today.isoformat()}
    clock: Element = {
        "type": "Input.Time",
        "id": "send_time",
        "label": texts.FORM_SEND_TIME,
        "min": SEND_AT.strftime("%H:%M"),
        "max": SEND_UNTIL.strftime("%H:%M"),
    }
    if values.get("send_date"):
        day["value"] = values["send_date"]
    if values.get("send_time"):
        clock["value"] = values["send_time"]
    return [text(texts.FORM_SEND_HINT, subtle=True), day, clock]


def _input_choice(
    input_id: str,
    label: str,
    choices: Sequence[tuple[str, str]],
    *,
    value: str = "",
    multi: bool = False,
    expanded: bool = False,
    required: bool = False,
    error: str = "",
) -> Element:
    block: Element = {
        "type": "Input.ChoiceSet",
        "id": input_id,
        "label": label,
        "choices": [{"title": title, "value": val} for title, val in choices],
        "style": "expanded" if expanded else "compact",
        "wrap": True,
    }
    if multi:
        block["isMultiSelect"] = True
    if value:
        block["value"] = value
    if required:
        block["isRequired"] = True
        block["errorMessage"] = error or texts.PICK_AN_ANSWER
    return block


def no_inputs(action: Element) -> Element:
    """A button that sends no input values and skips input validation (preview buttons, 'Ret')."""
    return {**action, "associatedInputs": "none"}


def _errors(errors: Sequence[str]) -> list[Element]:
    if not errors:
        return []
    lines = "\n".join(f"- {e}" for e in errors)
    return [container([text(texts.NOTHING_SAVED, weight="Bolder", color="Attention"), text(lines)], style="attention")]


# --- creating an item ----------------------------------------------------------------------------------------------


def item_form(
    committees: Sequence[tuple[str, str]],
    today: date,
    *,
    content: ItemContent | None = None,
    item_id: int | None = None,
    errors: Sequence[str] = (),
    raw: dict[str, str] | None = None,
) -> dict[str, Any]:
    """`ny høring`: the form for a new item (pre-filled from a draft, or from rejected input with its errors).

    `committees` are (id, name) of every committee that can be chosen; "Alle AfdelingsMED" comes first.
    """
    values = dict(raw or {})
    if content is not None:
        values.update(_form_values(content))
    choices = [(texts.ALL_AFDELINGSMED_LABEL, ALL_AFDELINGSMED), *((name, cid) for cid, name in committees)]
    body: list[Element] = [
        heading(texts.NEW_ITEM),
        text(texts.FORM_INTRO, subtle=True),
        *_errors(errors),
        _input_text("title", texts.FORM_TITLE, value=values.get("title", ""), required=True, max_length=MAX_TITLE),
        _input_text("body", texts.FORM_BODY, value=values.get("body", ""), multiline=True, required=True),
        _input_text(
            "link", texts.FORM_LINK, value=values.get("link", ""), max_length=MAX_LINK, placeholder=texts.FORM_LINK_HINT
        ),
        _input_date("deadline", texts.FORM_DEADLINE, value=values.get("deadline", ""), minimum=today.isoformat()),
        _input_choice(
            "recipients",
            texts.RECIPIENTS,
            choices,
            value=values.get("recipients", ALL_AFDELINGSMED),
            multi=True,
            required=True,
            error=texts.FORM_RECIPIENTS_MISSING,
        ),
        *_send_at_inputs(values, today),
    ]
    kinds = [(label, kind.value) for kind, label in texts.KIND_LABELS.items()]
    for n in range(1, MAX_QUESTIONS + 1):
        body.append(
            container(
                [
                    _input_text(
                        f"question_{n}",
                        (texts.FORM_QUESTION if n == 1 else texts.FORM_QUESTION_OPTIONAL).format(n=n),
                        value=values.get(f"question_{n}", ""),
                        required=n == 1,
                        max_length=MAX_QUESTION,
                        error=texts.FORM_QUESTION_MISSING,
                    ),
                    _input_choice(
                        f"kind_{n}", texts.FORM_KIND, kinds, value=values.get(f"kind_{n}", QuestionKind.TEXT.value)
                    ),
                    _input_text(
                        f"choices_{n}",
                        texts.FORM_CHOICES,
                        value=values.get(f"choices_{n}", ""),
                        max_length=MAX_CHOICES_FIELD,
                        placeholder=texts.FORM_CHOICES_HINT,
                    ),
                ],
                separator=True,
            )
        )
    submit = execute(texts.FORM_PREVIEW, "feedback.draft", style="positive", **_item_ref(item_id))
    return card(body, [submit], fallback=texts.NEW_ITEM)


def _item_ref(item_id: int | None) -> dict[str, Any]:
    return {"item_id": item_id} if item_id else {}


def _form_values(content: ItemContent) -> dict[str, str]:
    values = {
        "title": content.title,
        "body": content.body,
        "link": content.link or content.entry_id,
        "deadline": content.deadline.isoformat(),
        "recipients": ALL_AFDELINGSMED if content.to_all else ",".join(content.committee_ids),
    }
    for n, question in enumerate(content.questions, start=1):
        values[f"question_{n}"] = question.text
        values[f"kind_{n}"] = question.kind.value
        values[f"choices_{n}"] = "; ".join(question.choices)
    return values


def _recipients_label(content: ItemContent, names: Sequence[str]) -> str:
    """'Alle AfdelingsMED (6 udvalg)' or the chosen committees' names."""
    if content.to_all:
        return texts.ALL_RECIPIENTS.format(count=len(names))
    return ", ".join(names)


def _sends_to(names: Sequence[str]) -> Element:
    """'Sendes til 11 udvalg: A, B og C.': every name in one line; small print when the list is long."""
    line = texts.PREVIEW_SENDS_TO.format(count=len(names), names=names_list(names))
    return text(line, size="Small") if len(names) > 10 else text(line)


def preview_card(
    item_id: int,
    content: ItemContent,
    names: Sequence[str],
    nudges: Sequence[date],
    today: date,
    *,
    send_at: datetime | None = None,
    warning: str = "",
) -> dict[str, Any]:
    """Exactly the card the committees will get, framed by the recipients, the deadline, the nudges that will
    really go out and Send (or "Planlæg afsendelse" when a time is chosen, `send_at` in local time) / Ret."""
    sample = names[0] if names else texts.PREVIEW_SAMPLE_COMMITTEE
    nudge_line = (
        texts.PREVIEW_NUDGES.format(days=names_list([long_date(day) for day in nudges]))
        if nudges
        else texts.PREVIEW_NO_NUDGES
    )
    when = texts.PREVIEW_SEND_LATER.format(at=moment(send_at)) if send_at is not None else texts.PREVIEW_SEND_NOW
    body: list[Element] = [
        heading(texts.PREVIEW, size="Medium"),
        _sends_to(names),
        facts(
            [
                (texts.RECIPIENTS, _recipients_label(content, names)),
                (texts.PREVIEW_SEND_LABEL, when),
                (texts.DEADLINE, long_date(content.deadline)),
                (texts.PREVIEW_NUDGES_LABEL, nudge_line),
            ]
        ),
    ]
    if warning:
        body.append(container([text(warning, weight="Bolder")], style="warning"))
    body += [
        text(texts.PREVIEW_CARD_BELOW, weight="Bolder"),
        container(_answer_form_body(content, sample, today), style="emphasis"),
        text(texts.PREVIEW_NOT_SENT, subtle=True),
    ]
    label = texts.SCHEDULE if send_at is not None else texts.SEND
    actions = [
        no_inputs(execute(label, "feedback.send", style="positive", item_id=item_id)),
        no_inputs(execute(texts.REVISE, "feedback.revise", item_id=item_id)),
    ]
    if content.link:
        actions.append(open_url(texts.READ_MORE, content.link))
    return card(body, actions, fallback=texts.PREVIEW_OF.format(title=content.title))


def confirm_card(item_id: int, content: ItemContent, names: Sequence[str], send_at: datetime | None) -> dict[str, Any]:
    """The second "are you sure" before a send (or schedule) to more than ten committees; nothing is sent yet.

    Its button is `feedback.send` with `confirmed: true`; "Ret" returns to the form.
    """
    count = len(names)
    if send_at is None:
        question = texts.CONFIRM_BIG_SEND_TEXT.format(count=count, names=names_list(names))
        yes = texts.CONFIRM_YES.format(count=count)
    else:
        question = texts.CONFIRM_BIG_SCHEDULE_TEXT.format(count=count, at=moment(send_at), names=names_list(names))
        yes = texts.CONFIRM_SCHEDULE_YES.format(count=count)
    body: list[Element] = [
        heading(texts.CONFIRM_BIG_SEND.format(count=count), size="Medium"),
        text(f"**{content.title}**"),
        container([text(question, weight="Bolder")], style="warning"),
        text(texts.CONFIRM_NOTHING_YET, subtle=True),
    ]
    actions = [
        no_inputs(execute(yes, "feedback.send", style="positive", item_id=item_id, confirmed=True)),
        no_inputs(execute(texts.REVISE, "feedback.revise", item_id=item_id)),
    ]
    return card(body, actions, fallback=texts.CONFIRM_BIG_SEND.format(count=count))


def scheduled_card(item_id: int, content: ItemContent, names: Sequence[str], send_at: datetime) -> dict[str, Any]:
    """Replaces the preview once the item is scheduled (`send_at` local): when it goes, "Send nu" and "Annullér"."""
    summary = texts.SCHEDULED_TO.format(
        title=content.title, at=moment(send_at), count=len(names), deadline=long_date(content.deadline)
    )
    body: list[Element] = [heading(texts.SCHEDULED, size="Medium"), text(summary), _sends_to(names)]
    actions = [
        no_inputs(execute(texts.SEND_NOW, "feedback.send", style="positive", item_id=item_id, send_now=True)),
        no_inputs(execute(texts.UNSCHEDULE, "feedback.unschedule", item_id=item_id)),
    ]
    return card(body, actions, fallback=texts.SCHEDULED_FALLBACK.format(title=content.title))


def sent_card(
    content: ItemContent,
    routed: Sequence[tuple[str, Via]],
    *,
    delivered: Sequence[DeliveryState] = (),
    item_id: int | None = None,
    refresh_for: str = "",
) -> dict[str, Any]:
    """Replaces the preview once the item is sent: it *is being* sent, where each committee's card goes and, as
    the deliveries complete, whether it arrived.

    With `item_id` and `refresh_for` (the sender's Entra id) Teams asks for the card again when the sender looks at
    it (`refresh`, an Action.Execute of `feedback.send`, which on a sent item shows this card as it is now).
    """
    reached = sum(1 for _name, via in routed if via != Via.NONE)
    summary = texts.SENT_TO.format(title=content.title, reached=reached, deadline=long_date(content.deadline))
    body: list[Element] = [heading(texts.SENT, size="Medium"), text(summary)]
    if reached < len(routed):
        body.append(text(texts.SENT_NOT_REACHED.format(count=len(routed) - reached)))
    lines = []
    for n, (name, via) in enumerate(routed):
        line = texts.ROUTE_LABELS[via]
        if n < len(delivered) and via != Via.NONE:
            line += f" – {texts.DELIVERY_LABELS[delivered[n]].lower()}"
        lines.append((name, line))
    if delivered:
        done = sum(1 for state in delivered if state == "delivered")
        body.append(text(texts.SENT_PROGRESS.format(delivered=done, total=len(routed)), subtle=True))
    body.append(facts(lines))
    result = card(body, fallback=texts.SENT_FALLBACK.format(title=content.title))
    if item_id is not None and refresh_for:
        result["refresh"] = {
            "action": no_inputs(execute(texts.SEND, "feedback.send", item_id=item_id)),
            "userIds": [refresh_for],
        }
    return result


# --- the committees' form and receipt ------------------------------------------------------------------------------


def _item_header(content: ItemContent, committee_name: str, *, short: bool = False) -> list[Element]:
    """The item on the committee's card; `short` cuts the background where the card also carries an answer."""
    background = clip(content.body, BODY_BESIDE_ANSWER) if short else content.body
    body: list[Element] = [
        heading(content.title, size="Medium"),
        text(texts.FROM_KOMMUNEMED.format(committee=committee_name), subtle=True, spacing="None"),
        text(background),
    ]
    if content.entry_id:
        body.append(text(texts.BACKGROUND_ENTRY.format(entry=content.entry_id), subtle=True))
    body.append(facts([(texts.DEADLINE, long_date(content.deadline))]))
    return body


def _answer_form_body(
    content: ItemContent,
    committee_name: str,
    today: date,
    *,
    answer: AnswerContent | None = None,
    raw: dict[str, str] | None = None,
    errors: Sequence[str] = (),
    note: str = "",
) -> list[Element]:
    """The item and its input fields; shared by the committees' card and the preview."""
    values = dict(raw or {})
    if answer is not None:
        values["meeting_date"] = answer.meeting_date.isoformat()
        values["remarks"] = answer.remarks
        for n, value in enumerate(answer.answers, start=1):
            values[f"answer_{n}"] = value
    body = _item_header(content, committee_name, short=bool(values))
    if content.revision > 1 and content.change_note:
        body.append(container([text(texts.CHANGED_ON_CARD.format(note=content.change_note), weight="Bolder")]))
    if note:
        body.append(container([text(note, weight="Bolder")], style="warning"))
    body += _errors(errors)
    body.append(
        _input_date(
            "meeting_date", texts.MEETING, value=values.get("meeting_date", ""), error=texts.MEETING_DATE_MISSING
        )
    )
    yes_no = [(texts.YES_NO_LABELS[YES], YES), (texts.YES_NO_LABELS[NO], NO)]
    for n, question in enumerate(content.questions, start=1):
        label = f"{n}. {question.text}"
        value = values.get(f"answer_{n}", "")
        if question.kind == QuestionKind.YES_NO:
            body.append(_input_choice(f"answer_{n}", label, yes_no, value=value, expanded=True, required=True))
        elif question.kind == QuestionKind.CHOICE:
            body.append(
                _input_choice(f"answer_{n}", label, [(c, c) for c in question.choices], value=value, required=True)
            )
        else:
            body.append(
                _input_text(
                    f"answer_{n}", label, value=value, multiline=True, required=True, error=texts.ANSWER_REQUIRED
                )
            )
    body.append(_input_text("remarks", texts.REMARKS, value=values.get("remarks", ""), multiline=True))
    if today > next_working_day(content.deadline):  # a deadline on a closed day runs to the next working day
        body.append(text(texts.ANSWERING_LATE, subtle=True))
    return body


def answer_form(
    item_id: int,
    committee_id: str,
    committee_name: str,
    content: ItemContent,
    today: date,
    *,
    answer: AnswerContent | None = None,
    raw: dict[str, str] | None = None,
    errors: Sequence[str] = (),
    note: str = "",
) -> dict[str, Any]:
    """The card a committee answers on: the item, 'Drøftet på møde den', one field per question, remarks."""
    body = _answer_form_body(content, committee_name, today, answer=answer, raw=raw, errors=errors, note=note)
    # The wording the committee answers: a card from before a change sends no revision (the first wording).
    wording = {"revision": content.revision} if content.revision > 1 else {}
    submit = execute(
        texts.SEND_ANSWER,
        "feedback.submit",
        style="positive",
        item_id=item_id,
        committee_id=committee_id,
        **wording,
    )
    actions = [submit]
    if content.link:
        actions.append(open_url(texts.READ_MORE, content.link))
    return card(body, actions, fallback=texts.ASKING_FOR_ANSWER.format(title=content.title))


# --- changes after sending -----------------------------------------------------------------------------------------


def change_form(
    item_id: int,
    content: ItemContent,
    today: date,
    *,
    errors: Sequence[str] = (),
    raw: dict[str, str] | None = None,
) -> dict[str, Any]:
    """'Ret høringen': the sent item's deadline, background and question wording, pre-filled, to correct.

    The questions keep their kind and choices, and none can be added or removed: the committees' answers must
    still fit. The payload carries the revision the form was opened on, so a change made meanwhile is not lost.
    """
    values = {"deadline": content.deadline.isoformat(), "body": content.body}
    values.update({f"question_{n}": q.text for n, q in enumerate(content.questions, start=1)})
    values.update(raw or {})
    body: list[Element] = [
        heading(texts.CHANGE_HEADING.format(title=content.title), size="Medium"),
        text(texts.CHANGE_INTRO, subtle=True),
        *_errors(errors),
        _input_date("deadline", texts.FORM_DEADLINE, value=values.get("deadline", ""), minimum=today.isoformat()),
        _input_text("body", texts.FORM_BODY, value=values.get("body", ""), multiline=True, required=True),
    ]
    for n, question in enumerate(content.questions, start=1):
        body.append(
            _input_text(
                f"question_{n}",
                texts.CHANGE_QUESTION.format(n=n, kind=texts.KIND_LABELS[question.kind].lower()),
                value=values.get(f"question_{n}", ""),
                required=True,
                max_length=MAX_QUESTION,
                error=texts.CHANGE_QUESTION_MISSING.format(n=n),
            )
        )
    save = execute(texts.CHANGE_SAVE, "feedback.change", style="positive", item_id=item_id, revision=content.revision)
    return card(body, [save], fallback=texts.CHANGE_HEADING.format(title=content.title))


def withdraw_confirmation(item_id: int, content: ItemContent, answered: int) -> dict[str, Any]:
    """'Træk tilbage': what withdrawing does, and the one button that does it."""
    body: list[Element] = [
        heading(texts.WITHDRAW_HEADING.format(title=content.title), size="Medium"),
        text(texts.WITHDRAW_EXPLAIN.format(answered=answered)),
        text(texts.WITHDRAW_CANCEL_HINT, subtle=True),
    ]
    confirm = execute(
        texts.WITHDRAW_CONFIRM,
        "feedback.withdraw.confirm",
        style="destructive",
        item_id=item_id,
        revision=content.revision,
    )
    return card(body, [no_inputs(confirm)], fallback=texts.WITHDRAW_HEADING.format(title=content.title))


def withdrawn_card(content: ItemContent, committee_name: str) -> dict[str, Any]:
    """A committee's card once KommuneMED withdrew the item: the item and the notice, no form and no button."""
    body: list[Element] = [
        heading(content.title, size="Medium"),
        text(texts.FROM_KOMMUNEMED.format(committee=committee_name), subtle=True, spacing="None"),
        container([text(texts.WITHDRAWN_ON_CARD, weight="Bolder")], style="warning"),
        text(clip(content.body, BODY_BESIDE_ANSWER), subtle=True),
    ]
    return card(body, fallback=texts.WITHDRAWN_FALLBACK.format(title=content.title))
