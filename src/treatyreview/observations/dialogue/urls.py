"""Addresses of a phase's desk review and dialogue."""

from django.urls import path

from treatyreview.observations.dialogue import views

urlpatterns = [
    path("phases/<int:phase_pk>/dialogue/", views.dialogue_page, name="dialogue_page"),
    path("phases/<int:phase_pk>/dialogue/feedback/", views.feedback_create, name="feedback_create"),
    path("phases/<int:phase_pk>/dialogue/feedback/send/", views.feedback_send, name="feedback_send"),
    path("phases/<int:phase_pk>/dialogue/feedback/<int:pk>/", views.feedback_save, name="feedback_save"),
    path("phases/<int:phase_pk>/dialogue/feedback/<int:pk>/<str:step>/", views.feedback_step, name="feedback_step"),
    path("phases/<int:phase_pk>/dialogue/threads/<int:pk>/messages/", views.message_post, name="message_post"),
    path("phases/<int:phase_pk>/dialogue/threads/<int:pk>/<str:step>/", views.thread_step, name="thread_step"),
    path("phases/<int:phase_pk>/dialogue/meetings/", views.meetings_page, name="dialogue_meetings"),
    path("phases/<int:phase_pk>/dialogue/meetings/<int:pk>/", views.meeting_edit, name="dialogue_meeting"),
]
