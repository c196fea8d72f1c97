"""GUI state without widgets: pages and regions, undo commands, settings, session."""
