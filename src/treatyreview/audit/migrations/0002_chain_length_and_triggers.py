"""The chain head records the chain's length; the database refuses UPDATE and DELETE of audit events.

Any later migration that rebuilds the event table on SQLite (which drops its triggers) must call
`triggers.install` again; `verify-audit` reports missing triggers.
"""

from django.db import migrations, models

from treatyreview.audit import triggers

GENESIS = "0" * 64


def fill_length(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    newest = AuditEvent.objects.order_by("-id").first()
    head, _created = AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
    head.length = AuditEvent.objects.count()
    head.last_hash = newest.hash if newest else GENESIS
    head.save()


def install_triggers(apps, schema_editor):
    triggers.install(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    triggers.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditchainhead",
            name="length",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.RunPython(fill_length, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, drop_triggers),
    ]
