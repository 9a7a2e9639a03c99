from django.db import models
from django.urls import reverse

from partnerships.models import Organisation


class Sector(models.Model):
    """An organised part of society that outreach targets (seed 001's chapters)."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    # Held here so that partnerships never imports outreach.
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="sectors")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outreach:sector_detail", kwargs={"slug": self.slug})


class Keyword(models.Model):
    """The one keyword vocabulary shared by contacts, publications and Urgent Actions."""

    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
