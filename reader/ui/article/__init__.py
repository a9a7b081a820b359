"""The article view."""
