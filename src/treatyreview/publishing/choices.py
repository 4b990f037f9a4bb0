"""The values a publishing record holds, each with one translated label."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from treatyreview.mechanism.languages import OUTCOME_DOCUMENTS, PUBLIC_KINDS, UN_LANGUAGES


class DocumentKind(models.TextChoices):
    """The outcome documents of a phase; the values are the cost model's kinds of document (mechanism/costs)."""

    LIST_OF_OBSERVATIONS = "list_of_observations", _("list of observations")
    SUMMARY = "summary", _("summary")
    REPORT = "report", _("country report")
    EXECUTIVE_SUMMARY = "executive_summary", _("executive summary")
    RECOMMENDATIONS = "recommendations", _("report of recommendations")


class VersionStatus(models.TextChoices):
    """Stages of the DOCUMENT_VERSION machine (mechanism/workflow.py)."""

    ORIGINAL = "original", _("original")
    TRANSLATION_REQUESTED = "translation_requested", _("translation requested")
    TRANSLATED = "translated", _("translated")
    VERIFIED = "verified", _("verified")


class LanguageDecision(models.TextChoices):
    PROPOSED = "proposed", _("proposed, awaiting the secretariat")
    CONFIRMED = "confirmed", _("confirmed by the secretariat")
    OVERRIDDEN = "overridden", _("set by the secretariat instead of the proposal")


class Format(models.TextChoices):
    DOCX = "docx", _("Word")
    HTML = "html", _("web page")


class Language(models.TextChoices):
    """The six UN languages as documents are written in them (Chinese is `zh`, as in the registry)."""

    AR = "ar", _("Arabic")
    ZH = "zh", _("Chinese")
    EN = "en", _("English")
    FR = "fr", _("French")
    RU = "ru", _("Russian")
    ES = "es", _("Spanish")


assert tuple(Language.values) == UN_LANGUAGES

# The documents each outcome model of the rules produces (seed para. 15), and those that may become public.
KINDS_BY_OUTCOME: dict[str, tuple[str, ...]] = OUTCOME_DOCUMENTS
PUBLIC = PUBLIC_KINDS
# Page language of a document language (Django's code for Chinese is zh-hans).
PAGE_LANGUAGE = {"zh": "zh-hans"}
RIGHT_TO_LEFT = frozenset({"ar"})

STEP_NAMES = {
    "request_translation": _("request a translation"),
    "record_translation": _("record the translation"),
    "verify": _("verify the translation"),
    "regenerate": _("generate again"),
}

REASON_MAX = 1000
NOTE_MAX = 500
# A Word template or a document: at most 5 MB (a report of 80 articles is well under 1 MB).
FILE_MAX_BYTES = 5 * 1024 * 1024
WORDS_MAX = 2_000_000
PAGES_MAX = 10_000
