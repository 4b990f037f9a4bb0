"""Django's JSON serialisation, with times to the microsecond (Django's own encoder keeps milliseconds).

`backup` writes with it: an audit event's hash covers its time to the microsecond, so a restored log must
carry exactly the time that was hashed. Django's standard JSON deserialiser reads it back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]


class Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]
        self.json_kwargs["cls"] = Encoder
