"""Trigram indexes that the registry search can use: Django's `icontains` compares
UPPER(column) on PostgreSQL, so the index is on that expression (0002 indexed the
bare acronym and website domain, which `icontains` never reads). `name_key` is
matched with a case-sensitive `contains` and keeps its index from 0002."""

from django.db import migrations


def _on_postgresql(statements: list[str]):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return  # trigram indexes are PostgreSQL's; SQLite searches without them
        for statement in statements:
            schema_editor.execute(statement)

    return run


UPPER_TRIGRAM = [
    ("organisation_acronym_upper_trgm", "acronym"),
    ("organisation_website_domain_upper_trgm", "website_domain"),
]
FORWARD = [
    "DROP INDEX IF EXISTS organisation_acronym_trgm",
    "DROP INDEX IF EXISTS organisation_website_domain_trgm",
] + [
    f"CREATE INDEX IF NOT EXISTS {name} ON partnerships_organisation "
    f"USING gin (UPPER({column}) gin_trgm_ops)"
    for name, column in UPPER_TRIGRAM
]
BACKWARD = [f"DROP INDEX IF EXISTS {name}" for name, _ in UPPER_TRIGRAM]


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0005_bench_indexes")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD))]
