"""Migration history stays linear: parallel branches are rebased, never merged."""

from django.db.migrations.loader import MigrationLoader

PROJECT_APPS = {"accounts", "partnerships", "outreach", "risk", "evaluation", "dashboard"}


def test_no_app_has_a_merge_migration_or_two_leaves(db):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    merges = [
        key
        for key, migration in loader.disk_migrations.items()
        if key[0] in PROJECT_APPS
        and sum(1 for dep in migration.dependencies if dep[0] == key[0]) > 1
    ]
    leaves = {app: loader.graph.leaf_nodes(app) for app in PROJECT_APPS}
    assert merges == [], f"merge migrations: {merges}; renumber the branch's migration instead"
    assert all(len(nodes) <= 1 for nodes in leaves.values()), leaves
