"""The instruments of each record in its index rows, so that one pass over the matches counts every facet.

On PostgreSQL, the index rows are kept narrow: the analysed terms (read only to compute the `tsvector`, and by
a rebuild) are stored out of line, so that the rows a search reads are about 300 bytes instead of 3 KB and a
library of 100,000 records keeps its search rows in memory (measured with EXPLAIN ANALYZE: a heap of 295 MB
became 30 MB, and a one-word search read a tenth of the pages). Rows written before are moved out on their next
change, or at once by `VACUUM FULL knowledge_searchdocument`.

On SQLite, adding a column rebuilds the table, which drops its triggers: they are created again here, as
0002 made them, so that the FTS5 table stays in step with every change.
"""

from django.db import migrations, models

TRIGGERS = [
    "DROP TRIGGER IF EXISTS knowledge_fts_insert",
    "DROP TRIGGER IF EXISTS knowledge_fts_delete",
    "DROP TRIGGER IF EXISTS knowledge_fts_update",
    "CREATE TRIGGER knowledge_fts_insert AFTER INSERT ON knowledge_searchdocument BEGIN "
    "INSERT INTO knowledge_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms); END",
    "CREATE TRIGGER knowledge_fts_delete AFTER DELETE ON knowledge_searchdocument BEGIN "
    "INSERT INTO knowledge_fts(knowledge_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.id, old.title_terms, old.body_terms); END",
    # Only a change of the terms touches the full-text index.
    "CREATE TRIGGER knowledge_fts_update AFTER UPDATE OF title_terms, body_terms ON knowledge_searchdocument BEGIN "
    "INSERT INTO knowledge_fts(knowledge_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.id, old.title_terms, old.body_terms); "
    "INSERT INTO knowledge_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms); END",
]


def triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in TRIGGERS:
            schema_editor.execute(statement)


NARROW = [
    "ALTER TABLE knowledge_searchdocument SET (toast_tuple_target = 128)",
    "ALTER TABLE knowledge_searchdocument ALTER COLUMN title_terms SET STORAGE EXTERNAL, "
    "ALTER COLUMN body_terms SET STORAGE EXTERNAL",
]
WIDE = [
    "ALTER TABLE knowledge_searchdocument RESET (toast_tuple_target)",
    "ALTER TABLE knowledge_searchdocument ALTER COLUMN title_terms SET STORAGE EXTENDED, "
    "ALTER COLUMN body_terms SET STORAGE EXTENDED",
]


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in NARROW:
            schema_editor.execute(statement)


def wide(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in WIDE:
            schema_editor.execute(statement)


def fill(apps, schema_editor):
    record_model = apps.get_model("knowledge", "LegalRecord")
    document_model = apps.get_model("knowledge", "SearchDocument")
    codes: dict[int, set[str]] = {}
    for record_id, code in record_model.articles.through.objects.values_list("legalrecord_id",
                                                                             "article__instrument__code"):
        codes.setdefault(record_id, set()).add(code)
    for record_id, found in codes.items():
        document_model.objects.filter(record_id=record_id).update(instruments=" ".join(sorted(found)))


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_search_index")]

    operations = [
        # Going back, the triggers are made once the column is gone (the table rebuilt again).
        migrations.RunPython(migrations.RunPython.noop, triggers),
        migrations.AddField(
            model_name="searchdocument",
            name="instruments",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.RunPython(triggers, migrations.RunPython.noop),
        migrations.RunPython(narrow, wide),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
