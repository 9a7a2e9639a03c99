"""CSV import (preview, then all or nothing) and export of contacts and organisations."""

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import Result, RowResult

from accounts.errors import NotPossible
from accounts.models import User
from accounts.roles import require_staff
from partnerships.models import Organisation
from partnerships.resources import OrganisationResource, SafeCsvResource

from ..models import AccessAction, Contact, ImportJob, ImportJobStatus
from ..models.contacts import ContactQuerySet
from ..resources import ContactResource
from .contacts import at_risk_access_log

# About 11 ms a row: files of more than settings.IMPORT_JOB_MIN_ROWS rows go to a Celery
# job (ImportJob); this bounds what one job holds in a single transaction.
MAX_IMPORT_ROWS = 2000
# A job checks the file this many rows at a time, committing its progress after each.
JOB_CHUNK_ROWS = 100


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: str | Promise
    resource_class: type[SafeCsvResource]


IMPORT_KINDS: dict[str, ImportKind] = {
    "contacts": ImportKind("contacts", gettext_lazy("Contacts"), ContactResource),
    "organisations": ImportKind(
        "organisations", gettext_lazy("Organisations"), OrganisationResource
    ),
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

    def as_dict(self) -> dict:
        """What an ImportJob keeps of the report (JSON)."""
        return {
            "kind": self.kind.key,
            "file_errors": list(self.file_errors),
            "rows": [asdict(row) for row in self.rows],
            "ignored_columns": list(self.ignored_columns),
            "applied": self.applied,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        return cls(
            kind=IMPORT_KINDS[data["kind"]],
            file_errors=list(data.get("file_errors", [])),
            rows=[RowReport(**row) for row in data.get("rows", [])],
            ignored_columns=list(data.get("ignored_columns", [])),
            applied=bool(data.get("applied")),
        )


def _decode(data: bytes) -> str:
    message = _(
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
        raise ValidationError(
            _("The file cannot be read as CSV (%(error)s).") % {"error": error}
        ) from error
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise ValidationError(_("The file is empty: the first line must name the columns."))
    header = [cell.strip().lower() for cell in lines[0]]
    resource_class = kind.resource_class
    known = resource_class.known_columns()
    missing = [name for name in resource_class.required_columns if name not in header]
    if missing:
        raise ValidationError(
            _(
                "The file has no column %(missing)s. "
                "The first line must name the columns; these are read: %(known)s."
            )
            % {"missing": ", ".join(f"“{name}”" for name in missing), "known": ", ".join(known)}
        )
    duplicated = sorted({name for name in header if header.count(name) > 1 and name})
    if duplicated:
        raise ValidationError(
            _("The column %(columns)s appears twice in the header.")
            % {"columns": ", ".join(duplicated)}
        )
    report.ignored_columns = [name for name in header if name not in known]

    dataset = tablib.Dataset(headers=header)
    early_errors: dict[int, list[str]] = {}
    seen: dict[str, int] = {}
    for line_number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, often at the end of a file
        errors = []
        if len(cells) != len(header):
            errors.append(
                _("it has %(cells)s cells where the header has %(columns)s")
                % {"cells": len(cells), "columns": len(header)}
            )
            cells = (cells + [""] * len(header))[: len(header)]
        key = resource_class.identity(dict(zip(header, cells, strict=False)))
        if key and key in seen:
            errors.append(
                _(
                    "it repeats line %(line)s (the same %(identity)s): "
                    "each record may appear only once in a file"
                )
                % {"line": seen[key], "identity": resource_class.identity_name}
            )
        elif key:
            seen[key] = line_number
        dataset.append(cells)
        if errors:
            early_errors[len(dataset)] = errors
        if len(dataset) > MAX_IMPORT_ROWS:
            raise ValidationError(
                _("The file has more than %(rows)s rows: split it.") % {"rows": MAX_IMPORT_ROWS}
            )
    if not len(dataset):
        raise ValidationError(_("The file has a header but no rows to import."))
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
        messages.append(_("could not be saved (%(error)s)") % {"error": error.error})
    return messages


def _plain(message: str) -> str:
    # Django's model messages are written for forms; make the common ones read as advice.
    replacements = {
        "Enter a valid email address.": _("not a valid e-mail address"),
        "This field cannot be blank.": _("this column may not be empty"),
        "Enter a valid URL.": _("not a valid web address"),
    }
    return replacements.get(message, message)


def _run(
    kind: ImportKind,
    data: bytes,
    user: User,
    *,
    dry_run: bool,
    chunk_rows: int = 0,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check (dry_run) or import the file. A dry run may go `chunk_rows` at a time, each
    chunk in its own rolled-back transaction, calling `on_progress(done, total)` after
    each; an import is always one piece, so that it is whole or nothing."""
    report = ImportReport(kind=kind)
    try:
        dataset, meta = _read(kind, data, report)
    except ValidationError as error:
        report.file_errors = error.messages
        return report
    total = len(dataset)
    step = chunk_rows if (dry_run and chunk_rows) else total
    for start in range(0, total, step):
        part = tablib.Dataset(*dataset[start : start + step], headers=dataset.headers)
        # A resource per chunk: its widgets cache rows a rolled-back chunk no longer has.
        resource = kind.resource_class(user=user)
        with transaction.atomic():
            result = resource.import_data(
                part,
                dry_run=dry_run,
                use_transactions=True,
                rollback_on_validation_errors=True,
            )
            if dry_run:
                transaction.set_rollback(True)  # keywords created while checking must not stay
        report.file_errors += [str(error.error) for error in result.base_errors]
        _report_rows(report, resource, result, dataset, meta, offset=start)
        if on_progress is not None:
            on_progress(min(start + step, total), total)
    return report


def _report_rows(
    report: ImportReport,
    resource: SafeCsvResource,
    result: Result,
    dataset: tablib.Dataset,
    meta: dict,
    *,
    offset: int,
) -> None:
    label_column = "email" if "email" in dataset.headers else dataset.headers[0]
    for index, row_result in enumerate(result.rows, start=offset + 1):
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


@transaction.atomic
def import_preview(*, kind: str, data: bytes, user: User) -> ImportReport:
    """What importing the file would do, row by row; the database is left as it was."""
    require_staff(user, to=_("import contacts or organisations"))
    report = _run(IMPORT_KINDS[kind], data, user, dry_run=True)
    transaction.set_rollback(True)  # keywords created while checking must not stay
    return report


@transaction.atomic
def import_apply(*, kind: str, data: bytes, user: User) -> ImportReport:
    """Import the whole file or, if any row is wrong, nothing at all."""
    require_staff(user, to=_("import contacts or organisations"))
    report = _run(IMPORT_KINDS[kind], data, user, dry_run=False)
    if report.ok:
        report.applied = True
    else:
        transaction.set_rollback(True)
    return report


# --- files too large for a request: an ImportJob and two Celery tasks -------------------


def _line_count(data: bytes) -> int:
    """Rows in the file, roughly (non-blank lines after the header); 0 if unreadable."""
    try:
        text = _decode(data)
    except ValidationError:
        return 0
    return sum(1 for line in text.splitlines()[1:] if line.strip())


def import_needs_job(data: bytes) -> bool:
    """More rows than a request should wait for. (A file that cannot be read stays in
    the request, which explains why at once.)"""
    return _line_count(data) > settings.IMPORT_JOB_MIN_ROWS


@transaction.atomic
def import_job_create(*, kind: str, data: bytes, file_name: str, user: User) -> ImportJob:
    """Keep the file and have a worker check it; the task is sent after the commit."""
    require_staff(user, to="import contacts or organisations")
    if kind not in IMPORT_KINDS:
        raise NotPossible(_("Choose what the file holds: contacts or organisations."))
    job = ImportJob.objects.create(
        kind=kind,
        data=data,
        file_name=file_name[:200],
        created_by=user,
        rows_total=_line_count(data),
    )
    from ..tasks import check_import_job  # tasks import the services

    check_import_job.delay(job.pk)
    return job


def import_job_check(*, job_id: int) -> ImportJob | None:
    """The preview of a job's file. Not one transaction: each chunk is checked in its own
    (rolled back), and the progress committed after it so the job's page can show it.
    A task redelivered after the check finished finds nothing to do."""
    job = ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.CHECKING).first()
    if job is None:
        return None
    running = ImportJob.objects.filter(pk=job.pk, status=ImportJobStatus.CHECKING)

    def progress(done: int, total: int) -> None:
        running.update(rows_done=done, rows_total=total)

    with _failing_job(job.pk):
        report = _run(
            IMPORT_KINDS[job.kind],
            bytes(job.data),
            job.created_by,
            dry_run=True,
            chunk_rows=JOB_CHUNK_ROWS,
            on_progress=progress,
        )
    status = ImportJobStatus.CHECKED if report.ok else ImportJobStatus.REFUSED
    running.update(status=status, report=report.as_dict(), rows_total=len(report.rows))
    job.refresh_from_db()
    if status == ImportJobStatus.REFUSED:
        _forget_file(job)
    return job


@transaction.atomic
def import_job_confirm(*, job: ImportJob, user: User) -> ImportJob:
    """The uploader confirms a checked file: a worker imports it, whole or not at all."""
    require_staff(user, to="import contacts or organisations")
    if job.created_by_id != user.pk:
        raise NotPossible(_("Only the person who uploaded the file can import it."))
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJobStatus.CHECKED).update(
        status=ImportJobStatus.IMPORTING, rows_done=0
    )
    if not claimed:
        raise NotPossible(_("This file is not waiting to be imported."))
    from ..tasks import apply_import_job

    apply_import_job.delay(job.pk)
    job.refresh_from_db()
    return job


def import_job_apply(*, job_id: int) -> ImportJob | None:
    """Import a confirmed job's file in one transaction: every row or, if any row is
    wrong now (the data may have changed since the check), none. The job's row is
    locked throughout, so a task delivered twice imports once."""
    with _failing_job(job_id), transaction.atomic():
        job = (
            ImportJob.objects.select_for_update()
            .filter(pk=job_id, status=ImportJobStatus.IMPORTING)
            .first()
        )
        if job is None:
            return None
        with transaction.atomic():  # a savepoint: the rows go, the job's outcome stays
            report = _run(IMPORT_KINDS[job.kind], bytes(job.data), job.created_by, dry_run=False)
            report.applied = report.ok
            if not report.ok:
                transaction.set_rollback(True)
        job.status = ImportJobStatus.IMPORTED if report.ok else ImportJobStatus.REFUSED
        job.report = report.as_dict()
        job.rows_done = job.rows_total = len(report.rows)
        job.save(update_fields=["status", "report", "rows_done", "rows_total", "updated_at"])
        _forget_file(job)
    return job


@contextmanager
def _failing_job(job_id: int) -> Iterator[None]:
    """An unexpected error marks the job stopped (its page says so) and is raised on."""
    try:
        yield
    except Exception:
        running = [ImportJobStatus.CHECKING, ImportJobStatus.IMPORTING]
        ImportJob.objects.filter(pk=job_id, status__in=running).update(
            status=ImportJobStatus.FAILED, data=b""
        )
        raise


def _forget_file(job: ImportJob) -> None:
    # The file holds personal data: once nothing more will be imported from it, it goes.
    ImportJob.objects.filter(pk=job.pk).update(data=b"")


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
    require_staff(user, to=_("export contacts"))
    contacts = contacts_for_export(user=user, queryset=queryset, include_at_risk=include_at_risk)
    dataset = ContactResource(user=user).export(contacts)
    at_risk_access_log(
        contacts=contacts.filter(is_at_risk=True), user=user, action=AccessAction.EXPORT
    )
    return dataset.csv


def organisations_export_csv(*, queryset: QuerySet[Organisation] | None = None) -> str:
    queryset = Organisation.objects.all() if queryset is None else queryset
    return OrganisationResource().export(queryset).csv
