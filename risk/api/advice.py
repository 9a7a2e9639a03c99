"""`POST /api/risk/event-advice/`: the event advisor as JSON, for staff and local groups.

Authentication is DRF's default (session with CSRF; token once the API sets it up).
"""

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.permissions import IsStaffMemberOrLocalGroup
from risk.advisor import InvalidEvent, advise_json


# DRF answers an anonymous caller itself (401/403), instead of the login redirect.
@method_decorator(login_not_required, name="dispatch")
class EventAdviceView(APIView):
    permission_classes = [IsStaffMemberOrLocalGroup]  # risk.services.may_ask_advice's rule
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary=_(
            "Advice for a planned event (the event advisor of the Partnership Guide's rules)"
        ),
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request) -> Response:
        try:
            data = request.data
        except ParseError as error:
            raise ValidationError(
                {
                    "detail": gettext("The body is not valid JSON: %(error)s")
                    % {"error": error.detail}
                }
            ) from error
        try:
            return Response(advise_json(data))
        except InvalidEvent as error:
            raise ValidationError({"field": error.field, "detail": str(error)}) from error
