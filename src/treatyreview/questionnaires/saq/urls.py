"""Addresses of the secretariat's template pages."""

from django.urls import path

from treatyreview.questionnaires.saq import views

urlpatterns = [
    path("secretariat/templates/", views.template_list, name="template_list"),
    path("secretariat/templates/<slug:name>/", views.template_detail, name="template_detail"),
    path("secretariat/templates/<slug:name>/v<int:number>/", views.version_detail, name="template_version"),
    path("secretariat/templates/<slug:name>/v<int:number>/export.xlsx", views.version_export,
         name="template_version_export"),
    path("secretariat/templates/<slug:name>/v<int:number>/questions/<str:code>/", views.question_edit,
         name="template_question_edit"),
]
