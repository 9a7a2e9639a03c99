from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .roles import landing_url, roles_of


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    return redirect(landing_url(request.user))


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"roles": sorted(roles_of(request.user))})
