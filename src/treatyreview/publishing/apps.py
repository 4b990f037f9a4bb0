from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "treatyreview.publishing"
    label = "publishing"
    verbose_name = _("Publishing")

    def ready(self) -> None:
        # The lists of observations name a State beside a similar suggestion only when that State's documents
        # are public; observations sits below publishing in the layers, so publishing hands it the function.
        from treatyreview.observations.lists import selectors as lists_selectors
        from treatyreview.publishing.selectors import public_state_ids_for

        lists_selectors.public_state_ids = public_state_ids_for
