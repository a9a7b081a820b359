"""Highlights and notes on the article view: controller, notes list, editor."""
