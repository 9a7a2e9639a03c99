"""A global send rate limit shared by every worker process.

Celery's own `rate_limit` counts per worker process, so four processes on two
machines would send four times the provider's limit. With a Redis broker the
processes share a fixed one-second window in Redis (INCR on a key per second);
a process that finds the window full sleeps until the next one. Without Redis
(the filesystem broker of `make run`) the limit is enforced per process only.
"""

import time

from django.conf import settings

WINDOW_KEY = "partnerdesk:mail-rate:{second}"


class RateLimiter:
    def __init__(self, per_second: float, redis_url: str | None = None) -> None:
        self.per_second = per_second
        self._redis = None
        if per_second and redis_url and redis_url.startswith("redis"):
            import redis

            self._redis = redis.Redis.from_url(redis_url)
        self._next_local = 0.0

    def acquire(self) -> None:
        """Block until one more message may be sent."""
        if not self.per_second:
            return
        if self._redis is None:
            self._acquire_local()
            return
        while True:
            second = int(time.time())
            key = WINDOW_KEY.format(second=second)
            pipe = self._redis.pipeline()
            pipe.incr(key)
            pipe.expire(key, 5)
            used, _ = pipe.execute()
            if used <= self.per_second:
                return
            time.sleep(max(0.0, second + 1 - time.time()))

    def _acquire_local(self) -> None:
        now = time.monotonic()
        if self._next_local > now:
            time.sleep(self._next_local - now)
        self._next_local = max(now, self._next_local) + 1 / self.per_second


def mail_rate_limiter() -> RateLimiter:
    return RateLimiter(settings.MAILING_RATE_LIMIT, settings.CELERY_BROKER_URL)
