from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class LocalGroup(models.Model):
    """A local activist group of the Section; one login may be shared by its members."""

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    region = models.CharField(max_length=200, blank=True, verbose_name=_("region"))
    contact_email = models.EmailField(_("contact e-mail"))

    class Meta:
        verbose_name = _("local group")
        verbose_name_plural = _("local groups")
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
        verbose_name=_("local group"),
    )
    # Chosen with the language switcher; empty: the browser's language decides.
    language = models.CharField(
        max_length=10, choices=settings.LANGUAGES, blank=True, verbose_name=_("language")
    )


class ApiToken(models.Model):
    """A key for the REST API, created and revoked by its user on the profile page.

    Only a hash is stored: the key is shown once, when it is made. `prefix` (the
    key's first characters) lets the user tell their keys apart in the list."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(
        max_length=100,
        help_text=_("What the key is for, e.g. the website."),
        verbose_name=_("name"),
    )
    prefix = models.CharField(max_length=8, verbose_name=_("prefix"))
    key_hash = models.CharField(max_length=64, unique=True, verbose_name=_("key hash"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last used at"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
