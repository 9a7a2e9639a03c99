"""Publications, the contacts whose interests match them, and keyword autocomplete."""

from pathlib import Path

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView, View

from accounts.errors import ServiceFormMixin
from accounts.roles import StaffRequiredMixin
from outreach.forms.publications import PublicationForm
from outreach.models import Publication
from outreach.selectors.publications import contacts_for_publication, keyword_suggestions
from outreach.services.publications import publication_save
from partnerships.views.common import search_text

from .mixins import SearchSortMixin, log_at_risk_shown


class PublicationListView(StaffRequiredMixin, SearchSortMixin, ListView):
    model = Publication
    template_name = "outreach/publication_list.html"
    context_object_name = "publications"
    search_fields = ("title", "reference", "keywords__name")
    sort_options = {
        "newest": ("Newest first", ("-published_on", "title", "pk")),
        "oldest": ("Oldest first", ("published_on", "title", "pk")),
        "title": ("Title", ("title", "pk")),
    }

    def filter_queryset(self, queryset):
        return queryset.prefetch_related("keywords")

    def get_queryset(self):
        # Searching across keywords may repeat a publication; distinct keeps one row each.
        return super().get_queryset().distinct()


class PublicationDetailView(StaffRequiredMixin, DetailView):
    model = Publication
    template_name = "outreach/publication_detail.html"
    contacts_shown = 50

    def get_queryset(self):
        return super().get_queryset().prefetch_related("keywords")

    def get_context_data(self, **kwargs):
        contacts = contacts_for_publication(publication=self.object, user=self.request.user)
        shown = list(contacts[: self.contacts_shown])
        log_at_risk_shown(self.request, shown)
        return super().get_context_data(
            matching_contacts=shown,
            matching_count=contacts.count(),
            contacts_shown=self.contacts_shown,
            **kwargs,
        )


# Shown in the browser; anything else is downloaded, never rendered as a page of this site.
INLINE_EXTENSIONS = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}  # fmt: skip


class PublicationFileView(StaffRequiredMixin, View):
    """The uploaded file, to the roles that may read publications (MEDIA_URL is not
    served): PDF and images inline, everything else as an attachment."""

    http_method_names = ["get"]

    def get(self, request, pk: int):
        publication = get_object_or_404(Publication.objects.exclude(file=""), pk=pk)
        name = Path(publication.file.name).name
        content_type = INLINE_EXTENSIONS.get(Path(name).suffix.lower())
        try:
            handle = publication.file.open("rb")
        except FileNotFoundError as error:
            raise Http404(_("The file is missing.")) from error
        response = FileResponse(
            handle,
            as_attachment=content_type is None,
            filename=name,
            content_type=content_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class PublicationFormMixin(StaffRequiredMixin, ServiceFormMixin):
    model = Publication
    form_class = PublicationForm
    template_name = "outreach/publication_form.html"

    def perform(self, form) -> tuple[str, str]:
        self.object = publication_save(
            publication=form.save(commit=False), keyword_names=form.cleaned_data["keywords"]
        )
        return f"Saved “{self.object}”.", self.object.get_absolute_url()


class PublicationCreateView(PublicationFormMixin, CreateView):
    pass


class PublicationUpdateView(PublicationFormMixin, UpdateView):
    pass


class KeywordAutocompleteView(StaffRequiredMixin, View):
    """JSON for keyword fields: {"results": ["name", ...]}."""

    http_method_names = ["get"]

    def get(self, request):
        query = search_text(request, limit=80)
        return JsonResponse({"results": keyword_suggestions(query=query)})
