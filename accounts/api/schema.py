"""The schema's defaults: a summary for every operation and its error responses."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers

ErrorSerializer = inline_serializer(
    "Error",
    fields={
        "detail": serializers.CharField(help_text="A sentence for the person."),
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
    "400": OpenApiResponse(ValidationErrorSerializer, description="Invalid input, by field."),
    "401": OpenApiResponse(ErrorSerializer, description="Not authenticated."),
    "403": OpenApiResponse(ErrorSerializer, description="Your role may not do this."),
    "404": OpenApiResponse(ErrorSerializer, description="Not found, or not visible to you."),
    "429": OpenApiResponse(ErrorSerializer, description="Too many requests: see Retry-After."),
}
WRITE_ERRORS = {
    "409": OpenApiResponse(ErrorSerializer, description="Refused by the rules in force now."),
}

_VERBS = {
    "list": "List",
    "retrieve": "Show one",
    "create": "Create",
    "update": "Replace",
    "partial_update": "Change",
    "destroy": "Delete",
}


class PartnerdeskAutoSchema(AutoSchema):
    def get_summary(self) -> str | None:
        summary = super().get_summary()
        if summary:
            return summary
        action = getattr(self.view, "action", None) or self.method.lower()
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        noun = (
            str(model._meta.verbose_name_plural if action == "list" else model._meta.verbose_name)
            if model
            else ""
        )
        verb = _VERBS.get(action, action.replace("_", " ").capitalize())
        return f"{verb} {noun}".strip()

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
    *, request, response, create: str, update: str, partial_update: str, description: str = ""
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
