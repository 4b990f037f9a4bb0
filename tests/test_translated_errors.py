"""A service's refusal reaches the user in the user's language, on the page and from the service itself."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from treatyreview.accounts.models import User
from treatyreview.errors import InvalidInput
from treatyreview.registry import services as registry_services
from treatyreview.registry.models import Participation

pytestmark = pytest.mark.django_db


def test_a_service_refusal_is_shown_in_the_language_of_the_session_and_of_the_request(
    secretariat: User, client: Client
) -> None:
    client.force_login(secretariat)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    url = "/states/AUT/participation/TIP/"
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    # Austria has a date of consent to be bound, so the service refuses to make it a mere signatory.
    data.update(status="signatory", source="vérification")
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "un État pour lequel une date de consentement à être lié est indiquée est partie" in html
    assert "date of consent" not in html

    participation = Participation.objects.get(state__code="AUT", instrument__code="TIP")
    with translation.override("es"), pytest.raises(InvalidInput) as refused:
        registry_services.participation_update(actor=secretariat, participation=participation, source="  ")
    assert refused.value.where == "source"
    assert refused.value.message == (
        "indique de dónde procede la corrección (p. ej., una notificación del depositario)"
    )
