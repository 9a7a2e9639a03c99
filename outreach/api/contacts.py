"""Contacts and approaches over the API, from the queryset rules the pages use:
`visible_to(user)` keeps people at risk out (404) without the permission, and every
look at one of them is logged, as on the contact page."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.api.forms import check_types, form_data, form_serializer, validated
from accounts.api.pagination import KeysetPagination
from accounts.api.permissions import IsStaffMember
from accounts.api.refusals import refusing
from accounts.api.schema import write_schemas
from accounts.api.viewsets import ReadWriteViewSet
from outreach.filters import ApproachFilter, ContactFilter
from outreach.forms.contacts import ApproachForm, ContactForm, FollowUpDoneForm
from outreach.models import Approach, Contact, Employment
from outreach.services import approaches as approach_services
from outreach.services import contacts as services

# A contact's organisations, sectors and keywords, as the API shows them: ids (names for
# keywords) in the related model's order. A list page reads them for all its contacts
# at once (`with_related_ids`), as values, not as model instances through managers.
# (the rows linking a contact to the relation, their order (the related model's), the
# value shown)
_RELATED: dict[str, tuple[Any, str, str]] = {
    "organisations": (Employment, "organisation__name", "organisation_id"),
    "sectors": (Contact.sectors.through, "sector__name", "sector_id"),
    "keywords": (Contact.keywords.through, "keyword__name", "keyword__name"),
}


def with_related_ids(contacts: list[Contact]) -> list[Contact]:
    """Give each contact its `api_related` values: one query per relation for the page."""
    related: dict[int, dict[str, list]] = {
        contact.pk: {name: [] for name in _RELATED} for contact in contacts
    }
    for name, (links, order, value) in _RELATED.items():
        rows = (
            links.objects.filter(contact_id__in=related)
            .order_by(order, value)
            .values_list("contact_id", value)
        )
        for contact_id, item in rows:
            related[contact_id][name].append(item)
    for contact in contacts:
        setattr(contact, "api_related", related[contact.pk])  # noqa: B010
    return contacts


class RelatedIds(serializers.ListField):
    """A many-to-many relation read as a list of values (`with_related_ids`), or, for a
    contact on its own, from the database."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance: Contact) -> list:
        known = getattr(instance, "api_related", None)
        if known is None:
            known = getattr(with_related_ids([instance])[0], "api_related")  # noqa: B009
        return known[self.field_name]


class ContactSerializer(CountryFieldMixin, serializers.ModelSerializer):
    organisations = RelatedIds(child=serializers.IntegerField())
    sectors = RelatedIds(child=serializers.IntegerField())
    keywords = RelatedIds(child=serializers.CharField())

    class Meta:
        model = Contact
        fields = [
            "id", "first_name", "last_name", "email", "phone", "organisations",
            "individual_kind", "occupation", "country", "languages", "sectors", "keywords",
            "owner", "mailing_consent", "consent_given_at", "consent_source",
            "consent_withdrawn_at", "status", "is_at_risk", "created_at", "updated_at",
        ]  # fmt: skip


class _SeesEverything:
    """Builds the input schema with every field the form can have (is_at_risk too)."""

    def has_perm(self, perm: str) -> bool:
        return True


ContactInputSerializer = form_serializer(
    ContactForm, "ContactInputSerializer", user=_SeesEverything()
)
_CONTACT_FIELDS = [name for name in ContactForm.Meta.fields if name != "keywords"]


class ContactFilterSet(ContactFilter):
    sort = None  # ?ordering= instead: the keyset pagination orders the list


@extend_schema_view(
    list=extend_schema(summary=_("List contacts (people at risk only with the permission)")),
    retrieve=extend_schema(summary=_("Show one contact (a look at a person at risk is logged)")),
    **write_schemas(
        request=ContactInputSerializer,
        response=ContactSerializer,
        create=_("Add a contact"),
        update=_("Replace a contact's record"),
        partial_update=_("Change a contact's record"),
        description=_(
            "Marking a contact at risk needs the permission to see such contacts; "
            "consent_source records mailing consent with its source."
        ),
    ),
)
class ContactViewSet(ReadWriteViewSet):
    queryset = Contact.objects.all()
    serializer_class = ContactSerializer
    permission_classes = [IsStaffMember]
    pagination_class = KeysetPagination
    filterset_class = ContactFilterSet
    ordering_fields = ["last_name", "updated_at", "id"]
    # The register's order, as on the contact list: the contact_name_id index serves
    # it (by last name and id alone PostgreSQL sorted a whole surname's rows).
    ordering = ["last_name", "first_name", "id"]

    def get_queryset(self):
        # The owner is shown by id (no join); the related ids come with_related_ids.
        return Contact.objects.visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = with_related_ids(self.paginate_queryset(queryset))
        services.at_risk_access_log(contacts=page, user=request.user)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self) -> Contact:
        contact = super().get_object()
        services.at_risk_access_log(contacts=[contact], user=self.request.user)
        return contact

    def create(self, request, *args, **kwargs):
        check_types(ContactInputSerializer, request.data)
        form = validated(ContactForm(data=request.data, user=request.user))
        data = dict(form.cleaned_data)
        source = data.pop("consent_source", "")
        contact = services.contact_create(created_by=request.user, data=data, consent_source=source)
        return Response(ContactSerializer(contact).data, status=201)

    def update(self, request, *args, **kwargs):
        partial = kwargs.get("partial", False)
        contact = self.get_object()
        check_types(ContactInputSerializer, request.data, partial=partial)
        data = form_data(
            request.data, instance=contact if partial else None, fields=_CONTACT_FIELDS
        )
        if partial and "keywords" not in data:
            data["keywords"] = ", ".join(contact.keywords.values_list("name", flat=True))
        form = validated(ContactForm(data=data, instance=contact, user=request.user))
        with transaction.atomic():
            contact = services.contact_update(
                contact=Contact.objects.get(pk=contact.pk),
                updated_by=request.user,
                data=form.cleaned_data,
            )
        return Response(ContactSerializer(contact).data)


