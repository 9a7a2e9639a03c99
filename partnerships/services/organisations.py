"""Merging duplicate organisations in the partner registry."""

from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from accounts.errors import NotPossible
from accounts.models import User
from accounts.roles import require_staff
from partnerships.models import Organisation

# Fields whose value the duplicate may contribute when the kept record has none.
_FILLABLE_FIELDS = [
    "acronym", "country", "region", "website", "email", "phone", "mandate_summary",
    "relationship_owner", "track_record", "trust_notes", "external_id",
]  # fmt: skip

# Yes/no facts: a fact recorded on either record is kept.
_FLAG_FIELDS = [
    "focus_civil_political", "focus_economic_social_cultural", "indigenous_led",
    "culturally_diverse", "disability_advocacy", "lgbtqi",
]  # fmt: skip


@dataclass
class MergeReport:
    kept: Organisation
    duplicate_name: str
    moved: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)
    filled: list[str] = field(default_factory=list)


@transaction.atomic
def organisation_merge(*, keep: Organisation, duplicate: Organisation, by: User) -> MergeReport:
    """Move every record that points at `duplicate` to `keep`, then delete `duplicate`.

    Works over Organisation._meta.related_objects, so relations that other apps
    add later (contacts, approaches, risk assessments...) are moved without this
    module knowing them. A row that would break a uniqueness rule on `keep`
    (the same contact linked twice, a second membership of one coalition) is a
    true duplicate of a row `keep` already has, and is dropped.
    """
    require_staff(by, to=_("merge organisations"))
    if keep.pk == duplicate.pk:
        raise NotPossible(_("An organisation cannot be merged into itself."))
    report = MergeReport(kept=keep, duplicate_name=str(duplicate))
    for relation in Organisation._meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            # A through model of our own is reached by its foreign keys instead.
            if through._meta.auto_created:
                label = f"{relation.related_model._meta.label}.{relation.field.name}"
                _move_rows(
                    through, relation.field.m2m_reverse_field_name(), keep, duplicate, label, report
                )
        else:
            label = f"{relation.related_model._meta.label}.{relation.field.name}"
            _move_rows(relation.related_model, relation.field.name, keep, duplicate, label, report)
    for m2m in Organisation._meta.many_to_many:
        if m2m.remote_field.through._meta.auto_created:
            getattr(keep, m2m.name).add(*getattr(duplicate, m2m.name).all())
    report.filled = _fill_blanks(keep, duplicate)
    duplicate_pk = duplicate.pk
    duplicate.delete()
    keep.save()
    LogEntry.objects.log_create(
        keep,
        action=LogEntry.Action.UPDATE,
        actor=by,
        changes={"merged_from": [f"#{duplicate_pk} {report.duplicate_name}", str(keep)]},
        additional_data={
            "merge": {
                "duplicate_pk": duplicate_pk,
                "duplicate_name": report.duplicate_name,
                "moved": report.moved,
                "dropped": report.dropped,
                "filled": report.filled,
            }
        },
    )
    return report


def _move_rows(
    model: type[models.Model],
    field_name: str,
    keep: Organisation,
    duplicate: Organisation,
    label: str,
    report: MergeReport,
) -> None:
    manager = model._base_manager
    moved = dropped = 0
    for pk in manager.filter(**{field_name: duplicate}).values_list("pk", flat=True):
        try:
            # A savepoint per row, so one clash does not abort the whole merge.
            with transaction.atomic():
                manager.filter(pk=pk).update(**{field_name: keep})
            moved += 1
        except IntegrityError:
            manager.filter(pk=pk).delete()
            dropped += 1
    if moved:
        report.moved[label] = moved
    if dropped:
        report.dropped[label] = dropped


def _fill_blanks(keep: Organisation, duplicate: Organisation) -> list[str]:
    filled = []
    for name in _FILLABLE_FIELDS:
        model_field = Organisation._meta.get_field(name)
        attname = model_field.attname
        if not getattr(keep, attname) and getattr(duplicate, attname):
            setattr(keep, attname, getattr(duplicate, attname))
            filled.append(name)
    for name in _FLAG_FIELDS:
        if getattr(duplicate, name) and not getattr(keep, name):
            setattr(keep, name, True)
            filled.append(name)
    return filled
