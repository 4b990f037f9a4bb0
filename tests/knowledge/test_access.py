"""Records restricted to a State's own review: seen by the entitled, their reads logged; a 404 for anyone else."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser

from treatyreview.accounts.models import Role, User
from treatyreview.audit.models import AuditEvent
from treatyreview.errors import NotFound
from treatyreview.knowledge.models import LegalRecord
from treatyreview.knowledge.selectors import access_record, record_search, records_citable
from treatyreview.registry.models import Article, State

pytestmark = pytest.mark.django_db


def reads(record: LegalRecord) -> int:
    return AuditEvent.objects.filter(action="library.record_read", target_id=str(record.pk)).count()


def test_a_restricted_record_is_read_by_its_state_and_the_secretariat_and_logged(
        make_record: Callable[..., LegalRecord], make_user: Callable[..., User], secretariat: User) -> None:
    record = make_record("Draft bill on witness protection", "witnesses", state="KEN", visibility="review")
    for user in (make_user(Role.FOCAL_POINT, state="KEN"), make_user(Role.EXPERT, state="KEN"), secretariat):
        assert access_record(user, record.pk) == record
    assert reads(record) == 3


@pytest.mark.parametrize(("role", "state"), [(Role.FOCAL_POINT, "AUT"), (Role.EXPERT, "BRA"), (Role.OBSERVER, None),
                                             (Role.DELEGATE, None), (Role.CIVIL_SOCIETY, None)])
def test_anyone_else_gets_not_found_as_for_no_record(make_record: Callable[..., LegalRecord],
                                                     make_user: Callable[..., User], role: str,
                                                     state: str | None) -> None:
    record = make_record("Draft bill on witness protection", "witnesses", state="KEN", visibility="review")
    user = make_user(role, state=state)
    with pytest.raises(NotFound) as restricted:
        access_record(user, record.pk)
    with pytest.raises(NotFound) as missing:
        access_record(user, 999_999)
    assert str(restricted.value) == str(missing.value)
    assert reads(record) == 0
    assert record_search(user=user, query="witness").count == 0


def test_public_records_are_open_to_visitors_without_logging(make_record: Callable[..., LegalRecord]) -> None:
    record = make_record("Witness Protection Act", "witnesses")
    assert access_record(AnonymousUser(), record.pk) == record
    assert reads(record) == 0
    with pytest.raises(NotFound):
        access_record(AnonymousUser(), make_record("Bill", state="KEN", visibility="review").pk)


def test_facets_count_only_what_the_reader_may_see(make_record: Callable[..., LegalRecord],
                                                   make_user: Callable[..., User]) -> None:
    make_record("Witness Act", "witnesses", state="KEN", visibility="review")
    make_record("Witness Act", "witnesses", state="AUT")
    page = record_search(user=make_user(Role.OBSERVER), query="witness")
    assert page.count == 1
    assert [State.objects.get(pk=int(pk)).code for pk, _n in page.facets["state"]] == ["AUT"]


def test_citable_records_are_public_ones_and_the_states_own(make_record: Callable[..., LegalRecord],
                                                            make_user: Callable[..., User], secretariat: User) -> None:
    public = make_record("Money Laundering Act", "laundering", state="AUT", articles=("UNTOC 6",))
    own = make_record("Kenyan laundering bill", "laundering", state="KEN", visibility="review", articles=("UNTOC 6",))
    make_record("Austrian laundering bill", "laundering", state="AUT", visibility="review", articles=("UNTOC 6",))
    other_article = make_record("Laundering guidance", "laundering", state="AUT", articles=("UNTOC 7",))
    kenya = State.objects.get(code="KEN")
    article = Article.objects.get(instrument__code="UNTOC", number=6)
    expert = make_user(Role.EXPERT, state="KEN")
    assert {r.pk for r in records_citable(user=expert, state=kenya, article=article)} == {public.pk, own.pk}
    assert {r.pk for r in records_citable(user=secretariat, state=kenya, article=article)} == {public.pk, own.pk}
    assert {r.pk for r in records_citable(user=expert, state=kenya, query="guidance")} == {other_article.pk}
    # A reviewer from another State sees only what is public.
    reviewer = make_user(Role.EXPERT, state="BRA")
    assert {r.pk for r in records_citable(user=reviewer, state=kenya, article=article)} == {public.pk}
