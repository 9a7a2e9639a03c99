from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class LocalGroup(models.Model):
    """A local activist group of the Section; one login may be shared by its members."""

    name = models.CharField(max_length=200, unique=True)
    region = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    local_group = models.ForeignKey(
        LocalGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("The local group this login belongs to (local group users only)."),
    )
    # Chosen with the language switcher; empty: the browser's language decides.
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, blank=True)
