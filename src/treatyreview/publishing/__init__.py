"""Outcome documents in their languages, their Word templates, the working language, consent and publication."""
