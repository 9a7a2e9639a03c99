"""The shared cache: Django's Redis backend, keeping one client per connection pool.

Django's client builds a new `redis.Redis` for every call. Building one took 54 µs
here, more than the GET it served (29 µs), and a signed-in page reads the cache several
times (its session, the dashboard's sections, throttling). A `redis.Redis` holds nothing
of its own between commands: the pool it draws connections from is already shared, and
is safe across threads and forks."""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # the pools live as long as this client
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
