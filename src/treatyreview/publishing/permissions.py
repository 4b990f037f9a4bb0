"""Who may read and act on a review's outcome documents, its working language and consent to publication.

Readers of anything not published: the review's participants (the State under review's focal point, experts and
observers; the reviewing States' focal points and experts) and the secretariat. Published documents are read
by everyone on the public pages, in the languages consented to, and nothing else of the review.
"""

from __future__ import annotations

from typing import Any

from treatyreview.accounts.permissions import Visitor
from treatyreview.mechanism import workflow
from treatyreview.questionnaires.answers.permissions import under_review_roles
from treatyreview.reviews.phases.selectors import review_roles


def can_read_review_documents(user: Visitor, review: Any) -> bool:
    return bool(review_roles(user, review)) or bool(under_review_roles(user, review))


def roles_in(user: Visitor, review: Any) -> frozenset[str]:
    return frozenset(review_roles(user, review))


def is_focal_point_under_review(user: Visitor, review: Any) -> bool:
    """Consent to publication is the State under review's, given by its focal point alone."""
    return workflow.FOCAL_POINT in review_roles(user, review)


def is_secretariat_of(user: Visitor, review: Any) -> bool:
    return workflow.SECRETARIAT in review_roles(user, review)
