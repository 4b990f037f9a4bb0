"""`treatyreview remind`: the right people, in their language, before and after each deadline, never twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from tests.reviews import schedule_data
from tests.reviews.reminders.conftest import World
from treatyreview.audit.models import AuditEvent
from treatyreview.reviews.models import OverdueDigest, Reminder
from treatyreview.reviews.phases.choices import ReviewStatus

pytestmark = pytest.mark.django_db

# Questionnaire due 1 July 2024; the presets remind 14 days before and 7 days after.
BEFORE_QUESTIONNAIRE = dt.date(2024, 6, 20)


def _done(world: World, *stages: str) -> None:
    for stage in stages:
        item = schedule_data.deadline(world.review, stage)
        item.met_on = item.due_on
        item.save()


def _to(message: Any) -> str:
    return message.to[0]


def test_the_state_under_reviews_people_are_reminded_in_their_own_language(world: World, run: Callable) -> None:
    _done(world, "focal_point", "experts")
    result = run(BEFORE_QUESTIONNAIRE)
    assert result.reminders == 2
    by_recipient = {_to(message): message for message in mail.outbox}
    assert set(by_recipient) == {"focal-aut@example.org", "expert-aut@example.org"}  # not Kenya, not the officer
    french, arabic = by_recipient["focal-aut@example.org"], by_recipient["expert-aut@example.org"]
    assert "Autriche" in french.subject and "1 juillet 2024" in french.subject
    assert "النمسا" in arabic.subject
    with translation.override("fr"):
        assert translation.gettext("Self-assessment questionnaire to be answered") in french.body
    assert "Austria" not in french.body and "Austria" not in arabic.body
    assert all(message.from_email for message in mail.outbox)


def test_two_runs_on_the_same_day_send_each_reminder_once(world: World, run: Callable) -> None:
    _done(world, "focal_point", "experts")
    run(BEFORE_QUESTIONNAIRE)
    first = len(mail.outbox)
    second = run(BEFORE_QUESTIONNAIRE)
    third = run(BEFORE_QUESTIONNAIRE + dt.timedelta(days=1))  # still before the deadline: already reminded
    assert first == 2 and len(mail.outbox) == 2
    assert second.reminders == 0 and second.skipped == 2 and third.reminders == 0
    assert Reminder.objects.count() == 2


def test_a_missed_deadline_is_reminded_once_after_it_and_the_secretariat_gets_one_digest_a_day(
    world: World, run: Callable
) -> None:
    _done(world, "focal_point", "experts")
    run(dt.date(2024, 7, 8))  # 7 days after 1 July: overdue
    after = [m for m in mail.outbox if _to(m) != "officer-one@example.org"]
    digests = [m for m in mail.outbox if _to(m) == "officer-one@example.org"]
    assert len(after) == 2 and len(digests) == 1
    assert "Overdue deadlines on July 8, 2024: 1" in digests[0].subject
    assert "7 days overdue" in digests[0].body and "Austria" in digests[0].body
    mail.outbox.clear()
    run(dt.date(2024, 7, 8))
    assert mail.outbox == []
    run(dt.date(2024, 7, 9))  # a new day: a new digest, but no second reminder to Austria
    assert [_to(m) for m in mail.outbox] == ["officer-one@example.org"]
    assert OverdueDigest.objects.count() == 2
    assert set(Reminder.objects.values_list("kind", flat=True)) == {"after"}


def test_a_run_late_by_some_days_still_sends_the_reminder_it_missed(world: World, run: Callable) -> None:
    _done(world, "focal_point", "experts")
    run(dt.date(2024, 6, 30))  # the cron job did not run on the 17th, 18th or 19th
    assert len(mail.outbox) == 2


def test_the_written_feedback_reminds_the_reviewing_states_not_the_state_under_review(
    world: World, run: Callable
) -> None:
    _done(world, "focal_point", "experts", "questionnaire")
    schedule_data.assign_reviewer(world.review, "KEN", by=world.officer)
    run(dt.date(2024, 12, 25))  # feedback due 1 January 2025
    assert [_to(m) for m in mail.outbox] == ["expert-ken@example.org"]
    assert "Austria" in mail.outbox[0].subject or "Austria" in mail.outbox[0].body  # Spanish: Austria


def test_a_granted_extension_moves_the_reminders_and_the_message_says_so(world: World, run: Callable) -> None:
    _done(world, "focal_point", "experts")
    item = schedule_data.deadline(world.review, "questionnaire")
    schedule_data.grant_extension(item, dt.date(2024, 9, 1), by=world.officer)
    run(BEFORE_QUESTIONNAIRE)
    assert mail.outbox == []
    run(dt.date(2024, 8, 20))
    assert len(mail.outbox) == 2
    with translation.override("fr"):
        french = next(m for m in mail.outbox if _to(m) == "focal-aut@example.org")
        assert "1 septembre 2024" in french.subject


def test_done_stages_opted_out_reviews_and_unlaunched_phases_remind_no_one(world: World, run: Callable) -> None:
    _done(world, "focal_point", "experts", "questionnaire")
    run(BEFORE_QUESTIONNAIRE)
    assert mail.outbox == []
    other = schedule_data.make_review(world.review.cycle, "KEN", starts_on=dt.date(2024, 6, 1), launched=0)
    run(dt.date(2024, 6, 10))  # Kenya's focal point would be due on 15 June, but its phase is not launched
    assert mail.outbox == []
    other.phases.update(launched_at=world.review.phases.get().launched_at)
    other.status, other.status_note_verbale_ref = ReviewStatus.OPTED_OUT, "NV/2024/1"
    other.status_note_verbale_date = dt.date(2024, 5, 1)
    other.save()
    run(dt.date(2024, 6, 10))
    assert mail.outbox == []


def test_a_person_without_an_e_mail_address_still_sees_the_reminder_in_the_platform(
    world: World, run: Callable
) -> None:
    _done(world, "focal_point", "experts")
    world.expert_aut.email = ""
    world.expert_aut.save()
    run(BEFORE_QUESTIONNAIRE)
    assert [_to(m) for m in mail.outbox] == ["focal-aut@example.org"]
    assert Reminder.objects.filter(recipient=world.expert_aut).count() == 1


def test_a_run_records_what_it_sent_in_the_audit_log_and_the_emails_are_marked_sent(
    world: World, run: Callable
) -> None:
    _done(world, "focal_point", "experts")
    run(BEFORE_QUESTIONNAIRE)
    event = AuditEvent.objects.filter(action="reminders.send").get()
    assert event.after["reminders"] == 2
    assert Reminder.objects.filter(emailed_at__isnull=False).count() == 2


def test_nothing_is_sent_when_the_transaction_fails(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    _done(world, "focal_point", "experts")
    from treatyreview.reviews.reminders import services

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(services.audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.reminders_send(actor=None, on=BEFORE_QUESTIONNAIRE)
    assert mail.outbox == [] and Reminder.objects.count() == 0


def test_the_command_prints_what_it_did_and_refuses_a_bad_date(world: World, capsys: Any) -> None:
    _done(world, "focal_point", "experts")
    call_command("remind", "--date", "2024-06-20")
    assert "2024-06-20: 2 reminders, 0 digests, 2 e-mails, 0 already sent" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a date"):
        call_command("remind", "--date", "20 June")
