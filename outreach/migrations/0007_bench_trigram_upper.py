"""Trigram indexes that the contact search can use: Django's `icontains` compares
UPPER(column) on PostgreSQL, so the index is on that expression (0005 indexed the
bare columns, which `icontains` never reads)."""

from django.db import migrations


def _on_postgresql(statements: list[str]):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return  # trigram indexes are PostgreSQL's; SQLite searches without them
        for statement in statements:
            schema_editor.execute(statement)

    return run


COLUMNS = ["first_name", "last_name", "email", "occupation"]
FORWARD = [f"DROP INDEX IF EXISTS contact_{column}_trgm" for column in COLUMNS] + [
    f"CREATE INDEX IF NOT EXISTS contact_{column}_upper_trgm ON outreach_contact "
    f"USING gin (UPPER({column}) gin_trgm_ops)"
    for column in COLUMNS
]
BACKWARD = [f"DROP INDEX IF EXISTS contact_{column}_upper_trgm" for column in COLUMNS]


class Migration(migrations.Migration):
    dependencies = [("outreach", "0006_bench_indexes")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD))]
