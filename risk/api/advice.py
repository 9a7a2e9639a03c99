"""`POST /api/risk/event-advice/`: the event advisor as JSON, for staff and local groups.

Authentication is DRF's default (session with CSRF; token once the API sets it up).
"""

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from risk.advisor import InvalidEvent, advise_json
from risk.services import may_ask_advice


class StaffOrLocalGroup(BasePermission):
    message = "Only Section staff, coordinators and local groups may ask the event advisor."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated) and may_ask_advice(user)


# DRF answers an anonymous caller itself (401/403), instead of the login redirect.
@method_decorator(login_not_required, name="dispatch")
class EventAdviceView(APIView):
    permission_classes = [StaffOrLocalGroup]
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary="Advice for a planned event (the event advisor of seed 002's rules)",
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request) -> Response:
        try:
            data = request.data
        except ParseError as error:
            raise ValidationError(
                {"detail": f"The body is not valid JSON: {error.detail}"}
            ) from error
        try:
            return Response(advise_json(data))
        except InvalidEvent as error:
            raise ValidationError({"field": error.field, "detail": str(error)}) from error
