import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    # The dashboard caches counts and charts; each test starts from nothing.
    cache.clear()
    yield
    cache.clear()
