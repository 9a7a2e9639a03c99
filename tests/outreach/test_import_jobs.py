"""Files over IMPORT_JOB_MIN_ROWS rows: checked, then imported, by a Celery job with a
progress page; still previewed first and imported whole or not at all."""

import io

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from config.celery import TransactionAwareTask
from outreach.models import Contact, ImportJob, ImportJobStatus
from outreach.services.imports import import_job_apply, import_job_check, import_job_create
from outreach.tasks import apply_import_job, check_import_job
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

HEADER = "first_name,last_name,email,mailing_consent\n"


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.IMPORT_JOB_MIN_ROWS = 5  # the default is 300: the same path, fewer rows


def big_file(rows: int = 8, *, bad_line: int | None = None) -> bytes:
    lines = [
        f"Ana,Lima{n},{'not-an-address' if n + 2 == bad_line else f'ana{n}@example.org'},no\n"
        for n in range(rows)
    ]
    return (HEADER + "".join(lines)).encode()


def upload(client, data: bytes, kind: str = "contacts"):
    file = io.BytesIO(data)
    file.name = "big.csv"
    return client.post(reverse("outreach:import"), {"kind": kind, "file": file})


def test_a_big_file_goes_to_a_job_sent_only_after_the_commit(
    staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(staff_client, big_file())
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach:import_job", args=[job.pk])
    # Tasks run eagerly in tests: had it been sent before the commit, it would have run.
    assert isinstance(check_import_job, TransactionAwareTask)
    assert isinstance(apply_import_job, TransactionAwareTask)
    assert len(callbacks) == 1
    assert (job.status, job.rows_total, job.rows_done) == (ImportJobStatus.CHECKING, 8, 0)
    callbacks[0]()
    job.refresh_from_db()
    assert (job.status, job.rows_done) == (ImportJobStatus.CHECKED, 8)
    assert not Contact.objects.exists()  # the check writes nothing


def test_a_job_rolled_back_with_its_transaction_is_never_sent(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        import_job_create(kind="contacts", data=big_file(), file_name="x.csv", user=staff)
        transaction.set_rollback(True)
    assert callbacks == []
    assert not ImportJob.objects.exists()


def test_the_page_shows_progress_polls_and_reloads_when_done(
    staff_client, staff, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks():  # not run: the worker has not started
        upload(staff_client, big_file())
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(rows_done=4)
    url = reverse("outreach:import_job", args=[job.pk])
    progress_url = reverse("outreach:import_job_progress", args=[job.pk])
    with django_assert_max_num_queries(8):  # session, user, the job; the same once done
        with_progress = staff_client.get(url).content.decode()
    assert "4 of 8 rows checked" in with_progress
    assert 'value="50"' in with_progress
    assert f'data-hx-get="{progress_url}"' in with_progress  # htmx polls
    assert f'href="{url}"' in with_progress  # without JavaScript: reload
    with django_assert_max_num_queries(4):  # polled every two seconds: kept small
        fragment = staff_client.get(progress_url)
    assert "4 of 8 rows checked" in fragment.content.decode()
    assert "HX-Refresh" not in fragment

    import_job_check(job_id=job.pk)
    fragment = staff_client.get(progress_url)
    assert fragment["HX-Refresh"] == "true"
    assert "data-hx-get" not in fragment.content.decode()  # polling stops
    with django_assert_max_num_queries(8):
        page = staff_client.get(url).content.decode()
    assert "8 to create and 0 to update" in page
    assert reverse("outreach:import_job_confirm", args=[job.pk]) in page


def test_the_check_commits_its_progress_chunk_by_chunk(staff, monkeypatch):
    monkeypatch.setattr("outreach.services.imports.JOB_CHUNK_ROWS", 3)
    job = ImportJob.objects.create(
        kind="contacts", data=big_file(), file_name="x.csv", created_by=staff
    )
    seen: list[int] = []

    def watch(execute, sql, params, many, context):
        if sql.startswith('UPDATE "outreach_importjob" SET "rows_done"'):
            seen.append(params[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        import_job_check(job_id=job.pk)
    assert seen == [3, 6, 8]


def test_confirming_imports_the_whole_file_and_forgets_it(
    staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff_client, big_file())
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("outreach:import_job_confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJobStatus.IMPORTED
    assert Contact.objects.count() == 8
    assert bytes(job.data) == b""  # personal data is not kept once imported
    assert "Imported" in staff_client.get(response["Location"]).content.decode()
    # A task delivered twice, or a second confirmation, imports nothing more.
    assert import_job_apply(job_id=job.pk) is None
    staff_client.post(reverse("outreach:import_job_confirm", args=[job.pk]))
    assert Contact.objects.count() == 8


def test_one_bad_row_in_a_big_file_imports_nothing_and_lists_its_error(
    staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff_client, big_file(bad_line=6))
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.REFUSED
    page = staff_client.get(reverse("outreach:import_job", args=[job.pk])).content.decode()
    assert "1 row with errors. Nothing was imported" in page
    assert "<td>6</td>" in page and "not a valid e-mail address" in page
    assert reverse("outreach:import_job_confirm", args=[job.pk]) not in page
    response = staff_client.post(reverse("outreach:import_job_confirm", args=[job.pk]))
    assert response.status_code == 302
    assert not Contact.objects.exists()


def test_a_row_gone_wrong_after_the_check_imports_nothing(
    staff_client, django_capture_on_commit_callbacks
):
    """All or nothing at import time too: the data changed between check and confirm."""
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff_client, big_file())
    job = ImportJob.objects.get()
    ContactFactory(email="ana7@example.org", is_at_risk=True)  # hidden from this user
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("outreach:import_job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJobStatus.REFUSED
    assert Contact.objects.count() == 1
    page = staff_client.get(reverse("outreach:import_job", args=[job.pk])).content.decode()
    assert "Nothing was imported" in page and "<td>9</td>" in page


def test_another_users_job_does_not_exist_for_them(
    staff_client, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff_client, big_file())
    job = ImportJob.objects.get()
    other = Client()
    other.force_login(coordinator)
    for name in ("outreach:import_job", "outreach:import_job_progress"):
        assert other.get(reverse(name, args=[job.pk])).status_code == 404
    assert other.post(reverse("outreach:import_job_confirm", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ImportJobStatus.CHECKED
    assert not Contact.objects.exists()


def test_a_job_that_crashes_says_so_and_keeps_nothing(staff, monkeypatch):
    job = ImportJob.objects.create(
        kind="contacts", data=big_file(), file_name="x.csv", created_by=staff
    )

    def broken(*args, **kwargs):
        raise RuntimeError("worker trouble")

    monkeypatch.setattr("outreach.services.imports._run", broken)
    with pytest.raises(RuntimeError):
        import_job_check(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED
    assert bytes(job.data) == b""


def test_a_big_organisation_file_without_the_email_column_is_imported(
    staff_client, django_capture_on_commit_callbacks
):
    from partnerships.models import Organisation

    data = ("name,kind\n" + "".join(f"Union {n},trade_union\n" for n in range(8))).encode()
    with django_capture_on_commit_callbacks(execute=True):
        upload(staff_client, data, kind="organisations")
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.CHECKED, job.report
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("outreach:import_job_confirm", args=[job.pk]))
    assert Organisation.objects.filter(name__startswith="Union ").count() == 8
