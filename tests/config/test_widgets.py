from config.widgets import QuickSelect


def test_quick_select_renders_the_options_and_marks_the_chosen_one():
    widget = QuickSelect(choices=[("", "Any"), ("NL", "Netherlands"), ("BE", "<Belgium>")])
    html = widget.render("country", "NL", attrs={"id": "id_country", "class": "form-select"})
    assert html.startswith("<select ") and html.endswith("</select>")
    assert 'name="country"' in html and 'class="form-select"' in html
    assert '<option value="NL" selected>Netherlands</option>' in html
    assert '<option value="">Any</option>' in html
    assert "&lt;Belgium&gt;" in html
