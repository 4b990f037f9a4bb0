"""Lists of observations, suggestions, technical-assistance needs and summaries; and the full-text index over the
suggestions (FTS5 with triggers on SQLite, a GIN index on PostgreSQL, as the knowledge library's: ADR 0013, 0019)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE observations_suggestion_fts USING fts5(terms, content='observations_recommendation', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER observations_suggestion_fts_insert AFTER INSERT ON observations_recommendation BEGIN "
    "INSERT INTO observations_suggestion_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER observations_suggestion_fts_delete AFTER DELETE ON observations_recommendation BEGIN "
    "INSERT INTO observations_suggestion_fts(observations_suggestion_fts, rowid, terms) "
    "VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER observations_suggestion_fts_update AFTER UPDATE OF terms ON observations_recommendation BEGIN "
    "INSERT INTO observations_suggestion_fts(observations_suggestion_fts, rowid, terms) "
    "VALUES ('delete', old.id, old.terms); "
    "INSERT INTO observations_suggestion_fts(rowid, terms) VALUES (new.id, new.terms); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS observations_suggestion_fts_update",
    "DROP TRIGGER IF EXISTS observations_suggestion_fts_delete",
    "DROP TRIGGER IF EXISTS observations_suggestion_fts_insert",
    "DROP TABLE IF EXISTS observations_suggestion_fts",
]
# A column PostgreSQL computes from the terms, unknown to the model and so never written by it, and its GIN
# index; `treatyreview.observations.lists.consistency` reads it as `r.vector`.
POSTGRES = [
    "ALTER TABLE observations_recommendation ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, terms)) STORED",
    "CREATE INDEX observations_recommendation_fts ON observations_recommendation USING gin (vector)",
]
POSTGRES_REVERSE = ["DROP INDEX IF EXISTS observations_recommendation_fts",
                    "ALTER TABLE observations_recommendation DROP COLUMN IF EXISTS vector"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('observations', '0001_initial'),
        ('registry', '0004_expert_proposals'),
        ('reviews', '0007_reminders_and_calendar_feeds'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Comment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('subject', models.CharField(choices=[('list', 'list of observations'), ('summary', 'summary')], max_length=10)),
                ('text', models.TextField(verbose_name='comment')),
                ('version', models.PositiveIntegerField()),
                ('written_at', models.DateTimeField(auto_now_add=True, verbose_name='written at')),
                ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.article')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('phase', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.phase')),
            ],
            options={
                'verbose_name': 'comment',
                'verbose_name_plural': 'comments',
                'ordering': ['phase', 'subject', 'written_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ObservationList',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stage', models.CharField(choices=[('draft', 'draft'), ('agreed_by_reviewing', 'agreed by the reviewing States'), ('agreed_by_under_review', 'agreed by the State under review'), ('final', 'final')], default='draft', max_length=30, verbose_name='stage')),
                ('version', models.PositiveIntegerField(default=1)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='begun at')),
                ('final_at', models.DateTimeField(blank=True, null=True, verbose_name='final on')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('phase', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='observation_list', to='reviews.phase')),
            ],
            options={
                'verbose_name': 'list of observations',
                'verbose_name_plural': 'lists of observations',
            },
        ),
        migrations.CreateModel(
            name='Observation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('implementation', models.TextField(blank=True, verbose_name='implementation as the State describes it')),
                ('successes', models.TextField(blank=True, verbose_name='successes and good practices')),
                ('challenges', models.TextField(blank=True, verbose_name='challenges')),
                ('version', models.PositiveIntegerField(default=1)),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='saved at')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.article')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('observation_list', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='observations', to='observations.observationlist')),
            ],
            options={
                'verbose_name': 'observation',
                'verbose_name_plural': 'observations',
            },
        ),
        migrations.CreateModel(
            name='AssistanceNeed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('legislative_drafting', 'legislative drafting'), ('capacity_building', 'capacity building'), ('institution_building', 'institution building'), ('equipment', 'equipment'), ('data_collection', 'data collection'), ('other', 'other')], max_length=30, verbose_name='type of assistance')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('already_received', models.BooleanField(default=False, verbose_name='assistance already received')),
                ('version', models.PositiveIntegerField(default=1)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.article')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('observation_list', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='needs', to='observations.observationlist')),
            ],
            options={
                'verbose_name': 'technical assistance need',
                'verbose_name_plural': 'technical assistance needs',
                'ordering': ['observation_list', 'article', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Recommendation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='suggestion')),
                ('language', models.CharField(blank=True, max_length=10, verbose_name='language of the suggestion')),
                ('terms', models.TextField(blank=True, editable=False)),
                ('version', models.PositiveIntegerField(default=1)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='written at')),
                ('follow_up_status', models.CharField(choices=[('not_started', 'not started'), ('in_progress', 'in progress'), ('implemented', 'implemented'), ('no_longer_relevant', 'no longer relevant')], default='not_started', max_length=20, verbose_name='follow-up')),
                ('follow_up_note', models.TextField(blank=True, verbose_name='note on the follow-up')),
                ('follow_up_on', models.DateField(blank=True, null=True, verbose_name='follow-up as of')),
                ('follow_up_version', models.PositiveIntegerField(default=1)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.article')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('observation_list', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='recommendations', to='observations.observationlist')),
            ],
            options={
                'verbose_name': 'suggestion',
                'verbose_name_plural': 'suggestions',
                'ordering': ['observation_list', 'article', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='FollowUp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('not_started', 'not started'), ('in_progress', 'in progress'), ('implemented', 'implemented'), ('no_longer_relevant', 'no longer relevant')], max_length=20, verbose_name='follow-up')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('on', models.DateField(verbose_name='as of')),
                ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('recommendation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='follow_ups', to='observations.recommendation')),
            ],
            options={
                'verbose_name': 'follow-up of a suggestion',
                'verbose_name_plural': 'follow-ups of suggestions',
                'ordering': ['recommendation', 'recorded_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Snapshot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('subject', models.CharField(choices=[('list', 'list of observations'), ('summary', 'summary')], max_length=10)),
                ('version', models.PositiveIntegerField()),
                ('stage', models.CharField(choices=[('draft', 'draft'), ('agreed_by_reviewing', 'agreed by the reviewing States'), ('agreed_by_under_review', 'agreed by the State under review'), ('final', 'final')], max_length=30, verbose_name='stage')),
                ('content', models.JSONField(default=dict)),
                ('saved_at', models.DateTimeField(auto_now_add=True, verbose_name='saved at')),
                ('phase', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.phase')),
                ('saved_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'saved version',
                'verbose_name_plural': 'saved versions',
                'ordering': ['phase', 'subject', 'version'],
            },
        ),
        migrations.CreateModel(
            name='Summary',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stage', models.CharField(choices=[('draft', 'draft'), ('agreed_by_reviewing', 'agreed by the reviewing States'), ('agreed_by_under_review', 'agreed by the State under review'), ('final', 'final')], default='draft', max_length=30, verbose_name='stage')),
                ('introduction', models.TextField(blank=True, verbose_name='introduction')),
                ('successes', models.TextField(blank=True, verbose_name='successes and good practices')),
                ('challenges', models.TextField(blank=True, verbose_name='challenges')),
                ('assistance_needs', models.TextField(blank=True, verbose_name='technical assistance needs')),
                ('version', models.PositiveIntegerField(default=1)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='begun at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='saved at')),
                ('final_at', models.DateTimeField(blank=True, null=True, verbose_name='final on')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('phase', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='summary', to='reviews.phase')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'summary',
                'verbose_name_plural': 'summaries',
            },
        ),
        migrations.CreateModel(
            name='Agreement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('subject', models.CharField(choices=[('list', 'list of observations'), ('summary', 'summary')], max_length=10)),
                ('step', models.CharField(max_length=30)),
                ('version', models.PositiveIntegerField()),
                ('agreed_at', models.DateTimeField(auto_now_add=True, verbose_name='agreed at')),
                ('agreed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('phase', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reviews.phase')),
                ('state', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.state')),
            ],
            options={
                'verbose_name': 'agreement',
                'verbose_name_plural': 'agreements',
                'ordering': ['phase', 'subject', 'agreed_at', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('phase', 'subject', 'step', 'state', 'version'), name='one_agreement_per_state_and_version')],
            },
        ),
        migrations.AddConstraint(
            model_name='observationlist',
            constraint=models.CheckConstraint(condition=models.Q(('stage__in', ['draft', 'agreed_by_reviewing', 'agreed_by_under_review', 'final'])), name='observation_list_stage_known'),
        ),
        migrations.AddConstraint(
            model_name='observationlist',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('stage', 'final'), _negated=True), ('final_at__isnull', False), _connector='OR'), name='final_observation_list_has_date'),
        ),
        migrations.AddConstraint(
            model_name='observation',
            constraint=models.UniqueConstraint(fields=('observation_list', 'article'), name='one_observation_per_article'),
        ),
        migrations.AddConstraint(
            model_name='assistanceneed',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['legislative_drafting', 'capacity_building', 'institution_building', 'equipment', 'data_collection', 'other'])), name='assistance_need_kind_known'),
        ),
        migrations.AddIndex(
            model_name='recommendation',
            index=models.Index(fields=['article', 'observation_list'], name='observation_article_08c284_idx'),
        ),
        migrations.AddConstraint(
            model_name='recommendation',
            constraint=models.CheckConstraint(condition=models.Q(('follow_up_status__in', ['not_started', 'in_progress', 'implemented', 'no_longer_relevant'])), name='recommendation_follow_up_known'),
        ),
        migrations.AddConstraint(
            model_name='snapshot',
            constraint=models.UniqueConstraint(fields=('phase', 'subject', 'version'), name='one_snapshot_per_version'),
        ),
        migrations.AddConstraint(
            model_name='summary',
            constraint=models.CheckConstraint(condition=models.Q(('stage__in', ['draft', 'agreed_by_reviewing', 'agreed_by_under_review', 'final'])), name='summary_stage_known'),
        ),
        migrations.AddConstraint(
            model_name='summary',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('stage', 'final'), _negated=True), ('final_at__isnull', False), _connector='OR'), name='final_summary_has_date'),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
