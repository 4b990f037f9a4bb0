"""Addresses of the registry pages."""

from django.urls import path

from treatyreview.registry import views

urlpatterns = [
    path("states/", views.state_list, name="state_list"),
    path("states/<str:code>/", views.state_detail, name="state_detail"),
    path("states/<str:code>/participation/<str:instrument>/", views.participation_edit, name="participation_edit"),
    path("states/<str:code>/experts/", views.expert_list, name="expert_list"),
    path("states/<str:code>/experts/new/", views.expert_create, name="expert_create"),
    path("states/<str:code>/experts/<int:pk>/", views.expert_edit, name="expert_edit"),
    path("states/<str:code>/experts/propose/", views.expert_propose, name="expert_propose"),
    path("states/<str:code>/experts/<int:pk>/decide/", views.expert_decide, name="expert_decide"),
    path("states/<str:code>/nominations/new/", views.nomination_create, name="nomination_create"),
    path("instruments/", views.instrument_list, name="instrument_list"),
    path("instruments/<str:instrument>/articles/<int:number>/cluster/", views.article_cluster_edit,
         name="article_cluster_edit"),
    path("participation/import/", views.participation_import, name="participation_import"),
]
