"""Addresses of the rules pages."""

from django.urls import path

from treatyreview.reviews.rules import views

urlpatterns = [
    path("rules/", views.rules, name="rules"),
    path("rules/<str:preset>/new/", views.rules_version_new, name="rules_version_new"),
]
