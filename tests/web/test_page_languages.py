"""Every page, in each language other than English, holds no English phrase of the interface that has a translation.

Each HTML page of the site is rendered with the demo's objects, as each demo role that can see it, in the five
other UN languages. A page fails when a msgid of the platform's catalogue appears in it verbatim while its
translation differs: a string left out of `{% translate %}`, a code shown raw, a label built in English.

Not read (and so never reported): elements marked as being in another language (`lang="en"` — State names and
article titles without a sourced translation, citations of English sources, user-written text the template
marks), `<code>`, `<script>` and `<style>`, codes shown on purpose (`.tr-code`, `.tr-seed`, `.tr-hash`), and the
short ALLOWED list below, each entry with its reason.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from treatyreview.accounts import services as account_services
from treatyreview.accounts.models import AccountActivation, Nomination, User
from treatyreview.budget.models import Scenario
from treatyreview.knowledge.models import LegalRecord
from treatyreview.observations.dialogue.demo import demo_dialogue
from treatyreview.observations.dialogue.models import FeedbackItem, Meeting, Message, Thread
from treatyreview.observations.lists.choices import OBSERVATION_FIELDS, SUMMARY_FIELDS
from treatyreview.observations.lists.demo import demo_outcome_agreed
from treatyreview.observations.lists.models import (
    AssistanceNeed,
    Comment,
    FollowUp,
    Observation,
    ObservationList,
    Recommendation,
    Summary,
)
from treatyreview.questionnaires.answers import demo as answers_demo
from treatyreview.questionnaires.answers import services as answer_services
from treatyreview.questionnaires.answers.models import Answer
from treatyreview.questionnaires.saq import services as template_services
from treatyreview.questionnaires.saq.demo import demo_template_create
from treatyreview.registry import proposals
from treatyreview.registry.models import GovernmentalExpert, State
from treatyreview.reviews import demo as reviews_demo
from treatyreview.reviews.draws import services as draw_services
from treatyreview.reviews.models import CountryReview, Cycle, Draw, Phase
from treatyreview.reviews.phases import services as phase_services
from treatyreview.stakeholders.models import Organization
from treatyreview.web.demo import demo_accounts_create, demo_library_create, demo_scenarios_create

LOCALE = Path(__file__).resolve().parents[2] / "src" / "treatyreview" / "locale"
LANGUAGES = {"ar": "ar", "zh-hans": "zh_Hans", "fr": "fr", "ru": "ru", "es": "es"}

# URL names that are not HTML pages for a reader, or that only answer a POST.
NOT_PAGES = {
    "set_language", "logout", "token_revoke", "draw_step",  # POST only
    "draw_input_download", "draw_record_download", "draw_results_csv", "draw_verifier_download",  # data files
    "template_version_export",  # a data file (XLSX)
    "reminder_read",  # POST only
    "calendar_feed",  # an iCalendar file (its language is tested in tests/reviews/calendars)
    "recovery_codes_renew", "sign_out_everywhere", "account_deactivate", "account_reactivate",  # POST only
    "activation_resend", "role_grant_end", "nomination_account_create", "second_factor_remove",  # POST only
    # Seen only between the password and the code (a signed-in client here has passed both): checked in every
    # language by tests/accounts/test_pages.py.
    "two_factor_verify",
    "audit_export",  # data files (JSON, CSV)
    "budget_scenario_xlsx", "budget_compare_xlsx", "budget_scenario_file",  # data files (XLSX, JSON)
    "answer_save", "answer_confirm", "questionnaire_submit", "questionnaire_reopen", "expert_decide",  # POST only
    "questionnaire_docx", "questionnaire_xlsx",  # documents (Word, XLSX): headings tested in tests/questionnaires
    "phase_questionnaire",  # a redirect to the questionnaire's page
    "budget_scenario_annex", "budget_compare_annex",  # Word documents
    "knowledge_export",  # data file (CSV)
    "feedback_create", "feedback_send", "feedback_save", "feedback_step", "message_post", "thread_step",  # POST only
    # POST only: the list of observations and its summary
    "observation_list_begin", "observation_save", "suggestion_add", "suggestion_edit", "follow_up_record", "need_add",
    "need_edit", "observation_list_comment", "observation_list_step", "summary_begin", "summary_save",
    "summary_comment", "summary_step",
    "suggestions_similar",  # a fragment of the list's page (htmx), its words checked with the page
    "working_language_propose", "working_language_decide", "document_generate", "translation_request",  # POST only
    "consent_give", "consent_withdraw", "document_publish", "translation_record", "translation_verify",  # POST only
    "document_version_docx", "word_template_download", "publication_docx",  # Word documents
    # A generated outcome document's pages (confidential and public): checked in every language by
    # tests/publishing/test_views.py, on a review taken to a published summary.
    "document_version", "publication_page", "publication_html",
}

ARABIC_INDIC = re.compile("[\u0660-\u0669\u06f0-\u06f9]")

# English phrases allowed on a page in another language, and why.
ALLOWED = {
    "API": "the name of the interface for scripts, kept as is in every language (like OpenAPI)",
    "OpenAPI": "the name of a standard",
    "UNTOC": "the abbreviation of the Convention, used by the UN in every language",
    "UNCAC": "the abbreviation of the Convention against Corruption, used by the UN in every language",
    "JSON": "the name of a file format",
    "CSV": "the name of a file format",
    "PDF": "the name of a file format",
    "SHA-256": "the name of a hash function",
    "Ed25519": "the name of a signature scheme",
    "XLSX": "the name of a file format",
    "P-5": "a grade of the UN common system, written so in every language but Arabic and Russian",
    "P-4": "a grade of the UN common system, written so in every language but Arabic and Russian",
    "P-3": "a grade of the UN common system, written so in every language but Arabic and Russian",
    "P-2": "a grade of the UN common system, written so in every language but Arabic and Russian",
}

SKIPPED_TAGS = {"code", "script", "style", "pre", "samp", "kbd"}
SKIPPED_CLASSES = {"tr-code", "tr-seed", "tr-hash"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
WORD = re.compile(r"[\w’'-]+")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


class _Text(HTMLParser):
    """The text a reader meets on a page (with titles and labels), minus what is marked as not in its language."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []
        self.chunks: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang")
        classes = set((values.get("class") or "").split())
        skip = (
            tag in SKIPPED_TAGS
            or bool(classes & SKIPPED_CLASSES)
            or (tag != "html" and lang is not None and lang.lower() != self.language)
            or values.get("translate") == "no"
        )
        if not (skip or self._skipping()):
            self.chunks.extend(value for name in READ_ATTRIBUTES if (value := values.get(name)))
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping():
            self.chunks.append(data)

    def text(self) -> str:
        return " " + re.sub(r"\s+", " ", " ".join(self.chunks)) + " "


