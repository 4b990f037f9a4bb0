"""The demo's questionnaire: `untoc-saq`, version 1, published, one set of questions for every article.

Every article of the four instruments gets a yes / yes in part / no question, a citation of legislation to
give when the answer is yes or yes in part, and the challenges met when it is no; the articles of the
criminalization cluster also ask for examples of cases. The sentences are translated into each UN language
and name each article by its heading in that language where a source gives one (else the English heading).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy

from treatyreview.accounts.models import User
from treatyreview.questionnaires.saq import services
from treatyreview.questionnaires.saq.choices import TEMPLATE_LANGUAGES, FollowUpCondition, QuestionType
from treatyreview.questionnaires.saq.models import QuestionnaireTemplate, TemplateVersion
from treatyreview.questionnaires.saq.workbooks import QuestionRow, TemplateWorkbook, workbook_write
from treatyreview.registry.models import Article, Cluster

DEMO_TEMPLATE = "untoc-saq"
TITLE = gettext_lazy("Self-assessment questionnaire on the implementation of the Convention and its Protocols")
SENTENCES = {
    "measures": gettext_lazy("Has your State adopted the measures required by article %(number)s (%(title)s)?"),
    "measures_guidance": gettext_lazy(
        "Answer yes, yes in part or no, and explain your answer: which measures are in place, and which are not."
    ),
    "citation": gettext_lazy(
        "Please cite the legislation that implements article %(number)s (%(title)s): its title, the provisions "
        "concerned and, where possible, a link to its official text."
    ),
    "challenges": gettext_lazy(
        "What challenges has your State encountered in adopting the measures required by article %(number)s "
        "(%(title)s)?"
    ),
    "cases": gettext_lazy(
        "Please give examples of cases in which the offences established in accordance with article %(number)s "
        "(%(title)s) were investigated, prosecuted or adjudicated."
    ),
    "cases_guidance": gettext_lazy("Do not give names or other details that identify the people concerned."),
}


def _page_language(lang: str) -> str:
    return "zh-hans" if lang == "zh" else lang


def _texts(key: str, article: Article) -> dict[str, str]:
    """The sentence `key` in every UN language, naming `article` by its heading in that language."""
    headings = {title.language: title.title for title in article.titles.all()}
    texts = {}
    for lang in TEMPLATE_LANGUAGES:
        with translation.override(_page_language(lang)):
            texts[lang] = str(SENTENCES[key]) % {
                "number": article.number,
                "title": headings.get(lang) or article.title,
            }
    return texts


def _all_languages(text: object) -> dict[str, str]:
    texts = {}
    for lang in TEMPLATE_LANGUAGES:
        with translation.override(_page_language(lang)):
            texts[lang] = str(text)
    return texts


def demo_book() -> TemplateWorkbook:
    """The demo template's workbook: four or three questions for each article of the four instruments."""
    rows: list[QuestionRow] = []
    articles = Article.objects.select_related("instrument").prefetch_related("titles").order_by(
        "instrument__position", "number"
    )
    for article in articles:
        code = f"{article.instrument.code.lower()}-{article.number}"
        where = {"instrument": article.instrument.code, "article": article.number, "paragraph": ""}
        rows.append(QuestionRow(
            code=code, type=QuestionType.YES_NO, parent="", condition="", text=_texts("measures", article),
            guidance=_all_languages(SENTENCES["measures_guidance"]), **where,  # type: ignore[arg-type]
        ))
        rows.append(QuestionRow(
            code=f"{code}-legislation", type=QuestionType.CITATION, parent=code,
            condition=FollowUpCondition.YES_OR_YES_IN_PART, text=_texts("citation", article), guidance={},
            **where,  # type: ignore[arg-type]
        ))
        rows.append(QuestionRow(
            code=f"{code}-challenges", type=QuestionType.TEXT, parent=code, condition=FollowUpCondition.NO,
            text=_texts("challenges", article), guidance={}, **where,  # type: ignore[arg-type]
        ))
        if article.cluster == Cluster.CRIMINALIZATION:
            rows.append(QuestionRow(
                code=f"{code}-cases", type=QuestionType.CASES, parent="", condition="",
                text=_texts("cases", article), guidance=_all_languages(SENTENCES["cases_guidance"]),
                **where,  # type: ignore[arg-type]
            ))
    return TemplateWorkbook(name=DEMO_TEMPLATE, title=_all_languages(TITLE), questions=tuple(rows))


@transaction.atomic
def demo_template_create(*, actor: User | None = None) -> TemplateVersion:
    """The demo template's published version 1, created through the workbook import; idempotent."""
    template = QuestionnaireTemplate.objects.filter(name=DEMO_TEMPLATE).first()
    if template is not None:
        existing = template.versions.order_by("number").first()
        if existing is not None:
            return existing
    version = services.template_import(
        actor=actor, content=workbook_write(demo_book()), filename=f"{DEMO_TEMPLATE}.xlsx"
    )
    return services.version_publish(actor=actor, version=version, expected_revision=version.revision)
