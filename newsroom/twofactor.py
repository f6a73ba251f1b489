"""Two-factor login for the admin (django-otp, TOTP): the login form's code field, the
page where staff enrol an authenticator app, and ADMIN_REQUIRE_2FA for editors and
administrators."""

import base64
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.permissions import is_editor

SETUP_URL_NAME = "two_factor_setup"


def must_use_two_factor(user):
    """Editors and administrators, when ADMIN_REQUIRE_2FA is on; anyone who enrolled."""
    if not (user.is_authenticated and user.is_staff):
        return False
    if settings.ADMIN_REQUIRE_2FA and (user.is_superuser or is_editor(user)):
        return True
    return confirmed_device(user) is not None


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


class LoginForm(AdminAuthenticationForm):
    """The admin's login with a six-digit code for accounts that have an authenticator."""

    otp_token = forms.CharField(
        label=gettext_lazy("Authenticator code"),
        required=False,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
        help_text=gettext_lazy("The six digits your authenticator app shows, if you set one up."),
    )

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        device = confirmed_device(user)
        if device is None:
            return
        token = (self.cleaned_data.get("otp_token") or "").replace(" ", "")
        if not (token and token.isdigit() and device.verify_is_allowed()[0]):
            verified = False
        else:
            verified = device.verify_token(token)
        if not verified:
            # A wrong code counts as a failed login: django-axes locks out guessing.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise ValidationError(
                _("The authenticator code is wrong or has expired. Type the current one."),
                code="otp",
            )
        user.otp_device = device  # django_otp marks the session verified at login


class RequireTwoFactorMiddleware:
    """Sends staff who must use two-factor login and have not to the enrolment page, and
    those whose session was not verified with a code back to the login page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self.redirect_for(request)
        return redirect or self.get_response(request)

    def redirect_for(self, request):
        admin = "/" + settings.ADMIN_URL
        path = request.path_info
        if not path.startswith(admin) or path in self.open_paths():
            return None
        user = request.user
        if not must_use_two_factor(user) or user.is_verified():
            return None
        if confirmed_device(user) is None:
            return HttpResponseRedirect(reverse(f"admin:{SETUP_URL_NAME}"))
        # Enrolled since this session began (in another browser): log in again with a code.
        logout(request)
        return HttpResponseRedirect(f"{reverse('admin:login')}?{urlencode({'next': path})}")

    @staticmethod
    def open_paths():
        return {
            reverse("admin:login"),
            reverse("admin:logout"),
            reverse("admin:jsi18n"),
            reverse(f"admin:{SETUP_URL_NAME}"),
        }


class SetupForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from the app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def setup_view(admin_site, request):
    """Enrol an authenticator app: a QR code and the same key as text (nothing leaves
    this server), confirmed by a first code."""
    device = confirmed_device(request.user)
    pending = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-pk").first()
    if device is None and pending is None:
        pending = TOTPDevice.objects.create(
            user=request.user, name=_("Authenticator app"), confirmed=False
        )
    form = SetupForm(request.POST or None)
    if device is None and request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].replace(" ", "")
        if token.isdigit() and pending.verify_token(token):
            pending.confirmed = True
            pending.save(update_fields=["confirmed"])
            otp_login(request, pending)
            messages.success(request, _("Two-factor login is on for your account."))
            return HttpResponseRedirect(reverse("admin:index"))
        form.add_error("token", _("The code does not match. Type the one the app shows now."))
    context = {
        **admin_site.each_context(request),
        "title": _("Two-factor login"),
        "enrolled": device is not None,
        "required": must_use_two_factor(request.user) and device is None,
        "form": form,
    }
    if device is None:
        secret = base64.b32encode(pending.bin_key).decode()
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        # segno writes plain SVG paths: no script, no external reference.
        context["qr_svg"] = mark_safe(  # noqa: S308
            segno.make(pending.config_url, error="m").svg_inline(scale=5, dark="#111")
        )
    return TemplateResponse(request, "admin/newsroom/two_factor_setup.html", context)
