"""Every action the code records is in the enumeration, and each has a label in every interface language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

from treatyreview.audit.actions import AuditAction, action_label
from treatyreview.reviews.draws.models import DrawRequest

SRC = Path(__file__).resolve().parents[2] / "src" / "treatyreview"
LANGUAGES = ("ar", "zh-hans", "fr", "ru", "es")


def _actions_written_in_the_code() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r"""\baction=["']([a-z_]+\.[a-z_]+)["']""", text))
        if 'action=f"draw.{kind}"' in text:
            found.update(f"draw.{kind}" for kind in DrawRequest.Kind.values)
        found.update(f"{what}.read" for what in re.findall(r"""\bwhat=["']([a-z_]+)["']""", text))
    return found


def test_every_action_written_in_the_code_is_an_audit_action() -> None:
    written = _actions_written_in_the_code()
    assert written, "the scan of the source found no action"
    assert written <= set(AuditAction.values)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_action_has_a_label_in_each_language(language: str) -> None:
    with translation.override("en"):
        english = {action: action_label(action) for action in AuditAction}
    with translation.override(language):
        untranslated = [action.value for action in AuditAction if action_label(action) == english[action]]
    assert untranslated == []


def test_the_labels_are_distinct() -> None:
    labels = [str(action.label) for action in AuditAction]
    assert len(labels) == len(set(labels))
