from config.widgets import QuickSelect


def test_quick_select_renders_the_options_and_marks_the_chosen_one():
    widget = QuickSelect(choices=[("", "Any"), ("NL", "Netherlands"), ("BE", "<Belgium>")])
    html = widget.render("country", "NL", attrs={"id": "id_country", "class": "form-select"})
    assert html.startswith("<select ") and html.endswith("</select>")
    assert 'name="country"' in html and 'class="form-select"' in html
    assert '<option value="NL" selected>Netherlands</option>' in html
    assert '<option value="">Any</option>' in html
    assert "&lt;Belgium&gt;" in html


def test_quick_select_escapes_values_once_and_keeps_safe_labels():
    from django.utils.safestring import mark_safe

    widget = QuickSelect(choices=[('a"b', mark_safe("<b>Bold</b>")), (None, "None")])
    html = widget.render("field", None)
    assert '<option value="a&quot;b"><b>Bold</b></option>' in html
    assert '<option value="" selected>None</option>' in html  # no value: the empty one
