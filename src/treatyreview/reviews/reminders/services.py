"""Sending the reminders of deadlines, once each, and marking them read.

`reminders_send` is what `treatyreview remind` runs, daily from cron. In one transaction it works out who should
be reminded of what on the day, *claims* each reminder by inserting its row (unique on deadline, person and kind:
a second run, even one running at the same moment, fails to insert it and skips it), and only once that
transaction has committed are the e-mails handed to Django's e-mail backend. A run that fails changes nothing
and sends nothing; a claimed reminder is never sent again, even if its e-mail could not be delivered (the
platform's list of reminders still shows it).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from treatyreview.accounts.models import User
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.mechanism import reminders
from treatyreview.registry import selectors as registry_selectors
from treatyreview.registry.collation import sort_key
from treatyreview.reviews.models import OverdueDigest, Reminder, StageDeadline
from treatyreview.reviews.reminders import messages, selectors

log = logging.getLogger(__name__)


@dataclass
class RemindResult:
    """What one run did: reminders claimed (and so shown in the platform), e-mails handed to the backend."""

    reminders: int = 0
    skipped: int = 0
    digests: int = 0
    emails: list[EmailMessage] = field(default_factory=list)


@dataclass(frozen=True)
class _Candidate:
    deadline: StageDeadline
    recipient: User
    kind: str
    due: datetime.date


def _candidates(on: datetime.date) -> tuple[list[_Candidate], list[tuple[StageDeadline, datetime.date]]]:
    """Every reminder the day calls for, and every overdue deadline (for the secretariat's digest)."""
    deadlines = list(selectors.open_deadlines())
    reviewers = selectors.reviewers_by_review({deadline.phase.review_id for deadline in deadlines})
    states: set[int] = set()
    for deadline in deadlines:
        states |= selectors.concerned_states(deadline, reviewers)
    people = selectors.people_of_states(states, on)
    rules_of: dict[int, Any] = {}
    found: list[_Candidate] = []
    overdue: list[tuple[StageDeadline, datetime.date]] = []
    for deadline in deadlines:
        cycle_rules = deadline.phase.review.cycle.rules
        if cycle_rules.pk not in rules_of:
            rules_of[cycle_rules.pk] = cycle_rules.rules()
        values = rules_of[cycle_rules.pk]
        due = deadline.effective_due
        if on > due:
            overdue.append((deadline, due))
        kinds = reminders.reminders_due(
            due, on=on, days_before=values.reminder_days_before, days_after=values.reminder_days_after
        )
        for kind in kinds:
            for state_id in sorted(selectors.concerned_states(deadline, reviewers)):
                for person in people.get(state_id, []):
                    found.append(_Candidate(deadline, person, kind, due))
    return found, overdue


def _claim(candidate: _Candidate) -> Reminder | None:
    """Insert the reminder's row, or None when another run (earlier, or at this very moment) already has."""
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                deadline=candidate.deadline, recipient=candidate.recipient, kind=candidate.kind, due_on=candidate.due
            )
    except IntegrityError:
        return None


def _email(recipient: User, subject: str, body: str) -> EmailMessage:
    return EmailMessage(subject=subject, body=body, to=[recipient.email])


@transaction.atomic
def reminders_send(*, actor: User | None, on: datetime.date) -> RemindResult:
    """Claim and send every reminder due on `on`, and each secretariat officer's digest of overdue deadlines."""
    result = RemindResult()
    candidates, overdue = _candidates(on)
    already = set(
        Reminder.objects.filter(deadline__in={c.deadline.pk for c in candidates}).values_list(
            "deadline_id", "recipient_id", "kind"
        )
    )
    sent: list[tuple[type[Reminder] | type[OverdueDigest], int]] = []
    names_in: dict[str, dict[str, Any]] = {}  # the States' names, read once per language

    def names() -> dict[str, Any]:
        language = translation.get_language() or ""
        if language not in names_in:
            names_in[language] = registry_selectors.state_names()
        return names_in[language]

    for candidate in candidates:
        if (candidate.deadline.pk, candidate.recipient.pk, candidate.kind) in already:
            result.skipped += 1
            continue
        claimed = _claim(candidate)
        if claimed is None:
            result.skipped += 1
            continue
        result.reminders += 1
        if candidate.recipient.email:
            with translation.override(selectors.language_of(candidate.recipient)):
                state = names()[candidate.deadline.phase.review.state.code]
                subject, body = messages.reminder_email(
                    candidate.recipient, candidate.kind, candidate.deadline, candidate.due, state
                )
            result.emails.append(_email(candidate.recipient, subject, body))
            sent.append((Reminder, claimed.pk))
    if overdue:
        for officer in selectors.secretariat_officers(on):
            digest = _claim_digest(officer, on, len(overdue))
            if digest is None:
                continue
            result.digests += 1
            if officer.email:
                with translation.override(selectors.language_of(officer)):
                    shown = names()
                    rows = sorted(
                        ((deadline, due, shown[deadline.phase.review.state.code]) for deadline, due in overdue),
                        key=lambda row: (sort_key(row[2]), row[0].phase.review.cycle_id, row[0].phase.position,
                                         row[1]),
                    )
                    subject, body = messages.digest_email(officer, on, rows)
                result.emails.append(_email(officer, subject, body))
                sent.append((OverdueDigest, digest.pk))
    if result.reminders or result.digests:
        audit.record(
            actor=actor, action=AuditAction.REMINDERS_SEND, target_type="reviews.reminder", target_id=on.isoformat(),
            after={"day": on.isoformat(), "reminders": result.reminders, "digests": result.digests,
                   "emails": len(result.emails)},
        )
    emails = list(result.emails)
    transaction.on_commit(lambda: _deliver(emails, sent))
    return result


def _claim_digest(officer: User, on: datetime.date, count: int) -> OverdueDigest | None:
    try:
        with transaction.atomic():
            return OverdueDigest.objects.create(recipient=officer, day=on, overdue=count)
    except IntegrityError:
        return None


def _deliver(emails: list[EmailMessage], sent: list[tuple[type[Reminder] | type[OverdueDigest], int]]) -> None:
    """After the claims are committed: hand the e-mails to the backend, one connection for the run."""
    if not emails:
        return
    delivered = get_connection().send_messages(emails) or 0
    now = timezone.now()
    if delivered == len(emails):
        for model, pk in sent:
            model.objects.filter(pk=pk).update(emailed_at=now)
    else:
        log.warning("%s of %s reminder e-mails were accepted by the e-mail backend", delivered, len(emails))


@transaction.atomic
def reminders_mark_read(*, actor: User, reminder_ids: list[int] | None = None) -> int:
    """Mark the actor's own reminders read (all unread ones when no ids are given); returns how many changed."""
    unread = Reminder.objects.filter(recipient=actor, read_at__isnull=True)
    if reminder_ids is not None:
        unread = unread.filter(pk__in=reminder_ids)
    ids = list(unread.values_list("pk", flat=True))
    if not ids:
        return 0
    Reminder.objects.filter(pk__in=ids).update(read_at=timezone.now())
    audit.record(actor=actor, action=AuditAction.REMINDERS_READ, target_type="reviews.reminder",
                 target_id=",".join(str(pk) for pk in ids[:20]), after={"count": len(ids)})
    return len(ids)