def page_text(html: str, language: str) -> str:
    parser = _Text(language)
    parser.feed(html)
    return parser.text()


def english_phrases(catalogue: str) -> list[tuple[str, str, re.Pattern[str]]]:
    """(msgid fragment, its first word, pattern) for each msgid whose translation differs: what must not be read."""
    with (LOCALE / catalogue / "LC_MESSAGES" / "django.mo").open("rb") as file:
        catalog = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    # A word both languages write alike ("Version", "Instruments" in French) is in some translation: not English.
    translations = " ".join(value for value in catalog.values() if isinstance(value, str))
    phrases: dict[str, re.Pattern[str]] = {}
    for key, translated in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or "\x04" in msgid or msgid == translated:
            continue
        for fragment in PLACEHOLDER.split(msgid):
            fragment = re.sub(r"\s+", " ", fragment).strip(" .,:;()·—-")
            # Short fragments ("No", "of") are words of other languages too, or too common to tell.
            if len(fragment) < 4 or fragment in ALLOWED or fragment in translated:
                continue
            pattern = re.compile(r"(?<![\w-])" + re.escape(fragment) + r"(?![\w-])")
            if not pattern.search(translations):
                phrases[fragment] = pattern
    return [(fragment, WORD.findall(fragment)[0], pattern) for fragment, pattern in sorted(phrases.items())]


