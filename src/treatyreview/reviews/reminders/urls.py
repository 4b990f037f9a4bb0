"""Addresses of a person's reminders and calendar, and the secretariat's dashboard of reviews."""

from django.urls import path

from treatyreview.reviews.calendars import views as calendar_views
from treatyreview.reviews.dashboard import views as dashboard_views
from treatyreview.reviews.reminders import views

urlpatterns = [
    path("reminders/", views.reminder_list, name="reminder_list"),
    path("reminders/read/", views.reminder_read, name="reminder_read"),
    path("calendar/", calendar_views.calendar_page, name="calendar_page"),
    path("calendar/<str:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
    path("secretariat/reviews/", dashboard_views.dashboard, name="dashboard"),
    path("secretariat/reviews/<int:pk>/", dashboard_views.review_timeline_page, name="dashboard_review"),
]
