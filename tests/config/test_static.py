from django.core.management import call_command


def test_collectstatic_succeeds_with_the_production_manifest_storage(settings, tmp_path):
    # Every vendored file's references (source maps, fonts) must resolve, or
    # production serves 500s until someone notices.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert any(tmp_path.glob("vendor/bootstrap/bootstrap.min.*.css"))
