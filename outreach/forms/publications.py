from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from config.widgets import DateInput
from outreach.models import Publication

from .fields import KeywordsField

MAX_FILE_SIZE = 20 * 2**20
# Documents only: no HTML or SVG, which a browser would run as a page of this site.
ALLOWED_EXTENSIONS = ["pdf", "doc", "docx", "odt", "rtf", "txt", "epub", "png", "jpg", "jpeg"]
# What a file's first bytes must look like for the extensions that have a signature.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "epub": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "rtf": (b"{\\rtf",),
}
MARKUP = (b"<html", b"<!doctype", b"<svg", b"<script", b"<?xml")


def upload_problem(upload) -> str:
    """Why an upload is refused, or "": its content must match its allowed extension."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    expected = SIGNATURES.get(extension)
    if expected and not head.startswith(expected):
        return f"This file does not look like a .{extension} file."
    if any(marker in head.lower() for marker in MARKUP):
        return "Web pages and images with scripts (HTML, SVG) cannot be uploaded."
    return ""


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
        if upload and hasattr(upload, "content_type") and (problem := upload_problem(upload)):
            raise forms.ValidationError(problem)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("file") and not self.instance.file:
            raise forms.ValidationError(_("Give a link to the publication or upload its file."))
        return cleaned
