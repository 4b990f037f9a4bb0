"""Users and their role grants; a role is held for a State or an organization, from a date to a date."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, blank=True)
    # Part of every session's signature: raising it ends all of the user's sessions at once ("sign out everywhere").
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    # The role grants in force, cached on the object for one request by `permissions.active_grants`.
    _active_grants: list[RoleGrant]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.get_username()

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django signs each session with a hash of the password; the generation is added so that the
        # sessions also end when it is raised, without changing the password.
        key_salt = "treatyreview.accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat officer")
    FOCAL_POINT = "focal_point", _("Focal point")
    EXPERT = "expert", _("Governmental expert")
    OBSERVER = "observer", _("Observer")
    DELEGATE = "delegate", _("Conference or working-group delegate")
    CIVIL_SOCIETY = "civil_society", _("Civil-society representative")


STATE_ROLES = {Role.FOCAL_POINT, Role.EXPERT}


class RoleGrantQuerySet(models.QuerySet["RoleGrant"]):
    def active(self) -> RoleGrantQuerySet:
        today = timezone.localdate()
        return self.filter(Q(valid_from__lte=today), Q(valid_to__isnull=True) | Q(valid_to__gte=today))


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    state = models.ForeignKey(
        "registry.State", on_delete=models.PROTECT, null=True, blank=True, related_name="role_grants"
    )
    organization = models.ForeignKey(
        "stakeholders.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="role_grants"
    )
    valid_from = models.DateField(_("from"), default=timezone.localdate)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    nomination = models.ForeignKey(
        "accounts.Nomination", on_delete=models.PROTECT, null=True, blank=True, related_name="grants"
    )

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            # At most one focal point per State at a time: an open-ended grant is the current one.
            models.UniqueConstraint(
                fields=["state"],
                condition=Q(role="focal_point", valid_to__isnull=True),
                name="one_open_focal_point_per_state",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["focal_point", "expert"]) | Q(state__isnull=False),
                name="state_role_names_state",
            ),
            models.CheckConstraint(
                condition=~Q(role="civil_society") | Q(organization__isnull=False),
                name="civil_society_role_names_organization",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="grant_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        scope = self.state or self.organization
        label = self.get_role_display()
        return f"{label} ({scope})" if scope else str(label)


class Nomination(models.Model):
    """A nomination received from a State, by note verbale, of a focal point or a governmental expert."""

    state = models.ForeignKey("registry.State", on_delete=models.PROTECT, related_name="nominations")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    note_verbale_ref = models.CharField(_("note verbale reference"), max_length=100)
    note_verbale_date = models.DateField(_("note verbale date"))
    person_name = models.CharField(_("person"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-note_verbale_date", "id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self) -> str:
        return f"{self.note_verbale_ref} ({self.note_verbale_date}): {self.person_name}"


class ApiToken(models.Model):
    """A token for scripts; only its SHA-256 is stored, the token itself is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return "tr_" + secrets.token_urlsafe(32)


class AccountActivation(models.Model):
    """An activation link e-mailed to a new account: works once, until it expires. Only its SHA-256 is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="activations")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # Set when a newer link replaces this one, or the account is deactivated.
    voided_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.EmailField()
    language = models.CharField(max_length=10)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("activation link")
        verbose_name_plural = _("activation links")

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    def usable(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.voided_at is None and now < self.expires_at


class RateLimitCounter(models.Model):
    """Requests counted per client and fixed window, in the database so that every process counts alike."""

    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="one_counter_per_window")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M:%S}: {self.count}"


class RecoveryCode(models.Model):
    """One recovery code of a person's recovery device, kept only as its SHA-256: a copy of the database gives no
    code that signs anyone in. The code itself is shown once, when issued."""

    device = models.ForeignKey("otp_static.StaticDevice", on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        constraints = [models.UniqueConstraint(fields=["device", "digest"], name="one_digest_per_recovery_code")]

    def __str__(self) -> str:
        return f"{self.device_id} · {self.digest[:8]}"

    @staticmethod
    def digest_of(code: str) -> str:
        """The digest of a code as typed: spaces dropped, letters in lower case (codes are issued in lower case)."""
        return hashlib.sha256("".join(code.split()).lower().encode()).hexdigest()


class RecoveryDevice(StaticDevice):
    """django-otp's static device, checking a code against the stored digests (`RecoveryCode`) instead of codes
    stored as typed. Each code works once; refusals slow the device down as django-otp's throttle does."""

    class Meta:
        proxy = True
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def verify_token(self, token: object) -> bool:
        allowed, _details = self.verify_is_allowed()
        if not allowed or not isinstance(token, str):
            return False
        match = self.recovery_codes.filter(digest=RecoveryCode.digest_of(token)).first()
        if match is None:
            self.throttle_increment()
            return False
        match.delete()
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True

    def codes_left(self) -> int:
        return self.recovery_codes.count()
