from django.urls import path

from treatyreview.budget import views

urlpatterns = [
    path("costs/", views.budget_home, name="budget_home"),
    path("costs/new/", views.budget_scenario_new, name="budget_scenario_new"),
    path("costs/compare/", views.budget_compare, name="budget_compare"),
    path("costs/compare/costs.xlsx", views.budget_compare_xlsx, name="budget_compare_xlsx"),
    path("costs/compare/annex.docx", views.budget_compare_annex, name="budget_compare_annex"),
    path("costs/preset/<slug:name>/", views.budget_preset, name="budget_preset"),
    path("costs/<int:pk>/", views.budget_scenario, name="budget_scenario"),
    path("costs/<int:pk>/edit/", views.budget_scenario_edit, name="budget_scenario_edit"),
    path("costs/<int:pk>/burden/", views.budget_burden, name="budget_burden"),
    path("costs/<int:pk>/costs.xlsx", views.budget_scenario_xlsx, name="budget_scenario_xlsx"),
    path("costs/<int:pk>/annex.docx", views.budget_scenario_annex, name="budget_scenario_annex"),
    path("costs/<int:pk>/scenario.json", views.budget_scenario_file, name="budget_scenario_file"),
]
