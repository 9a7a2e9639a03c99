from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from outreach.models import Publication

from .fields import DateInput, KeywordsField

MAX_FILE_SIZE = 20 * 2**20
ALLOWED_EXTENSIONS = ["pdf", "doc", "docx", "odt", "rtf", "txt", "html", "epub"]


class PublicationForm(forms.ModelForm):
    keywords = KeywordsField()
    file = forms.FileField(
        required=False,
        validators=[FileExtensionValidator(ALLOWED_EXTENSIONS)],
        help_text=f"{', '.join(ALLOWED_EXTENSIONS)}; at most 20 MB.",
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = Publication
        fields = ["title", "reference", "published_on", "keywords", "url", "file", "summary"]
        widgets = {"published_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and getattr(upload, "size", 0) > MAX_FILE_SIZE:
            raise forms.ValidationError(
                f"The file is larger than {MAX_FILE_SIZE // 2**20} MB: upload a smaller copy or give a link."
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("file") and not self.instance.file:
            raise forms.ValidationError(_("Give a link to the publication or upload its file."))
        return cleaned
