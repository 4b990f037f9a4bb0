"""Writing library records: versions, revisions, the audit trail, permissions and bad input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from treatyreview.accounts.models import Role, User
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import Conflict, InvalidInput, NotPermitted
from treatyreview.knowledge import services
from treatyreview.knowledge.models import LegalRecord, RecordRevision, SearchDocument, Theme
from treatyreview.knowledge.selectors import record_search
from treatyreview.knowledge.services import RecordFields, TextFields
from treatyreview.registry.models import State

pytestmark = pytest.mark.django_db


def fields_of(record: LegalRecord, **changes: object) -> RecordFields:
    values = {name: getattr(record, name) for name in services.SCALAR_FIELDS}
    values.update(articles=list(record.articles.all()), themes=list(record.themes.all()))
    values.update(changes)
    return RecordFields(**values)  # type: ignore[arg-type]


def test_a_new_record_is_searchable_at_once_and_audited(make_record: Callable[..., LegalRecord],
                                                        secretariat: User) -> None:
    record = make_record("Anti-Trafficking Act", "trafficking in persons")
    assert [f.record.pk for f in record_search(user=secretariat, query="trafficked").found] == [record.pk]
    assert AuditEvent.objects.filter(action="library.record_create", target_id=str(record.pk)).count() == 1
    assert list(record.revisions.values_list("version", flat=True)) == [1]


def test_a_change_keeps_the_previous_version_and_reindexes(make_record: Callable[..., LegalRecord],
                                                           secretariat: User) -> None:
    record = make_record("Firearms Act", "firearms", kind="legislation", status="in_force")
    services.record_update(actor=secretariat, record=record, expected_version=1,
                           fields=fields_of(record, status="repealed"))
    services.record_text_save(actor=secretariat, record=record, expected_version=2,
                              text=TextFields("fr", "Loi sur les armes à feu", "", "armes à feu"))
    record.refresh_from_db()
    assert record.version == 3
    revisions = {r.version: r.snapshot for r in RecordRevision.objects.filter(record=record)}
    assert revisions[1]["status"] == "in_force" and revisions[2]["status"] == "repealed"
    assert sorted(revisions[3]["texts"]) == ["en", "fr"]
    assert [f.record.pk for f in record_search(user=secretariat, query="armes").found] == [record.pk]
    assert SearchDocument.objects.filter(record=record, status="repealed").count() == 2
    actions = list(AuditEvent.objects.filter(target_type="knowledge.legalrecord", target_id=str(record.pk))
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["library.record_create", "library.record_update", "library.text_save"]


def test_a_stale_form_is_refused_with_the_current_version(make_record: Callable[..., LegalRecord],
                                                          secretariat: User) -> None:
    record = make_record("Act", "text")
    services.record_update(actor=secretariat, record=record, expected_version=1, fields=fields_of(record, court=""))
    with pytest.raises(Conflict) as refused:
        services.record_text_save(actor=secretariat, record=record, expected_version=1,
                                  text=TextFields("en", "Changed title"))
    assert refused.value.current_version == 2
    assert record.texts.get().title == "Act"


@pytest.mark.parametrize(("change", "field"), [
    ({"kind": "novel"}, "kind"),
    ({"original_language": "de"}, "original_language"),
    ({"date": dt.date(1700, 1, 1)}, "date"),
    ({"official_link": "javascript:alert(1)"}, "official_link"),
    ({"court": "x" * 301}, "court"),
    ({"visibility": "secret"}, "visibility"),
    ({"status": "in_force", "kind": "case"}, "status"),
])
def test_bad_fields_are_named_and_nothing_changes(make_record: Callable[..., LegalRecord], secretariat: User,
                                                  change: dict[str, object], field: str) -> None:
    record = make_record("Act", "text")
    with pytest.raises(InvalidInput) as refused:
        services.record_update(actor=secretariat, record=record, expected_version=1,
                               fields=fields_of(record, **change))
    assert refused.value.where == field
    record.refresh_from_db()
    assert record.version == 1 and record.revisions.count() == 1


def test_a_title_is_required_and_limited(secretariat: User) -> None:
    fields = RecordFields(kind="legislation", state=State.objects.get(code="KEN"), original_language="en")
    for title, problem in (("  ", "a title is required"), ("x" * 501, "at most 500 characters")):
        with pytest.raises(InvalidInput, match=problem):
            services.record_create(actor=secretariat, fields=fields, text=TextFields("en", title))
    assert not LegalRecord.objects.exists()


def test_a_focal_point_adds_records_of_its_own_state_only(make_user: Callable[..., User]) -> None:
    focal = make_user(Role.FOCAL_POINT, state="KEN")
    own = RecordFields(kind="legislation", state=State.objects.get(code="KEN"), original_language="en",
                       visibility="review")
    record = services.record_create(actor=focal, fields=own, text=TextFields("en", "Kenyan act"))
    assert record.visibility == "review"
    other = RecordFields(kind="legislation", state=State.objects.get(code="AUT"), original_language="en")
    with pytest.raises(NotPermitted):
        services.record_create(actor=focal, fields=other, text=TextFields("en", "Austrian act"))
    expert = make_user(Role.EXPERT, state="KEN")
    with pytest.raises(NotPermitted):
        services.record_create(actor=expert, fields=own, text=TextFields("en", "Kenyan act"))


def test_a_focal_point_cannot_move_its_record_to_another_state(make_user: Callable[..., User]) -> None:
    focal = make_user(Role.FOCAL_POINT, state="KEN")
    own = RecordFields(kind="legislation", state=State.objects.get(code="KEN"), original_language="en")
    record = services.record_create(actor=focal, fields=own, text=TextFields("en", "Kenyan act"))
    with pytest.raises(NotPermitted):
        services.record_update(actor=focal, record=record, expected_version=1,
                               fields=fields_of(record, state=State.objects.get(code="AUT")))


def test_the_thesaurus_is_kept_by_the_secretariat(secretariat: User, make_user: Callable[..., User]) -> None:
    theme = services.theme_save(actor=secretariat, code="cybercrime",
                                names={"en": "Cybercrime", "fr": "Cybercriminalité"})
    with pytest.raises(InvalidInput, match="exists"):
        services.theme_save(actor=secretariat, code="cybercrime", names={"en": "Again"})
    with pytest.raises(InvalidInput) as refused:
        services.theme_save(actor=secretariat, code="Bad Code", names={"en": "X"})
    assert refused.value.where == "code"
    with pytest.raises(NotPermitted):
        services.theme_save(actor=make_user(Role.FOCAL_POINT, state="KEN"), code="other", names={"en": "Other"})
    renamed = services.theme_save(actor=secretariat, code="", names={"en": "Cybercrime and e-evidence"},
                                  theme=theme, expected_version=1)
    assert renamed.version == 2 and Theme.objects.get(code="cybercrime").names == {"en": "Cybercrime and e-evidence"}
    with pytest.raises(Conflict):
        services.theme_save(actor=secretariat, code="", names={"en": "Stale"}, theme=theme, expected_version=1)


def test_reindex_rebuilds_the_same_index(make_record: Callable[..., LegalRecord], secretariat: User) -> None:
    make_record("Loi sur le blanchiment", "blanchir", language="fr")
    make_record("反洗钱法", "洗钱", language="zh")
    before = sorted(SearchDocument.objects.values_list("record_id", "title_terms", "body_terms"))
    SearchDocument.objects.all().delete()
    assert record_search(user=secretariat, query="blanchir").count == 0
    assert services.library_reindex(actor=None) == 2
    assert sorted(SearchDocument.objects.values_list("record_id", "title_terms", "body_terms")) == before
    assert record_search(user=secretariat, query="blanchir").count == 1
    assert record_search(user=secretariat, query="洗钱").count == 1
