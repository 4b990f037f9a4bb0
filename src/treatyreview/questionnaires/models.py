"""The models of the questionnaires app, each in the subpackage of its domain: saq (the templates)."""

from treatyreview.questionnaires.saq.models import Question, QuestionnaireTemplate, TemplateVersion

__all__ = ["Question", "QuestionnaireTemplate", "TemplateVersion"]
