"""Dialogs: keyboard shortcuts, about."""
