"""The models of the publishing app: outcome documents, their versions per language, Word templates, the working
language of a review, consent and publication."""

__all__: list[str] = []
