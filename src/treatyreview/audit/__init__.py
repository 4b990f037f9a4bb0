"""Append-only, hash-chained log of every change (and, later, every confidential read)."""
