"""CSV import (upload → preview → confirm) and export, for staff."""

import base64

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import staff_required
from partnerships.models import Organisation

from ..filters import ContactFilter
from ..forms.contacts import ImportUploadForm
from ..models import AT_RISK_PERMISSION, Contact, Sector
from ..resources import ContactResource
from ..services.imports import (
    IMPORT_KINDS,
    contacts_export_csv,
    import_apply,
    import_preview,
    organisations_export_csv,
)

SESSION_KEY = "outreach_import"
TEMPLATE = "outreach/import.html"


def _page(request: HttpRequest, form: ImportUploadForm, report=None, status: int = 200):
    return render(
        request,
        TEMPLATE,
        {
            "form": form,
            "report": report,
            "contact_columns": ContactResource.known_columns(),
            "sectors": Sector.objects.all(),
            "may_see_at_risk": request.user.has_perm(AT_RISK_PERMISSION),
        },
        status=status,
    )


@staff_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """GET: the upload form. POST: check the file and show what importing it would do."""
    if request.method != "POST":
        return _page(request, ImportUploadForm())
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data["file"].read()
    kind = form.cleaned_data["kind"]
    report = import_preview(kind=kind, data=data, user=request.user)
    if report.ok:
        # Kept until confirmed; the file is checked again then, in case data changed.
        request.session[SESSION_KEY] = {
            "kind": kind,
            "name": form.cleaned_data["file"].name,
            "data": base64.b64encode(data).decode("ascii"),
        }
    else:
        request.session.pop(SESSION_KEY, None)
    return _page(request, ImportUploadForm(initial={"kind": kind}), report)


@require_POST
@staff_required
def import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.pop(SESSION_KEY, None)
    if not pending or pending.get("kind") not in IMPORT_KINDS:
        messages.error(request, _("There is no checked file to import: upload it again."))
        return redirect("outreach:import")
    data = base64.b64decode(pending["data"])
    report = import_apply(kind=pending["kind"], data=data, user=request.user)
    if not report.ok:
        messages.error(request, _("Nothing was imported: the file has errors (see below)."))
        return _page(request, ImportUploadForm(initial={"kind": pending["kind"]}), report)
    messages.success(
        request,
        _("Imported %(name)s: %(new)s new and %(updated)s updated %(kind)s.")
        % {
            "name": pending["name"],
            "new": report.count("new"),
            "updated": report.count("update"),
            "kind": str(report.kind.label).lower(),
        },
    )
    return redirect("outreach:contact_list" if pending["kind"] == "contacts" else "outreach:import")


def _csv_response(content: str, stem: str) -> HttpResponse:
    # The byte-order mark makes spreadsheet programs read the file as UTF-8.
    response = HttpResponse("\ufeff" + content, content_type="text/csv; charset=utf-8")
    stamp = f"{timezone.localdate():%Y-%m-%d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.csv"'
    return response


@staff_required
def contacts_export(request: HttpRequest) -> HttpResponse:
    """The contacts of the list's current filters; people at risk only when asked for."""
    visible = Contact.objects.visible_to(request.user)
    filterset = ContactFilter(request.GET or None, queryset=visible)
    content = contacts_export_csv(
        user=request.user,
        queryset=filterset.qs,
        include_at_risk=request.GET.get("include_at_risk") == "1",
    )
    return _csv_response(content, "contacts")


@staff_required
def organisations_export(request: HttpRequest) -> HttpResponse:
    return _csv_response(
        organisations_export_csv(queryset=Organisation.objects.all()), "organisations"
    )
