"""The pages: each app's own addresses, gathered under the site root."""

from django.urls import include, path

from treatyreview.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("treatyreview.accounts.urls")),
    path("", include("treatyreview.registry.urls")),
    path("", include("treatyreview.reviews.rules.urls")),
    path("", include("treatyreview.reviews.draws.urls")),
    path("", include("treatyreview.knowledge.urls")),
    path("audit/", views.audit_list, name="audit_list"),
]
