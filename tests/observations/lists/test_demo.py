"""The demo holds a review taken through its outcome: a final list of observations with a technical-assistance
need, and an agreed summary; running the demo again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from treatyreview.observations.lists.models import ObservationList, Snapshot, Summary

pytestmark = pytest.mark.django_db


def test_the_demo_review_has_a_final_list_with_a_need_and_an_agreed_summary() -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "list of observations final" in out.getvalue()
    observation_list = ObservationList.objects.select_related("phase").get()
    assert observation_list.stage == "final"
    assert observation_list.needs.filter(kind="data_collection").exists()
    assert observation_list.recommendations.count() >= 1
    summary = Summary.objects.get(phase=observation_list.phase)
    assert summary.stage == "final"
    assert "data collection" in summary.assistance_needs
    observation_list.phase.refresh_from_db()
    assert observation_list.phase.stage == "closed"
    kept = Snapshot.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert (ObservationList.objects.count(), Summary.objects.count(), Snapshot.objects.count()) == (1, 1, kept)
