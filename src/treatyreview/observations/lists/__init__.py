"""Lists of observations, their suggestions and technical-assistance needs, and the summaries drafted from them."""
