"""Written feedback and dialogue, lists of observations, suggestions, technical-assistance needs and summaries."""
