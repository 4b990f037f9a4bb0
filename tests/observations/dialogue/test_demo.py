"""The demo holds a dialogue: feedback of every reviewing State cleared and sent, threads answered (one closed),
a meeting; running the demo again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from treatyreview.accounts.models import User
from treatyreview.observations.dialogue.models import FeedbackDispatch, FeedbackItem, Meeting, Message, Thread
from treatyreview.reviews.models import StageDeadline

pytestmark = pytest.mark.django_db


def test_the_demo_takes_one_review_through_feedback_to_the_dialogue_once() -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "demo dialogue:" in out.getvalue()
    phase = FeedbackItem.objects.first().phase  # type: ignore[union-attr]
    # The dialogue was reached; the rest of the demo takes the same phase on through its outcome.
    assert phase.stage in {"dialogue", "observations", "summary", "closed"}
    assert StageDeadline.objects.get(phase=phase, stage="feedback").met_on is not None
    reviewing = set(phase.review.assignments.values_list("reviewer_id", flat=True))
    assert FeedbackDispatch.objects.filter(phase=phase).count() == len(reviewing)
    assert Thread.objects.filter(stage="closed").count() == 1
    assert Thread.objects.filter(stage="open").exists()
    assert Meeting.objects.filter(phase=phase, kind="virtual").exists()
    counts = (FeedbackItem.objects.count(), Message.objects.count(), Meeting.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (FeedbackItem.objects.count(), Message.objects.count(), Meeting.objects.count()) == counts

    # The State under review's expert reads the dialogue of the demo's review, its threads included.
    expert = User.objects.get(username=f"expert-{phase.review.state.code.lower()}")
    client = Client()
    client.force_login(expert)
    page = client.get(f"/phases/{phase.pk}/dialogue/")
    assert page.status_code == 200
    assert Message.objects.filter(thread__phase=phase).first().text in page.content.decode()  # type: ignore[union-attr]
