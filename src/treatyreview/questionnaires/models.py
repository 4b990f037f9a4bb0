"""The models of the questionnaires app, each in the subpackage of its domain: saq (the templates), answers."""

from treatyreview.questionnaires.answers.models import Answer, AnswerRevision, Questionnaire
from treatyreview.questionnaires.saq.models import Question, QuestionnaireTemplate, TemplateVersion

__all__ = ["Answer", "AnswerRevision", "Question", "Questionnaire", "QuestionnaireTemplate", "TemplateVersion"]
