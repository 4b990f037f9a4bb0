"""The questionnaires' part of the demo: the published `untoc-saq` template (see `saq/demo.py`)."""

from treatyreview.questionnaires.saq.demo import DEMO_TEMPLATE, demo_template_create

__all__ = ["DEMO_TEMPLATE", "demo_template_create"]
