"""Addresses of the outcome documents' pages and of the public pages of published documents."""

from django.urls import path

from treatyreview.publishing import views

urlpatterns = [
    path("reviews/<int:pk>/documents/", views.review_documents, name="review_documents"),
    path("reviews/<int:pk>/working-language/propose/", views.working_language_propose,
         name="working_language_propose"),
    path("reviews/<int:pk>/working-language/", views.working_language_decide, name="working_language_decide"),
    path("phases/<int:phase_pk>/documents/<str:kind>/generate/", views.document_generate, name="document_generate"),
    path("documents/<int:pk>/translations/", views.translation_request, name="translation_request"),
    path("documents/<int:pk>/consent/", views.consent_give, name="consent_give"),
    path("documents/<int:pk>/publish/", views.document_publish, name="document_publish"),
    path("documents/consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("documents/versions/<int:pk>/", views.version_page, name="document_version"),
    path("documents/versions/<int:pk>/document.docx", views.version_docx, name="document_version_docx"),
    path("documents/versions/<int:pk>/translation/", views.translation_record, name="translation_record"),
    path("documents/versions/<int:pk>/verify/", views.translation_verify, name="translation_verify"),
    path("secretariat/word-templates/", views.template_list, name="word_templates"),
    path("secretariat/word-templates/<str:kind>/<str:language>.docx", views.template_download,
         name="word_template_download"),
    path("publications/", views.publication_list, name="publication_list"),
    path("publications/<int:pk>/", views.publication_page, name="publication_page"),
    path("publications/<int:pk>/<str:language>.docx", views.publication_docx, name="publication_docx"),
    path("publications/<int:pk>/<str:language>/", views.publication_html, name="publication_html"),
]
