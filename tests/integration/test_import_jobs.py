"""A large CSV file through a real worker and broker: the progress is visible while
the check runs (committed chunk by chunk), then the import is whole."""

import pytest

from accounts.roles import Role
from outreach.models import Contact, ImportJob, ImportJobStatus
from outreach.services.imports import import_job_confirm, import_job_create

from .conftest import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_big_file_is_checked_with_visible_progress_then_imported(
    celery_worker_process, role_user
):
    staff = role_user(Role.SECTION_STAFF)
    rows = "".join(f"Lima{n},ana{n}@example.org\n" for n in range(600))
    job = import_job_create(
        kind="contacts", data=f"last_name,email\n{rows}".encode(), file_name="big.csv", user=staff
    )
    seen: set[int] = set()

    def checked() -> bool:
        job.refresh_from_db()
        if job.status == ImportJobStatus.CHECKING:
            seen.add(job.rows_done)
        return job.status != ImportJobStatus.CHECKING

    assert wait_until(checked, timeout=120, interval=0.05)
    assert job.status == ImportJobStatus.CHECKED, job.report
    assert seen - {0, 600}, f"no progress seen between start and end: {seen}"
    assert not Contact.objects.exists()

    import_job_confirm(job=job, user=staff)
    assert wait_until(
        lambda: ImportJob.objects.get(pk=job.pk).status != ImportJobStatus.IMPORTING,
        timeout=120,
    )
    assert ImportJob.objects.get(pk=job.pk).status == ImportJobStatus.IMPORTED
    assert Contact.objects.count() == 600
