"""URL map: pages under a language-neutral path (the language is chosen by the switcher), the API, the admin."""

from django.contrib import admin
from django.urls import include, path

from treatyreview.accounts.views import language_set
from treatyreview.api import api

urlpatterns = [
    # Django's language switcher, which also keeps a signed-in person's choice for their e-mails.
    path("i18n/setlang/", language_set, name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("treatyreview.web.urls")),
]

handler403 = "treatyreview.web.views.permission_denied"
handler404 = "treatyreview.web.views.page_not_found"
handler500 = "treatyreview.web.views.server_error"
