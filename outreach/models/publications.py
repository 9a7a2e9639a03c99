"""The Section's publications, keyworded so that contacts receive what matches their interests."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .sectors import Keyword


class Publication(models.Model):
    title = models.CharField(max_length=255, verbose_name=_("title"))
    reference = models.CharField(
        max_length=60,
        blank=True,
        help_text=_("The index number, e.g. ACT 70/01/91."),
        verbose_name=_("reference"),
    )
    published_on = models.DateField(verbose_name=_("published on"))
    keywords = models.ManyToManyField(
        Keyword, blank=True, related_name="publications", verbose_name=_("keywords")
    )
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(upload_to="publications/%Y/", blank=True, verbose_name=_("file"))
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
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
