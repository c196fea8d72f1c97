"""Pure string functions shared by every matcher: normalisation (width, case, dots, variants)."""
