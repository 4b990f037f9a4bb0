"""Every version of a list of observations or a summary: what a snapshot holds, and how two versions compare
word by word (the questionnaire's `word_diff`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from treatyreview.observations.lists.choices import OBSERVATION_FIELDS, SUMMARY_FIELDS, Subject
from treatyreview.observations.lists.models import ObservationList, Snapshot, Summary
from treatyreview.questionnaires.answers.diff import Piece, word_diff


def list_content(observation_list: ObservationList) -> dict[str, Any]:
    """The whole list as a snapshot keeps it: observations by article, suggestions and needs with their ids."""
    return {
        "observations": {
            str(observation.article_id): {name: getattr(observation, name) for name in OBSERVATION_FIELDS}
            for observation in observation_list.observations.order_by("article_id")
        },
        "suggestions": [
            {"id": s.pk, "article": s.article_id, "text": s.text}
            for s in observation_list.recommendations.order_by("article_id", "pk")
        ],
        "needs": [
            {"id": n.pk, "article": n.article_id, "kind": n.kind, "description": n.description,
             "already_received": n.already_received}
            for n in observation_list.needs.order_by("article_id", "pk")
        ],
    }


def summary_content(summary: Summary) -> dict[str, Any]:
    return {name: getattr(summary, name) for name in SUMMARY_FIELDS}


def snapshot_keep(*, phase: Any, subject: str, version: int, stage: str, content: dict[str, Any],
                  actor: Any) -> Snapshot:
    return Snapshot.objects.create(phase=phase, subject=subject, version=version, stage=stage, content=content,
                                   saved_by=actor)


def list_snapshot_keep(observation_list: ObservationList, actor: Any) -> Snapshot:
    return snapshot_keep(phase=observation_list.phase, subject=Subject.LIST, version=observation_list.version,
                         stage=observation_list.stage, content=list_content(observation_list), actor=actor)


def summary_snapshot_keep(summary: Summary, actor: Any) -> Snapshot:
    return snapshot_keep(phase=summary.phase, subject=Subject.SUMMARY, version=summary.version,
                         stage=summary.stage, content=summary_content(summary), actor=actor)


@dataclass
class FieldChange:
    """One text that differs between two versions: which, and its word diff."""

    name: str
    pieces: list[Piece]


@dataclass
class ArticleChanges:
    article_id: int
    fields: list[FieldChange] = field(default_factory=list)


def _text_changes(before: dict[str, Any], after: dict[str, Any], names: tuple[str, ...]) -> list[FieldChange]:
    return [FieldChange(name, word_diff(str(before.get(name, "")), str(after.get(name, ""))))
            for name in names if before.get(name, "") != after.get(name, "")]


def _items_by_id(items: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {int(item["id"]): item for item in items}


def _need_text(need: dict[str, Any] | None) -> str:
    if need is None:
        return ""
    received = "✓" if need.get("already_received") else "–"
    return f"[{need.get('kind', '')} {received}] {need.get('description', '')}"


def compare_lists(before: dict[str, Any], after: dict[str, Any]) -> list[ArticleChanges]:
    """Per article, each text that changed from `before` to `after`: the observation's parts, then suggestions
    and needs (one added shows all added, one removed all removed)."""
    changes: dict[int, ArticleChanges] = {}

    def of(article_id: int) -> ArticleChanges:
        return changes.setdefault(article_id, ArticleChanges(article_id))

    old_obs, new_obs = before.get("observations", {}), after.get("observations", {})
    for key in sorted({*old_obs, *new_obs}, key=int):
        found = _text_changes(old_obs.get(key, {}), new_obs.get(key, {}), OBSERVATION_FIELDS)
        if found:
            of(int(key)).fields.extend(found)
    for kind, text_of in (("suggestions", lambda item: item["text"] if item else ""), ("needs", _need_text)):
        old, new = _items_by_id(before.get(kind, [])), _items_by_id(after.get(kind, []))
        for pk in sorted({*old, *new}):
            was, now = old.get(pk), new.get(pk)
            if was == now or text_of(was) == text_of(now):
                continue
            article_id = int((now or was or {})["article"])
            of(article_id).fields.append(FieldChange(kind[:-1], word_diff(text_of(was), text_of(now))))
    return [changes[key] for key in sorted(changes)]


def compare_summaries(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    return _text_changes(before, after, SUMMARY_FIELDS)


def snapshots(phase: Any, subject: str) -> list[Snapshot]:
    return list(Snapshot.objects.filter(phase=phase, subject=subject).select_related("saved_by").order_by("version"))


def snapshot_of(phase: Any, subject: str, version: int) -> Snapshot | None:
    return Snapshot.objects.filter(phase=phase, subject=subject, version=version).first()
