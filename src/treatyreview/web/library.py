"""What the knowledge library needs from the apps above it, connected once at start-up (`WebConfig.ready`).

The library sits beside the reviews and below the questionnaires (pyproject's layers contract), so it cannot
ask them who reviews a State or which answers cite a record; it offers hooks, and this module fills them:
- the reviewing States' focal points, experts and observers read the restricted records of the State they
  review (still through `knowledge.selectors.access_record`, which logs the read);
- a record's page lists the answers citing it to those who may read their questionnaires.
"""

from __future__ import annotations

from treatyreview.knowledge import extensions, permissions
from treatyreview.questionnaires.answers.views import citing_answers_section
from treatyreview.reviews.phases.selectors import states_reviewed_by


def connect() -> None:
    permissions.register_reviewed_states(states_reviewed_by)
    extensions.register_record_section(citing_answers_section)
