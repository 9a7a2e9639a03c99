import os

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_answers_the_health_task(celery_worker_process):
    from config.celery import ping

    result = ping.delay()
    assert result.get(timeout=60) == "pong"


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="CI proves the production stack")
def test_ci_runs_on_postgresql_and_redis():
    assert connection.vendor == "postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    # A private database number, so no development worker steals test tasks.
    assert settings.CELERY_BROKER_URL.endswith(f"/{settings.TEST_REDIS_DB}")