def user_written() -> list[str]:
    """Text people typed (names of people, cycles, organizations, seed sources, expertise): not the interface's."""
    texts = set(User.objects.values_list("full_name", flat=True))
    texts |= set(Cycle.objects.values_list("name", flat=True))
    texts |= set(Draw.objects.values_list("seed_source", flat=True))
    texts |= set(GovernmentalExpert.objects.values_list("expertise", flat=True))
    texts |= set(GovernmentalExpert.objects.values_list("full_name", flat=True))
    texts |= set(Organization.objects.values_list("name", flat=True))
    texts |= set(Scenario.objects.values_list("name", flat=True))
    # What reviewers and the State under review wrote in the dialogue, and the answers it is about.
    texts |= set(FeedbackItem.objects.values_list("text", flat=True))
    texts |= set(Message.objects.values_list("text", flat=True))
    texts |= set(Thread.objects.values_list("resolution", flat=True))
    for field in ("participants", "minutes", "place"):
        texts |= set(Meeting.objects.values_list(field, flat=True))
    texts |= set(Answer.objects.exclude(text="").values_list("text", flat=True))
    texts |= {citation.get("reference", "") for citations in Answer.objects.values_list("citations", flat=True)
              for citation in citations or []}
    # What the list of observations and its summary say: written (or, for a summary's first draft, assembled)
    # in the language of their authors, one line at a time as a page shows them.
    written: list[str] = []
    for model, fields in ((Observation, OBSERVATION_FIELDS), (Summary, SUMMARY_FIELDS), (Recommendation, ("text",)),
                          (AssistanceNeed, ("description",)), (Comment, ("text",)), (FollowUp, ("note",))):
        for row in model.objects.values_list(*fields):
            written.extend(line.strip() for value in row for line in str(value).splitlines())
    texts |= set(written)
    return sorted((text for text in texts if text), key=len, reverse=True)


