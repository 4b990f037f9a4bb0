"""The demo holds a dialogue: feedback of every reviewing State cleared and sent, threads answered (one closed),
a meeting; running the demo again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from treatyreview.accounts.models import User
from treatyreview.observations.dialogue.models import FeedbackDispatch, FeedbackItem, Meeting, Message, Thread

pytestmark = pytest.mark.django_db


def test_the_demo_takes_one_review_through_feedback_to_the_dialogue_once() -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "demo dialogue:" in out.getvalue()
    phase = FeedbackItem.objects.first().phase  # type: ignore[union-attr]
    assert phase.stage == "dialogue"
    reviewing = set(phase.review.assignments.values_list("reviewer_id", flat=True))
    assert FeedbackDispatch.objects.filter(phase=phase).count() == len(reviewing)
    assert Thread.objects.filter(stage="closed").count() == 1
    assert Thread.objects.filter(stage="open").exists()
    assert Meeting.objects.filter(phase=phase, kind="virtual").exists()
    counts = (FeedbackItem.objects.count(), Message.objects.count(), Meeting.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (FeedbackItem.objects.count(), Message.objects.count(), Meeting.objects.count()) == counts

    # The State under review's expert finds on "My work" the thread that waits for an answer.
    expert = User.objects.get(username=f"expert-{phase.review.state.code.lower()}")
    client = Client()
    client.force_login(expert)
    home = client.get("/").content.decode()
    assert "2 threads wait for your State's answer" in home
    assert f"/phases/{phase.pk}/dialogue/" in home
