"""Top-level windows and dialogs composed from widgets and actions."""
