"""The baseline: the simplest Django view of the registry's table, for the ratio."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from partnerships.models import Organisation


@login_not_required  # else LoginRequiredMiddleware answers with a redirect to the login page
def baseline(request):
    # One ordered slice, a minimal template, no count, no login.
    organisations = Organisation.objects.order_by("name", "id")[:50]
    return render(request, "bench/baseline.html", {"organisations": organisations})
