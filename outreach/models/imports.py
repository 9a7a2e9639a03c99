"""A CSV import too large for one web request, checked and then imported by a worker."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJobStatus(models.TextChoices):
    CHECKING = "checking", _("Checking the file")
    CHECKED = "checked", _("Checked")
    IMPORTING = "importing", _("Importing")
    IMPORTED = "imported", _("Imported")
    REFUSED = "refused", _("Not imported: the file has errors")
    FAILED = "failed", _("Stopped by an error")


class ImportJob(models.Model):
    """One uploaded file: the worker fills in the row-by-row report and the progress.

    The file is kept in the database rather than in media storage, so a worker on
    another machine reads exactly what was checked; it is cleared once imported."""

    kind = models.CharField(
        max_length=20, verbose_name=_("kind")
    )  # a key of services.imports.IMPORT_KINDS
    file_name = models.CharField(max_length=200, verbose_name=_("file name"))
    data = models.BinaryField(verbose_name=_("data"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    status = models.CharField(
        max_length=10,
        choices=ImportJobStatus.choices,
        default=ImportJobStatus.CHECKING,
        verbose_name=_("status"),
    )
    rows_total = models.PositiveIntegerField(default=0, verbose_name=_("rows total"))
    rows_done = models.PositiveIntegerField(default=0, verbose_name=_("rows done"))
    # The preview, then the outcome: services.imports.ImportReport.as_dict().
    report = models.JSONField(default=dict, blank=True, verbose_name=_("report"))

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportJobStatus.CHECKING, ImportJobStatus.IMPORTING)

    @property
    def percent_done(self) -> int:
        if self.status == ImportJobStatus.IMPORTING or not self.rows_total:
            return 0
        return min(100, 100 * self.rows_done // self.rows_total)
