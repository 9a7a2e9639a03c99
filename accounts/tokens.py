"""API tokens: made and revoked by their user, stored hashed, last use recorded."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ApiToken, User

# Recording every request's use would be one UPDATE per API call: once a minute is
# precise enough for "last used".
LAST_USE_RESOLUTION = timedelta(minutes=1)
PREFIX_LENGTH = 8


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token and its key; the key is returned this once and never stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), prefix=key[:PREFIX_LENGTH], key_hash=_hash(key))
    token.full_clean()
    token.save()
    return token, key


def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Delete one of the user's own tokens; False when it is not theirs (or gone)."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return bool(deleted)


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The token with this key, its user active, with its last use recorded."""
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user").filter(key_hash=_hash(key), user__is_active=True)
    ).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_RESOLUTION:
        # Conditional, so concurrent requests with one key write once.
        ApiToken.objects.filter(pk=token.pk).exclude(
            last_used_at__gt=now - LAST_USE_RESOLUTION
        ).update(last_used_at=now)
        token.last_used_at = now
    return token