class ApproachSerializer(serializers.ModelSerializer):
    checklist_score = serializers.IntegerField(read_only=True)
    follow_up_state = serializers.SerializerMethodField()

    class Meta:
        model = Approach
        exclude = ["created_by"]

    def get_follow_up_state(self, approach: Approach) -> str:
        return approach.follow_up_state()


class ApproachFilterSet(ApproachFilter):
    sort = None  # ?ordering=, as on every API list


ApproachInputSerializer = form_serializer(
    ApproachForm, "ApproachInputSerializer", contacts=Contact.objects.none()
)
FollowUpDoneInput = form_serializer(FollowUpDoneForm, "FollowUpDoneSerializer")
_APPROACH_FIELDS = ApproachForm.Meta.fields


@extend_schema_view(
    list=extend_schema(summary=_("List approaches (the Campaign Manual's checklist, follow-ups)")),
    retrieve=extend_schema(summary=_("Show one approach")),
    **write_schemas(
        request=ApproachInputSerializer,
        response=ApproachSerializer,
        create=_("Record an approach"),
        update=_("Replace an approach's record"),
        partial_update=_("Change an approach's record"),
        description=_("The contact approached is named by contact_email, as on the page."),
    ),
)
class ApproachViewSet(ReadWriteViewSet):
    queryset = Approach.objects.all()
    serializer_class = ApproachSerializer
    permission_classes = [IsStaffMember]
    filterset_class = ApproachFilterSet
    ordering_fields = ["approached_on", "follow_up_on", "id"]
    ordering = ["-approached_on", "-id"]

    def get_queryset(self):
        # An approach names its contact: a person at risk stays hidden with it.
        return Approach.objects.visible_to(self.request.user).select_related(
            "contact", "organisation"
        )

    def _form(self, request, instance: Approach | None, partial: bool) -> ApproachForm:
        check_types(ApproachInputSerializer, request.data, partial=partial)
        data = form_data(
            request.data, instance=instance if partial else None, fields=_APPROACH_FIELDS
        )
        contact = instance.contact if instance is not None else None
        if partial and "contact_email" not in request.data and contact is not None:
            data["contact_email"] = contact.email
        visible = Contact.objects.visible_to(request.user)
        # The page asks who owns an unowned relationship and offers the person recording
        # the approach; the API's answer defaults the same way (`relationship_owner`).
        if instance is None and not data.get("relationship_owner"):
            data["relationship_owner"] = request.user.pk
        return validated(ApproachForm(data=data, instance=instance, contacts=visible))

    def create(self, request, *args, **kwargs):
        form = self._form(request, None, partial=False)
        approach = refusing(
            lambda: approach_services.approach_create(
                created_by=request.user,
                data=form.service_data(),
                relationship_owner=form.chosen_relationship_owner(),
            )
        )
        return Response(ApproachSerializer(approach).data, status=201)

    def update(self, request, *args, **kwargs):
        approach = self.get_object()
        form = self._form(request, approach, partial=kwargs.get("partial", False))
        # The form wrote its values onto the instance; the service decides what they mean.
        original = Approach.objects.get(pk=approach.pk)
        approach = refusing(
            lambda: approach_services.approach_update(approach=original, data=form.service_data())
        )
        return Response(ApproachSerializer(approach).data)

    @extend_schema(
        summary=_("Mark an approach's follow-up as done"),
        request=FollowUpDoneInput,
        responses={200: ApproachSerializer},
        filters=False,
    )
    @action(detail=True, methods=["post"], url_path="follow-up-done")
    def follow_up_done(self, request, pk=None):
        approach = self.get_object()
        check_types(FollowUpDoneInput, request.data)
        notes = validated(FollowUpDoneForm(data=request.data)).cleaned_data["notes"]
        approach = refusing(
            lambda: approach_services.approach_mark_followed_up(
                approach=approach, by=request.user, notes=notes
            )
        )
        return Response(ApproachSerializer(approach).data)
