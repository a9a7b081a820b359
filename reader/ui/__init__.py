"""The Qt widgets: each pane is a view over its own model class."""
