"""Addresses of the schedule pages."""

from django.urls import path

from treatyreview.reviews.phases import views

urlpatterns = [
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/status/", views.review_status_public, name="review_status_public"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/status/", views.review_status_edit, name="review_status_edit"),
    path("secretariat/reviews/overdue/", views.overdue_list, name="overdue_list"),
    path("secretariat/draws/cycles/<int:pk>/work-plan/", views.cycle_work_plan, name="cycle_work_plan"),
    path(
        "secretariat/draws/cycles/<int:pk>/groups/<int:number>/launch/",
        views.year_group_launch,
        name="year_group_launch",
    ),
]
