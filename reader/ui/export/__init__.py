"""Notes export and import in the window: the PDF handout and the File menu dialogs."""
