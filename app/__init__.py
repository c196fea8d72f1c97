"""BlindMask desktop app (PySide6): review, edit and confirm masks page by page, then export.

Everything here sits on top of `redaction/`; the core never imports this package or Qt.
"""
