"""Reusable widgets: the page canvas and the panels around it."""
