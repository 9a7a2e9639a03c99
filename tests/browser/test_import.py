import pytest
from playwright.sync_api import expect

from outreach.models import Contact

pytestmark = pytest.mark.browser

CSV = (
    "first_name,last_name,email,sectors,mailing_consent,consent_source\n"
    "Ana,Lima,ana.lima@example.org,Trade unions,yes,signed up at the May Day stall\n"
    "Bob,Smit,bob-at-example.org,Trade unions,no,\n"
    "Cleo,Diaz,cleo.diaz@example.org,,no,\n"
)


def test_staff_import_a_csv_with_one_bad_row_and_nothing_is_imported(
    page, live_server, login, csp_violations, tmp_path, navigate
):
    login("staff")
    before = Contact.objects.count()
    upload = tmp_path / "contacts.csv"
    upload.write_text(CSV, encoding="utf-8")

    navigate("Import", "Outreach")
    expect(page.get_by_role("heading", name="Import contacts or organisations")).to_be_visible()
    page.get_by_label("What to import").select_option("contacts")
    page.get_by_label("CSV file").set_input_files(str(upload))
    page.get_by_role("button", name="Check the file").click()

    preview = page.locator("#import-preview")
    bad_row = preview.get_by_role("row").filter(has_text="Bob Smit")
    expect(bad_row).to_contain_text("email: not a valid e-mail address")
    expect(bad_row).to_contain_text("3")  # its line in the file
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
    assert Contact.objects.count() == before
    assert not Contact.objects.filter(email="ana.lima@example.org").exists()
    assert csp_violations == []


def test_staff_import_a_good_csv_after_the_preview(page, live_server, login, tmp_path):
    login("staff")
    upload = tmp_path / "contacts.csv"
    upload.write_text(CSV.replace("bob-at-example.org", "bob@example.org"), encoding="utf-8")
    page.goto(f"{live_server.url}/outreach/import/")
    page.get_by_label("CSV file").set_input_files(str(upload))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("3 to create and 0 to update")).to_be_visible()
    page.get_by_role("button", name="Import 3 rows").click()
    expect(page.get_by_role("heading", name="Contacts")).to_be_visible()
    expect(page.get_by_text("3 new and 0 updated contacts")).to_be_visible()
    assert Contact.objects.filter(email="bob@example.org").exists()


def test_staff_import_a_big_csv_through_its_job_page(
    page, live_server, login, tmp_path, settings, csp_violations
):
    """Over IMPORT_JOB_MIN_ROWS rows the file goes to a job; tasks run eagerly here, so
    the job page already shows the finished check, then the import."""
    from tests.browser.layout import screenshot

    settings.IMPORT_JOB_MIN_ROWS = 3
    login("staff")
    upload = tmp_path / "big.csv"
    rows = "".join(f"Ana,Lima{n},ana{n}@example.org,,no,\n" for n in range(5))
    upload.write_text(CSV.splitlines()[0] + "\n" + rows, encoding="utf-8")
    page.goto(f"{live_server.url}/outreach/import/")
    page.get_by_label("CSV file").set_input_files(str(upload))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Importing big.csv")).to_be_visible()
    expect(page.get_by_text("5 to create and 0 to update")).to_be_visible()
    screenshot(page, "import-job-checked")
    page.get_by_role("button", name="Import 5 rows").click()
    expect(page.locator("#import-status")).to_have_text("Imported")
    expect(page.get_by_text("5 created and 0 updated.")).to_be_visible()
    screenshot(page, "import-job-imported")
    assert Contact.objects.filter(email__startswith="ana").count() == 5
    assert csp_violations == []
