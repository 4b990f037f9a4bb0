"""Two-factor authentication (django-otp): who must use it, the authenticator key as a QR code, recovery codes.

A person signs in with their password, then with a six-digit code from an authenticator app (TOTP) or, once
each, with one of their recovery codes (django-otp's static device). The secretariat and focal points must
set it up before they can use the signed-in pages; everyone else may.
"""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django_otp.plugins.otp_totp.models import TOTPDevice

from treatyreview.accounts.models import RecoveryDevice, User
from treatyreview.accounts.permissions import Visitor, roles_of

AUTHENTICATOR = "authenticator"
RECOVERY = "recovery"
RECOVERY_CODES = 10
# Set in the session at sign-in when the person has set up two-factor authentication: the second step is due.
SESSION_ENROLLED = "treatyreview_second_factor"

# The published key of the demo accounts' authenticator (RFC 6238's test key, "12345678901234567890"):
# `treatyreview demo` gives it to the demo secretariat and focal points; anyone can compute their codes.
DEMO_DEVICE_NAME = "demo authenticator (public key)"
DEMO_KEY_HEX = "3132333435363738393031323334353637383930"


def second_factor_required(user: Visitor) -> bool:
    return bool(roles_of(user) & set(settings.TREATYREVIEW_SECOND_FACTOR_ROLES))


def authenticator_of(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_due(user: Visitor, session: SessionBase) -> bool:
    """Whether this signed-in session must pass the second step before any signed-in page."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_verified", lambda: False)():
        return False
    return bool(session.get(SESSION_ENROLLED)) or second_factor_required(user)


def key_base32(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it when typed in, in groups of four."""
    text = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of the key as an SVG QR code, drawn here (no outside service sees the key)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return str(image.to_string(encoding="unicode"))


def recovery_device_of(user: User) -> RecoveryDevice | None:
    return RecoveryDevice.objects.filter(user=user, name=RECOVERY).first()


def recovery_codes_left(user: User) -> int:
    device = recovery_device_of(user)
    return device.codes_left() if device is not None else 0


def is_demo_device(device: TOTPDevice) -> bool:
    return device.key == DEMO_KEY_HEX


def demo_key_base32() -> str:
    return b32encode(unhexlify(DEMO_KEY_HEX)).decode("ascii")
