"""The schema's defaults: a summary for every operation and its error responses."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers

if TYPE_CHECKING:  # a str or a lazily translated one (django-stubs' alias)
    from django.utils.functional import _StrOrPromise as StrOrPromise

ErrorSerializer = inline_serializer(
    "Error",
    fields={
        "detail": serializers.CharField(help_text=_("A sentence for the person.")),
        "code": serializers.CharField(required=False),
    },
)
# Field name → messages; "non_field_errors" or "detail" for the whole input.
ValidationErrorSerializer = inline_serializer(
    "ValidationError",
    fields={
        "non_field_errors": serializers.ListField(child=serializers.CharField(), required=False)
    },
)

ERROR_RESPONSES = {
    "400": OpenApiResponse(ValidationErrorSerializer, description=_("Invalid input, by field.")),
    "401": OpenApiResponse(ErrorSerializer, description=_("Not authenticated.")),
    "403": OpenApiResponse(ErrorSerializer, description=_("Your role may not do this.")),
    "404": OpenApiResponse(ErrorSerializer, description=_("Not found, or not visible to you.")),
    "429": OpenApiResponse(ErrorSerializer, description=_("Too many requests: see Retry-After.")),
}
WRITE_ERRORS = {
    "409": OpenApiResponse(ErrorSerializer, description=_("Refused by the rules in force now.")),
}

# The default summaries, in the schema reader's language (the model's name is lazy too).
_SUMMARIES = {
    "list": _("List %(things)s"),
    "retrieve": _("Show one %(thing)s"),
    "create": _("Create %(thing)s"),
    "update": _("Replace %(thing)s"),
    "partial_update": _("Change %(thing)s"),
    "destroy": _("Delete %(thing)s"),
}


class PartnerdeskAutoSchema(AutoSchema):
    def get_summary(self) -> str | None:
        summary = super().get_summary()
        if summary:
            return summary
        action = getattr(self.view, "action", None) or self.method.lower()
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        if model is None or action not in _SUMMARIES:
            noun = model._meta.verbose_name if model else ""
            return f"{action.replace('_', ' ').capitalize()} {noun}".strip()
        names = {"thing": model._meta.verbose_name, "things": model._meta.verbose_name_plural}
        return str(_SUMMARIES[action] % names)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        extra = dict(ERROR_RESPONSES)
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            extra.update(WRITE_ERRORS)
        for code, response in extra.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses


def write_schemas(
    *,
    request,
    response,
    create: "StrOrPromise",
    update: "StrOrPromise",
    partial_update: "StrOrPromise",
    description: "StrOrPromise" = "",
) -> dict:
    """The schema of a viewset's create / update / partial_update, whose input is a
    page's form (accounts.api.forms) and whose answer is the object as read."""
    return {
        "create": extend_schema(
            summary=create, description=description, request=request, responses={201: response}
        ),
        "update": extend_schema(summary=update, request=request, responses={200: response}),
        "partial_update": extend_schema(
            summary=partial_update, request=request, responses={200: response}
        ),
    }


# OpenAPI links: what a client (and schemathesis's stateful phase) may do next with the
# object an answer returns, by its id. (source operation, its status) -> next operations.
LINKS: dict[tuple[str, str], tuple[str, ...]] = {
    ("requests_create", "201"): (
        "requests_retrieve", "requests_partial_update", "requests_submit_create",
        "requests_withdraw_create",
    ),
    ("requests_submit_create", "200"): (
        "requests_retrieve", "requests_withdraw_create", "requests_start_review_create",
    ),
    ("requests_start_review_create", "200"): (
        "requests_checklist_create", "requests_ask_information_create",
        "requests_approve_create", "requests_decline_create", "requests_escalate_create",
    ),
    ("requests_ask_information_create", "200"): ("requests_answer_create",),
    ("requests_checklist_create", "200"): ("requests_approve_create",),
    ("organisations_create", "201"): ("organisations_retrieve", "organisations_partial_update"),
    ("contacts_create", "201"): ("contacts_retrieve", "contacts_partial_update"),
    ("approaches_create", "201"): (
        "approaches_retrieve", "approaches_partial_update", "approaches_follow_up_done_create",
    ),
    ("coalitions_create", "201"): (
        "coalitions_retrieve", "coalitions_partial_update", "coalitions_meetings_create",
        "coalitions_statements_create",
    ),
    ("coalitions_meetings_create", "201"): ("meetings_retrieve", "meetings_partial_update"),
    ("coalitions_statements_create", "201"): (
        "statements_retrieve", "statements_agree_create", "statements_section_agreement_create",
        "statements_issue_create",
    ),
    ("urgent_actions_create", "201"): (
        "urgent_actions_retrieve", "urgent_actions_partial_update",
        "urgent_actions_approve_create", "urgent_actions_cancel_create",
    ),
    ("urgent_actions_approve_create", "200"): (
        "urgent_actions_send_create", "urgent_actions_cancel_create",
    ),
    ("risk_assessments_create", "201"): (
        "risk_assessments_retrieve", "risk_assessments_partial_update",
    ),
    ("activities_create", "201"): (
        "activities_retrieve", "activities_partial_update", "activities_evaluate_create",
    ),
}  # fmt: skip


def _link_name(operation_id: str) -> str:
    return "".join(part.capitalize() for part in operation_id.split("_"))


def add_links(result: dict, generator, request, public: bool) -> dict:
    """drf-spectacular postprocessing hook: the links above, on each source's response."""
    operations = {
        operation["operationId"]: operation
        for path in result.get("paths", {}).values()
        for operation in path.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    for (source, status), targets in LINKS.items():
        response = operations.get(source, {}).get("responses", {}).get(status)
        if response is None:
            continue
        response["links"] = {
            _link_name(target): {
                "operationId": target,
                "parameters": {"id": "$response.body#/id"},
                "description": _("The object returned, to %(operation)s.")
                % {"operation": target.replace("_", " ")},
            }
            for target in targets
            if target in operations
        }
    return result
