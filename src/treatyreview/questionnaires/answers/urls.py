"""Addresses of a questionnaire's pages."""

from django.urls import path

from treatyreview.questionnaires.answers import views

urlpatterns = [
    path("phases/<int:phase_pk>/questionnaire/", views.phase_questionnaire, name="phase_questionnaire"),
    path("secretariat/questionnaires/", views.questionnaires_open, name="questionnaires_open"),
    path("questionnaires/<int:pk>/", views.questionnaire_page, name="questionnaire_page"),
    path("questionnaires/<int:pk>/submit/", views.questionnaire_submit, name="questionnaire_submit"),
    path("questionnaires/<int:pk>/reopen/", views.questionnaire_reopen, name="questionnaire_reopen"),
    path("questionnaires/<int:pk>/questionnaire.docx", views.questionnaire_docx, name="questionnaire_docx"),
    path("questionnaires/<int:pk>/questionnaire.xlsx", views.questionnaire_xlsx, name="questionnaire_xlsx"),
    path("questionnaires/<int:pk>/answers/<str:code>/", views.answer_save, name="answer_save"),
    path("questionnaires/<int:pk>/answers/<str:code>/confirm/", views.answer_confirm, name="answer_confirm"),
    path("questionnaires/<int:pk>/answers/<str:code>/history/", views.answer_history, name="answer_history"),
]
