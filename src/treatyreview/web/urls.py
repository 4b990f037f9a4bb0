from django.urls import path

from treatyreview.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
