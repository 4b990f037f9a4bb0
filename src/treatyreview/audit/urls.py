"""Address of the audit trail page."""

from django.urls import path

from treatyreview.audit import views

urlpatterns = [
    path("audit/", views.audit_list, name="audit_list"),
]
