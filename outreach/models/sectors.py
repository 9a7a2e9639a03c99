from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config.queries import RowCount
from partnerships.models import Organisation


class SectorQuerySet(models.QuerySet):
    def with_organisation_count(self) -> "SectorQuerySet":
        """`organisation_count` on each sector, counted through the links' index."""
        links = Sector.organisations.through.objects.filter(sector=models.OuterRef("pk"))
        return self.annotate(organisation_count=RowCount(links))


class Sector(models.Model):
    """An organised part of society that outreach targets (seed 001's chapters)."""

    name = models.CharField(max_length=120, unique=True, verbose_name=_("name"))
    slug = models.SlugField(max_length=120, unique=True, verbose_name=_("slug"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    # Held here so that partnerships never imports outreach.
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="sectors", verbose_name=_("organisations")
    )

    objects = SectorQuerySet.as_manager()

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outreach:sector_detail", kwargs={"slug": self.slug})


class Keyword(models.Model):
    """The one keyword vocabulary shared by contacts, publications and Urgent Actions."""

    name = models.CharField(max_length=80, unique=True, verbose_name=_("name"))

    class Meta:
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
