"""Addresses of the list of observations and summary pages, under their phase."""

from django.urls import path

from treatyreview.observations.lists import summary_views, views

urlpatterns = [
    path("phases/<int:phase_pk>/observations/", views.observation_list, name="observation_list"),
    path("phases/<int:phase_pk>/observations/begin/", views.list_begin, name="observation_list_begin"),
    path("phases/<int:phase_pk>/observations/articles/<int:article_pk>/", views.observation_save,
         name="observation_save"),
    path("phases/<int:phase_pk>/observations/suggestions/", views.suggestion_add, name="suggestion_add"),
    path("phases/<int:phase_pk>/observations/suggestions/similar/", views.similar, name="suggestions_similar"),
    path("phases/<int:phase_pk>/observations/suggestions/<int:pk>/", views.suggestion_edit, name="suggestion_edit"),
    path("phases/<int:phase_pk>/observations/suggestions/<int:pk>/follow-up/", views.follow_up_record,
         name="follow_up_record"),
    path("phases/<int:phase_pk>/observations/needs/", views.need_add, name="need_add"),
    path("phases/<int:phase_pk>/observations/needs/<int:pk>/", views.need_edit, name="need_edit"),
    path("phases/<int:phase_pk>/observations/comments/", views.list_comment, name="observation_list_comment"),
    path("phases/<int:phase_pk>/observations/step/", views.list_step, name="observation_list_step"),
    path("phases/<int:phase_pk>/observations/versions/", views.list_versions, name="observation_list_versions"),
    path("phases/<int:phase_pk>/summary/", summary_views.summary_page, name="summary_page"),
    path("phases/<int:phase_pk>/summary/begin/", summary_views.summary_begin, name="summary_begin"),
    path("phases/<int:phase_pk>/summary/save/", summary_views.summary_save, name="summary_save"),
    path("phases/<int:phase_pk>/summary/comments/", summary_views.summary_comment, name="summary_comment"),
    path("phases/<int:phase_pk>/summary/step/", summary_views.summary_step, name="summary_step"),
    path("phases/<int:phase_pk>/summary/versions/", summary_views.summary_versions, name="summary_versions"),
]
