"""Answering a phase's self-assessment questionnaire: drafts by the State's experts, cleared by its focal point."""
