"""Request clean-up that every view relies on, done once before any view runs."""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# Encoded (%00) or raw NUL characters; "%2500" (a literal "%00") is left alone.
_NUL = re.compile(r"%00|\x00", re.IGNORECASE)


class StripNullCharactersMiddleware:
    """PostgreSQL refuses a NUL character in any query, so one reaching a search box or
    an admin filter was a 500. No one types them: they are dropped from the query string
    here, before Django parses request.GET, instead of in every view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if _NUL.search(query):
            request.META["QUERY_STRING"] = _NUL.sub("", query)
        return self.get_response(request)
