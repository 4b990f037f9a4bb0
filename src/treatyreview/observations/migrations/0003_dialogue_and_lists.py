# The dialogue's tables and the lists' tables were added side by side on 0001; this joins the two.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("observations", "0002_dialogue"),
        ("observations", "0002_lists"),
    ]

    operations: list[migrations.operations.base.Operation] = []
