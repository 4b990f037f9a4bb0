"""Changes to accounts: accounts created from nominations and activated once, deactivation, role grants,
passwords, two-factor authentication, sign-in events, and API tokens for scripts (only a token's SHA-256 is
stored; the token is shown once)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from treatyreview.accounts.models import (
    STATE_ROLES,
    AccountActivation,
    ApiToken,
    Nomination,
    RecoveryCode,
    RecoveryDevice,
    Role,
    RoleGrant,
    User,
)
from treatyreview.accounts.permissions import is_secretariat, is_signed_in
from treatyreview.accounts.two_factor import (
    AUTHENTICATOR,
    RECOVERY,
    RECOVERY_CODES,
    has_second_factor,
    second_factor_required,
)
from treatyreview.audit import services as audit
from treatyreview.audit.actions import AuditAction
from treatyreview.errors import InvalidInput, require

MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for the actor's own scripts; returns the record and the token, which is not kept."""
    require(is_signed_in(actor), _("Sign in to create an API token."))
    name = name.strip()
    if not name:
        raise InvalidInput("name", _("give the token a name that says where it is used"))
    limit = ApiToken._meta.get_field("name").max_length or 100
    if len(name) > limit:
        message = ngettext("is longer than %(count)d character", "is longer than %(count)d characters", limit)
        raise InvalidInput("name", message % {"count": limit})
    if ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        message = ngettext(
            "you already have %(count)d active token; revoke it first",
            "you already have %(count)d active tokens; revoke one first",
            MAX_ACTIVE_TOKENS,
        )
        raise InvalidInput("name", message % {"count": MAX_ACTIVE_TOKENS})
    token = ApiToken.new_token()
    record = ApiToken.objects.create(user=actor, name=name, digest=ApiToken.digest_of(token))
    audit.record(actor=actor, action=AuditAction.TOKEN_CREATE, target=record, after={"name": name})
    return record, token


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens; revoking twice keeps the first date."""
    require(is_signed_in(actor) and token.user_id == actor.pk, _("You can revoke only your own tokens."))
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.revoked_at is None:
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action=AuditAction.TOKEN_REVOKE, target=current, after={"name": current.name})
    return current


# Accounts from nominations -------------------------------------------------------------------------------

PLATFORM_LANGUAGES = {"ar": "ar", "zh": "zh-hans", "zh-hans": "zh-hans", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


def _language_for(nomination: Nomination, language: str | None) -> str:
    """The language of the e-mail: the one chosen, else the State's first working language the platform has."""
    if language:
        if language not in PLATFORM_LANGUAGES:
            raise InvalidInput("language", _("choose one of the six languages of the platform"))
        return PLATFORM_LANGUAGES[language]
    for code in nomination.state.languages or []:
        if code in PLATFORM_LANGUAGES:
            return PLATFORM_LANGUAGES[code]
    return "en"


@transaction.atomic
def account_create_from_nomination(
    *, actor: User, nomination: Nomination, language: str | None = None, site_url: str | None = None
) -> tuple[User, AccountActivation]:
    """Create the account of a nominated person, grant the nominated role from today, e-mail the activation link.

    The user name is the e-mail address of the nomination; the account has no password until the person sets
    one on the activation link, which works once and expires after TREATYREVIEW_ACTIVATION_DAYS days.
    """
    require(is_secretariat(actor), _("Only the secretariat creates accounts."))
    nomination = Nomination.objects.select_for_update().select_related("state").get(pk=nomination.pk)
    if nomination.grants.exists():
        raise InvalidInput("nomination", _("an account was already created from this nomination"))
    email = nomination.email.strip().lower()
    if not email:
        raise InvalidInput("email", _("the nomination gives no e-mail address; record it with one"))
    existing = User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).first()
    if existing is not None:
        raise InvalidInput(
            "email",
            _("an account with the e-mail address %(email)s exists already (%(username)s): grant the role to it "
              "on its page") % {"email": email, "username": existing.get_username()},
        )
    chosen_language = _language_for(nomination, language)
    user = User(username=email, email=email, full_name=nomination.person_name, preferred_language=chosen_language)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    grant = _grant_create(
        actor=actor, user=user, role=nomination.role, state=nomination.state, organization=None,
        valid_from=timezone.localdate(), valid_to=None, nomination=nomination,
    )
    audit.record(
        actor=actor,
        action=AuditAction.ACCOUNT_CREATE,
        target=user,
        after={
            "username": user.username,
            "nomination": nomination.note_verbale_ref,
            "state": nomination.state.code,
            "role": grant.role,
            "language": chosen_language,
        },
    )
    activation = _activation_issue(actor=actor, user=user, nomination=nomination, site_url=site_url)
    return user, activation


