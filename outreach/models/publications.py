"""The Section's publications, keyworded so that contacts receive what matches their interests."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .sectors import Keyword


class Publication(models.Model):
    title = models.CharField(max_length=255)
    reference = models.CharField(
        max_length=60, blank=True, help_text=_("The index number, e.g. ACT 70/01/91.")
    )
    published_on = models.DateField()
    keywords = models.ManyToManyField(Keyword, blank=True, related_name="publications")
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(upload_to="publications/%Y/", blank=True)
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="publication_has_link_or_file"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.reference})" if self.reference else self.title

    def get_absolute_url(self) -> str:
        return reverse("outreach:publication_detail", kwargs={"pk": self.pk})
