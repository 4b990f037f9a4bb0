"""`treatyreview demo-code`: the current code of the demo authenticator (its key is public, see `treatyreview demo`).

It computes the code from the published demo key only, so it tells nothing that is not public; an account with
a real authenticator has no code here.
"""

from __future__ import annotations

import time
from binascii import unhexlify
from typing import Any

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from treatyreview.accounts.two_factor import DEMO_KEY_HEX


class Command(BaseCommand):
    help = "Print the current code of the demo accounts' authenticator (public demo key)."

    def handle(self, *args: Any, **options: Any) -> None:
        totp = TOTP(unhexlify(DEMO_KEY_HEX))
        left = 30 - int(time.time()) % 30
        self.stdout.write(f"{totp.token():06d}  (valid for {left} more seconds)")
