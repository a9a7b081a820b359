"""Package data: the bundled archive, stylesheets and icons (read with importlib.resources)."""
