"""The pages: each app's own addresses, gathered under the site root."""

from django.urls import include, path

from treatyreview.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("treatyreview.accounts.urls")),
    path("", include("treatyreview.registry.urls")),
    path("", include("treatyreview.reviews.rules.urls")),
    path("", include("treatyreview.reviews.draws.urls")),
    path("", include("treatyreview.questionnaires.answers.urls")),
    path("", include("treatyreview.observations.dialogue.urls")),
    path("", include("treatyreview.questionnaires.saq.urls")),
    path("", include("treatyreview.reviews.reminders.urls")),
    path("", include("treatyreview.budget.urls")),
    path("", include("treatyreview.knowledge.urls")),
    path("", include("treatyreview.observations.lists.urls")),
    path("", include("treatyreview.publishing.urls")),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    path("audit/anchor/", views.audit_anchor, name="audit_anchor"),
    path("states/<str:code>/reads/", views.state_reads, name="state_reads"),
]
