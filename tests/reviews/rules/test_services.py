"""The rules record: a change is a new version; the old one stays; only the secretariat changes it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from treatyreview.audit.models import AuditEvent
from treatyreview.errors import Conflict, InvalidInput
from treatyreview.reviews.models import MechanismRules
from treatyreview.reviews.rules.selectors import rules_current
from treatyreview.reviews.rules.services import rules_presets_install, rules_version_create

pytestmark = pytest.mark.django_db


def _version() -> int:
    """The version of the UNTOC preset now stored: what a page opened just now would send."""
    return rules_current("UNTOC 2018").version


def test_a_change_creates_a_new_version_and_keeps_the_old(secretariat) -> None:
    first = rules_current("UNTOC 2018")
    values = {**first.values, "max_reviews_per_reviewer": 4}
    second = rules_version_create(
        actor=secretariat, preset="UNTOC 2018", values=values, reason="Conference decision 12/3", expected_version=1
    )
    assert second.version == 2 and rules_current("UNTOC 2018") == second
    first.refresh_from_db()
    assert first.values["max_reviews_per_reviewer"] == 5
    assert second.sources["max_reviews_per_reviewer"].startswith("Conference decision 12/3")
    assert AuditEvent.objects.filter(action="rules.new_version", target_id=str(second.pk)).exists()


def test_installing_presets_again_leaves_later_versions_alone(secretariat) -> None:
    current = rules_current("UNTOC 2018")
    rules_version_create(
        actor=secretariat, preset="UNTOC 2018", values=current.values, reason="re-adopted", expected_version=_version()
    )
    assert rules_presets_install() == []
    assert rules_current("UNTOC 2018").version == 2


def test_a_stale_form_is_refused(secretariat) -> None:
    current = rules_current("UNTOC 2018")
    rules_version_create(
        actor=secretariat, preset="UNTOC 2018", values=current.values, reason="one", expected_version=_version()
    )
    with pytest.raises(Conflict, match="Someone else changed this record"):
        rules_version_create(
            actor=secretariat, preset="UNTOC 2018", values=current.values, reason="two", expected_version=1
        )
    assert MechanismRules.objects.filter(preset="UNTOC 2018").count() == 2


def test_a_bad_value_names_its_field_and_writes_nothing(secretariat) -> None:
    values = {**rules_current("UNTOC 2018").values, "max_redraws": -1}
    with pytest.raises(InvalidInput) as raised:
        rules_version_create(
            actor=secretariat, preset="UNTOC 2018", values=values, reason="typo", expected_version=_version()
        )
    assert raised.value.where == "max_redraws"
    assert MechanismRules.objects.filter(preset="UNTOC 2018").count() == 1


def test_only_the_secretariat_changes_the_rules(any_role_user) -> None:
    current = rules_current("UNTOC 2018")
    if any_role_user.username.endswith("secretariat"):
        rules_version_create(
            actor=any_role_user, preset="UNTOC 2018", values=current.values, reason="ok", expected_version=_version()
        )
        return
    with pytest.raises(PermissionDenied):
        rules_version_create(
            actor=any_role_user, preset="UNTOC 2018", values=current.values, reason="no", expected_version=_version()
        )
    assert MechanismRules.objects.filter(preset="UNTOC 2018").count() == 1
