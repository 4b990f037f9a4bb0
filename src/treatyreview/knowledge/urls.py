"""Addresses of the library pages."""

from django.urls import path

from treatyreview.knowledge import views

urlpatterns = [
    path("library/", views.knowledge_search, name="knowledge_search"),
    path("library/export.csv", views.knowledge_export, name="knowledge_export"),
    path("library/themes/", views.knowledge_themes, name="knowledge_themes"),
    path("library/import/", views.knowledge_import, name="knowledge_import"),
    path("library/records/new/", views.knowledge_record_add, name="knowledge_record_add"),
    path("library/records/<int:pk>/", views.knowledge_record, name="knowledge_record"),
    path("library/records/<int:pk>/edit/", views.knowledge_record_edit, name="knowledge_record_edit"),
    path("library/records/<int:pk>/version/", views.knowledge_text_edit, name="knowledge_text_edit"),
]
