"""Date formats per language where the platform differs from Django's (`FORMAT_MODULE_PATH`; ADR 0023)."""