@transaction.atomic
def account_create_secretariat(*, username: str, email: str, full_name: str) -> tuple[User, AccountActivation]:
    """The first secretariat account of a new deployment (or one more), from the command line of the server:
    the operator is the actor, recorded as "system". The activation link is e-mailed as for any account."""
    email = email.strip().lower()
    username = username.strip()
    if not username or not email:
        raise InvalidInput("username", _("give a user name and an e-mail address"))
    if User.objects.filter(Q(username__iexact=username) | Q(email__iexact=email)).exists():
        raise InvalidInput("username", _("an account with this user name or e-mail address exists already"))
    user = User(username=username, email=email, full_name=full_name.strip(), preferred_language="en")
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    grant = RoleGrant(user=user, role=Role.SECRETARIAT, valid_from=timezone.localdate())
    grant.full_clean()
    grant.save()
    audit.record(actor=None, action=AuditAction.ACCOUNT_CREATE, target=user,
                 after={"username": user.username, "role": Role.SECRETARIAT, "by": "command line"})
    audit.record(actor=None, action=AuditAction.ROLE_GRANT_CREATE, target=grant, after=_grant_snapshot(grant))
    return user, _activation_issue(actor=None, user=user, nomination=None, site_url=None)


def _activation_issue(
    *, actor: User | None, user: User, nomination: Nomination | None, site_url: str | None
) -> AccountActivation:
    now = timezone.now()
    AccountActivation.objects.filter(user=user, used_at__isnull=True, voided_at__isnull=True).update(voided_at=now)
    token = AccountActivation.new_token()
    activation = AccountActivation.objects.create(
        user=user,
        nomination=nomination,
        digest=AccountActivation.digest_of(token),
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.TREATYREVIEW_ACTIVATION_DAYS),
        sent_to=user.email,
        language=user.preferred_language or "en",
    )
    audit.record(
        actor=actor,
        action=AuditAction.ACCOUNT_ACTIVATION_SEND,
        target=user,
        after={"sent_to": activation.sent_to, "expires_at": activation.expires_at},
    )
    base = (site_url or settings.TREATYREVIEW_SITE_URL).rstrip("/")
    link = base + reverse("account_activate", args=[token])
    transaction.on_commit(lambda: _activation_email_send(activation.pk, link))
    return activation


def _activation_email_send(activation_id: int, link: str) -> None:
    activation = AccountActivation.objects.select_related("user").get(pk=activation_id)
    user = activation.user
    with translation.override(activation.language):
        context = {
            "user": user,
            "link": link,
            "days": settings.TREATYREVIEW_ACTIVATION_DAYS,
            "expires_at": activation.expires_at,
            "second_factor": second_factor_required(user),
        }
        subject = " ".join(render_to_string("accounts/email/activation_subject.txt", context).split())
        body = render_to_string("accounts/email/activation_body.txt", context)
    send_mail(subject, body, None, [activation.sent_to])


