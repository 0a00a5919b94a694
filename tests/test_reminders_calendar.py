"""The reminder calendar: due dates, stages and send times as pure functions of the last discussion and the clock."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import DEFAULT_CONFIG_DIR
from dialogs.reminders import RuleSet, Stage, add_months, current_stage, due_date, load_rules, schedule
from dialogs.workdays import in_quiet_hour, in_send_window, is_working_day, send_time

TZ = ZoneInfo("Europe/Copenhagen")
START = date(2026, 9, 1)


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    """The shipped rules: sickness absence every 6 months, violence and threats every 12, 21 days' lead."""
    return load_rules(DEFAULT_CONFIG_DIR)


@pytest.mark.parametrize(
    ("last", "months", "due"),
    [
        (date(2026, 9, 25), 6, date(2027, 3, 30)),  # Skærtorsdag 2027 → after 2. påskedag
        (date(2026, 3, 26), 12, date(2027, 3, 30)),  # Langfredag 2027 → after 2. påskedag
        (date(2026, 6, 24), 6, date(2026, 12, 28)),  # 24 December is closed, then Christmas and a weekend
        (date(2025, 12, 31), 12, date(2027, 1, 4)),  # 31 December closed, New Year's Day, weekend
        (date(2026, 8, 29), 6, date(2027, 3, 1)),  # Sunday → Monday
        (date(2026, 5, 16), 12, date(2027, 5, 18)),  # Pinsedag (Sunday) and 2. pinsedag
        (date(2026, 10, 15), 6, date(2027, 4, 15)),  # an ordinary Thursday stays
        (date(2027, 8, 29), 6, date(2028, 2, 29)),  # leap day is a working day in 2028
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # the 31st becomes the last day of February
        (date(2028, 2, 29), 12, date(2029, 2, 28)),  # leap day + 1 year
    ],
    ids=[
        "easter-2027-maundy-thursday",
        "easter-2027-good-friday",
        "christmas-eve",
        "new-years-eve",
        "weekend",
        "whitsun-2027",
        "plain-weekday",
        "leap-day",
        "month-end-into-leap-february",
        "from-leap-day",
    ],
)
def test_due_date_moves_to_the_next_working_day(last: date, months: int, due: date) -> None:
    assert due_date(last, START, months) == due


def test_committee_without_a_recorded_discussion_counts_from_the_start_date() -> None:
    assert due_date(None, START, 6) == date(2027, 3, 1)
    assert due_date(None, START, 12) == date(2027, 9, 1)


@pytest.mark.parametrize("months", [6, 12], ids=["sickness-every-6-months", "violence-every-12-months"])
def test_every_due_date_across_a_year_is_a_working_day_close_after_the_interval(months: int) -> None:
    day = date(2026, 1, 1)
    while day.year == 2026:
        due = due_date(day, START, months)
        nominal = add_months(day, months)
        assert is_working_day(due), day
        assert nominal <= due <= nominal + timedelta(days=5), day
        day += timedelta(days=1)


def test_sickness_reminders_across_easter_2027_lead_due_and_three_followups(rules: RuleSet) -> None:
    sickness = rules.get("sygefravaer")
    assert sickness is not None
    due = due_date(date(2026, 9, 25), START, sickness.interval_months)
    assert schedule(due, sickness) == (
        Stage("lead", date(2027, 3, 9)),
        Stage("due", date(2027, 3, 30)),
        Stage("followup-1", date(2027, 4, 6)),
        Stage("followup-2", date(2027, 4, 13)),
        Stage("followup-3", date(2027, 4, 20)),
    )


def test_lead_reminder_that_falls_in_easter_goes_out_after_it(rules: RuleSet) -> None:
    violence = rules.get("vold-og-trusler")
    assert violence is not None
    stages = schedule(date(2027, 4, 15), violence)
    assert stages[0] == Stage("lead", date(2027, 3, 30))


def test_a_lead_reminder_that_would_land_on_the_due_day_is_left_out_so_that_day_gets_one_reminder(
    rules: RuleSet,
) -> None:
    sickness = rules.get("sygefravaer")
    assert sickness is not None
    # Two days before Tuesday 30 March 2027 is Easter Sunday; the next working day is the due day itself.
    stages = schedule(date(2027, 3, 30), dataclasses.replace(sickness, lead_days=2))
    assert stages[0] == Stage("due", date(2027, 3, 30))
    assert [s.name for s in stages if s.day == date(2027, 3, 30)] == ["due"]
    # One day earlier in the week the lead day is a working day of its own and is kept.
    assert schedule(date(2027, 4, 8), dataclasses.replace(sickness, lead_days=2))[0] == Stage("lead", date(2027, 4, 6))


