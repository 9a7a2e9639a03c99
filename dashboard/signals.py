"""Cached dashboard sections a user's own change makes out of date."""

from outreach.models import Approach

from .sections import user_sections_changed


def approach_changed(sender, instance: Approach, **kwargs) -> None:
    # A follow-up planned, done, moved or deleted: its owner's "My follow-ups due".
    user_sections_changed(instance.follow_up_owner_id)
    if instance.created_by_id != instance.follow_up_owner_id:
        user_sections_changed(instance.created_by_id)
