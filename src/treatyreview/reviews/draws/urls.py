"""Addresses of the draw pages: the secretariat's session and the public records."""

from django.urls import include, path

from treatyreview.reviews.draws import downloads, public, views

urlpatterns = [
    path("draws/", public.draw_public_list, name="draw_public_list"),
    path("draws/verify_draw.py", public.draw_verifier_download, name="draw_verifier_download"),
    path("draws/<int:pk>/", public.draw_public_detail, name="draw_public_detail"),
    path("draws/<int:pk>/input.json", public.draw_input_download, name="draw_input_download"),
    path("draws/<int:pk>/record.json", public.draw_record_download, name="draw_record_download"),
    path("draws/<int:pk>/results.csv", downloads.draw_results_csv, name="draw_results_csv"),
    path("draws/<int:pk>/print/", downloads.draw_printable, name="draw_printable"),
    path("secretariat/draws/", views.draw_home, name="draw_home"),
    path("secretariat/draws/cycles/<int:pk>/", views.draw_cycle, name="draw_cycle"),
    path("secretariat/draws/<int:pk>/", views.draw_session, name="draw_session"),
    path("secretariat/draws/<int:pk>/projection/", views.draw_projection, name="draw_projection"),
    path("secretariat/draws/<int:pk>/<str:step>/", views.draw_step, name="draw_step"),
    # The schedule of the reviews the draws create: work plans, launches, timelines, the public status.
    path("", include("treatyreview.reviews.phases.urls")),
]