@transaction.atomic
def activation_send(*, actor: User, user: User, site_url: str | None = None) -> AccountActivation:
    """E-mail a new activation link to an account that has not been activated; earlier links stop working."""
    require(is_secretariat(actor), _("Only the secretariat sends activation links."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.has_usable_password():
        raise InvalidInput("user", _("this account is active already; its holder can reset the password"))
    if not user.is_active:
        raise InvalidInput("user", _("this account is deactivated; reactivate it first"))
    if not user.email:
        raise InvalidInput("email", _("the account has no e-mail address"))
    return _activation_issue(actor=actor, user=user, nomination=None, site_url=site_url)


def activation_find(token: str) -> AccountActivation | None:
    """The activation a link's token names, whatever its state (the page says why a link no longer works)."""
    if not token or len(token) > 100:
        return None
    return AccountActivation.objects.select_related("user").filter(digest=AccountActivation.digest_of(token)).first()


@transaction.atomic
def account_activate(*, token: str, password: str) -> User:
    """Set the password of a new account from its activation link; the link then stops working."""
    found = activation_find(token)
    if found is None:
        raise InvalidInput("token", _("this activation link is not known; ask the secretariat for a new one"))
    activation = AccountActivation.objects.select_for_update().select_related("user").get(pk=found.pk)
    now = timezone.now()
    if activation.used_at is not None:
        raise InvalidInput("token", _("this activation link was used already; sign in, or reset your password"))
    if activation.voided_at is not None:
        raise InvalidInput("token", _("this activation link was replaced by a newer one; use the latest e-mail"))
    if now >= activation.expires_at:
        raise InvalidInput("token", _("this activation link has expired; ask the secretariat for a new one"))
    user = activation.user
    if not user.is_active:
        raise InvalidInput("token", _("this account is deactivated; ask the secretariat"))
    _validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    activation.used_at = now
    activation.save(update_fields=["used_at"])
    audit.record(actor=user, action=AuditAction.ACCOUNT_ACTIVATE, target=user, after={"username": user.username})
    return user


def _validate_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput("password", " ".join(str(message) for message in error.messages)) from error


# Deactivation and sessions ------------------------------------------------------------------------------


@transaction.atomic
def account_deactivate(*, actor: User, user: User) -> User:
    """Stop an account at once: its sessions end, its API tokens and activation links stop working."""
    require(is_secretariat(actor), _("Only the secretariat deactivates accounts."))
    if user.pk == actor.pk:
        raise InvalidInput("user", _("you cannot deactivate your own account"))
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        return user
    now = timezone.now()
    user.is_active = False
    user.session_generation += 1
    user.save(update_fields=["is_active", "session_generation"])
    AccountActivation.objects.filter(user=user, used_at__isnull=True, voided_at__isnull=True).update(voided_at=now)
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    audit.record(
        actor=actor, action=AuditAction.ACCOUNT_DEACTIVATE, target=user, after={"api_tokens_revoked": revoked}
    )
    return user


@transaction.atomic
def account_reactivate(*, actor: User, user: User) -> User:
    """Let a deactivated account sign in again (with its password; revoked API tokens stay revoked)."""
    require(is_secretariat(actor), _("Only the secretariat reactivates accounts."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        return user
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record(actor=actor, action=AuditAction.ACCOUNT_REACTIVATE, target=user)
    return user


@transaction.atomic
def account_sign_out_everywhere(*, actor: User) -> User:
    """End every session of the actor, on every device, this one included."""
    require(is_signed_in(actor), _("Sign in first."))
    user = User.objects.select_for_update().get(pk=actor.pk)
    user.session_generation += 1
    user.save(update_fields=["session_generation"])
    audit.record(actor=user, action=AuditAction.SIGN_OUT_EVERYWHERE, target=user)
    return user


@transaction.atomic
def preferred_language_set(*, actor: User, language: str) -> User:
    """Record the language a signed-in person chose in the switcher: e-mails to them are written in it too."""
    require(is_signed_in(actor), _("Sign in first."))
    codes = {code for code, _name in settings.LANGUAGES}
    if language not in codes:
        raise InvalidInput("language", _("choose one of the six languages of the platform"))
    user = User.objects.select_for_update().get(pk=actor.pk)
    if user.preferred_language == language:
        return user
    before = user.preferred_language
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    audit.record(actor=user, action=AuditAction.LANGUAGE_CHOOSE, target=user,
                 before={"preferred_language": before}, after={"preferred_language": language})
    return user


@transaction.atomic
def password_set(*, actor: User, password: str, action: AuditAction) -> User:
    """Set the actor's own password (changed while signed in, or reset from an e-mailed link)."""
    require(action in (AuditAction.PASSWORD_CHANGE, AuditAction.PASSWORD_RESET), _("Not a password change."))
    user = User.objects.select_for_update().get(pk=actor.pk)
    _validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor=user, action=action, target=user)
    return user


# Role grants ---------------------------------------------------------------------------------------------


def _grant_create(
    *, actor: User, user: User, role: str, state: Any, organization: Any, valid_from: dt.date,
    valid_to: dt.date | None, nomination: Nomination | None,
) -> RoleGrant:
    if role not in Role.values:
        raise InvalidInput("role", _("choose one of the roles"))
    if role in STATE_ROLES and state is None:
        raise InvalidInput("state", _("a focal point or governmental expert is named for a State; choose it"))
    if role not in STATE_ROLES:
        state = None
    if role == Role.CIVIL_SOCIETY and organization is None:
        raise InvalidInput("organization", _("a civil-society representative speaks for an organization; choose it"))
    if role != Role.CIVIL_SOCIETY:
        organization = None
    if valid_to is not None and valid_to < valid_from:
        raise InvalidInput("valid_to", _("the grant cannot end before it starts"))
    if not dt.date(2000, 1, 1) <= valid_from <= dt.date(2100, 12, 31):
        raise InvalidInput("valid_from", _("give a date between 2000 and 2100"))
    if valid_to is not None and valid_to > dt.date(2100, 12, 31):
        raise InvalidInput("valid_to", _("give a date between 2000 and 2100"))
    if role == Role.FOCAL_POINT and valid_to is None:
        current = RoleGrant.objects.filter(role=Role.FOCAL_POINT, state=state, valid_to__isnull=True).first()
        if current is not None:
            raise InvalidInput(
                "role",
                _("%(state)s has a focal point already (%(person)s); end that role grant first")
                % {"state": state, "person": current.user},
            )
    if RoleGrant.objects.active().filter(user=user, role=role, state=state, organization=organization).exists():
        raise InvalidInput("role", _("this account holds this role already"))
    grant = RoleGrant(
        user=user, role=role, state=state, organization=organization, valid_from=valid_from, valid_to=valid_to,
        nomination=nomination,
    )
    grant.full_clean()
    grant.save()
    audit.record(actor=actor, action=AuditAction.ROLE_GRANT_CREATE, target=grant, after=_grant_snapshot(grant))
    return grant


def _grant_snapshot(grant: RoleGrant) -> dict[str, Any]:
    return {
        "user": grant.user.get_username(),
        "role": grant.role,
        "state": grant.state.code if grant.state else None,
        "organization": grant.organization_id,
        "valid_from": grant.valid_from,
        "valid_to": grant.valid_to,
        "nomination": grant.nomination_id,
    }


@transaction.atomic
def role_grant_create(
    *, actor: User, user: User, role: str, state: Any = None, organization: Any = None,
    valid_from: dt.date | None = None, valid_to: dt.date | None = None,
) -> RoleGrant:
    """Grant a role to an account, from a date (today unless given) and, if known, to a date."""
    require(is_secretariat(actor), _("Only the secretariat grants roles."))
    user = User.objects.select_for_update().get(pk=user.pk)
    return _grant_create(
        actor=actor, user=user, role=role, state=state, organization=organization,
        valid_from=valid_from or timezone.localdate(), valid_to=valid_to, nomination=None,
    )


@transaction.atomic
def role_grant_end(*, actor: User, grant: RoleGrant, valid_to: dt.date | None = None) -> RoleGrant:
    """End a role grant on a date (today unless given); the grant and its dates stay on record."""
    require(is_secretariat(actor), _("Only the secretariat ends role grants."))
    grant = RoleGrant.objects.select_for_update().select_related("user", "state").get(pk=grant.pk)
    end = valid_to or timezone.localdate()
    if grant.valid_to is not None and grant.valid_to <= end:
        raise InvalidInput("valid_to", _("this grant ends on %(date)s already")
                           % {"date": date_format(grant.valid_to, "DATE_FORMAT")})
    if end < grant.valid_from:
        raise InvalidInput("valid_to", _("the grant cannot end before it starts"))
    if grant.user_id == actor.pk and grant.role == Role.SECRETARIAT:
        raise InvalidInput("grant", _("you cannot end your own secretariat role"))
    before = _grant_snapshot(grant)
    grant.valid_to = end
    grant.save(update_fields=["valid_to"])
    audit.record(
        actor=actor, action=AuditAction.ROLE_GRANT_END, target=grant, before=before, after=_grant_snapshot(grant)
    )
    return grant


# Two-factor authentication -------------------------------------------------------------------------------


def authenticator_start(*, actor: User) -> TOTPDevice:
    """The authenticator being set up: a new key, not yet confirmed (kept until a code confirms it)."""
    require(is_signed_in(actor), _("Sign in first."))
    pending = TOTPDevice.objects.filter(user=actor, confirmed=False, name=AUTHENTICATOR).order_by("-id").first()
    if pending is None:
        pending = TOTPDevice.objects.create(user=actor, name=AUTHENTICATOR, confirmed=False)
    return pending


def _recovery_codes_issue(user: User) -> list[str]:
    """New recovery codes, returned to be shown once; only their digests are stored."""
    device, _created = RecoveryDevice.objects.get_or_create(user=user, name=RECOVERY, defaults={"confirmed": True})
    device.token_set.all().delete()  # codes stored as typed, should any remain from before digests
    device.recovery_codes.all().delete()
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create(RecoveryCode(device=device, digest=RecoveryCode.digest_of(code)) for code in codes)
    return codes


@transaction.atomic
def authenticator_confirm(*, actor: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm a new authenticator with a code it shows; returns new recovery codes, shown once."""
    require(is_signed_in(actor) and device.user_id == actor.pk, _("You can set up only your own authenticator."))
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed:
        raise InvalidInput("code", _("this authenticator is set up already"))
    if not device.verify_token(_code_digits(code)):
        raise InvalidInput("code", _("the code does not match; type the six digits the app shows now"))
    TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_issue(actor)
    audit.record(actor=actor, action=AuditAction.SECOND_FACTOR_ENABLE, target=actor)
    return codes


@transaction.atomic
def recovery_codes_renew(*, actor: User) -> list[str]:
    """New recovery codes for a verified session; the old ones stop working."""
    require(is_signed_in(actor) and has_second_factor(actor), _("Set up two-factor authentication first."))
    codes = _recovery_codes_issue(actor)
    audit.record(actor=actor, action=AuditAction.RECOVERY_CODES_RENEW, target=actor)
    return codes


@transaction.atomic
def second_factor_remove(*, actor: User, user: User, reason: str) -> User:
    """Remove the authenticator and recovery codes of someone who lost them, once the secretariat has checked who
    they are: their sessions end, and at their next sign-in they set up a new authenticator (the secretariat and
    focal points must). Another officer does it for an officer: nobody removes their own."""
    require(is_secretariat(actor), _("Only the secretariat removes a lost authenticator."))
    if user.pk == actor.pk:
        raise InvalidInput("user", _("another secretariat officer must remove your own authenticator"))
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput("reason", _("say why, and how the person's identity was checked"))
    if len(reason) > 500:
        raise InvalidInput("reason", _("at most 500 characters"))
    user = User.objects.select_for_update().get(pk=user.pk)
    removed = TOTPDevice.objects.filter(user=user, confirmed=True).count()
    codes = RecoveryCode.objects.filter(device__user=user).count()
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryDevice.objects.filter(user=user).delete()
    if not removed and not codes:
        raise InvalidInput("user", _("this account has no authenticator to remove"))
    user.session_generation += 1
    user.save(update_fields=["session_generation"])
    audit.record(actor=actor, action=AuditAction.SECOND_FACTOR_REMOVE, target=user,
                 after={"authenticators_removed": removed, "recovery_codes_removed": codes}, note=reason)
    return user


def _code_digits(code: str) -> str:
    return "".join(code.split())[:20]


@transaction.atomic
def second_factor_verify(*, actor: User, code: str) -> Device | None:
    """The device that accepts the code (an authenticator code, or a recovery code, each usable once), or None.

    A refused code is audited; django-otp slows down each device after every refusal.
    """
    require(is_signed_in(actor), _("Sign in first."))
    token = _code_digits(code).lower()
    device: Device | None = None
    if token:
        # Six digits are an authenticator's code, anything else a recovery code: each device is asked only about
        # its own kind, so a recovery code does not count as a wrong code against the authenticator's throttle.
        devices: list[Device] = (
            list(TOTPDevice.objects.filter(user=actor, confirmed=True)) if len(token) == 6 and token.isdigit()
            else list(RecoveryDevice.objects.filter(user=actor, confirmed=True))
        )
        for candidate in devices:
            if candidate.verify_token(token):
                device = candidate
                break
    if device is None:
        audit.record(actor=actor, action=AuditAction.SECOND_FACTOR_FAILURE, target=actor)
    elif isinstance(device, RecoveryDevice):
        audit.record(
            actor=actor, action=AuditAction.RECOVERY_CODE_USE, target=actor,
            after={"recovery_codes_left": device.codes_left()},
        )
    return device


# Refused sign-ins (from the signals of Django and django-axes, see signals.py) ---------------------------------


@transaction.atomic
def sign_in_failure_record(*, username: str, ip: str) -> None:
    """A refused sign-in; the user name is as typed (it may name no account)."""
    audit.record(
        actor=None, action=AuditAction.SIGN_IN_FAILURE, target_type="accounts.user",
        target_id=username[:150], after={"username": username[:150]}, note=ip[:100],
    )


@transaction.atomic
def sign_in_lockout_record(*, username: str, ip: str) -> None:
    audit.record(
        actor=None, action=AuditAction.SIGN_IN_LOCKOUT, target_type="accounts.user",
        target_id=username[:150], after={"username": username[:150]}, note=ip[:100],
    )
