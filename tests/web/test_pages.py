"""The web pages through Django's test client: who sees what, filters, corrections, errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, RequestFactory
from django.utils import translation

from treatyreview.accounts.models import ApiToken, Role, User
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.audit.models import AuditEvent
from treatyreview.registry import services as registry_services
from treatyreview.registry.collation import sort_key
from treatyreview.registry.models import Article, GovernmentalExpert, Participation, State
from treatyreview.reviews.models import MechanismRules
from treatyreview.web import views as web_views

pytestmark = pytest.mark.django_db

NON_SECRETARIAT = [Role.FOCAL_POINT, Role.EXPERT, Role.OBSERVER, Role.DELEGATE, Role.CIVIL_SOCIETY]
ROLE_STATES = {Role.FOCAL_POINT: "AUT", Role.EXPERT: "KEN"}
EDITING_PAGES = [
    "/states/AUT/participation/TIP/",
    "/instruments/UNTOC/articles/5/cluster/",
    "/participation/import/",
    "/states/AUT/experts/new/",
    "/states/AUT/nominations/new/",
    "/rules/UNTOC 2018/new/",
    "/audit/",
]
ClientAs = Callable[[User], Client]


def _participation(code: str = "AUT", instrument: str = "TIP") -> Participation:
    return Participation.objects.select_related("state", "instrument").get(state__code=code,
                                                                           instrument__code=instrument)


def _state_names(response: Any) -> list[str]:
    return [state.name for state, _cells in response.context["rows"]]


# Who sees what ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/states/", "/states/AUT/", "/states/EUU/", "/instruments/",
                                 "/accounts/login/"])
def test_public_pages_render_for_anonymous_visitors(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert b'<html lang="en" dir="ltr">' in response.content
    # Nothing loaded from a content delivery network (a bare "cdn" could be inside the random CSRF token).
    assert b"//cdn" not in response.content.lower() and b"cdn." not in response.content.lower()


@pytest.mark.parametrize("url", ["/rules/", "/accounts/tokens/", "/states/AUT/experts/", *EDITING_PAGES])
def test_signed_in_pages_send_anonymous_visitors_to_sign_in(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_home_shows_each_role_its_roles(any_role_user: User, client_as: ClientAs) -> None:
    grant = any_role_user.role_grants.get()
    response = client_as(any_role_user).get("/")
    assert response.status_code == 200
    assert "Your roles" in response.content.decode()
    assert str(grant.get_role_display()) in response.content.decode()


def test_rules_page_shows_every_preset_and_only_the_secretariat_may_add_a_version(
    any_role_user: User, client_as: ClientAs
) -> None:
    response = client_as(any_role_user).get("/rules/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "UNTOC 2018" in html and "UNCAC 2009" in html
    assert "Procedures and rules (res. 9/1 annex)" in html  # each value carries its source
    is_secretariat = any_role_user.role_grants.get().role == Role.SECRETARIAT
    assert ("/rules/UNTOC%202018/new/" in html) is is_secretariat


@pytest.mark.parametrize("role", NON_SECRETARIAT)
def test_every_editing_page_refuses_other_roles_with_the_403_page(
    role: str, make_user: Callable[..., User], client_as: ClientAs
) -> None:
    client = client_as(make_user(role, state=ROLE_STATES.get(role)))
    before = AuditEvent.objects.count()
    for url in EDITING_PAGES:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 403, (url, method)
            assert "Access refused" in response.content.decode()
    assert client.post("/states/AUT/experts/1/").status_code == 403
    assert AuditEvent.objects.count() == before


def test_a_focal_point_sees_the_experts_of_its_own_state_only(make_user: Callable[..., User],
                                                              client_as: ClientAs) -> None:
    client = client_as(make_user(Role.FOCAL_POINT, state="AUT"))
    assert client.get("/states/AUT/experts/").status_code == 200
    assert client.get("/states/KEN/experts/").status_code == 404


# States parties -----------------------------------------------------------------------------------------------

def test_states_list_shows_every_state_in_alphabetical_order_with_a_count(client: Client) -> None:
    response = client.get("/states/")
    names = _state_names(response)
    english = State.objects.values_list("name", flat=True)
    assert names == sorted(english, key=lambda name: sort_key(name, "en"))
    assert names.index("Côte d'Ivoire") < names.index("Croatia")  # among the C, whatever the accent
    assert len(names) == 198
    assert "198 States and other parties" in response.content.decode()
    assert "sort" not in response.content.decode().lower()  # no column that could rank


def test_states_filter_by_regional_group_and_by_no_group(client: Client) -> None:
    african = _state_names(client.get("/states/?group=AFRICAN"))
    assert "Kenya" in african and "Austria" not in african
    assert len(african) == State.objects.filter(regional_group__code="AFRICAN").count()
    outside = _state_names(client.get("/states/?group=none"))
    assert set(outside) == set(State.objects.filter(regional_group__isnull=True).values_list("name", flat=True))
    assert "European Union" in outside


def test_states_filter_by_instrument_and_status(client: Client) -> None:
    response = client.get("/states/?instrument=FIREARMS&status=party")
    names = _state_names(response)
    expected = Participation.objects.filter(instrument__code="FIREARMS", status="party").count()
    assert len(names) == expected
    assert f"{expected} States and other parties" in response.content.decode()
    signatories = _state_names(client.get("/states/?instrument=FIREARMS&status=signatory"))
    assert signatories and not set(signatories) & set(names)


def test_an_unknown_filter_is_reported_and_not_applied(client: Client) -> None:
    response = client.get("/states/?group=MARS")
    assert response.status_code == 200
    assert "was not understood" in response.content.decode()
    assert len(_state_names(response)) == 198


def test_an_htmx_request_gets_only_the_results(client: Client) -> None:
    response = client.get("/states/?group=WEOG", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="state-results"' in response.content
    assert "HX-Request" in response["Vary"]


def test_unknown_standing_reads_not_established_never_not_party(client: Client) -> None:
    unknown = Participation.objects.filter(status="unknown").select_related("state").first()
    assert unknown is not None
    html = client.get(f"/states/{unknown.state.code}/").content.decode()
    assert "Not established" in html
    assert "Neither signatory nor party" not in html
    assert "Not party" not in html


# State profile ------------------------------------------------------------------------------------------------

def test_state_profile_shows_participation_with_dates_and_sources(client: Client) -> None:
    response = client.get("/states/AUT/")
    html = response.content.decode()
    assert "Austria" in html and "Western European and other States" in html
    assert "ratification" in html and "PacLII-2008" in html
    assert "/participation/" not in html  # correction links are for the secretariat


def test_state_profile_gives_the_secretariat_correction_and_expert_links(secretariat: User,
                                                                         client_as: ClientAs) -> None:
    html = client_as(secretariat).get("/states/AUT/").content.decode()
    assert "/states/AUT/participation/TIP/" in html
    assert "/states/AUT/experts/" in html


def test_the_european_union_profile_explains_its_competence(client: Client) -> None:
    html = client.get("/states/EUU/").content.decode()
    assert "regional economic integration organization" in html
    assert "2, subparagraph (j)" in html
    assert "declaration of competence is not yet recorded" in html


def test_a_lowercase_code_redirects_and_an_unknown_code_is_404(client: Client) -> None:
    assert client.get("/states/aut/")["Location"] == "/states/AUT/"
    response = client.get("/states/XXX/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_an_unknown_page_gives_the_404_page_and_tells_nothing_more(client: Client) -> None:
    response = client.get("/no-such-page-<script>/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "<script>" not in html and "urlpatterns" not in html and "Traceback" not in html


def test_the_500_page_says_nothing_about_the_failure() -> None:
    response = web_views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Server error" in response.content and b"Traceback" not in response.content


# Instruments --------------------------------------------------------------------------------------------------

def test_instruments_page_groups_articles_by_cluster(client: Client) -> None:
    html = client.get("/instruments/").content.decode()
    assert "Cluster 1: Criminalization and jurisdiction" in html
    assert "Cluster not yet established" in html
    assert html.count('<section id="') == 4


# Secretariat: participation -----------------------------------------------------------------------------------

def _participation_form(client: Client, url: str) -> dict[str, Any]:
    form = client.get(url).context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def test_a_participation_correction_lands_with_its_audit_event(secretariat: User, client_as: ClientAs) -> None:
    client = client_as(secretariat)
    url = "/states/AUT/participation/TIP/"
    data = _participation_form(client, url)
    data.update(declarations="Declaration under article 15, paragraph 4.",
                source="C.N.123.2026.TREATIES-XVIII.12.a of 1 March 2026")
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == "/states/AUT/"
    cell = _participation("AUT", "TIP")
    assert cell.declarations == "Declaration under article 15, paragraph 4."
    assert cell.sources.endswith("C.N.123.2026.TREATIES-XVIII.12.a of 1 March 2026")
    event = AuditEvent.objects.filter(action="participation.update").latest("id")
    assert event.actor == secretariat and event.note.startswith("C.N.123")
    assert event.after["declarations"] == cell.declarations


def test_a_stale_participation_form_is_refused_and_overwrites_nothing(
    secretariat: User, make_user: Callable[..., User], client_as: ClientAs
) -> None:
    client = client_as(secretariat)
    url = "/states/AUT/participation/TIP/"
    stale = _participation_form(client, url)
    colleague = make_user(Role.SECRETARIAT)
    registry_services.participation_update(actor=colleague, participation=_participation(), source="colleague",
                                           declarations="Entered by a colleague.")
    stale.update(declarations="Mine.", source="my source")
    response = client.post(url, stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this record" in html
    assert "Mine." in html  # the input is kept
    assert _participation().declarations == "Entered by a colleague."


def test_a_service_refusal_is_shown_next_to_its_field_with_the_input_kept(secretariat: User,
                                                                          client_as: ClientAs) -> None:
    client = client_as(secretariat)
    url = "/states/AUT/participation/TIP/"
    data = _participation_form(client, url)
    data.update(status="signatory", source="typo check")
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "date of consent" in form.errors["status"][0]
    assert 'value="typo check"' in response.content.decode()
    assert _participation().status == "party"


def test_an_altered_form_is_refused(secretariat: User, client_as: ClientAs) -> None:
    client = client_as(secretariat)
    url = "/states/AUT/participation/TIP/"
    data = _participation_form(client, url)
    data.update(expected="forged", source="x")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The form was altered" in response.content.decode()


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("participation.csv", text.encode(), content_type="text/csv")


HEADER = "state,instrument,status,signature_date,consent_date,consent_type,declarations,source\n"


def test_a_bad_csv_shows_file_line_errors_and_imports_nothing(secretariat: User, client_as: ClientAs) -> None:
    before = _participation("AUT", "SOM").declarations
    events = AuditEvent.objects.count()
    text = (HEADER + "AUT,SOM,party,2000-12-12,2007-11-30,ratification,New declaration,C.N.1.2026\n"
            "XXX,TIP,party,,,,,C.N.2.2026\n"
            "KEN,TIP,party,,2005-01-05,ratification,,\n")
    response = client_as(secretariat).post("/participation/import/", {"file": _csv(text)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "participation.csv:3: state: unknown State code" in html
    assert "participation.csv:4: source:" in html
    assert "nothing was changed" in html
    assert _participation("AUT", "SOM").declarations == before
    assert AuditEvent.objects.count() == events


def test_a_good_csv_is_imported(secretariat: User, client_as: ClientAs) -> None:
    text = HEADER + "AUT,SOM,party,2000-12-12,2007-11-30,ratification,New declaration,C.N.1.2026\n"
    response = client_as(secretariat).post("/participation/import/", {"file": _csv(text)})
    assert response.status_code == 200
    assert "1 rows read; 1 record changed." in response.content.decode()
    assert _participation("AUT", "SOM").declarations == "New declaration"


def test_a_file_that_is_not_utf8_is_refused(secretariat: User, client_as: ClientAs) -> None:
    upload = SimpleUploadedFile("p.csv", HEADER.encode() + "AUT,SOM,party,,,,Déclaration,x\n".encode("latin-1"))
    response = client_as(secretariat).post("/participation/import/", {"file": upload})
    assert "not UTF-8" in response.content.decode()


def test_the_secretariat_sets_the_cluster_of_an_article(secretariat: User, client_as: ClientAs) -> None:
    article = Article.objects.filter(cluster__isnull=True).select_related("instrument").first()
    assert article is not None
    url = f"/instruments/{article.instrument.code}/articles/{article.number}/cluster/"
    client = client_as(secretariat)
    response = client.post(url, {"cluster": "", "source": "", "expected_version": "1"})
    assert response.status_code == 200 and response.context["form"].errors["source"]
    response = client.post(url, {"cluster": "4", "source": "Appendix to resolution 9/1", "expected_version": "1"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.cluster == 4 and article.cluster_source == "Appendix to resolution 9/1"
    assert AuditEvent.objects.filter(action="article.cluster_update", target_id=str(article.pk)).exists()


# Secretariat: experts and nominations ------------------------------------------------------------------------

def test_the_secretariat_records_a_nomination_and_adds_and_edits_an_expert(secretariat: User,
                                                                          client_as: ClientAs) -> None:
    client = client_as(secretariat)
    response = client.post("/states/AUT/nominations/new/", {
        "role": Role.EXPERT, "person_name": "Maria Muster", "email": "", "note_verbale_ref": "NV/AUT/2026/9",
        "note_verbale_date": "2026-02-01"})
    assert response.status_code == 302
    nomination = State.objects.get(code="AUT").nominations.get(note_verbale_ref="NV/AUT/2026/9")
    response = client.post("/states/AUT/experts/new/", {
        "full_name": "Maria Muster", "email": "", "expertise": "firearms", "languages": ["en", "fr"],
        "affiliation": "government", "nomination": nomination.pk})
    assert response.status_code == 302
    expert = GovernmentalExpert.objects.get(full_name="Maria Muster")
    assert expert.nomination == nomination and expert.languages == ["en", "fr"]
    assert "Maria Muster" in client.get("/states/AUT/experts/").content.decode()
    url = f"/states/AUT/experts/{expert.pk}/"
    data = {"full_name": "Maria Muster", "email": "", "expertise": "firearms; cybercrime", "languages": ["en"],
            "affiliation": "government", "active": "on", "version": expert.version}
    assert client.post(url, data).status_code == 302
    expert.refresh_from_db()
    assert expert.expertise == "firearms; cybercrime" and expert.version == 2
    response = client.post(url, {**data, "expertise": "stale"})  # still carries version 1
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    expert.refresh_from_db()
    assert expert.expertise == "firearms; cybercrime"


def test_an_expert_without_languages_is_refused_next_to_the_field(secretariat: User, client_as: ClientAs) -> None:
    response = client_as(secretariat).post("/states/AUT/experts/new/", {
        "full_name": "A", "expertise": "b", "affiliation": "government"})
    assert response.status_code == 200
    assert response.context["form"].errors["languages"]


# Rules --------------------------------------------------------------------------------------------------------

def test_a_new_version_of_the_rules_is_saved_and_a_stale_form_is_refused(secretariat: User,
                                                                        client_as: ClientAs) -> None:
    client = client_as(secretariat)
    url = "/rules/UNTOC 2018/new/"
    form = client.get(url).context["form"]
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list) and name != "languages":
            data[name] = ", ".join(str(v) for v in value)
        elif value is not None:
            data[name] = value
    data.update(max_redraws=1, reason="Decision 12/1 of the Conference")
    assert client.post(url, data).status_code == 302
    latest = MechanismRules.objects.filter(preset="UNTOC 2018").order_by("-version").first()
    assert latest is not None and latest.version == 2 and latest.values["max_redraws"] == 1
    response = client.post(url, {**data, "max_redraws": 3})  # expected_version is still 1
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert MechanismRules.objects.filter(preset="UNTOC 2018").count() == 2
    history = client.get("/rules/").content.decode()
    assert "Decision 12/1 of the Conference" in history


def test_a_rules_form_without_reason_names_the_field(secretariat: User, client_as: ClientAs) -> None:
    client = client_as(secretariat)
    response = client.post("/rules/UNTOC 2018/new/", {"expected_version": 1})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]


# Audit trail --------------------------------------------------------------------------------------------------

def test_the_audit_trail_filters_by_action_and_paginates(secretariat: User, client_as: ClientAs) -> None:
    for number in range(55):
        registry_services.participation_update(actor=secretariat, participation=_participation(),
                                               source=f"source {number}")
    client = client_as(secretariat)
    response = client.get("/audit/?action=participation.update")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 55
    assert len(response.context["page"].object_list) == 50
    assert all(e.action == "participation.update" for e in response.context["page"])
    assert "page=2" in response.content.decode()
    assert client.get("/audit/?action=participation.update&page=2").context["page"].number == 2


# Accounts -----------------------------------------------------------------------------------------------------

def test_sign_in_and_sign_out_by_post(make_user: Callable[..., User]) -> None:
    make_user(Role.OBSERVER, username="reader")
    client = Client()
    response = client.post("/accounts/login/", {"username": "reader", "password": "a-long-test-password"})
    assert response.status_code == 302
    assert "Sign out" in client.get("/").content.decode()
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert "Sign in" in client.get("/").content.decode()


def test_a_wrong_password_is_refused_without_saying_which_part_is_wrong(client: Client) -> None:
    response = client.post("/accounts/login/", {"username": "nobody", "password": "x"})
    assert response.status_code == 200
    assert "do not match" in response.content.decode()


def test_an_api_token_is_shown_once_and_can_be_revoked(make_user: Callable[..., User],
                                                       client_as: ClientAs) -> None:
    user = make_user(Role.OBSERVER)
    client = client_as(user)
    response = client.post("/accounts/tokens/", {"name": "export script"})
    token = re.search(r'value="(tr_[^"]+)"', response.content.decode())
    assert token is not None
    assert response["Cache-Control"] == "no-store"
    record = ApiToken.objects.get(user=user)
    assert record.digest == ApiToken.digest_of(token.group(1))
    assert token.group(1) not in client.get("/accounts/tokens/").content.decode()
    assert client.get("/api/states?group=none", headers={"Authorization": f"Bearer {token.group(1)}"}
                      ).status_code == 200
    assert client.post(f"/accounts/tokens/{record.pk}/revoke/").status_code == 302
    record.refresh_from_db()
    assert record.revoked_at is not None
    other = client_as(make_user(Role.OBSERVER))
    assert other.post(f"/accounts/tokens/{record.pk}/revoke/").status_code == 404


# Languages and assets ----------------------------------------------------------------------------------------

def test_arabic_is_right_to_left_with_the_rtl_stylesheet(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    html = client.get("/states/AUT/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert "الدول الأطراف" in html


@pytest.mark.parametrize("language, text", [("fr", "États parties"), ("es", "Estados partes"),
                                            ("ru", "Государства-участники"), ("zh-hans", "缔约国")])
def test_each_un_language_translates_the_interface(client: Client, language: str, text: str) -> None:
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    html = client.get("/").content.decode()
    assert f'<html lang="{language}" dir="ltr">' in html
    assert text in html


@pytest.mark.parametrize("path", ["vendor/bootstrap.min.css", "vendor/bootstrap.rtl.min.css",
                                  "vendor/bootstrap.bundle.min.js", "vendor/htmx.min.js", "web/site.css"])
def test_vendored_assets_are_served(client: Client, path: str) -> None:
    response = client.get(f"/static/{path}")
    assert response.status_code == 200


class _VisibleText(HTMLParser):
    """The text a reader sees: element content, not attributes (an option's value is a code, by design)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def test_the_audit_trail_in_french_names_each_action_in_words(secretariat: User, client_as: ClientAs) -> None:
    state = State.objects.get(code="AUT")
    for action in AuditAction:
        with transaction.atomic():
            audit.record(actor=secretariat, action=action, target=state)
    client = client_as(secretariat)
    # The locale middleware leaves French active after the request; the override restores the language.
    with translation.override("fr"):
        response = client.get("/audit/", headers={"accept-language": "fr"})
    assert response.status_code == 200
    parser = _VisibleText()
    parser.feed(response.content.decode())
    text = " ".join(parser.parts)
    assert "Journal d’audit" in text
    assert not re.search(r"\bdraw\.[a-z_]+", text)
    assert not any(action.value in text for action in AuditAction)
    assert "Tirage au sort annulé" in text
