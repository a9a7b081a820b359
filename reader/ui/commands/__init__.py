"""The window's commands: gather input with dialogs, call a use case, hand back its outcome.

Each function receives exactly what it needs (context, archive, notes store,
file chooser...), never the main window; the window shows the outcome's
message and broadcasts its changes.
"""
