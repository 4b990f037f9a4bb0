"""The models of the observations app, each in the subpackage of its domain: dialogue (written feedback, threads,
meetings), lists (lists of observations, suggestions, technical-assistance needs, summaries)."""

__all__: list[str] = []
