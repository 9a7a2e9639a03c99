from django import forms

from outreach.models import Publication

from .fields import DateInput, KeywordsField


class PublicationForm(forms.ModelForm):
    keywords = KeywordsField()
    url = forms.URLField(label="Link", required=False, assume_scheme="https")

    class Meta:
        model = Publication
        fields = ["title", "reference", "published_on", "keywords", "url", "file", "summary"]
        widgets = {"published_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("file") and not self.instance.file:
            raise forms.ValidationError("Give a link to the publication or upload its file.")
        return cleaned
