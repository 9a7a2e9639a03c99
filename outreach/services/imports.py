"""CSV import (preview, then all or nothing) and export of contacts and organisations."""

import csv
import io
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from import_export.results import RowResult

from accounts.models import User
from accounts.roles import require_staff
from partnerships.models import Organisation
from partnerships.resources import OrganisationResource, SafeCsvResource

from ..models import AccessAction, Contact
from ..models.contacts import ContactQuerySet
from ..resources import ContactResource
from .contacts import at_risk_access_log

# About 3.5 s per 1000 rows on SQLite: a larger file would outlast a web request.
MAX_IMPORT_ROWS = 2000


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: str
    resource_class: type[SafeCsvResource]


IMPORT_KINDS: dict[str, ImportKind] = {
    "contacts": ImportKind("contacts", "Contacts", ContactResource),
    "organisations": ImportKind("organisations", "Organisations", OrganisationResource),
}


@dataclass
class RowReport:
    line: int  # the line in the file, the header being line 1
    action: str  # "new", "update" or "error"
    label: str
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    kind: ImportKind
    file_errors: list[str] = field(default_factory=list)
    rows: list[RowReport] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.error_rows

    @property
    def error_rows(self) -> list[RowReport]:
        return [row for row in self.rows if row.errors]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    @property
    def new_count(self) -> int:
        return self.count("new")

    @property
    def update_count(self) -> int:
        return self.count("update")


def _decode(data: bytes) -> str:
    message = (
        "The file is not UTF-8 text (it may have been saved as Excel or in another "
        "encoding). In your spreadsheet choose “Save as… CSV UTF-8” and upload it again."
    )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(message) from error
    if "\x00" in text:  # UTF-16 or a binary file that happens to decode
        raise ValidationError(message)
    return text


def _read(kind: ImportKind, data: bytes, report: ImportReport) -> tuple[tablib.Dataset, dict]:
    """The file as a dataset, plus problems found before any record is looked at."""
    text = _decode(data)
    try:
        lines = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    except csv.Error as error:
        raise ValidationError(f"The file cannot be read as CSV ({error}).") from error
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise ValidationError("The file is empty: the first line must name the columns.")
    header = [cell.strip().lower() for cell in lines[0]]
    resource_class = kind.resource_class
    known = resource_class.known_columns()
    missing = [name for name in resource_class.required_columns if name not in header]
    if missing:
        raise ValidationError(
            f"The file has no column {', '.join(f'“{name}”' for name in missing)}. "
            f"The first line must name the columns; these are read: {', '.join(known)}."
        )
    duplicated = sorted({name for name in header if header.count(name) > 1 and name})
    if duplicated:
        raise ValidationError(f"The column {', '.join(duplicated)} appears twice in the header.")
    report.ignored_columns = [name for name in header if name not in known]

    dataset = tablib.Dataset(headers=header)
    early_errors: dict[int, list[str]] = {}
    seen: dict[str, int] = {}
    for line_number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, often at the end of a file
        errors = []
        if len(cells) != len(header):
            errors.append(f"it has {len(cells)} cells where the header has {len(header)}")
            cells = (cells + [""] * len(header))[: len(header)]
        key = resource_class.identity(dict(zip(header, cells, strict=False)))
        if key and key in seen:
            errors.append(
                f"it repeats line {seen[key]} (the same {resource_class.identity_name}): "
                "each record may appear only once in a file"
            )
        elif key:
            seen[key] = line_number
        dataset.append(cells)
        if errors:
            early_errors[len(dataset)] = errors
        if len(dataset) > MAX_IMPORT_ROWS:
            raise ValidationError(f"The file has more than {MAX_IMPORT_ROWS} rows: split it.")
    if not len(dataset):
        raise ValidationError("The file has a header but no rows to import.")
    # An optional identity column (an organisation's e-mail) left out of the file is
    # read as empty, rather than stopping the import with a library message.
    for name in resource_class._meta.import_id_fields:
        if name not in header and name not in resource_class.required_columns:
            dataset.append_col([""] * len(dataset), header=name)
    return dataset, {"early_errors": early_errors, "line_of": _line_numbers(lines)}


def _delimiter(text: str) -> str:
    """The separator the header line uses most: spreadsheets in many locales write ";"."""
    header = text.split("\n", 1)[0]
    return max([",", ";", "\t"], key=header.count)