def _url_names() -> set[str]:
    def walk(resolver: URLResolver, prefix: str = "") -> set[str]:
        names: set[str] = set()
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern) not in ("api/", "admin/"):
                    names |= walk(pattern, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(pattern.name)
        return names

    return walk(get_resolver())


def _pages() -> dict[str, list[str]]:
    """Every page of the site, by URL name, with the demo's objects."""
    cycle = Cycle.objects.get()
    draws = list(Draw.objects.order_by("pk"))
    published = [draw for draw in draws if draw.status == Draw.Status.CONFIRMED]
    expert = GovernmentalExpert.objects.filter(state__code="KEN").first() or GovernmentalExpert.objects.first()
    assert expert is not None
    state = expert.state.code
    # A launched review (phases, deadlines passed) and one still without phases.
    reviews = [
        CountryReview.objects.filter(cycle=cycle, phases__isnull=False).order_by("pk").first(),
        CountryReview.objects.filter(cycle=cycle, phases__isnull=True).order_by("pk").first(),
    ]
    scenario = Scenario.objects.order_by("pk").first()
    assert scenario is not None
    answer = Answer.objects.filter(version__gt=1).select_related("questionnaire", "question").first()
    assert answer is not None
    questionnaire = answer.questionnaire
    # A public record of Kenya and the one restricted to Kenya's own review.
    records = [LegalRecord.objects.filter(state__code="KEN", visibility=visibility, kind=kind).order_by("pk").first()
               for visibility, kind in (("public", "case"), ("review", "case"))]
    dialogue = Meeting.objects.select_related("phase").order_by("pk").first()
    assert dialogue is not None
    # The demo's list of observations (final, with its summary) and a phase whose list is not begun.
    outcome = ObservationList.objects.get()
    not_begun = Phase.objects.filter(launched_at__isnull=False, observation_list__isnull=True).order_by("pk").first()
    assert not_begun is not None
    return {
        "dialogue_page": [f"/phases/{dialogue.phase_id}/dialogue/"],
        "dialogue_meetings": [f"/phases/{dialogue.phase_id}/dialogue/meetings/"],
        "dialogue_meeting": [f"/phases/{dialogue.phase_id}/dialogue/meetings/{dialogue.pk}/"],
        "questionnaire_page": [f"/questionnaires/{questionnaire.pk}/"],
        "answer_history": [f"/questionnaires/{questionnaire.pk}/answers/{answer.question.code}/history/"],
        "questionnaires_open": ["/secretariat/questionnaires/"],
        "expert_propose": ["/states/KEN/experts/propose/"],
        "home": ["/"],
        "login": ["/accounts/login/"],
        "token_list": ["/accounts/tokens/"],
        "state_list": ["/states/"],
        "state_detail": [f"/states/{state}/", "/states/EUU/"],
        "participation_edit": [f"/states/{state}/participation/UNTOC/"],
        "expert_list": [f"/states/{state}/experts/"],
        "expert_create": [f"/states/{state}/experts/new/"],
        "expert_edit": [f"/states/{state}/experts/{expert.pk}/"],
        "nomination_create": [f"/states/{state}/nominations/new/"],
        "instrument_list": ["/instruments/"],
        "article_cluster_edit": ["/instruments/UNTOC/articles/5/cluster/"],
        "participation_import": ["/participation/import/"],
        "rules": ["/rules/"],
        "rules_version_new": [f"/rules/{quote('UNTOC 2018')}/new/"],
        "draw_public_list": ["/draws/"],
        "draw_public_detail": [f"/draws/{draw.pk}/" for draw in published],
        "draw_printable": [f"/draws/{draw.pk}/print/" for draw in published],
        "draw_home": ["/secretariat/draws/"],
        "draw_cycle": [f"/secretariat/draws/cycles/{cycle.pk}/"],
        "draw_session": [f"/secretariat/draws/{draw.pk}/" for draw in draws],
        "draw_projection": [f"/secretariat/draws/{draw.pk}/projection/" for draw in draws],
        "audit_list": ["/audit/"],
        "review_list": ["/reviews/"],
        "review_status_public": ["/reviews/status/"],
        "review_detail": [f"/reviews/{review.pk}/" for review in reviews],
        "review_status_edit": [f"/reviews/{reviews[0].pk}/status/"],
        "overdue_list": ["/secretariat/reviews/overdue/"],
        "cycle_work_plan": [f"/secretariat/draws/cycles/{cycle.pk}/work-plan/"],
        "year_group_launch": [f"/secretariat/draws/cycles/{cycle.pk}/groups/{n}/launch/" for n in (2,)],
        "template_list": ["/secretariat/templates/"],
        "template_detail": ["/secretariat/templates/untoc-saq/"],
        "template_version": ["/secretariat/templates/untoc-saq/v1/", "/secretariat/templates/untoc-saq/v2/"],
        "template_question_edit": ["/secretariat/templates/untoc-saq/v2/questions/untoc-5-legislation/"],
        "reminder_list": ["/reminders/"],
        "calendar_page": ["/calendar/"],
        "dashboard": ["/secretariat/reviews/"],
        "dashboard_review": [f"/secretariat/reviews/{review.pk}/" for review in cycle.reviews.all()[:1]],
        "account_activate": [f"/accounts/activate/{_activation_token()}/"],
        "two_factor_setup": ["/accounts/two-factor/setup/"],
        "security": ["/accounts/security/"],
        "password_change": ["/accounts/password/"],
        "password_reset": ["/accounts/password-reset/"],
        "password_reset_done": ["/accounts/password-reset/sent/"],
        "password_reset_confirm": ["/accounts/password-reset/MQ/not-a-token/"],
        "password_reset_complete": ["/accounts/password-reset/done/"],
        "account_list": ["/secretariat/accounts/"],
        "account_detail": [f"/secretariat/accounts/{User.objects.get(username='focal-ken').pk}/"],
        "nomination_list": ["/secretariat/nominations/"],
        "audit_anchor": ["/audit/anchor/"],
        "state_reads": [f"/states/{state}/reads/"],
        "budget_home": ["/costs/"],
        "budget_scenario_new": ["/costs/new/"],
        "budget_compare": ["/costs/compare/", f"/costs/compare/?scenario=s:{scenario.pk}&scenario=p:in-turn"],
        "budget_preset": ["/costs/preset/outcome-b/"],
        "budget_scenario": [f"/costs/{scenario.pk}/"],
        "budget_scenario_edit": [f"/costs/{scenario.pk}/edit/"],
        "budget_burden": [f"/costs/{scenario.pk}/burden/"],
        "knowledge_search": ["/library/?q=laundering"],
        "knowledge_record": [f"/library/records/{record.pk}/?q=trafficking" for record in records],
        "knowledge_record_add": ["/library/records/new/"],
        "knowledge_record_edit": [f"/library/records/{records[0].pk}/edit/"],
        "knowledge_text_edit": [f"/library/records/{records[0].pk}/version/?language=fr"],
        "knowledge_themes": ["/library/themes/"],
        "knowledge_import": ["/library/import/"],
        "observation_list": [f"/phases/{outcome.phase_id}/observations/",
                             f"/phases/{not_begun.pk}/observations/"],
        "observation_list_versions": [f"/phases/{outcome.phase_id}/observations/versions/?from=1&to=3"],
        "summary_page": [f"/phases/{outcome.phase_id}/summary/"],
        "summary_versions": [f"/phases/{outcome.phase_id}/summary/versions/?from=1&to=2"],
        "review_documents": [f"/reviews/{reviews[0].pk}/documents/"],
        "word_templates": ["/secretariat/word-templates/"],
        "publication_list": ["/publications/"],
    }


def _activation_token() -> str:
    """A new account's activation link, as e-mailed (opening it changes nothing)."""
    nomination = Nomination.objects.create(
        state=State.objects.get(code="KEN"), role="expert", note_verbale_ref="NV/KEN/2026/9",
        note_verbale_date=dt.date(2026, 3, 1), person_name="New expert", email="new.expert@example.org",
        recorded_by=User.objects.get(username="secretariat"),
    )
    secretariat = User.objects.get(username="secretariat")
    _user, activation = account_services.account_create_from_nomination(actor=secretariat, nomination=nomination)
    token = AccountActivation.new_token()
    AccountActivation.objects.filter(pk=activation.pk).update(digest=AccountActivation.digest_of(token))
    return token


@pytest.fixture
def demo() -> list[User | None]:
    accounts = demo_accounts_create()
    secretariat = User.objects.get(username="secretariat")
    cycle = reviews_demo.demo_cycle_create(secretariat)
    assert cycle is not None
    demo_scenarios_create(secretariat)
    # A draw prepared but not yet run: its session page shows the input, the eligibility tables and the steps.
    second = cycle.year_groups.get(number=2)
    draw_services.draw_prepare(actor=secretariat, cycle=cycle, kind=Draw.Kind.REVIEWERS, year_group=second)
    # Year group 1 launched: review pages with phases, deadlines (passed) and the public status with phases.
    first = cycle.year_groups.get(number=1)
    phase_services.year_group_launch(actor=secretariat, year_group=first,
                                     on=timezone.localdate() - dt.timedelta(days=reviews_demo.LAUNCHED_DAYS_AGO))
    # The questionnaire template published, and a draft of its next version (the draft's pages offer editing).
    version = demo_template_create(actor=secretariat)
    template_services.version_draft_create(actor=secretariat, template=version.template)
    # The questionnaires of year group 1 open, one answer saved (its history page), one expert proposed.
    opened = answer_services.questionnaires_open_launched(actor=secretariat, cycle=cycle, year_group=first,
                                                          template_version=version)
    with_accounts = next(q for q in opened if q.phase.review.state.code in ("AUT", "KEN", "BRA", "PHL"))
    answer = with_accounts.answers.filter(question__type="yes_no").order_by("question__position").first()
    assert answer is not None
    answer_services.answer_save(actor=User.objects.get(username=f"expert-{with_accounts.phase.review.state.code.lower()}"),
                                answer=answer, expected_version=answer.version,
                                content={"choice": "yes", "text": "Adopted.", "language": "en"})
    proposals.expert_propose(actor=secretariat, state=State.objects.get(code="KEN"), full_name="Proposed expert",
                             expertise="criminal law", languages=["en"])
    # That questionnaire answered in full and submitted, and the dialogue on it (feedback, threads, a meeting).
    focal = User.objects.get(username=f"focal-{with_accounts.phase.review.state.code.lower()}")
    answers_demo._stages_done(secretariat, with_accounts.phase.review, focal_point=5, experts=20)
    answers_demo._answer(with_accounts, [User.objects.get(
        username=f"expert-{with_accounts.phase.review.state.code.lower()}")])
    with_accounts.refresh_from_db()
    answer_services.questionnaire_submit(actor=focal, questionnaire=with_accounts,
                                         expected_version=with_accounts.version)
    assert demo_dialogue(secretariat=secretariat, password="a-long-test-password") is not None
    demo_library_create(secretariat)
    # A phase taken through its outcome: a final list of observations and an agreed summary.
    outcome_phase = next(q.phase for q in opened if q.phase_id != with_accounts.phase_id)
    Phase.objects.filter(pk=outcome_phase.pk).update(stage="dialogue")
    assert demo_outcome_agreed(secretariat=secretariat, password="a-long-test-password",
                               phase=Phase.objects.get(pk=outcome_phase.pk)) is not None
    # One account of each role (the demo has a focal point and an expert for several States: one of each suffices).
    usernames = list({account.role: account.username for account in reversed(accounts)}.values())
    # The expert who answered reads the questionnaire pages (one of the demo States in year group 1).
    usernames.append(f"expert-{with_accounts.phase.review.state.code.lower()}")
    return [None, *User.objects.filter(username__in=usernames)]


def test_every_page_is_listed_here() -> None:
    """A new page must be added to `_pages` (or to NOT_PAGES, saying why): then it is checked too."""
    listed = {"home", "login", "token_list", "state_list", "state_detail", "participation_edit", "expert_list",
              "expert_create", "expert_edit", "nomination_create", "instrument_list", "article_cluster_edit",
              "participation_import", "rules", "rules_version_new", "draw_public_list", "draw_public_detail",
              "draw_printable", "draw_home", "draw_cycle", "draw_session", "draw_projection", "audit_list",
              "review_list", "review_status_public", "review_detail", "review_status_edit", "overdue_list",
              "cycle_work_plan", "year_group_launch",
              "template_list", "template_detail", "template_version", "template_question_edit",
              "reminder_list", "calendar_page", "dashboard", "dashboard_review",
              "account_activate", "two_factor_setup", "security", "password_change", "password_reset",
              "password_reset_done", "password_reset_confirm", "password_reset_complete", "account_list",
              "account_detail", "nomination_list",
              "audit_anchor", "state_reads",
              "questionnaire_page", "answer_history", "questionnaires_open", "expert_propose",
              "budget_home", "budget_scenario_new", "budget_compare", "budget_preset", "budget_scenario",
              "budget_scenario_edit", "budget_burden",
              "knowledge_search", "knowledge_record", "knowledge_record_add", "knowledge_record_edit",
              "knowledge_text_edit", "knowledge_themes", "knowledge_import",
              "dialogue_page", "dialogue_meetings", "dialogue_meeting",
              "observation_list", "observation_list_versions", "summary_page", "summary_versions",
              "review_documents", "word_templates", "publication_list"}
    assert _url_names() - NOT_PAGES - {"api-root", "openapi-json", "openapi-view"} == listed


@pytest.mark.django_db
def test_no_page_shows_an_english_phrase_of_the_interface_in_another_language(demo: list[User | None]) -> None:
    pages = _pages()
    assert set(pages) | NOT_PAGES >= _url_names() - {"api-root", "openapi-json", "openapi-view"}
    rendered: dict[tuple[str, str], str] = {}  # (language, url) -> html, for each role that sees the page
    seen_by: dict[str, int] = {}
    for user in demo:
        client = Client()
        if user is not None:
            client.force_login(user)
        for urls in pages.values():
            for url in urls:
                # Asked once in English first: a page this role may not open is not asked again in five languages.
                if client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code != 200:
                    continue
                for language in LANGUAGES:
                    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
                    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                        continue
                    seen_by[url] = seen_by.get(url, 0) + 1
                    role = user.username if user else "anonymous"
                    rendered[(language, f"{url} as {role}")] = response.content.decode()
    unseen = [url for urls in pages.values() for url in urls if url not in seen_by]
    assert not unseen, f"no demo role could open {unseen}"
    problems: list[str] = []
    typed = user_written()
    for language, catalogue in LANGUAGES.items():
        phrases = english_phrases(catalogue)
        for (page_language, where), html in rendered.items():
            if page_language != language:
                continue
            text = page_text(html, language)
            for written in typed:
                text = text.replace(written, " ")
            text = re.sub(r"https?://\S+", " ", text)  # addresses shown on purpose (the printable's own address)
            words = set(WORD.findall(text))
            found = [
                fragment for fragment, first, pattern in phrases
                if first in words and fragment in text and pattern.search(text)
            ]
            # A phrase inside a longer phrase that is also found is the same mistake: report the longest.
            found = [f for f in found if not any(f != g and f in g for g in found)]
            problems.extend(f"{language} {where}: {fragment!r}" for fragment in found)
            if language == "ar":
                # ADR 0023: the digits of the UN's Arabic documents (0-9), never the Arabic-Indic ones.
                problems.extend(f"ar {where}: {digit!r}" for digit in sorted(set(ARABIC_INDIC.findall(html))))
    summary: dict[str, set[str]] = {}
    for problem in problems:
        head, _, fragment = problem.partition(": ")
        language, where = head.split(" ", 1)
        summary.setdefault(f"{language} {fragment}", set()).add(where.split(" as ")[0])
    report = [f"{key} on {len(wheres)} page(s), e.g. {sorted(wheres)[0]}" for key, wheres in sorted(summary.items())]
    assert not problems, "English on pages in another language:\n" + "\n".join(report[:120])


def test_no_script_of_the_platform_formats_numbers_or_dates_in_the_browser_locale() -> None:
    """The browser would write Arabic-Indic digits on Arabic pages; the pages are formatted once, on the server."""
    root = Path(__file__).resolve().parents[2] / "src" / "treatyreview"
    scripts = [path for path in root.rglob("*.js") if "vendor" not in path.parts]
    assert scripts, "the platform's scripts are found"
    formatter = re.compile(r"toLocale\w*String|Intl\.(NumberFormat|DateTimeFormat)")
    found = [f"{path.relative_to(root)}: {match.group(0)}" for path in scripts
             for match in formatter.finditer(path.read_text(encoding="utf-8"))]
    assert not found, found
