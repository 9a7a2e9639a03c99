from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from .models import User
from .roles import landing_url, roles_of
from .tokens import api_token_create, api_token_revoke


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is the key for?"), max_length=100, help_text=_("e.g. our group's website")
    )


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    return redirect(landing_url(request.user))


def _render_profile(request: HttpRequest, form: ApiTokenForm, new_key: str = "") -> HttpResponse:
    return render(
        request,
        "accounts/profile.html",
        {
            "roles": sorted(roles_of(request.user)),
            "tokens": request.user.api_tokens.all(),
            "token_form": form,
            "new_key": new_key,
        },
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return _render_profile(request, ApiTokenForm())


@require_POST
@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    """The key is shown on this response only: it is stored hashed, never again readable."""
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _render_profile(request, form)
    _token, key = api_token_create(user=request.user, name=form.cleaned_data["name"])
    return _render_profile(request, ApiTokenForm(), new_key=key)


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if api_token_revoke(user=request.user, token_id=pk):
        messages.success(request, _("The API key is revoked: it no longer works."))
    return redirect("accounts:profile")


@login_not_required
@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie, redirect back), and for a signed-in user the
    choice saved on their account."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        User.objects.filter(pk=request.user.pk).update(language=language)
    return response