def _line_numbers(lines: list[list[str]]) -> list[int]:
    return [n for n, cells in enumerate(lines[1:], start=2) if any(c.strip() for c in cells)]


def _plain_errors(resource: SafeCsvResource, row_result: RowResult) -> list[str]:
    messages = []
    if row_result.validation_error is not None:
        error = row_result.validation_error
        if hasattr(error, "error_dict"):
            for attribute, errors in error.error_dict.items():
                column = resource.column_label(attribute)
                for message in ValidationError(errors).messages:
                    prefix = "" if attribute == "__all__" else f"{column}: "
                    messages.append(f"{prefix}{_plain(message)}")
        else:
            messages.extend(_plain(message) for message in error.messages)
    for error in row_result.errors:
        messages.append(f"could not be saved ({error.error})")
    return messages


def _plain(message: str) -> str:
    # Django's model messages are written for forms; make the common ones read as advice.
    replacements = {
        "Enter a valid email address.": "not a valid e-mail address",
        "This field cannot be blank.": "this column may not be empty",
        "Enter a valid URL.": "not a valid web address",
    }
    return replacements.get(message, message)


def _run(kind: ImportKind, data: bytes, user: User, *, dry_run: bool) -> ImportReport:
    report = ImportReport(kind=kind)
    try:
        dataset, meta = _read(kind, data, report)
    except ValidationError as error:
        report.file_errors = error.messages
        return report
    resource = kind.resource_class(user=user)
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    report.file_errors = [str(error.error) for error in result.base_errors]
    label_column = "email" if "email" in dataset.headers else dataset.headers[0]
    for index, row_result in enumerate(result.rows, start=1):
        values = dict(zip(dataset.headers, dataset[index - 1], strict=True))
        errors = meta["early_errors"].get(index, []) + _plain_errors(resource, row_result)
        action = {RowResult.IMPORT_TYPE_NEW: "new", RowResult.IMPORT_TYPE_UPDATE: "update"}.get(
            row_result.import_type, "error"
        )
        action = "error" if errors else action
        report.rows.append(
            RowReport(
                line=meta["line_of"][index - 1],
                action=action,
                label=" ".join(
                    filter(
                        None,
                        [values.get("first_name"), values.get("last_name") or values.get("name")],
                    )
                )
                or values.get(label_column, ""),
                errors=errors,
            )
        )
    return report


@transaction.atomic
def import_preview(*, kind: str, data: bytes, user: User) -> ImportReport:
    """What importing the file would do, row by row; the database is left as it was."""
    require_staff(user, to="import contacts or organisations")
    report = _run(IMPORT_KINDS[kind], data, user, dry_run=True)
    transaction.set_rollback(True)  # keywords created while checking must not stay
    return report


@transaction.atomic
def import_apply(*, kind: str, data: bytes, user: User) -> ImportReport:
    """Import the whole file or, if any row is wrong, nothing at all."""
    require_staff(user, to="import contacts or organisations")
    report = _run(IMPORT_KINDS[kind], data, user, dry_run=False)
    if report.ok:
        report.applied = True
    else:
        transaction.set_rollback(True)
    return report


def contacts_for_export(
    *, user: User, queryset: ContactQuerySet | None = None, include_at_risk: bool = False
) -> ContactQuerySet:
    """The contacts an export may contain: people at risk only on purpose, and only
    for a user allowed to see them."""
    queryset = Contact.objects.all() if queryset is None else queryset
    # visible_to's rule; without include_at_risk, as for a user who may not see them.
    return queryset.visible_to(user if include_at_risk else None).prefetch_related(
        "sectors", "keywords"
    )


@transaction.atomic
def contacts_export_csv(
    *, user: User, queryset: ContactQuerySet | None = None, include_at_risk: bool = False
) -> str:
    require_staff(user, to="export contacts")
    contacts = contacts_for_export(user=user, queryset=queryset, include_at_risk=include_at_risk)
    dataset = ContactResource(user=user).export(contacts)
    at_risk_access_log(
        contacts=contacts.filter(is_at_risk=True), user=user, action=AccessAction.EXPORT
    )
    return dataset.csv


def organisations_export_csv(*, queryset: QuerySet[Organisation] | None = None) -> str:
    queryset = Organisation.objects.all() if queryset is None else queryset
    return OrganisationResource().export(queryset).csv
