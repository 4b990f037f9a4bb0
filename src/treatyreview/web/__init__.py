"""Base templates, static assets, the home page and public pages."""
