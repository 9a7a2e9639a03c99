"""The typo search's trigram index also holds each core name's length (issue 12's bench).

A typo or two never changes a name's length by more than two letters, so the check asks
for the length as well as the trigram similarity. In one GIN index (the length through
btree_gin) PostgreSQL narrows "Dorfal Justice" to the few hundred names of about its
length, instead of rechecking the four thousand that share the common word "justice".
The index serves `core_key % ...` alone as well, so it replaces the trigram-only one."""

from django.db import migrations

OLD_INDEX = "partnerships_organisation_core_key_trgm"
NEW_INDEX = "partnerships_organisation_core_key_trgm_length"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NEW_INDEX} ON partnerships_organisation "
            "USING gin (core_key gin_trgm_ops, length(core_key))"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def restore_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} "
            "ON partnerships_organisation USING gin (core_key gin_trgm_ops)"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {NEW_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0009_rules_request_email_sweeper"),
    ]

    operations = [migrations.RunPython(create_index, restore_index)]
