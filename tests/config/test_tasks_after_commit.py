"""Every task waits for the commit before it is sent (config.celery.TransactionAwareTask)."""

import pytest
from celery.app.task import Task
from django.db import transaction

from config.celery import TransactionAwareTask, app

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sent(monkeypatch):
    """What reaches the broker (eager here): recorded instead of sent."""
    calls = []
    monkeypatch.setattr(Task, "apply_async", lambda self, *a, **kw: calls.append(self.name))
    return calls


def test_a_task_enqueued_inside_a_transaction_is_sent_only_after_commit(sent):
    from partnerships.tasks import send_request_update_email

    with transaction.atomic():
        send_request_update_email.delay(1)
        assert sent == []  # a worker could not see the rows yet
    assert sent == [send_request_update_email.name]


def test_a_task_enqueued_in_a_rolled_back_transaction_is_never_sent(sent):
    from outreach.tasks import start_mailing

    with pytest.raises(RuntimeError), transaction.atomic():
        start_mailing.apply_async((1,))
        raise RuntimeError
    assert sent == []


def test_outside_a_transaction_a_task_is_sent_at_once(sent):
    from config.celery import ping

    ping.delay()
    assert sent == ["partnerdesk.ping"]


def test_every_project_task_is_transaction_aware():
    app.loader.import_default_modules()
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    assert {"partnerships.tasks.send_request_update_email", "outreach.start_mailing"} <= set(ours)
    assert all(isinstance(task, TransactionAwareTask) for task in ours.values()), ours


def test_one_enqueue_style_plain_delay_everywhere():
    # TransactionAwareTask makes .delay() wait for the commit; a second spelling
    # (delay_on_commit, on_commit(lambda: task.delay())) would be two rules for one thing.
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for app_dir in ("accounts", "config", "dashboard", "demo", "evaluation", "outreach", "partnerships", "risk")
        for path in (root / app_dir).rglob("*.py")
        if "delay_on_commit(" in path.read_text() and path.name != "celery.py"
    ]  # fmt: skip
    assert offenders == []
