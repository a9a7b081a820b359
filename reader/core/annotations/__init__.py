"""Highlights and notes: model, SQLite store, anchoring to the article text."""