def test_followup_on_christmas_eve_waits_until_after_christmas(rules: RuleSet) -> None:
    sickness = rules.get("sygefravaer")
    assert sickness is not None
    stages = schedule(date(2026, 12, 3), sickness)
    assert [s.day for s in stages] == [
        date(2026, 11, 12),
        date(2026, 12, 3),
        date(2026, 12, 10),
        date(2026, 12, 17),
        date(2026, 12, 28),
    ]
    assert all(is_working_day(s.day) for s in stages)


def test_completion_recorded_early_or_late_counts_the_next_due_date_from_the_meeting() -> None:
    due = due_date(None, START, 6)
    assert due == date(2027, 3, 1)
    early = date(2027, 1, 15)
    late = date(2027, 3, 20)
    assert due_date(early, START, 6) == date(2027, 7, 15)
    assert due_date(late, START, 6) == date(2027, 9, 20)


def test_after_downtime_only_the_newest_stage_is_sent(rules: RuleSet) -> None:
    sickness = rules.get("sygefravaer")
    assert sickness is not None
    stages = schedule(date(2027, 3, 30), sickness)
    assert current_stage(stages, date(2027, 3, 8)) is None
    assert current_stage(stages, date(2027, 3, 9)) == Stage("lead", date(2027, 3, 9))
    assert current_stage(stages, date(2027, 4, 7)) == Stage("followup-1", date(2027, 4, 6))
    assert current_stage(stages, date(2028, 1, 1)) == Stage("followup-3", date(2027, 4, 20))


def test_snoozed_reminder_is_quiet_for_a_week_then_comes_back_once(rules: RuleSet) -> None:
    sickness = rules.get("sygefravaer")
    assert sickness is not None
    stages = schedule(date(2027, 3, 30), sickness)
    until = date(2027, 3, 16)
    assert current_stage(stages, date(2027, 3, 15), until) is None
    assert current_stage(stages, date(2027, 3, 16), until) == Stage("snooze-2027-03-16", until)
    assert current_stage(stages, date(2027, 3, 30), until) == Stage("due", date(2027, 3, 30))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2027, 3, 29, 6, 59, tzinfo=UTC), False),  # 08:59 summer time, Monday after DST started
        (datetime(2027, 3, 29, 7, 0, tzinfo=UTC), False),  # 2. påskedag: a holiday
        (datetime(2027, 3, 30, 6, 59, tzinfo=UTC), False),
        (datetime(2027, 3, 30, 7, 0, tzinfo=UTC), True),  # 09:00 CEST
        (datetime(2027, 3, 26, 8, 0, tzinfo=UTC), False),  # Langfredag
        (datetime(2026, 10, 26, 7, 59, tzinfo=UTC), False),  # 08:59 winter time, Monday after DST ended
        (datetime(2026, 10, 26, 8, 0, tzinfo=UTC), True),  # 09:00 CET
        (datetime(2026, 10, 23, 7, 0, tzinfo=UTC), True),  # the Friday before: 09:00 CEST
        (datetime(2026, 10, 26, 15, 0, tzinfo=UTC), False),  # 16:00: too late for today
        (datetime(2026, 10, 24, 9, 0, tzinfo=UTC), False),  # Saturday
    ],
)
def test_reminders_go_out_from_09_local_time_on_working_days_in_dst_weeks(moment: datetime, expected: bool) -> None:
    assert in_send_window(moment, TZ) is expected


def test_send_time_is_09_local_on_both_sides_of_a_dst_change() -> None:
    assert send_time(date(2026, 10, 23), TZ).astimezone(UTC).hour == 7
    assert send_time(date(2026, 10, 26), TZ).astimezone(UTC).hour == 8
    assert send_time(date(2027, 3, 26), TZ).astimezone(UTC).hour == 8
    assert send_time(date(2027, 3, 30), TZ).astimezone(UTC).hour == 7


def test_nothing_is_scheduled_in_the_hour_dst_repeats_or_skips() -> None:
    # Autumn: 02:00-03:00 happens twice (CEST, then CET); both are quiet.
    assert in_quiet_hour(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), TZ)
    assert in_quiet_hour(datetime(2026, 10, 25, 1, 30, tzinfo=UTC), TZ)
    assert not in_quiet_hour(datetime(2026, 10, 25, 2, 0, tzinfo=UTC), TZ)
    # Spring: 01:59 CET is followed by 03:00 CEST, so that night has no quiet minute at all.
    assert not in_quiet_hour(datetime(2027, 3, 28, 0, 59, tzinfo=UTC), TZ)
    assert not in_quiet_hour(datetime(2027, 3, 28, 1, 0, tzinfo=UTC), TZ)
    night = [datetime(2027, 3, 27, 22, tzinfo=UTC) + timedelta(minutes=m) for m in range(8 * 60)]
    assert not any(in_quiet_hour(moment, TZ) for moment in night)
    # An ordinary night has sixty.
    ordinary = [datetime(2027, 3, 20, 22, tzinfo=UTC) + timedelta(minutes=m) for m in range(8 * 60)]
    assert sum(in_quiet_hour(moment, TZ) for moment in ordinary) == 60
