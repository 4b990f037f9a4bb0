"""Signed-in clients for the calendars pages."""

from tests.reviews.clients import client_as

__all__ = ["client_as"]
