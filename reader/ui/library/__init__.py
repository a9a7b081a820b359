"""The library pane: the archive's articles."""
